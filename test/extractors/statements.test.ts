import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupStatements, sameStatement, type StatementCandidate } from '../../extractors/statements.js';

const RAIMONDO_DE =
  'Russland hat immer wieder gezeigt, dass es die Fähigkeit und die Absicht hat, russische Unternehmen auszunutzen';
const RAIMONDO_EN =
  'Russia has shown time and again they have the capability and intent to exploit Russian companies, like Kaspersky Lab, to collect and weaponize sensitive U.S. information';

const quote = (id: string, text: string, extra: Partial<StatementCandidate> = {}): StatementCandidate => ({
  id,
  text,
  kind: 'direct',
  speakerId: 'ent_raimondo',
  published: null,
  ...extra,
});

describe('sameStatement', () => {
  it.each([
    [
      'other quotation marks and punctuation (de)',
      RAIMONDO_DE,
      RAIMONDO_DE.replace(', dass', ' dass').replace(/$/, '.'),
      true,
    ],
    ['cut at the start (de)', RAIMONDO_DE, RAIMONDO_DE.replace('Russland hat ', ''), true],
    ['cut at the end (en)', RAIMONDO_EN, RAIMONDO_EN.replace(/, to collect.*$/, ''), true],
    ['an ellipsis in the middle (en)', RAIMONDO_EN, RAIMONDO_EN.replace('like Kaspersky Lab, ', '… '), true],
    ['a translation', RAIMONDO_DE, RAIMONDO_EN, false],
    [
      'another statement on the same subject',
      RAIMONDO_EN,
      'Kaspersky has shown time and again that it is a trusted partner of its customers in the United States',
      false,
    ],
    [
      'a short formula and a long quote containing it',
      'jede Option',
      'Wir prüfen jede Option, die uns das Gesetz gibt',
      false,
    ],
  ])('%s', (_, a, b, expected) => {
    expect(sameStatement(a, b)).toBe(expected);
    expect(sameStatement(b, a)).toBe(expected);
  });
});

describe('groupStatements', () => {
  it('makes one statement of copies in several documents, with the fullest wording and the earliest date', () => {
    const statements = groupStatements([
      quote('quo_b', RAIMONDO_DE.replace('Russland hat ', ''), { published: '2024-06-22' }),
      quote('quo_a', RAIMONDO_DE, { published: '2024-06-21' }),
      quote('quo_c', RAIMONDO_EN, { published: '2024-06-20' }),
    ]);
    expect(statements).toEqual([
      {
        id: 'quo_a',
        text: RAIMONDO_DE,
        kind: 'direct',
        speakerId: 'ent_raimondo',
        firstPublished: '2024-06-21',
        quoteIds: ['quo_a', 'quo_b'],
      },
      {
        id: 'quo_c',
        text: RAIMONDO_EN,
        kind: 'direct',
        speakerId: 'ent_raimondo',
        firstPublished: '2024-06-20',
        quoteIds: ['quo_c'],
      },
    ]);
  });

  it('keeps the same words of two speakers apart, and of a speaker and an unnamed one', () => {
    const statements = groupStatements([
      quote('quo_1', RAIMONDO_DE),
      quote('quo_2', RAIMONDO_DE, { speakerId: 'ent_other' }),
      quote('quo_3', RAIMONDO_DE, { speakerId: null }),
      quote('quo_4', RAIMONDO_DE, { speakerId: null }),
    ]);
    expect(statements.map((s) => [s.speakerId, s.quoteIds])).toEqual([
      ['ent_raimondo', ['quo_1']],
      ['ent_other', ['quo_2']],
      [null, ['quo_3', 'quo_4']],
    ]);
  });

  it('makes one statement of a quote reprinted by a hundred outlets, and of its cut copies', () => {
    const copies = Array.from({ length: 100 }, (_, i) =>
      quote(`quo_${String(i).padStart(3, '0')}`, RAIMONDO_EN, {
        published: `2024-06-${String(20 + (i % 5)).padStart(2, '0')}`,
      }),
    );
    const cut = quote('quo_cut', RAIMONDO_EN.replace(/, to collect.*$/, ''), { published: '2024-06-19' });
    const [statement, ...others] = groupStatements([...copies, cut]);
    expect(others).toEqual([]);
    expect(statement).toMatchObject({ id: 'quo_cut', text: RAIMONDO_EN, firstPublished: '2024-06-19' });
    expect(statement!.quoteIds).toHaveLength(101);
  });

  it('keeps a direct quote and indirect speech apart', () => {
    expect(
      groupStatements([quote('quo_1', RAIMONDO_DE), quote('quo_2', RAIMONDO_DE, { kind: 'indirect' })]),
    ).toHaveLength(2);
  });

  it('puts every quote in exactly one statement, the same for any order', () => {
    const texts = [
      RAIMONDO_DE,
      RAIMONDO_DE.slice(13),
      RAIMONDO_EN,
      RAIMONDO_EN.slice(0, 80),
      'jede Option',
      'Wir prüfen jede Option',
    ];
    const arbitrary = fc.array(
      fc.record({
        text: fc.constantFrom(...texts),
        speakerId: fc.constantFrom('ent_a', 'ent_b', null),
        published: fc.constantFrom('2024-06-20', '2024-06-21', null),
      }),
      { minLength: 1, maxLength: 10 },
    );
    fc.assert(
      fc.property(arbitrary, fc.integer(), (list, seed) => {
        const quotes = list.map((q, i) => quote(`quo_${i}`, q.text, q));
        const statements = groupStatements(quotes);
        expect(statements.flatMap((s) => s.quoteIds).sort()).toEqual(quotes.map((q) => q.id).sort());
        const shuffled = [...quotes].sort(
          (a, b) => ((a.id.length * seed) ^ a.id.charCodeAt(4)) - ((b.id.length * seed) ^ b.id.charCodeAt(4)),
        );
        expect(groupStatements(shuffled)).toEqual(statements);
      }),
    );
  });
});
