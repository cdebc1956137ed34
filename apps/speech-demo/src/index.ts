/**
 * speech-demo — spoken digit recognition in Node: isolated digits (a bidirectional GRU classifier) and
 * connected digit strings (a bidirectional GRU trained with CTC), over MFCC features from
 * @rnnkit/audio-features, on the @rnnkit/rnn-core engine. The command line is `speech-demo`; this module
 * exposes what a program needs to do the same: read clips, recognize, score, prepare data and train. The front-end
 * and the model files are @rnnkit/speech's.
 */

// Clips and folders of clips.
export { parseClipName, formatClipName, type ClipName } from './clip-name';
export { listClips, speakersOf, type Mode, type ClipFile, type ClipListing } from './dataset';
export { readClip, MAX_SECONDS, MAX_FILE_BYTES, type ReadClipOptions } from './audio-input';

// Recognizing and scoring.
export { Recognizer, defaultModelDir, type RecognizerOptions, type Decoder } from './recognizer';
export { scoreWords, scoreSequences, type WordScore, type SequenceScore } from './scoring';
export { parseCondition, conditionSeed, CONDITION_HELP, type Condition } from './conditions';

// Making data and training.
export { prepareData, type PrepareDataOptions } from './synthetic-data';
export { writeJoinedStrings, type WriteJoinedOptions } from './join-command';
export { train, type TrainOptions, type TrainObserver, type TrainResult, type EpochSummary } from './training';

// Errors.
export { SpeechDemoError, type SpeechDemoErrorCode } from './errors';
