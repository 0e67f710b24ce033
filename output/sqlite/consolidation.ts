import type { MergeCandidate } from '../../extractors/merge.js';
import type { StatementCandidate } from '../../extractors/statements.js';
import type { ConsolidationRules } from '../knowledge-base.js';
import { statementRows } from '../sql/rows.js';
import type { Database } from './database.js';

/**
 * Recomputes the knowledge-base level from the stored findings, in the caller's transaction: which entities are one
 * (entity_merges) and which quotes are one statement (statements). Both are functions of what is stored, so a
 * re-run, an import in another order or a resumed import agree. Quotes are read through `reader`, a second
 * connection to the same file where there is one: SQLite then reads the quotes and writes the statements at once,
 * on two threads. It sees what was committed before this transaction, which is all consolidation reads (the
 * merges decided here are passed to it).
 */
export async function consolidate(db: Database, rules: ConsolidationRules, reader: Database = db): Promise<void> {
  const rows = await db.all<{
    id: string;
    key: string;
    type: MergeCandidate['type'];
    name: string;
    acronym: string | null;
    country: string | null;
    origin: string;
    documents: number;
  }>(
    // Counted by the entity index alone (one row per document and entity): counting document_id read every row.
    `SELECT e.id, e.key, e.type, e.name, e.acronym, e.country, e.origin, COUNT(de.entity_id) AS documents
       FROM entities e LEFT JOIN document_entities de ON de.entity_id = e.id GROUP BY e.id`,
  );
  const links = rules.mergeEntities(rows.map((r) => ({ ...r, listed: rules.isListed(r) })));
  await db.exec('DELETE FROM entity_merges');
  await db.insertRows(
    'INSERT INTO entity_merges (entity_id, canonical_id, via_id, rule, evidence) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)',
    links.map((l) => [l.entityId, l.canonicalId, l.viaId, l.rule, l.evidence]),
  );

  const canonical = links.map((l) => [l.entityId, l.canonicalId]);
  await groupStatementsBySpeaker(db, reader, JSON.stringify(canonical), rules);
}

/**
 * Statements, one speaker at a time: quotes of two speakers are never one statement, so memory holds the quotes
 * of the most quoted speaker, not of the whole knowledge base (1.1 million quotes at 100,000 benchmark documents).
 * SQLite reads the next speaker's quotes and writes the last one's statements while this thread groups a speaker's
 * quotes: at most one read and one write are in flight, so memory holds three speakers' quotes at most.
 */
async function groupStatementsBySpeaker(
  db: Database,
  reader: Database,
  canonical: string,
  rules: ConsolidationRules,
): Promise<void> {
  // The tables are rebuilt whole: their secondary indexes are dropped and built again after the rows are in, one
  // sort each instead of a random insert per row (their definitions are read back, so migrations stay their owner).
  const indexes = await db.all<{ name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('statements', 'statement_quotes') AND sql IS NOT NULL",
  );
  await db.exec(`DELETE FROM statement_quotes; DELETE FROM statements; DROP TABLE IF EXISTS temp.statement_quotes_now;
                 ${indexes.map((i) => `DROP INDEX "${i.name}";`).join(' ')}
                 CREATE TEMP TABLE statement_quotes_now (quote_id TEXT NOT NULL, statement_id TEXT NOT NULL);`);
  // A quote's date is its document's, read from the signature table where there is one: reading it from documents
  // walks the overflow pages of the document's text first. Quotes are then read by rowid, speaker by speaker in
  // stored order: one B-tree search each, not two. Statement links are collected apart and go in in quote order at
  // the end: one append each to statement_quotes' key instead of a random insert (and no statement they name is
  // missing then, whatever order the writes ran in).
  await reader.exec('DROP TABLE IF EXISTS temp.quote_speakers_now');
  await reader.run(
    `CREATE TEMP TABLE quote_speakers_now AS
     SELECT q.rowid AS quote_rowid, q.id, COALESCE(m.canonical_id, q.speaker_entity_id) AS speaker,
            CASE WHEN sig.seq IS NOT NULL THEN sig.published ELSE (SELECT published FROM documents WHERE id = q.document_id) END AS published
     FROM quotes q LEFT JOIN (SELECT value->>0 AS entity_id, value->>1 AS canonical_id FROM json_each(?)) m ON m.entity_id = q.speaker_entity_id
     LEFT JOIN document_minhash sig ON sig.document_id = q.document_id`,
    [canonical],
  );
  await reader.exec('CREATE INDEX temp.quote_speakers_now_speaker ON quote_speakers_now(speaker, quote_rowid)');
  const speakers = await reader.all<{ speaker: string | null }>(
    'SELECT DISTINCT speaker FROM quote_speakers_now ORDER BY speaker',
  );
  // A request in flight is marked handled: its failure is thrown where it is awaited, not as an unhandled rejection
  // while the other one is.
  const inFlight = <T>(request: Promise<T>) => {
    request.catch(() => undefined);
    return request;
  };
  const quotesOf = (speaker: string | null) =>
    inFlight(
      reader.all<StatementCandidate & { speakerName: string | null }>(
        `SELECT q.id, q.text, q.kind, s.speaker AS speakerId, q.speaker_name AS speakerName, s.published
       FROM quote_speakers_now s JOIN quotes q ON q.rowid = s.quote_rowid WHERE s.speaker IS ? ORDER BY s.id`,
        [speaker],
      ),
    );
  const write = async (chunks: ReadonlyArray<{ statements: unknown[][]; statementQuotes: unknown[][] }>) => {
    for (const rows of chunks) {
      await db.insertRows(
        `INSERT INTO statements (id, text, kind, speaker_entity_id, speaker_name, first_published, sources)
         SELECT value->>0, value->>1, value->>2, value->>3, COALESCE((SELECT name FROM entities WHERE id = value->>3), value->>4), value->>5, value->>6 FROM json_each(?)`,
        rows.statements,
      );
      await db.insertRows(
        'INSERT INTO temp.statement_quotes_now (quote_id, statement_id) SELECT value->>0, value->>1 FROM json_each(?)',
        rows.statementQuotes,
      );
    }
  };
  let reading = speakers.length > 0 ? quotesOf(speakers[0]!.speaker) : null;
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let next = 1; reading; next++) {
      const quotes = await reading;
      reading = next < speakers.length ? quotesOf(speakers[next]!.speaker) : null;
      const chunks = [...statementRows(quotes, rules)];
      await writing;
      writing = inFlight(write(chunks));
    }
    await writing;
  } catch (error) {
    // The transaction rolls back only once neither request runs any more.
    await Promise.allSettled([reading, writing]);
    throw error;
  }
  await db.exec(`INSERT INTO statement_quotes (quote_id, statement_id)
                   SELECT quote_id, statement_id FROM temp.statement_quotes_now ORDER BY quote_id;
                 DROP TABLE temp.statement_quotes_now; ${indexes.map((i) => `${i.sql};`).join(' ')}`);
  await reader.exec('DROP TABLE temp.quote_speakers_now');
}
