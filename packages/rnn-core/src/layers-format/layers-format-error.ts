import { RnnkitError } from '@rnnkit/common';

/**
 * A model that cannot cross between rnnkit and the TensorFlow.js Layers format. The message names the file or
 * model, the part at fault and what is supported, in one line. Code `BAD_MODEL` for files that cannot be read
 * as a supported Layers model, `NOT_EXPRESSIBLE` for rnnkit models tf.layers has no layers for (exit 2 both).
 */
export class LayersFormatError extends RnnkitError {
  constructor(source: string, problem: string, code: 'BAD_MODEL' | 'NOT_EXPRESSIBLE' = 'BAD_MODEL') {
    super(code, problem, { file: source });
  }
}
