import { FeatureStream } from './feature-stream';
import { MfccOptions } from './options';

/**
 * MFCCs of a whole signal (samples in [-1, 1], one channel): one Float32Array of `numCeps` coefficients per
 * frame, in time order. The default flavour `psf` follows python_speech_features exactly (see the README for
 * the precise definition); `meyda` gives what Meyda.extract('mfcc') gives for each frame.
 *
 * @example
 * const { samples, sampleRate } = readWav('speech.wav');
 * const frames = mfcc(samples, sampleRate); // 13 coefficients every 10 ms
 */
export function mfcc(signal: ArrayLike<number>, sampleRate: number, options: MfccOptions = {}): Float32Array[] {
  return whole(new FeatureStream(sampleRate, { ...options, features: 'mfcc' }), signal);
}

/**
 * Log mel filter-bank energies (psf definition: pre-emphasis, |FFT|²/NFFT, `numFilters` triangles, natural log,
 * zeros floored at float64 epsilon): one Float32Array of `numFilters` values per frame.
 */
export function logMelEnergies(
  signal: ArrayLike<number>,
  sampleRate: number,
  options: Omit<MfccOptions, 'flavour' | 'numCeps' | 'lifter' | 'useEnergy'> = {},
): Float32Array[] {
  return whole(new FeatureStream(sampleRate, { ...options, features: 'logMel' }), signal);
}

function whole(stream: FeatureStream, signal: ArrayLike<number>): Float32Array[] {
  const frames = stream.push(signal);
  for (const frame of stream.end()) frames.push(frame);
  return frames;
}
