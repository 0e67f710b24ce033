-- The explorer's and `quotes --agency`'s lookups of what an agency's people and spokespeople said: by the
-- affiliation a document gives a person, and by the body an unnamed speaker speaks for.
CREATE INDEX document_entities_affiliation ON document_entities(affiliation_id);
CREATE INDEX quotes_speaker_affiliation ON quotes(speaker_affiliation_id);
