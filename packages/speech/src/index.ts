/**
 * @rnnkit/speech — spoken digit recognition shared by the command line and the browser: the feature front-end
 * (MFCC + deltas + CMVN from @rnnkit/audio-features), the speech model's stored settings, and the recognizer of
 * isolated digits (word mode) and digit strings (sequence mode, CTC) on the @rnnkit/rnn-core engine.
 * This is the full (Node) entry; `browser.ts` is the subset without Node built-ins, which bundlers pick through
 * the `browser` condition of the exports map.
 */
export * from './browser';
export { loadSpeechModel, loadRecognizer } from './model-directory';
