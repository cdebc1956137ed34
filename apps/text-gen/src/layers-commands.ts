import type { CliIo } from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import { join } from 'node:path';
import { exportTextModel, importTextModel } from './layers-bridge';

/** Flags of `text-gen import`. */
export interface ImportFlags {
  from: string;
  out: string;
  vocabulary?: string;
  seqLen?: number;
  batch?: number;
  lr?: number;
  finalLr?: number;
}

/** `text-gen export`: the model of `modelDir` to `out` in the Layers format; paths as JSON on stdout. */
export async function exportCommand(io: CliIo, modelDir: string, out: string): Promise<void> {
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const read = await exportTextModel(modelDir, out);
  io.stderr(`text-gen: exported ${read} to ${out} (TensorFlow.js Layers format; GRUs need registerResetAfterGru in tfjs)\n`);
  io.stdout(`${JSON.stringify({ model: read, layers_model: join(out, 'model.json') })}\n`);
}

/** `text-gen import`: a Layers-format character model to a step-0 checkpoint in `out/last`; a summary as JSON. */
export async function importCommand(io: CliIo, flags: ImportFlags): Promise<void> {
  await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
  const training = { seqLen: flags.seqLen, batchSize: flags.batch, learningRate: flags.lr, finalLearningRate: flags.finalLr };
  const result = await importTextModel(flags.from, flags.out, { vocabularyFile: flags.vocabulary, training });
  for (const note of result.notes) io.stderr(`text-gen: note: ${note}\n`);
  io.stderr(`text-gen: fine-tune with: text-gen train --corpus FILE --out ${flags.out} --resume --minutes N\n`);
  io.stdout(`${JSON.stringify({ checkpoint: result.checkpoint, vocabulary: result.vocabularySize, architecture: result.architecture })}\n`);
}
