import { characterErrorRate } from './metrics/character-error-rate';
import { type BleuTokenize, corpusBleu } from './metrics/corpus-bleu';
import { exactMatch } from './metrics/exact-match';
import type { Seq2SeqModel } from './model/seq2seq-model';
import type { Pair } from './tasks/types';
import { type TranslateOptions, translate } from './translate';

/** Scores of a model on a set of pairs. */
export interface Evaluation {
  /** Number of pairs. */
  readonly n: number;
  /** Fraction of outputs identical to the target (or to any of the pair's `references`). */
  readonly exactMatch: number;
  /** Character error rate over the corpus, against each pair's `target`. */
  readonly cer: number;
  /** Corpus BLEU against all references (4-gram, brevity penalty, no smoothing; 0 when outputs are shorter than 4 tokens). */
  readonly bleu: number;
  /** The model's outputs, in pair order. */
  readonly predictions: readonly string[];
}

/** Options of {@link evaluateModel}. */
export interface EvaluateOptions extends TranslateOptions {
  /** BLEU's tokenisation (the task's `bleuTokenize`); default `'whitespace'`. */
  readonly tokenize?: BleuTokenize;
}

/** Translates every pair's source and scores the outputs against the targets (all `references` where given). */
export function evaluateModel(model: Seq2SeqModel, pairs: readonly Pair[], options: EvaluateOptions = {}): Evaluation {
  const predictions = translate(model, pairs.map((p) => p.source), options).map((t) => t.text);
  const references = pairs.map((p) => p.references ?? [p.target]);
  return {
    n: pairs.length,
    exactMatch: exactMatch(predictions, references),
    cer: characterErrorRate(predictions, pairs.map((p) => p.target)),
    bleu: corpusBleu(predictions, references, { tokenize: options.tokenize }).bleu,
    predictions,
  };
}
