import { RnnkitError } from '@rnnkit/common';
import { FREQUENCIES, type Frequency } from '../frequency';
import { csvRows } from './csv-rows';
import { fillMissing } from './fill-missing';
import type { Series, SeriesData } from './series';

/** Options of {@link parseSeriesCsv}. */
export interface ParseOptions {
  /** The file's name, for messages. Default "input". */
  file?: string;
  /** The series' frequency; for the long layout it is inferred from the timestamps when omitted. */
  frequency?: Frequency;
}

const ID_NAMES = ['id', 'unique_id', 'series', 'series_id', 'item_id'];
const TIME_NAMES = ['timestamp', 'time', 'date', 'ds', 'datetime'];
const VALUE_NAMES = ['value', 'y', 'target'];
const MISSING = new Set(['', 'na', 'n/a', 'null']);

/**
 * Reads series from CSV text in either layout: wide (one row per series: id, then the values; an optional
 * header; shorter series leave trailing cells empty — the M4 files) or long (a header naming id, timestamp and
 * value columns, one observation per row, any order). Empty cells and NA are missing values, filled by
 * interpolation; in the long layout, timestamps missing from the regular grid are gaps, filled the same way.
 * Every repair is listed in `notes`. Text that is not a number, NaN, ±Infinity, a series of zeros only, or a
 * file without any value is a `BAD_INPUT` error naming the line.
 */
export function parseSeriesCsv(text: string, options: ParseOptions = {}): SeriesData {
  const file = options.file ?? 'input';
  const rows = csvRows(text);
  if (rows.length === 0) throw new RnnkitError('BAD_INPUT', 'is empty: expected CSV with one series per row, or id,timestamp,value rows', { file });
  const header = rows[0].cells.map((c) => c.trim().toLowerCase());
  const data = isLongHeader(header) ? parseLong(rows, header, file, options.frequency) : parseWide(rows, file);
  if (data.series.length === 0) throw new RnnkitError('BAD_INPUT', 'holds no numeric values: expected CSV with one series per row, or id,timestamp,value rows', { file });
  for (const s of data.series) {
    if (s.values.every((v) => v === 0)) {
      throw new RnnkitError('BAD_INPUT', `series "${s.id}" is all zeros: it has no scale to forecast from; remove it`, { file });
    }
  }
  return data;
}

function isLongHeader(header: string[]): boolean {
  return header.some((h) => TIME_NAMES.includes(h)) && header.some((h) => VALUE_NAMES.includes(h));
}

function parseValue(cell: string, file: string, line: number, column: number): number {
  const text = cell.trim();
  if (MISSING.has(text.toLowerCase())) return NaN;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    const what = /^[-+]?(nan|inf(inity)?)$/i.test(text) ? 'is not a finite number' : 'is not a number';
    throw new RnnkitError('BAD_INPUT', `line ${line}, column ${column}: "${text}" ${what}; leave missing values empty`, { file });
  }
  return value;
}

function cleaned(id: string, raw: ArrayLike<number>, notes: string[], start?: number): Series | null {
  const { values, interpolated, leading } = fillMissing(raw);
  if (interpolated > 0) notes.push(`series "${id}": ${interpolated} missing value(s) interpolated`);
  if (values.length === 0) {
    notes.push(`series "${id}": no values, skipped`);
    return null;
  }
  // Trailing empty cells are how the wide layout ends shorter series; empty cells before the first value are not.
  if (leading > 0 && start === undefined) notes.push(`series "${id}": ${leading} empty cell(s) before its first value dropped`);
  return { id, values, start };
}

function parseWide(rows: Array<{ line: number; cells: string[] }>, file: string): SeriesData {
  const first = rows[0].cells.slice(1).find((c) => c.trim() !== '');
  const hasHeader = first !== undefined && !Number.isFinite(Number(first.trim())) && !MISSING.has(first.trim().toLowerCase());
  const notes: string[] = [];
  const series: Series[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of hasHeader ? rows.slice(1) : rows) {
    const id = cells[0].trim();
    if (id === '') throw new RnnkitError('BAD_INPUT', `line ${line}: the first cell (the series id) is empty`, { file });
    if (seen.has(id)) throw new RnnkitError('BAD_INPUT', `line ${line}: series "${id}" appears twice`, { file });
    seen.add(id);
    const raw = cells.slice(1).map((c, k) => parseValue(c, file, line, k + 2));
    const s = cleaned(id, raw, notes);
    if (s) series.push(s);
  }
  return { series, layout: 'wide', notes };
}

function parseTime(cell: string, file: string, line: number): number {
  const text = cell.trim();
  const t = /^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+)?Z?$/.test(text) ? Date.parse(text.length === 7 ? `${text}-01` : text.replace(' ', 'T').replace(/(T[\d:.]+)$/, '$1Z')) : NaN;
  if (!Number.isFinite(t)) {
    throw new RnnkitError('BAD_INPUT', `line ${line}: timestamp "${text}" is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)`, { file });
  }
  return t;
}

function monthIndex(t: number): number {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The frequency whose step is closest to the commonest difference between neighbouring timestamps. */
function inferFrequency(times: number[][], file: string): Frequency {
  const diffs: number[] = [];
  for (const ts of times) for (let i = 1; i < ts.length; i++) diffs.push(ts[i] - ts[i - 1]);
  if (diffs.length === 0) throw new RnnkitError('BAD_INPUT', 'has no series with two timestamps: pass --freq', { file });
  diffs.sort((a, b) => a - b);
  const median = diffs[diffs.length >> 1];
  const day = 86_400_000;
  const candidates: Array<[Frequency, number]> = [['hourly', day / 24], ['daily', day], ['weekly', 7 * day], ['monthly', 30.44 * day], ['quarterly', 91.3 * day], ['yearly', 365.25 * day]];
  const [best] = candidates.reduce((a, b) => (Math.abs(Math.log(b[1] / median)) < Math.abs(Math.log(a[1] / median)) ? b : a));
  return best;
}

function parseLong(rows: Array<{ line: number; cells: string[] }>, header: string[], file: string, given?: Frequency): SeriesData {
  const idCol = header.findIndex((h) => ID_NAMES.includes(h));
  const timeCol = header.findIndex((h) => TIME_NAMES.includes(h));
  const valueCol = header.findIndex((h) => VALUE_NAMES.includes(h));
  const byId = new Map<string, Array<{ t: number; v: number; line: number }>>();
  for (const { line, cells } of rows.slice(1)) {
    const id = idCol >= 0 ? (cells[idCol] ?? '').trim() : 'series';
    if (id === '') throw new RnnkitError('BAD_INPUT', `line ${line}: the id cell is empty`, { file });
    const entry = { t: parseTime(cells[timeCol] ?? '', file, line), v: parseValue(cells[valueCol] ?? '', file, line, valueCol + 1), line };
    const list = byId.get(id) ?? [];
    list.push(entry);
    byId.set(id, list);
  }
  for (const list of byId.values()) list.sort((a, b) => a.t - b.t);
  const frequency = given ?? inferFrequency([...byId.values()].map((l) => l.map((e) => e.t)), file);
  const info = FREQUENCIES[frequency];
  const notes: string[] = [];
  const series: Series[] = [];
  for (const [id, list] of byId) {
    const t0 = list[0].t;
    const position = (t: number) => (info.stepMs ? (t - t0) / info.stepMs : (monthIndex(t) - monthIndex(t0)) / (info.stepMonths ?? 1));
    const length = Math.round(position(list[list.length - 1].t)) + 1;
    const raw = new Float64Array(length).fill(NaN);
    const filled = new Uint8Array(length);
    for (const { t, v, line } of list) {
      const p = position(t);
      // Daylight-saving shifts do not occur: timestamps are read as UTC.
      if (Math.abs(p - Math.round(p)) > 1e-6) {
        throw new RnnkitError('BAD_INPUT', `line ${line}: series "${id}" has a timestamp off the ${frequency} grid that starts at its first one`, { file });
      }
      const k = Math.round(p);
      if (filled[k]) throw new RnnkitError('BAD_INPUT', `line ${line}: series "${id}" has this timestamp twice`, { file });
      filled[k] = 1;
      raw[k] = v;
    }
    const gaps = length - list.length;
    if (gaps > 0) notes.push(`series "${id}": ${gaps} timestamp(s) absent from the grid (filled by interpolation)`);
    const firstObserved = raw.findIndex((v) => !Number.isNaN(v));
    const start = info.stepMs ? t0 + Math.max(0, firstObserved) * info.stepMs : Date.UTC(1970, monthIndex(t0) - 1970 * 12 + Math.max(0, firstObserved) * (info.stepMonths ?? 1));
    const s = cleaned(id, raw, notes, start);
    if (s) series.push(s);
  }
  return { series, layout: 'long', frequency, notes };
}
