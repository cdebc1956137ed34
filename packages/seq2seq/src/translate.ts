import { positiveInteger } from '@rnnkit/common';
import { DEFAULT_LENGTH_PENALTY, beamSearch } from './decoding/beam-search';
import { greedyDecode } from './decoding/greedy';
import { ModelStepModel } from './decoding/model-step-model';
import type { Hypothesis } from './decoding/step-model';
import type { Seq2SeqModel } from './model/seq2seq-model';
import { UNK_ID } from './vocabulary';

/** Options of {@link translate}. */
export interface TranslateOptions {
  /** Beam width K; 1 (the default) decodes greedily. */
  readonly beamWidth?: number;
  /** α of beam search's length normalisation (see `BeamSearchOptions`); default 0.6. */
  readonly lengthPenalty?: number;
  /** Most output symbols; default the model's `maxTargetLength`. */
  readonly maxLength?: number;
  /** Sources decoded together; default 64. */
  readonly batchSize?: number;
  /** Also return the attention weights of every output symbol. */
  readonly attention?: boolean;
}

/** One translated text. */
export interface Translation {
  /** The output text. */
  readonly text: string;
  /** Output symbol ids (no START or END). */
  readonly tokens: readonly number[];
  /** log p of the output (END included when finished). */
  readonly logProb: number;
  /** The search's score (logProb, length-normalised under beam search). */
  readonly score: number;
  /** False when the output was cut at the maximum length before END. */
  readonly finished: boolean;
  /** The input's symbols the model read (split by the source vocabulary, after any truncation). */
  readonly sourceSymbols: readonly string[];
  /** Distinct input symbols outside the source vocabulary; they were read as UNK. */
  readonly unknown: readonly string[];
  /** True when the input had more than `maxSourceLength` symbols and only the first ones were read. */
  readonly truncated: boolean;
  /** Attention weights over `sourceSymbols`, one row per output symbol (END included), if asked for. */
  readonly attention?: readonly Float32Array[];
}

/**
 * Translates texts with a trained model. Never throws on text content: symbols outside the source vocabulary are
 * read as UNK and listed in `unknown`; inputs longer than the model's `maxSourceLength` symbols are truncated
 * (`truncated: true`); an empty input (no symbols) gives an empty output without running the model.
 * Sources are decoded in batches of similar length; results come back in input order.
 */
export function translate(model: Seq2SeqModel, texts: readonly string[], options: TranslateOptions = {}): Translation[] {
  const beamWidth = positiveInteger('beamWidth', options.beamWidth ?? 1);
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 64);
  const maxLength = positiveInteger('maxLength', options.maxLength ?? model.config.maxTargetLength);
  const vocab = model.sourceVocabulary;
  const limit = model.config.maxSourceLength;
  const inputs = texts.map((text) => {
    const all = vocab.split(text);
    const symbols = all.slice(0, limit);
    const ids = symbols.map((symbol) => vocab.idOf(symbol) ?? UNK_ID);
    return { symbols, ids, unknown: vocab.findUnknown(text), truncated: all.length > limit };
  });
  const results = new Array<Hypothesis>(texts.length);
  const order = inputs.map((_, i) => i).filter((i) => inputs[i].ids.length > 0);
  order.sort((a, b) => inputs[a].ids.length - inputs[b].ids.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const chunk = order.slice(start, start + batchSize);
    const stepper = new ModelStepModel(model, chunk.map((i) => inputs[i].ids), { attention: options.attention });
    try {
      const hyps =
        beamWidth === 1
          ? greedyDecode(stepper, { maxLength })
          : beamSearch(stepper, { beamWidth, maxLength, lengthPenalty: options.lengthPenalty ?? DEFAULT_LENGTH_PENALTY });
      chunk.forEach((i, k) => (results[i] = hyps[k]));
    } finally {
      stepper.dispose();
    }
  }
  return inputs.map((input, i) => {
    const hyp = results[i] ?? { tokens: [], logProb: 0, score: 0, finished: true };
    return {
      text: model.targetVocabulary.decode(hyp.tokens),
      tokens: hyp.tokens,
      logProb: hyp.logProb,
      score: hyp.score,
      finished: hyp.finished,
      sourceSymbols: input.symbols,
      unknown: input.unknown,
      truncated: input.truncated,
      ...(options.attention ? { attention: hyp.attention ?? [] } : {}),
    };
  });
}
