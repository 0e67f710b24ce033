import type { KnowledgeBase, KnowledgeBaseReader, NearDuplicateRule } from './knowledge-base.js';
import { SqliteKnowledgeBase } from './sqlite/store.js';

/**
 * Where a knowledge base is and which backend holds it. Today every location is an SQLite file; a server backend
 * would be chosen here by its URL scheme.
 */

/** Opens a knowledge base for an import, creating and migrating it as needed. */
export function openKnowledgeBase(location: string, nearDuplicates: NearDuplicateRule): Promise<KnowledgeBase> {
  return SqliteKnowledgeBase.open(location, { nearDuplicates });
}

/** Opens a knowledge base for queries only: it is never written, and an import may run meanwhile. */
export function openKnowledgeBaseReader(location: string): Promise<KnowledgeBaseReader> {
  return SqliteKnowledgeBase.open(location, { readonly: true });
}
