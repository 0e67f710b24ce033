-- Why a quote has its speaker: the cue that frames it as speech ("sagte", "laut", "according") and the words the
-- speaker was resolved from (a name, a pronoun, a description), each as offsets into the document's text with the
-- text they slice (offsets are UTF-16 indices, which SQLite's substr does not count). NULL where there is none, and
-- for quotes stored before this version.
ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
ALTER TABLE quotes ADD COLUMN cue_text TEXT;
ALTER TABLE quotes ADD COLUMN speaker_mention_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_mention_end INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_mention_text TEXT;
