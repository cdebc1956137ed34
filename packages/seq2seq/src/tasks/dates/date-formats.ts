import { checkDate, toIsoDate, weekday, type CalendarDate } from './calendar';

/** The surface forms a date is written in on the source side of the `dates` task. */
export type DateFormat =
  | 'day-month-year'
  | 'month-day-year'
  | 'mon-day-year'
  | 'day-mon-year'
  | 'weekday-month-day-year'
  | 'us-numeric'
  | 'iso'
  | 'dotted'
  | 'pt-long'
  | 'pt-weekday'
  | 'day-mon-upper-year'
  | 'mon-lower-day-year';

/** Every `DateFormat`, in the order of the README table. */
export const DATE_FORMATS: readonly DateFormat[] = [
  'day-month-year',
  'month-day-year',
  'mon-day-year',
  'day-mon-year',
  'weekday-month-day-year',
  'us-numeric',
  'iso',
  'dotted',
  'pt-long',
  'pt-weekday',
  'day-mon-upper-year',
  'mon-lower-day-year',
];

/** English month names, January first. */
export const ENGLISH_MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Portuguese month names (lower case, as written in Portuguese), janeiro first. */
export const PORTUGUESE_MONTHS: readonly string[] = [
  'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho',
  'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro',
];

/** English weekday names, Sunday first (index = `weekday()`). */
export const ENGLISH_WEEKDAYS: readonly string[] = [
  'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
];

/** Portuguese weekday names, domingo first (index = `weekday()`). */
export const PORTUGUESE_WEEKDAYS: readonly string[] = [
  'domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado',
];

/** Writes a date in one of the source forms; day numbers are unpadded in worded forms, zero-padded in numeric ones. */
export function formatDate(date: CalendarDate, format: DateFormat): string {
  checkDate(date);
  const { year, month, day } = date;
  const monthName = ENGLISH_MONTHS[month - 1];
  const mon = monthName.slice(0, 3);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  switch (format) {
    case 'day-month-year':
      return `${day} ${monthName} ${year}`;
    case 'month-day-year':
      return `${monthName} ${day}, ${year}`;
    case 'mon-day-year':
      return `${mon} ${day}, ${year}`;
    case 'day-mon-year':
      return `${day} ${mon} ${year}`;
    case 'weekday-month-day-year':
      return `${ENGLISH_WEEKDAYS[weekday(date)]}, ${monthName} ${day}, ${year}`;
    case 'us-numeric':
      return `${mm}/${dd}/${year}`;
    case 'iso':
      return toIsoDate(date);
    case 'dotted':
      return `${dd}.${mm}.${year}`;
    case 'pt-long':
      return `${day} de ${PORTUGUESE_MONTHS[month - 1]} de ${year}`;
    case 'pt-weekday':
      return `${PORTUGUESE_WEEKDAYS[weekday(date)]}, ${day} de ${PORTUGUESE_MONTHS[month - 1]} de ${year}`;
    case 'day-mon-upper-year':
      return `${day} ${mon.toUpperCase()} ${year}`;
    case 'mon-lower-day-year':
      return `${mon.toLowerCase()} ${day} ${year}`;
  }
}
