import { positiveInteger, positiveNumber } from '@rnnkit/common';

/** What {@link chooseRecipe} decides from. */
export interface RecipeInput {
  /** The training budget in minutes of wall time. */
  minutes: number;
  /** Characters the model trains on (the corpus without its held-out part). */
  trainChars: number;
  /** Worker threads training data-parallel (1: one thread). */
  threads: number;
  /** Symbols in the vocabulary (output and embedding size), counted in the weights. Default 96. */
  vocabSize?: number;
}

/** The settings {@link chooseRecipe} picks, and the estimates it picked them from. */
export interface Recipe {
  /** Cell, layers, units per layer and embedding size of the model. */
  model: { cell: 'gru'; layers: number; hidden: number; embedding: number };
  /** Streams per update: {@link RECIPE_BATCH}, or {@link RECIPE_MIN_ROWS_PER_THREAD} per thread if that is more. */
  batchSize: number;
  /** Truncated-BPTT window. */
  seqLen: number;
  /** Adam's initial learning rate; the cosine schedule ends at a tenth of it. */
  learningRate: number;
  /** The rate the schedule ends at: a tenth of `learningRate`. */
  finalLearningRate: number;
  /** Weights of the chosen model. */
  parameters: number;
  /** Training characters the budget is expected to push through the chosen model on the reference machine. */
  expectedChars: number;
  /** Why: which limit chose the size (`time` or `corpus`), in words, for the training log. */
  reason: string;
}

/**
 * Microseconds per training character of a 2-layer GRU (embedding 32) with 16 rows per thread on the reference
 * machine (the project's 2-core machine, wasm backend, one thread): `base + perParameter × parameters`. Fitted to
 * the 10-minute runs of text-gen's README (2 × 128: 11,549 chars/s; 2 × 256: 3,910 chars/s).
 */
export const RECIPE_SPEED = { baseMicros: 22.9, microsPerKiloParameter: 0.364 } as const;

/** Training characters per weight the budget should give the model (compute-limited case); see the README. */
export const RECIPE_CHARS_PER_PARAMETER = 10;

/** The batch (streams per update) while every thread still gets {@link RECIPE_MIN_ROWS_PER_THREAD} rows of it. */
export const RECIPE_BATCH = 16;

/**
 * Rows each thread computes at least: below this, a thread's slice costs more per character. Measured with
 * `npm run bench -- charlm-train` on the quiet 2-core machine (2 × 256 GRU): 2 threads of 8 rows trained 6,055
 * chars/s, 2 threads of 16 rows 7,141, one thread of 16 rows 5,092.
 */
export const RECIPE_MIN_ROWS_PER_THREAD = 16;

/**
 * Throughput gained by each thread after the first, as a fraction of one thread's at 16 rows: 7,141 / 5,092 − 1
 * on the quiet 2-core machine (see {@link RECIPE_MIN_ROWS_PER_THREAD}).
 */
export const RECIPE_THREAD_EFFICIENCY = 0.4;

const LAYERS = 2;
const EMBEDDING = 32;
const SEQ_LEN = 32;
const HIDDEN_STEP = 32;
const MIN_HIDDEN = 64;
const MAX_HIDDEN = 1024;

/** Weights of a character GRU: embedding, reset-after GRU layers (kernel, recurrent kernel, two biases), dense. */
export function gruCharModelParameters(vocabSize: number, layers: number, hidden: number, embedding: number): number {
  let total = vocabSize * embedding + hidden * vocabSize + vocabSize;
  for (let l = 0; l < layers; l++) {
    const input = l === 0 ? embedding : hidden;
    total += 3 * hidden * (input + hidden + 2);
  }
  return total;
}

/**
 * The default training recipe of a character model for a time budget, a corpus size and a thread count — the
 * rule text-gen's `train` applies to every setting not given as a flag:
 *
 * 1. Throughput: `RECIPE_SPEED` gives a model's characters per second on one thread; each further thread adds
 *    `RECIPE_THREAD_EFFICIENCY` of that. The budget then pushes `expectedChars` through the model.
 * 2. Size: 2 GRU layers with the largest `hidden` (a multiple of 32 from 64 to 1024) for which `expectedChars`
 *    is at least `RECIPE_CHARS_PER_PARAMETER` times the weights (a bigger model would see too little text in
 *    the time to beat a smaller one), and whose weights do not exceed the training characters (a bigger model
 *    would mostly memorise a small corpus).
 * 3. Batch: 16 streams per thread (a slice of fewer rows costs more per character); window 32. On one thread
 *    a batch of 16 learned more per character than 32 on the Brown measurements; on two, 32 rows push 18 %
 *    more characters through than 16 in the same time.
 * 4. Learning rate: 0.004 for 128 units, scaled by √(128 / hidden) (wider layers take smaller steps) and by
 *    √(batch / 16) (more rows, less noisy gradients); a cosine to a tenth of it over the budget.
 *
 * Pure: the same inputs give the same recipe. The speed constants are the reference machine's; on a faster
 * backend (tfjs-node) the rule errs towards a smaller model than the time would allow.
 */
export function chooseRecipe(input: RecipeInput): Recipe {
  const minutes = positiveNumber('minutes', input.minutes);
  const trainChars = positiveInteger('trainChars', input.trainChars);
  const threads = positiveInteger('threads', input.threads, 1024);
  const vocabSize = positiveInteger('vocabSize', input.vocabSize ?? 96);
  const speedup = 1 + RECIPE_THREAD_EFFICIENCY * (threads - 1);
  const expected = (params: number) =>
    (minutes * 60 * 1e6 * speedup) / (RECIPE_SPEED.baseMicros + (RECIPE_SPEED.microsPerKiloParameter * params) / 1000);
  const params = (hidden: number) => gruCharModelParameters(vocabSize, LAYERS, hidden, EMBEDDING);

  // The first limit a size breaks: the time (too few characters per weight) or the corpus (too many weights).
  const limitOf = (hidden: number): 'time' | 'corpus' | null => {
    const p = params(hidden);
    if (expected(p) < RECIPE_CHARS_PER_PARAMETER * p) return 'time';
    return p > trainChars ? 'corpus' : null;
  };
  let hidden = MIN_HIDDEN;
  let limit: 'time' | 'corpus' | 'floor' | null = limitOf(MIN_HIDDEN) === null ? null : 'floor';
  for (let h = MIN_HIDDEN + HIDDEN_STEP; limit === null && h <= MAX_HIDDEN; h += HIDDEN_STEP) {
    const broken = limitOf(h);
    if (broken) limit = broken;
    else hidden = h;
  }
  const batchSize = Math.max(RECIPE_BATCH, RECIPE_MIN_ROWS_PER_THREAD * threads);
  const learningRate = round(0.004 * Math.sqrt(128 / hidden) * Math.sqrt(batchSize / 16), 5);
  const parameters = params(hidden);
  const expectedChars = Math.round(expected(parameters));
  const budget = `about ${(expectedChars / 1e6).toFixed(1)} M training characters expected in ${minutes} min on ${threads} thread${threads === 1 ? '' : 's'}`;
  const reason =
    limit === 'corpus'
      ? `${budget}; a bigger model would have more weights than the ${trainChars.toLocaleString('en-US')} training characters`
      : limit === 'floor'
        ? `${budget}; the smallest size the rule picks`
        : limit === 'time'
          ? `${budget}; a bigger model would get fewer than ${RECIPE_CHARS_PER_PARAMETER} per weight`
          : `${budget}; the largest size the rule picks`;
  return {
    model: { cell: 'gru', layers: LAYERS, hidden, embedding: EMBEDDING },
    batchSize,
    seqLen: SEQ_LEN,
    learningRate,
    finalLearningRate: round(learningRate / 10, 6),
    parameters,
    expectedChars,
    reason,
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
