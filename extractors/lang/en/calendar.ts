import type { CalendarWords } from '../pack.js';

/** English month and weekday names as texts write them (full and abbreviated), lowercased. */
export const MONTHS: CalendarWords['MONTHS'] = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** English weekday names, lowercased → 0 (Sunday)..6. */
export const WEEKDAYS: CalendarWords['WEEKDAYS'] = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
