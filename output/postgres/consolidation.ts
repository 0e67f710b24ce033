import type { MergeCandidate } from '../../extractors/merge.js';
import type { StatementCandidate } from '../../extractors/statements.js';
import type { ConsolidationRules } from '../knowledge-base.js';
import { speakerGroups, statementRows } from '../sql/rows.js';
import type { PgClient } from './connection.js';

/** Quotes a consolidation reads at once (more when one speaker has more). */
const QUOTES_PER_READ = 20_000;

/**
 * Recomputes the knowledge-base level from the stored findings, in the caller's transaction: which entities are one
 * (entity_merges) and which quotes are one statement (statements). Both are functions of what is stored, so running
 * it twice, or after workers stored documents in any order, gives the same result. Consolidations take turns (an
 * advisory lock); readers see the previous level until this one commits.
 */
export async function consolidate(tx: PgClient, rules: ConsolidationRules): Promise<void> {
  await tx.run("SELECT pg_advisory_xact_lock(hashtext('advisory-kb consolidation'))");
  const rows = await tx.all<{
    id: string;
    key: string;
    type: MergeCandidate['type'];
    name: string;
    acronym: string | null;
    country: string | null;
    origin: string;
    documents: number;
  }>(
    `SELECT e.id, e.key, e.type, e.name, e.acronym, e.country, e.origin, COUNT(de.entity_id) AS documents
     FROM entities e LEFT JOIN document_entities de ON de.entity_id = e.id GROUP BY e.id ORDER BY e.id`,
  );
  const links = rules.mergeEntities(rows.map((r) => ({ ...r, listed: rules.isListed(r) })));
  await tx.exec('DELETE FROM statement_quotes; DELETE FROM statements; DELETE FROM entity_merges');
  await tx.insertRows(
    `INSERT INTO entity_merges (entity_id, canonical_id, via_id, rule, evidence)
     SELECT v->>0, v->>1, v->>2, v->>3, v->>4 FROM jsonb_array_elements($1::jsonb) v`,
    links.map((l) => [l.entityId, l.canonicalId, l.viaId, l.rule, l.evidence]),
  );
  // Speakers a group at a time (speakerGroups): quotes of two speakers are never one statement, so memory holds a
  // group's quotes, not the whole knowledge base's, in few round trips.
  await tx.exec(`CREATE TEMP TABLE quote_speakers_now ON COMMIT DROP AS
                 SELECT q.id, COALESCE(m.canonical_id, q.speaker_entity_id) AS speaker, d.published
                 FROM quotes q JOIN documents d ON d.id = q.document_id LEFT JOIN entity_merges m ON m.entity_id = q.speaker_entity_id;
                 CREATE INDEX ON quote_speakers_now (speaker, id)`);
  const speakers = await tx.all<{ speaker: string | null; quotes: number }>(
    'SELECT speaker, COUNT(*)::int AS quotes FROM quote_speakers_now GROUP BY speaker ORDER BY speaker',
  );
  for (const group of speakerGroups(speakers, QUOTES_PER_READ)) {
    const named = group.flatMap((s) => (s.speaker === null ? [] : [s.speaker]));
    const quotes = await tx.all<StatementCandidate & { speakerName: string | null }>(
      `SELECT q.id, q.text, q.kind, s.speaker AS "speakerId", q.speaker_name AS "speakerName", s.published
       FROM quote_speakers_now s JOIN quotes q ON q.id = s.id
       WHERE s.speaker = ANY(?::text[])${named.length < group.length ? ' OR s.speaker IS NULL' : ''}
       ORDER BY s.speaker, s.id`,
      [named],
    );
    for (const rows of statementRows(quotes, rules)) {
      await tx.insertRows(
        `INSERT INTO statements (id, text, kind, speaker_entity_id, speaker_name, first_published, sources)
         SELECT v->>0, v->>1, v->>2, v->>3, COALESCE((SELECT name FROM entities WHERE id = v->>3), v->>4), v->>5, (v->>6)::int
         FROM jsonb_array_elements($1::jsonb) v`,
        rows.statements,
      );
      await tx.insertRows(
        `INSERT INTO statement_quotes (quote_id, statement_id) SELECT v->>0, v->>1 FROM jsonb_array_elements($1::jsonb) v`,
        rows.statementQuotes,
      );
    }
  }
}
