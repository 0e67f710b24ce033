/**
 * Why a date a user typed (YYYY, YYYY-MM or YYYY-MM-DD) is not one, or null: the CLI's `--from`/`--to` and the
 * explorer's date filters refuse the same dates with the same words.
 */
export function calendarDateProblem(value: string): string | null {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return 'expected YYYY, YYYY-MM or YYYY-MM-DD';
  const [year, month = 1, day = 1] = value.split('-').map(Number);
  // The calendar decides: Date moves 2024-02-30 to March, so a date that does not come back unchanged does not exist.
  const date = new Date(Date.UTC(year!, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return `${value} is not a date of the calendar`;
  return null;
}
