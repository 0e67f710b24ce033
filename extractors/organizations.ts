import type { EntityFinding, Mention } from './entities.js';
import { ARTICLES, LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import { ENGLISH_ORGANIZATION_NAMES, GERMAN_NOUN_FORMS, isCommonWord, isFirstName } from './lexicons.js';
import { Coverage, firstStartingAt } from './coverage.js';
import { findDefinitions } from './definitions.js';
import {
  ORGANIZATIONS,
  organizationKey,
  THREAT_ACTOR_DESIGNATION,
  THREAT_ACTOR_FAMILIES,
  type OrganizationEntry,
} from './lang/gazetteer/organizations.js';
import { isPlaceName } from './locations.js';
import { isCapitalized, PhraseMatcher, type Token, tokenize, type WordForm } from './phrases.js';
import { wordPredicate } from './word-memo.js';
import { isNameWord, toUnits, type Unit } from './units.js';

/**
 * Organizations other than government bodies, found three ways: the gazetteer of organizations news names without
 * introduction; a legal form after or before a name ("Kaspersky Labs Limited", "AO Kaspersky Lab", "Muster GmbH");
 * and a noun that introduces one ("der Hersteller Kaspersky", "the hacking group Volt Typhoon"). Every further
 * occurrence of a found name is a mention. A company named with its legal form is its own entity (subsidiaries are
 * named that way); the bare name the text then uses ("Kaspersky", "Kaspersky Lab") belongs to the first such
 * company it begins, or else to the gazetteer's organization.
 */

const WORDS = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code].organizations.ORGANIZATION_WORDS);
const LEGAL_SUFFIXES = PhraseMatcher.lexicon<true>(
  WORDS.flatMap((w) => w.legalSuffixes).map((phrase) => ({ phrase, payload: true as const, exact: true })),
);
const LEGAL_PREFIXES = new Set(WORDS.flatMap((w) => w.legalPrefixes));
const HEAD_NOUNS = new Set(WORDS.flatMap((w) => w.headNouns));
/**
 * German writes "Lehmbruck-Museum"; in English a hyphenated "Kaspersky-Software" is a product, so compounds take German
 * heads only.
 */
const COMPOUND_HEADS = new Set(LANGUAGE_PACKS.de.organizations.ORGANIZATION_WORDS.headNouns);
const QUOTES = new Set(['"', '„', '“', '”', '»', '«', '‚', '‘']);
const CUE_NOUNS = new Set(WORDS.flatMap((w) => w.cueNouns).map((w) => w.toLowerCase()));
const COORDINATORS = new Set(WORDS.flatMap((w) => w.coordinators));
/** Last words of defined names that are laws and documents, not organizations (compound endings in lowercase). */
const DOCUMENT_HEADS = WORDS.flatMap((w) => w.documentHeads);
/** Articles a sentence may begin with, capitalized: never part of a name ("Die Muster GmbH"). */
const CAPITALIZED_ARTICLES = new Set(ARTICLES.map((a) => a[0]!.toUpperCase() + a.slice(1)));
/** Words that join a company's name: the languages' own, and "&" in any ("AT&T", "Wülfing & Sohn"). */
const CONNECTORS = new Set(['&', ...WORDS.flatMap((w) => w.nameConnectors)]);

const CREDIT_LABELS = new Set(WORDS.flatMap((w) => w.creditLabels));
/** A word ending as a body named by its seat does ("Verbraucherzentrale", "Universität", "College"). */
const SEAT_HEAD = new RegExp(`(?:${WORDS.flatMap((w) => w.seatHeadEndings).join('|')})$`, 'iu');
/** An inflected adjective before a body's head ("Medizinische", "Medizinischen"). */
const ADJECTIVE = /^\p{Lu}\p{Ll}+(?:e|en|er|es)$/u;
/** Capitals only, two to six, as acronyms are written; a unit with a hyphen is a compound. */
const ACRONYM = /^\p{Lu}{2,6}$/u;
const ROMAN_NUMERAL = /^[IVXLCDM]+$/;
const ACRONYM_ARTICLES = new Set(WORDS.flatMap((w) => w.acronymArticles));

/** The lists' answers for a word, kept on its record: the passes below ask them of every unit of every document. */
const isLegalPrefix = wordPredicate(({ text }: WordForm) => LEGAL_PREFIXES.has(text));
const isHeadNoun = wordPredicate(({ text }: WordForm) => HEAD_NOUNS.has(text));
const isCueNoun = wordPredicate(({ lower }: WordForm) => CUE_NOUNS.has(lower));
const isAcronym = wordPredicate(({ text }: WordForm) => ACRONYM.test(text));
const isThreatActorDesignation = wordPredicate(({ text }: WordForm) => THREAT_ACTOR_DESIGNATION.test(text));
const isThreatActorFamily = wordPredicate(({ text }: WordForm) => THREAT_ACTOR_FAMILIES.includes(text));

/** Abbreviations and legal forms compromise also tags as organizations ("dept", "inc"): no names. */
const NOT_NAMES = new Set(
  [
    ...WORDS.flatMap((w) => w.legalSuffixes),
    ...PACK_LANGUAGES.flatMap((c) => LANGUAGE_PACKS[c].abbreviations.ABBREVIATIONS),
  ].map((w) => w.toLowerCase().replace(/\.$/, '')),
);

/**
 * The gazetteer's entries and the organizations of compromise's lexicon ("BASF", "Cloudflare", "Associated Press";
 * compromise tags each word once, so its English reading is the organization) in one matcher, so that one pass finds
 * both; a lexicon name is a string, an entry an object.
 */
const GAZETTEER = PhraseMatcher.lexicon<OrganizationEntry | string>(
  (function* () {
    for (const entry of ORGANIZATIONS) {
      yield { phrase: entry.name, payload: entry, exact: /^\p{Lu}+$/u.test(entry.name) };
      for (const form of entry.forms ?? []) yield { phrase: form, payload: entry };
      for (const acronym of entry.acronyms ?? []) yield { phrase: acronym, payload: entry, exact: true };
    }
    for (const name of ENGLISH_ORGANIZATION_NAMES) if (!NOT_NAMES.has(name)) yield { phrase: name, payload: name };
  })(),
);

/** A name lowercased as written and with a genitive ending: "toyota", "toyotas", "toyota's", "toyota’s". */
const withGenitive = (name: string) => {
  const lower = name.toLowerCase();
  return [lower, `${lower}s`, `${lower}es`, `${lower}'s`, `${lower}’s`];
};

/** A bracketed exchange code after a name: "(HWT.UL)", "[0728.HK]", "[IFXGn.DE]". */
const TICKER = /[([][A-Z0-9][A-Za-z0-9_]{0,7}\.[A-Z]{1,3}[)\]]/g;

/**
 * A unit that can be part of an organization's name: "Kaspersky", "ByteDance", "ZTE", "dpa-AFX", "Plattner-Institut";
 * not a compound with a lowercase part ("Russian-based").
 */
const isOrganizationWord = (unit: Unit) =>
  unit.word &&
  !unit.initial &&
  !CAPITALIZED_ARTICLES.has(unit.text) &&
  /^\p{Lu}|^\p{Ll}+-?\p{Lu}/u.test(unit.text) &&
  unit.parts.slice(1).every((part) => !/^\p{Ll}/u.test(part.text));

interface Candidate {
  name: string;
  /** Character span of the mention. */
  start: number;
  end: number;
  origin: 'gazetteer' | 'lexicon' | 'legal-form' | 'definition' | 'pattern';
  /** The name without its legal form, which the text may go on to use alone. */
  base: string | null;
}

/** The run of name units ending right before unit `end` (exclusive), at most `max` units, connectors inside. */
function nameRunBefore(units: readonly Unit[], end: number, max = 4): number {
  let from = end;
  // A bracketed word counts as one unit of the name, not three.
  let brackets = 0;
  while (from > 0 && end - from - brackets < max) {
    const unit = units[from - 1]!;
    if (isOrganizationWord(unit)) from--;
    // "Russia and Kaspersky Labs Limited" is two names: "and" joins names, "&" joins a company's ("AT&T", "Wülfing &
    // Sohn").
    else if (
      CONNECTORS.has(unit.text) &&
      !COORDINATORS.has(unit.text) &&
      from - 2 >= 0 &&
      isOrganizationWord(units[from - 2]!) &&
      from < end
    )
      from--;
    // "China Telecom (Americas) Corp": a bracketed word inside the name.
    else if (
      unit.text === ')' &&
      from - 3 >= 0 &&
      units[from - 3]!.text === '(' &&
      isOrganizationWord(units[from - 2]!)
    ) {
      from -= 3;
      brackets += 2;
    } else break;
    if (units[from]!.sentenceStart) break;
  }
  while (from < end && !isOrganizationWord(units[from]!)) from++;
  return from;
}

/** The run of name units starting at unit `from`, at most `max` units. */
function nameRunAfter(units: readonly Unit[], from: number, max = 3): number {
  let to = from;
  while (
    to < units.length &&
    to - from < max &&
    isOrganizationWord(units[to]!) &&
    (to === from || !units[to]!.sentenceStart)
  )
    to++;
  return to;
}

/** `agencies`: the document's agency findings; a definition of an agency's acronym is not an organization's. */
export function extractOrganizations(
  text: string,
  tokens: readonly Token[],
  language: string,
  agencies: readonly EntityFinding[] = [],
): EntityFinding[] {
  const units = toUnits(text, tokens);
  /** The unit that begins at token `from`, if one does. */
  const unitAt = (from: number) => {
    const u = firstStartingAt(units, tokens[from]!.start);
    return units[u]?.from === from ? u : undefined;
  };
  const candidates: Candidate[] = [];
  const span = (from: number, to: number) => ({ start: units[from]!.start, end: units[to - 1]!.end });
  const agencyText = new Coverage(text.length);
  for (const a of agencies) for (const m of a.mentions) agencyText.claim(m.start, m.end);
  const agencyAt = (token: Token) => !agencyText.isFree(token.start, token.end);

  // 1. Legal forms after ("Kaspersky Lab, Inc.") and before ("AO Kaspersky Lab") the name.
  for (const match of LEGAL_SUFFIXES.findAll(tokens)) {
    let u = unitAt(match.from);
    if (
      u === undefined ||
      (tokens[match.from - 1] &&
        tokens[match.from - 1]!.end === tokens[match.from]!.start &&
        tokens[match.from - 1]!.word)
    )
      continue;
    const comma = units[u - 1]?.text === ',' ? 1 : 0;
    const from = nameRunBefore(units, u - comma);
    if (from >= u - comma) continue;
    const end = tokens[match.to - 1]!.end;
    u = u - comma;
    candidates.push({
      name: text.slice(units[from]!.start, end),
      start: units[from]!.start,
      end,
      origin: 'legal-form',
      base: text.slice(units[from]!.start, units[u - 1]!.end),
    });
  }
  for (let u = 0; u < units.length - 1; u++) {
    if (!isLegalPrefix(units[u]!.form)) continue;
    const to = nameRunAfter(units, u + 1);
    if (to === u + 1) continue;
    candidates.push({
      name: text.slice(units[u]!.start, units[to - 1]!.end),
      ...span(u, to),
      origin: 'legal-form',
      base: text.slice(units[u + 1]!.start, units[to - 1]!.end),
    });
  }

  // Credit lines: "Foto: Anna Muster/EPA-EFE", "Photo: Getty Images", "Quelle: Keystone-SDA". The agencies stand after
  // the photographer and a slash; a credit without a slash names an agency unless it begins with a given name.
  for (let u = 0; u + 2 < units.length; u++) {
    if (units[u + 1]!.text !== ':' || !CREDIT_LABELS.has(units[u]!.text)) continue;
    const segments: Array<[number, number]> = [];
    let from = u + 2;
    let to = from;
    for (; to < units.length && !(to > from && tokens[units[to]!.from]!.newlineBefore); to++) {
      const unit = units[to]!;
      if (unit.text === '/') {
        segments.push([from, to]);
        from = to + 1;
      } else if (!unit.word || to - from >= 3) break;
    }
    segments.push([from, to]);
    for (const [i, [a, b]] of segments.entries()) {
      if (b <= a || (i === 0 && (segments.length > 1 || isFirstName(units[a]!.form)))) continue;
      // A name of capitalized words, or one lowercase word an agency writes itself ("dpa"): not a caption.
      const name = units.slice(a, b);
      const lowercaseAgency = b - a === 1 && /^\p{Ll}{2,6}$/u.test(name[0]!.text) && !isCommonWord(name[0]!.form);
      if (!lowercaseAgency && !name.every(isOrganizationWord)) continue;
      candidates.push({
        name: text.slice(units[a]!.start, units[b - 1]!.end),
        ...span(a, b),
        origin: 'pattern',
        base: null,
      });
    }
    u = to - 1;
  }

  // An acronym after an article names a body: "die SPD", "des ADAC", "Der DRB muss". Not a word of either language
  // ("die IT"), a place ("die USA"), a numeral ("der II"), a compound's part ("die SPD-Politiker"), the start of a
  // longer name ("the KV Botnet"), or an acronym the text defines ("Allianz für … (ASW)"): that is the defined body's.
  const definitions = findDefinitions(tokens);
  const defined = new Set(definitions.map((d) => d.shortForm));
  for (let u = 1; u < units.length; u++) {
    const unit = units[u]!;
    if (!isAcronym(unit.form) || !ACRONYM_ARTICLES.has(units[u - 1]!.text) || agencyAt(tokens[unit.from]!)) continue;
    if (defined.has(unit.text)) continue;
    if (units[u + 1] && isCapitalized(tokens[units[u + 1]!.from]!) && units[u + 1]!.word) continue;
    if (isCommonWord(unit.form) || isPlaceName(unit.text) || ROMAN_NUMERAL.test(unit.text)) continue;
    candidates.push({ name: unit.text, ...span(u, u + 1), origin: 'pattern', base: null });
  }

  // Bodies named by their seat: "Verbraucherzentrale Nordrhein-Westfalen", "Medizinische Hochschule Hannover",
  // "Universität Hamburg".
  for (let u = 0; u + 1 < units.length; u++) {
    const head = units[u]!;
    const seat = units[u + 1]!;
    if (!head.word || seat.sentenceStart || tokens[seat.from]!.newlineBefore) continue;
    // Every unit comes here: one pattern test rules most out before the places are read.
    if (!SEAT_HEAD.test(head.text) || !isCapitalized(tokens[head.from]!) || !isPlaceName(seat.text)) continue;
    // One word before the head belongs to the name: an adjective ("Medizinische Hochschule Hannover") or a name
    // ("Trinity College Dublin"), but not a word that starts the sentence.
    const before = units[u - 1];
    const joined =
      before !== undefined &&
      !CAPITALIZED_ARTICLES.has(before.text) &&
      (ADJECTIVE.test(before.text) || (isOrganizationWord(before) && !before.sentenceStart));
    const from = joined ? u - 1 : u;
    candidates.push({
      name: text.slice(units[from]!.start, seat.end),
      ...span(from, u + 2),
      origin: 'pattern',
      base: null,
    });
    u++;
  }

  // A stock ticker after a name makes it a company, as news agencies write them: "Huawei Technologies Co (HWT.UL)",
  // "China Unicom [0762.HK]".
  let unitEndingAt: Map<number, number> | null = null;
  for (const m of text.matchAll(TICKER)) {
    unitEndingAt ??= new Map(units.map((unit, i) => [unit.end, i]));
    let end = m.index;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    const u = unitEndingAt.get(end);
    if (u === undefined) continue;
    const from = nameRunBefore(units, u + 1);
    if (from <= u)
      candidates.push({
        name: text.slice(units[from]!.start, units[u]!.end),
        ...span(from, u + 1),
        origin: 'pattern',
        base: null,
      });
  }

  // 2. The gazetteer, capitalized as names are ("dpa" and "heise" only as the organizations write themselves), and
  // compromise's organizations.
  for (const match of GAZETTEER.findAll(tokens)) {
    const start = tokens[match.from]!.start;
    const end = tokens[match.to - 1]!.end;
    const surface = text.slice(start, end);
    // "000063.SZ", "HWT.UL": a part of a dotted code is no name.
    const before = tokens[match.from - 1];
    if (before?.text === '.' && before.end === start && tokens[match.from - 2]?.end === before.start) continue;
    const entry = match.payloads.find((p): p is OrganizationEntry => typeof p !== 'string');
    if (entry) {
      const names = [entry.name, ...(entry.forms ?? []), ...(entry.acronyms ?? [])];
      if (!isCapitalized(tokens[match.from]!) && !names.includes(surface)) continue;
      // A one-word name takes a genitive at most: "Spiegeln" is the noun, not "Spiegel".
      if (match.to - match.from === 1 && !names.some((n) => withGenitive(n).includes(surface.toLowerCase()))) continue;
      candidates.push({ name: entry.name, start, end, origin: 'gazetteer', base: null });
      continue;
    }
    const name = match.payloads[0] as string;
    // A short name ("BP", "LG") or one that is also a German word ("Amt", "Mobil") counts in capitals only.
    const capitalsOnly = name.length <= 3 || (!/\s/.test(name) && GERMAN_NOUN_FORMS.has(name));
    if (!isCapitalized(tokens[match.from]!) || (capitalsOnly && surface !== surface.toUpperCase())) continue;
    // Names take a genitive at most: "Astro" is no form of "Astros".
    if (!withGenitive(name).includes(surface.toLowerCase())) continue;
    // The name as the text writes it, without its genitive ("Cloudflares" → "Cloudflare").
    candidates.push({ name: surface.slice(0, name.length), start, end, origin: 'lexicon', base: null });
  }

  // Definitions: "Allianz für Sicherheit in der Wirtschaft (ASW)". A government body's definition is the agency
  // extractor's, and wins over this reading when the readings are resolved.
  for (const d of definitions) {
    // "National Defense Authorization Act (NDAA)", "Binding Operational Directive (BOD)": laws and documents.
    const head = tokens[d.longForm.to - 1]!.text;
    if (
      agencyAt(tokens[d.shortAt]!) ||
      DOCUMENT_HEADS.some((h) => head === h || (h === h.toLowerCase() && head.toLowerCase().endsWith(h)))
    )
      continue;
    let from = d.longForm.from;
    while (from < d.longForm.to && !isCapitalized(tokens[from]!)) from++;
    if (from >= d.longForm.to) continue;
    const start = tokens[from]!.start;
    const end = tokens[d.longForm.to - 1]!.end;
    candidates.push({ name: text.slice(start, end), start, end, origin: 'definition', base: null });
    const short = tokens[d.shortAt]!;
    candidates.push({
      name: text.slice(start, end),
      start: short.start,
      end: short.end,
      origin: 'definition',
      base: null,
    });
  }

  // Threat actors named the vendors' way: "Volt Typhoon", "Fancy Bear", "APT28".
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    if (isThreatActorDesignation(unit.form))
      candidates.push({ name: unit.text, ...span(u, u + 1), origin: 'pattern', base: null });
    else if (
      u > 0 &&
      isThreatActorFamily(unit.form) &&
      isOrganizationWord(units[u - 1]!) &&
      isNameWord(units[u - 1]!.form)
    ) {
      candidates.push({
        name: text.slice(units[u - 1]!.start, unit.end),
        ...span(u - 1, u + 1),
        origin: 'pattern',
        base: null,
      });
    }
  }

  // A head noun ends the name: "Leopold Stocker Verlag", "Relapse Records", "Lehmbruck-Museum", "Palo Alto Networks".
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const compound =
      unit.parts.length > 1 &&
      COMPOUND_HEADS.has(unit.parts[unit.parts.length - 1]!.text) &&
      isNameWord(unit.parts[0]!) &&
      !isCommonWord(unit.parts[0]!);
    if (!compound && !(isHeadNoun(unit.form) && !unit.sentenceStart)) continue;
    const from = compound ? u : nameRunBefore(units, u, 3);
    if (!compound && (from >= u || units.slice(from, u).every((x) => isCommonWord(x.form)))) continue;
    // Inside an agency's name ("Government Communications Headquarters"), the agency's reading stands.
    if (units.slice(from, u + 1).some((x) => agencyAt(tokens[x.from]!))) continue;
    candidates.push({
      name: text.slice(units[from]!.start, unit.end),
      ...span(from, u + 1),
      origin: 'pattern',
      base: null,
    });
  }

  // 3. A noun that introduces a name: "der Hersteller Kaspersky", "die Netzbetreiber Telekom und Vodafone",
  // "das Magazin „Paris-Match“".
  for (let u = 0; u < units.length - 1; u++) {
    const cue = units[u]!;
    if (!cue.word || !isCueNoun(cue.parts[cue.parts.length - 1]!)) continue;
    if (QUOTES.has(units[u + 1]!.text)) {
      const to = nameRunAfter(units, u + 2, 5);
      if (to > u + 2 && QUOTES.has(units[to]?.text ?? ''))
        candidates.push({
          name: text.slice(units[u + 2]!.start, units[to - 1]!.end),
          ...span(u + 2, to),
          origin: 'pattern',
          base: null,
        });
      continue;
    }
    let from = u + 1;
    while (from < units.length) {
      const to = nameRunAfter(units, from);
      if (to === from) break;
      const first = units[from]!;
      // German capitalizes nouns: "das Unternehmen Sicherheitslücken …" names nothing.
      const plausible = units
        .slice(from, to)
        .every((unit) => !(language === 'de' && GERMAN_NOUN_FORMS.has(unit.form.lower)) && !isCueNoun(unit.form));
      if (!plausible || first.sentenceStart) break;
      candidates.push({
        name: text.slice(first.start, units[to - 1]!.end),
        ...span(from, to),
        origin: 'pattern',
        base: null,
      });
      if (!(COORDINATORS.has(units[to]?.text ?? '') && units[to + 1] && isOrganizationWord(units[to + 1]!))) break;
      from = to + 1;
    }
  }

  return toFindings(text, tokens, candidates);
}

function toFindings(text: string, tokens: readonly Token[], candidates: Candidate[]): EntityFinding[] {
  // Longest first: "Kaspersky Lab, Inc." claims its characters before the gazetteer's "Kaspersky Lab".
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const claimed: Candidate[] = [];
  const coverage = new Coverage(text.length);
  for (const c of candidates) {
    if (!coverage.isFree(c.start, c.end)) continue;
    coverage.claim(c.start, c.end);
    claimed.push(c);
  }
  claimed.sort((a, b) => a.start - b.start);

  // Companies named with their legal form own the bare names they begin with.
  const legal = claimed.filter((c) => c.origin === 'legal-form');
  const owner = (c: Candidate): string => {
    if (c.origin === 'legal-form') return c.name;
    const mentioned = text.slice(c.start, c.end);
    const company = legal.find(
      (l) =>
        l.base !== null &&
        (l.base === mentioned ||
          l.base.startsWith(`${mentioned} `) ||
          l.base === c.name ||
          l.base.startsWith(`${c.name} `)),
    );
    return company?.name ?? c.name;
  };

  const findings = new Map<string, EntityFinding>();
  const mentionStarts = new Set<number>();
  const add = (name: string, origin: string, start: number, end: number) => {
    const key = organizationKey(name);
    let finding = findings.get(key);
    if (!finding) {
      finding = {
        key,
        type: 'organization',
        name,
        aliases: [],
        mentions: [],
        roles: [],
        affiliation: null,
        acronym: null,
        country: null,
        parent: null,
        origin,
      };
      findings.set(key, finding);
    }
    const mention: Mention = { start, end, text: text.slice(start, end) };
    if (mentionStarts.has(start)) return;
    mentionStarts.add(start);
    finding.mentions.push(mention);
  };
  for (const c of claimed) add(owner(c), c.origin, c.start, c.end);

  // Every further occurrence of a found name or base, and the first word of a longer company name ("Kaspersky").
  const forms = new Map<string, string>();
  for (const c of claimed) {
    const name = owner(c);
    forms.set(text.slice(c.start, c.end), name);
    if (c.base) forms.set(c.base, name);
    const first = tokenize(c.base ?? text.slice(c.start, c.end))[0];
    if (first && first.text.length >= 4 && !isCommonWord(first.form) && isCapitalized(first) && !forms.has(first.text))
      forms.set(first.text, name);
  }
  const matcher = new PhraseMatcher([...forms].map(([phrase, name]) => ({ phrase, payload: name, exact: true })));
  for (const match of matcher.findAll(tokens)) {
    const start = tokens[match.from]!.start;
    const end = tokens[match.to - 1]!.end;
    if (!coverage.isFree(start, end)) continue;
    add(match.payloads[0]!, 'pattern', start, end);
  }

  for (const finding of findings.values()) finding.mentions.sort((a, b) => a.start - b.start);
  return [...findings.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}
