/** Connectionist temporal classification: a trainable loss and greedy / prefix beam-search decoders. */
export { ctcLoss, type CtcLossOptions, type CtcReduction } from './ctc-loss';
export {
  ctcGreedyDecode,
  ctcBeamSearchDecode,
  type CtcDecodeOptions,
  type CtcBeamSearchOptions,
  type CtcHypothesis,
} from './ctc-decode';
export type { CtcScores } from './ctc-scores';
export { CtcInputError } from './ctc-error';
