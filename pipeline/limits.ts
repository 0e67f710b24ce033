/**
 * Limits a user can change by flag; kept apart from the runner so the CLI reads them without loading the extractors.
 */

/** Whole-file formats (text, HTML, Markdown, JSON) larger than this are skipped; JSONL is streamed and has no limit. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
