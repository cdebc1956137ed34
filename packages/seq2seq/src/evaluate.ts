import { characterErrorRate } from './metrics/character-error-rate';
import { corpusBleu } from './metrics/corpus-bleu';
import { exactMatch } from './metrics/exact-match';
import type { Seq2SeqModel } from './model/seq2seq-model';
import type { Pair } from './tasks/types';
import { type TranslateOptions, translate } from './translate';

/** Scores of a model on a set of pairs. */
export interface Evaluation {
  /** Number of pairs. */
  readonly n: number;
  /** Fraction of outputs identical to the target. */
  readonly exactMatch: number;
  /** Character error rate over the corpus. */
  readonly cer: number;
  /** Corpus BLEU (4-gram, brevity penalty, no smoothing; 0 when outputs are shorter than 4 tokens). */
  readonly bleu: number;
  /** The model's outputs, in pair order. */
  readonly predictions: readonly string[];
}

/** Translates every pair's source and scores the outputs against the targets. */
export function evaluateModel(model: Seq2SeqModel, pairs: readonly Pair[], options: TranslateOptions = {}): Evaluation {
  const predictions = translate(model, pairs.map((p) => p.source), options).map((t) => t.text);
  const references = pairs.map((p) => p.target);
  return {
    n: pairs.length,
    exactMatch: exactMatch(predictions, references),
    cer: characterErrorRate(predictions, references),
    bleu: corpusBleu(predictions, references).bleu,
    predictions,
  };
}
