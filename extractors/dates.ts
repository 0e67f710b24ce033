import { isValidIsoPrefix } from '../corpus/normalize.js';
import type { LanguageCode, Span } from '../corpus/document.js';
import type { Mention } from './entities.js';
import type { ParagraphLanguage } from './language.js';
import { LANGUAGE_PACKS, type PackLanguage } from './lang/index.js';
import { firstStartingAt } from './coverage.js';
import { forEachLetterWord, tokenize, type Token, type WordForm } from './phrases.js';
import { wordPredicate } from './word-memo.js';

/** A calendar reference with its ISO value, anchored to the document's date where it is relative. */
export interface DateFinding extends Mention {
  value: string;
  granularity: 'year' | 'month' | 'day';
  relative: boolean;
}

/**
 * Calendar references in German and English, normalized to ISO (HeidelTime-style: rules compiled from per-language
 * vocabulary, then a resolution pass that anchors year-less, weekday and relative references).
 *
 * chrono-node was measured here and left out: in German it misses "im März 2022", "Dezember 2017", bare years and
 * "desselben Jahres", finds Friday in "Frühere", and resolves "on Thursday" forward, which is wrong for news.
 */

type Granularity = DateFinding['granularity'];
type YearSource = 'explicit' | 'reference' | 'current' | 'previous-mention' | 'next-of-mention' | 'last' | 'next';

/** A date as found, before its missing parts are filled in. */
interface Candidate {
  start: number;
  end: number;
  year: number | null;
  month: number | null;
  day: number | null;
  granularity: Granularity;
  /** Where the year comes from when it is not written. */
  yearSource: YearSource;
  /** Two-digit year ("20.06.24"): the century is chosen next to the reference year. */
  shortYear: number | null;
  /** Weekday references: 0 = Sunday; resolved against the document's day. */
  weekday: number | null;
  future: boolean;
  /** Days or years relative to the document's date ("gestern", "last year"). */
  dayOffset: number | null;
  yearOffset: number | null;
}

/** What anchors the dates of one document. */
export interface DateOptions {
  /** The document's date (YYYY, YYYY-MM or YYYY-MM-DD), the anchor for year-less and relative references. */
  published: string | null;
  /**
   * `news`: year-less dates take the published year (advisories and news). `narrative`: they take the year of the
   * previous explicit mention (histories, timelines), the document date only as a fallback. @default 'news'
   */
  mode?: 'news' | 'narrative';
  /**
   * With no `published`, anchor to the year the text's days and months are written in most ("1. Januar 2024", "März
   * 2022"; a bare year may be any the text looks back or ahead to), the later of equals: a text with no date of its
   * own most likely tells of its own year. @default false
   */
  yearFromText?: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An alternation of literal words, longest first so that "bis zum" wins over "bis". */
const alt = (words: Iterable<string>) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
/** The word as listed and, for lowercase words, with a capital at the start of a sentence. */
const withCapital = (words: readonly string[]) => words.flatMap((w) => (/^\p{Ll}/u.test(w) ? [w, capitalize(w)] : [w]));

const B0 = '(?<![\\p{L}\\p{N}])';
const B1 = '(?![\\p{L}\\p{N}])';
const DAY = '(3[01]|[12]\\d|0?[1-9])';
const MONTH_NUMBER = '(1[0-2]|0?[1-9])';
const YEAR = '(1\\d{3}|20\\d{2})';

interface CompiledPattern {
  name: string;
  regex: RegExp;
  build: (m: RegExpExecArray) => Candidate | null;
  /**
   * What a stretch must hold for the pattern to match there: a digit, a token that ends in a year number, and a word
   * of each list (lowercased; the lists as bits, see `anchorBits`). Most paragraphs hold no date, and most patterns
   * are skipped on them without a scan.
   */
  anchors: { digit: boolean; year: boolean; words: number };
}

/**
 * The first letter run of each phrase, lowercased: a phrase matches only where its first word stands, and the
 * anchors are looked up by the lowercase forms of a stretch's letter words.
 */
const firstWords = (phrases: readonly string[]) =>
  new Set(phrases.map((p) => p.toLowerCase().match(/\p{L}+/u)?.[0] ?? ''));

const blank = (start: number, end: number): Candidate => ({
  start,
  end,
  year: null,
  month: null,
  day: null,
  granularity: 'day',
  yearSource: 'explicit',
  shortYear: null,
  weekday: null,
  future: false,
  dayOffset: null,
  yearOffset: null,
});

/** Month names split into full names and abbreviations (which need a dot or a number next to them). */
function monthAlternations(months: Record<string, number>): {
  full: string;
  any: string;
  lookup: (word: string) => number | undefined;
} {
  const keys = Object.keys(months);
  const longest = new Map<number, number>();
  for (const k of keys) longest.set(months[k]!, Math.max(longest.get(months[k]!) ?? 0, k.length));
  const isAbbreviation = (k: string) =>
    keys.some((other) => other !== k && other.startsWith(k) && months[other] === months[k]) ||
    (k.length < 4 && k.length !== longest.get(months[k]!));
  const full = keys.filter((k) => !isAbbreviation(k)).map(capitalize);
  const abbreviations = keys.filter(isAbbreviation).map(capitalize);
  return {
    full: `(?:${alt(full)})`,
    any: `(?:${alt(full)}|(?:${alt(abbreviations)})\\.?)`,
    lookup: (word) => months[word.replace(/\.$/, '').toLowerCase()],
  };
}

/** Compiles one language's date patterns from its data pack. Called once per language at module load. */
function compile(language: PackLanguage): {
  patterns: CompiledPattern[];
  words: (typeof LANGUAGE_PACKS)[PackLanguage]['dates']['DATE_WORDS'];
  /** Per lowercase word, the bits of the anchor lists that hold it. */
  anchorBits: ReadonlyMap<string, number>;
} {
  const { calendar, dates } = LANGUAGE_PACKS[language];
  const words = dates.DATE_WORDS;
  const syntax = dates.DATE_SYNTAX;
  const month = monthAlternations(calendar.MONTHS);
  const weekdayOf = (w: string) => calendar.WEEKDAYS[w.toLowerCase()];
  const WEEKDAY = `(?:${alt(Object.keys(calendar.WEEKDAYS).map(capitalize))})`;
  const MODIFIER = `(?:${alt(withCapital(words.modifiers))})`;
  const CONTEXT = `(?:${alt(withCapital(words.monthContext))})`;
  const MONTH_YEAR_PHRASE = `(?:${alt(Object.keys(words.monthYearPhrases))})`;
  const YEAR_NOUN = `(?:${alt(words.yearNouns)})`;
  const ORD = syntax.ordinalSuffix;
  const monthOf = (w: string) => month.lookup(w)!;

  const patterns: CompiledPattern[] = [];
  // Each distinct anchor list is a bit; a word's bits say which lists hold it.
  const anchorLists: ReadonlySet<string>[] = [];
  const anchorBits = new Map<string, number>();
  const bitOf = (list: ReadonlySet<string>) => {
    let i = anchorLists.indexOf(list);
    if (i < 0) {
      if (anchorLists.length === 31) throw new Error('dates: 31 anchor lists at most fit the bits of a mask');
      i = anchorLists.push(list) - 1;
      for (const word of list) anchorBits.set(word, (anchorBits.get(word) ?? 0) | (1 << i));
    }
    return 1 << i;
  };
  const MONTH_WORDS = firstWords(Object.keys(calendar.MONTHS));
  const add = (
    name: string,
    source: string,
    build: CompiledPattern['build'],
    anchors: { digit?: boolean; year?: boolean; words?: ReadonlySet<string>[] },
  ) =>
    patterns.push({
      name,
      regex: new RegExp(source, 'gu'),
      build,
      anchors: {
        digit: anchors.digit ?? false,
        year: anchors.year ?? false,
        words: (anchors.words ?? []).reduce((bits, l) => bits | bitOf(l), 0),
      },
    });
  const DIGIT_AND_MONTH = { digit: true, words: [MONTH_WORDS] };

  // "Donnerstag, 20. Juni 2024", "20. Juli", "20 June 2024", "24th of February".
  add(
    'day-month',
    `${B0}(?:(${WEEKDAY}),?\\s+(?:${syntax.dayArticle}\\s+)?)?${DAY}${ORD}\\s?(?:${syntax.dayMonthJoiner})?(${month.any})(?:${B1}|(?<=\\.))(?:,?\\s+${YEAR}${B1})?`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.day = Number(m[2]);
      c.month = monthOf(m[3]!);
      if (m[4]) c.year = Number(m[4]);
      else c.yearSource = 'reference';
      return c;
    },
    DIGIT_AND_MONTH,
  );
  if (syntax.monthBeforeDay) {
    // "June 20, 2024", "Sept. 29", "Wednesday, Sep 13".
    add(
      'month-day',
      `${B0}(?:(${WEEKDAY}),?\\s+)?(${month.any})\\s+${DAY}(?:st|nd|rd|th)?${B1}(?!:)(?:,?\\s+${YEAR}${B1})?`,
      (m) => {
        const c = blank(m.index, m.index + m[0].length);
        c.month = monthOf(m[2]!);
        c.day = Number(m[3]);
        if (m[4]) c.year = Number(m[4]);
        else c.yearSource = 'reference';
        return c;
      },
      DIGIT_AND_MONTH,
    );
  }
  // "20.06.2024", "20.06.24" (day first) or "06/20/2024" (month first).
  add(
    'numeric',
    syntax.numericDayFirst
      ? `${B0}${DAY}\\.${MONTH_NUMBER}\\.(\\d{4}|\\d{2})(?![\\p{L}\\p{N}]|\\.\\d)`
      : `${B0}${MONTH_NUMBER}/${DAY}/(\\d{4}|\\d{2})(?![\\p{L}\\p{N}]|/)`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.day = Number(syntax.numericDayFirst ? m[1] : m[2]);
      c.month = Number(syntax.numericDayFirst ? m[2] : m[1]);
      if (m[3]!.length === 4) c.year = Number(m[3]);
      else c.shortYear = Number(m[3]);
      return c;
    },
    { digit: true },
  );
  if (syntax.numericDayFirst) {
    // "am 20.06." without a year, only after a preposition (else "2.0" versions and list numbers would match).
    add(
      'numeric-yearless',
      `(?<=${B0}(?:${alt(withCapital(syntax.numericYearlessContext))})\\s)${DAY}\\.${MONTH_NUMBER}\\.(?![\\p{N}])`,
      (m) => {
        const c = blank(m.index, m.index + m[0].length);
        c.day = Number(m[1]);
        c.month = Number(m[2]);
        c.yearSource = 'reference';
        return c;
      },
      { digit: true },
    );
  }
  // "2024-06-20", "2017-12".
  add(
    'iso',
    `(?<![\\p{L}\\p{N}-])${YEAR}-(1[0-2]|0[1-9])(?:-(3[01]|[12]\\d|0[1-9]))?(?![\\p{N}-])`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.year = Number(m[1]);
      c.month = Number(m[2]);
      if (m[3]) c.day = Number(m[3]);
      else c.granularity = 'month';
      return c;
    },
    { year: true },
  );
  // "März 2022", "Ende Januar 1945", "December 2023".
  add(
    'month-year',
    `${B0}(?:${MODIFIER}\\s+)?(${month.any})(?:${B1}|(?<=\\.)),?\\s+${YEAR}${B1}`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.month = monthOf(m[1]!);
      c.year = Number(m[2]);
      c.granularity = 'month';
      return c;
    },
    DIGIT_AND_MONTH,
  );
  // "im März", "Ende Juni", "in September", "Mai desselben Jahres": a bare month needs a context word or a year phrase.
  add(
    'bare-month',
    `${B0}(?:(${MODIFIER})\\s+|(?<=${B0}${CONTEXT}\\s))(${month.full})${B1}(?:\\s+(${MONTH_YEAR_PHRASE})${B1})?`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.month = monthOf(m[2]!);
      c.granularity = 'month';
      c.yearSource = m[3] ? words.monthYearPhrases[m[3]]! : 'reference';
      return c;
    },
    { words: [MONTH_WORDS] },
  );
  add(
    'month-year-phrase',
    `${B0}(${month.full})\\s+(${MONTH_YEAR_PHRASE})${B1}`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.month = monthOf(m[1]!);
      c.granularity = 'month';
      c.yearSource = words.monthYearPhrases[m[2]!]!;
      return c;
    },
    { words: [MONTH_WORDS] },
  );
  // "2017", "Ende 2023", "im Jahr 2018", "Fiscal Year 2018", "mid-2022"; counts, amounts and identifiers excluded
  // below. A hyphen next to a year is part of an identifier ("CVE-2023-46805") unless it joins two years ("2017-2018").
  const YEAR_ONLY = `(?:1\\d{3}|20\\d{2})${B1}`;
  add(
    'year',
    `(?:(?<![\\p{L}\\p{N}\\-–/.,$€£§])|(?<=${B0}(?:1\\d{3}|20\\d{2})[-–/]))(?:${MODIFIER}\\s*)?(?:${YEAR_NOUN}\\s+)?${YEAR}(?![\\p{L}\\p{N}]|[-–](?!${YEAR_ONLY})|\\.\\d|,\\d|/(?!${YEAR_ONLY}|\\d{2}${B1})|%)`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.year = Number(m[1]);
      c.granularity = 'year';
      return c;
    },
    { year: true },
  );
  // "am Donnerstag", "on Thursday", "next Tuesday".
  add(
    'weekday',
    `${B0}(?:(${alt(withCapital(words.futureWeekday))})\\s+)?(${WEEKDAY})${B1}`,
    (m) => {
      const c = blank(m.index + (m[1] ? m[0].length - m[2]!.length : 0), m.index + m[0].length);
      c.weekday = weekdayOf(m[2]!)!;
      c.future = Boolean(m[1]);
      return c;
    },
    { words: [firstWords(Object.keys(calendar.WEEKDAYS))] },
  );
  /** A word or phrase of a table ("gestern", "next year"), found as a whole word, anchored by its first word. */
  const addPhrase = <V>(name: string, table: Record<string, V>, build: (c: Candidate, value: V) => Candidate) =>
    add(
      name,
      `${B0}(${alt(Object.keys(table))})${B1}`,
      (m) => build(blank(m.index, m.index + m[0].length), table[m[1]!]!),
      { words: [firstWords(Object.keys(table))] },
    );
  addPhrase('relative-day', words.relativeDays, (c, offset) => ({ ...c, dayOffset: offset }));
  // "1912/13": the second year of a slash range, written with two digits.
  add(
    'year-range-end',
    `(?<=${B0}(1\\d|20)(\\d{2})/)(\\d{2})${B1}`,
    (m) => {
      const c = blank(m.index, m.index + m[0].length);
      c.year = Number(m[1]) * 100 + Number(m[3]);
      c.granularity = 'year';
      return Number(m[3]) > Number(m[2]) ? c : null;
    },
    { year: true },
  );
  addPhrase('context-year', words.contextYears, (c, direction) => ({
    ...c,
    granularity: 'year',
    yearSource: direction === 1 ? 'next-of-mention' : 'previous-mention',
  }));
  // "Mai/Juni 1940", "June and September 2024": a bare month that takes its year from the month after it.
  add(
    'month-range-start',
    `${B0}(${month.full})\\s*(?:${alt(words.rangeConnectors)})\\s*(?=${month.any}\\s+${YEAR})`,
    (m) => {
      const c = blank(m.index, m.index + m[1]!.length);
      c.month = monthOf(m[1]!);
      c.granularity = 'month';
      c.yearSource = 'reference';
      return c;
    },
    DIGIT_AND_MONTH,
  );
  addPhrase('relative-year', words.relativeYears, (c, offset) => ({ ...c, yearOffset: offset, granularity: 'year' }));
  // "1. bis 3. März 2024", "20./21. Juli": a day that takes its month and year from the date after it.
  add(
    'range-start',
    `${B0}${DAY}(${ORD})\\s*(?:${alt(words.rangeConnectors)})\\s*(?=${DAY}${ORD}\\s?(?:${syntax.dayMonthJoiner})?${month.any})`,
    (m) => {
      const c = blank(m.index, m.index + m[1]!.length + m[2]!.length);
      c.day = Number(m[1]);
      c.yearSource = 'reference';
      return c;
    },
    DIGIT_AND_MONTH,
  );
  return { patterns, words, anchorBits };
}

const COMPILED = Object.fromEntries(
  (Object.keys(LANGUAGE_PACKS) as PackLanguage[]).map((code) => [code, compile(code)]),
) as Record<PackLanguage, ReturnType<typeof compile>>;

const endsWithWord = (before: string, list: readonly string[]) =>
  list.some((w) => before.endsWith(` ${w}`) || before === w || before.endsWith(`(${w}`));
const startsWithWord = (after: string, list: readonly string[]) =>
  list.some(
    (w) =>
      after === w ||
      after.startsWith(`${w} `) ||
      after.startsWith(`${w}.`) ||
      after.startsWith(`${w},`) ||
      (w.length === 1 && after.startsWith(w)),
  );

const MONTH_OR_WEEKDAY = new Set(
  Object.values(LANGUAGE_PACKS).flatMap((pack) => [
    ...Object.keys(pack.calendar.MONTHS),
    ...Object.keys(pack.calendar.WEEKDAYS),
  ]),
);
const isMonthOrWeekday = (after: string) => MONTH_OR_WEEKDAY.has((/^[\p{L}]+/u.exec(after)?.[0] ?? '').toLowerCase());

/** A token ending in a year number after no other digit: "2024", "1912", "Ende2023" (a modifier run on). */
const endsInYear = wordPredicate(({ text }: WordForm) => /(?:^|\D)(?:1\d{3}|20\d{2})$/.test(text));

/** A four-digit number that is a count, an amount or a paragraph number is not a year. */
function isYearInContext(text: string, c: Candidate, words: ReturnType<typeof compile>['words']): boolean {
  const before = text
    .slice(Math.max(0, c.start - 24), c.start)
    .replace(/\s+/g, ' ')
    .trimEnd();
  const after = text
    .slice(c.end, c.end + 24)
    .replace(/\s+/g, ' ')
    .trimStart();
  if (endsWithWord(before, words.notYearBefore) || startsWithWord(after, words.notYearAfter)) return false;
  // "mit 1500 Panzern": a determiner or preposition before and a noun after make the number a count.
  return !(endsWithWord(before, words.countBefore) && /^\p{Lu}/u.test(after) && !isMonthOrWeekday(after));
}

/** All candidates of one stretch of text in one language, overlapping ones resolved longest-first. */
function findCandidates(text: string, tokens: readonly Token[], span: Span, language: PackLanguage): Candidate[] {
  const { patterns, words, anchorBits } = COMPILED[language];
  const found: Candidate[] = [];
  const slice = text.slice(0, span.end);
  const hasDigit = /\d/.test(slice.slice(span.start));
  // A year ("2024", "mid-2022", "1912/13") stands at the end of a token of its own: most numbers of a text are none.
  let hasYear = false;
  if (hasDigit) {
    let t = firstStartingAt(tokens, span.start);
    if (t > 0 && tokens[t - 1]!.end > span.start) t--;
    for (; t < tokens.length && tokens[t]!.start < span.end && !hasYear; t++) hasYear = endsInYear(tokens[t]!.form);
  }
  // The anchor lists the stretch has a word of, from its tokens' lowercase forms.
  let anchored = 0;
  forEachLetterWord(text, tokens, span, (word) => (anchored |= anchorBits.get(word.lower) ?? 0));
  for (const pattern of patterns) {
    const { digit, year, words: needed } = pattern.anchors;
    if ((digit && !hasDigit) || (year && !hasYear) || (anchored & needed) !== needed) continue;
    pattern.regex.lastIndex = span.start;
    for (let m = pattern.regex.exec(slice); m; m = pattern.regex.exec(slice)) {
      const c = pattern.build(m);
      if (!c || (pattern.name === 'year' && !isYearInContext(text, c, words))) continue;
      found.push(c);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const c of found) if (kept.length === 0 || c.start >= kept[kept.length - 1]!.end) kept.push(c);
  return kept;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parsePublished(value: string | null): { year: number; month: number | null; day: number | null } | null {
  const m = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value) : null;
  return m ? { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null } : null;
}

function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** POSIX strptime's pivot for a two-digit year with nothing to anchor it: 69–99 → 19xx, 00–68 → 20xx. */
const expandShortYear = (yy: number) => (yy >= 69 ? 1900 + yy : 2000 + yy);

/** The century that puts a two-digit year closest to the reference year ("1.9.39" in a 1939 narrative). */
const closestCentury = (yy: number, reference: number) =>
  [1900, 2000, 2100]
    .map((century) => century + yy)
    .reduce((best, y) => (Math.abs(y - reference) < Math.abs(best - reference) ? y : best));

/**
 * The year of a year-less month in a news text: the document's year, or the next/previous when the month has clearly
 * wrapped.
 */
function newsYear(published: { year: number; month: number | null }, month: number | null): number {
  if (month === null || published.month === null) return published.year;
  if (month - published.month < -6) return published.year + 1;
  if (month - published.month > 6) return published.year - 1;
  return published.year;
}

/** Fills in what each candidate lacks, in text order; drops what cannot be resolved. */
function resolve(
  text: string,
  candidates: Candidate[],
  options: DateOptions,
  connectors: (i: number) => readonly string[],
): DateFinding[] {
  const published = parsePublished(options.published);
  const mode = options.mode ?? 'news';
  const results: DateFinding[] = [];
  let lastYear: number | null = null;
  let anchor: { year: number; end: number } | null = null;

  for (let i = 0; i < candidates.length; i++) {
    const c = { ...candidates[i]! };
    let relative = false;
    // A range partner: "1. bis 3. März 2024", "between June and September 2024".
    const next = candidates[i + 1];
    if (
      next &&
      (c.year === null || c.month === null) &&
      c.weekday === null &&
      c.dayOffset === null &&
      c.yearOffset === null
    ) {
      const between = text.slice(c.end, next.start).trim();
      if (connectors(i).includes(between) || between === '') {
        if (c.month === null && next.month !== null && next.day !== null) c.month = next.month;
        if (c.year === null && next.year !== null && c.yearSource === 'reference') {
          c.year = next.year;
          c.yearSource = 'explicit';
        }
      }
    }
    if (c.shortYear !== null) {
      const reference: number | null | undefined = mode === 'news' ? published?.year : (lastYear ?? published?.year);
      c.year =
        reference === undefined || reference === null
          ? expandShortYear(c.shortYear)
          : closestCentury(c.shortYear, reference);
    } else if (c.weekday !== null) {
      if (!published || published.month === null || published.day === null) continue;
      const weekdayOfPublished = new Date(Date.UTC(published.year, published.month - 1, published.day)).getUTCDay();
      const offset = c.future
        ? (c.weekday - weekdayOfPublished + 7) % 7 || 7
        : -((weekdayOfPublished - c.weekday + 7) % 7);
      Object.assign(c, addDays(published.year, published.month, published.day, offset));
      relative = true;
    } else if (c.dayOffset !== null) {
      if (!published || published.month === null || published.day === null) continue;
      Object.assign(c, addDays(published.year, published.month, published.day, c.dayOffset));
      relative = true;
    } else if (c.yearOffset !== null) {
      const base: number | null | undefined = mode === 'narrative' ? (lastYear ?? published?.year) : published?.year;
      if (base === undefined || base === null) continue;
      c.year = base + c.yearOffset;
      relative = true;
    } else if (
      c.year === null &&
      c.month === null &&
      (c.yearSource === 'previous-mention' || c.yearSource === 'next-of-mention')
    ) {
      const base: number | null | undefined = lastYear ?? (mode === 'news' ? published?.year : null);
      if (base === undefined || base === null) continue;
      c.year = base + (c.yearSource === 'next-of-mention' ? 1 : 0);
      relative = true;
      // "des neuen Jahres" moves the narrative on: later year-less dates belong to that year.
      lastYear = c.year;
    } else if (c.year === null) {
      if (c.month === null) continue;
      switch (c.yearSource) {
        case 'current':
        case 'last':
        case 'next': {
          const base: number | null | undefined =
            mode === 'narrative' ? (lastYear ?? published?.year) : published?.year;
          if (base === undefined || base === null) continue;
          c.year = base + (c.yearSource === 'last' ? -1 : c.yearSource === 'next' ? 1 : 0);
          relative = true;
          break;
        }
        case 'previous-mention':
          c.year = lastYear ?? published?.year ?? null;
          break;
        default:
          if (published && mode === 'news') c.year = newsYear(published, c.month);
          else if (mode === 'narrative') c.year = lastYear ?? (published ? newsYear(published, c.month) : null);
          // A news text without a date: only an explicit month or day earlier in the same paragraph anchors the year.
          else c.year = anchor && !text.slice(anchor.end, c.start).includes('\n') ? anchor.year : null;
      }
      if (c.year === null) continue;
    }
    const value =
      c.granularity === 'year'
        ? `${c.year}`
        : c.granularity === 'month' || c.day === null
          ? `${c.year}-${pad(c.month!)}`
          : `${c.year}-${pad(c.month!)}-${pad(c.day)}`;
    if (!isValidIsoPrefix(value)) continue;
    if (c.yearSource === 'explicit' && !relative) {
      lastYear = c.year;
      if (c.granularity !== 'year') anchor = { year: c.year!, end: c.end };
    }
    const granularity: Granularity = value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
    results.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value, granularity, relative });
  }
  return results;
}

/**
 * Every calendar reference in a text, each paragraph read with its language's patterns. Spans slice `text`;
 * values are valid ISO dates as precise as the text allows.
 */
export function extractDates(
  text: string,
  language: LanguageCode,
  options: DateOptions,
  paragraphs?: readonly ParagraphLanguage[],
  tokens: readonly Token[] = tokenize(text),
): DateFinding[] {
  const packOf = (code: LanguageCode): PackLanguage =>
    code === 'de' || code === 'en' ? code : language === 'de' ? 'de' : 'en';
  const spans =
    paragraphs && paragraphs.length > 0
      ? paragraphs.map((p) => ({ start: p.start, end: p.end, pack: packOf(p.code === 'und' ? language : p.code) }))
      : [{ start: 0, end: text.length, pack: packOf(language) }];
  const candidates: Candidate[] = [];
  const packs: PackLanguage[] = [];
  for (const span of spans) {
    for (const c of findCandidates(text, tokens, span, span.pack)) {
      candidates.push(c);
      packs.push(span.pack);
    }
  }
  const published = options.published ?? (options.yearFromText ? mostWrittenYear(candidates) : null);
  return resolve(text, candidates, { ...options, published }, (i) => COMPILED[packs[i]!].words.rangeConnectors);
}

/** The year most of the candidates' days and months are written with, the later of equals; null for none. */
function mostWrittenYear(candidates: readonly Candidate[]): string | null {
  const counts = new Map<number, number>();
  for (const c of candidates)
    if (c.year !== null && c.yearSource === 'explicit' && c.shortYear === null && c.granularity !== 'year')
      counts.set(c.year, (counts.get(c.year) ?? 0) + 1);
  let best: [number, number] | null = null;
  for (const entry of counts)
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] > best[0])) best = entry;
  return best ? String(best[0]) : null;
}

/**
 * The labels of a page's own date in every pack, capitalized as labels are ('Updated:', not 'updated on' in prose): a
 * German page may carry an English label, and the other way.
 */
const PUBLISHED_CUE = new RegExp(
  `(?:^|[\\s|·•(])(?:${alt(
    Object.values(LANGUAGE_PACKS).flatMap((pack) => pack.dates.DATE_WORDS.publishedCues),
  )})\\s*:?\\s*$`,
  'u',
);

/** The full dates with a written year near the top of a text, each with the words before it on its line. */
function* headDates(text: string, language: LanguageCode) {
  const head = text.slice(0, 600);
  for (const d of extractDates(head, language, { published: null })) {
    if (d.granularity !== 'day' || d.relative || !/\d{4}/.test(d.text)) continue;
    const lineStart = head.lastIndexOf('\n', d.start - 1) + 1;
    const lineEnd = head.indexOf('\n', d.end);
    yield {
      date: d,
      before: head.slice(lineStart, d.start),
      after: head.slice(d.end, lineEnd < 0 ? head.length : lineEnd),
    };
  }
}

/** The document's own dates a text gives near its top, each null where the text gives none. */
export interface OwnDates {
  /**
   * The date a page labels as its own: "Stand: 28.04.2022 19:01 Uhr", "Veröffentlicht am 3. Mai 2024", "Last
   * updated: June 20, 2024". It may refine a coarser date of the metadata.
   */
  labelled: string | null;
  /**
   * A dateline ("WASHINGTON, D.C., June 20, 2024 —", "Bonn, 15.03.2022 –") or a full date alone on a line: the
   * document's date when its metadata has none.
   */
  dateline: string | null;
}

/** The labelled date and the dateline near the top of a text, read in one pass. Only full dates with a year count. */
export function findOwnDates(text: string, language: LanguageCode): OwnDates {
  const own: OwnDates = { labelled: null, dateline: null };
  for (const { date, before, after } of headDates(text, language)) {
    if (own.labelled === null && PUBLISHED_CUE.test(before)) own.labelled = date.value;
    // A place name (maybe with a state, maybe "(AP)") and a comma or dash before; a dash, period or line end after.
    const placeBefore =
      before === '' ||
      /^[\p{Lu}][\p{L}.' -]{1,40}(?:,\s*[\p{L}.' -]{1,20})?(?:\s*\([^)]{1,20}\))?\s*[,–—-]\s*$/u.test(before);
    const breakAfter = /^\s*(?:[–—-]|\.(?:\s|$)|$|\()/u.test(after);
    if (own.dateline === null && placeBefore && breakAfter) own.dateline = date.value;
    if (own.labelled !== null && own.dateline !== null) break;
  }
  return own;
}
