-- An import ended by Ctrl-C or a termination signal is `interrupted` (its committed batches stay; a re-run resumes),
-- not `failed`. SQLite cannot change a CHECK constraint in place, so the table is rebuilt: migrations run with foreign
-- keys off and are checked (PRAGMA foreign_key_check) before they commit.
CREATE TABLE import_runs_new (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
  arguments     TEXT NOT NULL,            -- JSON array of the import arguments
  tool_version  TEXT NOT NULL
);
INSERT INTO import_runs_new (id, started_at, finished_at, status, arguments, tool_version)
  SELECT id, started_at, finished_at, status, arguments, tool_version FROM import_runs;
DROP TABLE import_runs;
ALTER TABLE import_runs_new RENAME TO import_runs;
