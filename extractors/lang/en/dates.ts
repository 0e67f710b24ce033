/** English date vocabulary for extractors/dates.ts; the same shape as the German pack. */
export const DATE_WORDS = {
  monthContext: ['in', 'since', 'until', 'till', 'by', 'from', 'early', 'late', 'mid', 'mid-', 'between', 'during', 'through', 'last', 'next', 'this', 'and', 'or', 'to', 'of', 'before', 'after', 'end of', 'beginning of', 'the end of', 'in early', 'in late', 'in mid', 'in mid-', 'since early', 'since late'],
  modifiers: ['early', 'late', 'mid-', 'mid', 'the end of', 'the beginning of', 'the start of', 'the middle of', 'the first half of', 'the second half of', 'spring', 'summer', 'fall', 'autumn', 'winter'],
  yearNouns: ['Fiscal Year', 'fiscal year', 'FY', 'year', 'the year'],
  monthYearPhrases: {
    'this year': 'current',
    'of this year': 'current',
    'that year': 'previous-mention',
    'of that year': 'previous-mention',
    'the same year': 'previous-mention',
    'of the same year': 'previous-mention',
    'last year': 'last',
    'of last year': 'last',
    'next year': 'next',
    'of next year': 'next',
  } as Record<string, 'current' | 'previous-mention' | 'last' | 'next'>,
  relativeYears: { 'this year': 0, 'last year': -1, 'next year': 1, 'the previous year': -1, 'the past year': -1, 'This year': 0, 'Last year': -1, 'Next year': 1 } as Record<string, number>,
  relativeDays: { today: 0, Today: 0, yesterday: -1, Yesterday: -1, tomorrow: 1, Tomorrow: 1 } as Record<string, number>,
  futureWeekday: ['next', 'this coming', 'coming'],
  rangeConnectors: ['to', 'through', 'and', 'or', 'until', '-', '–', '/'],
  contextYears: { 'the end of the year': 0, 'the beginning of the year': 0, 'later that year': 0, 'that same year': 0, 'the same year': 0, 'the following year': 1 } as Record<string, number>,
  /** English puts years before nouns too ("the 2020 election"): no count rule. */
  countBefore: [] as string[],
  notYearBefore: ['§', 'No.', 'Nos.', 'No', 'Number', 'number', 'Section', 'section', 'Sec.', 'sec.', 'Article', 'article', 'Order', 'order', 'Rule', 'Chapter', 'Title', 'Part', 'Resolution', 'page', 'p.', 'about', 'around', 'over', 'more than', 'fewer than', 'less than', 'nearly', 'almost', 'some', 'up to', 'roughly', 'approximately', 'at least', 'least', 'than', 'Suite', 'Room', 'Box', 'CFR', 'U.S.C.', 'USC'],
  notYearAfter: ['percent', '%', 'dollars', 'euros', 'pounds', 'people', 'persons', 'employees', 'staff', 'troops', 'soldiers', 'deaths', 'victims', 'customers', 'users', 'devices', 'systems', 'companies', 'cases', 'reports', 'times', 'meters', 'miles', 'kilometers', 'km', 'units', 'residents', 'hours', 'minutes', 'days', 'years', 'U.S.C.', 'CFR'],
};

/** How English writes dates: "June 20, 2024", "20 June 2024", "the 20th of June", "06/20/2024" (month first). */
export const DATE_SYNTAX = {
  ordinalSuffix: '(?:st|nd|rd|th)?',
  dayArticle: 'the',
  dayMonthJoiner: 'of\\s+',
  monthBeforeDay: true,
  numericDayFirst: false,
  numericYearlessContext: [] as string[],
};
