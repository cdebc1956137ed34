/**
 * The one place rnn-core loads TensorFlow.js from. tfjs-core's CommonJS build registers no gradient functions
 * (they ship only as an ES module); tfjs-layers' CommonJS build registers them all, so it is loaded for that
 * side effect, and autodiff works in Node and Jest alike.
 */
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';

export * as tf from '@tensorflow/tfjs-core';
