/**
 * @rnnkit/audio-features — WAV in, MFCC out. This is the full (Node) entry: everything of `browser.ts`, plus
 * reading and writing WAV files by path and spectrogram images (PNG through pngjs, SVG).
 */
export * from './browser';
export { readWav, readWavInfo, writeWavFile } from './wav-file';
export { spectrogramPng, spectrogramSvg } from './spectrogram-image';
export type { SpectrogramImageOptions } from './spectrogram-image';
