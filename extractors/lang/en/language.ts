/** English vocabulary for extractors/language.ts. */
export const LANGUAGE_WORDS = {
  /**
   * Frequent function words that German does not use (so no "in", "an", "am", "so", "also", "war", "will", "was"),
   * and that German texts do not borrow as names or acronyms ("IT-Sicherheit", "WHO", "New York", "in der Not").
   */
  functionWords: [
    'the', 'and', 'of', 'to', 'is', 'that', 'for', 'with', 'on', 'by', 'as', 'are', 'be', 'this', 'from', 'at', 'have', 'has',
    'were', 'which', 'or', 'but', 'they', 'their', 'its', 'would', 'been', 'said', 'more', 'after', 'about', 'than',
    'into', 'over', 'these', 'there', 'can', 'could', 'should', 'under', 'between', 'against', 'since', 'while', 'other', 'such', 'our',
    'we', 'you', 'he', 'she', 'his', 'them', 'had', 'did', 'does', 'any', 'must', 'according',
  ],
};
