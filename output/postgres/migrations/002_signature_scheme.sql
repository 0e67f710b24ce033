-- Which way of signing texts made each stored MinHash signature (see SIGNATURE_SCHEME in extractors/minhash.ts):
-- signatures of two schemes do not compare, so a base opened for writing by a newer scheme has them made again from
-- the stored texts (see resignStoredSignatures). Signatures stored before this column existed are of scheme 1.
ALTER TABLE document_minhash ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1;
-- Finding the signatures of other schemes is a look-up, not a scan, on every first batch of a writer.
CREATE INDEX document_minhash_scheme ON document_minhash(scheme);
