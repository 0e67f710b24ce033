import type { KnowledgeBaseCounts } from '../knowledge-base.js';
import type { ImportRun } from '../records.js';
import type { SqlConnection } from './connection.js';

/** Counts of what is stored, for the import summary and `stats`. */
export async function countKnowledgeBase(db: SqlConnection): Promise<KnowledgeBaseCounts> {
  const count = async (sql: string) => (await db.get<{ n: number }>(sql))?.n ?? 0;
  const grouped = async (sql: string) =>
    Object.fromEntries((await db.all<{ k: string; n: number }>(sql)).map((r) => [r.k, r.n]));
  return {
    documents: await count('SELECT COUNT(*) AS n FROM documents'),
    documentsByLanguage: await grouped(
      'SELECT language AS k, COUNT(*) AS n FROM documents GROUP BY language ORDER BY language',
    ),
    entitiesByType: await grouped(
      'SELECT type AS k, COUNT(*) AS n FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_merges m WHERE m.entity_id = e.id) GROUP BY type ORDER BY type',
    ),
    mergedEntities: await count('SELECT COUNT(*) AS n FROM entity_merges'),
    mentions: await count('SELECT COUNT(*) AS n FROM mentions'),
    dates: await count('SELECT COUNT(*) AS n FROM dates'),
    quotes: await count('SELECT COUNT(*) AS n FROM quotes'),
    statements: await count('SELECT COUNT(*) AS n FROM statements'),
    exactDuplicateSources: await count('SELECT COUNT(*) - COUNT(DISTINCT document_id) AS n FROM document_sources'),
    nearDuplicates: await count('SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL'),
    skippedByReason: await grouped(
      `SELECT COALESCE(reason, status) AS k, COUNT(*) AS n FROM file_outcomes f
       WHERE status IN ('skipped', 'failed') AND run_id = (SELECT MAX(run_id) FROM file_outcomes g WHERE g.path = f.path AND g.record = f.record)
       GROUP BY k ORDER BY k`,
    ),
  };
}

/** The imports, oldest first. */
export async function listRuns(db: SqlConnection): Promise<ImportRun[]> {
  const rows = await db.all<{
    id: number;
    started_at: string;
    finished_at: string | null;
    status: ImportRun['status'];
    arguments: string;
    tool_version: string;
  }>('SELECT id, started_at, finished_at, status, arguments, tool_version FROM import_runs ORDER BY id');
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    arguments: JSON.parse(r.arguments) as string[],
    toolVersion: r.tool_version,
  }));
}
