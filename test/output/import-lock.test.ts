import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireImportLock } from '../../output/sqlite/import-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the import lock', () => {
  it('makes a second import wait, says so once, and lets it in when the first releases', async () => {
    const db = join(dir, 'kb.sqlite');
    const first = await acquireImportLock(db);
    let waits = 0;
    let secondHolds = false;
    const second = acquireImportLock(db, () => waits++).then((lock) => {
      secondHolds = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waits).toBe(1);
    expect(secondHolds).toBe(false);
    await first.release();
    const lock = await second;
    expect(secondHolds).toBe(true);
    await lock.release();
  });

  it('is free at once when nobody holds it', async () => {
    let waits = 0;
    const lock = await acquireImportLock(join(dir, 'other.sqlite'), () => waits++);
    await lock.release();
    expect(waits).toBe(0);
  });

  it('is one lock for every path to the same knowledge base, through a symbolic link too', async () => {
    const db = join(dir, 'linked.sqlite');
    writeFileSync(db, '');
    symlinkSync(db, join(dir, 'link.sqlite'));
    const first = await acquireImportLock(db);
    let waits = 0;
    const second = acquireImportLock(join(dir, 'link.sqlite'), () => waits++);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waits).toBe(1);
    await first.release();
    await (await second).release();
  });
});
