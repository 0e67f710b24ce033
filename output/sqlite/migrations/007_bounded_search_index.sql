-- Full-text search indexes each document's title and its text up to 2,000,000 characters. FTS5 holds a row's terms in
-- memory until the row is written: a 30 MB text took 700 MB to index. The text is stored whole; the index reads it
-- through a view, so FTS5's rebuild, snippets and deletes all see the same bounded text.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TABLE documents_fts;
CREATE VIEW documents_searchable AS
  SELECT rowid, title, substr(text, 1, 2000000) AS text FROM documents;
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content = 'documents_searchable', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, substr(new.text, 1, 2000000));
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, substr(old.text, 1, 2000000));
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
