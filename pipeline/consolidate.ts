import type { ConsolidationRules } from '../output/knowledge-base.js';
import { mergeEntities } from '../extractors/merge.js';
import { isListedOrganization } from '../extractors/lang/gazetteer/organizations.js';
import { groupStatements } from '../extractors/statements.js';

/**
 * The knowledge-base level as the extractors define it: which entities are one, which quotes are one statement.
 * The knowledge base reads what these rules take and writes what they return, in one transaction.
 */
export const CONSOLIDATION_RULES: ConsolidationRules = {
  // Entities whose identity a list gives (a gazetteer entry, a place) are never merged with each other.
  isListed(entity) {
    if (entity.type === 'location') return true;
    if (entity.type === 'agency') return !entity.key.startsWith('agency:learned:');
    return entity.type === 'organization' && isListedOrganization(entity.key);
  },
  mergeEntities,
  groupStatements,
};
