import { SPLITS } from '../types';
import { allDates, toIsoDate } from './calendar';
import { DATE_FORMATS, formatDate } from './date-formats';
import { dateSplit, datesTask } from './dates-task';

describe('datesTask', () => {
  it('partitions the 73,049 days into disjoint splits near 80/10/10', () => {
    const bySplit = { train: new Set<string>(), validation: new Set<string>(), test: new Set<string>() };
    for (const d of allDates()) bySplit[dateSplit(d)].add(toIsoDate(d));
    const total = allDates().length;
    expect(bySplit.train.size + bySplit.validation.size + bySplit.test.size).toBe(total);
    expect(bySplit.test.size / total).toBeGreaterThan(0.09);
    expect(bySplit.test.size / total).toBeLessThan(0.11);
    expect(bySplit.validation.size / total).toBeGreaterThan(0.09);
  });

  it('generates only dates of the asked split, so no test date appears in train', () => {
    const targets = Object.fromEntries(SPLITS.map((s) => [s, new Set(datesTask.generate(s, 3000, 1).map((p) => p.target))]));
    for (const iso of targets.test) expect(targets.train.has(iso)).toBe(false);
    for (const iso of targets.validation) expect(targets.train.has(iso) || targets.test.has(iso)).toBe(false);
    for (const split of SPLITS) {
      for (const iso of targets[split]) {
        const [year, month, day] = iso.split('-').map(Number);
        expect(dateSplit({ year, month, day })).toBe(split);
      }
    }
  });

  it('is deterministic, prefix-stable and seed-dependent', () => {
    const a = datesTask.generate('train', 200, 9);
    expect(datesTask.generate('train', 200, 9)).toEqual(a);
    expect(datesTask.generate('train', 50, 9)).toEqual(a.slice(0, 50));
    expect(datesTask.generate('train', 200, 10)).not.toEqual(a);
    expect(datesTask.generate('test', 0, 9)).toEqual([]);
  });

  it('pairs each source with its own date, using every form', () => {
    const pairs = datesTask.generate('validation', 2000, 3);
    const used = new Set<string>();
    for (const { source, target } of pairs) {
      const [year, month, day] = target.split('-').map(Number);
      const format = DATE_FORMATS.find((f) => formatDate({ year, month, day }, f) === source);
      expect(format).toBeDefined();
      used.add(format as string);
    }
    expect(used.size).toBe(DATE_FORMATS.length);
  });
});
