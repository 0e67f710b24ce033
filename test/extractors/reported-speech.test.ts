import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../corpus/ingest.js';
import type { QuoteFinding } from '../../extractors/quotes.js';
import { nounPhraseAfter, nounPhraseBefore } from '../../extractors/reported-speech.js';
import { Pipeline } from '../../pipeline/stages.js';

const PIPELINE = new Pipeline();

function quotes(text: string): QuoteFinding[] {
  const { documents } = ingestFile({ path: 'test.txt', bytes: Buffer.from(text), sha256: 'x', kind: 'text' });
  return PIPELINE.analyze(documents[0]!).quotes;
}
/** Each quote as "kind | speaker | text", in order. */
const summary = (text: string) => quotes(text).map((q) => `${q.kind} | ${q.speaker?.name ?? '-'} | ${q.text}`);

const DE_INTRO = 'Die Behörden in Hamburg prüfen seit Wochen eine Serie von Einbrüchen in Rechenzentren.';
const EN_INTRO = 'Authorities in Leeds have been investigating a series of break-ins at data centres for weeks.';

describe('reported speech by its grammar', () => {
  it.each([
    [
      'de, source: laut',
      `${DE_INTRO} Laut Polizeisprecherin Jana Brück wurden dabei mehrere Server gestohlen.`,
      'indirect | Jana Brück | Laut Polizeisprecherin Jana Brück wurden dabei mehrere Server gestohlen',
    ],
    [
      'de, source: nach Angaben',
      `${DE_INTRO} Die Schadenssumme liegt nach Angaben der Staatsanwaltschaft Hamburg bei zwei Millionen Euro.`,
      'indirect | Staatsanwaltschaft Hamburg | Die Schadenssumme liegt nach Angaben der Staatsanwaltschaft Hamburg bei zwei Millionen Euro',
    ],
    [
      'de, source: zufolge',
      `${DE_INTRO} Einem Bericht des Hamburger Abendblatts zufolge fehlen außerdem Datenträger.`,
      'indirect | Einem Bericht des Hamburger Abendblatts | Einem Bericht des Hamburger Abendblatts zufolge fehlen außerdem Datenträger',
    ],
    [
      'en, source: according to',
      `${EN_INTRO} According to the West Yorkshire Police, several servers were stolen.`,
      'indirect | the West Yorkshire Police | According to the West Yorkshire Police, several servers were stolen',
    ],
    [
      'de, frame after the clause, inverted',
      `${DE_INTRO} Die Täter seien gut vorbereitet gewesen, sagte Kommissar Lutz Behrend am Montag.`,
      'indirect | Lutz Behrend | Die Täter seien gut vorbereitet gewesen',
    ],
    [
      'de, frame after the clause: so',
      `${DE_INTRO} Die Täter hätten genau gewusst, wonach sie suchten, so Kommissar Lutz Behrend.`,
      'indirect | Lutz Behrend | Die Täter hätten genau gewusst, wonach sie suchten',
    ],
    [
      'en, frame after the clause',
      `${EN_INTRO} The thieves were well prepared, Detective Inspector Mark Ellison said on Monday.`,
      'indirect | Mark Ellison | The thieves were well prepared',
    ],
    [
      'de, frame after the clause, words with digits in it',
      `${DE_INTRO} Die Täter hätten 5G-Router und 2FA-Schlüssel mitgenommen, sagte Kommissar Lutz Behrend.`,
      'indirect | Lutz Behrend | Die Täter hätten 5G-Router und 2FA-Schlüssel mitgenommen',
    ],
    [
      'en, frame after the clause, words with digits in it',
      `${EN_INTRO} The thieves took 5G routers and a 4K camera, Detective Inspector Mark Ellison said on Monday.`,
      'indirect | Mark Ellison | The thieves took 5G routers and a 4K camera',
    ],
    [
      'en, frame after the clause, inverted',
      `${EN_INTRO} The thieves knew exactly what they were looking for, said Detective Inspector Mark Ellison.`,
      'indirect | Mark Ellison | The thieves knew exactly what they were looking for',
    ],
    [
      'de, comparative frame',
      `${DE_INTRO} Wie die Staatsanwaltschaft Hamburg mitteilte, wurden zwei Verdächtige festgenommen.`,
      'indirect | Staatsanwaltschaft Hamburg | wurden zwei Verdächtige festgenommen',
    ],
    [
      'en, comparative frame',
      `${EN_INTRO} As the West Yorkshire Police announced, two suspects were arrested.`,
      'indirect | the West Yorkshire Police | two suspects were arrested',
    ],
  ])('%s: reported by its grammar, whatever its verb or mood', (_case, text, expected) => {
    expect(summary(text)).toEqual([expected]);
  });

  it('en: a passive after the source phrase is no frame of its own', () => {
    expect(summary(`${EN_INTRO} According to the police, the break-ins were reported on Monday.`)).toEqual([
      'indirect | the police | According to the police, the break-ins were reported on Monday',
    ]);
  });

  it('de: the source word is the cue, the source phrase the speaker’s mention', () => {
    const [quote] = quotes(`${DE_INTRO} Laut Polizeisprecherin Jana Brück wurden dabei mehrere Server gestohlen.`);
    expect(quote!.cue?.text).toBe('Laut');
    expect(quote!.speaker?.mention?.text).toBe('Jana Brück');
  });

  it.each([
    ['de, so dass', `${DE_INTRO} Die Alarmanlage fiel um Mitternacht aus, so dass niemand die Täter bemerkte.`],
    ['de, apposition', `${DE_INTRO} Auch der Betreiber der Anlage, Hans Olbrich, äußerte sich besorgt über die Lage.`],
    ['en, apposition', `${EN_INTRO} The operator of the site, Hans Olbrich, said little about the damage.`],
    [
      'en, after a quote',
      `${EN_INTRO} "Operators should change their locks immediately," said Sarah Whitfield, head of the investigation team.`,
    ],
  ])('%s: a comma before a verb is no frame unless the verb’s subject stands beside it', (_case, text) => {
    expect(summary(text).filter((q) => q.startsWith('indirect'))).toEqual([]);
  });

  it('de: "Wie berichtet" names no source', () => {
    expect(summary(`${DE_INTRO} Wie berichtet, wurden zwei Verdächtige festgenommen.`)).toEqual([]);
  });

  it('de: a demonstrative frame reports the sentence before it', () => {
    expect(
      summary(
        `${DE_INTRO} Die Täter kamen über das Dach in das Gebäude. Das erklärte Kommissar Lutz Behrend am Montag.`,
      ),
    ).toEqual(['indirect | Lutz Behrend | Die Täter kamen über das Dach in das Gebäude']);
  });

  it.each([
    ['Konjunktiv II', 'Ohne die Alarmanlage wäre der Schaden weit größer gewesen.'],
    ['reportative modal', 'Einer der Täter soll früher in einem der Rechenzentren gearbeitet haben.'],
  ])('de: a sentence in %s continues the speaker before it', (_case, sentence) => {
    const text = `${DE_INTRO} Kommissar Lutz Behrend sagte, die Täter seien gut vorbereitet gewesen. ${sentence}`;
    expect(summary(text).at(-1)).toBe(`indirect | Lutz Behrend | ${sentence.slice(0, -1)}`);
  });

  it.each([
    [
      'de, announced',
      `${DE_INTRO} Kommissar Lutz Behrend kündigte an, eine Ermittlungsgruppe zu gründen.`,
      ['indirect | Lutz Behrend | eine Ermittlungsgruppe zu gründen'],
    ],
    ['de, purpose', `${DE_INTRO} Kommissar Lutz Behrend forderte Hilfe an, um die Täter zu finden.`, []],
  ])('%s: an infinitive clause after a speech verb reports it, one of purpose does not', (_case, text, expected) => {
    expect(summary(text)).toEqual(expected);
  });

  it.each([
    [
      'de',
      `${DE_INTRO} Kommissar Lutz Behrend sagte, die Vorwürfe der Betreiber seien „völlig haltlos“.`,
      'direct | Lutz Behrend | völlig haltlos',
    ],
    [
      'en',
      `${EN_INTRO} Detective Inspector Mark Ellison said the operators’ claims were “completely baseless”.`,
      'direct | Mark Ellison | completely baseless',
    ],
  ])('%s: words quoted inside reported speech are the speaker’s, nested in it', (_language, text, expected) => {
    expect(summary(text)).toContain(expected);
  });

  it.each([
    ['de, term', `${DE_INTRO} Kommissar Lutz Behrend sagte, die Täter nutzten einen „Dietrich“.`],
    ['de, title', `${DE_INTRO} Kommissar Lutz Behrend sagte der „Hamburger Morgenpost“, die Lage sei ernst.`],
    ['en, title', `${EN_INTRO} Detective Inspector Mark Ellison told “The Yorkshire Post” that the case was serious.`],
    [
      'de, named by a noun',
      `${DE_INTRO} Kommissar Lutz Behrend sagte, die Täter seien über das Projekt „Sichere Wolke für alle“ eingedrungen.`,
    ],
    [
      'en, named by a noun',
      `${EN_INTRO} Detective Inspector Mark Ellison said the thieves had studied the film “How to rob a bank in style”.`,
    ],
  ])('%s: a term or a title in marks inside reported speech is no quote', (_case, text) => {
    expect(summary(text).filter((q) => q.startsWith('direct'))).toEqual([]);
  });
});

describe('speakers by their place in the frame', () => {
  it.each([
    [
      'de, apposition after the verb',
      'Das Landeskriminalamt ermittelt. „Die Täter kannten die Gebäude“, sagte der Leiter der Ermittlungsgruppe, Lutz Behrend, in Hamburg.',
      'Lutz Behrend',
    ],
    [
      'en, apposition before the verb',
      'The police are investigating. Sarah Whitfield, head of the investigation team, said: “The thieves knew the buildings.”',
      'Sarah Whitfield',
    ],
    [
      'de, object after the verb',
      'Kommissar Lutz Behrend leitet die Ermittlungen. „Das ist falsch“, wies er den Vorwurf der Betreiber zurück.',
      'Lutz Behrend',
    ],
    [
      'en, an abbreviated title after the verb',
      'Senator Joan Pritchard wrote to the regulator. “Our networks need better protection.” wrote Sen. Pritchard.',
      'Joan Pritchard',
    ],
    [
      'de, subject before an auxiliary',
      'Das Landeskriminalamt ermittelt. Kommissar Lutz Behrend hatte am Montag erklärt: „Die Täter kannten die Gebäude.“',
      'Lutz Behrend',
    ],
  ])('%s', (_case, text, speaker) => {
    expect(quotes(text).find((q) => q.kind === 'direct')?.speaker?.name).toBe(speaker);
  });

  it.each([
    [
      'de',
      'Innenminister Peter Albers stellte den Bericht vor. Der Minister sagte: „Wir nehmen die Einbrüche sehr ernst.“',
      'Peter Albers',
    ],
    [
      'en',
      'Home Secretary Joan Pritchard presented the report. The home secretary said: “We take these break-ins very seriously.”',
      'Joan Pritchard',
    ],
  ])('%s: a description resolves to the person introduced with its role', (_language, text, speaker) => {
    expect(quotes(text).find((q) => q.kind === 'direct')?.speaker).toMatchObject({ name: speaker });
  });

  it('de: an unnamed spokesperson is described without time words and speaks for the body named before', () => {
    const text =
      'Das Bundesamt für Sicherheit in der Informationstechnik warnte vor der Lücke. „Wir raten zu einem sofortigen Update“, sagte ein Sprecher am Mittwoch.';
    const [quote] = quotes(text);
    expect(quote!.speaker).toMatchObject({ key: null, name: 'ein Sprecher' });
    expect(quote!.speaker?.affiliation).toMatch(/^agency:/);
  });

  it('de: a question ending a quote before a capital opens the next sentence, not a frame', () => {
    const text =
      'Der Betreiber Hans Olbrich zeigte sich ratlos. Er fragte: „Wer hat die Schlüssel weitergegeben?“ Greenpeace fordert mehr Kontrollen.';
    expect(quotes(text).find((q) => q.kind === 'direct')?.speaker?.name).toBe('Hans Olbrich');
  });
});

describe('noun phrases of source adverbials', () => {
  it.each([
    [
      'laut dem Direktor der Hamburger Polizei Ralf Winter in der Nacht',
      'dem Direktor der Hamburger Polizei Ralf Winter',
    ],
    ['laut „Computerwoche“ stärker', '„Computerwoche“'],
    ['laut Angaben des ZDF. Danach', 'Angaben des ZDF'],
  ])('de: after the preposition, %s', (text, phrase) => {
    const at = text.indexOf(' ') + 1;
    const span = nounPhraseAfter(text, at, false);
    expect(span && text.slice(span.start, span.end)).toBe(phrase);
  });

  it.each([
    ['Er steht einem Bericht des Guardian zufolge', 'einem Bericht des Guardian'],
    ['Das NCSC räumte dem Bericht zufolge', 'dem Bericht'],
    ['Es kam zu Schwanken. Augenzeugenberichten zufolge', 'Augenzeugenberichten'],
  ])('de: before the postposition, %s', (text, phrase) => {
    const at = text.lastIndexOf(' zufolge');
    const span = nounPhraseBefore(text, at);
    expect(span && text.slice(span.start, span.end)).toBe(phrase);
  });
});
