import { splitOfKey } from '../hash-split';
import { generatorFor, pick } from '../random';
import type { Pair, Split, Task } from '../types';
import { FIRST_YEAR, LAST_YEAR, allDates, daysInMonth, toIsoDate, type CalendarDate } from './calendar';
import { DATE_FORMATS, formatDate } from './date-formats';

/** The split a date belongs to: `splitOfKey` of its ISO form, so a test date never occurs in train in any form. */
export function dateSplit(date: CalendarDate): Split {
  return splitOfKey(toIsoDate(date));
}

const datesBySplit = new Map<Split, readonly CalendarDate[]>();

function datesOf(split: Split): readonly CalendarDate[] {
  let dates = datesBySplit.get(split);
  if (!dates) {
    dates = allDates().filter((d) => dateSplit(d) === split);
    datesBySplit.set(split, dates);
  }
  return dates;
}

/** Why an output is not a real calendar date `YYYY-MM-DD` in the task's years, or null when it is one. */
export function isoDateProblem(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const real = m !== null && year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return real ? null : `the model read it as ${JSON.stringify(text)}, which is not a date in ${FIRST_YEAR}-${LAST_YEAR}: the input is probably not a date it knows how to read`;
}

/**
 * `dates`: a date written in one of twelve English/Portuguese/numeric forms → ISO `YYYY-MM-DD`, years 1900–2099.
 * Each pair draws a date uniformly from the split's dates and a form uniformly from `DATE_FORMATS`.
 */
export const datesTask: Task = {
  name: 'dates',
  description: 'a date in one of 12 written forms (1900-2099) -> ISO YYYY-MM-DD',
  checkTarget: isoDateProblem,
  generate(split: Split, count: number, seed: number): Pair[] {
    const rng = generatorFor('dates', split, count, seed);
    const pool = datesOf(split);
    return Array.from({ length: count }, () => {
      const date = pick(rng, pool);
      return { source: formatDate(date, pick(rng, DATE_FORMATS)), target: toIsoDate(date) };
    });
  },
};
