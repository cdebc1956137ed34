import { type EncodedPair, type TrainingBatch, makeTrainingBatch } from '../data/batch';
import { Seq2SeqError } from '../seq2seq-error';
import { createRng, type Rng } from '@rnnkit/common';
import type { Pair, Task } from '../tasks/types';
import type { Vocabulary } from '../vocabulary';

/** Batches per generated chunk: enough pairs that sorting them by length leaves little padding in each batch. */
const BATCHES_PER_CHUNK = 50;

/** Ids of a pair, the source cut to `maxSourceLength` symbols. */
export function encodePair(pair: Pair, source: Vocabulary, target: Vocabulary, maxSourceLength: number): EncodedPair {
  return { source: source.encode(pair.source).slice(0, maxSourceLength), target: target.encode(pair.target) };
}

/**
 * An endless stream of training batches from a task's train split. Pairs are generated in chunks (chunk c uses the
 * task seed `seed · 100000 + c`, so a run is reproducible); each chunk is sorted by source length, cut into
 * batches of similar lengths (less padding, less wasted compute) and the batches are served in a shuffled order.
 */
export class TrainingStream {
  private readonly rng: Rng;
  private queue: TrainingBatch[] = [];
  private chunk = 0;

  constructor(
    private readonly task: Task,
    private readonly source: Vocabulary,
    private readonly target: Vocabulary,
    private readonly options: { batchSize: number; maxSourceLength: number; seed: number },
  ) {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
      throw new Seq2SeqError('BAD_INPUT', `batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.rng = createRng(options.seed);
  }

  /** The next batch. */
  next(): TrainingBatch {
    if (this.queue.length === 0) this.refill();
    return this.queue.pop() as TrainingBatch;
  }

  private refill(): void {
    const { batchSize, maxSourceLength, seed } = this.options;
    const pairs = this.task
      .generate('train', batchSize * BATCHES_PER_CHUNK, seed * 100000 + this.chunk++)
      .map((p) => encodePair(p, this.source, this.target, maxSourceLength))
      .sort((a, b) => a.source.length - b.source.length || a.target.length - b.target.length);
    for (let i = 0; i < pairs.length; i += batchSize) this.queue.push(makeTrainingBatch(pairs.slice(i, i + batchSize)));
    for (let i = this.queue.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [this.queue[i], this.queue[j]] = [this.queue[j], this.queue[i]];
    }
  }
}
