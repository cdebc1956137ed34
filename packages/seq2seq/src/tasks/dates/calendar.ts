import { TaskError } from '../task-error';

/** A day of the proleptic Gregorian calendar; `month` is 1–12, `day` 1–31. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** First and last year of the `dates` task. */
export const FIRST_YEAR = 1900;
/** Last year (inclusive) of the `dates` task. */
export const LAST_YEAR = 2099;

/** Gregorian leap-year rule (1900 is not a leap year, 2000 is). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Throws a `TaskError` unless `date` is a real day in the task's year range. */
export function checkDate(date: CalendarDate): void {
  const { year, month, day } = date;
  const ok =
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!ok) {
    throw new TaskError('OUT_OF_RANGE', `not a date in ${FIRST_YEAR}-${LAST_YEAR}: ${JSON.stringify(date)}`);
  }
}

/**
 * Day of the week, 0 = Sunday … 6 = Saturday. Counts days from 1 January 1900 (a Monday) so the result does not
 * depend on JavaScript's `Date`, which the tests use as the independent reference.
 */
export function weekday(date: CalendarDate): number {
  checkDate(date);
  let days = 0;
  for (let y = FIRST_YEAR; y < date.year; y++) days += isLeapYear(y) ? 366 : 365;
  for (let m = 1; m < date.month; m++) days += daysInMonth(date.year, m);
  days += date.day - 1;
  return (1 + days) % 7;
}

/** `YYYY-MM-DD`. */
export function toIsoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

let cachedDates: readonly CalendarDate[] | undefined;

/** Every day from 1900-01-01 to 2099-12-31 in order (73,049 days), built once. */
export function allDates(): readonly CalendarDate[] {
  if (!cachedDates) {
    const dates: CalendarDate[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (let month = 1; month <= 12; month++) {
        const n = daysInMonth(year, month);
        for (let day = 1; day <= n; day++) dates.push({ year, month, day });
      }
    }
    cachedDates = dates;
  }
  return cachedDates;
}
