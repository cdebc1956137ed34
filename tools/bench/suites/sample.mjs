// `npm run bench -- sample [--chars N] [--runs N] [--backend wasm|cpu] [--engine auto|js|tfjs] [--hidden H] [--layers L]`
//
// Single-stream generation speed of a character model: a 2-layer, 256-unit LSTM (embedding 32) over a vocabulary
// of the 95 printable ASCII characters plus line feed and UNK, with seeded random weights (speed does not depend
// on what the weights are). Each run generates --chars characters (default 2000) through generate(): batch-1
// inference stepper, temperature/top-k sampling, text decoding. 2 warm-up runs, then the median of --runs
// (default 5). chars_per_s = chars / median seconds.
// Build first: npx tsc -p packages/rnn-core/tsconfig.lib.json && npx tsc -p packages/char-lm/tsconfig.lib.json
import { selectBackend } from '@rnnkit/rnn-core';
import { createCharModel, generateText, InferenceStepper, Vocabulary } from '@rnnkit/char-lm';
import { medianMs, option } from '../stats.mjs';

export async function run(args) {
  const chars = Number(option(args, 'chars', '2000'));
  const runs = Number(option(args, 'runs', '5'));
  const hidden = Number(option(args, 'hidden', '256'));
  const layers = Number(option(args, 'layers', '2'));
  const engine = option(args, 'engine', 'auto');
  const backend = await selectBackend({ backend: option(args, 'backend', undefined), log: null });
  let printable = '\n';
  for (let c = 32; c < 127; c++) printable += String.fromCharCode(c);
  const vocabulary = Vocabulary.fromCorpus(printable);
  const model = createCharModel(vocabulary.size, { cell: 'lstm', layers, hidden, embedding: 32, seed: 1 });
  const probe = InferenceStepper.fromModel(model, { engine });
  const engineUsed = probe.engine;
  probe.dispose();
  let seed = 0;
  const ms = await medianMs(
    () => generateText(model, vocabulary, { length: chars, temperature: 0.8, topK: 40, seed: seed++, engine }),
    { warmup: 2, runs },
  );
  model.dispose();
  return {
    suite: 'sample',
    model: `lstm ${layers}x${hidden}, vocabulary ${vocabulary.size}`,
    backend,
    engine: engineUsed,
    chars,
    runs,
    median_ms: Number(ms.toFixed(1)),
    chars_per_s: Math.round(chars / (ms / 1000)),
  };
}
