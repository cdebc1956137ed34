import { ctcBeamSearchDecode, ctcGreedyDecode, SequenceModel, tf } from '@rnnkit/rnn-core';
import { extractFeatures, Features, FrontEndConfig } from './front-end';
import { BLANK, SpeechModelExtra } from './model-files';
import type { Mode } from './mode';
import { argmax, meanLogSoftmax, softmax } from './pooling';

/** How a sequence model's frame scores become digits. */
export type Decoder = 'greedy' | 'beam';

/** How a {@link Recognizer} decodes. */
export interface RecognizerOptions {
  /** Sequence mode: best-path (`greedy`, default) or prefix beam search (`beam`). */
  decoder?: Decoder;
  /** Beam width of the `beam` decoder. Default 8. */
  beamWidth?: number;
}

/** A recognition result. */
export interface Transcription {
  /** The digits heard, e.g. `7` or `314`; empty when the recording holds no speech. */
  transcript: string;
  /**
   * Word mode: the chosen digit's share of the pooled score (softmax of the per-step log-probabilities averaged
   * over the utterance). Sequence mode: the probability of the best frame path
   * (greedy), or of the decoded string summed over the alignments kept in the beam (beam).
   */
  confidence: number;
}

/**
 * A speech model with its front-end: samples in, digits out. It owns the model's tensors: call
 * {@link Recognizer.dispose} when done. Load a model directory with `loadRecognizer` (Node), or build one from
 * a model loaded any other way (bytes, URL) with its checked `extra`.
 *
 * @example
 * const recognizer = await loadRecognizer('models/word', 'word');
 * console.log(recognizer.recognize(samplesAt8kHz).transcript);
 * recognizer.dispose();
 */
export class Recognizer {
  private readonly decoder: Decoder;
  private readonly beamWidth: number;

  /** Takes ownership of `model`; `extra` must have been checked by `SPEECH_MODEL_KIND` (every loader does). */
  constructor(
    private readonly model: SequenceModel,
    /** What the model directory holds beside the weights. */
    readonly extra: SpeechModelExtra,
    options: RecognizerOptions = {},
  ) {
    this.decoder = options.decoder ?? 'greedy';
    this.beamWidth = options.beamWidth ?? 8;
  }

  /** The recognition mode of the loaded model. */
  get mode(): Mode {
    return this.extra.mode;
  }

  /** The feature pipeline the model expects. */
  get frontEnd(): FrontEndConfig {
    return this.extra.frontEnd;
  }

  /** Recognizes mono samples in [-1, 1] at `frontEnd.sampleRate`. */
  recognize(samples: Float32Array): Transcription {
    const features = extractFeatures(samples, this.frontEnd);
    return features ? this.recognizeFeatures(features) : { transcript: '', confidence: 1 };
  }

  /** Recognizes features made by the model's front-end. */
  recognizeFeatures(features: Features): Transcription {
    return this.decode(this.scores(features), features.steps);
  }

  /** Turns the model's per-step log-probabilities ({@link Recognizer.scores}) into digits. */
  decode(scores: Float32Array, steps: number): Transcription {
    const classes = this.extra.labels.length;
    if (this.mode === 'word') {
      const pooled = softmax(meanLogSoftmax(scores, 0, steps, classes));
      const best = argmax(pooled, 0, classes);
      return { transcript: this.extra.labels[best], confidence: pooled[best] };
    }
    const shape: [number, number, number] = [1, steps, classes];
    if (this.decoder === 'beam') {
      const [hypothesis] = ctcBeamSearchDecode({ values: scores, shape }, { blank: BLANK, beamWidth: this.beamWidth })[0];
      return { transcript: this.spell(hypothesis.labels), confidence: Math.exp(hypothesis.logProb) };
    }
    const labels = ctcGreedyDecode({ values: scores, shape }, { blank: BLANK })[0];
    let logProb = 0;
    for (let t = 0; t < steps; t++) logProb += scores[t * classes + argmax(scores, t * classes, classes)];
    return { transcript: this.spell(labels), confidence: Math.exp(logProb) };
  }

  /** The model's per-step log-probabilities, row-major [steps, classes]. */
  scores(features: Features): Float32Array {
    const output = tf.tidy(() => tf.logSoftmax(this.model.predict(tf.tensor3d(features.data, [1, features.steps, features.dim]))));
    const values = output.dataSync() as Float32Array;
    output.dispose();
    return values;
  }

  private spell(labels: number[]): string {
    return labels.map((k) => this.extra.labels[k]).join('');
  }

  /** Frees the model's weights. */
  dispose(): void {
    this.model.dispose();
  }
}
