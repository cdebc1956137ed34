import { SequenceModel, type SequenceModelConfig } from '@rnnkit/rnn-core';
import { CharLmError } from './errors';

/** The recurrent cells a character model can stack. */
export type CharCell = 'lstm' | 'gru';

/** The architecture of a character model: embedding → stacked LSTM or GRU → dense softmax over the vocabulary. */
export interface CharModelOptions {
  /** `lstm` or `gru`. Default `gru` (on this engine it learns faster per second than LSTM; see text-gen's README). */
  cell?: CharCell;
  /** Number of stacked recurrent layers, 1–8. Default 2. */
  layers?: number;
  /** Units per recurrent layer, 1–4096. Default 256. */
  hidden?: number;
  /** Size of the character embedding; 0 feeds one-hot vectors instead. Default 32. */
  embedding?: number;
  /**
   * Dropout on the input of every recurrent layer in training (the embedding for the first, the layer below for
   * the others), one mask per sequence; in [0, 1). Default 0.
   */
  dropout?: number;
  /** Seed of the initial weights and the dropout masks. Default 0. */
  seed?: number;
}

/** {@link CharModelOptions} with every default filled in. */
export type ResolvedCharModelOptions = Required<CharModelOptions>;

const DEFAULTS: ResolvedCharModelOptions = { cell: 'gru', layers: 2, hidden: 256, embedding: 32, dropout: 0, seed: 0 };

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CharLmError('BAD_OPTION', `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * Fills in the defaults of {@link CharModelOptions} and checks every value. Throws `CharLmError` `bad-option`
 * naming the first value that is out of range.
 */
export function resolveModelOptions(options: CharModelOptions = {}): ResolvedCharModelOptions {
  const o: ResolvedCharModelOptions = {
    cell: options.cell ?? DEFAULTS.cell,
    layers: options.layers ?? DEFAULTS.layers,
    hidden: options.hidden ?? DEFAULTS.hidden,
    embedding: options.embedding ?? DEFAULTS.embedding,
    dropout: options.dropout ?? DEFAULTS.dropout,
    seed: options.seed ?? DEFAULTS.seed,
  };
  if (o.cell !== 'lstm' && o.cell !== 'gru') {
    throw new CharLmError('BAD_OPTION', `cell must be "lstm" or "gru", got ${JSON.stringify(o.cell)}`);
  }
  integerIn('layers', o.layers, 1, 8);
  integerIn('hidden', o.hidden, 1, 4096);
  integerIn('embedding', o.embedding, 0, 4096);
  if (!(o.dropout >= 0 && o.dropout < 1)) throw new CharLmError('BAD_OPTION', `dropout must be in [0, 1), got ${o.dropout}`);
  if (!Number.isInteger(o.seed)) throw new CharLmError('BAD_OPTION', `seed must be an integer, got ${o.seed}`);
  return o;
}

/** The rnn-core configuration of a character model over `vocabSize` ids: logits for the next id at every step. */
export function charModelConfig(vocabSize: number, options: CharModelOptions = {}): SequenceModelConfig {
  integerIn('vocabSize', vocabSize, 2, 1 << 20);
  const o = resolveModelOptions(options);
  return {
    input: o.embedding > 0 ? { type: 'tokens', vocabSize, embeddingSize: o.embedding } : { type: 'tokens', vocabSize },
    layers: Array.from({ length: o.layers }, () => ({ cell: o.cell, units: o.hidden, dropout: o.dropout })),
    output: { units: vocabSize, activation: 'linear' },
    outputMode: 'sequence',
    seed: o.seed,
  };
}

/**
 * Builds an untrained character model for a vocabulary of `vocabSize` ids (e.g. `vocabulary.size`). It reads
 * int32 ids [batch, steps] and gives logits [batch, steps, vocabSize] for the character after each step.
 */
export function createCharModel(vocabSize: number, options: CharModelOptions = {}): SequenceModel {
  return new SequenceModel(charModelConfig(vocabSize, options));
}
