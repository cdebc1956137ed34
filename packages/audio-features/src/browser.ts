/**
 * @rnnkit/audio-features in a browser: WAV bytes in, MFCC out — decoding, resampling, framing, MFCC, deltas,
 * CMVN, streaming features and augmentation, with no Node built-in. The Node entry (`index.ts`) adds reading and
 * writing WAV files by path and spectrogram images; bundlers pick this file through the `browser` condition.
 */
export { AudioFeaturesError } from './errors';
export type { AudioFeaturesErrorCode } from './errors';
export { decodeWav, decodeWavInfo } from './wav-reader';
export { WavStreamDecoder } from './wav-stream';
export type { ReadWavOptions, WavAudio, WavEncoding, WavInfo } from './wav-reader';
export { writeWav } from './wav-writer';
export type { WavWriteFormat, WriteWavOptions } from './wav-writer';
export { resample } from './resample';
export { ResampleStream } from './resample-stream';
export { SpeechDetector } from './speech-detector';
export type { SpeechDetectorOptions, SpeechSegment } from './speech-detector';
export { mfcc, logMelEnergies } from './features';
export { FeatureStream } from './feature-stream';
export type { FeatureKind, FeatureStreamOptions } from './feature-stream';
export type { MfccFlavour, MfccOptions, ResolvedOptions } from './options';
export { frameGeometry, frameCount } from './framing';
export type { FrameGeometry } from './framing';
export { hzToMel, melToHz, psfMelFilters } from './mel';
export type { MelFilter } from './mel';
export { RealFft } from './fft';
export { deltas, withDeltas } from './deltas';
export { cmvn, RunningCmvn } from './cmvn';
export type { CmvnOptions } from './cmvn';
export { addNoise, applyGain, timeShift, changeSpeed, augment } from './augment';
export { colouredNoise, NOISE_COLOURS } from './noise';
export type { NoiseColour } from './noise';
export { roomImpulseResponse, convolve } from './reverb';
export type { RoomOptions } from './reverb';
export { applyBiquad, designBiquad } from './biquad';
export type { Biquad } from './biquad';
export type { AugmentOptions, AugmentResult, NoiseOptions, Range } from './augment';
