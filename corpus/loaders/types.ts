import type { Message } from '../document.js';

/** One document's worth of content as a loader finds it, before normalization. */
export interface RawRecord {
  body: string;
  title: string | null;
  /** ISO prefix from the source's metadata. */
  published: string | null;
  declaredLanguage: string | null;
  url: string | null;
  /** 1-based record number in multi-record files, null otherwise. */
  record: number | null;
  /**
   * How the loader had to reduce this record (e.g. HTML read without its structure); the document is stored degraded.
   */
  messages: Message[];
}

/** What a loader makes of a file's text: its records, and problems with parts of it. */
export interface LoadResult {
  records: RawRecord[];
  /** Problems with parts of the file (a record without text, a broken line): the rest is still loaded. */
  messages: Message[];
}

/** A record of a single-document file, with whatever metadata the loader found. */
export function singleRecord(body: string, meta: Partial<Omit<RawRecord, 'body'>> = {}): RawRecord {
  return { body, title: null, published: null, declaredLanguage: null, url: null, record: null, messages: [], ...meta };
}
