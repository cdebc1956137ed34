import { SPLITS } from '../types';
import { englishNumberWords } from './english-number-words';
import { numberSplit, numbersEnTask, numbersPtTask } from './numbers-task';
import { portugueseNumberWords } from './portuguese-number-words';

describe('numbers tasks', () => {
  it('keep 0-99 in train and split the rest near 80/10/10', () => {
    for (let n = 0; n < 100; n++) expect(numberSplit(n)).toBe('train');
    let test = 0;
    for (let n = 100; n <= 999_999; n++) if (numberSplit(n) === 'test') test++;
    expect(test / 999_900).toBeGreaterThan(0.09);
    expect(test / 999_900).toBeLessThan(0.11);
  });

  it.each([
    ['numbers-en', numbersEnTask, englishNumberWords],
    ['numbers-pt', numbersPtTask, portugueseNumberWords],
  ] as const)('%s: targets spell their sources; sources stay in their split, so splits are disjoint', (_name, task, spell) => {
    const sources = Object.fromEntries(SPLITS.map((s) => [s, new Set<string>()]));
    for (const split of SPLITS) {
      for (const { source, target } of task.generate(split, 2000, 4)) {
        expect(source).toMatch(/^(0|[1-9]\d{0,5})$/);
        expect(target).toBe(spell(Number(source)));
        expect(numberSplit(Number(source))).toBe(split);
        sources[split].add(source);
      }
    }
    for (const s of sources.test) expect(sources.train.has(s) || sources.validation.has(s)).toBe(false);
    for (const s of sources.validation) expect(sources.train.has(s)).toBe(false);
  });

  it('draw every digit length (1-6 in train) and are deterministic and prefix-stable', () => {
    const train = numbersEnTask.generate('train', 600, 2);
    expect(new Set(train.map((p) => p.source.length))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(numbersEnTask.generate('train', 600, 2)).toEqual(train);
    expect(numbersEnTask.generate('train', 100, 2)).toEqual(train.slice(0, 100));
    expect(numbersPtTask.generate('test', 50, 2)).not.toEqual(numbersPtTask.generate('test', 50, 3));
  });
});
