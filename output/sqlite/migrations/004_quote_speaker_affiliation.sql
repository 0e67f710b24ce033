-- An unnamed speaker ("ein Sprecher des Ministeriums", entity NULL) keeps the agency or organization it speaks for.
ALTER TABLE quotes ADD COLUMN speaker_affiliation_id TEXT REFERENCES entities(id);

DROP VIEW quote_speakers;
CREATE VIEW quote_speakers AS
  SELECT q.id, q.document_id, q.text, q.kind, q.start, q."end", q.speaker_name, q.speaker_role,
         c.canonical_id AS speaker_entity_id, e.name AS speaker_entity_name, e.type AS speaker_type,
         ac.canonical_id AS speaker_affiliation_id, d.published, d.language, sq.statement_id
  FROM quotes q JOIN documents d ON d.id = q.document_id
  LEFT JOIN entity_canonical c ON c.entity_id = q.speaker_entity_id
  LEFT JOIN entities e ON e.id = c.canonical_id
  LEFT JOIN entity_canonical ac ON ac.entity_id = q.speaker_affiliation_id
  LEFT JOIN statement_quotes sq ON sq.quote_id = q.id;
