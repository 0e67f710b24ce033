import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../output/sqlite/database.js';
import { ftsQuery } from '../../output/sqlite/search-syntax.js';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.exec('CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize = "unicode61 remove_diacritics 2")');
});
afterAll(() => db.close());

/** Whether the query finds a document of this text (and parses: a syntax error rejects). */
async function finds(text: string, query: string): Promise<boolean> {
  await db.run('DELETE FROM t');
  await db.run('INSERT INTO t (title, text) VALUES (?, ?)', ['', text]);
  return (await db.all('SELECT 1 FROM t WHERE t MATCH ?', [ftsQuery(query)])).length > 0;
}

describe('search as users type it', () => {
  it.each([
    ['de', 'US-Regierung', 'Die US-Regierung verbietet die Software.', true],
    ['de', 'Huawei-Komponenten', 'Das Gesetz betrifft Komponenten von Huawei.', false],
    ['de', 'e.V.', 'Der Verein Digitalcourage e.V. klagt.', true],
    ['de', '5G-Netz*', 'Beim Ausbau der 5G-Netze gilt das neue Gesetz.', true],
    ['de', 'Kaspersky (Verbot OR Warnung)', 'Das BSI spricht eine Warnung vor Kaspersky aus.', true],
    ['en', 'Section 889(a)', 'Section 889(a) of the NDAA prohibits the purchase.', true],
    ['en', "Commerce's ban", "The Commerce Department's ban takes effect.", false],
    ['en', "Commerce's", "The Commerce's decision was final.", true],
    ['en', 'NEAR(Kaspersky ban, 3)', 'Kaspersky faces a ban in the United States.', true],
    ['en', 'title:Kaspersky OR "final rule"', 'The final rule takes effect in September.', true],
    ['en', 'anti-virus NOT Kaspersky', 'The anti-virus software of Kaspersky.', false],
  ])('%s: %s', async (_language, query, text, expected) => {
    expect(await finds(text, query)).toBe(expected);
  });

  it('finds any text by its own words, whatever punctuation they carry', async () => {
    const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9][A-Za-zÄÖÜäöüß0-9.'’\-/&+:;!?§%]{0,12}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 5 }), async (words) => {
        const text = words.join(' ');
        // Words FTS5 reads as operators are left out: "AND" as a word of the text cannot be searched unquoted.
        fc.pre(!words.some((w) => ['AND', 'OR', 'NOT', 'NEAR'].includes(w)));
        expect(await finds(`Vorher ${text} nachher.`, text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
