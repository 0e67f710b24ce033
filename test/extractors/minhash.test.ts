import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandKeys,
  BANDS,
  estimatedSimilarity,
  minhashSignature,
  NEAR_DUPLICATE_THRESHOLD,
  shingleHashes,
  SIGNATURE_LENGTH,
  SIGNATURE_SCHEME,
} from '../../extractors/minhash.js';

const WIRE = `Komponenten der chinesischen Hersteller Huawei und ZTE sollen schrittweise aus dem deutschen 5G-Mobilfunknetz verschwinden. Darauf hat sich die Bundesregierung mit den Netzbetreibern geeinigt, wie das Innenministerium am Donnerstag mitteilte. Nach der Vereinbarung dürfen in den Kernnetzen ab Ende 2026 keine Komponenten der beiden Unternehmen mehr eingesetzt werden. Für die Zugangs- und Transportnetze gilt eine Frist bis Ende 2029. „Wir schützen damit die zentralen Nervensysteme des Wirtschaftsstandorts Deutschland“, sagte die Ministerin. Die Prüfung hatte im vergangenen Jahr begonnen.`;
const REWRITE = `Nach monatelangem Streit ist die Entscheidung gefallen. ${WIRE.replace('am Donnerstag', 'heute').replace('Die Prüfung hatte im vergangenen Jahr begonnen.', 'Die Telekom hat bereits mit dem Austausch begonnen.')}`;
const TRANSLATION = `Components made by the Chinese manufacturers Huawei and ZTE are to disappear gradually from the German 5G mobile network. The federal government agreed on this with the network operators, the interior ministry said on Thursday. Under the agreement, no components of the two companies may be used in the core networks from the end of 2026. A deadline of the end of 2029 applies to access and transport networks. "We are protecting the central nervous systems of Germany as a business location," the minister said.`;
const SAME_TOPIC = `Das Bundesamt für Sicherheit in der Informationstechnik begleitet den Ausbau der 5G-Netze. Es prüft kritische Komponenten, bevor Netzbetreiber sie einsetzen dürfen, und kann dem Innenministerium eine Untersagung empfehlen. Huawei und ZTE weisen Vorwürfe zurück, ihre Technik sei ein Risiko.`;

const similarity = (a: string, b: string) => estimatedSimilarity(minhashSignature(a), minhashSignature(b));

describe('MinHash near-duplicate similarity', () => {
  it.each([
    ['the same text', WIRE, WIRE, 1, 1],
    ['the same text with other punctuation and layout', WIRE, WIRE.replace(/[„“,.]/g, '').replace(/ /g, '\n'), 1, 1],
    ['a wire copy with a new opening and a changed ending', WIRE, REWRITE, NEAR_DUPLICATE_THRESHOLD, 1],
  ])('%s is a near duplicate', (_name, a, b, min, max) => {
    const s = similarity(a, b);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });

  it.each([
    ['a translation', WIRE, TRANSLATION],
    ['another text on the same topic', WIRE, SAME_TOPIC],
  ])('%s is not a near duplicate', (_name, a, b) => {
    expect(similarity(a, b)).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
  });

  it('gives near duplicates a shared band key and is deterministic', () => {
    const a = bandKeys(minhashSignature(WIRE));
    const b = bandKeys(minhashSignature(REWRITE));
    expect(a).toHaveLength(BANDS);
    expect(a.some((key, i) => key === b[i])).toBe(true);
    expect(bandKeys(minhashSignature(WIRE))).toEqual(a);
  });

  it('returns a full signature of 32-bit values for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const signature = minhashSignature(text);
        expect(signature).toHaveLength(SIGNATURE_LENGTH);
        for (const h of signature) expect(h >>> 0).toBe(h);
      }),
    );
  });

  // Stored signatures are compared with new ones for as long as a knowledge base lives: a change of shingling or
  // hashing must come with a new SIGNATURE_SCHEME, so that stored signatures are made again (see the stores).
  it('makes the signatures of its scheme, the same on every machine and run', () => {
    const text =
      'Das Bundesamt für Sicherheit in der Informationstechnik warnt vor einer kritischen Lücke in Exchange-Servern. Administratoren sollen das Update sofort einspielen.';
    expect(SIGNATURE_SCHEME).toBe(2);
    expect([...shingleHashes(text)].slice(0, 4)).toEqual([3518919638, 363967942, 1600772418, 3487678733]);
    expect(minhashSignature(text).slice(0, 6)).toEqual([
      1857355685, 2242330472, 1229138101, 435727641, 2946311180, 232771498,
    ]);
  });

  it('reads words as runs of letters and digits by code point, whatever stands between them', () => {
    const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'Ä', 'ß', '7', ' ', '-', '„', '\n', '𝐀', '😀', 'İ', '\ud800') }),
        (text) => {
          expect([...shingleHashes(text)]).toEqual([...shingleHashes(words(text).join(' '))]);
        },
      ),
    );
  });

  it('fills every bin of a text shorter than the signature, from the bins its shingles fell into', () => {
    const signature = minhashSignature('Das BSI warnt vor einer Lücke in Exchange');
    const values = new Set(signature);
    // Four shingles: at most four distinct values, each in some bin, none left at the empty maximum.
    expect(values.size).toBeLessThanOrEqual(4);
    expect(signature).not.toContain(0xffffffff);
  });
});
