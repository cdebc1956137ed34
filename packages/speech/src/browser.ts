/**
 * @rnnkit/speech in a browser: everything of the package that works on samples, features and loaded models,
 * and imports no Node built-in. Node programs import `index.ts`, which adds loading model directories from disk.
 */
export { type Mode } from './mode';
export { SpeechError, type SpeechErrorCode } from './speech-error';
export {
  extractFeatures,
  utteranceFeatures,
  speechRegion,
  trimRegion,
  stackFrames,
  featureDim,
  DEFAULT_FRONT_END,
  defaultFrontEnd,
  type FrontEndConfig,
  type Features,
} from './front-end';
export { type DitherConfig } from './dither';
export { blockLevels } from './levels';
export { SpeechFinder, findSpeech, SPEECH_DETECTION, DETECTION_BAND_HZ } from './speech-detection';
export { argmax, meanLogSoftmax, softmax } from './pooling';
export {
  SPEECH_MODEL_KIND,
  fetchSpeechModel,
  decodeSpeechModel,
  speechModelOfMode,
  labelsFor,
  BLANK,
  type SpeechModel,
  type SpeechModelExtra,
} from './model-files';
export { Recognizer, type RecognizerOptions, type Transcription, type Decoder } from './recognizer';
export { StreamingRecognizer, type StreamingOptions, type Utterance, type DigitScore } from './streaming-recognizer';
