import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { migrate, openConnection } from '../../output/sqlite/connection.js';

/** The README's schema table: each row's backticked names (first cell) and backticked columns (last cell). */
function documentedColumns(): Map<string, string> {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Knowledge base schema'), readme.indexOf('## JSON export'));
  const documented = new Map<string, string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const cells = row.split(' | ');
    for (const [, name] of cells[0]!.matchAll(/`([a-z_]+)`/g)) documented.set(name!, cells.at(-1)!);
  }
  return documented;
}

describe("the README's schema", () => {
  it('documents every table and view the migrations create, with every column', async () => {
    const db = await openConnection(':memory:', false);
    await migrate(db);
    const objects = await db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts_%' ORDER BY name",
    );
    const documented = documentedColumns();
    const missing: string[] = [];
    for (const { name } of objects) {
      const row = documented.get(name);
      if (!row) missing.push(name);
      const columns = await db.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', [name]);
      for (const column of columns)
        if (row && !row.includes(`\`${column.name}\``)) missing.push(`${name}.${column.name}`);
    }
    await db.close();
    expect(missing).toEqual([]);
    expect(objects.length).toBeGreaterThan(25);
  });
});
