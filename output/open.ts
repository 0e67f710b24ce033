import type { KnowledgeBase, KnowledgeBaseReader, NearDuplicateRule } from './knowledge-base.js';
import { withoutPassword } from './postgres/connection.js';
import { isPostgresUrl, PostgresKnowledgeBase } from './postgres/store.js';
import { SqliteKnowledgeBase } from './sqlite/store.js';

/**
 * Where a knowledge base is and which backend holds it: a postgres:// (or postgresql://) URL names a database on a
 * PostgreSQL server, anything else an SQLite file.
 */

/** Opens a knowledge base for an import, creating and migrating it as needed. */
export function openKnowledgeBase(location: string, nearDuplicates: NearDuplicateRule): Promise<KnowledgeBase> {
  return isPostgresUrl(location)
    ? PostgresKnowledgeBase.open(location, { nearDuplicates })
    : SqliteKnowledgeBase.open(location, { nearDuplicates });
}

/** Opens a knowledge base for queries only: it is never written, and an import may run meanwhile. */
export function openKnowledgeBaseReader(location: string): Promise<KnowledgeBaseReader> {
  return isPostgresUrl(location)
    ? PostgresKnowledgeBase.open(location, { readonly: true })
    : SqliteKnowledgeBase.open(location, { readonly: true });
}

/** A location as messages show it: a server URL without its password. */
export const displayLocation = (location: string) => (isPostgresUrl(location) ? withoutPassword(location) : location);

export { isPostgresUrl };
