import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../corpus/ingest.js';
import { findQuoted, type QuoteFinding } from '../../extractors/quotes.js';
import { Pipeline } from '../../pipeline/stages.js';

const PIPELINE = new Pipeline();

function quotes(text: string): QuoteFinding[] {
  const { documents } = ingestFile({ path: 'test.txt', bytes: Buffer.from(text), sha256: 'x', kind: 'text' });
  return PIPELINE.analyze(documents[0]!).quotes;
}
/** The quotes of one kind a text gives, each as "speaker: text". */
const saidAs = (kind: QuoteFinding['kind']) => (text: string) =>
  quotes(text)
    .filter((q) => q.kind === kind)
    .map((q) => `${q.speaker?.name ?? '-'}: ${q.text}`);
const direct = saidAs('direct');
const indirect = saidAs('indirect');

const DE_INTRO =
  'Handelsministerin Gina Raimondo stellte am Donnerstag in Washington die neuen Regeln für Antivirensoftware vor.';
/** Openings that name no one, so that only a quote's own frame can give its speaker. */
const INTRO_DE = 'Das Ministerium veröffentlichte am Donnerstag neue Regeln für Antivirensoftware.';
const INTRO_EN = 'The department published new rules for antivirus software on Thursday.';
const EN_INTRO =
  'Commerce Secretary Gina Raimondo presented the new rules for antivirus software in Washington on Thursday.';

describe('extractQuotes', () => {
  it.each([
    ['de „…“', `${DE_INTRO} „Wir schützen die nationale Sicherheit der Vereinigten Staaten“, sagte Raimondo.`],
    ['de »…«', `${DE_INTRO} »Wir schützen die nationale Sicherheit der Vereinigten Staaten«, sagte Raimondo.`],
    ['de «…»', `${DE_INTRO} «Wir schützen die nationale Sicherheit der Vereinigten Staaten», sagte Raimondo.`],
    ['de ‚…‘', `${DE_INTRO} ‚Wir schützen die nationale Sicherheit der Vereinigten Staaten‘, sagte Raimondo.`],
    ['de "…"', `${DE_INTRO} "Wir schützen die nationale Sicherheit der Vereinigten Staaten", sagte Raimondo.`],
    ['en “…”', `${EN_INTRO} “We protect the national security of the United States,” Raimondo said.`],
    ['en "…"', `${EN_INTRO} "We protect the national security of the United States," Raimondo said.`],
    ["en '…'", `${EN_INTRO} 'We protect the national security of the United States,' Raimondo said.`],
    ['en ‘…’', `${EN_INTRO} ‘We protect the national security of the United States,’ Raimondo said.`],
  ])('finds a %s quote and resolves the speaker to the full name', (_style, text) => {
    const [quote] = quotes(text);
    expect(quote).toMatchObject({ kind: 'direct', speaker: { name: 'Gina Raimondo', key: 'person:gina raimondo' } });
    expect(quote!.text).toMatch(/^W(?:ir schützen|e protect) .*(Staaten|States),?$/);
    expect(text.slice(quote!.start, quote!.end)).toBe(quote!.text);
  });

  it.each([
    [
      'de, before',
      `${DE_INTRO} Raimondo sagte: „Kaspersky-Kunden haben nichts falsch gemacht und müssen nichts befürchten.“`,
      'Gina Raimondo',
    ],
    [
      'de, inverted after',
      `${DE_INTRO} „Kaspersky-Kunden haben nichts falsch gemacht“, betonte die Ministerin Gina Raimondo.`,
      'Gina Raimondo',
    ],
    [
      'en, before',
      `${EN_INTRO} Raimondo said: “Kaspersky customers have done nothing wrong and need not fear anything.”`,
      'Gina Raimondo',
    ],
    [
      'en, said X after',
      `${EN_INTRO} “Kaspersky customers have done nothing wrong,” said Commerce Secretary Gina Raimondo.`,
      'Gina Raimondo',
    ],
    [
      'en, pronoun',
      `${EN_INTRO} “Kaspersky customers have done nothing wrong,” she said on Thursday.`,
      'Gina Raimondo',
    ],
    [
      'de, after in the pluperfect',
      `${DE_INTRO} Die Behörde rät zum Wechsel. Kunden hätten „nichts falsch gemacht und müssen nichts befürchten“, hatte Raimondo gesagt.`,
      'Gina Raimondo',
    ],
    [
      'en, after in the pluperfect',
      `${EN_INTRO} The agency urges a switch. “Kaspersky customers have done nothing wrong,” Raimondo had said.`,
      'Gina Raimondo',
    ],
  ])('attributes a quote %s', (_case, text, speaker) => {
    expect(quotes(text)[0]?.speaker?.name).toBe(speaker);
  });

  it.each([
    [
      'de',
      `${DE_INTRO} „Das ist ein wichtiger Schritt“, sagte Raimondo. „Wir werden nicht zögern, weiter zu handeln.“`,
      'Gina Raimondo: Das ist ein wichtiger Schritt Wir werden nicht zögern, weiter zu handeln.',
    ],
    [
      'en',
      `${EN_INTRO} “This is an important step,” Raimondo said. “We will not hesitate to act again.”`,
      'Gina Raimondo: This is an important step, We will not hesitate to act again.',
    ],
  ])('%s: joins a quote interrupted by its attribution into one', (_language, text, expected) => {
    expect(direct(text)).toEqual([expected]);
  });

  it.each([
    [
      'de',
      `${DE_INTRO} „Die Warnung vor ‚unsicherer Software‘ bleibt bestehen, auch für Behörden“, sagte Raimondo.`,
      'Die Warnung vor ‚unsicherer Software‘ bleibt bestehen, auch für Behörden',
    ],
    [
      'en',
      `${EN_INTRO} “The warning about ‘unsafe software’ stands, also for Kaspersky's customers,” Raimondo said.`,
      "The warning about ‘unsafe software’ stands, also for Kaspersky's customers,",
    ],
  ])('%s: keeps a nested quote and an apostrophe inside the outer quote', (_language, text, expected) => {
    expect(quotes(text).map((q) => q.text)).toEqual([expected]);
  });

  it.each([
    [
      'de',
      'Das BSI warnt vor dem Einsatz der Software. „Ein Austausch der Produkte ist dringend geboten“, heißt es in einer Mitteilung des BSI.',
      'agency',
      'BSI',
    ],
    [
      'en',
      'The CISA issued a directive on Wednesday. “Agencies must remove the products within ninety days,” the CISA said in a statement.',
      'agency',
      'CISA',
    ],
  ])('%s: attributes a quote to an institution', (_language, text, type, name) => {
    const [quote] = quotes(text);
    expect(quote?.speaker?.key).toMatch(new RegExp(`^${type}:`));
    expect(quote?.speaker?.name).toBe(name);
  });

  it.each([
    [
      'de',
      'Das Ministerium prüft die Lage weiter. Ein Sprecher des Ministeriums sagte: „Es gibt hier noch keine Entscheidung der Regierung.“',
      'Ein Sprecher des Ministeriums',
    ],
    [
      'en',
      'The department is still reviewing the case. “There is no decision by the government yet,” a spokesperson for the department said.',
      'a spokesperson for the department',
    ],
  ])('%s: keeps an unnamed official with its description and no entity', (_language, text, name) => {
    expect(quotes(text)[0]?.speaker).toEqual({
      key: null,
      name,
      role: null,
      affiliation: null,
      mention: expect.objectContaining({ text: name }),
    });
  });

  it.each([
    [
      'de',
      'Das Bundesamt für Sicherheit in der Informationstechnik prüft die Lage. Ein Sprecher des BSI sagte: „Es gibt hier noch keine Entscheidung.“',
    ],
    [
      'de',
      'Das Bundesinnenministerium prüft die Lage. Ein Sprecher des CDU-geführten Ministeriums sagte: „Es gibt hier noch keine Entscheidung.“',
    ],
    [
      'en',
      'The Department of Commerce is still reviewing the case. “There is no decision yet,” a spokesperson for the department said.',
    ],
  ])('%s: gives an unnamed official the agency it speaks for', (_language, text) => {
    const [quote] = quotes(text);
    expect(quote?.speaker).toMatchObject({ key: null, affiliation: expect.stringMatching(/^agency:/) });
  });

  it.each([
    [
      'de',
      'Das Handelsministerium der Vereinigten Staaten verbot die Software. Die russische Regierung widersprach. „Kasperskys Aktivitäten sind ein Risiko für die nationale Sicherheit“, fügte das Ministerium hinzu.',
      'Handelsministerium der Vereinigten Staaten',
    ],
    [
      'en',
      'The Commerce Department banned the software. The Russian government objected. “The manipulation of the software can cause significant risk,” the department said.',
      'Commerce Department',
    ],
  ])(
    '%s: resolves "das Ministerium" / "the department" to the body of that kind named last',
    (_language, text, name) => {
      expect(quotes(text).find((q) => q.kind === 'direct')?.speaker).toMatchObject({ name, affiliation: null });
    },
  );

  it.each([
    [
      'de',
      'BSI-Präsident Arne Schönbohm warnte erneut vor der Software. Wenn jemand sie weiter nutze, „ist das für mich fahrlässig“.',
      'Arne Schönbohm',
    ],
    [
      'en',
      'Commerce Secretary Gina Raimondo announced the ban on Thursday. Customers “have done nothing wrong, and I want them to switch soon”.',
      'Gina Raimondo',
    ],
  ])(
    '%s: takes words in the first person for the speech of whom the sentence before names',
    (_language, text, speaker) => {
      expect(quotes(text).find((q) => q.kind === 'direct')?.speaker?.name).toBe(speaker);
    },
  );

  it('de: lets a frame with no words of its own name the speaker of the reported speech that follows', () => {
    const text =
      'Der Hersteller Kaspersky ist betroffen. Das Unternehmen wies die Vorwürfe zurück. Das Ministerium habe seine Entscheidung über den Verkauf der Software in den Vereinigten Staaten aufgrund „des aktuellen geopolitischen Klimas und theoretischer Bedenken“ gefällt.';
    expect(quotes(text).map((q) => [q.kind, q.speaker?.name])).toEqual([
      ['indirect', 'Kaspersky'],
      ['direct', 'Kaspersky'],
    ]);
  });

  it.each([
    [
      'de',
      'Die Behörde veröffentlichte am Montag eine Warnung. „Die Sicherheitslücke betrifft Millionen Geräte, Updates fehlen noch.“ Sie rät zur Vorsicht.',
      'Die Sicherheitslücke betrifft Millionen Geräte, Updates fehlen noch.',
    ],
    [
      'en',
      'The agency published a warning on Monday. “The flaw affects millions of devices, and updates are still missing.” It urges caution.',
      'The flaw affects millions of devices, and updates are still missing.',
    ],
  ])('%s: keeps an utterance in marks that no frame attributes, with its speaker open', (_language, text, said) => {
    expect(quotes(text).filter((q) => q.kind === 'direct')).toMatchObject([{ text: said, speaker: null }]);
  });

  it.each([
    [
      'de',
      `${DE_INTRO} „Wir prüfen die Meldungen über Angriffe derzeit sehr genau“, sagte Raimondo. Die Behörde veröffentlichte eine Warnung. „Die Lage bleibt auch in den kommenden Wochen angespannt und unübersichtlich.“`,
    ],
    [
      'en',
      `${EN_INTRO} “We are reviewing the reports of attacks very closely,” Raimondo said. The agency published a warning. “The situation will remain tense and unclear in the coming weeks.”`,
    ],
  ])('%s: gives an unframed quote right after an attributed one to the same speaker', (_language, text) => {
    expect(quotes(text).map((q) => q.speaker?.name)).toEqual(['Gina Raimondo', 'Gina Raimondo']);
  });

  it.each([
    ['de, separable verb', `${INTRO_DE} „Bekannt ist nur ein Teil der betroffenen Produkte“, schränkte Raimondo ein.`],
    ['de, separable verb', `${INTRO_DE} „Der Schutz der Netze muss zuerst kommen“, räumte Raimondo ein.`],
    ['de, strong verb', `${INTRO_DE} „Patchen Sie sofort alle betroffenen Systeme“, empfahl Raimondo.`],
    ['en, inflected verb', `${INTRO_EN} “Patch every affected system at once,” Raimondo cautioned.`],
    ['en, inflected verb', `${INTRO_EN} “Only part of the affected products is known,” Raimondo conceded.`],
  ])('%s: recognises a speech verb the dictionary inflects, not a listed form', (_case, text) => {
    expect(quotes(`${text} Gina Raimondo leitet das Ministerium.`).filter((q) => q.kind === 'direct')).toMatchObject([
      { speaker: { name: 'Gina Raimondo' } },
    ]);
  });

  it.each([
    [
      'de',
      'Ciaran Martin leitet das NCSC. Martin sagte am Montag, es gebe derzeit keine Hinweise auf Angriffe.',
      'es gebe derzeit keine Hinweise auf Angriffe',
    ],
    [
      'de',
      'Ciaran Martin leitet das NCSC. Martin sagte am Montag, die Behörde prüfe die Meldungen genau.',
      'die Behörde prüfe die Meldungen genau',
    ],
  ])('%s: reads the Konjunktiv I of any verb as reported speech', (_language, text, clause) => {
    expect(quotes(text).filter((q) => q.kind === 'indirect')).toMatchObject([
      { text: clause, speaker: { name: 'Ciaran Martin' } },
    ]);
  });

  it.each([
    ['de', `${DE_INTRO} „Wir schützen die nationale Sicherheit der Vereinigten Staaten“, sagte sie.`, 'sagte', 'sie'],
    ['en', `${EN_INTRO} “We protect the national security of the United States,” she said.`, 'said', 'she'],
    [
      'de',
      `${DE_INTRO} Raimondo erläuterte: „Kaspersky-Kunden haben nichts falsch gemacht.“`,
      'erläuterte',
      'Raimondo',
    ],
    ['en', `${EN_INTRO} According to Raimondo, “customers have done nothing wrong.”`, 'According', 'Raimondo'],
  ])('%s: gives the cue and the words the speaker was resolved from as offsets', (_language, text, cue, mention) => {
    const [quote] = quotes(text);
    expect(quote).toMatchObject({ speaker: { name: 'Gina Raimondo', mention: { text: mention } }, cue: { text: cue } });
    expect(text.slice(quote!.cue!.start, quote!.cue!.end)).toBe(cue);
    expect(text.slice(quote!.speaker!.mention!.start, quote!.speaker!.mention!.end)).toBe(mention);
  });

  it.each([
    ['de', 'Die Wahl ist knapp. Beobachter sagen, die Regierung werde die Abstimmung verlieren.', 'Beobachter'],
    [
      'de',
      'Die Wahl ist knapp. „Wir rechnen mit einer langen Nacht“, sagte der Wahlleiter des Bezirks.',
      'der Wahlleiter des Bezirks',
    ],
    ['en', 'The vote is close. ZXQ analysts said that the government would lose the vote.', 'ZXQ analysts'],
  ])('%s: names a speaker no list knows by the subject of the speech verb', (_language, text, speaker) => {
    expect(quotes(text).map((q) => q.speaker?.name)).toEqual([speaker]);
  });

  it.each([
    ['de, a plural Konjunktiv II for the Konjunktiv I the indicative hides', 'Die Angreifer könnten Daten abgreifen.'],
    ["de, a modal's Konjunktiv I", 'Der Hersteller könne Daten abgreifen.'],
  ])('%s: reads reported speech on from its frame', (_case, sentence) => {
    const reported = quotes(`Ciaran Martin leitet das NCSC. Martin sagte, die Lage sei ernst. ${sentence}`).filter(
      (q) => q.kind === 'indirect',
    );
    expect(reported.map((q) => [q.text, q.speaker?.name])).toEqual([
      ['die Lage sei ernst', 'Ciaran Martin'],
      [sentence.slice(0, -1), 'Ciaran Martin'],
    ]);
  });

  it.each([
    [
      'de',
      `Ciaran Martin leitet das NCSC. Martin sagte, die Lage sei ernst. ${'Das Zentrum wurde 2016 gegründet und hat seinen Sitz in London. '.repeat(10)}Es gebe keine Hinweise auf Angriffe.`,
    ],
  ])('%s: keeps reported speech far from its frame, but not its speaker', (_language, text) => {
    expect(quotes(text).map((q) => [q.kind, q.speaker?.name ?? null])).toEqual([
      ['indirect', 'Ciaran Martin'],
      ['indirect', null],
    ]);
  });

  it.each([
    ['de, plural passive', 'Martin sagte, die Lage sei ernst. Dabei werden neue Geräte gezeigt.'],
    ['de, adjective', 'Martin sagte, die Lage sei ernst. Die Prüfung dauert lange und kostet viel.'],
    [
      "de, a modal's hypothetical Konjunktiv II",
      'Martin sagte, die Lage sei ernst. Kaspersky könnte Schadsoftware verteilen.',
    ],
    ['en, a modal', 'Martin said that the situation was serious. Kaspersky could distribute malware.'],
    ['en, German-looking word', 'Martin said that the situation was serious. The gebe festival opens on Monday.'],
  ])('%s: takes no indicative sentence for reported speech', (_case, text) => {
    const reported = quotes(`Ciaran Martin leitet das NCSC. ${text}`).filter((q) => q.kind === 'indirect');
    // The first sentence's report only.
    expect(reported.map((q) => q.text)).toEqual([
      expect.stringMatching(/^(die Lage sei ernst|the situation was serious)$/),
    ]);
  });

  it.each([
    [
      'de',
      `${DE_INTRO} Die Software stellt ein „inakzeptables Risiko“ im Sinne des sogenannten „Secure Software Act“ dar.`,
    ],
    ['en', `${EN_INTRO} The software poses an “unacceptable risk” under the so-called “Secure Software Act”.`],
  ])('%s: takes no scare quote or title for a quote', (_language, text) => {
    expect(direct(text)).toEqual([]);
  });

  it.each([
    [
      'de',
      'Ciaran Martin leitet das NCSC. Martin ergänzte jedoch, dass Russland ein sehr fähiger Akteur sei.',
      'Russland ein sehr fähiger Akteur sei',
      'Ciaran Martin',
    ],
    [
      'de',
      'Ciaran Martin leitet das NCSC. Martin sagte, Russland sei ein sehr fähiger Akteur.',
      'Russland sei ein sehr fähiger Akteur',
      'Ciaran Martin',
    ],
    [
      'de',
      'Vizepräsident Sinan Selen leitet die Abteilung. Selen sagte, die chinesische Führung sei auf wirtschaftliche Stärke fixiert.',
      'die chinesische Führung sei auf wirtschaftliche Stärke fixiert',
      'Sinan Selen',
    ],
    [
      'en',
      'Ian Levy is the technical director. Levy said that the risk to most users was very low.',
      'the risk to most users was very low',
      'Ian Levy',
    ],
  ])('%s: finds indirect speech with its speaker', (_language, text, clause, speaker) => {
    const indirect = quotes(text).filter((q) => q.kind === 'indirect');
    expect(indirect).toEqual([
      expect.objectContaining({ text: clause, speaker: expect.objectContaining({ name: speaker }) }),
    ]);
  });
});

describe('extractQuotes: a subject no list knows', () => {
  it.each([
    [
      'de, a surname',
      `${INTRO_DE} Elshorst sagte weiter, die Regeln seien zu streng.`,
      'Elshorst: die Regeln seien zu streng',
    ],
    [
      'de, a body',
      `${INTRO_DE} Greenpeace fordert, die Firma für die Schäden haftbar zu machen.`,
      'Greenpeace: die Firma für die Schäden haftbar zu machen',
    ],
    [
      'en, a surname',
      `${INTRO_EN} Elshorst said the rules were far too strict.`,
      'Elshorst: the rules were far too strict',
    ],
    [
      'de, a noun phrase before the auxiliary',
      `${INTRO_DE} Der Bundestagspräsident hat den Abgeordneten in einem Brief mitgeteilt, dass die Regeln zu streng seien.`,
      'Der Bundestagspräsident: die Regeln zu streng seien',
    ],
    [
      'en, a noun phrase before the auxiliary',
      `${INTRO_EN} The parliament's president has told lawmakers in a letter that the rules were too strict.`,
      "The parliament's president: the rules were too strict",
    ],
    [
      'de, an impersonal subject',
      `${INTRO_DE} Schließlich hieß es, die Regeln seien zu streng.`,
      '-: die Regeln seien zu streng',
    ],
    ['de, an adverb', `${INTRO_DE} Weiter hieß es, die Regeln seien zu streng.`, '-: die Regeln seien zu streng'],
  ])('%s: names the speaker by its place before the verb', (_case, text, expected) => {
    expect(indirect(text)).toEqual([expected]);
  });
});

describe('extractQuotes: subjects before and after the verb', () => {
  it.each([
    [
      'de, a name and its apposition before the verb',
      `${INTRO_DE} Sadiq Khan, einer der Abgeordneten, verurteilte die Haltung der Regierung: „Diese Regeln kommen viel zu spät.“`,
      [['direct', 'Sadiq Khan']],
    ],
    [
      'en, a name and its apposition before the verb',
      `${INTRO_EN} Sadiq Khan, one of the lawmakers, condemned the government's stance: “These rules come far too late.”`,
      [['direct', 'Sadiq Khan']],
    ],
    [
      'de, an adverbial before the verb and a person after it',
      'Ciaran Martin leitet das NCSC. Des Weiteren verwies Martin darauf, dass die Regeln wieder gelten würden.',
      [['indirect', 'Ciaran Martin']],
    ],
    [
      'de, a focus particle before the subject',
      `${INTRO_DE} Auch die Handelsministerin Gina Raimondo äußerte Vorbehalte: „Die Regeln kommen zu spät.“`,
      [['direct', 'Gina Raimondo']],
    ],
    [
      'de, a noun phrase and its apposition before the verb',
      'Das Urteil fiel am Montag. Der frühere Bürgermeister und Justizsenator, Henning Scherf (SPD), warnte die CDU: „Das wird ein populistischer Wahlkampf.“',
      [['direct', 'Henning Scherf']],
    ],
    [
      'de, an object after the inverted subject',
      'Das Gericht sprach die Angeklagten frei. „Eine Beihilfe zu einem Delikt ist selbst ein Delikt“, begründet das Gericht seine Entscheidung.',
      [['direct', 'das Gericht']],
    ],
    [
      'de, a partitive subject',
      'Das Feuer brach am Sonntag aus. Einer der beteiligten Feuerwehrmänner sagte: „Ich habe noch keinen solchen Brand gesehen.“',
      [['direct', 'Einer der beteiligten Feuerwehrmänner']],
    ],
    [
      'en, a partitive subject',
      'The fire broke out on Sunday. One of the firefighters said: “I have never seen such a fire.”',
      [['direct', 'One of the firefighters']],
    ],
    [
      'de, a name after a preposition before the verb',
      'Der Unternehmer Steve Fossett startete am Montag. Über Steve Fossett sagte der Investor Richard Branson: „Er muss mit ernsten Turbulenzen zurechtkommen.“',
      [['direct', 'Richard Branson']],
    ],
    [
      'en, a focus particle before the subject',
      `${INTRO_EN} Even Commerce Secretary Gina Raimondo voiced doubts: “The rules come too late.”`,
      [['direct', 'Gina Raimondo']],
    ],
  ])('%s: finds the speaker and no clause in the subject', (_case, text, expected) => {
    expect(quotes(text).map((q) => [q.kind, q.speaker?.name])).toEqual(expected);
  });
});

describe('extractQuotes: speech verbs of news reports', () => {
  it.each([
    [
      'de, meldet',
      `${INTRO_DE} Die staatliche Nachrichtenagentur meldet: „Drei Behörden haben die Software bereits entfernt.“`,
      'Die staatliche Nachrichtenagentur',
    ],
    [
      'de, erzählte',
      `${INTRO_DE} „Wir haben die Warnung sofort umgesetzt“, erzählte die Systemadministratorin Petra Lindner.`,
      'Petra Lindner',
    ],
    [
      'de, ließ verlauten',
      `${INTRO_DE} „Wir prüfen die Regeln genau“, ließ der Hersteller Kaspersky verlauten.`,
      'Kaspersky',
    ],
    [
      'de, a newspaper in marks',
      `${INTRO_DE} „Die Regeln kommen zu spät“, schrieb „Die Zeit“ in einem Kommentar.`,
      'Die Zeit',
    ],
    [
      'de, a magazine in marks',
      `${INTRO_DE} „Die Regeln kommen zu spät“, schreibt das Fachmagazin „Computerwoche“.`,
      'das Fachmagazin Computerwoche',
    ],
  ])('%s: names the speaker', (_case, text, speaker) => {
    expect(quotes(text).map((q) => q.speaker?.name)).toEqual([speaker]);
  });
});

describe("extractQuotes: a press release's pull quote", () => {
  it.each([
    [
      'de',
      'Neue Regeln für russische Antivirensoftware\n\n„Wer russische Software einsetzt, geht ein unnötiges Risiko ein.“\n\nWASHINGTON – Handelsministerin Gina Raimondo hat am Donnerstag neue Regeln vorgestellt.\n\n„Die Kunden haben nichts falsch gemacht“, sagte Raimondo.',
    ],
    [
      'en',
      'New Rules for Russian Antivirus Software\n\n“Anyone who runs Russian software takes a needless risk.”\n\nWASHINGTON – Commerce Secretary Gina Raimondo presented new rules on Thursday.\n\n“Customers have done nothing wrong,” said Raimondo.',
    ],
  ])('%s: gives a quote standing alone before any attribution to the first speaker quoted after it', (_l, text) => {
    expect(direct(text).map((q) => q.split(':')[0])).toEqual(['Gina Raimondo', 'Gina Raimondo']);
  });

  it.each([
    [
      'de',
      'Neue Regeln für russische Antivirensoftware\n\n„Wer russische Software einsetzt, geht ein unnötiges Risiko ein“, heißt es.\n\n„Die Kunden haben nichts falsch gemacht“, sagte Handelsministerin Gina Raimondo.',
    ],
    [
      'en',
      'New Rules for Russian Antivirus Software\n\nThe report calls it “a needless risk for anyone who runs Russian software” today.\n\n“Customers have done nothing wrong,” said Commerce Secretary Gina Raimondo.',
    ],
  ])('%s: leaves a quote inside a sentence of its own unattributed', (_l, text) => {
    expect(direct(text)[0]).toMatch(/^-: /);
  });
});

describe('extractQuotes: a body described by its words', () => {
  it.each([
    [
      'de',
      'Die Agentur der Europäischen Union für Cybersicherheit (ENISA) hat am Montag ihren Lagebericht veröffentlicht. Das Bundesamt für Sicherheit in der Informationstechnik (BSI) hat daran mitgearbeitet. „Die Angriffe auf Behörden nehmen deutlich zu“, erklärte die europäische Behörde.',
      'Agentur der Europäischen Union für Cybersicherheit',
    ],
    [
      'en',
      'The National Cyber Security Centre is part of Government Communications Headquarters. In its latest report, published on Tuesday, the cybersecurity agency stated: “China continues to be a highly capable threat actor.”',
      'National Cyber Security Centre',
    ],
    [
      'de, part of a body named before',
      'Das Handelsministerium der Vereinigten Staaten von Amerika hat das Verbot verkündet. „Jede Behörde muss die Software entfernen“, erläuterte eine Unterbehörde des US-Ministeriums. Das Büro für Industrie und Sicherheit setzt das Verbot um.',
      'Büro für Industrie und Sicherheit',
    ],
    [
      'en, part of a body named before',
      'The Department of Homeland Security published new rules. “Every agency must remove the software,” said a component of the Department of Homeland Security. The Cybersecurity and Infrastructure Security Agency enforces the rules.',
      'Cybersecurity and Infrastructure Security Agency',
    ],
  ])("%s: resolves to the body whose name has the description's words, not the one named last", (_l, text, speaker) => {
    expect(quotes(text).map((q) => q.speaker?.name)).toEqual([speaker]);
  });
});

describe('extractQuotes: reported clauses framed by the verb alone', () => {
  it.each([
    [
      'en, no "that" after an apposition',
      `${EN_INTRO} Raimondo, head of the department, said Russia has the intent “to target federal networks” and more.`,
      'Gina Raimondo: Russia has the intent “to target federal networks” and more',
    ],
    [
      'en, a finite verb some words on',
      `${EN_INTRO} Raimondo claimed most customers of the vendor in the United States were not at risk.`,
      'Gina Raimondo: most customers of the vendor in the United States were not at risk',
    ],
    [
      'en, an object and its complement',
      `${EN_INTRO} In a letter, Raimondo described Russia as a “highly capable threat actor” which uses software for spying.`,
      'Gina Raimondo: Russia as a “highly capable threat actor” which uses software for spying',
    ],
    [
      'en, an accusation',
      `${EN_INTRO} Raimondo accused Moscow of using antivirus software to spy on American networks.`,
      'Gina Raimondo: Moscow of using antivirus software to spy on American networks',
    ],
    [
      'en, a commitment',
      `${EN_INTRO} For its part, Raimondo pledged to “protect every federal network from foreign software”.`,
      'Gina Raimondo: to “protect every federal network from foreign software”',
    ],
    [
      'en, a clause mostly in quotation marks',
      `${EN_INTRO} Raimondo said the new rules “will help secure our networks from threats posed by foreign software vendors.”`,
      'Gina Raimondo: the new rules “will help secure our networks from threats posed by foreign software vendors.”',
    ],
    [
      'de, a clause mostly in quotation marks',
      `${DE_INTRO} Raimondo sagte, die neuen Regeln „würden unsere Netze vor den Bedrohungen durch ausländische Software schützen“.`,
      'Gina Raimondo: die neuen Regeln „würden unsere Netze vor den Bedrohungen durch ausländische Software schützen“',
    ],
    [
      'de, a frame in the Konjunktiv',
      `${DE_INTRO} In der Regierung werde darüber gesprochen, ob weitere Maßnahmen nötig seien.`,
      '-: In der Regierung werde darüber gesprochen, ob weitere Maßnahmen nötig seien',
    ],
    [
      'de, a frame in the indicative',
      `${DE_INTRO} In der Regierung wird darüber gesprochen, ob weitere Maßnahmen nötig seien.`,
      '-: ob weitere Maßnahmen nötig seien',
    ],
    [
      'de, a frame inside the sentence',
      `${DE_INTRO} Die USA hätten jede Option geprüft, erklärte Raimondo, aber man habe sich auf das Verbot geeinigt.`,
      'Gina Raimondo: Die USA hätten jede Option geprüft',
      'Gina Raimondo: aber man habe sich auf das Verbot geeinigt',
    ],
  ])('%s: reports the clause', (_case, text, ...expected) => {
    expect(indirect(text)).toEqual(expected);
  });

  it.each([
    ['en, an object with no finite verb', `${EN_INTRO} The department added Kaspersky to the Entity List on Friday.`],
    ['en, an adjunct', `${EN_INTRO} Raimondo said on Thursday the rules were ready.`],
    [
      'en, a verb with its own object after a comma',
      `${EN_INTRO} In a letter to officials, she described the risk in great detail to the committee of the Senate.`,
    ],
    ['en, a source phrase before a quote', `${EN_INTRO} According to Raimondo, “customers have done nothing wrong.”`],
    [
      'de, a predicate',
      `${DE_INTRO} Raimondo bezeichnete das Verbot als einen notwendigen Schritt für die Sicherheit.`,
    ],
    ['en, a participle with no object', `${EN_INTRO} Two men accused of espionage on behalf of Beijing were released.`],
    [
      'en, a name that reads as a verb',
      `${EN_INTRO} A campaign targeted networks in the United States and elsewhere that were poorly protected.`,
    ],
    [
      'de, a participle with no object',
      `${DE_INTRO} Die als Risiko bezeichnete Software wird in Behörden nicht mehr eingesetzt.`,
    ],
  ])('%s: reports nothing', (_case, text) => {
    expect(indirect(text)).toEqual([]);
  });
});

describe("extractQuotes: quotes left open at a paragraph's end", () => {
  it.each([
    [
      'en, the last of several paragraphs',
      `${EN_INTRO}\n\nRaimondo said: “Kaspersky customers have done nothing wrong.\n\n“They should still replace the software this year.\n\nThe rules take effect in September.`,
      'Gina Raimondo: Kaspersky customers have done nothing wrong.\n\n“They should still replace the software this year.',
    ],
    [
      'en, after the frame of its first part',
      `${EN_INTRO}\n\n“We protect our networks,” said Raimondo. “Nobody should wait for an attack.\n\nThe rules take effect in September.`,
      'Gina Raimondo: We protect our networks, Nobody should wait for an attack.',
    ],
    [
      'de, after a colon',
      `${DE_INTRO}\n\nRaimondo sagte: „Kaspersky-Kunden haben nichts falsch gemacht und müssen nichts befürchten.\n\nDie Regeln gelten ab September.`,
      'Gina Raimondo: Kaspersky-Kunden haben nichts falsch gemacht und müssen nichts befürchten.',
    ],
  ])("%s: keeps the quote to the paragraph's end", (_case, text, expected) => {
    expect(direct(text)).toEqual([expected]);
  });

  it.each([
    [
      'de, a mark lost inside a sentence',
      `${DE_INTRO}\n\nRaimondo warnte vor Behörden, die sich mit „Verteidigung und Verhandlungen beschäftigen.\n\nDie Regeln gelten ab September.`,
    ],
    [
      'en, a paragraph that ends no sentence',
      `${EN_INTRO}\n\nRaimondo said: “Kaspersky customers have done nothing wrong\n\nThe rules take effect in September.`,
    ],
    [
      'en, other marks inside',
      `${EN_INTRO}\n\nRaimondo said: “Customers of the “antivirus” vendor have done nothing wrong.\n\nThe rules take effect in September.`,
    ],
  ])('%s: finds no quote', (_case, text) => {
    expect(direct(text)).toEqual([]);
  });
});

describe('findQuoted', () => {
  it('never throws and returns marks in order, inside the text, for any text', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('„', '“', '”', '"', "'", '’', '‘', '‚', '»', '«', 'Wort', ' ', '\n\n', ',', 's'))
          .map((a) => a.join('')),
        (text) => {
          for (const q of findQuoted(text)) {
            expect(q.open).toBeLessThan(q.close);
            expect(q.close).toBeLessThanOrEqual(text.length);
          }
        },
      ),
    );
  });
});
