import * as path from 'node:path';
import { loadSeq2SeqModel } from './model/model-files';
import type { LoadedSeq2SeqModel } from './model/seq2seq-model-kind';
import { getTask } from './tasks/registry';

/** The directory of the trained model shipped with the package for a task (`models/<task>`). */
export function shippedModelDir(task: string): string {
  getTask(task); // an unknown name is a TaskError listing the known ones
  // Both src/ (tests) and dist/ (the built package) sit next to models/.
  return path.resolve(__dirname, '..', 'models', task);
}

/** Loads the model shipped for a task (see the README for how each was trained and how well it does). */
export function loadShippedModel(task: string): LoadedSeq2SeqModel {
  return loadSeq2SeqModel(shippedModelDir(task));
}
