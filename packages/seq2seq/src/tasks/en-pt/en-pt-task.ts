import { drawAccepted, generatorFor } from '../random';
import type { Pair, Split, Task } from '../types';
import { enPtSplit } from './hold-out';
import { renderEnglish } from './render-english';
import { renderPortuguese } from './render-portuguese';
import { randomSentence } from './sentence';

/**
 * `en-pt`: simple English sentences → Brazilian Portuguese, from a fixed lexicon and grammar with gender and number
 * agreement, negation and three tenses. Splits hold out whole word combinations (see `enPtSplit`).
 */
export const enPtTask: Task = {
  name: 'en-pt',
  description: 'a simple English sentence -> Portuguese (agreement, negation, present/past/future)',
  generate(split: Split, count: number, seed: number): Pair[] {
    const rng = generatorFor('en-pt', split, count, seed);
    return drawAccepted(count, () => randomSentence(rng), (s) => enPtSplit(s) === split).map((s) => ({
      source: renderEnglish(s),
      target: renderPortuguese(s),
    }));
  },
};
