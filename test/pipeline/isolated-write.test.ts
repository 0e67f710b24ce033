import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINHASH_NEAR_DUPLICATES } from '../../extractors/minhash.js';
import type { KnowledgeBase } from '../../output/knowledge-base.js';
import { SqliteKnowledgeBase } from '../../output/sqlite/store.js';
import { writeIsolated } from '../../pipeline/isolated-write.js';
import { entity, written } from '../fixtures/stored-documents.js';

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-isolated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD_DE = written('doc_good_de', 'Das BSI warnt vor der Software.', {
  entities: [entity('agency:de.bsi', 'agency', 'BSI', 4)],
});
const GOOD_EN = written('doc_good_en', 'CISA ordered agencies to patch.', {
  language: { code: 'en', confidence: 1 },
  entities: [entity('agency:us.cisa', 'agency', 'CISA', 0)],
});
// An affiliation to an entity no document has: its rows break a foreign key, as a slip of an extractor would.
const BROKEN = written('doc_broken', 'Anna Meier, Chefin der Partei, sprach.', {
  entities: [entity('person:anna meier', 'person', 'Anna Meier', 0, { affiliation: 'organization:nowhere' })],
});

describe('writeIsolated', () => {
  it('stores the rest of a batch when one document breaks a constraint, and fails that one with the reason', async () => {
    const kb = await SqliteKnowledgeBase.open(join(dir, 'kb.sqlite'), { nearDuplicates: MINHASH_NEAR_DUPLICATES });
    const runId = await kb.beginRun([], 'test');
    const items = [GOOD_DE, BROKEN, GOOD_EN].map((doc) => ({ documents: [doc], outcomes: [] }));
    const outcomes = await writeIsolated(kb, runId, items);
    expect(outcomes.map((o) => `${o.path} ${o.status} ${o.reason ?? ''}`.trim())).toEqual([
      'doc_good_de.txt imported',
      'doc_broken.txt failed store-failed',
      'doc_good_en.txt imported',
    ]);
    expect(outcomes[1]!.detail).toMatch(/FOREIGN KEY/);
    expect(await kb.db.all('SELECT id FROM documents ORDER BY id')).toEqual([
      { id: 'doc_good_de' },
      { id: 'doc_good_en' },
    ]);
    expect(await kb.db.all("SELECT path, reason FROM file_outcomes WHERE status = 'failed'")).toEqual([
      { path: 'doc_broken.txt', reason: 'store-failed' },
    ]);
    await kb.close();
  });

  it('still ends the import when the knowledge base itself fails (a full disk)', async () => {
    let calls = 0;
    const full = Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' });
    const kb = {
      writeBatch: async () => {
        calls++;
        throw full;
      },
    } as unknown as KnowledgeBase;
    await expect(writeIsolated(kb, 1, [{ documents: [GOOD_DE], outcomes: [] }])).rejects.toBe(full);
    expect(calls).toBe(1);
  });
});
