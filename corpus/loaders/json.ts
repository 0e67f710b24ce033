import type { Message, MessagePlace } from '../document.js';
import { normalizeMetadataDate } from '../normalize.js';
import { extractHtml } from './html.js';
import type { LoadResult, RawRecord } from './types.js';

const TEXT_FIELDS = ['text', 'body', 'content'] as const;
const DATE_FIELDS = ['published', 'date', 'published_at', 'publishedAt', 'datePublished'] as const;
/** Wrapper keys under which exports put their record arrays. */
const ARRAY_FIELDS = ['records', 'documents', 'items', 'articles', 'data'] as const;

/** Markup in a text field: feeds with `content` in HTML are common. */
const LOOKS_LIKE_HTML = /<(p|div|br|span|a|article|h[1-6]|ul|li|strong|em)\b[^>]*>/i;

function stringField(record: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** Turns one parsed JSON value into a record, or explains why it cannot be one. */
export function recordFromJson(value: unknown, record: number | null): { record: RawRecord } | { problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problem: `expected an object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    };
  }
  const obj = value as Record<string, unknown>;
  let body = stringField(obj, TEXT_FIELDS);
  if (body === null) return { problem: `no text field (expected one of: ${TEXT_FIELDS.join(', ')})` };
  let title = stringField(obj, ['title', 'headline']);
  let published: string | null = null;
  for (const name of DATE_FIELDS) {
    published = normalizeMetadataDate(obj[name]);
    if (published) break;
  }
  let declaredLanguage = stringField(obj, ['language', 'lang']);
  const messages: Message[] = [];
  if (LOOKS_LIKE_HTML.test(body)) {
    const page = extractHtml(body);
    body = page.body;
    title ??= page.title;
    published ??= page.published;
    declaredLanguage ??= page.language;
    messages.push(...page.messages);
  }
  return {
    record: {
      body,
      title,
      published,
      declaredLanguage,
      url: stringField(obj, ['url', 'link', 'source_url']),
      record,
      messages,
    },
  };
}

function problem(ruleId: string, detail: string, place?: MessagePlace): Message {
  return { stage: 'load', severity: 'warning', ruleId, detail, ...(place ? { place } : {}) };
}

/** A `.json` file: one record, an array of records, or an object wrapping such an array. */
export function loadJson(text: string): LoadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      records: [],
      messages: [
        {
          stage: 'load',
          severity: 'error',
          ruleId: 'json-invalid',
          detail: `not valid JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const obj = parsed as Record<string, unknown>;
    const wrapped = ARRAY_FIELDS.find((name) => Array.isArray(obj[name]) && stringField(obj, TEXT_FIELDS) === null);
    if (wrapped) parsed = obj[wrapped];
  }
  if (!Array.isArray(parsed)) {
    const one = recordFromJson(parsed, null);
    return 'record' in one
      ? { records: [one.record], messages: [] }
      : { records: [], messages: [problem('json-record-invalid', one.problem)] };
  }
  const result: LoadResult = { records: [], messages: [] };
  parsed.forEach((item, index) => {
    const one = recordFromJson(item, index + 1);
    if ('record' in one) result.records.push(one.record);
    else
      result.messages.push(
        problem('json-record-invalid', `record ${index + 1}: ${one.problem}`, { record: index + 1 }),
      );
  });
  return result;
}

/** One line of a `.jsonl` file; blank lines are not records. */
export function loadJsonLine(line: string, lineNumber: number): LoadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return {
      records: [],
      messages: [
        problem('jsonl-line-invalid', `line ${lineNumber}: not valid JSON (${(error as Error).message})`, {
          line: lineNumber,
        }),
      ],
    };
  }
  const one = recordFromJson(parsed, lineNumber);
  return 'record' in one
    ? { records: [one.record], messages: [] }
    : {
        records: [],
        messages: [problem('jsonl-line-invalid', `line ${lineNumber}: ${one.problem}`, { line: lineNumber })],
      };
}
