import { allDates, toIsoDate, type CalendarDate } from './calendar';
import { DATE_FORMATS, formatDate, type DateFormat } from './date-formats';

// An independent reader of every source form, written from the examples rather than from formatDate.
// It returns the ISO date and, where the text names one, the weekday index (Sunday = 0).
const EN_MONTHS = 'january february march april may june july august september october november december'.split(' ');
const PT_MONTHS = 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro'.split(' ');
const EN_DAYS = 'sunday monday tuesday wednesday thursday friday saturday'.split(' ');
const PT_DAYS = ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'];

function monthOf(word: string): number {
  const w = word.toLowerCase();
  const full = EN_MONTHS.indexOf(w);
  const abbrev = EN_MONTHS.findIndex((m) => m.slice(0, 3) === w);
  const pt = PT_MONTHS.indexOf(word);
  const index = full >= 0 ? full : abbrev >= 0 ? abbrev : pt;
  if (index < 0) throw new Error(`no month ${word}`);
  return index + 1;
}

function parse(text: string): { iso: string; weekday?: number } {
  const iso = (y: string, m: number | string, d: string) => `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return { iso: text };
  if ((m = text.match(/^(\d{2})\/(\d{2})\/(\d{4})$/))) return { iso: iso(m[3], m[1], m[2]) };
  if ((m = text.match(/^(\d{2})\.(\d{2})\.(\d{4})$/))) return { iso: iso(m[3], m[2], m[1]) };
  if ((m = text.match(/^([\p{Ll}-]+), (\d{1,2}) de (\p{Ll}+) de (\d{4})$/u))) {
    return { iso: iso(m[4], monthOf(m[3]), m[2]), weekday: PT_DAYS.indexOf(m[1]) };
  }
  if ((m = text.match(/^(\d{1,2}) de (\p{Ll}+) de (\d{4})$/u))) return { iso: iso(m[3], monthOf(m[2]), m[1]) };
  if ((m = text.match(/^([A-Z][a-z]+), ([A-Z][a-z]+) (\d{1,2}), (\d{4})$/))) {
    return { iso: iso(m[4], monthOf(m[2]), m[3]), weekday: EN_DAYS.indexOf(m[1].toLowerCase()) };
  }
  if ((m = text.match(/^([A-Za-z]+) (\d{1,2}),? (\d{4})$/))) return { iso: iso(m[3], monthOf(m[1]), m[2]) };
  if ((m = text.match(/^(\d{1,2}) ([A-Za-z]+) (\d{4})$/))) return { iso: iso(m[3], monthOf(m[2]), m[1]) };
  throw new Error(`unreadable date ${JSON.stringify(text)}`);
}

const jsWeekday = (d: CalendarDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

describe('formatDate', () => {
  it('writes 2026-11-27 exactly as the issue lists the forms', () => {
    const date = { year: 2026, month: 11, day: 27 };
    const expected: Record<DateFormat, string> = {
      'day-month-year': '27 November 2026',
      'month-day-year': 'November 27, 2026',
      'mon-day-year': 'Nov 27, 2026',
      'day-mon-year': '27 Nov 2026',
      'weekday-month-day-year': 'Friday, November 27, 2026',
      'us-numeric': '11/27/2026',
      iso: '2026-11-27',
      dotted: '27.11.2026',
      'pt-long': '27 de novembro de 2026',
      'pt-weekday': 'sexta-feira, 27 de novembro de 2026',
      'day-mon-upper-year': '27 NOV 2026',
      'mon-lower-day-year': 'nov 27 2026',
    };
    for (const format of DATE_FORMATS) expect(formatDate(date, format)).toBe(expected[format]);
    expect(DATE_FORMATS.length).toBe(12);
  });

  it('pads numeric forms and leaves worded day numbers unpadded', () => {
    const date = { year: 1905, month: 3, day: 4 };
    expect(formatDate(date, 'us-numeric')).toBe('03/04/1905');
    expect(formatDate(date, 'dotted')).toBe('04.03.1905');
    expect(formatDate(date, 'pt-long')).toBe('4 de março de 1905');
    expect(formatDate(date, 'mon-lower-day-year')).toBe('mar 4 1905');
  });

  it('every form of every 3rd day reads back to the same ISO date with the true weekday', () => {
    const failures: string[] = [];
    allDates().forEach((date, i) => {
      if (i % 3 !== 0) return;
      for (const format of DATE_FORMATS) {
        const text = formatDate(date, format);
        const read = parse(text);
        if (read.iso !== toIsoDate(date)) failures.push(`${text} -> ${read.iso}`);
        if (read.weekday !== undefined && read.weekday !== jsWeekday(date)) failures.push(`${text}: wrong weekday`);
      }
    });
    expect(failures).toEqual([]);
  });

  it('names a weekday in exactly the two weekday forms', () => {
    const date = { year: 2000, month: 2, day: 29 };
    const withWeekday = DATE_FORMATS.filter((f) => parse(formatDate(date, f)).weekday !== undefined);
    expect(withWeekday).toEqual(['weekday-month-day-year', 'pt-weekday']);
  });
});
