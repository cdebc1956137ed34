import { createRng } from '@rnnkit/common';
import { drawAccepted, generatorFor, pick, randomInt } from './random';
import { TaskError } from './task-error';
import type { Split } from './types';

describe('randomInt and pick', () => {
  it('give roughly uniform integers (each of 10 values within 10% of n/10 over 50000 draws), ends included', () => {
    const rng = createRng(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 50000; i++) counts[randomInt(rng, 0, 9)]++;
    for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(500);
    const picked = new Set(Array.from({ length: 200 }, () => pick(rng, ['a', 'b', 'c'])));
    expect([...picked].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('generatorFor', () => {
  it('rejects a bad split, count or seed with a TaskError naming the task', () => {
    expect(() => generatorFor('dates', 'dev' as Split, 1, 0)).toThrow(TaskError);
    expect(() => generatorFor('dates', 'dev' as Split, 1, 0)).toThrow(/dates: split must be one of/);
    expect(() => generatorFor('dates', 'train', -1, 0)).toThrow(/count must be a non-negative integer/);
    expect(() => generatorFor('dates', 'train', 1.5, 0)).toThrow(/count/);
    expect(() => generatorFor('dates', 'train', 1, Number.NaN)).toThrow(/seed must be an integer/);
  });

  it('gives separate streams per task and split for one seed', () => {
    const first = (task: string, split: Split) => generatorFor(task, split, 1, 5).next();
    expect(first('dates', 'train')).not.toBe(first('dates', 'test'));
    expect(first('dates', 'train')).not.toBe(first('en-pt', 'train'));
    expect(first('dates', 'train')).toBe(first('dates', 'train'));
  });
});

describe('drawAccepted', () => {
  it('keeps only accepted draws, in order, until count', () => {
    let i = 0;
    expect(drawAccepted(3, () => i++, (x) => x % 2 === 1)).toEqual([1, 3, 5]);
  });
});
