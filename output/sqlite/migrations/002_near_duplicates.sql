-- Near-duplicate detection: each document's MinHash signature; LSH band keys of canonical documents only.

CREATE TABLE document_minhash (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  signature   BLOB NOT NULL               -- 192 unsigned 32-bit hashes, little-endian
);

CREATE TABLE minhash_bands (
  band_key    INTEGER NOT NULL,           -- band number * 2^32 + hash of the band's rows
  document_id TEXT NOT NULL REFERENCES documents(id),
  PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;
