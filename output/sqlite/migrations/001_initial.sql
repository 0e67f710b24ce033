-- advisory-kb knowledge base, schema version 1. Every offset (start, "end") is a UTF-16 index into documents.text.

CREATE TABLE import_runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  arguments     TEXT NOT NULL,            -- JSON array of the import arguments
  tool_version  TEXT NOT NULL
);

CREATE TABLE documents (
  id                  TEXT PRIMARY KEY,   -- doc_ + sha256 of text
  text                TEXT NOT NULL,      -- normalized plain text (NFC, one kind of space, \n line breaks)
  title               TEXT,
  language            TEXT NOT NULL CHECK (language IN ('de', 'en', 'und')),
  language_confidence REAL NOT NULL,
  published           TEXT,               -- YYYY, YYYY-MM or YYYY-MM-DD
  published_source    TEXT CHECK (published_source IN ('metadata', 'header', 'text')),
  declared_language   TEXT,               -- as the source's metadata states it
  url                 TEXT,
  duplicate_of        TEXT REFERENCES documents(id),
  duplicate_similarity REAL,
  first_run_id        INTEGER NOT NULL REFERENCES import_runs(id),
  messages            TEXT NOT NULL DEFAULT '[]' -- JSON array of stage messages
);
CREATE INDEX documents_language ON documents(language);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- Every file (or record of a JSON/JSONL file) a document was found in; exact duplicates add rows here only.
CREATE TABLE document_sources (
  document_id TEXT NOT NULL REFERENCES documents(id),
  path        TEXT NOT NULL,
  record      INTEGER NOT NULL DEFAULT 0, -- 1-based record/line number; 0 for single-document files
  sha256      TEXT NOT NULL,              -- of the raw file bytes
  format      TEXT NOT NULL CHECK (format IN ('text', 'html', 'markdown', 'json')),
  encoding    TEXT NOT NULL,
  run_id      INTEGER NOT NULL REFERENCES import_runs(id),
  PRIMARY KEY (path, sha256, record)
);
CREATE INDEX document_sources_document ON document_sources(document_id);

CREATE TABLE paragraphs (
  document_id TEXT NOT NULL REFERENCES documents(id),
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  language    TEXT NOT NULL,
  confidence  REAL NOT NULL,
  PRIMARY KEY (document_id, start)
);

CREATE TABLE sentences (
  document_id TEXT NOT NULL REFERENCES documents(id),
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  PRIMARY KEY (document_id, start)
);

CREATE TABLE entities (
  id        TEXT PRIMARY KEY,             -- ent_ + hash of the entity key: the same entity has one id everywhere
  key       TEXT NOT NULL UNIQUE,
  type      TEXT NOT NULL CHECK (type IN ('person', 'organization', 'agency', 'location')),
  name      TEXT NOT NULL,
  acronym   TEXT,
  country   TEXT,
  parent_id TEXT REFERENCES entities(id), -- agencies: the parent body
  origin    TEXT NOT NULL                 -- how it was found: gazetteer, definition, pattern, lexicon, ...
);
CREATE INDEX entities_type_name ON entities(type, name);

CREATE TABLE entity_aliases (
  entity_id TEXT NOT NULL REFERENCES entities(id),
  alias     TEXT NOT NULL,
  PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

-- An entity as it appears in one document: the roles and affiliation that document states.
CREATE TABLE document_entities (
  document_id    TEXT NOT NULL REFERENCES documents(id),
  entity_id      TEXT NOT NULL REFERENCES entities(id),
  aliases        TEXT NOT NULL DEFAULT '[]', -- JSON array of surface forms in this document
  roles          TEXT NOT NULL DEFAULT '[]', -- JSON array
  affiliation_id TEXT REFERENCES entities(id),
  PRIMARY KEY (document_id, entity_id)
);
CREATE INDEX document_entities_entity ON document_entities(entity_id);

CREATE TABLE mentions (
  document_id TEXT NOT NULL REFERENCES documents(id),
  entity_id   TEXT NOT NULL REFERENCES entities(id),
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  text        TEXT NOT NULL,              -- equals substr(documents.text, start + 1, "end" - start)
  PRIMARY KEY (document_id, start, "end", entity_id)
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE dates (
  document_id TEXT NOT NULL REFERENCES documents(id),
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  text        TEXT NOT NULL,
  value       TEXT NOT NULL,              -- YYYY, YYYY-MM or YYYY-MM-DD
  granularity TEXT NOT NULL CHECK (granularity IN ('year', 'month', 'day')),
  relative    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, start, "end")
);
CREATE INDEX dates_value ON dates(value);

CREATE TABLE quotes (
  id                TEXT PRIMARY KEY,
  document_id       TEXT NOT NULL REFERENCES documents(id),
  start             INTEGER NOT NULL,
  "end"             INTEGER NOT NULL,
  text              TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
  speaker_entity_id TEXT REFERENCES entities(id),
  speaker_name      TEXT,
  speaker_role      TEXT
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

-- What happened to every file (or record) in every run, including the ones skipped and why.
CREATE TABLE file_outcomes (
  run_id      INTEGER NOT NULL REFERENCES import_runs(id),
  path        TEXT NOT NULL,
  record      INTEGER NOT NULL DEFAULT 0,
  status      TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'unchanged', 'skipped', 'degraded', 'failed')),
  reason      TEXT,
  detail      TEXT,
  document_id TEXT REFERENCES documents(id),
  PRIMARY KEY (run_id, path, record)
);
CREATE INDEX file_outcomes_status ON file_outcomes(status);

-- Full-text search over title and text; remove_diacritics 2 lets "behorde" find "Behörde".
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content = 'documents', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

-- Views for the common joins.
CREATE VIEW mention_entities AS
  SELECT m.document_id, m.start, m."end", m.text, e.id AS entity_id, e.type, e.name, e.acronym, e.country
  FROM mentions m JOIN entities e ON e.id = m.entity_id;

CREATE VIEW quote_speakers AS
  SELECT q.id, q.document_id, q.text, q.kind, q.start, q."end", q.speaker_name, q.speaker_role,
         e.id AS speaker_entity_id, e.type AS speaker_type, d.published, d.language
  FROM quotes q JOIN documents d ON d.id = q.document_id LEFT JOIN entities e ON e.id = q.speaker_entity_id;
