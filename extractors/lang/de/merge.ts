import type { MergeWords } from '../pack.js';

/** German vocabulary for extractors/merge.ts: how one entity's names vary across documents. */
export const MERGE_WORDS: MergeWords['MERGE_WORDS'] = {
  /** Umlauts as German writes them without the diacritic ("Schönbohm" = "Schoenbohm"). */
  spellingFolds: { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' },
  /** Trailing words that describe a company rather than name it ("Kaspersky Gruppe", "Schwarz Holding"). */
  companyDescriptors: ['Gruppe', 'Holding', 'Konzern'],
};
