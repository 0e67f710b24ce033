import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { CSV_TABLES } from '../../output/csv.js';
import type { StixObject } from '../../output/stix.js';
import { CLI, cli, failing } from '../fixtures/cli.js';
import { hasProgram, sharedFolder } from '../fixtures/shared.js';

let dir: string;
let db: string;

async function bundle(): Promise<{ type: string; id: string; objects: StixObject[] }> {
  return JSON.parse((await cli('export', '--db', db, '--format', 'stix')).stdout) as {
    type: string;
    id: string;
    objects: StixObject[];
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-export-'));
  db = join(dir, 'kb.sqlite');
  await cli('import', 'corpus/samples', '--db', db, '--workers', '1', '--no-progress');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export --format stix', () => {
  it('validates against the official STIX 2.1 schemas, the bundle and every object', async () => {
    const schemas = sharedFolder('schemas', 'stix2.1', 'schemas');
    if (!schemas) return;
    const ajv = new Ajv2020.default({ strict: false, unicodeRegExp: false, allErrors: true, logger: false });
    const base = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
    for (const folder of readdirSync(schemas))
      for (const file of readdirSync(join(schemas, folder))) {
        const schema = JSON.parse(readFileSync(join(schemas, folder, file), 'utf8')) as {
          properties?: { objects?: { items: { anyOf: [{ oneOf: object[] }] } } };
        };
        // The bundle schema of that commit lists no location and no note among a bundle's objects (the list has
        // missed types before: infrastructure, oasis-open/cti-stix2-json-schemas#133): they are added to it here.
        if (file === 'bundle.json')
          schema.properties!.objects!.items.anyOf[0].oneOf.push(
            { $ref: '../sdos/location.json' },
            { $ref: '../sdos/note.json' },
          );
        ajv.addSchema(schema);
      }
    const stix = await bundle();
    const validate = (path: string, value: unknown) => {
      const check = ajv.getSchema(base + path)!;
      return check(value) ? null : { path, value, errors: check.errors?.slice(0, 3) };
    };
    expect(validate('common/bundle.json', stix)).toBeNull();
    const schemaOf: Record<string, string> = {
      report: 'sdos/report.json',
      identity: 'sdos/identity.json',
      location: 'sdos/location.json',
      note: 'sdos/note.json',
      relationship: 'sros/relationship.json',
    };
    expect(new Set(stix.objects.map((o) => o.type))).toEqual(new Set(Object.keys(schemaOf)));
    expect(stix.objects.map((o) => validate(schemaOf[o.type]!, o)).filter(Boolean)).toEqual([]);
  });

  it('gives every document a report, every entity one object, and refers only to objects in the bundle', async () => {
    const { objects } = await bundle();
    const ids = new Set(objects.map((o) => o.id));
    expect(ids.size).toBe(objects.length);
    expect(objects.filter((o) => o.type === 'report')).toHaveLength(15);
    for (const o of objects) {
      const refs = [
        ...((o['object_refs'] as string[] | undefined) ?? []),
        ...['source_ref', 'target_ref', 'created_by_ref'].map((k) => o[k] as string | undefined).filter(Boolean),
      ];
      for (const ref of refs) expect(ids.has(ref!), `${o.id} refers to ${ref}`).toBe(true);
    }
    const named = (name: string) => objects.find((o) => o['name'] === name);
    const bsi = named('Bundesamt für Sicherheit in der Informationstechnik');
    expect(bsi).toMatchObject({ type: 'identity', identity_class: 'organization', sectors: ['government'] });
    expect(bsi!['x_opencti_aliases']).toEqual(
      expect.arrayContaining(['BSI', 'Federal Office for Information Security']),
    );
    expect(named('Oliver Dowden')).toMatchObject({ identity_class: 'individual', roles: ['Digital Secretary'] });
    const berlin = named('Berlin')!;
    expect(berlin).toMatchObject({ type: 'location', country: 'DE' });
    expect(berlin['latitude']).toBeCloseTo(52.52, 1);
    expect(berlin['longitude']).toBeCloseTo(13.4, 1);
    const dowdenNote = objects.find(
      (o) => o.type === 'note' && (o['authors'] as string[] | undefined)?.[0] === 'Oliver Dowden',
    )!;
    expect(dowdenNote['object_refs']).toContain(named('Oliver Dowden')!.id);
    expect((dowdenNote['object_refs'] as string[]).some((ref) => ref.startsWith('report--'))).toBe(true);
    expect(objects.some((o) => o['relationship_type'] === 'located-at')).toBe(true);
    expect(objects.some((o) => o['relationship_type'] === 'duplicate-of')).toBe(true);
  });

  it('keeps every id when the same archive is imported again, so a platform updates instead of duplicating', async () => {
    const before = await bundle();
    await cli('import', 'corpus/samples', '--db', db, '--workers', '1', '--no-progress');
    const after = await bundle();
    expect(after.objects.map((o) => o.id)).toEqual(before.objects.map((o) => o.id));
    expect(after.objects.map((o) => ({ ...o, modified: null }))).toEqual(
      before.objects.map((o) => ({ ...o, modified: null })),
    );
  });
});

describe('export --format csv', () => {
  it('writes one RFC 4180 file per table whose ids join and whose mentions are slices of the text', async () => {
    const out = join(dir, 'csv');
    await cli('export', '--db', db, '--format', 'csv', '--out', out, '--with-text');
    expect(readdirSync(out).sort()).toEqual(
      Object.keys(CSV_TABLES)
        .map((t) => `${t}.csv`)
        .sort(),
    );
    const table = (name: string) =>
      parse(readFileSync(join(out, `${name}.csv`)), { columns: true, record_delimiter: '\r\n' }) as Record<
        string,
        string
      >[];
    const documents = new Map(table('documents').map((d) => [d['id']!, d]));
    const entities = new Set(table('entities').map((e) => e['id']));
    expect(documents.size).toBe(15);
    const mentions = table('mentions');
    expect(mentions.length).toBeGreaterThan(100);
    for (const m of mentions) {
      expect(entities.has(m['entity_id'])).toBe(true);
      expect(documents.get(m['document_id']!)!['text']!.slice(Number(m['start']), Number(m['end']))).toBe(m['text']);
    }
    const statements = new Set(table('statements').map((s) => s['id']));
    const quotes = table('quotes');
    expect(quotes.some((q) => q['text']!.includes('\n') || q['text']!.includes('"'))).toBe(true);
    for (const q of quotes) expect(statements.has(q['statement_id'])).toBe(true);
    expect(readFileSync(join(out, 'documents.csv')).subarray(0, 3).toString('hex')).not.toBe('efbbbf');
  });

  it('loads into the sqlite3 shell with .import --csv, and the tables join', async () => {
    if (!hasProgram('sqlite3', 'sqlite3')) return;
    const out = join(dir, 'csv-shell');
    await cli('export', '--db', db, '--format', 'csv', '--out', out, '--with-text');
    const imports = Object.keys(CSV_TABLES).map((t) => `.import --csv ${join(out, `${t}.csv`)} ${t}`);
    const joined = execFileSync(
      'sqlite3',
      [
        ':memory:',
        ...imports,
        `SELECT COUNT(*), SUM(substr(d.text, m.start + 1, m."end" - m.start) = m.text)
         FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id`,
        `SELECT COUNT(*) FROM quotes q JOIN statements s ON s.id = q.statement_id JOIN documents d ON d.id = q.document_id`,
        'SELECT COUNT(*) FROM quotes',
      ],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    const [mentions, matching] = joined[0]!.split('|').map(Number);
    expect(mentions).toBeGreaterThan(100);
    expect(matching).toBe(mentions);
    expect(joined[1]).toBe(joined[2]);
  });
});

describe('export to a path that cannot be written', () => {
  it.each([
    ['a missing folder', () => join(dir, 'no-such-folder', 'kb.jsonl'), /its folder .*no-such-folder does not exist/],
    ['a folder', () => dir, /it is a folder: give a file name/],
    ['a full disk', () => '/dev/full', /the disk is full/],
  ])('says so in one line for %s', async (_, path, reason) => {
    const { code, stderr } = await failing('export', '--db', db, '--out', path());
    expect(code).toBe(1);
    expect(stderr).toMatch(reason);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a file where csv needs a folder', async () => {
    const file = join(dir, 'a-file');
    mkdirSync(dir, { recursive: true });
    execFileSync('touch', [file]);
    const { stderr } = await failing('export', '--db', db, '--format', 'csv', '--out', file);
    expect(stderr).toMatch(/it is a file: give a folder name/);
  });

  it('ends quietly with 0 when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [CLI, 'export', '--db', db, '--with-text'], { cwd: PROJECT_ROOT });
    // Closed before anything is read, so the first write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
