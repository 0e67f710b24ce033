/**
 * German abbreviations after which a period does not end a sentence (lowercased, without the final period;
 * multi-part ones like "z. B." are listed by their parts, each of which is a single letter).
 */
export const ABBREVIATIONS: readonly string[] = [
  'abs', 'abt', 'allg', 'anm', 'art', 'aufl', 'bd', 'bspw', 'bzgl', 'bzw', 'ca', 'chr', 'dipl', 'dr', 'evtl', 'f', 'ff',
  'frl', 'geb', 'gem', 'ggf', 'hr', 'hrn', 'hrsg', 'inkl', 'ing', 'jh', 'jhd', 'kap', 'lt', 'max', 'med', 'mio', 'mrd',
  'nr', 'o', 'pkt', 'prof', 'rd', 's', 'sog', 'st', 'str', 'tel', 'u', 'usw', 'v', 'vgl', 'vs', 'z', 'zb', 'ziff', 'zzgl',
  'ehem', 'gez', 'insb', 'bes', 'mind', 'gegr', 'verh', 'abg', 'ltd', 'inc', 'corp', 'co',
];

/** Words after which a number with a period is an ordinal, not a sentence end ("am 20. Juli", "im 3. Quartal"). */
export const ORDINAL_CONTEXT: readonly string[] = [
  'am', 'im', 'vom', 'zum', 'bis', 'ab', 'seit', 'der', 'die', 'das', 'dem', 'den', 'des', 'zur', 'beim', 'dieser',
  'jeden', 'jedes', 'ihr', 'ihrem', 'seinem', 'seiner', 'zu',
];
