import type { LanguageCode } from '../corpus/document.js';
import type { EntityFinding, Mention } from './entities.js';
import { COUNTRY_CUES, countryProfile, englishCountryName } from './countries.js';
import { PLACE_NAMES } from './lexicons.js';
import { AGENCIES, type AgencyEntry, GAZETTEER_LANGUAGE } from './lang/gazetteer/agencies.js';
import { LANGUAGE_PACKS, languagePack, PACK_LANGUAGES } from './lang/index.js';
import { findDefinitions, NAME_CONNECTORS } from './definitions.js';
import { isCapitalized, PhraseMatcher, type Token, type TokenRange, tokenize, type WordForm } from './phrases.js';
import { wordPredicate } from './word-memo.js';

/**
 * Government agencies: the bilingual gazetteer first (every name, German name, form and acronym, inflection-tolerant),
 * then agencies the gazetteer lacks, learned from the text itself: acronym definitions ("Bundesamt für
 * Verfassungsschutz (BfV)", Schwartz & Hearst 2003) and head-noun patterns ("Digitalministerium", "Office of Public
 * Affairs", "Biden-Administration"). A form several bodies share ("NCSC", "BMI", "Innenministerium") is resolved by,
 * in order: a country cue next to it, a definition in the text, the document's most-named country, a preferred
 * reading, and the language's home country.
 */

type FormKind = 'name' | 'form' | 'acronym' | 'context-acronym' | 'generic' | 'cue';

interface FormPayload {
  entry: AgencyEntry;
  kind: FormKind;
}

const ENTRY_BY_ID = new Map(AGENCIES.map((e) => [e.id, e]));

/** The entity key of a gazetteer agency's id. */
export const agencyKey = (id: string) => `agency:${id}`;

/** The gazetteer entry of an agency entity key. */
function gazetteerAgency(key: string): AgencyEntry | undefined {
  return key.startsWith('agency:') ? ENTRY_BY_ID.get(key.slice('agency:'.length)) : undefined;
}

/** A gazetteer body above an agency a document names: stored even where no document mentions it. */
export interface ParentBody {
  key: string;
  name: string;
  /** Its names in other languages. */
  otherNames?: string[];
  acronym: string | null;
  country: string;
  /** `key` of the body above it, if any. */
  parent: string | null;
}

/** The gazetteer chains above the document's agencies, each body once, the nearest parents first. */
export function parentBodies(entities: readonly EntityFinding[]): ParentBody[] {
  const bodies = new Map<string, ParentBody>();
  const visit = (key: string): void => {
    const entry = gazetteerAgency(key);
    if (!entry || bodies.has(key)) return;
    const parent = entry.parent ? agencyKey(entry.parent) : null;
    const { name, otherNames } = agencyNames(entry);
    bodies.set(key, { key, name, otherNames, acronym: entry.acronyms?.[0] ?? null, country: entry.country, parent });
    if (parent) visit(parent);
  };
  for (const entity of entities) if (entity.parent) visit(entity.parent);
  return [...bodies.values()];
}

const GAZETTEER = PhraseMatcher.lexicon<FormPayload>(
  (function* () {
    for (const entry of AGENCIES) {
      yield { phrase: entry.name, payload: { entry, kind: 'name' as const } };
      if (entry.de) yield { phrase: entry.de, payload: { entry, kind: 'name' as const } };
      for (const form of entry.forms ?? []) yield { phrase: form, payload: { entry, kind: 'form' as const } };
      for (const form of entry.genericForms ?? []) yield { phrase: form, payload: { entry, kind: 'generic' as const } };
      for (const form of entry.cueForms ?? []) yield { phrase: form, payload: { entry, kind: 'cue' as const } };
      for (const acronym of entry.acronyms ?? []) {
        const kind = entry.contextAcronyms?.includes(acronym) ? ('context-acronym' as const) : ('acronym' as const);
        yield { phrase: acronym, payload: { entry, kind }, exact: true };
      }
    }
  })(),
);

/** Both languages' vocabularies: German texts cite English agency names and the other way round. */
const WORDS = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code].agencies.AGENCY_WORDS);

/** The language each country's bodies are named in, from the packs. */
const NAMING_LANGUAGE = new Map(
  PACK_LANGUAGES.flatMap((code) =>
    LANGUAGE_PACKS[code].agencies.AGENCY_WORDS.namingCountries.map((country) => [country, code] as const),
  ),
);

/**
 * A body's canonical name is the one of its own country's language ("Bundesamt für Sicherheit in der
 * Informationstechnik" for the BSI, "Department of Commerce" for the US body); its names in other languages are
 * kept as aliases, so either language finds it.
 */
function agencyNames(entry: AgencyEntry): { name: string; otherNames: string[] } {
  const names: Record<string, string | undefined> = { [GAZETTEER_LANGUAGE]: entry.name, de: entry.de };
  const language = NAMING_LANGUAGE.get(entry.country) ?? GAZETTEER_LANGUAGE;
  const name = names[language] ?? entry.name;
  return { name, otherNames: Object.values(names).filter((n): n is string => n !== undefined && n !== name) };
}
const ARTICLES = new Set(WORDS.flatMap((w) => w.articles).map((w) => w.toLowerCase()));
const INDEFINITES = new Set(WORDS.flatMap((w) => w.indefinites).map((w) => w.toLowerCase()));
const GENITIVE_LINKS = new Set(WORDS.flatMap((w) => w.genitiveLinks).map((w) => w.toLowerCase()));
const HEAD_SUFFIXES = WORDS.flatMap((w) => w.headSuffixes);
/**
 * Each head suffix with its genitive forms ("-ministerium", "-ministeriums", "-ministeriumes"), in the suffixes' order.
 */
const HEAD_SUFFIX_FORMS = HEAD_SUFFIXES.flatMap((suffix) =>
  [suffix, `${suffix}s`, `${suffix}es`].map((form) => ({ form, suffix })),
);
const HEAD_NOUNS = new Set(WORDS.flatMap((w) => w.headNouns));
/** The lists' answers for a word, kept on its record: the pattern pass asks them of every capitalized token. */
const isHeadNoun = wordPredicate(({ text }: WordForm) => HEAD_NOUNS.has(text));
const isArticle = wordPredicate(({ lower }: WordForm) => ARTICLES.has(lower));
const endsInHeadSuffixForm = wordPredicate(({ lower }: WordForm) =>
  HEAD_SUFFIX_FORMS.some(({ form }) => lower.endsWith(form)),
);
const HEAD_LINKS = new Set(WORDS.flatMap((w) => w.headLinks));
const ADMINISTRATION_WORDS = new Set(WORDS.flatMap((w) => w.administrationWords));
const SPACED_ADMINISTRATION_WORDS = new Set(WORDS.flatMap((w) => w.spacedAdministrationWords));

const SEAT_HEADS = new Set(WORDS.flatMap((w) => w.seatHeads));
const SEAT_ABBREVIATIONS = new Map(WORDS.flatMap((w) => Object.entries(w.seatAbbreviations)));
const SEAT_ADJECTIVE_ENDINGS = [...new Set(WORDS.map((w) => w.seatAdjectiveEnding).filter(Boolean))];
// The coordinators that join names, as the organization packs list them.
const COORDINATORS = new Set(
  PACK_LANGUAGES.flatMap((c) => LANGUAGE_PACKS[c].organizations.ORGANIZATION_WORDS.coordinators),
);
const MISSION_HEADS = new Map(WORDS.flatMap((w) => Object.entries(w.missionHeads)));
/** Missions are named in English, whatever the text's language, so that one embassy is one entity. */
const NAMED_WITH_THE = new Set(LANGUAGE_PACKS.en.agencies.AGENCY_WORDS.countriesNamedWithThe);

/** A body's span with the name it goes by, where that is not the text's slice ("Verwaltungsgerichts Köln"). */
interface NamedSpan extends TokenRange {
  name?: string;
  country?: string;
  /** The span takes in a body the gazetteer found, whose mention it replaces. */
  absorbs?: boolean;
}

/** Each seat head and abbreviation as a text may write it, genitives included → the head ("VG" → "Verwaltungsgericht"). */
const SEAT_HEAD_FORMS = new Map([
  ...[...SEAT_HEADS].flatMap((head) => [head, `${head}s`, `${head}es`].map((form) => [form, head] as const)),
  ...SEAT_ABBREVIATIONS,
]);

/** The place a word names as a seat, itself ("Köln") or by its adjective ("Kölner"); places only. */
function seatOf(token: Token | undefined, adjective: boolean): string | null {
  if (!token?.word || !isCapitalized(token)) return null;
  if (!adjective) return PLACE_NAMES.has(token.text) ? token.text : null;
  for (const ending of SEAT_ADJECTIVE_ENDINGS) {
    const place = token.text.endsWith(ending) ? token.text.slice(0, -ending.length) : '';
    if (place && PLACE_NAMES.has(place)) return place;
  }
  return null;
}

/**
 * Bodies the gazetteer cannot list, named by their seat ("Verwaltungsgericht Köln", "VG Köln", "Kölner
 * Verwaltungsgericht": one court) or by the state they represent ("russische Botschaft", "Embassy of China").
 */
function findSeatAndMissionAgencies(tokens: readonly Token[], covered: boolean[]): NamedSpan[] {
  const spans: NamedSpan[] = [];
  const free = (k: number) => k >= 0 && k < tokens.length && !covered[k];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!free(i) || !t.word) continue;
    const head = SEAT_HEAD_FORMS.get(t.text);
    if (head) {
      const after = free(i + 1) && !tokens[i + 1]!.newlineBefore ? seatOf(tokens[i + 1], false) : null;
      const before = !SEAT_ABBREVIATIONS.has(t.text) && free(i - 1) ? seatOf(tokens[i - 1], true) : null;
      if (after) spans.push({ from: i, to: i + 2, name: `${head} ${after}` });
      else if (before) spans.push({ from: i - 1, to: i + 1, name: `${head} ${before}` });
      continue;
    }
    const mission = MISSION_HEADS.get(t.text);
    const cue = mission ? adjacentCue(tokens, { from: i, to: i + 1 }) : null;
    if (mission && cue && free(cue.from) && free(cue.to - 1))
      spans.push({
        from: cue.from,
        to: cue.to,
        name: `${mission} of ${NAMED_WITH_THE.has(cue.country) ? 'the ' : ''}${englishCountryName(cue.country)}`,
        country: cue.country,
      });
  }
  return spans;
}

/** A resolved mention: which entity, and the token span (widened to include a country cue when one decided it). */
interface AgencyMention extends TokenRange {
  entity: LearnedAgency | AgencyEntry;
  origin: 'gazetteer' | 'definition' | 'pattern';
}

interface LearnedAgency {
  learned: true;
  name: string;
  acronym: string | null;
  country: string | null;
}

const isEntry = (e: LearnedAgency | AgencyEntry): e is AgencyEntry => !('learned' in e);

/**
 * The country a cue right before or after a span names: "russische Regierung", "US-Regierung", "Regierung Russlands".
 */
function adjacentCue(tokens: readonly Token[], span: TokenRange): { country: string; from: number; to: number } | null {
  // Before: [adjective] [article]? span, or [prefix] "-" span.
  let i = span.from - 1;
  if (i >= 1 && tokens[i]!.text === '-' && !tokens[i]!.newlineBefore) i--;
  while (i >= 0 && ARTICLES.has(tokens[i]!.lower) && i < span.from - 1) i--;
  // A cue of up to four tokens: "U.S." is four.
  for (let start = Math.max(0, i - 3); start <= i; start++) {
    const cue = COUNTRY_CUES.longestAt(tokens, start);
    if (cue && cue.to === i + 1 && !tokens[span.from]!.newlineBefore)
      return { country: cue.payloads[0]!.country, from: start, to: span.to };
  }
  // After: span [of|der|des]? [the]? CountryName ("Regierung Russlands", "of the United States").
  let j = span.to;
  if (j < tokens.length && GENITIVE_LINKS.has(tokens[j]!.lower)) j++;
  if (j < tokens.length && ARTICLES.has(tokens[j]!.lower)) j++;
  if (j < tokens.length && !tokens[j]!.newlineBefore) {
    const cue = COUNTRY_CUES.longestAt(tokens, j);
    if (cue && cue.payloads[0]!.kind === 'name')
      return { country: cue.payloads[0]!.country, from: span.from, to: cue.to };
  }
  return null;
}

/** Does a token span look like the name of a government body (a head noun or head compound in it)? */
function hasAgencyHead(tokens: readonly Token[], span: TokenRange): boolean {
  for (let k = span.from; k < span.to; k++) {
    const t = tokens[k]!;
    if (HEAD_NOUNS.has(t.text) || HEAD_SUFFIXES.some((suffix) => t.key.endsWith(suffix) || t.lower.endsWith(suffix)))
      return true;
  }
  return false;
}

/**
 * Learned agencies by pattern, in the gaps the gazetteer left: "Private Sector Office", "Office of Public Affairs",
 * "Digitalministerium".
 */
function findPatternAgencies(tokens: readonly Token[], covered: boolean[]): NamedSpan[] {
  const spans: NamedSpan[] = [];
  const free = (k: number) => k >= 0 && k < tokens.length && !covered[k];
  const nameWord = (k: number) =>
    free(k) && tokens[k]!.word && isCapitalized(tokens[k]!) && !isArticle(tokens[k]!.form);
  // A name continues on the same line only.
  const sameLine = (k: number) => k < tokens.length && !tokens[k]!.newlineBefore;
  /**
   * "Senate Foreign Relations Committee", "Senate Committee on Commerce": a one-word body the gazetteer found right
   * before a body's name names the body it belongs to, and is part of that name.
   */
  const bodyWordBefore = (i: number) => {
    const before = tokens[i - 1];
    return (
      before !== undefined &&
      before.word &&
      isCapitalized(before) &&
      covered[i - 1] === true &&
      !(i >= 2 && covered[i - 2] && tokens[i - 2]!.word) &&
      !tokens[i]!.newlineBefore
    );
  };
  let nameRunEnd = -1;
  let hyphenChainEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (!free(i)) continue;
    const t = tokens[i]!;
    // German compound heads: one capitalized word ending in a head suffix, longer than the bare suffix.
    if (t.word && isCapitalized(t)) {
      const lower = t.lower;
      const suffix = endsInHeadSuffixForm(t.form)
        ? HEAD_SUFFIX_FORMS.find(({ form }) => lower.endsWith(form))?.suffix
        : undefined;
      if (suffix && lower.length > suffix.length + 2 && !INDEFINITES.has(tokens[i - 1]?.lower ?? '')) {
        spans.push({ from: i, to: i + 1 });
        continue;
      }
    }
    // "Office of Public Affairs", "Behörde für Cyber- und Informationssicherheit": head, link, capitalized words.
    if (
      isHeadNoun(t.form) &&
      free(i + 1) &&
      sameLine(i + 1) &&
      HEAD_LINKS.has(tokens[i + 1]!.text) &&
      !INDEFINITES.has(tokens[i - 1]?.lower ?? '')
    ) {
      let j = i + 2;
      let lastName = -1;
      // "Committee on Commerce, Science and Transportation": a list goes on after a comma, and is part of the name
      // only once a coordinator closes it ("Office of Public Affairs, Smith said" ends at "Affairs").
      let listOpen = false;
      while (
        free(j) &&
        !tokens[j]!.newlineBefore &&
        (nameWord(j) || NAME_CONNECTORS.has(tokens[j]!.text) || (tokens[j]!.text === ',' && nameWord(j + 1)))
      ) {
        if (tokens[j]!.text === ',') listOpen = true;
        else if (listOpen && COORDINATORS.has(tokens[j]!.text)) listOpen = false;
        else if (nameWord(j) && !listOpen) lastName = j;
        j++;
      }
      if (lastName > i + 1) {
        const parent = bodyWordBefore(i);
        spans.push({ from: parent ? i - 1 : i, to: lastName + 1, absorbs: parent || undefined });
        i = lastName;
        continue;
      }
    }
    // "Private Sector Office", "Senate Armed Services Committee": capitalized words ending in a head noun.
    if (nameWord(i) && !isHeadNoun(t.form)) {
      // Every start inside one run of capitalized words reaches the same end: found once per run, so a wall of
      // capitalized words costs linear time.
      if (i > nameRunEnd) {
        nameRunEnd = i;
        while (
          sameLine(nameRunEnd + 1) &&
          (nameWord(nameRunEnd + 1) || (free(nameRunEnd + 1) && tokens[nameRunEnd + 1]!.text === '&'))
        )
          nameRunEnd++;
      }
      const j = nameRunEnd;
      if (j > i && isHeadNoun(tokens[j]!.form) && !INDEFINITES.has(tokens[i - 1]?.lower ?? '')) {
        const parent = bodyWordBefore(i);
        spans.push({ from: parent ? i - 1 : i, to: j + 1, absorbs: parent || undefined });
        i = j;
        continue;
      }
    }
    // "Biden-Administration", "Biden-Harris-Administration", "Trump administration".
    if (nameWord(i)) {
      // As above, once per chain: starts inside a chain of hyphenated names share its end.
      if (i > hyphenChainEnd) {
        hyphenChainEnd = i;
        while (
          free(hyphenChainEnd + 2) &&
          sameLine(hyphenChainEnd + 2) &&
          tokens[hyphenChainEnd + 1]!.text === '-' &&
          nameWord(hyphenChainEnd + 2) &&
          !ADMINISTRATION_WORDS.has(tokens[hyphenChainEnd + 2]!.text)
        )
          hyphenChainEnd += 2;
      }
      const j = hyphenChainEnd;
      const hyphen = free(j + 1) && tokens[j + 1]!.text === '-';
      const head = hyphen ? j + 2 : j + 1;
      if (
        free(head) &&
        sameLine(head) &&
        ADMINISTRATION_WORDS.has(tokens[head]!.text) &&
        (hyphen || SPACED_ADMINISTRATION_WORDS.has(tokens[head]!.text))
      ) {
        if (!isHeadNoun(t.form)) {
          spans.push({ from: i, to: head + 1 });
          i = head;
        }
      }
    }
  }
  return spans;
}

/**
 * Every government agency the text names, one finding per agency, with every mention. Spans slice `text`.
 */
export function extractAgencies(
  text: string,
  language: LanguageCode,
  tokens: readonly Token[] = tokenize(text),
): EntityFinding[] {
  const homeCountry = languagePack(language).agencies.AGENCY_WORDS.defaultCountry;
  const profile = countryProfile(tokens);
  const gazetteerMatches = GAZETTEER.findAll(tokens).filter((m) => {
    // A name must show a capital somewhere: "the federal government" is a phrase, not a name.
    const capital = tokens.slice(m.from, m.to).some(isCapitalized);
    return capital;
  });
  // Unambiguous gazetteer matches tell which countries the document is about, besides the country names.
  for (const m of gazetteerMatches) {
    const countries = new Set(
      m.payloads.filter((p) => p.kind !== 'generic' && p.kind !== 'cue').map((p) => p.entry.country),
    );
    if (countries.size === 1) {
      const [country] = countries;
      profile.set(country!, (profile.get(country!) ?? 0) + 1);
    }
  }
  const rankedCountries = [...profile.entries()].sort((a, b) => b[1] - a[1]).map(([country]) => country);

  // Definitions decide an acronym for the whole document, and teach agencies the gazetteer lacks.
  const definitions = findDefinitions(tokens);
  const definedEntry = new Map<string, AgencyEntry>();
  const learnedByAcronym = new Map<string, LearnedAgency>();
  const mentions: AgencyMention[] = [];
  const covered: boolean[] = new Array<boolean>(tokens.length).fill(false);
  const cover = (span: TokenRange) => {
    for (let k = span.from; k < span.to; k++) covered[k] = true;
  };
  for (const d of definitions) {
    const inside = gazetteerMatches.find(
      (m) => m.from >= d.longForm.from && m.to <= d.longForm.to && m.to === d.longForm.to,
    );
    const named = inside?.payloads.find((p) => p.kind === 'name' || p.kind === 'form');
    if (named) {
      definedEntry.set(d.shortForm, named.entry);
      continue;
    }
    const isKnownAcronym = gazetteerMatches.some((m) => m.from === d.shortAt);
    if (!isKnownAcronym && hasAgencyHead(tokens, d.longForm)) {
      let from = d.longForm.from;
      while (from < d.longForm.to && ARTICLES.has(tokens[from]!.lower)) from++;
      const name = text.slice(tokens[from]!.start, tokens[d.longForm.to - 1]!.end);
      const learned: LearnedAgency = {
        learned: true,
        name,
        acronym: d.shortForm,
        country: rankedCountries[0] ?? homeCountry,
      };
      learnedByAcronym.set(d.shortForm, learned);
      mentions.push({ from, to: d.longForm.to, entity: learned, origin: 'definition' });
      cover({ from, to: d.longForm.to });
    }
  }

  const namedIds = new Set(
    gazetteerMatches.flatMap((m) =>
      m.payloads.filter((p) => p.kind === 'name' || p.kind === 'form' || p.kind === 'acronym').map((p) => p.entry.id),
    ),
  );
  for (const m of gazetteerMatches) {
    if (m.from < covered.length && covered[m.from]) continue;
    let payloads = m.payloads.filter(
      (p) =>
        p.kind !== 'context-acronym' ||
        namedIds.has(p.entry.id) ||
        definedEntry.get(tokens[m.from]!.text)?.id === p.entry.id,
    );
    if (payloads.length === 0) continue;
    const specific = payloads.filter(
      (p) => p.kind === 'name' || p.kind === 'form' || p.kind === 'acronym' || p.kind === 'context-acronym',
    );
    if (specific.length > 0) payloads = specific;
    let span: TokenRange = { from: m.from, to: m.to };
    let candidates = payloads.map((p) => p.entry);
    const cue = adjacentCue(tokens, span);
    const cued = cue ? candidates.filter((e) => e.country === cue.country) : [];
    if (cued.length > 0) {
      candidates = cued;
      if (payloads[0]!.kind === 'generic' || payloads[0]!.kind === 'cue') span = { from: cue!.from, to: cue!.to };
    } else if (payloads.every((p) => p.kind === 'cue')) {
      continue; // "die Regierung" with no country named next to it
    } else if (candidates.length > 1) {
      const defined = definedEntry.get(tokens[m.from]!.text);
      const byProfile = rankedCountries
        .map((c) => candidates.filter((e) => e.country === c))
        .find((list) => list.length > 0);
      const home = candidates.filter((e) => e.country === homeCountry);
      candidates =
        defined && candidates.includes(defined) ? [defined] : (byProfile ?? (home.length > 0 ? home : candidates));
    }
    mentions.push({ from: span.from, to: span.to, entity: candidates[0]!, origin: 'gazetteer' });
    cover(span);
  }

  // Learned acronyms elsewhere in the text, then head-noun patterns in what is still free.
  for (let k = 0; learnedByAcronym.size > 0 && k < tokens.length; k++) {
    const learned = !covered[k] ? learnedByAcronym.get(tokens[k]!.text) : undefined;
    if (learned) {
      mentions.push({ from: k, to: k + 1, entity: learned, origin: 'definition' });
      covered[k] = true;
    }
  }
  const learnedByName = new Map<string, LearnedAgency>();
  /**
   * "U.S. Air Force", "US-Digitalministerium": a country written as a name or acronym before a learned body is part
   * of its name and gives its country; an adjective in lowercase ("das russische Digitalministerium") is not.
   */
  const withCountryPrefix = (span: NamedSpan): NamedSpan => {
    const cue = adjacentCue(tokens, span);
    if (!cue || cue.from >= span.from || cue.to !== span.to || !isCapitalized(tokens[cue.from]!)) return span;
    if (covered.slice(cue.from, span.from).some(Boolean)) return span;
    return { ...span, from: cue.from, country: cue.country };
  };
  const named = findSeatAndMissionAgencies(tokens, covered);
  for (const span of named) cover(span);
  const spans: NamedSpan[] = [...named, ...findPatternAgencies(tokens, covered).map(withCountryPrefix)];
  for (const span of spans) {
    if (span.absorbs) {
      const inside = mentions.findIndex((m) => m.from >= span.from && m.to <= span.to);
      if (inside >= 0) mentions.splice(inside, 1);
    }
    // "die deutsche Behörde für Cybersicherheit, das Bundesamt …": a description of the agency that follows.
    if (describesNextAgency(tokens, span, mentions)) continue;
    const misnamed = CONTENT_WORDS_INDEX.get(contentWords(tokens, span));
    if (misnamed) {
      mentions.push({ ...span, entity: misnamed, origin: 'gazetteer' });
      continue;
    }
    const name = span.name ?? text.slice(tokens[span.from]!.start, tokens[span.to - 1]!.end);
    const key = name.toLowerCase();
    const learned = learnedByName.get(key) ?? {
      learned: true as const,
      name,
      acronym: null,
      country: span.country ?? rankedCountries[0] ?? homeCountry,
    };
    learnedByName.set(key, learned);
    mentions.push({ ...span, entity: learned, origin: 'pattern' });
  }
  return toFindings(text, tokens, mentions);
}

/** Function words that names may vary in ("und" for "in der"): left out when comparing a name's content. */
const FUNCTION_WORDS = new Set([...NAME_CONNECTORS, ...WORDS.flatMap((w) => w.variableWords)]);

function contentWords(tokens: readonly Token[], span: TokenRange): string {
  const keys = new Set<string>();
  for (let k = span.from; k < span.to; k++)
    if (tokens[k]!.word && !FUNCTION_WORDS.has(tokens[k]!.lower)) keys.add(tokens[k]!.key);
  return [...keys].sort().join(' ');
}

/**
 * Gazetteer names by their content words: a text that writes "Bundesamt für Sicherheit und Informationstechnik"
 * means the BSI. Only names of three content words or more, so that short generic names never collide.
 */
const CONTENT_WORDS_INDEX = (() => {
  const index = new Map<string, AgencyEntry>();
  for (const entry of AGENCIES) {
    for (const name of [entry.name, entry.de, ...(entry.forms ?? [])]) {
      if (!name) continue;
      const tokens = tokenize(name);
      const key = contentWords(tokens, { from: 0, to: tokens.length });
      if (key.split(' ').length >= 3 && !index.has(key)) index.set(key, entry);
    }
  }
  return index;
})();

/** A learned name directly followed by ", the <known agency>" is an apposition describing that agency. */
function describesNextAgency(tokens: readonly Token[], span: TokenRange, mentions: readonly AgencyMention[]): boolean {
  let k = span.to;
  if (tokens[k]?.text !== ',') return false;
  k++;
  if (k < tokens.length && ARTICLES.has(tokens[k]!.lower)) k++;
  return mentions.some((m) => m.from === k);
}

function learnedKey(agency: LearnedAgency): string {
  return `agency:learned:${agency.name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ')}`;
}

function toFindings(text: string, tokens: readonly Token[], mentions: AgencyMention[]): EntityFinding[] {
  const byKey = new Map<string, EntityFinding>();
  for (const m of mentions.sort((a, b) => a.from - b.from)) {
    const entity = m.entity;
    const key = isEntry(entity) ? agencyKey(entity.id) : learnedKey(entity);
    const mention: Mention = {
      start: tokens[m.from]!.start,
      end: tokens[m.to - 1]!.end,
      text: text.slice(tokens[m.from]!.start, tokens[m.to - 1]!.end),
    };
    let finding = byKey.get(key);
    if (!finding) {
      finding = isEntry(entity)
        ? {
            key,
            type: 'agency',
            ...agencyNames(entity),
            aliases: [],
            mentions: [],
            roles: [],
            affiliation: null,
            acronym: entity.acronyms?.[0] ?? null,
            country: entity.country,
            parent: entity.parent ? agencyKey(entity.parent) : null,
            origin: m.origin,
          }
        : {
            key,
            type: 'agency',
            name: entity.name,
            aliases: [],
            mentions: [],
            roles: [],
            affiliation: null,
            acronym: entity.acronym,
            country: entity.country,
            parent: null,
            origin: m.origin,
          };
      byKey.set(key, finding);
    }
    finding.mentions.push(mention);
    if (!finding.aliases.includes(mention.text)) finding.aliases.push(mention.text);
  }
  return [...byKey.values()];
}
