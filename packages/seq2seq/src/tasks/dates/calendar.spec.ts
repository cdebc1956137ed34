import { TaskError } from '../task-error';
import { allDates, checkDate, daysInMonth, isLeapYear, toIsoDate, weekday } from './calendar';

const MS_PER_DAY = 86_400_000;

describe('calendar', () => {
  it('lists every day 1900-01-01..2099-12-31 once, in order (count and each day checked with JS Date in UTC)', () => {
    const dates = allDates();
    const first = Date.UTC(1900, 0, 1);
    expect(dates.length).toBe((Date.UTC(2099, 11, 31) - first) / MS_PER_DAY + 1);
    const mismatches = dates.filter((d, i) => {
      const js = new Date(first + i * MS_PER_DAY);
      return d.year !== js.getUTCFullYear() || d.month !== js.getUTCMonth() + 1 || d.day !== js.getUTCDate();
    });
    expect(mismatches).toEqual([]);
  });

  it('computes the true weekday of every day (JS Date getUTCDay as reference)', () => {
    const mismatches = allDates().filter((d) => weekday(d) !== new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay());
    expect(mismatches).toEqual([]);
  });

  it('knows the leap-year exceptions and month lengths', () => {
    expect([isLeapYear(1900), isLeapYear(2000), isLeapYear(2024), isLeapYear(2100)]).toEqual([false, true, true, false]);
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([28, 29, 30, 31]);
  });

  it('writes ISO dates zero-padded', () => {
    expect(toIsoDate({ year: 1901, month: 2, day: 3 })).toBe('1901-02-03');
  });

  it('rejects days outside the calendar or the year range with a TaskError', () => {
    const bad = [[1899, 12, 31], [2100, 1, 1], [2023, 2, 29], [2024, 13, 1], [2024, 1, 0.5]];
    for (const [year, month, day] of bad) expect(() => checkDate({ year, month, day })).toThrow(TaskError);
    expect(() => weekday({ year: 1900, month: 2, day: 29 })).toThrow(/not a date in 1900-2099/);
  });
});
