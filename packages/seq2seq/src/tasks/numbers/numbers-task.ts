import { splitOfKey } from '../hash-split';
import type { Rng } from '@rnnkit/common';
import { drawAccepted, generatorFor, randomInt } from '../random';
import type { Pair, Split, Task } from '../types';
import { englishNumberWords } from './english-number-words';
import { numberInputProblem } from './number-range';
import { portugueseNumberWords } from './portuguese-number-words';

/**
 * The split a number belongs to. 0–99 are always train: their words are the atoms every larger number is built
 * from, so holding one out would test a word the model never saw. From 100 up, `splitOfKey` of the decimal digits.
 * The rule is shared by `numbers-en` and `numbers-pt`, so a held-out number is held out in both languages.
 */
export function numberSplit(n: number): Split {
  return n < 100 ? 'train' : splitOfKey(String(n));
}

/** Draws a length of 1–6 digits uniformly (3–6 outside train), then a number of that length uniformly. */
function drawNumber(rng: Rng, split: Split): number {
  const digits = randomInt(rng, split === 'train' ? 1 : 3, 6);
  const lo = digits === 1 ? 0 : 10 ** (digits - 1);
  return randomInt(rng, lo, 10 ** digits - 1);
}

function numbersTask(name: string, language: string, spell: (n: number) => string): Task {
  return {
    name,
    description: `an integer 0-999999 in digits -> ${language} words`,
    checkSource: numberInputProblem,
    generate(split: Split, count: number, seed: number): Pair[] {
      const rng = generatorFor(name, split, count, seed);
      const numbers = drawAccepted(count, () => drawNumber(rng, split), (n) => numberSplit(n) === split);
      return numbers.map((n) => ({ source: String(n), target: spell(n) }));
    },
  };
}

/** `numbers-en`: "2500" → "two thousand five hundred". */
export const numbersEnTask: Task = numbersTask('numbers-en', 'English', englishNumberWords);

/** `numbers-pt`: "2500" → "dois mil e quinhentos". */
export const numbersPtTask: Task = numbersTask('numbers-pt', 'Portuguese', portugueseNumberWords);
