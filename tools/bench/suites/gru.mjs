// `npm run bench -- gru [--backend cpu|wasm] [--threads N] [--runs N] [--layers-runs N] [--no-layers] [--torch] [--reset-after]`
//
// The `lstm` suite's config, contenders and last-line figures with a 256-unit GRU (see lstm.mjs). The engine uses the reset gate before
// the recurrent product by default, as tf.layers.gru does (its only option); --reset-after switches the engine to
// the Keras-2/cuDNN convention that PyTorch's GRU uses. The arithmetic is the same either way.
import { recurrentTrainingSuite } from './lstm.mjs';

export async function run(args) {
  return recurrentTrainingSuite('gru', args);
}
