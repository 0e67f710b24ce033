import type { LanguageCode, Span } from '../corpus/document.js';
import { firstStartingAt } from './coverage.js';
import { ARTICLES, LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import { forEachLetterWord, type LetterWord, type Token } from './phrases.js';
import { memoizeWord } from './word-memo.js';

/**
 * Reported speech without quotation marks, sentence by sentence. A sentence reports speech when its grammar says so,
 * whichever verb or source it names:
 * - a speech verb followed by "dass"/"that" or by a clause ("Martin ergänzte, dass Russland …", "Selen sagte, die
 *   Führung sei …", "Levy said the risk was low"): the clause;
 * - a clause with its frame after it ("Die Lage sei ernst, sagte Martin.", "The risk is low, Levy said.", "…, so
 *   Rice."): the clause before the frame;
 * - a comparative frame ("Wie die BBC berichtet, …", "As the agency said, …"): the clause after it;
 * - a source adverbial ("laut BSI", "nach Angaben der Polizei", "dem Bericht zufolge", "according to the FBI"): the
 *   sentence, whatever its mood, spoken by the source;
 * - a demonstrative frame ("Das erklärte ein Sprecher."): the sentence before it;
 * - German Konjunktiv I or II, or a reportative modal ("soll"), with no frame of its own ("Es gebe durchaus
 *   Alternativen."): the sentence, spoken by the speaker last attributed before it, as reporting continues a
 *   speaker's words.
 */

/** What a sentence-level rule needs of the quote stage: the text's speakers, resolved as for direct quotes. */
export interface ReportedSpeechContext<S> {
  text: string;
  /** The text's tokens. */
  tokens: readonly Token[];
  language: LanguageCode;
  sentences: readonly Span[];
  /** Direct quotes found before, with their speakers, in order. */
  direct: ReadonlyArray<Span & { speaker: S | null }>;
  /** Stretches between quotation marks, in order. */
  quoted: readonly Quoted[];
  /** The speaker a frame in [from, to) names, by its speech verb. */
  speakerIn: (from: number, to: number) => S | null;
  /**
   * The speaker a noun phrase names ("der Bundesanwaltschaft", "the FBI"), or the phrase itself when no entity does;
   * `cue` is the source word that frames it ("laut", "zufolge").
   */
  speakerOfPhrase: (phrase: Span, cue: Span) => S;
  /** Speech verb forms, lowercased. */
  verbs: ReadonlySet<string>;
  /** Forms that mark reported speech by their mood: German Konjunktiv and reportative modals. */
  subjunctives: ReadonlySet<string>;
}

/** Offsets of a quoted stretch's opening and closing marks. */
interface Quoted {
  open: number;
  close: number;
}

export interface ReportedQuote<S> extends Span {
  text: string;
  kind: 'indirect';
  speaker: S | null;
}

const SPEECH = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code].speech.SPEECH_WORDS);
const lowerSet = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));
const COMPLEMENTIZERS = lowerSet(SPEECH.flatMap((p) => p.complementizers));
/** Every word that opens a noun phrase, lowercased: articles, their case forms, possessives, demonstratives. */
export const DETERMINERS = lowerSet([...ARTICLES, ...SPEECH.flatMap((p) => p.determiners)]);
const LINKS = lowerSet(SPEECH.flatMap((p) => p.genitiveLinks));
const GENITIVE_ARTICLES = lowerSet(SPEECH.flatMap((p) => p.genitiveArticles));
const COMPARATIVES = lowerSet(SPEECH.flatMap((p) => p.comparativeFrames));
const DEMONSTRATIVES = lowerSet(SPEECH.flatMap((p) => p.demonstratives));
const PRONOUNS = lowerSet(SPEECH.flatMap((p) => p.pronouns));
const PASSIVE_AUXILIARIES = lowerSet(SPEECH.flatMap((p) => p.passiveAuxiliaries));
const AUXILIARIES = lowerSet(SPEECH.flatMap((p) => [...p.auxiliaries, ...p.passiveAuxiliaries]));
const SOURCE_ANAPHORS = lowerSet(SPEECH.flatMap((p) => p.sourceAnaphors));
const POSTPOSITIONS = lowerSet(SPEECH.flatMap((p) => p.sourcePostpositions));
const INFINITIVE_MARKERS = lowerSet(SPEECH.flatMap((p) => p.infinitiveMarkers));
const PURPOSE = lowerSet(SPEECH.flatMap((p) => p.purposeConjunctions));
const BARE_CLAUSE_VERBS = lowerSet(SPEECH.flatMap((p) => p.bareClauseVerbs));
const FINITE_AUXILIARIES = lowerSet(SPEECH.flatMap((p) => p.finiteAuxiliaries));
const ADJUNCT_WORDS = lowerSet(
  PACK_LANGUAGES.flatMap((code) => {
    const { speech, calendar, dates } = LANGUAGE_PACKS[code];
    return [
      ...speech.SPEECH_WORDS.adjunctWords,
      ...Object.keys(calendar.WEEKDAYS),
      ...Object.keys(dates.DATE_WORDS.relativeDays),
    ];
  }),
);
const PREDICATIVE_FRAMES = new Map(SPEECH.flatMap((p) => Object.entries(p.predicativeFrames)));
const INFINITIVE_FRAMES = new Map(SPEECH.flatMap((p) => Object.entries(p.infinitiveFrames)));
/** Verbs that frame a report by their grammar alone, speech verbs or not ("branded … as"). */
const FRAME_VERBS = new Set([...PREDICATIVE_FRAMES.keys(), ...INFINITIVE_FRAMES.keys()]);
/** How many words after a verb its object's complement or a bare clause's finite verb may come. */
const MAX_WORDS_TO_PREDICATE = 10;
/** Words that stand where a speech verb would but frame no clause of their own after them. */
const SOURCE_WORDS = lowerSet(SPEECH.flatMap((p) => [...p.sourcePrepositions, ...p.sourcePostpositions]));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "laut X", "according to X", "unter Berufung auf X": the source phrase starts where the match ends. */
const PREPOSITION = new RegExp(
  `(?<![\\p{L}])(?:${SPEECH.flatMap((p) => p.sourcePrepositions)
    .map((w) => escape(w).replace(/ /g, '\\s+'))
    .join('|')})\\s+`,
  'giu',
);
/**
 * "nach Angaben der Polizei", "nach neuesten Erkenntnissen", "nach Polizeiangaben" (a compound whose head is a report
 * noun), and the noun before the preposition ("seiner Meinung nach", "dem Vernehmen nach").
 */
const REPORT_PHRASES = SPEECH.filter((p) => p.reportPrepositions.length > 0 && p.reportNouns.length > 0).map((p) => {
  const nouns = p.reportNouns.map((n) => escape(n.toLowerCase())).join('|');
  const preposition = `(?:${p.reportPrepositions.map(escape).join('|')})`;
  return {
    before: new RegExp(
      `(?<![\\p{L}])${preposition}\\s+((?:\\p{L}+\\s+){0,2}(?:\\p{L}[\\p{L}-]*?)?(?:${nouns}))(?![\\p{L}])`,
      'giu',
    ),
    after: new RegExp(`(?<![\\p{L}])(\\p{L}+\\s+(?:${nouns}))\\s+${preposition}(?![\\p{L}])`, 'giu'),
  };
});

/** How far after an attributed quote an unframed report is taken to go on with its speaker. */
export const CONTINUATION_CHARS = 600;

/** The first word of every source phrase of any pack ("laut", "according", "zufolge", "nach"): sentences to look at. */
const SOURCE_FIRST_WORDS = lowerSet(
  SPEECH.flatMap((p) => [
    ...p.sourcePrepositions.map((w) => w.split(' ')[0]!),
    ...p.sourcePostpositions,
    ...p.reportPrepositions,
  ]),
);
/** A report noun ending a word ("Angaben", "Polizeiangaben"): only then is a "nach" phrase looked for. */
const REPORT_NOUN_HINT = new RegExp(
  `(?:${SPEECH.flatMap((p) => p.reportNouns)
    .map((n) => escape(n.toLowerCase()))
    .join('|')})(?![\\p{L}])`,
  'iu',
);

const TOKEN = /\p{L}+/gu;

/** How many words after its speech verb a reported clause may open (addressee, time and place between). */
const MAX_WORDS_TO_CLAUSE = 12;

/** Reported clauses shorter than this are no report ("sagte er, ja"). */
const MIN_CLAUSE_CHARS = 10;
/** A frame after its clause is short: the speaker and a few words of time or place ("sagte Martin am Montag"). */
const MAX_TRAILING_FRAME_WORDS = 20;
/** Words after the verb of a trailing frame that is not inverted: time, place, addressee ("Levy said in Berlin"). */
const MAX_WORDS_AFTER_TRAILING_VERB = 6;
/** Words a source phrase may run to ("dem Direktor der peruanischen Zivilluftfahrtbehörde Roberto Rodriguez"). */
const MAX_PHRASE_TOKENS = 10;

const WORD = /„[^“”\n]{1,80}[“”]|"[^"\n]{1,80}"|\([\p{Lu}\p{N}][\p{L}\p{N}.-]*\)|[\p{L}\p{N}][\p{L}\p{N}.'’-]*|\S/gu;
const ABBREVIATIONS = lowerSet(PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].abbreviations.ABBREVIATIONS));
/** Whether a word before a full stop is an abbreviation or an initial ("Sen.", "Dr.", "F."), which ends no sentence. */
export const isAbbreviation = (w: string) => w.length === 1 || ABBREVIATIONS.has(w.toLowerCase());
const isCapitalized = (w: string) => /^[\p{Lu}„"(]/u.test(w);
const looksAdjectival = (w: string) => /^(?:\p{Ll}[\p{L}-]*(?:e|en|er|es|em)|\p{N}[\p{N}.,]*)$/u.test(w);

/**
 * The noun phrase that starts at `at`: determiners and adjectives, then capitalized words (nouns, names, quoted titles,
 * an acronym in brackets), with genitives and "von"/"of" phrases after them ("Angaben des Magazins „Der Spiegel“").
 * In English, whose nouns are lowercase, the phrase runs to the clause's end ("according to the statement, …").
 */
export function nounPhraseAfter(text: string, at: number, english: boolean): Span | null {
  const stretch = text.slice(at, at + 300);
  if (english) {
    // To the clause's end; the full stop of an abbreviation or initial ("Sen. Cantwell", "John F. Kennedy") is none.
    let length = stretch.length;
    for (const m of stretch.matchAll(/[,;:.!?\n]/gu)) {
      if (m[0] === '.' && isAbbreviation(/(\p{L}+)$/u.exec(stretch.slice(0, m.index))?.[1] ?? '')) continue;
      length = m.index;
      break;
    }
    const clause = stretch.slice(0, length).trimEnd();
    const words = clause.split(/\s+/).filter(Boolean);
    return clause && words.length <= 8 ? { start: at, end: at + clause.length } : null;
  }
  let end = -1;
  let head = false;
  let pending = 0;
  const word = new RegExp(WORD);
  for (let m = word.exec(stretch), n = 0; m && n < MAX_PHRASE_TOKENS; m = word.exec(stretch), n++) {
    const w = m[0];
    const lower = w.toLowerCase();
    if (isCapitalized(w) && /[\p{L}\p{N}]/u.test(w)) {
      head = true;
      pending = 0;
      // A full stop ends the sentence, not the word ("sagte das OVG."), but for an abbreviation or initial ("Dr.").
      const stop = /\.$/u.test(w) && !isAbbreviation(w.slice(0, -1));
      end = at + m.index + (stop ? w.length - 1 : w.length);
      if (stop) break;
    } else if (DETERMINERS.has(lower) || LINKS.has(lower) || looksAdjectival(w)) {
      // Words that lead to a head: the phrase's end moves only when one comes. After the head only a genitive goes
      // on ("der Präsident des BSI"); another determiner opens the object ("das Gericht seine Entscheidung").
      if (head && !DETERMINERS.has(lower) && !LINKS.has(lower)) break;
      if (head && DETERMINERS.has(lower) && !GENITIVE_ARTICLES.has(lower)) break;
      pending++;
    } else break;
  }
  return head && end > at ? { start: at, end } : null;
}

/**
 * The noun phrase that ends at `at`, read backwards ("einem Bericht des Guardian" before "zufolge"): capitalized
 * words, determiners and links between them, and adjectives after a determiner.
 */
export function nounPhraseBefore(text: string, at: number): Span | null {
  const stretch = text.slice(Math.max(0, at - 200), at);
  const offset = at - stretch.length;
  const words = [...stretch.matchAll(new RegExp(WORD))].filter((m) => m.index + m[0].length <= stretch.length);
  let start = -1;
  for (let i = words.length - 1, n = 0; i >= 0 && n < MAX_PHRASE_TOKENS; i--, n++) {
    const w = words[i]![0];
    const lower = w.toLowerCase();
    // A full stop before the phrase ends the sentence before it ("… Schwanken. Augenzeugenberichten zufolge").
    if (/[.!?]$/u.test(w)) break;
    if (isCapitalized(w) && /[\p{L}\p{N}]/u.test(w)) start = offset + words[i]!.index;
    else if (DETERMINERS.has(lower)) {
      start = offset + words[i]!.index;
      // A determiner opens the phrase unless a genitive's head stands before it ("Bericht des Guardian").
      if (!(i > 0 && isCapitalized(words[i - 1]![0]))) break;
    } else if (LINKS.has(lower) && start >= 0) continue;
    else if (
      looksAdjectival(w) &&
      i > 0 &&
      (DETERMINERS.has(words[i - 1]![0].toLowerCase()) || looksAdjectival(words[i - 1]![0]))
    )
      continue;
    else break;
  }
  return start >= 0 ? { start, end: at } : null;
}

/** Whether words read as a name: up to four capitalized words, after an article or none ("Sadiq Khan", "Der NDR"). */
export function readsAsName(words: string): boolean {
  const list = words.trim().split(/\s+/);
  const names = ARTICLES_LOWER.has(list[0]!.toLowerCase()) ? list.slice(1) : list;
  return names.length > 0 && names.length <= 4 && names.every((w) => /^\p{Lu}/u.test(w));
}
const ARTICLES_LOWER = lowerSet(ARTICLES);

/**
 * Whether words are a noun phrase and no clause: an article, then capitalized words, links and inflected adjectives
 * only ("Der frühere Bürgermeister und Justizsenator"), ending in its noun or name, where a clause has a verb ("Es
 * gelte", "Die Lage sei ernst", "Eine Prüfung habe ergeben").
 */
export function readsAsNounPhrase(words: string, verbs: ReadonlySet<string>): boolean {
  const list = words.trim().split(/\s+/);
  if (list.length < 2 || !ARTICLES_LOWER.has(list[0]!.toLowerCase()) || !/^\p{Lu}/u.test(list.at(-1)!)) return false;
  return list
    .slice(1)
    .every(
      (w) =>
        !AUXILIARIES.has(w) &&
        !verbs.has(w) &&
        (/^\p{Lu}/u.test(w) || LINKS.has(w) || DETERMINERS.has(w) || NAME_CONNECTORS.has(w) || looksAdjectival(w)),
    );
}
const NAME_CONNECTORS = lowerSet(
  PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].grammar.GRAMMAR_WORDS.nameConnectors),
);

/**
 * A name or noun phrase and one apposition after it, a name or words that open in lowercase ("Sadiq Khan, einer der
 * Abgeordneten", "Der frühere Bürgermeister, Henning Scherf (SPD)").
 */
function namedWithApposition(stretch: string, verbs: ReadonlySet<string>): boolean {
  const segments = stretch.split(',');
  if (segments.length !== 2 || !(readsAsName(segments[0]!) || readsAsNounPhrase(segments[0]!, verbs))) return false;
  return /^\s*\p{Ll}/u.test(segments[1]!) || readsAsName(segments[1]!.replace(/\([^)]*\)/g, ''));
}

/** The punctuation the rules read beside letter words: the comma and quotation marks. */
const READ_MARKS = new Set([',', '„', '“', '”', '"', '»', '«']);

/** The words of a sentence, in order: letter words, commas and quotation marks. */
function wordsOf(text: string, tokens: readonly Token[], sentence: Span): LetterWord[] {
  const words: LetterWord[] = [];
  forEachLetterWord(text, tokens, sentence, (word) => words.push(word), READ_MARKS);
  return words;
}
const isMark = (w: LetterWord | undefined) => w !== undefined && /^[„“”"»«]$/.test(w.text);

/** A span without the spaces and final punctuation around it. */
function trimmed(text: string, start: number, end: number): Span {
  while (end > start && /[\s.!?,;:]/.test(text[end - 1]!)) end--;
  while (start < end && /[\s,;:–—-]/.test(text[start]!)) start++;
  return { start, end };
}

/** What a word can tell of a sentence before it is read: a frame's verb, a subjunctive, a source's words. */
const VERB = 1;
const SUBJUNCTIVE = 2;
const SOURCE_ANAPHOR = 4;
const SOURCE_WORD = 8;

/**
 * The classes of a word under one set of speech verbs and subjunctives, memoized per word: every sentence of every
 * document is looked through for them, a lowercase copy and five set look-ups per word.
 */
const wordClassesBy = new WeakMap<ReadonlySet<string>, WeakMap<ReadonlySet<string>, (word: string) => number>>();
function wordClasses(verbs: ReadonlySet<string>, subjunctives: ReadonlySet<string>): (word: string) => number {
  let bySubjunctives = wordClassesBy.get(verbs);
  if (!bySubjunctives) wordClassesBy.set(verbs, (bySubjunctives = new WeakMap()));
  let classes = bySubjunctives.get(subjunctives);
  if (!classes) {
    classes = memoizeWord((word) => {
      const lower = word.toLowerCase();
      return (
        (verbs.has(lower) || FRAME_VERBS.has(lower) ? VERB : 0) |
        (subjunctives.has(word) ? SUBJUNCTIVE : 0) |
        (SOURCE_ANAPHORS.has(lower) ? SOURCE_ANAPHOR : 0) |
        (SOURCE_FIRST_WORDS.has(lower) ? SOURCE_WORD : 0)
      );
    });
    bySubjunctives.set(subjunctives, classes);
  }
  return classes;
}

export function reportedSpeech<S>(context: ReportedSpeechContext<S>): ReportedQuote<S>[] {
  const { text, tokens, sentences, verbs, subjunctives, speakerIn, speakerOfPhrase } = context;
  const classesOf = wordClasses(verbs, subjunctives);
  const english = context.language === 'en';
  const found: ReportedQuote<S>[] = [];
  const direct = [...context.direct].sort((x, y) => x.start - y.start);
  /** Characters of [start, end) inside direct quotes. */
  const quotedChars = (start: number, end: number) => {
    let covered = 0;
    for (let i = Math.max(0, firstStartingAt(direct, start) - 1); i < direct.length && direct[i]!.start < end; i++)
      covered += Math.max(0, Math.min(end, direct[i]!.end) - Math.max(start, direct[i]!.start));
    return covered;
  };
  /**
   * `framed`: whether the sentence's own frame reports the clause ("said the designations “will help …”"), which
   * may then be mostly quoted; words mostly in quotation marks with no frame of their own are a direct quote only.
   */
  const add = (span: Span, speaker: S | null, framed = true) => {
    const { start, end } = trimmed(text, span.start, span.end);
    if (end - start < MIN_CLAUSE_CHARS || (!framed && quotedChars(start, end) * 2 > end - start)) return false;
    const last = found[found.length - 1];
    if (last && last.end > start) return false;
    found.push({ start, end, text: text.slice(start, end), kind: 'indirect', speaker });
    return true;
  };
  // Verbs are written lowercase: a capitalized one is a name's word ("in the United States that …").
  const isSpeechVerb = (w: LetterWord | undefined) =>
    w !== undefined && w.text === w.lower && verbs.has(w.lower) && !SOURCE_WORDS.has(w.lower);
  /** A speech verb, or a verb that frames a report by its grammar alone ("branded … as"). */
  const isFrameVerb = (w: LetterWord) => isSpeechVerb(w) || (w.text === w.lower && FRAME_VERBS.has(w.lower));
  const isSubjunctive = (w: LetterWord) => subjunctives.has(w.text);

  /**
   * Whether the words from `at` to the next comma end in an infinitive with its marker ("… zu gründen"), and are no
   * infinitive of purpose ("um … zu machen").
   */
  const infinitiveClause = (words: LetterWord[], at: number) => {
    let end = at;
    while (end < words.length && words[end]!.text !== ',') end++;
    return (
      end - at >= 3 &&
      !PURPOSE.has(words[at]!.lower) &&
      INFINITIVE_MARKERS.has(words[end - 2]!.lower) &&
      /^\p{Ll}/u.test(words[end - 1]!.text)
    );
  };

  /** The first of words[from, from + MAX_WORDS_TO_PREDICATE) that `is`, before a comma; quotation marks are skipped. */
  const soonAfter = (words: LetterWord[], from: number, is: (w: LetterWord) => boolean) => {
    for (let v = from; v < Math.min(words.length, from + MAX_WORDS_TO_PREDICATE); v++) {
      if (words[v]!.text === ',') return -1;
      if (is(words[v]!)) return v;
    }
    return -1;
  };
  const isFinite = (w: LetterWord) => FINITE_AUXILIARIES.has(w.lower);

  /**
   * Where a clause reported by the verb at `w` opens by the verb's own frame, with no comma or complementizer: the
   * object of "described Russia as …", the infinitive of "pledged to …", the subject of "said the risk was low" (not
   * of "said on Monday", nor "added Kaspersky to the list", which has no finite verb).
   */
  const framedClauseAt = (words: LetterWord[], w: number): number => {
    const verb = words[w]!.lower;
    const next = words[w + 1];
    if (!next || !/^\p{L}/u.test(next.text)) return -1;
    const particle = PREDICATIVE_FRAMES.get(verb);
    // "accused Moscow of …" has its object before the particle; "men accused of …" is a participle with none.
    if (particle && next.lower !== particle && soonAfter(words, w + 2, (x) => x.lower === particle) > 0) return w + 1;
    if (INFINITIVE_FRAMES.get(verb) === next.lower) return w + 1;
    if (BARE_CLAUSE_VERBS.has(verb) && !ADJUNCT_WORDS.has(next.lower) && soonAfter(words, w + 2, isFinite) > 0)
      return w + 1;
    return -1;
  };

  /** "Martin sagte, die Lage sei ernst", "Martin ergänzte, dass …", "Levy said the risk was low". */
  const clauseAfterVerb = (words: LetterWord[], sentence: Span): boolean => {
    for (let w = 0; w < words.length - 1; w++) {
      if (!isFrameVerb(words[w]!) || words[w]!.lower === 'so') continue;
      let clauseAt = -1;
      for (let v = w + 1; v < Math.min(words.length, w + MAX_WORDS_TO_CLAUSE); v++) {
        const word = words[v]!;
        // "sagte: „…“" frames a direct quote; "sagte, „No-Go-Areas“ dürfe es nicht geben" reports one.
        if (isMark(word) && words[v - 1]!.text !== ',') break;
        // "told industry leaders in a phone briefing Monday that …": the addressee and the time may come first.
        if (COMPLEMENTIZERS.has(word.lower)) {
          clauseAt = v + 1;
          break;
        }
        if (word.text === ',' && COMPLEMENTIZERS.has(words[v + 1]?.lower ?? '')) {
          clauseAt = v + 2;
          break;
        }
        if (word.text === ',' && words.slice(v + 1, v + 8).some(isSubjunctive)) {
          clauseAt = v + 1;
          break;
        }
        // "kündigte an, eine Kommission zu gründen": an infinitive clause reports what was announced.
        if (word.text === ',' && infinitiveClause(words, v + 1)) {
          clauseAt = v + 1;
          break;
        }
        // Past a comma only "dass"/"that" or the Konjunktiv of the clause right after it says the clause is reported.
        if (word.text === ',') break;
      }
      // "Levy said the risk was low", also after an apposition's comma ("Martin, head of the NCSC, said Russia has
      // …"); "…, says Ciaran Martin" has no finite verb after it and frames the clause before.
      if (clauseAt < 0) clauseAt = framedClauseAt(words, w);
      while (isMark(words[clauseAt])) clauseAt++;
      if (clauseAt < 0 || clauseAt >= words.length || !/^\p{L}/u.test(words[clauseAt]!.text)) continue;
      // The frame's grammar says the clause is reported even where no speaker is found in it ("his letter said …").
      // A Konjunktiv before the frame reports what stands there too: a frame inside the sentence ("Die USA hätten …
      // geprüft, erklärte Raimondo, aber man habe …") reports the clause before it as well as the one after, a frame
      // in the Konjunktiv is itself reported ("In der Regierung werde darüber gesprochen, ob …"): the sentence is.
      const reportedBefore = words.slice(0, w).some(isSubjunctive);
      const inverted = w > 0 && words[w - 1]!.text === ',';
      const speaker = speakerIn(sentence.start, words[clauseAt - 1]!.end);
      if (reportedBefore && inverted) add({ start: sentence.start, end: words[w - 1]!.start }, speaker);
      const start = reportedBefore && !inverted ? sentence.start : words[clauseAt]!.start;
      if (add({ start, end: sentence.end }, speaker)) return true;
    }
    return false;
  };

  /** "Die Lage sei ernst, sagte Martin.", "The risk is low, Levy said.", "…, so Rice.": the clause before its frame. */
  const clauseBeforeFrame = (words: LetterWord[], sentence: Span, quoted: readonly Quoted[]): boolean => {
    for (let c = words.length - 2; c >= 3; c--) {
      if (words[c]!.text !== ',') continue;
      const rest = words.slice(c + 1).filter((w) => w.text !== ',' && !isMark(w));
      if (rest.length > MAX_TRAILING_FRAME_WORDS) break;
      // The frame opens with its verb (German inverts: "sagte Martin"; "said Levy", not "…, told reporters") or, in
      // English, with its subject.
      // Either way an inverted frame's verb has its subject right after it ("sagte Martin", "so der Minister",
      // "sagte er"), not "so dass", "äußerte sich", "nannte dies".
      const inverted =
        (isSpeechVerb(rest[0]) || rest[0]?.lower === 'so') &&
        (isCapitalized(rest[1]?.text ?? '') ||
          DETERMINERS.has(rest[1]?.lower ?? '') ||
          PRONOUNS.has(rest[1]?.lower ?? '')) &&
        // "das" is an article before a noun ("meint das VG Köln"), a demonstrative object otherwise ("nannte das").
        !(DEMONSTRATIVES.has(rest[1]?.lower ?? '') && !isCapitalized(rest[2]?.text ?? '')) &&
        // English inverts only a frame with no clause after it: "…, said the agency.", not "…, said the agency was …".
        (!english || !rest.slice(1, 6).some((w) => AUXILIARIES.has(w.lower)));
      // Not inverted, an English frame has its subject between the comma and the verb ("…, Levy said"); a verb right
      // after the comma closes an apposition ("The operator, Hans Olbrich, said little").
      const verb = inverted ? 0 : english ? rest.findIndex(isSpeechVerb) : -1;
      if (verb < 0 || verb > 5 || (!inverted && verb === 0)) continue;
      // A frame ends soon after its verb ("…, Levy said on Monday"); "…, he described Russia as a “…” which …"
      // goes on with the verb's own object and clause, and reports nothing before its comma.
      if (!inverted && rest.length - verb - 1 > MAX_WORDS_AFTER_TRAILING_VERB) continue;
      // The subject of "…, Levy said" stands whole between the comma and the verb, not cut by an apposition's comma,
      // and with no passive's auxiliary before the verb ("…, the flaws were reported").
      if (!inverted && words.slice(c + 1, words.indexOf(rest[verb]!)).some((w) => w.text === ',')) continue;
      if (!inverted && rest.slice(0, verb).some((w) => PASSIVE_AUXILIARIES.has(w.lower))) continue;
      // A clause in quotation marks is a direct quote, attributed as one; a frame that opens one right after its verb
      // ("…, said: “…”") frames that quote.
      const verbEnd = rest[verb]!.end;
      if (
        quoted.some(
          (q) =>
            (q.close >= words[c - 1]!.start && q.open - sentence.start < 3) ||
            (q.open >= verbEnd && /^[\s:]*$/u.test(text.slice(verbEnd, q.open))),
        )
      )
        return false;
      // "Sadiq Khan, einer der Abgeordneten, verurteilte …": a name and its apposition are the subject, no clause.
      if (namedWithApposition(text.slice(sentence.start, words[c]!.start), verbs)) return false;
      return add({ start: sentence.start, end: words[c]!.start }, speakerIn(words[c]!.end, sentence.end));
    }
    return false;
  };

  /** "Wie die BBC berichtet, wurden …", "As the agency said, …": the clause after the comparative frame. */
  const clauseAfterComparative = (words: LetterWord[], sentence: Span): boolean => {
    if (!COMPARATIVES.has(words[0]?.lower ?? '')) return false;
    const comma = words.findIndex((w) => w.text === ',');
    if (comma < 2 || comma > 12 || !words.slice(1, comma).some(isSpeechVerb)) return false;
    // "Wie berichtet, …" reports with no source; the comparative word itself is none.
    const speaker = speakerIn(words[1]!.start, words[comma]!.start);
    return speaker !== null && add({ start: words[comma]!.end, end: sentence.end }, speaker);
  };

  /** "laut BSI", "nach Angaben der Polizei", "dem Bericht zufolge", "according to the FBI": the whole sentence. */
  const sourcedSentence = (sentence: Span, words: LetterWord[]): boolean => {
    const body = text.slice(sentence.start, sentence.end);
    let phrase: Span | null = null;
    let cue: Span | null = null;
    PREPOSITION.lastIndex = 0;
    const preposition = PREPOSITION.exec(body);
    if (preposition) {
      const at = sentence.start + preposition.index;
      cue = { start: at, end: at + preposition[0].trimEnd().length };
      phrase = nounPhraseAfter(text, at + preposition[0].length, english);
    }
    for (const { before, after } of REPORT_PHRASES) {
      if (phrase || !REPORT_NOUN_HINT.test(body)) break;
      before.lastIndex = 0;
      after.lastIndex = 0;
      const front = before.exec(body);
      const back = front ? null : after.exec(body);
      const m = front ?? back;
      if (!m) continue;
      const at = sentence.start + m.index + m[0].indexOf(m[1]!);
      cue = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
      phrase = back ? { start: at, end: at + m[1]!.length } : nounPhraseAfter(text, at, false);
    }
    if (!phrase) {
      const post = words.find((w) => POSTPOSITIONS.has(w.lower));
      if (post) {
        cue = post;
        phrase = nounPhraseBefore(text, text.slice(0, post.start).trimEnd().length);
      }
    }
    if (!phrase || !cue) return false;
    return add(sentence, speakerOfPhrase(phrase, cue));
  };

  /** "Das erklärte ein Sprecher.": the sentence before is what the frame reports. */
  const demonstrativeFrame = (
    words: LetterWord[],
    sentence: Span,
    previous: Span | undefined,
    previousQuoted: readonly Quoted[],
  ): boolean => {
    if (!previous || !DEMONSTRATIVES.has(words[0]?.lower ?? '') || !isSpeechVerb(words[1])) return false;
    if (previousQuoted.some((q) => q.close < previous.end)) return false;
    if (found.length > 0 && found[found.length - 1]!.end > previous.start) return false;
    const speaker = speakerIn(sentence.start, sentence.end);
    return speaker !== null && add(previous, speaker);
  };

  // Sentences come in order: the last speaker is kept as they pass, merging in the direct quotes' speakers and the
  // frames without words of their own. A frame's speaker is resolved only when a report continues from it: most
  // never are.
  let nextDirect = 0;
  let current: S | null = null;
  let currentAt = -1;
  let framers: Span[] = [];
  const lastSpeakerBefore = (at: number): { speaker: S | null; start: number } | null => {
    const directs: Array<Span & { speaker: S | null }> = [];
    for (; nextDirect < direct.length && direct[nextDirect]!.start < at; nextDirect++)
      if (direct[nextDirect]!.start > currentAt) directs.push(direct[nextDirect]!);
    // The latest of them that names a speaker wins: a direct quote always (its speaker may be unknown), a frame
    // when its words name someone.
    let d = directs.length - 1;
    let f = framers.length - 1;
    while (d >= 0 || f >= 0) {
      if (d >= 0 && (f < 0 || directs[d]!.start > framers[f]!.start)) {
        current = directs[d]!.speaker;
        currentAt = directs[d]!.start;
        break;
      }
      const framer = speakerIn(framers[f]!.start, framers[f]!.end);
      if (framer) {
        current = framer;
        currentAt = framers[f]!.start;
        break;
      }
      f--;
    }
    framers = [];
    const own = found[found.length - 1];
    return own && own.start > currentAt && own.start < at
      ? own
      : current
        ? { speaker: current, start: currentAt }
        : null;
  };

  /**
   * Whether [start, open) holds a speech verb with words after it, not a colon: a clause that opens before a quote. A
   * source phrase ("According to Raimondo, “…”") frames the quote itself.
   */
  const reportsBefore = (start: number, open: number) => {
    const before = text.slice(start, open);
    if (/:\s*$/.test(before)) return false;
    const words = (before.match(TOKEN) ?? []).map((w) => w.toLowerCase());
    return words.slice(0, -1).some((w) => verbs.has(w) && !SOURCE_FIRST_WORDS.has(w));
  };

  let nextQuoted = 0;
  let previousQuoted: readonly Quoted[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    // The quotes opening in the sentence. Quotes and sentences come in order: they are found from where the last
    // sentence's began, not by reading them all for each.
    while (nextQuoted < context.quoted.length && context.quoted[nextQuoted]!.open < sentence.start) nextQuoted++;
    let after = nextQuoted;
    while (after < context.quoted.length && context.quoted[after]!.open < sentence.end) after++;
    const quoted = context.quoted.slice(nextQuoted, after);
    const quotedBefore = previousQuoted;
    previousQuoted = quoted;
    // A sentence that is mostly a direct quote is attributed as one, unless words of a reported clause stand between
    // its frame's verb and the quote ("said the new designations “will help …”").
    if (
      quoted.some(
        (q) =>
          q.close < sentence.end &&
          q.close - q.open > 0.5 * (sentence.end - sentence.start) &&
          !reportsBefore(sentence.start, q.open),
      )
    )
      continue;
    // Most sentences report nothing: a look at their words rules them out before any work. The words are the
    // document's tokens and their classes memoized: this loop sees every sentence of every document.
    let present = 0;
    forEachLetterWord(text, tokens, sentence, (word) => (present |= classesOf(word.text)));
    if (present === 0) continue;
    const hasVerb = (present & VERB) !== 0;
    const marked = (present & SUBJUNCTIVE) !== 0;
    const continued = (present & SOURCE_ANAPHOR) !== 0;
    const sourced = (present & SOURCE_WORD) !== 0;
    const words = wordsOf(text, tokens, sentence);
    const previous = s > 0 ? sentences[s - 1] : undefined;
    if (
      (hasVerb && (clauseAfterComparative(words, sentence) || clauseAfterVerb(words, sentence))) ||
      (sourced && sourcedSentence(sentence, words)) ||
      (hasVerb &&
        // The quote before the sentence's own may still be open in it: quotes do not overlap, no earlier one can.
        (clauseBeforeFrame(words, sentence, context.quoted.slice(Math.max(0, nextQuoted - 1), after)) ||
          demonstrativeFrame(words, sentence, previous, quotedBefore)))
    )
      continue;
    if (!marked && !continued) {
      // A frame with no words of its own ("Das Unternehmen wies die Vorwürfe zurück.") names who speaks next.
      if (hasVerb) framers.push(sentence);
      continue;
    }
    // Reported speech runs on from its frame, sentence by sentence; past a stretch that reports nothing it is still
    // reported, but whose it is no longer follows.
    const last = lastSpeakerBefore(sentence.start);
    const speaker = last && sentence.start - last.start < CONTINUATION_CHARS ? last.speaker : null;
    if (last) add(sentence, speaker, false);
  }
  return found;
}
