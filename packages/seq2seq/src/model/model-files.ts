import { loadModelFileSync, saveModelFile, saveModelFileSync, type tf } from '@rnnkit/rnn-core';
import { seq2seqExtra, seq2seqModelKind, type LoadedSeq2SeqModel } from './seq2seq-model-kind';
import type { Seq2SeqModel } from './seq2seq-model';

/**
 * Saves a model atomically into `dir` (created if needed) as a {@link seq2seqModelKind} file: model.json holds the
 * architecture (`config`), both vocabularies and `metadata` (plain JSON) under `extra`; the weights go to one
 * checksummed binary file. A process killed while saving leaves the previous model in place.
 */
export function saveSeq2SeqModel(model: Seq2SeqModel, dir: string, metadata: Record<string, unknown> = {}): void {
  saveModelFileSync(seq2seqModelKind, model, dir, { extra: seq2seqExtra(model, metadata) });
}

/**
 * Saves a training checkpoint into `dir`: the model as {@link saveSeq2SeqModel} does, plus the optimizer's state, so
 * that rnn-core's `resumeCheckpoint(seq2seqModelKind, dir, …)` can continue the run exactly.
 */
export async function saveSeq2SeqCheckpoint(
  model: Seq2SeqModel, dir: string, optimizer: tf.Optimizer, metadata: Record<string, unknown>,
): Promise<void> {
  await saveModelFile(seq2seqModelKind, model, dir, { extra: seq2seqExtra(model, metadata), optimizer });
}

/**
 * Reads a model saved by {@link saveSeq2SeqModel} (or by an earlier version, upgraded on load). Anything wrong —
 * missing or corrupt files, another kind of model, a bad config or vocabulary, missing, unknown or misshapen
 * weights — is a `ModelFileError` naming the file.
 */
export function loadSeq2SeqModel(dir: string): LoadedSeq2SeqModel {
  const { model, extra } = loadModelFileSync(seq2seqModelKind, dir);
  return { model, metadata: extra.metadata };
}
