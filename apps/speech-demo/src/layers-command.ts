import * as path from 'node:path';
import type { CliIo } from '@rnnkit/common';
import type { Mode } from '@rnnkit/speech';
import { exportSpeechModel } from './layers-export';
import { defaultModelDir } from './recognizer';

/** Flags of `speech-demo export`. */
export interface ExportFlags {
  mode: Mode;
  model?: string;
  out: string;
}

/**
 * `speech-demo export`: the model of `--model` (or the shipped model of `--mode`) to `--out` in the TensorFlow.js
 * Layers format; what was written as JSON on stdout.
 */
export async function exportCommand(io: CliIo & { prepareBackend?: () => Promise<void> }, flags: ExportFlags): Promise<void> {
  await io.prepareBackend?.();
  const dir = flags.model ?? defaultModelDir(flags.mode);
  const extra = await exportSpeechModel(dir, flags.out, flags.model === undefined ? flags.mode : undefined);
  io.stderr(`speech-demo: exported ${dir} to ${flags.out}: frame scores over ${extra.labels.length} labels; ${extra.mode === 'sequence' ? 'CTC decoding' : 'pooling over frames'} stays code\n`);
  io.stdout(`${JSON.stringify({ model: dir, layers_model: path.join(flags.out, 'model.json'), mode: extra.mode, labels: extra.labels })}\n`);
}
