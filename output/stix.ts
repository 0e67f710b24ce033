import { v5 as uuidv5 } from 'uuid';
import { entityId } from '../corpus/ids.js';
import type { KnowledgeBaseReader } from './knowledge-base.js';
import type { ExportRecord, ImportRun, KnowledgeBaseEntity, StatementRow } from './records.js';

/**
 * The knowledge base as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP): documents are reports,
 * agencies, organizations and persons identities, places locations, statements notes, affiliations and parent bodies
 * relationships. Ids are UUIDv5 of the knowledge-base ids, so exporting the same base again gives the same objects
 * and a platform updates them instead of adding copies.
 */

/** The namespace of every id this project derives (a fixed UUIDv4, chosen once). */
const NAMESPACE = '5b1f7c2e-8a43-4d6e-9f0a-3c2d1e7b9a64';

/** What the bundle takes from the gazetteer; the caller passes it in, since output/ runs no extractor code. */
export interface StixGazetteer {
  /** Decimal degrees of a city; null for any other place. */
  cityCoordinates(name: string, country: string): { latitude: number; longitude: number } | null;
  countryName(code: string): string;
  /** The entity key of a country as a place. */
  countryKey(code: string): string;
}

export interface StixObject {
  type: string;
  id: string;
  [property: string]: unknown;
}

const stixId = (type: string, knowledgeBaseId: string) => `${type}--${uuidv5(knowledgeBaseId, NAMESPACE)}`;

/** The program that made every object: their `created_by_ref`. */
const CREATOR = stixId('identity', 'advisory-kb');

/** `created` is the first import, `modified` the latest finished one: a re-export after a new import updates. */
function objectTimes(runs: readonly ImportRun[]): { created: string; modified: string } {
  const now = new Date().toISOString();
  const created = runs[0]?.startedAt ?? now;
  const modified = runs.findLast((r) => r.finishedAt !== null)?.finishedAt ?? runs.at(-1)?.startedAt ?? now;
  return { created, modified: modified < created ? created : modified };
}

/** A date of the knowledge base (YYYY, YYYY-MM or YYYY-MM-DD) as the STIX timestamp of its first moment. */
const timestamp = (date: string) => `${date}${['-01-01', '-01', ''][date.split('-').length - 1]}T00:00:00.000Z`;

function entityObject(
  entity: KnowledgeBaseEntity,
  gazetteer: StixGazetteer,
  common: Record<string, unknown>,
): StixObject | null {
  const names = [...new Set([...(entity.acronym ? [entity.acronym] : []), ...entity.aliases])].filter(
    (name) => name !== entity.name,
  );
  // OpenCTI's property for other names: STIX 2.1 has none for identities and locations.
  const aliases = names.length > 0 ? { x_opencti_aliases: names } : {};
  if (entity.type === 'location') {
    // STIX needs a country, a region or coordinates; a place the gazetteer gives none of is left out.
    if (!entity.country) return null;
    const coordinates = gazetteer.cityCoordinates(entity.name, entity.country);
    return {
      type: 'location',
      id: stixId('location', entity.id),
      ...common,
      name: entity.name,
      country: entity.country,
      ...(coordinates ?? {}),
      ...aliases,
    };
  }
  return {
    type: 'identity',
    id: stixId('identity', entity.id),
    ...common,
    name: entity.name,
    identity_class: entity.type === 'person' ? 'individual' : 'organization',
    ...(entity.type === 'agency' ? { sectors: ['government'] } : {}),
    ...(entity.roles.length > 0 ? { roles: entity.roles } : {}),
    ...aliases,
  };
}

function reportObject(record: ExportRecord, refs: string[], common: Record<string, unknown>): StixObject {
  return {
    type: 'report',
    id: stixId('report', record.id),
    ...common,
    name: record.title ?? record.source.path,
    published: record.published ? timestamp(record.published.value) : common['created'],
    // A report must refer to something: one without findings refers to the program that read it.
    object_refs: refs.length > 0 ? refs : [CREATOR],
    external_references: record.sources.map((source) => ({
      source_name: 'advisory-kb',
      description: source.record === null ? source.path : `${source.path}, record ${source.record}`,
      external_id: record.id,
      hashes: { 'SHA-256': source.sha256 },
    })),
    ...(record.language.code === 'und' ? {} : { lang: record.language.code }),
  };
}

function noteObject(statement: StatementRow, emitted: ReadonlySet<string>, common: Record<string, unknown>) {
  const speaker = statement.speaker.entityId ? stixId('identity', statement.speaker.entityId) : null;
  const reports = [...new Set(statement.sources.map((s) => stixId('report', s.documentId)))].sort();
  return {
    type: 'note',
    id: stixId('note', statement.id),
    ...common,
    abstract: `${statement.kind === 'direct' ? 'Quote' : 'Reported speech'}${statement.speaker.name ? ` of ${statement.speaker.name}` : ''}`,
    content: statement.text,
    ...(statement.speaker.name ? { authors: [statement.speaker.name] } : {}),
    object_refs: [...(speaker && emitted.has(speaker) ? [speaker] : []), ...reports],
    labels: [statement.kind === 'direct' ? 'direct-quote' : 'indirect-quote'],
  };
}

/**
 * Every object of the bundle in a fixed order (the creator; entities, then the countries agencies sit in; reports;
 * relationships; notes), each list in id order. Memory holds ids only, never documents.
 */
export async function* stixObjects(reader: KnowledgeBaseReader, gazetteer: StixGazetteer): AsyncGenerator<StixObject> {
  const times = objectTimes(await reader.runs());
  yield { type: 'identity', id: CREATOR, spec_version: '2.1', ...times, name: 'advisory-kb', identity_class: 'system' };
  const common = { spec_version: '2.1', ...times, created_by_ref: CREATOR };

  const emitted = new Set<string>();
  const relationships = new Map<string, StixObject>();
  const relate = (source: string, type: 'part-of' | 'located-at' | 'duplicate-of', target: string) => {
    const id = stixId('relationship', `${source} ${type} ${target}`);
    relationships.set(id, {
      type: 'relationship',
      id,
      ...common,
      relationship_type: type,
      source_ref: source,
      target_ref: target,
    });
  };
  const agencyCountries = new Map<string, string>();
  for await (const entity of reader.exportEntities()) {
    const object = entityObject(entity, gazetteer, common);
    if (!object) continue;
    emitted.add(object.id);
    yield object;
    if (entity.parent) relate(object.id, 'part-of', stixId('identity', entity.parent));
    if (entity.type === 'agency' && entity.country) agencyCountries.set(object.id, entity.country);
  }
  for (const [agency, country] of [...agencyCountries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const place = stixId('location', entityId(gazetteer.countryKey(country)));
    if (!emitted.has(place)) {
      emitted.add(place);
      yield { type: 'location', id: place, ...common, name: gazetteer.countryName(country), country };
    }
    relate(agency, 'located-at', place);
  }

  for await (const record of reader.exportRecords()) {
    const refs = record.entities
      .map((e) => stixId(e.type === 'location' ? 'location' : 'identity', e.id))
      .filter((id) => emitted.has(id));
    const report = reportObject(record, [...new Set(refs)].sort(), common);
    emitted.add(report.id);
    yield report;
    if (record.duplicateOf) relate(report.id, 'duplicate-of', stixId('report', record.duplicateOf));
    for (const person of record.entities)
      if (person.type === 'person' && person.affiliation)
        relate(stixId('identity', person.id), 'part-of', stixId('identity', person.affiliation));
  }

  for (const id of [...relationships.keys()].sort()) {
    const relationship = relationships.get(id)!;
    if (emitted.has(relationship['source_ref'] as string) && emitted.has(relationship['target_ref'] as string))
      yield relationship;
  }
  for await (const statement of reader.exportStatements()) yield noteObject(statement, emitted, common);
}

/** The bundle's id: the same knowledge-base state gives the same id. */
export async function stixBundleId(reader: KnowledgeBaseReader): Promise<string> {
  const { modified } = objectTimes(await reader.runs());
  return stixId('bundle', `bundle ${modified}`);
}
