import { RnnkitError } from '@rnnkit/common';
import { readFileSync } from 'node:fs';
import { type ParseOptions, parseSeriesCsv } from './parse-series';
import type { SeriesData } from './series';

/** Reads and parses a CSV file of series (see {@link parseSeriesCsv}); a file that cannot be read is `UNREADABLE`. */
export function readSeriesFile(file: string, options: Omit<ParseOptions, 'file'> = {}): SeriesData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
    throw new RnnkitError('UNREADABLE', `${reason}: give the path of a CSV file`, { file, cause: err });
  }
  return parseSeriesCsv(text, { ...options, file });
}
