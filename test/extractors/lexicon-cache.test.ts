import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedDerivation } from '../../extractors/lexicon-cache.js';

let dir: string;
let source: string;
let derivations: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-lexicon-cache-'));
  source = join(dir, 'names.txt');
  writeFileSync(source, 'Gina\nCiaran\n');
  derivations = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Sorted names of the source file, derived as the lexicons derive theirs, counting each derivation. */
const names = (cache: string, data: unknown = 'de') =>
  cachedDerivation(
    'names',
    { files: [source], code: 'v1', data },
    () => {
      derivations++;
      return { names: ['Ciaran', 'Gina'] };
    },
    cache,
  );

describe('cachedDerivation', () => {
  it('derives once, then reads the stored lists back', () => {
    const cache = join(dir, 'cache');
    expect(names(cache)).toEqual({ names: ['Ciaran', 'Gina'] });
    expect(names(cache)).toEqual({ names: ['Ciaran', 'Gina'] });
    expect(derivations).toBe(1);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('derives again when an input file, the pack data or the code changes', () => {
    const cache = join(dir, 'cache');
    names(cache);
    writeFileSync(source, 'Gina\nCiaran\nArne\n');
    names(cache);
    expect(derivations).toBe(2);
    utimesSync(source, new Date(2020, 0, 1), new Date(2020, 0, 1));
    names(cache);
    names(cache, 'en');
    expect(derivations).toBe(4);
  });

  it('derives again over a damaged file, and without a writable folder', () => {
    const cache = join(dir, 'cache');
    names(cache);
    writeFileSync(join(cache, readdirSync(cache)[0]!), '{"names": ["Cia');
    expect(names(cache)).toEqual({ names: ['Ciaran', 'Gina'] });
    // A folder that cannot be made (its parent is a file), as a read-only install is, even for root.
    expect(names(join(source, 'cache'))).toEqual({ names: ['Ciaran', 'Gina'] });
    expect(derivations).toBe(3);
  });
});
