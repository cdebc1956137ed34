import { ctcBeamSearchDecode, ctcGreedyDecode, SequenceModel, tf } from '@rnnkit/rnn-core';
import { readClip } from './audio-input';
import type { Mode } from './dataset';
import { extractFeatures, Features, FrontEndConfig } from './front-end';
import { BLANK, defaultModelDir, loadSpeechModel, SpeechModelExtra } from './model-files';
import { argmax, meanLogSoftmax, softmax } from './pooling';

/** How a sequence model's frame scores become digits. */
export type Decoder = 'greedy' | 'beam';

/** Options of {@link Recognizer.load}. */
export interface RecognizerOptions {
  /** Model directory. Default: the shipped model of `mode`. */
  modelDir?: string;
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
 * A loaded speech model with its front-end: WAV file or samples in, digits out. Holds tensors: call
 * {@link Recognizer.dispose} when done.
 *
 * @example
 * const recognizer = await Recognizer.load('word');
 * console.log(recognizer.recognizeFile('samples/7_espeak_0.wav').transcript);
 * recognizer.dispose();
 */
export class Recognizer {
  private constructor(
    private readonly model: SequenceModel,
    /** What the model directory holds beside the weights. */
    readonly extra: SpeechModelExtra,
    private readonly decoder: Decoder,
    private readonly beamWidth: number,
  ) {}

  /** Loads a model directory (default: the shipped model of `mode`); with `mode`, checks the model is of it. */
  static async load(mode?: Mode, options: RecognizerOptions = {}): Promise<Recognizer> {
    const dir = options.modelDir ?? defaultModelDir(mode ?? 'word');
    const { model, extra } = await loadSpeechModel(dir, mode);
    return new Recognizer(model, extra, options.decoder ?? 'greedy', options.beamWidth ?? 8);
  }

  /** The recognition mode of the loaded model. */
  get mode(): Mode {
    return this.extra.mode;
  }

  /** The feature pipeline the model expects. */
  get frontEnd(): FrontEndConfig {
    return this.extra.frontEnd;
  }

  /** Recognizes a WAV file (any rate, depth or channel count audio-features reads; at most 60 s). */
  recognizeFile(path: string): Transcription {
    return this.recognize(readClip(path, { sampleRate: this.frontEnd.sampleRate }));
  }

  /** Recognizes mono samples in [-1, 1] at `frontEnd.sampleRate`. */
  recognize(samples: Float32Array): Transcription {
    const features = extractFeatures(samples, this.frontEnd);
    return features ? this.recognizeFeatures(features) : { transcript: '', confidence: 1 };
  }

  /** Recognizes features made by the model's front-end. */
  recognizeFeatures(features: Features): Transcription {
    const scores = this.scores(features);
    const classes = this.extra.labels.length;
    if (this.mode === 'word') {
      const pooled = softmax(meanLogSoftmax(scores, 0, features.steps, classes));
      const best = argmax(pooled, 0, classes);
      return { transcript: this.extra.labels[best], confidence: pooled[best] };
    }
    const shape: [number, number, number] = [1, features.steps, classes];
    if (this.decoder === 'beam') {
      const [hypothesis] = ctcBeamSearchDecode({ values: scores, shape }, { blank: BLANK, beamWidth: this.beamWidth })[0];
      return { transcript: this.spell(hypothesis.labels), confidence: Math.exp(hypothesis.logProb) };
    }
    const labels = ctcGreedyDecode({ values: scores, shape }, { blank: BLANK })[0];
    let logProb = 0;
    for (let t = 0; t < features.steps; t++) logProb += scores[t * classes + argmax(scores, t * classes, classes)];
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
