import { RnnkitError, usageError } from '@rnnkit/common';
import { type Frequency, parseFrequency } from '../frequency';
import { readSeriesFile } from '../data/read-series-file';
import type { SeriesData } from '../data/series';
import type { CliIo } from '@rnnkit/common';

/** Parses "0.1,0.5,0.9": ascending levels strictly between 0 and 1. */
export function parseQuantiles(text: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((q) => !(q > 0 && q < 1))) {
    throw usageError(`--quantiles must list levels between 0 and 1 separated by commas, got "${text}"`);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Parses a comma-separated list of positive integers (e.g. lags). */
export function parseIntegers(flag: string, text: string): number[] {
  const values = text.split(',').filter((s) => s.trim() !== '').map((s) => Number(s.trim()));
  if (values.some((v) => !(Number.isInteger(v) && v > 0))) throw usageError(`${flag} must list positive integers separated by commas, got "${text}"`);
  return values;
}

/**
 * Reads the data file and settles its frequency: the one given, else the one its timestamps show; a wide file
 * (no timestamps) needs --freq. Repairs made to the data are reported on stderr.
 */
export function readData(file: string, freq: string | undefined, io: CliIo, name: string): { data: SeriesData; frequency: Frequency } {
  const given = freq === undefined ? undefined : parseFrequency(freq);
  const data = readSeriesFile(file, { frequency: given });
  const frequency = given ?? data.frequency;
  if (!frequency) throw usageError(`${file} has no timestamps (one series per row): pass --freq ${'hourly|daily|weekly|monthly|quarterly|yearly'}`);
  if (data.notes.length > 0) {
    const shown = data.notes.slice(0, 5).map((n) => `${name}: ${file}: ${n}\n`).join('');
    io.stderr(shown + (data.notes.length > 5 ? `${name}: ${file}: … and ${data.notes.length - 5} more repair(s)\n` : ''));
  }
  return { data, frequency };
}

/** A model trained on one frequency must not be fed another. */
export function checkFrequency(model: Frequency, data: SeriesData, file: string): void {
  if (data.frequency && data.frequency !== model) {
    throw new RnnkitError('BAD_INPUT', `holds ${data.frequency} series, but the model forecasts ${model} series`, { file });
  }
}

/** Formats a number for CSV and JSON output: 7 significant digits, as a plain number. */
export function short(v: number): number {
  return Number(v.toPrecision(7));
}
