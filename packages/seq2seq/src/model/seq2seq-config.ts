import { Seq2SeqError } from '../seq2seq-error';

/** The recurrent cells an encoder or decoder can use. */
export type RecurrentCell = 'lstm' | 'gru';

/**
 * How the decoder scores an encoder step: `additive` (Bahdanau: vᵀ tanh(W₁ h̄ₛ + W₂ hₜ)) or `multiplicative`
 * (Luong "general": hₜᵀ W h̄ₛ).
 */
export type AttentionScore = 'additive' | 'multiplicative';

/** The architecture of a `Seq2SeqModel`, every field filled in. Stored in model.json. */
export interface Seq2SeqConfig {
  /** Source vocabulary size, specials included (must equal the source vocabulary's). */
  readonly sourceVocabSize: number;
  /** Target vocabulary size, specials included (must equal the target vocabulary's). */
  readonly targetVocabSize: number;
  /** Size of the source and target embedding vectors. */
  readonly embeddingSize: number;
  /** Encoder cell. */
  readonly encoderCell: RecurrentCell;
  /** Hidden units per encoder layer and direction. */
  readonly encoderUnits: number;
  /** Stacked encoder layers. */
  readonly encoderLayers: number;
  /** Whether every encoder layer reads both ways (outputs concatenated: 2·encoderUnits features). */
  readonly bidirectional: boolean;
  /** Decoder cell. */
  readonly decoderCell: RecurrentCell;
  /** Decoder hidden units. */
  readonly decoderUnits: number;
  /** Attention score function. */
  readonly attention: AttentionScore;
  /** Size of the additive score's hidden layer and of the attentional vector tanh(W_c [context; h]). */
  readonly attentionUnits: number;
  /** Fraction of recurrent-layer inputs dropped while training (0 = none). */
  readonly dropout: number;
  /** Longest source, in vocabulary symbols, the model accepts; longer inputs are refused or truncated. */
  readonly maxSourceLength: number;
  /** Most symbols a decoder writes before it is stopped (END not counted). */
  readonly maxTargetLength: number;
  /** Seed of the initial weights and dropout masks. */
  readonly seed: number;
}

/** What `resolveConfig` needs: the vocabulary sizes, plus any architecture field to override its default. */
export type Seq2SeqConfigArgs = Pick<Seq2SeqConfig, 'sourceVocabSize' | 'targetVocabSize'> & Partial<Seq2SeqConfig>;

/** Defaults of every architecture field: small enough to train on two CPU cores in minutes. */
export const DEFAULT_CONFIG: Readonly<Omit<Seq2SeqConfig, 'sourceVocabSize' | 'targetVocabSize'>> = {
  embeddingSize: 64,
  encoderCell: 'gru',
  encoderUnits: 128,
  encoderLayers: 1,
  bidirectional: true,
  decoderCell: 'gru',
  decoderUnits: 128,
  attention: 'multiplicative',
  attentionUnits: 128,
  dropout: 0,
  maxSourceLength: 64,
  maxTargetLength: 64,
  seed: 0,
};

const POSITIVE_INTEGERS = [
  'sourceVocabSize', 'targetVocabSize', 'embeddingSize', 'encoderUnits', 'encoderLayers', 'decoderUnits',
  'attentionUnits', 'maxSourceLength', 'maxTargetLength',
] as const;

function bad(message: string): Seq2SeqError {
  return new Seq2SeqError('BAD_CONFIG', `model config: ${message}`);
}

/**
 * Fills in defaults and checks every field; a missing, mistyped or out-of-range field is a `Seq2SeqError`
 * (`BAD_CONFIG`) naming it. Also used on configs read from model.json, so it accepts `unknown`.
 */
export function resolveConfig(args: Seq2SeqConfigArgs | unknown): Seq2SeqConfig {
  if (typeof args !== 'object' || args === null) throw bad('is not an object');
  const given = args as Record<string, unknown>;
  const known = new Set(['sourceVocabSize', 'targetVocabSize', ...Object.keys(DEFAULT_CONFIG)]);
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length > 0) throw bad(`unknown field(s) ${unknown.join(', ')}`);
  const merged = { ...DEFAULT_CONFIG, ...given } as Record<string, unknown>;
  for (const key of POSITIVE_INTEGERS) {
    const v = merged[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw bad(`${key} must be a positive integer, got ${JSON.stringify(v)}`);
  }
  for (const key of ['encoderCell', 'decoderCell'] as const) {
    if (merged[key] !== 'lstm' && merged[key] !== 'gru') throw bad(`${key} must be "lstm" or "gru", got ${JSON.stringify(merged[key])}`);
  }
  if (merged.attention !== 'additive' && merged.attention !== 'multiplicative') {
    throw bad(`attention must be "additive" or "multiplicative", got ${JSON.stringify(merged.attention)}`);
  }
  if (typeof merged.bidirectional !== 'boolean') throw bad(`bidirectional must be true or false, got ${JSON.stringify(merged.bidirectional)}`);
  const dropout = merged.dropout;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) throw bad(`dropout must be in [0, 1), got ${JSON.stringify(dropout)}`);
  if (typeof merged.seed !== 'number' || !Number.isInteger(merged.seed)) throw bad(`seed must be an integer, got ${JSON.stringify(merged.seed)}`);
  return merged as unknown as Seq2SeqConfig;
}
