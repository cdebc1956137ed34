import { colouredNoise, NOISE_COLOURS, type NoiseColour } from '@rnnkit/audio-features';

/**
 * A comfort-noise floor laid under every utterance before its features: noise of a fixed colour at a fixed level
 * below the utterance's (already normalised) loudest 10 ms. Recording chains differ most at low levels — the
 * floor around and between the sounds of a word — and mild noise masks that difference: the same floor in
 * training and recognition lets a model ignore what lies below it. Figures in the speech-demo README.
 */
export interface DitherConfig {
  /** Colour of the floor (audio-features' `colouredNoise`). */
  colour: NoiseColour;
  /** RMS of the floor, in dB below the utterance's loudest 10 ms block. */
  belowPeakDb: number;
}

/** True when `value` is a well-formed {@link DitherConfig}. */
export function isDitherConfig(value: unknown): value is DitherConfig {
  if (!value || typeof value !== 'object') return false;
  const { colour, belowPeakDb } = value as DitherConfig;
  return NOISE_COLOURS.includes(colour) && typeof belowPeakDb === 'number' && Number.isFinite(belowPeakDb);
}

/**
 * Adds the floor in place to `speech`, whose loudest 10 ms block is at `peakDb` dBFS. The noise is seeded by the
 * utterance's length, so the same utterance always gets the same floor (recognition stays deterministic) while
 * different utterances get different noise.
 */
export function addDither(speech: Float32Array, sampleRate: number, peakDb: number, dither: DitherConfig): void {
  const noise = colouredNoise(dither.colour, speech.length, sampleRate, speech.length);
  const scale = 10 ** ((peakDb - dither.belowPeakDb) / 20);
  for (let i = 0; i < speech.length; i++) speech[i] += scale * noise[i];
}
