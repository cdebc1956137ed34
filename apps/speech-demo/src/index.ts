/**
 * speech-demo — spoken digit recognition in Node: isolated digits (a bidirectional GRU classifier) and
 * connected digit strings (a bidirectional GRU trained with CTC), over MFCC features from
 * @rnnkit/audio-features, on the @rnnkit/rnn-core engine. The command line is `speech-demo`; this module
 * exposes the same pieces for programs.
 */
export { SpeechDemoError, type SpeechDemoErrorCode } from './errors';
export { parseClipName, formatClipName, type ClipName } from './clip-name';
export { listClips, speakersOf, type Mode, type ClipFile, type ClipListing } from './dataset';
export { readClip, MAX_SECONDS, MAX_FILE_BYTES, type ReadClipOptions } from './audio-input';
export {
  extractFeatures,
  speechRegion,
  blockLevels,
  stackFrames,
  featureDim,
  DEFAULT_FRONT_END,
  defaultFrontEnd,
  labelsFor,
  BLANK,
  loadSpeechModel,
  type FrontEndConfig,
  type Features,
  type SpeechModelExtra,
  type Transcription,
} from '@rnnkit/speech';
export { Recognizer, defaultModelDir, type RecognizerOptions, type Decoder } from './recognizer';
export { scoreWords, scoreSequences, type WordScore, type SequenceScore } from './scoring';
export { confusionPng } from './confusion-image';
export { padBatch, bucketBatches, frameTargets, labelTargets, unpadTargets, type Example, type PaddedBatch } from './batching';
export { joinClips } from './join-clips';
export { checkEspeak, speak, fixStreamedWavSizes, ESPEAK_INSTALL_HINT, type SpeakOptions } from './espeak';
export { prepareData, planClips, augmentClip, speakerTag, DIGIT_WORDS, type PrepareDataOptions, type ClipPlan } from './synthetic-data';
export { writeJoinedStrings, type WriteJoinedOptions } from './join-command';
export {
  train,
  buildModel,
  predictExamples,
  paddedCtcLoss,
  matchesSpeaker,
  type TrainOptions,
  type TrainObserver,
  type TrainResult,
  type EpochSummary,
} from './training';
export { runCli, type CliIo } from './cli';
