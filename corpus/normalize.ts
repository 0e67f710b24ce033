import type { PublishedDate } from './document.js';

/**
 * Characters that carry no text: zero-width marks, soft hyphens, BOMs inside the text, C0/C1 controls but tab and
 * newline.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
/** Every horizontal space variant becomes one ASCII space, so offsets and matching see one kind of space. */
const HORIZONTAL_SPACE = /[\t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;

/**
 * Unicode NFC, one kind of space, `\n` line breaks, trimmed lines, at most one blank line between paragraphs.
 * Lines are kept (each line is a paragraph or part of one); offsets of every later stage point into this text.
 */
export function normalizeText(raw: string): string {
  // NFC after stripping: a soft hyphen between a letter and a combining mark would block composition.
  const lines = raw
    .replace(LINE_BREAKS, '\n')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(HORIZONTAL_SPACE, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim());
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** ` date 2017-12` at the very start of a file: the archive's published-date header, not part of the body. */
const DATE_HEADER = /^\s*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s|$)[ \t]*\r?\n?/;

/** Splits the date header off the raw text; the body may follow on the same line or the next. */
export function splitDateHeader(raw: string): { body: string; published: PublishedDate | null } {
  const m = DATE_HEADER.exec(raw);
  if (!m || !isValidIsoPrefix(m[1]!)) return { body: raw, published: null };
  return { body: raw.slice(m[0].length), published: { value: m[1]!, source: 'header' } };
}

/** True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` that name a real calendar year, month or day. */
export function isValidIsoPrefix(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1000) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date from metadata (`2024-06-20T10:00:00Z`, `2024-06-20`, `June 20, 2024`, RFC 2822) as an ISO prefix, as
 * precise as the value allows; null when it is not a date.
 */
export function normalizeMetadataDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Unix seconds or milliseconds.
    const ms = value < 1e11 ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (iso) {
    const prefix = [iso[1], iso[2], iso[3]].filter((p) => p !== undefined).join('-');
    return isValidIsoPrefix(prefix) ? prefix : null;
  }
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (german) {
    const prefix = `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`;
    return isValidIsoPrefix(prefix) ? prefix : null;
  }
  if (!/[a-z]/i.test(s) || !/\d{4}/.test(s)) return null;
  const parsed = new Date(s);
  if (Number.isNaN(parsed.getTime())) return null;
  // A written date without a zone parses as local midnight, so local fields give back the day that was written.
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
  return isValidIsoPrefix(day) ? day : null;
}
