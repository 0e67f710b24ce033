import type { MergeWords } from '../pack.js';

/** English vocabulary for extractors/merge.ts: how one entity's names vary across documents. */
export const MERGE_WORDS: MergeWords['MERGE_WORDS'] = {
  /** Letters written in another way in this language's texts; accents are folded for every language anyway. */
  spellingFolds: {},
  /** Trailing words that describe a company rather than name it ("Kaspersky Lab", "Huawei Technologies"). */
  companyDescriptors: [
    'Lab',
    'Labs',
    'Laboratory',
    'Laboratories',
    'Group',
    'Holding',
    'Holdings',
    'Technologies',
    'Technology',
    'Company',
    'International',
  ],
};
