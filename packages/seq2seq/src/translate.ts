import { positiveInteger } from '@rnnkit/common';
import { DEFAULT_LENGTH_PENALTY, beamSearch } from './decoding/beam-search';
import { greedyDecode } from './decoding/greedy';
import { ModelStepModel } from './decoding/model-step-model';
import type { Hypothesis, StepModel } from './decoding/step-model';
import type { Seq2SeqModel } from './model/seq2seq-model';
import type { Task } from './tasks/types';
import { UNK_ID, type Vocabulary } from './vocabulary';

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
  /**
   * Refuse instead of translating what lies outside this task's domain: sources its `checkSource` rejects or with
   * symbols the model does not know, outputs its `checkTarget` rejects, and outputs whose `confidence` is below
   * `minConfidence`. A refused text gets an empty `text` and the reason in `refusal`.
   */
  readonly task?: Task;
  /** With `task`: refuse outputs whose confidence (mean log-probability per output symbol) is lower. */
  readonly minConfidence?: number;
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
  /**
   * Mean log-probability per output symbol, END included when finished: logProb / (symbols + 1). In (−∞, 0]; 0 for an
   * empty input (nothing was decoded). Higher means the model was surer; e^confidence is the geometric-mean
   * probability of its choices.
   */
  readonly confidence: number;
  /** Why the text was refused (see `TranslateOptions.task`), or null; a refused text has an empty `text`. */
  readonly refusal: string | null;
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
 * A step model that never emits UNK when the target is spelled in subword pieces: any word can be written with
 * known pieces, so an unknown-symbol output would only hide a word the model could have spelled.
 */
function withoutUnk(stepper: StepModel): StepModel {
  return {
    sources: stepper.sources,
    vocabSize: stepper.vocabSize,
    step(parents, tokens) {
      const out = stepper.step(parents, tokens);
      for (let r = 0; r < out.logProbs.length / stepper.vocabSize; r++) out.logProbs[r * stepper.vocabSize + UNK_ID] = -Infinity;
      return out;
    },
  };
}

function unknownReason(unknown: readonly string[], vocab: Vocabulary, task: Task): string {
  const what = vocab.level === 'token' ? 'words' : 'characters';
  return `${unknown.map((s) => JSON.stringify(s)).join(', ')}: ${what} the ${task.name} model does not know (outside its input domain)`;
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
  const { task, minConfidence } = options;
  const inputs = texts.map((text) => {
    const all = vocab.split(text);
    const symbols = all.slice(0, limit);
    const ids = symbols.map((symbol) => vocab.idOf(symbol) ?? UNK_ID);
    const unknown = vocab.findUnknown(text);
    let refusal: string | null = null;
    // A blank line has nothing to refuse: it gets an empty output, like an empty one.
    if (task && text.trim() === '') return { symbols: [], ids: [], unknown: [], truncated: false, refusal };
    if (task) refusal = task.checkSource?.(text) ?? (unknown.length > 0 ? unknownReason(unknown, vocab, task) : null);
    return { symbols, ids, unknown, truncated: all.length > limit, refusal };
  });
  const results = new Array<Hypothesis>(texts.length);
  const order = inputs.map((_, i) => i).filter((i) => inputs[i].ids.length > 0 && inputs[i].refusal === null);
  order.sort((a, b) => inputs[a].ids.length - inputs[b].ids.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const chunk = order.slice(start, start + batchSize);
    const stepper = new ModelStepModel(model, chunk.map((i) => inputs[i].ids), { attention: options.attention });
    const search = model.targetVocabulary.level === 'subword' ? withoutUnk(stepper) : stepper;
    try {
      const hyps =
        beamWidth === 1
          ? greedyDecode(search, { maxLength })
          : beamSearch(search, { beamWidth, maxLength, lengthPenalty: options.lengthPenalty ?? DEFAULT_LENGTH_PENALTY });
      chunk.forEach((i, k) => (results[i] = hyps[k]));
    } finally {
      stepper.dispose();
    }
  }
  return inputs.map((input, i) => {
    const hyp = results[i] ?? { tokens: [], logProb: 0, score: 0, finished: true };
    const text = model.targetVocabulary.decode(hyp.tokens);
    const confidence = hyp.tokens.length === 0 && hyp.logProb === 0 ? 0 : hyp.logProb / (hyp.tokens.length + (hyp.finished ? 1 : 0));
    let refusal = input.refusal;
    if (task && refusal === null && results[i]) {
      refusal = task.checkTarget?.(text) ?? null;
      if (refusal === null && minConfidence !== undefined && confidence < minConfidence) {
        refusal = `confidence ${confidence.toFixed(3)} is below the minimum ${minConfidence} (output withheld: ${JSON.stringify(text)})`;
      }
    }
    return {
      text: refusal === null ? text : '',
      tokens: hyp.tokens,
      logProb: hyp.logProb,
      score: hyp.score,
      confidence,
      refusal,
      finished: hyp.finished,
      sourceSymbols: input.symbols,
      unknown: input.unknown,
      truncated: input.truncated,
      ...(options.attention ? { attention: hyp.attention ?? [] } : {}),
    };
  });
}
