import { CtcInputError } from './ctc-error';
import { checkBlank, checkInputLengths } from './ctc-input';
import { flattenScores, type CtcScores, type FlatScores } from './ctc-scores';
import { prefixBeamSearch } from './prefix-beam-search';

/** Options shared by the CTC decoders. */
export interface CtcDecodeOptions {
  /** Class index of the CTC blank. Default 0. */
  blank?: number;
  /** Number of valid frames per batch item, each in `[0, time]`; later frames are ignored. Default: all frames. */
  inputLengths?: ArrayLike<number>;
}

/** Options of {@link ctcBeamSearchDecode}. */
export interface CtcBeamSearchOptions extends CtcDecodeOptions {
  /** Number of label prefixes kept after each frame. Default 8. */
  beamWidth?: number;
  /** Number of best labelings returned per item, at most `beamWidth`. Default 1. */
  topPaths?: number;
}

/** One decoded labeling and its log-probability. */
export interface CtcHypothesis {
  /** Class indices after collapsing repeats and dropping blanks. */
  labels: number[];
  /**
   * Natural-log probability of the labeling summed over the alignments that stayed in the beam — exact when the
   * beam never dropped one of its prefixes, otherwise a lower bound.
   */
  logProb: number;
}

interface Prepared {
  flat: FlatScores;
  blank: number;
  lengths: Int32Array;
}

function prepare(scores: CtcScores, options: CtcDecodeOptions): Prepared {
  const flat = flattenScores(scores);
  const blank = options.blank ?? 0;
  checkBlank(blank, flat.classes);
  return { flat, blank, lengths: checkInputLengths(options.inputLengths, flat.batch, flat.time) };
}

/**
 * Best-path decoding: the most likely class of each frame (the lowest index on ties), then repeats collapsed and
 * blanks dropped. Fast, and usually close to beam search when the model is confident. Returns one label
 * sequence per batch item; creates no tensors.
 *
 * @throws {@link CtcInputError} on malformed scores, blank or input lengths.
 */
export function ctcGreedyDecode(scores: CtcScores, options: CtcDecodeOptions = {}): number[][] {
  const { flat, blank, lengths } = prepare(scores, options);
  const { values, time, classes } = flat;
  const out: number[][] = [];
  for (let b = 0; b < flat.batch; b++) {
    const labels: number[] = [];
    let previous = -1;
    for (let t = 0; t < lengths[b]; t++) {
      const row = (b * time + t) * classes;
      let best = 0;
      for (let k = 1; k < classes; k++) if (values[row + k] > values[row + best]) best = k;
      if (best !== previous && best !== blank) labels.push(best);
      previous = best;
    }
    out.push(labels);
  }
  return out;
}

/**
 * CTC prefix beam search: keeps the `beamWidth` most probable label prefixes, each with the log-probability of
 * its alignments ending in a blank and in a non-blank kept apart, so that a repeated label is only extended
 * across a blank and alignments that collapse to the same prefix are summed. Returns, per batch item, up to
 * `topPaths` hypotheses sorted by decreasing `logProb` (fewer when fewer distinct prefixes exist). With a beam
 * wide enough to never prune, the best hypothesis is the most probable labeling. Creates no tensors.
 *
 * @throws {@link CtcInputError} on malformed scores, blank, input lengths, or a `beamWidth`/`topPaths` that is
 * not a positive integer (`topPaths` at most `beamWidth`).
 */
export function ctcBeamSearchDecode(scores: CtcScores, options: CtcBeamSearchOptions = {}): CtcHypothesis[][] {
  const { beamWidth = 8, topPaths = 1 } = options;
  if (!Number.isInteger(beamWidth) || beamWidth < 1) {
    throw new CtcInputError(`beamWidth must be a positive integer, got ${beamWidth}`);
  }
  if (!Number.isInteger(topPaths) || topPaths < 1 || topPaths > beamWidth) {
    throw new CtcInputError(`topPaths must be an integer in [1, beamWidth = ${beamWidth}], got ${topPaths}`);
  }
  const { flat, blank, lengths } = prepare(scores, options);
  const out: CtcHypothesis[][] = [];
  for (let b = 0; b < flat.batch; b++) {
    out.push(prefixBeamSearch(flat, b, lengths[b], blank, beamWidth).slice(0, topPaths));
  }
  return out;
}
