-- Paragraph and sentence bounds as one row per document. As rows of their own they were 58 of the ~230 rows a
-- benchmark document wrote, each a random insert into two B-trees keyed by document id (a seventh of the import's
-- write time at 10,000 documents); the views below keep the tables' columns for SQL users.
CREATE TABLE document_layout (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  paragraphs  TEXT NOT NULL,                -- JSON [[start, end, language, confidence], ...] in text order
  sentences   TEXT NOT NULL                 -- JSON [[start, end], ...] in text order
) WITHOUT ROWID;

INSERT INTO document_layout (document_id, paragraphs, sentences)
  SELECT d.id,
         (SELECT json_group_array(json_array(p.start, p."end", p.language, p.confidence))
          FROM (SELECT * FROM paragraphs WHERE document_id = d.id ORDER BY start) p),
         (SELECT json_group_array(json_array(s.start, s."end"))
          FROM (SELECT * FROM sentences WHERE document_id = d.id ORDER BY start) s)
  FROM documents d;

DROP TABLE paragraphs;
DROP TABLE sentences;

CREATE VIEW paragraphs AS
  SELECT l.document_id, p.value->>0 AS start, p.value->>1 AS "end", p.value->>2 AS language, p.value->>3 AS confidence
  FROM document_layout l, json_each(l.paragraphs) p;

CREATE VIEW sentences AS
  SELECT l.document_id, s.value->>0 AS start, s.value->>1 AS "end"
  FROM document_layout l, json_each(l.sentences) s;

-- Canonical documents whose LSH band rows are not written yet. The writer keeps new band rows in memory and writes
-- them in key order every few thousand documents (one pass over the band index instead of 64 random page writes per
-- document); a document is listed here in the transaction that stores it and unlisted in the one that writes its
-- bands, so an import killed in between leaves the list, and the next import indexes those documents first.
CREATE TABLE minhash_unindexed (
  document_id TEXT NOT NULL REFERENCES documents(id)
);
