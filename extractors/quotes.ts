import type { LanguageCode, Span } from '../corpus/document.js';
import type { EntityFinding, Mention } from './entities.js';
import { firstStartingAt } from './coverage.js';
import {
  CONTINUATION_CHARS,
  DETERMINERS,
  isAbbreviation,
  nounPhraseAfter,
  readsAsName,
  readsAsNounPhrase,
  reportedSpeech,
} from './reported-speech.js';
import { ARTICLES, LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import { forEachLetterWord, wordForm, type LetterWord, type Token } from './phrases.js';
import {
  ENGLISH_SPEECH_VERB_FORMS,
  GERMAN_SUBJUNCTIVE,
  GERMAN_NOUN_FORMS,
  GERMAN_SPEECH_VERB_FORMS,
  isLikelyName,
} from './lexicons.js';

/** Who said a quote. */
export interface QuoteSpeaker {
  key: string | null;
  name: string;
  role: string | null;
  /** Key of the agency or organization an unnamed speaker speaks for ("ein Sprecher des BSI"). */
  affiliation: string | null;
  /**
   * The words the speaker was resolved from: the name in the frame, a pronoun ("sagte er"), a description ("ein
   * Sprecher des BSI"), or where an earlier frame named the speaker of a quote that goes on from it.
   */
  mention: Mention | null;
}

/** A quote, direct or reported, with its speaker where one is found. */
export interface QuoteFinding extends Span {
  text: string;
  kind: 'direct' | 'indirect';
  speaker: QuoteSpeaker | null;
  /** The word that frames the quote as speech ("sagte", "laut", "according"), where the frame has one. */
  cue: Mention | null;
}

/** A speaker with the cue of the frame that named it, while quotes are attributed. */
type FramedSpeaker = QuoteSpeaker & { cue: Mention | null };
/** A quote while it is attributed. */
type FramedQuote = Omit<QuoteFinding, 'speaker' | 'cue'> & { speaker: FramedSpeaker | null };

/** A quote as the stage returns it: the cue of its speaker's frame, the speaker without it. */
function finished({ speaker, ...quote }: FramedQuote): QuoteFinding {
  if (!speaker) return { ...quote, speaker: null, cue: null };
  const { cue, ...named } = speaker;
  return { ...quote, speaker: named, cue };
}

/**
 * Quotes and who said them. Direct quotes are the words between quotation marks of any style both languages use
 * („…“ “…” "…" »…« «…» ‚…‘ ‘…’ '…'), nested quotes kept inside the outer one and apostrophes ("Kaspersky's")
 * never taken for marks. A quote counts when a speech frame attributes it: after it ("…“, sagte Raimondo"), before
 * it ("Raimondo sagte: „…“", "according to the BSI, “…”") or around it, where a quote interrupted by its attribution
 * ("„…“, sagte Raimondo. „…“") is one quote. The speaker is what the frame's subject names, found by word order (a
 * person resolved to the document's full name, an agency, an organization), the person last named for a pronoun
 * ("sagte er"), or an unnamed official kept with its description. Unattributed words in quotation marks are scare quotes or titles, not
 * quotes; words quoted inside reported speech are. Reported speech without marks: `reported-speech.ts`.
 */

const PACKS = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code].speech.SPEECH_WORDS);
const VERBS = new Set([...PACKS.flatMap((p) => p.verbs), ...GERMAN_SPEECH_VERB_FORMS, ...ENGLISH_SPEECH_VERB_FORMS]);
const PRONOUNS = new Set(PACKS.flatMap((p) => p.pronouns));
/** Unnamed speakers ("ein Sprecher"), each as a whole-word pattern over the lowercased frame, compiled once. */
const UNNAMED_SOURCES = PACKS.flatMap((p) => p.unnamedSpeakers).map((u) => u.toLowerCase());
const UNNAMED = UNNAMED_SOURCES.map((u) => new RegExp(`(?:^|[^\\p{L}])${u}(?![\\p{L}])`, 'u'));
/** Any of them: most frames name no unnamed speaker, and one search rules them all out. */
const ANY_UNNAMED = new RegExp(
  `(?:^|[^\\p{L}])(?:${UNNAMED_SOURCES.map((u) => `(?:${u})`).join('|')})(?![\\p{L}])`,
  'u',
);
const FIRST_PERSON = new Set(PACKS.flatMap((p) => p.firstPerson));
const ANAPHOR_TYPES = new Map(PACKS.flatMap((p) => Object.entries(p.anaphors)));
/**
 * "das Ministerium", "des FDP-geführten Ministeriums", "des US-Ministeriums", "the company": a definite article, at most two words (kept,
 * as they may name the body: "the cybersecurity agency"), an anaphoric noun, and no name after it ("die Regierung
 * Russlands", "the Department of Commerce" name a body anew).
 */
const ANAPHOR_ARTICLES = PACKS.flatMap((p) => p.definiteArticles).flatMap((a) => [a, a[0]!.toUpperCase() + a.slice(1)]);
const NAME_LINKS = PACKS.flatMap((p) => p.genitiveLinks).map((link) => `${link}\\b`);
const ANAPHOR = new RegExp(
  `(?<![\\p{L}])(?:${ANAPHOR_ARTICLES.join('|')})\\s+((?:[\\p{L}\\p{N}-]+\\s+){0,2}?)(?:[\\p{L}\\p{N}]+-)?(${[...ANAPHOR_TYPES.keys()].join('|')})` +
    `(?![\\p{L}])(?!\\s+(?:\\p{Lu}|${NAME_LINKS.join('|')}))`,
  'gu',
);
/**
 * The verb forms that mark reported speech, by language: German Konjunktiv I and II, from the verb dictionary, and
 * the pack's reportative modals; English marks it by its frame alone.
 */
const SUBJUNCTIVES_BY_LANGUAGE: Partial<Record<LanguageCode, ReadonlySet<string>>> = {
  de: new Set([...GERMAN_SUBJUNCTIVE, ...LANGUAGE_PACKS.de.speech.SPEECH_WORDS.reportativeModals]),
};
const NO_WORDS: ReadonlySet<string> = new Set();

/** Opening mark → the marks that close it. */
const CLOSERS: Record<string, string> = {
  '„': '“”',
  '‚': '‘’',
  '“': '”',
  '‘': '’',
  '"': '"',
  "'": "'",
  '»': '«',
  '«': '»',
};
/** A form lowercased without spaces, hyphens and marks, so that "Cyber Security" and "cybersecurity" compare equal. */
const squash = (form: string) => form.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

interface Quoted {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or of the paragraph's end for a quote left open there. */
  close: number;
}

/** Double marks: a quote they open may be left open at its paragraph's end; a single mark is as often an apostrophe. */
const DOUBLE_MARKS = new Set(['„', '“', '"', '»', '«']);

/**
 * A quote still open where its paragraph ends, with no reopening: the English convention leaves the last paragraph's
 * mark to its end, and archives lose marks. It is a quote when one double mark is open and the paragraph ends a
 * sentence, and the mark opens a sentence ("He said: “…", "… Division. “…"); a mark lost inside a sentence ("die sich mit
 * “Beziehungen … beschäftigen.") leaves no telling where the quote ended. Nested or single marks are dropped, as an
 * apostrophe or a stray mark would otherwise swallow the rest.
 */
function leftOpen(text: string, stack: ReadonlyArray<{ mark: string; at: number }>, end: number): Quoted | null {
  if (stack.length !== 1 || !DOUBLE_MARKS.has(stack[0]!.mark)) return null;
  if (!/(?:^|[.!?:]\s*|\n\s*)$/.test(text.slice(Math.max(0, stack[0]!.at - 20), stack[0]!.at))) return null;
  let close = end;
  while (close > 0 && /\s/.test(text[close - 1]!)) close--;
  // Another double mark inside, beyond the reopening ones, means the marks are tangled, not one lost.
  const inner = text.slice(stack[0]!.at + 1, close).replace(/\n\s*[„“"»«]/g, '\n');
  return /[.!?…]$/.test(inner) && !/[„“”"»«]/.test(inner) ? { open: stack[0]!.at, close } : null;
}

/** The characters findQuoted looks at: quotation marks and line breaks; the scan jumps from one to the next. */
const QUOTE_SCAN = new RegExp(
  `[\n${[...new Set([...Object.keys(CLOSERS), ...Object.values(CLOSERS).join('')])].join('')}]`,
  'g',
);

/**
 * Outermost quoted stretches. A quote may run over paragraphs only as the English convention writes it (each paragraph
 * reopened), and may be left open at a paragraph's end (see leftOpen).
 */
export function findQuoted(text: string): Quoted[] {
  const found: Quoted[] = [];
  const stack: Array<{ mark: string; at: number }> = [];
  const scan = new RegExp(QUOTE_SCAN);
  for (let m = scan.exec(text); m; m = scan.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (c === '\n') {
      if (stack.length === 0 || text[i + 1] !== '\n') continue;
      // A paragraph ends inside a quote: it goes on only if the next paragraph reopens it with the same mark.
      let j = i;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === stack[0]!.mark && stack.length === 1) {
        scan.lastIndex = j + 1;
        continue;
      }
      const open = leftOpen(text, stack, i);
      if (open) found.push(open);
      stack.length = 0;
      continue;
    }
    const before = text[i - 1];
    const after = text[i + 1];
    // "Kaspersky's", "Biden-Harris-Administration’s", "don't": an apostrophe between letters.
    if ((c === '’' || c === "'") && isWordChar(before) && isWordChar(after)) continue;
    const top = stack[stack.length - 1];
    if (top && CLOSERS[top.mark]!.includes(c) && !(isSpace(before) && !isSpace(after) && c === top.mark)) {
      stack.pop();
      if (stack.length === 0) found.push({ open: top.at, close: i });
      continue;
    }
    const opens = c in CLOSERS && !isSpace(after) && (isSpace(before) || /[([{\-–—/„“‚‘»«:]/.test(before!));
    if (opens && stack.length < 3) stack.push({ mark: c, at: i });
  }
  const open = leftOpen(text, stack, text.length);
  if (open) found.push(open);
  return found;
}

interface Attribution {
  speaker: FramedSpeaker;
  /** End of the attribution after the quote, for joining an interrupted quote. */
  end: number;
}

const SPEAKER_TYPES = new Set(['person', 'agency', 'organization']);

/**
 * How far from a quote its frame is looked for. A "sentence" longer than this is no sentence (a table, a list run
 * together, a text without full stops): reading all of it for each of its quotes made the stage quadratic.
 */
const MAX_FRAME_CHARS = 1000;

const ARTICLES_BEFORE_NOUN = new Set(ARTICLES);
/**
 * A role before a body's name ("the head of the NCSC", "der Vizepräsident des BfV"): a determiner, the role (or a
 * compound ending in it) and a genitive link, from the persons and speech packs.
 */
const ROLE_OF_BODY = new RegExp(
  `^(?:(?:${[...DETERMINERS].join('|')})\\s+)?(?:\\p{L}+\\s+)?([\\p{L}-]*(?:${PACK_LANGUAGES.flatMap(
    (code) => LANGUAGE_PACKS[code].persons.PERSON_WORDS.roles,
  ).join('|')}))\\s+(?:${[...PACKS.flatMap((p) => p.genitiveLinks), ...DETERMINERS].join('|')})\\s`,
  'iu',
);
/** Auxiliaries and modals a German speech verb's participle or infinitive follows ("hatte … erklärt"). */
const AUXILIARIES = new Set(PACKS.flatMap((p) => p.auxiliaries));
/** Small words a title has between its capitalized ones ("BILD am Sonntag", "Tobacco Control and Prevention"). */
const TITLE_CONNECTORS = new Set(PACKS.flatMap((p) => p.titleConnectors));
/** Nouns whose apposition in marks is a name or a title ("das Motto „…“", "the film “…”"), lowercased. */
const TITLE_NOUNS = PACKS.flatMap((p) => p.titleNouns);
/** Titles in marks run to a few words; longer capitalized runs ("Wir Demokraten …") may be speech. */
const MAX_TITLE_WORDS = 6;
/**
 * Words that open a clause but never name a speaker ("Es wird vermutet", "Hier sagte …", "Als Grund nannte …"): the
 * speech packs' and the function words the language packs know, but for the pronouns that refer to a speaker.
 */
const NOT_SPEAKERS = new Set(
  [
    ...PACKS.flatMap((p) => p.notSpeakers),
    ...PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].language.LANGUAGE_WORDS.functionWords),
  ].filter((w) => !PACKS.some((p) => p.pronouns.includes(w))),
);
/** A stretch before a verb without the auxiliaries that end it ("The president has" of "has told"): no subject's words. */
function withoutTrailingAuxiliaries(stretch: string): string {
  let words = stretch;
  for (let m = /\s+(\p{L}+)$/u.exec(words); m && AUXILIARIES.has(m[1]!); m = /\s+(\p{L}+)$/u.exec(words))
    words = words.slice(0, m.index);
  return words;
}
const PARTITIVES = new Set(PACKS.flatMap((p) => p.partitives));
const GENITIVE_LINKS = new Set(PACKS.flatMap((p) => p.genitiveLinks));
const SUBORDINATE_BODIES = new Set(PACKS.flatMap((p) => p.subordinateBodies).map((w) => w.toLowerCase()));
const FOCUS_PARTICLES = new Set(PACKS.flatMap((p) => p.focusParticles));
const IMPERSONAL = new Set(PACKS.flatMap((p) => p.impersonalSubjects));
/** Articles of the dative and accusative only: a phrase they open before the verb is its object ("Dem Spiegel sagte"). */
const OBJECT_ARTICLES = new Set(PACKS.flatMap((p) => p.objectArticles));
/** Words a described speaker may run to: a subject is short. */
const MAX_PHRASE_WORDS = 7;
/** Words a subject no entity is named in may run to ("der grüne Staatssekretär", "the prime minister"). */
const MAX_DESCRIBED_WORDS = 5;

/** The words of a stretch as a candidate noun phrase, trimmed; null when it is empty or too long to be a subject. */
function phraseWords(stretch: string): string | null {
  const phrase = stretch.replace(/\s+/g, ' ').trim();
  const words = phrase.split(' ');
  return phrase === '' || words.length > MAX_PHRASE_WORDS ? null : phrase;
}

/**
 * Whether a phrase opens like a noun phrase: an article and a capitalized word ("der Wahlleiter", "die Polizei"), or
 * a noun the German dictionary knows, a name or an acronym ("Beobachter", "Vedat Muftuoglu"), not an adverb ("Gestern",
 * "Dabei").
 */
function startsNounPhrase(phrase: string): boolean {
  const words = phrase.split(' ');
  const article = ARTICLES_BEFORE_NOUN.has(words[0]!.toLowerCase());
  // An article opens a noun phrase whatever follows ("der britische Außenminister", "the head of the NCSC").
  if (article) return words.length > 1;
  // A partitive does too: "Einer der Feuerwehrmänner", "One of the firefighters".
  const articleAt = GENITIVE_LINKS.has(words[1]?.toLowerCase() ?? '') ? 2 : 1;
  if (PARTITIVES.has(words[0]!.toLowerCase()) && ARTICLES_BEFORE_NOUN.has(words[articleAt]?.toLowerCase() ?? ''))
    return true;
  const head = words[0];
  if (!head || !/^\p{Lu}/u.test(head) || (!article && NOT_SPEAKERS.has(head.toLowerCase()))) return false;
  // After an article a capitalized word is a noun or a name; alone it may open the clause as any word does.
  return (
    article || GERMAN_NOUN_FORMS.has(head.toLowerCase()) || isLikelyName(wordForm(head)) || /^\p{Lu}{2,}/u.test(head)
  );
}

/** How close before a short quote its speech verb stands for the quote to be the speaker's words. */
const SHORT_QUOTE_FRAME_WORDS = 5;

/** Unattributed words in marks this long are an utterance whatever their punctuation; shorter ones need a clause's. */
const UTTERANCE_WORDS = 8;

/**
 * Whether unattributed words in quotation marks read as something said rather than a title, a name or a term: a
 * clause (punctuation inside or at its end: "„Wir prüfen das, sobald es geht.“") of four words or more, or a long run
 * of words. "„Das Leben der Anderen“", "„Operation Sommerregen“" are not.
 */
function readsAsUtterance(inner: string, words: number): boolean {
  if (words >= UTTERANCE_WORDS) return true;
  return words >= 4 && /[,;:.!?…]/u.test(inner);
}

/**
 * Whether words in marks are a name or a title rather than speech: several words, each capitalized or a number but
 * for the small words of titles ("„BILD am Sonntag“", "„Tobacco Control“", "„HD 13189“"), with no sentence
 * punctuation. "„Knaller aus Karlsruhe“" is not one.
 */
function readsAsTitle(inner: string): boolean {
  const words = inner.split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= MAX_TITLE_WORDS &&
    !/[,;:.!?]/u.test(inner) &&
    /^[\p{Lu}\p{N}]/u.test(words[0]!) &&
    words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || TITLE_CONNECTORS.has(w))
  );
}

/**
 * Whether the words in marks opening at `open` stand in apposition to a noun that names them ("der Film „Sunshine“",
 * "unter dem Motto „Freiheit statt Angst“", "des Fachmagazins „Automobilwoche“"): a name, not speech.
 */
function namedByNoun(text: string, open: number): boolean {
  const noun = /(\p{L}+)\s*$/u.exec(text.slice(Math.max(0, open - 40), open))?.[1]?.toLowerCase();
  return noun !== undefined && TITLE_NOUNS.some((n) => noun === n || (noun.endsWith(n) && n.length >= 5));
}

/** `entities`: the document's resolved entities, whose mentions name speakers; `language`: the document's. */
export function extractQuotes(
  text: string,
  tokens: readonly Token[],
  entities: readonly EntityFinding[],
  sentences: readonly Span[],
  language: LanguageCode,
): QuoteFinding[] {
  const subjunctives = SUBJUNCTIVES_BY_LANGUAGE[language] ?? NO_WORDS;
  const mentions = entities
    .filter((e) => SPEAKER_TYPES.has(e.type))
    .flatMap((e) => e.mentions.map((m) => ({ ...m, entity: e })))
    .sort((a, b) => a.start - b.start);
  const slice = (start: number, end: number): Mention => ({ start, end, text: text.slice(start, end) });
  const speakerOf = (entity: EntityFinding, mention: Mention | null): QuoteSpeaker => ({
    key: entity.key,
    name: entity.name,
    role: entity.roles[0] ?? null,
    affiliation: null,
    mention,
  });
  /**
   * A body as a speaker, named by the fullest form the document gives it ("Handelsministerium der Vereinigten
   * Staaten").
   */
  const fullestForms = new Map<EntityFinding, string>();
  const bodySpeaker = (entity: EntityFinding, mention: Mention | null): QuoteSpeaker => {
    // Once per entity, not per quote: a body named thousands of times made this quadratic.
    let name = fullestForms.get(entity);
    if (name === undefined) {
      name = entity.mentions.map((m) => m.text.replace(/\s+/g, ' ')).reduce((a, b) => (b.length > a.length ? b : a));
      fullestForms.set(entity, name);
    }
    return { key: entity.key, name, role: null, affiliation: null, mention };
  };
  const mentionsIn = (from: number, to: number) => {
    const found: typeof mentions = [];
    for (let i = firstStartingAt(mentions, from); i < mentions.length && mentions[i]!.start < to; i++)
      found.push(mentions[i]!);
    return found;
  };
  /**
   * Whether any of the entity's forms has the word, spaces and hyphens aside ("cybersecurity" in "National Cyber
   * Security Centre"); remembered, as it is asked once per earlier mention.
   */
  const nouns = new Map<EntityFinding, { forms: string[]; known: Map<string, boolean> }>();
  const namedWith = (entity: EntityFinding, word: string) => {
    let named = nouns.get(entity);
    if (!named) {
      const forms = [...new Set([entity.name, ...entity.mentions.map((x) => x.text)].map(squash))];
      nouns.set(entity, (named = { forms, known: new Map() }));
    }
    let has = named.known.get(word);
    if (has === undefined) named.known.set(word, (has = named.forms.some((f) => f.includes(word))));
    return has;
  };
  /**
   * The entity of the last mention before `at` that `accepts`. The mentions each kind of antecedent accepts are
   * listed once, under `kind`, and searched by halves: walking back over a body named thousands of times for every
   * anaphor made this quadratic.
   */
  const accepted = new Map<string, typeof mentions>();
  const lastMentionBefore = (at: number, kind: string, accepts: (entity: EntityFinding) => boolean) => {
    let list = accepted.get(kind);
    if (!list) accepted.set(kind, (list = mentions.filter((m) => accepts(m.entity))));
    return list[firstStartingAt(list, at) - 1];
  };
  const lastBefore = (at: number, kind: string, accepts: (entity: EntityFinding) => boolean) =>
    lastMentionBefore(at, kind, accepts)?.entity;
  /** The agency or organization named last before `at` in its sentence or the one before ("ein Sprecher sagte"). */
  const bodyNamedJustBefore = (at: number) => {
    const body = lastMentionBefore(at, 'body', (e) => e.type === 'agency' || e.type === 'organization');
    const sentence = sentenceOf(at);
    const from = (sentenceBefore(sentence) ?? sentence).start;
    return body && body.start >= from ? body.entity : undefined;
  };
  /**
   * The body an anaphoric description in [from, to) refers to: the last one of its type named before it whose name
   * has the description's words ("the cybersecurity agency" → "National Cyber Security Centre", not the body named
   * after it), else whose name has the noun ("das Ministerium" → "Handelsministerium", "the department" → "Commerce
   * Department"), else the last one of its type.
   */
  const anaphorIn = (from: number, to: number) => {
    ANAPHOR.lastIndex = 0;
    const frame = text.slice(from, to);
    for (let m = ANAPHOR.exec(frame); m; m = ANAPHOR.exec(frame)) {
      const modifiers = (m[1]!.match(/\p{L}+/gu) ?? []).map(squash);
      const noun = squash(m[2]!).replace(/e?s$/, '');
      const type = ANAPHOR_TYPES.get(m[2]!)!;
      const at = from + m.index;
      const described = (e: EntityFinding) => e.type === type && modifiers.every((w) => namedWith(e, w));
      const body =
        (modifiers.length > 0 ? lastBefore(at, `${type} ${modifiers.join(' ')}`, described) : undefined) ??
        lastBefore(at, `${type} ${noun}`, (e) => e.type === type && namedWith(e, noun)) ??
        lastBefore(at, type, (e) => e.type === type);
      if (body) return body;
    }
    return undefined;
  };
  /** The sentence before one (the gap between them may hold spaces and line breaks), or null for the first. */
  const sentenceBefore = (sentence: Span): Span | null => {
    const i = firstStartingAt(sentences, sentence.start) - 1;
    return i >= 0 && sentences[i]!.end <= sentence.start ? sentences[i]! : null;
  };
  /** The sentence around `at`, no more than MAX_FRAME_CHARS to either side of it. */
  const sentenceOf = (at: number) => {
    const s = sentences[firstStartingAt(sentences, at + 1) - 1];
    return s && s.start <= at && at < s.end
      ? { start: Math.max(s.start, at - MAX_FRAME_CHARS), end: Math.min(s.end, at + MAX_FRAME_CHARS) }
      : { start: Math.max(0, at - 200), end: Math.min(text.length, at + 200) };
  };

  /**
   * Who the frame in [from, to) names, nearest to its speech verb: a person first ("sagte der Vizepräsident des BfV,
   * Sinan Selen"), then a pronoun's antecedent ("erklärte er … am Hasso-Plattner-Institut"), then an unnamed official
   * kept with its description ("ein Sprecher des Ministeriums"), then an agency or organization ("teilte das
   * Handelsministerium mit"), named as the text names it.
   */
  const speakerIn = (from: number, to: number): FramedSpeaker | null => {
    const frame = text.slice(from, to);
    const words: LetterWord[] = [];
    forEachLetterWord(text, tokens, { start: from, end: to }, (word) => words.push(word));
    // "so" frames speech only after its clause ("…, so Rice"); elsewhere it is an adverb ("war so heftig").
    const verb = words.find(
      (w) => VERBS.has(w.lower) && (w.text !== 'so' || /(?:^|[,–—-])\s*$/u.test(text.slice(from, w.start))),
    );
    const verbAt = verb?.start ?? from + frame.length;
    const cue = verb ? slice(verbAt, verb.end) : null;
    const framed = (speaker: QuoteSpeaker | null): FramedSpeaker | null => (speaker ? { ...speaker, cue } : null);
    const nearest = <T extends { start: number }>(list: T[]) =>
      list.sort((x, y) => Math.abs(x.start - verbAt) - Math.abs(y.start - verbAt))[0];
    const subject = verb ? subjectOf(from, to, verbAt, verb.end) : null;
    const bySubject = subject ? speakerOfSubject(subject, from) : null;
    if (bySubject) return framed(bySubject);
    const inside = mentionsIn(from, to);
    const person = nearest(inside.filter((m) => m.entity.type === 'person'));
    if (person) return framed(speakerOf(person.entity, slice(person.start, person.end)));
    const pronoun = nearest(words.filter((w) => PRONOUNS.has(w.lower)));
    if (pronoun && Math.abs(pronoun.start - verbAt) < 30) {
      const antecedent = lastBefore(from, 'person', (e) => e.type === 'person');
      if (antecedent) return framed(speakerOf(antecedent, slice(pronoun.start, pronoun.end)));
    }
    const lower = frame.toLowerCase();
    for (const description of ANY_UNNAMED.test(lower) ? UNNAMED : []) {
      const at = lower.search(description);
      if (at < 0) continue;
      const start = from + at + (/^\p{L}/u.test(lower.slice(at)) ? 0 : 1);
      const end = start < verbAt ? verbAt : to;
      // The description is a noun phrase: "ein Sprecher des BSI", not "ein Sprecher am Mittwoch".
      const phrase = nounPhraseAfter(text, start, language === 'en');
      const name = text
        .slice(start, phrase && phrase.end <= end ? phrase.end : end)
        .replace(/[,.;:!?].*$/s, '')
        .trim();
      if (!name) continue;
      // "ein Sprecher des BSI", "ein Sprecher des FDP-geführten Ministeriums": whom the official speaks for; with no
      // body in the description, the one named last in its sentence or the one before.
      const inside = mentionsIn(start, start + name.length).map((m) => m.entity);
      const body =
        anaphorIn(start, start + name.length) ??
        inside.find((e) => e.type === 'agency') ??
        inside.find((e) => e.type === 'organization') ??
        bodyNamedJustBefore(start);
      return framed({
        key: null,
        name,
        role: null,
        affiliation: body?.key ?? null,
        mention: slice(start, start + name.length),
      });
    }
    const named = nearest(inside);
    if (named) return framed(bodySpeaker(named.entity, slice(named.start, named.end)));
    const referred = anaphorIn(from, to);
    if (referred) return framed(bodySpeaker(referred, null));
    return verb ? framed(describedSpeaker(from, to, verbAt, verb.end)) : null;
  };

  /**
   * Where a frame's subject stands, by word order: before its speech verb, with the appositions before it ("Jen
   * Easterly, director of CISA, said"; "Der Vizepräsident des BfV, Sinan Selen, sagte"), unless what stands there is
   * no subject ("Am Montag sagte …", "Dem „Spiegel“ sagte …"); else right after the verb, as German inverts and
   * English may ("…“, sagte der SPD-Vorsitzende Franz Müntefering", "sagte er", "said the agency").
   */
  /**
   * Whether an entity's mention starts among the first words of [from, to) ("Kaspersky weist … zurück", "Commerce
   * Secretary Gina Raimondo announced"): a name at its start opens a subject; one later ("Im Gespräch mit Raimondo")
   * does not.
   */
  const namedNear = (from: number, to: number) => {
    const mention = mentions[firstStartingAt(mentions, from)];
    if (mention === undefined || mention.start >= to) return false;
    const before = text.slice(from, mention.start).match(/\p{L}+/gu) ?? [];
    // "Über Steve Fossett sagte Branson": a preposition before the name makes it no subject.
    const prepositional = before.some(
      (w) => NOT_SPEAKERS.has(w.toLowerCase()) && !ARTICLES_BEFORE_NOUN.has(w.toLowerCase()),
    );
    return before.length <= 2 && !prepositional;
  };
  const subjectOf = (from: number, to: number, verbAt: number, verbEnd: number): Span | null => {
    const inverted = language === 'en' ? undefined : subjectAroundAuxiliary(from, verbAt);
    if (inverted !== undefined) return inverted;
    const before = withoutTrailingAuxiliaries(text.slice(from, verbAt).replace(/[\s,]+$/u, ''));
    const after = subjectAfter(verbEnd, to);
    const segments = before.split(/[,:;]/u);
    // English keeps its subject before the verb but where the frame opens with it ("…,” said the agency"); German
    // inverts it after a clause that opens the sentence ("Es gelte, …, führte Schönbohm aus"), not after a name
    // and its apposition ("Sadiq Khan, einer der Abgeordneten, verurteilte die Haltung …"), and after an adverbial
    // where a person is named after the verb ("Des Weiteren verwies Steinbrück darauf").
    const inverts =
      language !== 'en' &&
      after !== null &&
      ((/,\s*$/u.test(text.slice(from, verbAt)) &&
        !(segments.length > 1 && (readsAsName(segments[0]!) || readsAsNounPhrase(segments[0]!, VERBS)))) ||
        (mentionsIn(from, from + before.length).length === 0 &&
          mentionsIn(after.start, after.end).some((m) => m.entity.type === 'person')));
    if (before.trim() === '' || inverts) return after;
    let start = from + before.length;
    // An apposition ("head of the NCSC") need not open like a noun phrase; the segment before it must.
    for (let n = segments.length - 1, words = 0; n >= Math.max(0, segments.length - 3); n--) {
      words += segments[n]!.trim().split(/\s+/).length;
      if (words > MAX_PHRASE_WORDS * 2) break;
      let segmentAt = from + segments.slice(0, n).join(',').length + (n > 0 ? 1 : 0);
      // "Auch die Ministerin äußerte …": a focus particle before the subject is no part of it.
      const particle = /^\s*(\p{L}+)\s+/u.exec(segments[n]!);
      if (n === 0 && particle && FOCUS_PARTICLES.has(particle[1]!.toLowerCase())) {
        segmentAt += particle[0].length;
        segments[n] = segments[n]!.slice(particle[0].length);
      }
      // A name before its apposition opens the subject whatever list knows it ("Sadiq Khan, einer der Abgeordneten,").
      const apposed = n < segments.length - 1 && readsAsName(segments[n]!);
      if (apposed || startsNounPhrase(segments[n]!.trim()) || namedNear(segmentAt, segmentAt + segments[n]!.length))
        start = segmentAt;
      else if (
        n === segments.length - 1 ? !(n > 0 && readsAsName(segments[n - 1]!)) : !/^\s*\p{Ll}/u.test(segments[n]!)
      )
        break;
    }
    const subjectBefore = text.slice(start, from + before.length).trim();
    if (subjectBefore && !OBJECT_ARTICLES.has(subjectBefore.split(' ')[0]!.toLowerCase())) {
      const at = text.indexOf(subjectBefore, start);
      return { start: at, end: at + subjectBefore.length };
    }
    return after ?? nameBeforeVerb(from + before.length, segments.at(-1)!, verbEnd, to);
  };

  /**
   * A verb with no subject after it has its subject before it, whatever list knows the words: a name or two right
   * before the verb ("Rice sagte weiter, …", "Greenpeace fordert, …", "Elshorst said …"), not an adverb ("Weiter
   * hieß es"), nor where an impersonal subject follows ("Schließlich hieß es, …").
   */
  const nameBeforeVerb = (end: number, segment: string, verbEnd: number, to: number): Span | null => {
    const words = segment.trim().split(/\s+/);
    const next = /^\s*(\p{L}+)/u.exec(text.slice(verbEnd, to))?.[1]?.toLowerCase();
    if (words.length > 3 || !words.every((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w))) return null;
    if (NOT_SPEAKERS.has(words[0]!.toLowerCase()) || (next !== undefined && IMPERSONAL.has(next))) return null;
    return { start: end - segment.trim().length, end };
  };

  /**
   * A German clause whose speech verb is a participle or infinitive after an auxiliary ("Saddam Hussein hatte vor
   * Gericht erklärt", "Vor Gericht hatte Saddam Hussein erklärt"): one constituent stands before the auxiliary, the
   * subject when it is a noun phrase, else the subject follows the auxiliary. Undefined where no auxiliary comes
   * before the verb in its clause.
   */
  const subjectAroundAuxiliary = (from: number, verbAt: number): Span | null | undefined => {
    const before = text.slice(from, verbAt);
    const clauseAt =
      from + Math.max(before.lastIndexOf(',') + 1, before.lastIndexOf(':') + 1, before.lastIndexOf(';') + 1);
    const clause = text.slice(clauseAt, verbAt);
    const auxiliary = [...clause.matchAll(/\p{L}+/gu)].find((w) => AUXILIARIES.has(w[0]));
    if (!auxiliary || auxiliary.index === 0) return undefined;
    const first = /\p{L}+/u.exec(clause)![0];
    const lower = first.toLowerCase();
    // An article opens the subject ("Der Bundestagspräsident hat … mitgeteilt"), but for one of the object only.
    const adverbial = NOT_SPEAKERS.has(lower) && !ARTICLES_BEFORE_NOUN.has(lower);
    if (adverbial || OBJECT_ARTICLES.has(lower) || !/^\p{Lu}/u.test(first))
      return subjectAfter(clauseAt + auxiliary.index + auxiliary[0].length, verbAt);
    const constituent = clause.slice(0, auxiliary.index).trim();
    const at = text.indexOf(constituent, clauseAt);
    return { start: at, end: at + constituent.length };
  };

  /** The subject right after a speech verb, where one stands there: a pronoun, or a noun phrase with its apposition. */
  const subjectAfter = (verbEnd: number, to: number): Span | null => {
    // A title in marks is a name ("schrieb „Die Zeit“"), as German sets the names of newspapers.
    const next = /^\s*(\p{L}+|[„"»](?=\p{Lu}))/u.exec(text.slice(verbEnd, to));
    if (!next) return null;
    const nextAt = verbEnd + next[0].length - next[1]!.length;
    if (PRONOUNS.has(next[1]!)) return { start: nextAt, end: nextAt + next[1]!.length };
    const article = ARTICLES_BEFORE_NOUN.has(next[1]!.toLowerCase());
    // "wies den Vorwurf zurück": what follows the verb in the dative or accusative is its object.
    if ((!/^[\p{Lu}„"»]/u.test(next[1]!) && !article) || OBJECT_ARTICLES.has(next[1]!.toLowerCase())) return null;
    const phrase = nounPhraseAfter(text, nextAt, language === 'en');
    if (!phrase || phrase.end > to) return null;
    // "sagte der Vizepräsident des BfV, Sinan Selen, in Berlin": the name in apposition belongs to the subject.
    const apposition = /^,\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})(?=\s*[,.;]|$)/u.exec(
      text.slice(phrase.end, to),
    );
    return apposition ? { start: phrase.start, end: phrase.end + apposition[0].length } : phrase;
  };

  /**
   * The body a description names as part of another ("eine Unterbehörde des US-Ministeriums", "a component of DHS"):
   * the agency of the document whose parent that body is, named nearest to `at`; none where the description's head is
   * no noun of a subordinate body, or the document names no such agency.
   */
  const partOf = (whole: EntityFinding, description: string, at: number): EntityFinding | undefined => {
    const head = description.match(/\p{L}[\p{L}-]*/gu)?.find((w) => !ARTICLES_BEFORE_NOUN.has(w.toLowerCase()));
    if (!head || !SUBORDINATE_BODIES.has(head.toLowerCase())) return undefined;
    const distance = (e: EntityFinding) => Math.min(...e.mentions.map((m) => Math.abs(m.start - at)));
    return entities
      .filter((e) => e.type === 'agency' && e.parent === whole.key)
      .sort((a, b) => distance(a) - distance(b))[0];
  };

  /** The person affiliated with a body, named last before `at`, else first in the document. */
  const memberOf = (body: EntityFinding, at: number) =>
    lastBefore(at, `member ${body.key}`, (e) => e.type === 'person' && e.affiliation === body.key) ??
    entities.find((e) => e.type === 'person' && e.affiliation === body.key);

  /**
   * The person a description names by the role it was introduced with ("der Minister" after "Bundesinnenminister
   * Alexander Dobrindt"): the last one before `at` with a role ending in the description's head noun.
   */
  const roleHolderBefore = (at: number, description: string) => {
    // A noun phrase's head is its last word ("der Minister", "the prime minister").
    const head = description
      .match(/\p{L}[\p{L}-]*/gu)
      ?.pop()
      ?.toLowerCase();
    if (!head || head.length <= 3) return undefined;
    return lastBefore(
      at,
      `role ${head}`,
      (e) => e.type === 'person' && e.roles.some((r) => r.toLowerCase().endsWith(head)),
    );
  };

  /**
   * The speaker a frame's subject names: a person in it, a pronoun's antecedent, an unnamed official with the body
   * it speaks for, a body in it or referred to ("das Ministerium"), a person by the role it was named with ("der
   * Staatssekretär"), else the words themselves when they read as a noun phrase.
   */
  const speakerOfSubject = (subject: Span, frameStart: number): QuoteSpeaker | null => {
    const words = text.slice(subject.start, subject.end);
    const mention = slice(subject.start, subject.end);
    if (PRONOUNS.has(words.toLowerCase())) {
      const antecedent = lastBefore(frameStart, 'person', (e) => e.type === 'person');
      return antecedent ? speakerOf(antecedent, mention) : null;
    }
    const inside = mentionsIn(subject.start, subject.end);
    const person = inside.find((m) => m.entity.type === 'person');
    if (person) return speakerOf(person.entity, slice(person.start, person.end));
    const lower = words.toLowerCase();
    if (UNNAMED.some((description) => description.test(lower))) return null;
    const body = inside.find((m) => m.entity.type === 'agency') ?? inside.find((m) => m.entity.type === 'organization');
    if (body) {
      // "the head of the NCSC", "der Präsident des BSI": a role of the body is the person who holds it.
      const role = ROLE_OF_BODY.exec(words)?.[1];
      const holder = role ? (memberOf(body.entity, subject.start) ?? roleHolderBefore(subject.start, role)) : undefined;
      if (holder) return speakerOf(holder, mention);
      const part = partOf(body.entity, words, subject.start);
      return part ? bodySpeaker(part, mention) : bodySpeaker(body.entity, slice(body.start, body.end));
    }
    const referred = anaphorIn(subject.start, subject.end);
    if (referred) return bodySpeaker(partOf(referred, words, subject.start) ?? referred, mention);
    const roled = roleHolderBefore(subject.start, words);
    if (roled) return speakerOf(roled, mention);
    // The subject's place in the clause says it is one: any noun phrase or name opening it will do, named by its
    // first part where an apposition follows ("Eine der größten Oppositionsgruppen des Landes, die …").
    // A title's marks are no part of its name ("„Die Zeit“" is "Die Zeit").
    const head = words
      .split(',')[0]!
      .replace(/[„“”"»«]/gu, '')
      .trim();
    const first = head.split(/\s+/)[0]!;
    const opens =
      ARTICLES_BEFORE_NOUN.has(first.toLowerCase()) ||
      (/^\p{Lu}/u.test(first) && !NOT_SPEAKERS.has(first.toLowerCase()));
    if (!opens || head.split(/\s+/).length > MAX_DESCRIBED_WORDS) return null;
    return { key: null, name: head.replace(/\s+/g, ' '), role: null, affiliation: null, mention };
  };

  /**
   * The speaker a frame's grammar names when no entity does: the noun phrase that stands as the subject of its speech
   * verb, before it at the start of a clause ("Beobachter nehmen an, …", "Einige Abgeordnete aus der Koalition
   * sagten, …") or after it in an inverted clause ("…“, sagte der Flughafenmanager Vedat Muftuoglu"), kept as the
   * text words it ("a person or body no list knows").
   */
  const describedSpeaker = (from: number, to: number, verbAt: number, verbEnd: number): QuoteSpeaker | null => {
    // Within the frame only: searching the whole text back from each verb would cost its length per quote.
    const frameBefore = text.slice(from, verbAt);
    const clauseStart = from + Math.max(frameBefore.lastIndexOf(',') + 1, frameBefore.lastIndexOf(':') + 1);
    const before = phraseWords(text.slice(clauseStart, verbAt));
    const after = phraseWords(text.slice(verbEnd, to).split(/[,.;:!?„“”"»«]/u)[0] ?? '');
    const phrase = before && startsNounPhrase(before) ? before : after && startsNounPhrase(after) ? after : null;
    if (!phrase) return null;
    const at = text.indexOf(phrase, phrase === before ? clauseStart : verbEnd);
    const inside = mentionsIn(at, at + phrase.length).map((m) => m.entity);
    const body = inside.find((e) => e.type === 'agency') ?? inside.find((e) => e.type === 'organization');
    const roled = body ? undefined : roleHolderBefore(at, phrase);
    if (roled) return speakerOf(roled, slice(at, at + phrase.length));
    return {
      key: null,
      name: phrase,
      role: null,
      affiliation: body?.key ?? null,
      mention: slice(at, at + phrase.length),
    };
  };

  /** Whether one of the first `maxWords` words in [from, to) is a speech verb; reads no further than those words. */
  const hasVerb = (from: number, to: number, maxWords: number) => {
    const frame = text.slice(from, Math.min(to, from + MAX_FRAME_CHARS));
    const word = /\p{L}+/gu;
    for (let n = 0, m = word.exec(frame); m && n < maxWords; n++, m = word.exec(frame))
      if (VERBS.has(m[0].toLowerCase())) return true;
    return false;
  };

  /**
   * Past a title in marks that opens at `at` inside a frame ("…“, schrieb „Die Zeit“ in einem Nachruf"): a few words,
   * the first capitalized, closed on the same line; -1 when the mark opens no title.
   */
  const pastTitle = (at: number): number => {
    const title = /^[„"»](\p{Lu}[^„“”"»«\n.!?]{0,60})[“”"«]/u.exec(text.slice(at, at + 64));
    return title && title[1]!.split(/\s+/).length <= MAX_TITLE_WORDS ? at + title[0].length - 1 : -1;
  };

  /** "…“, sagte Raimondo." / "…,” Raimondo said." / "…”, said the agency": the frame up to the sentence's end. */
  const attributionAfter = (close: number, inner: string): Attribution | null => {
    let end = close + 1;
    while (end < text.length && end - close < 150) {
      const title = end > close + 1 ? pastTitle(end) : -1;
      if (title > 0) end = title;
      else if (/[!?\n„“"»«]/.test(text[end]!)) break;
      // A full stop ends the frame, but for an abbreviation's or an initial's ("wrote Sen. Cantwell").
      else if (text[end] === '.' && !isAbbreviation(/(\p{L}+)$/u.exec(text.slice(close, end))?.[1] ?? '')) break;
      end++;
    }
    const frame = text.slice(close + 1, end);
    // German puts the comma after the mark ("…“, sagte", "…?“, fragte"), English inside it ("…,” Raimondo said",
    // "…?” Raimondo asked"); a German quote ending in "?“" before a capital opens the next sentence.
    const closesWithFrame = language === 'en' ? /[,?!]\s*$/ : /,\s*$/;
    if (!/^\s*[,–—-]|^\s*\p{Ll}/u.test(frame) && !closesWithFrame.test(inner)) return null;
    if (!hasVerb(close + 1, end, 8)) return null;
    const speaker = speakerIn(close + 1, end);
    return speaker ? { speaker, end } : null;
  };

  /** Whether a speech verb stands among the few words right before `open`, in its clause ("nannte sie „haltlos“"). */
  const verbJustBefore = (open: number) => {
    const clause = text
      .slice(Math.max(0, open - 80), open)
      .split(/[.!?;:,„“”"»«]/u)
      .pop()!;
    return (clause.match(/\p{L}+/gu) ?? []).slice(-SHORT_QUOTE_FRAME_WORDS).some((w) => VERBS.has(w.toLowerCase()));
  };

  /** "Raimondo sagte: „…“", "Laut BSI „…“", "According to Martin, “…”": the frame from the sentence's start. */
  const attributionBefore = (open: number, notBefore: number): Attribution | null => {
    const from = Math.max(sentenceOf(open).start, notBefore);
    // "Gina Raimondo, Handelsministerin: „…“": a colon after a named speaker frames the quote as a verb would.
    if (!hasVerb(from, open, 40) && !/:\s*$/.test(text.slice(from, open))) return null;
    const speaker = speakerIn(from, open);
    return speaker ? { speaker, end: open } : null;
  };

  /**
   * A quote that opens a sentence with no frame of its own continues the speaker of the sentence before: "…, Gazlay
   * said. “There's no single action …”", "Ian Levy relativierte … „Es ist nicht unsere Absicht …“".
   */
  const continuedSpeaker = (open: number): Attribution | null => {
    const sentence = sentenceOf(open);
    if (text.slice(sentence.start, open).trim() !== '' || sentence.start === 0) return null;
    const previous = sentenceBefore(sentence);
    if (!previous) return null;
    const people = new Set(
      mentionsIn(previous.start, previous.end)
        .filter((m) => m.entity.type === 'person')
        .map((m) => m.entity),
    );
    if (people.size !== 1 && !(people.size > 1 && hasVerb(previous.start, previous.end, 60))) return null;
    const speaker = speakerIn(previous.start, previous.end);
    return speaker ? { speaker, end: open } : null;
  };

  /**
   * Words quoted inside reported speech ("Die Regierung verfüge über „offensive Cyberfähigkeiten“"): the sentence's
   * Konjunktiv I reports the speaker of the frame before it, so the quote is theirs.
   */
  let lastSpeaker: FramedSpeaker | null = null;
  /** Where the last attributed quote ended. */
  let lastSpeakerAt: number | null = null;
  const reportedSpeaker = (q: Quoted): Attribution | null => {
    const sentence = sentenceOf(q.open);
    const outside = text.slice(sentence.start, q.open) + ' ' + text.slice(q.close + 1, sentence.end);
    if (!outside.split(/[^\p{L}]+/u).some((w) => subjunctives.has(w))) return null;
    // The frame of the sentence before, when it has a speech verb ("Das Unternehmen wies die Vorwürfe zurück."), else
    // the speaker of the last quote.
    const previous = sentenceBefore(sentence);
    const framed =
      previous && hasVerb(previous.start, previous.end, 60) ? speakerIn(previous.start, previous.end) : null;
    const speaker = framed ?? lastSpeaker;
    return speaker ? { speaker, end: q.close + 1 } : null;
  };

  /**
   * Words in the first person ("…, „ist das für mich fahrlässig“") are someone's speech, not a title: with no frame,
   * they are those of whom the sentence before names, or of the last quote's speaker.
   */
  const ownWords = (q: Quoted, inner: string): Attribution | null => {
    if (!(inner.toLowerCase().match(/\p{L}+/gu) ?? []).some((w) => FIRST_PERSON.has(w))) return null;
    const previous = sentenceBefore(sentenceOf(q.open));
    const speaker = (previous ? speakerIn(previous.start, previous.end) : null) ?? lastSpeaker;
    return speaker ? { speaker, end: q.close + 1 } : null;
  };

  const quotes: FramedQuote[] = [];
  const quoted = findQuoted(text);
  let previousEnd = 0;
  /** Where the last frame after a quote ended: a title in marks inside it ("schrieb „Die Zeit“") is no quote. */
  let frameEnd = 0;
  for (let k = 0; k < quoted.length; k++) {
    const q = quoted[k]!;
    const inner = text.slice(q.open + 1, q.close).trim();
    if (inner === '' || q.open < frameEnd) continue;
    const words = inner.split(/\s+/).length;
    const after = attributionAfter(q.close, inner);
    if (after) frameEnd = after.end;
    const before = after ? null : attributionBefore(q.open, previousEnd);
    const framed = after ?? before ?? (words > 5 ? continuedSpeaker(q.open) : null);
    const reported = framed || words <= 3 ? null : reportedSpeaker(q);
    const attribution = framed ?? reported ?? ownWords(q, inner);
    previousEnd = q.close + 1;
    if (attribution) lastSpeaker = attribution.speaker;
    // Scare quotes and titles: a few words in marks count only with a frame right against them. Words in marks with
    // no frame at all are a quote when they read as a spoken clause, not as a name or a term; whose they are is then
    // left open.
    if (
      readsAsTitle(inner) ||
      namedByNoun(text, q.open) ||
      (attribution
        ? words <= 3 &&
          !reported &&
          !(after && after.end - q.close < 60) &&
          !(before && (/:\s*$/.test(text.slice(0, q.open)) || verbJustBefore(q.open)))
        : !readsAsUtterance(inner, words))
    )
      continue;
    const start =
      q.open + 1 + (text.slice(q.open + 1, q.close).length - text.slice(q.open + 1, q.close).trimStart().length);
    let end = start + inner.length;
    let joined = inner;
    // "„…“, sagte Raimondo. „…“": the continuation after the attribution is the same quote.
    const next = quoted[k + 1];
    if (
      after &&
      next &&
      next.open >= after.end &&
      /^[\s.,:]*$/.test(text.slice(after.end, next.open)) &&
      !attributionAfter(next.close, text.slice(next.open + 1, next.close))
    ) {
      const rest = text.slice(next.open + 1, next.close).trim();
      if (rest) {
        joined = `${inner} ${rest}`;
        end =
          next.close -
          (text.slice(next.open + 1, next.close).length - text.slice(next.open + 1, next.close).trimEnd().length);
        previousEnd = next.close + 1;
        k++;
      }
    }
    // An utterance with no frame of its own goes on with the speaker quoted just before, as news quotes run on.
    // A quote that goes on has its speaker's mention, but no cue of its own.
    const speaker =
      attribution?.speaker ??
      (lastSpeaker && lastSpeakerAt !== null && q.open - lastSpeakerAt < CONTINUATION_CHARS
        ? { ...lastSpeaker, cue: null }
        : null);
    if (attribution) lastSpeakerAt = q.close;
    quotes.push({ start, end, text: joined, kind: 'direct', speaker });
  }
  // A press release opens with its principal's words: a quote standing alone as its paragraph before any attributed
  // one (under the headline, a pull quote) is the speaker's of the first quote attributed after it.
  const firstAttributed = quotes.find((q) => q.speaker?.cue);
  for (const q of firstAttributed ? quotes : []) {
    if (q === firstAttributed) break;
    if (!q.speaker && standsAlone(text, q)) q.speaker = { ...firstAttributed!.speaker!, cue: null };
  }

  /** A source phrase ("laut BSI", "nach Angaben der Polizei") as a speaker: its entity, else the phrase itself. */
  const speakerOfPhrase = (phrase: Span, cue: Span): FramedSpeaker => {
    const named = speakerIn(phrase.start, phrase.end);
    const mention = slice(phrase.start, phrase.end);
    const speaker = named ?? { key: null, name: mention.text, role: null, affiliation: null, mention };
    return { ...speaker, mention: speaker.mention ?? mention, cue: slice(cue.start, cue.end) };
  };
  const reported = reportedSpeech({
    text,
    tokens,
    language,
    sentences,
    direct: quotes,
    quoted,
    speakerIn,
    speakerOfPhrase,
    verbs: VERBS,
    subjunctives,
  });
  quotes.push(...reported, ...quotedInReports(text, quoted, quotes, reported));
  return quotes.map(finished).sort((a, b) => a.start - b.start);
}

/** Whether a quote is all of its paragraph: nothing but marks, spaces and final punctuation around it. */
function standsAlone(text: string, quote: Span): boolean {
  const lineStart = text.lastIndexOf('\n', quote.start) + 1;
  const lineEnd = text.indexOf('\n', quote.end);
  return (
    /^\s*[„“"»«‚‘']?$/.test(text.slice(lineStart, quote.start)) &&
    /^[.,!?…]?[“”"«»‘’']?[.!?…]?\s*$/.test(text.slice(quote.end, lineEnd < 0 ? text.length : lineEnd))
  );
}

/**
 * Words in quotation marks inside reported speech ("Er nannte die Vorwürfe „haltlos“, das Verfahren sei „reine
 * Spekulation“") are the reported speaker's own words, however short: direct quotes nested in the indirect one. A
 * term in marks is not.
 */
function quotedInReports(
  text: string,
  quoted: readonly Quoted[],
  direct: readonly FramedQuote[],
  reported: readonly FramedQuote[],
): FramedQuote[] {
  const found: FramedQuote[] = [];
  const directStarts = new Set(direct.map((q) => q.start));
  let r = 0;
  for (const q of quoted) {
    while (r < reported.length && reported[r]!.end < q.close) r++;
    const report = reported[r];
    if (!report || report.start > q.open) continue;
    const raw = text.slice(q.open + 1, q.close);
    const start = q.open + 1 + (raw.length - raw.trimStart().length);
    const end = q.close - (raw.length - raw.trimEnd().length);
    // One capitalized word in marks names a term ("„Cyberkrieg“"); it says nothing in the speaker's voice.
    const inner = text.slice(start, end);
    if (
      end <= start ||
      directStarts.has(start) ||
      /^\p{Lu}[\p{L}-]*$/u.test(inner) ||
      readsAsTitle(inner) ||
      namedByNoun(text, q.open)
    )
      continue;
    found.push({
      start,
      end,
      text: text.slice(start, end),
      kind: 'direct',
      speaker: report.speaker && { ...report.speaker, cue: null },
    });
  }
  return found;
}
