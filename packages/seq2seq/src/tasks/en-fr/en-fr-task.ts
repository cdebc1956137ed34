import { generatorFor } from '../random';
import { TaskError } from '../task-error';
import type { Pair, Split, Task } from '../types';
import type { TatoebaCorpus, TatoebaEntry } from './tatoeba';
import { readTatoebaFile } from './tatoeba-file';

/** Training pairs longer than this many words on either side are left out (107 of 128,824 lines of fra.txt). */
export const EN_FR_MAX_TRAIN_WORDS = { english: 20, french: 24 } as const;

function words(text: string): number {
  return text.split(' ').length;
}

/** The pairs `en-fr` trains on: every translation of every train sentence within `EN_FR_MAX_TRAIN_WORDS`. */
export function enFrTrainingPairs(corpus: TatoebaCorpus): Pair[] {
  return corpus.train.flatMap((e) =>
    e.french
      .filter((f) => words(e.english) <= EN_FR_MAX_TRAIN_WORDS.english && words(f) <= EN_FR_MAX_TRAIN_WORDS.french)
      .map((f) => ({ source: e.english, target: f })),
  );
}

function heldOut(entry: TatoebaEntry): Pair {
  return { source: entry.english, target: entry.french[0], references: entry.french };
}

/**
 * The `en-fr` task over a corpus loaded on first use by `load`. Train draws single English–French pairs uniformly
 * with replacement (pairs within the length limit of `EN_FR_MAX_TRAIN_WORDS`); validation and test go through
 * their distinct English sentences in an order fixed by the seed — each once before any repeats — and carry every
 * French translation as a reference. Scored with 13a tokens, as sacreBLEU does.
 */
export function createEnFrTask(load: () => TatoebaCorpus): Task {
  let corpus: TatoebaCorpus | null = null;
  let trainPairs: Pair[] | null = null;
  const data = () => (corpus ??= load());
  const train = () => (trainPairs ??= enFrTrainingPairs(data()));
  return {
    name: 'en-fr',
    description: 'an English sentence -> French (Tatoeba, manythings.org fra.txt)',
    bleuTokenize: '13a',
    generate(split: Split, count: number, seed: number): Pair[] {
      const rng = generatorFor('en-fr', split, count, seed);
      if (split === 'train') {
        const pairs = train();
        return Array.from({ length: count }, () => pairs[rng.int(pairs.length)]);
      }
      const entries = data()[split];
      if (entries.length === 0 && count > 0) throw new TaskError('NO_DATA', `en-fr: the ${split} split is empty`);
      const order = entries.map((_, i) => i);
      const shuffle = rng.split();
      for (let i = order.length - 1; i > 0; i--) {
        const j = shuffle.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      return Array.from({ length: count }, (_, i) => heldOut(entries[order[i % order.length]]));
    },
  };
}

/** `en-fr`: English sentences → French, from Tatoeba's `fra.txt` (see `tatoebaFile`). */
export const enFrTask: Task = createEnFrTask(() => readTatoebaFile());
