import type { Span } from '../corpus/document.js';
import { Coverage } from './coverage.js';

/** The kinds of entity the extractors find, in the order reports list them. */
export const ENTITY_TYPES = ['agency', 'person', 'organization', 'location'] as const;
/** One kind of entity. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A stretch of the document's text that names something; `text` equals the slice. */
export interface Mention extends Span {
  text: string;
}

/** One entity as found in one document; `key` identifies it across the knowledge base. */
export interface EntityFinding {
  key: string;
  type: EntityType;
  name: string;
  aliases: string[];
  mentions: Mention[];
  roles: string[];
  /** `key` of the agency or organization the person speaks or acts for. */
  affiliation: string | null;
  acronym: string | null;
  country: string | null;
  /** `key` of the parent body (agencies). */
  parent: string | null;
  /** How the entity was found: `gazetteer`, `definition`, `pattern`, `lexicon`, ... */
  origin: string;
  /** Its names in the gazetteer's other languages, which the document need not use: the knowledge base's aliases. */
  otherNames?: string[];
}

/**
 * Which reading wins when two extractors claim the same characters with spans of equal length: a name from a list
 * (gazetteer, lexicon, definition) before one inferred from its context alone ("Frau Frankreichs" is no person), then
 * the more specific type.
 */
const PRIORITY: Record<EntityType, number> = { agency: 0, organization: 1, person: 2, location: 3 };
const rank = (entity: EntityFinding) => (entity.origin === 'pattern' ? 10 : 0) + PRIORITY[entity.type];

/**
 * One reading per stretch of text: where mentions of different entities overlap, the longer span wins
 * ("Hasso-Plattner-Institut" over a person, "Verbraucherzentrale Nordrhein-Westfalen" over the region), then the
 * more specific type. Entities left without mentions are dropped; aliases are the surface forms that remain.
 */
export function resolveEntities(groups: readonly (readonly EntityFinding[])[]): EntityFinding[] {
  const claims = groups
    .flat()
    .flatMap((entity) => entity.mentions.map((mention) => ({ entity, mention })))
    .sort(
      (a, b) =>
        b.mention.end - b.mention.start - (a.mention.end - a.mention.start) ||
        rank(a.entity) - rank(b.entity) ||
        a.mention.start - b.mention.start,
    );
  const taken = new Coverage(claims.reduce((max, c) => Math.max(max, c.mention.end), 0));
  const kept = new Map<EntityFinding, EntityFinding>();
  for (const { entity, mention } of claims) {
    if (!taken.isFree(mention.start, mention.end)) continue;
    taken.claim(mention.start, mention.end);
    let copy = kept.get(entity);
    if (!copy) {
      copy = { ...entity, aliases: [], mentions: [] };
      kept.set(entity, copy);
    }
    copy.mentions.push(mention);
  }
  const result = [...kept.values()];
  // An affiliation names a body of the document: one whose every mention another reading won is gone, and so is
  // the affiliation to it ("Anna Meier, Chefin der Partei Hongkongs": the place won the party's words).
  const keys = new Set(result.map((entity) => entity.key));
  for (const entity of result) {
    if (entity.affiliation !== null && !keys.has(entity.affiliation)) entity.affiliation = null;
    entity.mentions.sort((a, b) => a.start - b.start);
    entity.aliases = [...new Set(entity.mentions.map((m) => m.text.replace(/\s+/g, ' ')))].filter(
      (alias) => alias !== entity.name,
    );
  }
  return result.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start || a.key.localeCompare(b.key));
}
