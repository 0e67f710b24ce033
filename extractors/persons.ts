import type { EntityFinding, Mention } from './entities.js';
import { Coverage, firstStartingAt } from './coverage.js';
import { ARTICLES, LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import { ENGLISH_WORDS, isCommonWord, isFirstName, isLikelyName } from './lexicons.js';
import type { Token, TokenRange, WordForm } from './phrases.js';
import { isNameWord, toUnits, type Unit } from './units.js';
import { wordPredicate } from './word-memo.js';

/**
 * Persons. German capitalizes every noun, so a capitalized run is evidence of nothing; a name needs one of:
 * - a known given name (first-name lexicons) followed by surname units ("Gina Raimondo", "Alejandro N. Mayorkas");
 * - a role or title right before it ("Handelsministerin …", "CISA Director …", "Sprecherin Mao Ning") or an
 *   honorific ("Frau Raimondo", "Mr. Martin"), with units that are not ordinary words of either language.
 * Later short mentions (the surname alone, "Frau Raimondo", "Raimondos") resolve to the full name in the document.
 * Roles come from the role phrase before the name or an apposition after it; the affiliation is the agency or
 * organization named inside that phrase ("Technical Director des NCSC" → NCSC).
 */

const WORDS = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code].persons.PERSON_WORDS);
const SPEECH_VERBS = new Set(PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].speech.SPEECH_WORDS.verbs));
const ROMAN_NUMERAL = /^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$/;
const HONORIFICS = new Set(WORDS.flatMap((w) => w.honorifics));
const KINSHIP_NOUNS = new Set(WORDS.flatMap((w) => w.kinshipNouns));
/** Compared in lowercase: English writes roles in lowercase before names ("spokeswoman Mao Ning"). */
const ROLES = new Set(WORDS.flatMap((w) => w.roles).map((r) => r.toLowerCase()));
const ROLE_SUFFIXES = WORDS.flatMap((w) => w.roleSuffixes);
const ROLE_LINKS = new Set(WORDS.flatMap((w) => w.roleLinks));
const PARTICLES = new Set(WORDS.flatMap((w) => w.particles));
const NOT_NAMES = new Set(WORDS.flatMap((w) => w.notNames));
const ARTICLE_WORDS = new Set(ARTICLES);

/** A role noun: listed ("Minister"), or a capitalized compound ending in one ("Bundesinnenministerin"). */
const isRoleWord = wordPredicate(
  ({ lower, capitalized }: WordForm) =>
    ROLES.has(lower) ||
    (capitalized && ROLE_SUFFIXES.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length + 2)),
);

/** A unit that names a role: "Präsidentin", "Handelsministerin", "BSI-Präsident", "Secretary". */
export function isRoleUnit(unit: Unit): boolean {
  return unit.word && isRoleWord(unit.parts[unit.parts.length - 1]!);
}

/** "Cyber- und Informationssicherheit": the first half of a shortened compound is no name. */
const truncated = (units: readonly Unit[], u: number) =>
  units[u + 1]?.text === '-' && units[u + 1]!.start === units[u]!.end;

/** Listed as no name, or an honorific ("Frau", "Dr"): kept on the word's record, as every name-shaped unit asks. */
const isListedNonName = wordPredicate(({ text }: WordForm) => NOT_NAMES.has(text) || HONORIFICS.has(text));

const isNameUnit = (unit: Unit) =>
  unit.word && !unit.initial && unit.parts.every(isNameWord) && !isListedNonName(unit.form) && !isRoleUnit(unit);
/** "Gina", "Hans-Georg"; not "Court-Authorized", whose second part is no name. */
const isGivenName = (unit: Unit) => isNameUnit(unit) && unit.parts.every(isFirstName);

/** A role phrase ending right before unit `u` ("US-Handelsministerin", "Secretary of Commerce", "CISA Director"). */
function roleBefore(units: readonly Unit[], u: number): TokenRange | null {
  let roleAt = -1;
  // "der Vizepräsident des Bundesamtes für Verfassungsschutz (BfV), Sinan Selen": the role, then a comma.
  const end = units[u - 1]?.text === ',' ? u - 1 : u;
  for (let k = end - 1; k >= 0 && end - k <= 8; k--) {
    const unit = units[k]!;
    if (isRoleUnit(unit)) {
      roleAt = k;
      if (unit.sentenceStart) break;
      continue;
    }
    const linking =
      (unit.word && (/^\p{Lu}/u.test(unit.text) || ROLE_LINKS.has(unit.text))) ||
      unit.text === '(' ||
      unit.text === ')';
    if (!linking || unit.sentenceStart) break;
  }
  if (roleAt < 0) return null;
  if (end < u) return { from: roleAt, to: end };
  // Modifiers before the role word: "Commerce Secretary", "US Deputy Secretary", "CISA Director".
  let from = roleAt;
  while (
    from > 0 &&
    u - from < 6 &&
    units[from - 1]!.word &&
    /^\p{Lu}/u.test(units[from - 1]!.text) &&
    !units[from]!.sentenceStart &&
    !NOT_NAMES.has(units[from - 1]!.text)
  )
    from--;
  return { from, to: u };
}

function honorificBefore(units: readonly Unit[], u: number): boolean {
  const previous = units[u - 1];
  // A kinship noun cues a name as an honorific does: "Brians Sohn Murchad", "ihre Tante Cilli".
  if (previous && (HONORIFICS.has(previous.text) || KINSHIP_NOUNS.has(previous.text))) return true;
  return previous?.text === '.' && units[u - 2] !== undefined && HONORIFICS.has(units[u - 2]!.text);
}

/** An apposition after the name that states a role: ", Technical Director des NCSC," / ", the agency's director,". */
function roleAfter(units: readonly Unit[], end: number): TokenRange | null {
  if (units[end]?.text !== ',') return null;
  let k = end + 1;
  const from = k;
  let hasRole = false;
  for (; k < units.length && k - from < 12; k++) {
    const unit = units[k]!;
    if (unit.text === ',' || unit.text === ';' || unit.text === '.' || unit.text === '(' || unit.sentenceStart) break;
    if (k - from < 5 && isRoleUnit(unit)) hasRole = true;
  }
  return hasRole && k > from ? { from, to: k } : null;
}

interface FoundPerson {
  /** Units of the full name. */
  span: TokenRange;
  units: Unit[];
  roles: TokenRange[];
}

/** `affiliations`: agency and organization findings of the document, for the body a role phrase names. */
export function extractPersons(
  text: string,
  tokens: readonly Token[],
  affiliations: readonly EntityFinding[] = [],
): EntityFinding[] {
  const units = toUnits(text, tokens);
  const bodyText = new Coverage(text.length);
  for (const body of affiliations) for (const m of body.mentions) bodyText.claim(m.start, m.end);
  const found: FoundPerson[] = [];
  const covered = new Set<number>();

  for (let u = 0; u < units.length; u++) {
    if (covered.has(u) || !isNameUnit(units[u]!) || truncated(units, u)) continue;
    // A name does not begin inside an agency or organization already found ("Kaspersky Lab Leadership").
    if (!bodyText.isFree(units[u]!.start, units[u]!.end)) continue;
    const role = roleBefore(units, u);
    // "Director for Cybersecurity at CISA": after a role's link word comes the role's domain, not a name.
    if (role && units[u - 1] && ROLE_LINKS.has(units[u - 1]!.text) && !isGivenName(units[u]!)) continue;
    // "sagte Dobrindt", "so Hirsch", "said Smith": a speech verb right before introduces its speaker.
    // Not before a role ("said Commerce Secretary Gina Raimondo": the role cue finds her).
    const honorific =
      honorificBefore(units, u) ||
      (SPEECH_VERBS.has(units[u - 1]?.text ?? '') && !(units[u + 1] && isRoleUnit(units[u + 1]!)));
    const given = isGivenName(units[u]!);
    // A likely name (census lists) counts as a given name only before a word that is no ordinary word: "Volker
    // Wissing".
    const likely =
      !given &&
      isLikelyName(units[u]!.form) &&
      !units[u]!.sentenceStart &&
      units[u + 1] !== undefined &&
      isNameUnit(units[u + 1]!) &&
      !isCommonWord(units[u + 1]!.form);
    if (!given && !likely && !role && !honorific) continue;

    let last = u;
    for (let v = u + 1; v < units.length && v - u < 5; v++) {
      const next = units[v]!;
      if (next.sentenceStart) break;
      if (next.initial || isNameUnit(next)) last = v;
      // "Joseph II.": a regnal number ends the name.
      else if (ROMAN_NUMERAL.test(next.text) && units[v + 1]?.text === '.' && units[v + 1]!.start === next.end) {
        last = v + 1;
        break;
      }
      // "Elaine Duke", "Karl Richter": a role word right after a given name, ending the name, is a surname.
      else if (given && v === u + 1 && isRoleUnit(next) && !(units[v + 1] && isNameUnit(units[v + 1]!))) {
        last = v;
        break;
      } else if (!(PARTICLES.has(next.text) && units[v + 1] && isNameUnit(units[v + 1]!))) break;
    }
    if (!given && !likely) {
      // A role phrase running on into the name ("Secretary of Homeland Security Elaine Duke"): start at the given name.
      const at = units.slice(u + 1, last + 1).findIndex(isGivenName);
      if (at >= 0) {
        u += at;
        continue;
      }
    }
    const nameUnits = units.slice(u, last + 1).filter((unit) => unit.text !== '.');
    const surname = nameUnits[nameUnits.length - 1]!;
    const words = nameUnits.filter((unit) => !unit.initial && !ROMAN_NUMERAL.test(unit.text));
    // Weaker evidence, shorter reach: a likely name starts only a two-word name ("Volker Wissing", not "National
    // Defense Authorization Act").
    if (likely && !given && !role && !honorific && nameUnits.length !== 2) continue;
    if ((given || likely) && nameUnits.length >= 2) {
      // "Will Russia …", "Mark Monday": a given name that is also a word, at a sentence start or before a word.
      if (
        isCommonWord(units[u]!.form) &&
        (units[u]!.sentenceStart || isCommonWord(surname.form)) &&
        !role &&
        !honorific
      )
        continue;
      // A title-case headline ("Court Authorized Operation Removed Malware"), not a name.
      if (words.length >= 3 && words.slice(1).filter((unit) => ENGLISH_WORDS.has(unit.form.lower)).length >= 2)
        continue;
    } else {
      // Cue only: "Sprecherin Mao Ning", "Vizepräsident …, Sinan Selen", "Präsident Putin"; the first (or only) unit
      // must be unlike an ordinary word.
      if (!role && !honorific) continue;
      if (isCommonWord(words[0]!.form)) continue;
    }
    const roles: TokenRange[] = [];
    if (role) roles.push(role);
    const after = roleAfter(units, last + 1);
    if (after) roles.push(after);
    found.push({ span: { from: u, to: last + 1 }, units: nameUnits, roles });
    for (let k = u; k <= last; k++) covered.add(k);
    u = last;
  }

  return toFindings(text, units, found, covered, affiliations);
}

const personKey = (name: string) => `person:${name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ')}`;

function roleText(text: string, units: readonly Unit[], span: TokenRange): string {
  let from = span.from;
  while (from < span.to - 1 && ARTICLE_WORDS.has(units[from]!.form.lower)) from++;
  return text.slice(units[from]!.start, units[span.to - 1]!.end).replace(/\s+/g, ' ');
}

function toFindings(
  text: string,
  units: readonly Unit[],
  found: FoundPerson[],
  covered: Set<number>,
  affiliations: readonly EntityFinding[],
): EntityFinding[] {
  // One entity per full name; a single-unit name joins the full name whose surname it is.
  const full = found.filter((p) => p.units.length >= 2);
  const bySurname = new Map<string, FoundPerson[]>();
  for (const person of full) {
    const surname = person.units[person.units.length - 1]!.text;
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), person]);
  }
  const nameOf = (person: FoundPerson) =>
    text.slice(person.units[0]!.start, person.units[person.units.length - 1]!.end).replace(/\s+/g, ' ');
  const resolve = (surname: string, at: number): FoundPerson | undefined => {
    const candidates = bySurname.get(surname) ?? bySurname.get(surname.replace(/(?:s|’s|'s)$/, ''));
    if (!candidates) return undefined;
    // Two people of one surname: the nearest full mention before, else the first.
    return [...candidates].reverse().find((p) => p.units[0]!.start < at) ?? candidates[0];
  };

  const findings = new Map<string, EntityFinding>();
  const entityOf = (person: FoundPerson): EntityFinding => {
    const name = nameOf(person);
    const key = personKey(name);
    let finding = findings.get(key);
    if (!finding) {
      finding = {
        key,
        type: 'person',
        name,
        aliases: [],
        mentions: [],
        roles: [],
        affiliation: null,
        acronym: null,
        country: null,
        parent: null,
        origin: 'lexicon',
      };
      findings.set(key, finding);
    }
    return finding;
  };
  const addMention = (finding: EntityFinding, start: number, end: number) => {
    const mention: Mention = { start, end, text: text.slice(start, end) };
    finding.mentions.push(mention);
    if (mention.text !== finding.name && !finding.aliases.includes(mention.text)) finding.aliases.push(mention.text);
  };

  // The body named inside a role phrase: the first agency or organization mention within it, by binary search.
  const bodies = affiliations
    .flatMap((a) => a.mentions.map((m) => ({ ...m, key: a.key })))
    .sort((a, b) => a.start - b.start);
  const bodyWithin = (start: number, end: number): string | null => {
    for (let i = firstStartingAt(bodies, start); i < bodies.length && bodies[i]!.start < end; i++)
      if (bodies[i]!.end <= end) return bodies[i]!.key;
    return null;
  };

  for (const person of found) {
    const owner = person.units.length >= 2 ? person : resolve(person.units[0]!.text, person.units[0]!.start);
    const finding = owner ? entityOf(owner) : entityOf(person);
    if (!owner) finding.origin = 'pattern';
    addMention(finding, person.units[0]!.start, person.units[person.units.length - 1]!.end);
    for (const span of person.roles) {
      const role = roleText(text, units, span);
      if (!finding.roles.includes(role)) finding.roles.push(role);
      const start = units[span.from]!.start;
      const end = units[span.to - 1]!.end;
      finding.affiliation ??= bodyWithin(start, end);
    }
  }

  // Short mentions elsewhere: the surname alone, or with a genitive s.
  for (let u = 0; u < units.length; u++) {
    if (covered.has(u) || !units[u]!.word) continue;
    const owner = resolve(units[u]!.text, units[u]!.start);
    if (owner && isNameWord(units[u]!.form)) addMention(entityOf(owner), units[u]!.start, units[u]!.end);
  }

  for (const finding of findings.values()) finding.mentions.sort((a, b) => a.start - b.start);
  return [...findings.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}
