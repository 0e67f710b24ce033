import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberedPlaceholders } from '../../output/postgres/connection.js';

describe('SQLite placeholders as PostgreSQL numbers them', () => {
  it.each([
    ['SELECT * FROM t WHERE a = ? AND b = ?', 'SELECT * FROM t WHERE a = $1 AND b = $2'],
    ['SELECT ?1 UNION ALL SELECT x FROM t WHERE y = ?1', 'SELECT $1 UNION ALL SELECT x FROM t WHERE y = $1'],
    // A bare ? after ?2 is the third, as SQLite numbers it.
    ['WHERE a = ?2 OR b = ?1 LIMIT ?', 'WHERE a = $2 OR b = $1 LIMIT $3'],
    ["WHERE name LIKE '%?%' AND x = ?", "WHERE name LIKE '%?%' AND x = $1"],
    ["WHERE t = 'it''s ?' AND \"col?\" = ?", "WHERE t = 'it''s ?' AND \"col?\" = $1"],
    [
      'SELECT value FROM json_array_elements_text(?::json) AS j(value)',
      'SELECT value FROM json_array_elements_text($1::json) AS j(value)',
    ],
  ])('%s', (sql, expected) => {
    expect(numberedPlaceholders(sql)).toBe(expected);
  });

  it('numbers every bare placeholder once, in order, and leaves literals as they were', () => {
    const literal = fc.string().map((s) => `'${s.replaceAll("'", "''")}'`);
    const word = fc.constantFrom('SELECT', 'a', '=', 'AND', ',', '(', ')');
    fc.assert(
      fc.property(fc.array(fc.oneof(literal, word, fc.constant('?')), { maxLength: 30 }), (parts) => {
        const out = numberedPlaceholders(parts.join(' '));
        const expected = (() => {
          let n = 0;
          return parts.map((p) => (p === '?' ? `$${++n}` : p)).join(' ');
        })();
        expect(out).toBe(expected);
      }),
    );
  });
});
