-- The deduplicated knowledge base: entities merged across documents and languages, quotes merged into statements.
-- Both are recomputed from the stored findings at the end of every import, so they depend only on what is stored,
-- never on the order it was imported in.

-- An entity found under another key that is the same real-world entity: it belongs to canonical_id's cluster.
-- Canonical entities have no row here. via_id is the member it was linked to, rule and evidence say why.
CREATE TABLE entity_merges (
  entity_id    TEXT PRIMARY KEY REFERENCES entities(id),
  canonical_id TEXT NOT NULL REFERENCES entities(id),
  via_id       TEXT NOT NULL REFERENCES entities(id),
  rule         TEXT NOT NULL CHECK (rule IN ('spelling', 'middle-name', 'company-name', 'acronym')),
  evidence     TEXT NOT NULL
);
CREATE INDEX entity_merges_canonical ON entity_merges(canonical_id);

-- Every entity id with the id of the knowledge-base entity it belongs to (itself when not merged).
CREATE VIEW entity_canonical AS
  SELECT e.id AS entity_id, COALESCE(m.canonical_id, e.id) AS canonical_id
  FROM entities e LEFT JOIN entity_merges m ON m.entity_id = e.id;

-- One statement carried by one or more documents (quotes that differ only in punctuation, truncation or small edits).
CREATE TABLE statements (
  id                TEXT PRIMARY KEY,     -- the id of its earliest quote
  text              TEXT NOT NULL,        -- the most complete wording
  kind              TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
  speaker_entity_id TEXT REFERENCES entities(id), -- canonical
  speaker_name      TEXT,                 -- the entity's name, or how the earliest source describes an unnamed speaker
  first_published   TEXT,                 -- the earliest date of the documents carrying it
  sources           INTEGER NOT NULL      -- quotes (one per document occurrence)
);
CREATE INDEX statements_speaker ON statements(speaker_entity_id);
CREATE INDEX statements_first_published ON statements(first_published);

CREATE TABLE statement_quotes (
  quote_id     TEXT PRIMARY KEY REFERENCES quotes(id),
  statement_id TEXT NOT NULL REFERENCES statements(id)
);
CREATE INDEX statement_quotes_statement ON statement_quotes(statement_id);

-- The latest outcome of a file is what `stats` reports.
CREATE INDEX file_outcomes_path ON file_outcomes(path, record, run_id);

-- The common joins, now through the knowledge-base entity.
DROP VIEW mention_entities;
CREATE VIEW mention_entities AS
  SELECT m.document_id, m.start, m."end", m.text, c.canonical_id AS entity_id, e.type, e.name, e.acronym, e.country,
         m.entity_id AS document_entity_id
  FROM mentions m JOIN entity_canonical c ON c.entity_id = m.entity_id JOIN entities e ON e.id = c.canonical_id;

DROP VIEW quote_speakers;
CREATE VIEW quote_speakers AS
  SELECT q.id, q.document_id, q.text, q.kind, q.start, q."end", q.speaker_name, q.speaker_role,
         c.canonical_id AS speaker_entity_id, e.name AS speaker_entity_name, e.type AS speaker_type,
         d.published, d.language, sq.statement_id
  FROM quotes q JOIN documents d ON d.id = q.document_id
  LEFT JOIN entity_canonical c ON c.entity_id = q.speaker_entity_id
  LEFT JOIN entities e ON e.id = c.canonical_id
  LEFT JOIN statement_quotes sq ON sq.quote_id = q.id;

-- Knowledge-base entities with how often they are mentioned and in how many documents.
CREATE VIEW entity_summary AS
  SELECT e.id, e.type, e.name, e.acronym, e.country, e.parent_id,
         (SELECT COUNT(*) FROM mentions m
          WHERE m.entity_id IN (SELECT e.id UNION ALL SELECT entity_id FROM entity_merges WHERE canonical_id = e.id)) AS mentions,
         (SELECT COUNT(DISTINCT de.document_id) FROM document_entities de
          WHERE de.entity_id IN (SELECT e.id UNION ALL SELECT entity_id FROM entity_merges WHERE canonical_id = e.id)) AS documents
  FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_merges x WHERE x.entity_id = e.id);
