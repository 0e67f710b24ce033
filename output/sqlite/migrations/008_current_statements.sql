-- Statements are grouped when an import ends. While one runs, or after one was killed, its quotes are in `quotes` but
-- in no statement yet: these views add each such quote as a statement of its own, so queries see every quote at any
-- time. Queries read them only while the latest import has not completed (see queries.ts).
CREATE VIEW current_statements AS
  SELECT id, text, kind, speaker_entity_id, speaker_name, first_published FROM statements
  UNION ALL
  SELECT q.id, q.text, q.kind, COALESCE(m.canonical_id, q.speaker_entity_id), q.speaker_name, d.published
  FROM quotes q
  JOIN documents d ON d.id = q.document_id
  LEFT JOIN entity_merges m ON m.entity_id = q.speaker_entity_id
  WHERE NOT EXISTS (SELECT 1 FROM statement_quotes sq WHERE sq.quote_id = q.id);

CREATE VIEW current_statement_quotes AS
  SELECT quote_id, statement_id FROM statement_quotes
  UNION ALL
  SELECT q.id, q.id FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM statement_quotes sq WHERE sq.quote_id = q.id);
