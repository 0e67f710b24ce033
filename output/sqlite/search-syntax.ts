/**
 * A search as users type it, turned into an FTS5 query. FTS5 takes only letters, digits and `_` as bare words, so
 * "US-Regierung", "Section 889(a)" or "e.V." are syntax errors to it; users mean the words they typed. A bare word
 * holding anything else becomes the phrase of its parts ("US-Regierung" → "US-Regierung": US next to Regierung),
 * with a trailing `*` kept as a prefix. Everything FTS5 itself offers stays: "quoted phrases", AND, OR, NOT,
 * NEAR(…), parentheses, `column:` filters, prefix*.
 */

const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const COLUMNS = new Set(['title', 'text']);
const BARE_WORD = /^[\p{L}\p{N}_\u001a]+$/u;

/** An FTS5 string: the word in double quotes, its own double quotes doubled. */
const phrase = (word: string) => `"${word.replaceAll('"', '""')}"`;

/** One bare word of the user's query as FTS5 reads it; empty when it has no letters or digits at all. */
function term(word: string): string {
  const column = /^([a-z]+):(.+)$/.exec(word);
  if (column && COLUMNS.has(column[1]!)) {
    const rest = term(column[2]!);
    return rest && `${column[1]}:${rest}`;
  }
  const prefix = word.endsWith('*') ? '*' : '';
  const core = prefix ? word.slice(0, -1) : word;
  if (BARE_WORD.test(core)) return core + prefix;
  if (!/[\p{L}\p{N}]/u.test(core)) return '';
  return phrase(core) + prefix;
}

/** The FTS5 query for what the user typed. */
export function ftsQuery(query: string): string {
  const parts: string[] = [];
  // FTS5 joins words by an implied AND, but not a word and a group in parentheses: there it is written out.
  const push = (part: string, opensGroup = false) => {
    const before = parts.at(-1);
    const joins = before !== undefined && before !== '(' && !OPERATORS.has(before) && before !== 'NEAR';
    if (joins && (opensGroup || before === ')')) parts.push('AND');
    parts.push(part);
  };
  // Inside NEAR( … ) a comma sets the distance; anywhere else it is punctuation.
  let inNear = false;
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      // A quoted phrase as written, up to its closing quote ("" inside is a quote), with a prefix star after it.
      let end = i + 1;
      while (end < query.length && !(query[end] === '"' && query[end + 1] !== '"')) end += query[end] === '"' ? 2 : 1;
      end = Math.min(end + 1, query.length);
      if (query[end] === '*') end++;
      push(query.slice(i, end));
      i = end;
    } else if (c === '(') {
      if (parts.at(-1) === 'NEAR') parts.push(c);
      else push(c, true);
      i++;
    } else if (c === ')' || c === ',') {
      if (c === ')') inNear = false;
      if (c !== ',' || inNear) parts.push(c);
      i++;
    } else {
      // A word runs to a space, a quote or a comma; parentheses inside it ("889(a)") are its own, not a group.
      let end = i;
      let depth = 0;
      for (; end < query.length && !/[\s",]/.test(query[end]!); end++) {
        if (query[end] === '(') {
          if (query.slice(i, end) === 'NEAR') break;
          depth++;
        } else if (query[end] === ')') {
          if (depth === 0) break;
          depth--;
        }
      }
      const word = query.slice(i, end);
      const near = word === 'NEAR' && query[end] === '(';
      inNear ||= near;
      if (OPERATORS.has(word) || near) parts.push(word);
      else {
        const translated = term(word);
        if (translated) push(translated);
      }
      i = end;
    }
  }
  return parts.join(' ');
}
