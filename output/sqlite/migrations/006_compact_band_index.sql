-- A compact near-duplicate index. Band rows name their document by a small integer (`seq`) instead of its 28-character
-- id, a third of the size, so the index stays in the page cache longer and writing it touches a third of the pages;
-- signatures carry the publication date, so linking reads neither the documents' rows nor their overflow pages.
-- `seq` is an INTEGER PRIMARY KEY: VACUUM keeps it, as it would not keep a plain rowid.
CREATE TABLE document_signatures (
  seq         INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
  published   TEXT,                         -- documents.published
  signature   BLOB NOT NULL                 -- 192 unsigned 32-bit hashes, little-endian
);
INSERT INTO document_signatures (document_id, published, signature)
  SELECT m.document_id, d.published, m.signature FROM document_minhash m JOIN documents d ON d.id = m.document_id ORDER BY m.rowid;

CREATE TABLE band_rows (
  band_key     INTEGER NOT NULL,            -- band number * 2^32 + hash of the band's rows
  document_seq INTEGER NOT NULL REFERENCES document_signatures(seq),
  PRIMARY KEY (band_key, document_seq)
) WITHOUT ROWID;
INSERT INTO band_rows (band_key, document_seq)
  SELECT b.band_key, s.seq FROM minhash_bands b JOIN document_signatures s ON s.document_id = b.document_id ORDER BY 1, 2;

DROP TABLE minhash_bands;
DROP TABLE document_minhash;
ALTER TABLE document_signatures RENAME TO document_minhash;
ALTER TABLE band_rows RENAME TO minhash_bands;
