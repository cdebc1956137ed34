import { RnnkitError } from '@rnnkit/common';
import { parseSeriesCsv } from './parse-series';

function badInput(text: string): string {
  try {
    parseSeriesCsv(text, { file: 'x.csv' });
  } catch (err) {
    expect(err).toBeInstanceOf(RnnkitError);
    expect((err as RnnkitError).code).toBe('BAD_INPUT');
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseSeriesCsv, wide layout', () => {
  it('reads the M4 layout: quoted header, series of different lengths, trailing cells empty', () => {
    const data = parseSeriesCsv('"V1","V2","V3","V4"\n"H1",1,2,3\n"H2",4,5,,\n');
    expect(data.layout).toBe('wide');
    expect(data.series.map((s) => [s.id, Array.from(s.values)])).toEqual([['H1', [1, 2, 3]], ['H2', [4, 5]]]);
  });

  it('reads rows without a header and interpolates interior missing values, reporting them', () => {
    const data = parseSeriesCsv('a,1,,,4,NA,8\nb,2,3\n');
    expect(Array.from(data.series[0].values)).toEqual([1, 2, 3, 4, 6, 8]);
    expect(data.notes).toEqual(['series "a": 3 missing value(s) interpolated']);
  });

  it('refuses NaN, Infinity and text, naming line and column', () => {
    expect(badInput('a,1,NaN,3\n')).toBe('x.csv: line 1, column 3: "NaN" is not a finite number; leave missing values empty');
    expect(badInput('a,1,2\nb,Inf,3\n')).toContain('line 2, column 2: "Inf" is not a finite number');
    expect(badInput('a,1,2\nb,1,two\n')).toContain('line 2, column 3: "two" is not a number');
  });

  it('refuses a file without values, an all-zero series and a repeated id', () => {
    expect(badInput('')).toContain('is empty');
    expect(badInput('"V1","V2"\n"a",\n')).toContain('holds no numeric values');
    expect(badInput('a,1,2\nb,0,0,0\n')).toBe('x.csv: series "b" is all zeros: it has no scale to forecast from; remove it');
    expect(badInput('a,1\na,2\n')).toContain('series "a" appears twice');
  });
});

describe('parseSeriesCsv, long layout', () => {
  it('reads rows in any order, infers the frequency, fills gaps and reports them', () => {
    const text = 'id,timestamp,value\nb,2024-01-02,5\na,2024-01-01T01:00,2\na,2024-01-01T00:00,1\na,2024-01-01T04:00,5\nb,2024-01-01,4\n';
    const data = parseSeriesCsv(text);
    expect(data.layout).toBe('long');
    expect(data.frequency).toBe('hourly');
    const a = data.series.find((s) => s.id === 'a')!;
    expect(Array.from(a.values)).toEqual([1, 2, 3, 4, 5]);
    expect(a.start).toBe(Date.UTC(2024, 0, 1, 0));
    expect(data.notes).toContain('series "a": 2 timestamp(s) absent from the grid (filled by interpolation)');
  });

  it('steps monthly series by calendar month', () => {
    const data = parseSeriesCsv('unique_id,ds,y\nm,2020-01,1\nm,2020-02,2\nm,2020-04,4\nm,2020-05,5\n');
    expect(data.frequency).toBe('monthly');
    expect(Array.from(data.series[0].values)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses duplicate timestamps, off-grid timestamps and unparsable dates', () => {
    expect(badInput('id,date,value\na,2024-01-01,1\na,2024-01-01,2\na,2024-01-02,3\n')).toContain('has this timestamp twice');
    expect(badInput('id,date,value\na,2024-01-01,1\na,2024-01-02,2\na,2024-01-03,2\na,2024-01-03T12:00,3\n')).toContain('off the daily grid');
    expect(badInput('id,date,value\na,yesterday,1\n')).toContain('timestamp "yesterday" is not an ISO date');
  });
});
