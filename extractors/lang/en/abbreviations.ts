/** English abbreviations after which a period does not end a sentence (lowercased, without the final period). */
export const ABBREVIATIONS: readonly string[] = [
  'adm', 'apr', 'aug', 'capt', 'cmdr', 'co', 'col', 'corp', 'dec', 'dept', 'dr', 'e', 'feb', 'gen', 'gov', 'hon', 'i',
  'inc', 'jan', 'jr', 'jul', 'jun', 'lt', 'ltd', 'maj', 'mar', 'messrs', 'mr', 'mrs', 'ms', 'mt', 'no', 'nos', 'nov',
  'oct', 'op', 'pp', 'prof', 'rep', 'reps', 'rev', 'sec', 'sen', 'sens', 'sep', 'sept', 'sgt', 'sr', 'st', 'supt',
  'u', 's', 'vs', 'viz', 'ft', 'fig', 'approx', 'est', 'ave', 'blvd', 'ch', 'cf', 'pres', 'amb', 'atty', 'cong',
];

/** Words after which a number with a period is an ordinal; English writes none, the list is empty by design. */
export const ORDINAL_CONTEXT: readonly string[] = [];
