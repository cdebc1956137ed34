/** Turns one frame of (pre-emphasised) samples into one feature vector. */
export interface FrameAnalyzer {
  /** Length of each output vector. */
  readonly dimension: number;
  /** Reads samples[start … start+frameLength) and writes the frame's features into `out`. */
  analyze(samples: Float64Array, start: number, out: Float32Array): void;
}
