import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'advisory-kb-library-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The README's library example, as a reader copies it. */
function readmeExample(): string {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use as a library'));
  return /```js\n([\s\S]*?)```/.exec(section)![1]!;
}

describe('advisory-kb as a library', () => {
  it("runs the README's example in another project after npm install /path/to/advisory-kb", async () => {
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ name: 'uses-advisory-kb', type: 'module', private: true }),
    );
    await run('npm', ['install', PROJECT_ROOT, '--no-audit', '--no-fund', '--offline'], { cwd: folder });
    writeFileSync(join(folder, 'example.mjs'), readmeExample());
    const { stdout } = await run(process.execPath, ['example.mjs'], { cwd: folder });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('de Claudia Plattner 2025-03-03');
    expect(lines[1]).toBe('14 files read in run 1');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(2)) expect(line).toMatch(/^2024-\d\d-\d\d /);
  }, 60_000);

  it('ships the declarations its exports name', () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      exports: { '.': { types: string; default: string } };
    };
    const types = readFileSync(join(PROJECT_ROOT, manifest.exports['.'].types), 'utf8');
    for (const name of ['createPipeline', 'importPaths', 'openKnowledgeBase'])
      expect(types).toMatch(new RegExp(`export declare function ${name}\\b`));
  });
});
