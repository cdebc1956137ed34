import type { SequenceModel } from '@rnnkit/rnn-core';
import { CharLmError } from './errors';
import { InferenceStepper, type StepperEngine } from './inference-stepper';
import { createRng, type Rng } from '@rnnkit/common';
import { sample, type SamplingOptions } from './sampling';
import { StopSequences } from './stop-sequences';
import type { Vocabulary } from './vocabulary';

/** The longest text one call to {@link generate} may produce. */
export const MAX_GENERATE_LENGTH = 1_000_000;

/** Options of {@link generate}: how much, from what, and how to choose each character. */
export interface GenerateOptions extends Omit<SamplingOptions, 'input'> {
  /** Characters to generate (fewer if a stop string ends the text), 1 to {@link MAX_GENERATE_LENGTH}. */
  length: number;
  /**
   * Text the model reads first, so that the generated text continues it (it is not repeated in the output).
   * Every character must be in the vocabulary. Default: none — the model starts as after a line break (or a
   * space, or its first character, whichever the vocabulary has).
   */
  prime?: string;
  /** Stop before the first of these strings would be produced (see {@link StopSequences}). */
  stop?: readonly string[];
  /** Seed of the sampling; the same seed, model, prime and options give the same text. Default: random. */
  seed?: number;
  /** Matrix–vector engine of the {@link InferenceStepper}. Default `auto`. */
  engine?: StepperEngine | 'auto';
}

/**
 * Characters between two pauses that let the event loop run (so streamed output is written as it comes, and a
 * worker sees a stop message). The pause is a timer, not setImmediate, which browsers do not have.
 */
const YIELD_EVERY = 256;

function describeUnknown(unknown: ReadonlyMap<string, number>): string {
  return [...unknown]
    .slice(0, 5)
    .map(([ch, n]) => `${JSON.stringify(ch)} (U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')})${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');
}

function startIds(vocabulary: Vocabulary, prime: string): Int32Array {
  if (prime.length === 0) {
    const start = ['\n', ' '].find((ch) => vocabulary.idOf(ch) !== vocabulary.unkId);
    return Int32Array.of(start === undefined ? 1 : vocabulary.idOf(start));
  }
  const { ids, unknown, unknownCount } = vocabulary.encode(prime);
  if (unknownCount > 0) {
    throw new CharLmError(
      'UNKNOWN_CHARACTER',
      `the prime text has ${unknownCount} character${unknownCount > 1 ? 's' : ''} the model does not know: ` +
        `${describeUnknown(unknown)}; use only characters of the training text`,
    );
  }
  return ids;
}

function checkOptions(model: SequenceModel, vocabulary: Vocabulary, options: GenerateOptions): void {
  const { length } = options;
  if (!Number.isInteger(length) || length < 1 || length > MAX_GENERATE_LENGTH) {
    throw new CharLmError('BAD_OPTION', `length must be an integer from 1 to ${MAX_GENERATE_LENGTH}, got ${length}`);
  }
  const input = model.config.input;
  if (input.type !== 'tokens' || input.vocabSize !== vocabulary.size) {
    throw new CharLmError('BAD_MODEL', `the model does not read the ${vocabulary.size} ids of this vocabulary`);
  }
  // Check the sampling options once, up front, rather than at the first sampled character.
  sample(Float32Array.of(0, 0), createRng(0), options);
}

async function* stream(
  model: SequenceModel,
  vocabulary: Vocabulary,
  options: GenerateOptions,
  context: Int32Array,
  stops: StopSequences,
  rng: Rng,
): AsyncGenerator<string, void, undefined> {
  const { length, temperature, topK, topP, engine } = options;
  const stepper = InferenceStepper.fromModel(model, { engine });
  try {
    let logits: Float32Array = new Float32Array(0);
    for (const id of context) logits = stepper.step(id);
    for (let i = 0; i < length; i++) {
      logits[vocabulary.unkId] = -Infinity; // UNK stands for "unseen": never write it
      const id = sample(logits, rng, { temperature, topK, topP });
      const { text, stopped } = stops.push(vocabulary.symbols[id]);
      if (text) yield text;
      if (stopped) return;
      if (i + 1 < length) logits = stepper.step(id);
      if ((i + 1) % YIELD_EVERY === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const rest = stops.flush();
    if (rest) yield rest;
  } finally {
    stepper.dispose();
  }
}

/**
 * Generates text with a character model as an async iterator of text chunks, so it can be streamed:
 *
 * ```ts
 * for await (const chunk of generate(model, vocabulary, { length: 500, prime: 'The ', temperature: 0.8, seed: 1 })) {
 *   process.stdout.write(chunk);
 * }
 * ```
 *
 * The model reads the prime (or a line break), then each character is drawn from its next-character distribution
 * after temperature, top-k and top-p ({@link sample}) and fed back. UNK is never produced. Options are checked
 * before anything is generated: `CharLmError` `bad-option` for a bad length, seed or sampling option,
 * `unknown-character` for a prime with characters outside the vocabulary, `bad-model` when the model and the
 * vocabulary do not match. Breaking out of the loop frees everything the generation held.
 */
export function generate(model: SequenceModel, vocabulary: Vocabulary, options: GenerateOptions): AsyncGenerator<string, void, undefined> {
  checkOptions(model, vocabulary, options);
  const context = startIds(vocabulary, options.prime ?? '');
  const stops = new StopSequences(options.stop ?? []);
  const rng = createRng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  return stream(model, vocabulary, options, context, stops, rng);
}

/** {@link generate}, collected into one string. */
export async function generateText(model: SequenceModel, vocabulary: Vocabulary, options: GenerateOptions): Promise<string> {
  let text = '';
  for await (const chunk of generate(model, vocabulary, options)) text += chunk;
  return text;
}
