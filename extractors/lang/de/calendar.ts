import type { CalendarWords } from '../pack.js';

/** German month and weekday names as texts write them (full, abbreviated, Austrian "Jänner"), lowercased. */
export const MONTHS: CalendarWords['MONTHS'] = {
  januar: 1,
  jänner: 1,
  jan: 1,
  februar: 2,
  feber: 2,
  feb: 2,
  märz: 3,
  maerz: 3,
  mär: 3,
  mrz: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
};

/** German weekday names, lowercased → 0 (Sunday)..6. */
export const WEEKDAYS: CalendarWords['WEEKDAYS'] = {
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonnabend: 6,
};
