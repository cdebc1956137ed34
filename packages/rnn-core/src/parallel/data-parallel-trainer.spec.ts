import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { createRng } from '@rnnkit/common';
import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { meanSquaredError, softmaxCrossEntropy } from '../losses';
import { createOptimizer } from '../optimizers';
import { SequenceModel, type SequenceModelConfig } from '../sequence-model';
import { trainStep, type TrainStepResult } from '../train-step';
import { DataParallelTrainer } from './data-parallel-trainer';
import { sequenceReplica, sequenceReplicaSpec, type SequenceArrayBatch, type SequenceLossName } from './sequence-replica';
import type { FixtureConfig } from './testing/fixture-replica';

// The data-parallel path (threads = 2: the main thread and one worker, each with part of the rows) against the
// one-thread path (trainStep on the whole batch) from the same seed and data. The two differ only in the order of
// float32 sums (per slice, then combined) and in where the division by the normaliser happens, so after a few
// Adam updates weights and losses agree to ~1e-7 on values of order one; 1e-5 is the bound.
const TOLERANCE = 1e-5;
const STEPS = 3;

interface Case {
  name: string;
  config: SequenceModelConfig;
  loss: SequenceLossName;
  rows: number;
  steps: number;
  carryState?: boolean;
  masked?: boolean;
}

const CASES: Case[] = [
  {
    name: 'simpleRNN, one-hot tokens, carried state (truncated BPTT), 5 rows',
    config: { input: { type: 'tokens', vocabSize: 7 }, layers: [{ cell: 'simpleRNN', units: 6 }], output: { units: 7 }, outputMode: 'sequence', seed: 3 },
    loss: 'softmaxCrossEntropy',
    rows: 5,
    steps: 4,
    carryState: true,
  },
  {
    name: 'lstm under a reset-after gru, embedded tokens, carried state, 4 rows',
    config: {
      input: { type: 'tokens', vocabSize: 9, embeddingSize: 5 },
      layers: [{ cell: 'lstm', units: 6 }, { cell: 'gru', units: 5, resetAfter: true }],
      output: { units: 9 },
      outputMode: 'sequence',
      seed: 11,
    },
    loss: 'softmaxCrossEntropy',
    rows: 4,
    steps: 5,
    carryState: true,
  },
  {
    name: 'bidirectional peephole lstm under a reset-before gru, features, padded sequences, MSE, 7 rows',
    config: {
      input: { type: 'features', size: 3 },
      layers: [{ cell: 'gru', units: 5, resetAfter: false }, { cell: 'peepholeLstm', units: 4, bidirectional: 'concat' }],
      output: { units: 2 },
      outputMode: 'sequence',
      seed: 5,
    },
    loss: 'meanSquaredError',
    rows: 7,
    steps: 6,
    masked: true,
  },
  {
    name: 'bidirectional lstm (sum), final-state output of padded sequences, 6 rows',
    config: {
      input: { type: 'features', size: 4 },
      layers: [{ cell: 'lstm', units: 5, bidirectional: 'sum' }],
      output: { units: 3 },
      outputMode: 'last',
      seed: 9,
    },
    loss: 'softmaxCrossEntropy',
    rows: 6,
    steps: 5,
    masked: true,
  },
];

/** Update `u` of a case: plain data for the trainer, built from one seed so both paths see the same batch. */
function batchOf(c: Case, u: number): SequenceArrayBatch {
  const { rows: B, steps: T, config } = c;
  const rng = createRng(1000 * u + 17);
  const ids = (n: number, vocab: number) => Int32Array.from({ length: n }, () => Math.floor(rng.next() * vocab));
  const input =
    config.input.type === 'tokens'
      ? { data: ids(B * T, config.input.vocabSize), shape: [B, T] }
      : { data: randomArray(B * T * config.input.size, 100 + u), shape: [B, T, config.input.size] };
  const targets =
    config.outputMode === 'last'
      ? { data: ids(B, config.output.units), shape: [B] }
      : c.loss === 'softmaxCrossEntropy'
        ? { data: ids(B * T, config.output.units), shape: [B, T] }
        : { data: randomArray(B * T * config.output.units, 200 + u), shape: [B, T, config.output.units] };
  if (!c.masked) return { input, targets };
  // Row b keeps its first 1 + (b + u) mod T steps; one row is always full length.
  const mask = new Float32Array(B * T);
  for (let b = 0; b < B; b++) {
    const length = b === 0 ? T : 1 + ((b + u) % T);
    for (let t = 0; t < length; t++) mask[b * T + t] = 1;
  }
  return { input, targets, mask: { data: mask, shape: [B, T] } };
}

function referenceStep(model: SequenceModel, c: Case, batch: SequenceArrayBatch, optimizer: tf.Optimizer): TrainStepResult {
  const tensors = {
    input: tf.tensor(batch.input.data, batch.input.shape),
    targets: tf.tensor(batch.targets.data, batch.targets.shape),
    mask: batch.mask ? tf.tensor2d(batch.mask.data, batch.mask.shape as [number, number]) : undefined,
  };
  const loss = c.loss === 'softmaxCrossEntropy' ? softmaxCrossEntropy : meanSquaredError;
  try {
    return trainStep(model, tensors, { optimizer, loss, clipNorm: 1, carryState: c.carryState });
  } finally {
    tf.dispose([tensors.input, tensors.targets, ...(tensors.mask ? [tensors.mask] : [])]);
  }
}

async function startTrainer(model: SequenceModel, c: Case, threads: number, optimizer: tf.Optimizer): Promise<DataParallelTrainer<SequenceArrayBatch>> {
  const options = { loss: c.loss, carryState: c.carryState };
  return DataParallelTrainer.start({ threads, replica: sequenceReplicaSpec(model, options), local: sequenceReplica(model, options), optimizer, clipNorm: 1 });
}

// Both backends: on wasm the trainer reuses its gradient array and reads weights in place (tensors copy their
// values there), on cpu it must not (tensors keep the arrays they are made from).
describe.each(BACKENDS_UNDER_TEST)('DataParallelTrainer equals the one-thread path on %s', (backend) => {
  useBackend(backend);

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const reference = new SequenceModel(c.config);
    const parallel = new SequenceModel(c.config);
    const referenceOptimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    const parallelOptimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    const trainer = await startTrainer(parallel, c, 2, parallelOptimizer);
    try {
      for (let u = 0; u < STEPS; u++) {
        const batch = batchOf(c, u);
        const expected = referenceStep(reference, c, batch, referenceOptimizer);
        const got = await trainer.step(batch);
        expect(got.skipped).toBe(false);
        expect(Math.abs(got.loss - expected.loss)).toBeLessThan(TOLERANCE);
        expect(Math.abs(got.gradientNorm - expected.gradientNorm)).toBeLessThan(TOLERANCE);
      }
      reference.weights.forEach((w, i) => expectClose(parallel.weights[i], w, { atol: TOLERANCE, label: `weight ${i}` }));
    } finally {
      await trainer.close();
      [reference, parallel, referenceOptimizer, parallelOptimizer].forEach((x) => x.dispose());
    }
  });

  it('with threads = 1 starts no worker and is trainStep exactly', async () => {
    const c = CASES[1];
    const reference = new SequenceModel(c.config);
    const single = new SequenceModel(c.config);
    const referenceOptimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    const singleOptimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    const trainer = await startTrainer(single, c, 1, singleOptimizer);
    expect(trainer.threads).toBe(1);
    expect(trainer.workerThreadIds).toEqual([]);
    for (let u = 0; u < STEPS; u++) {
      const batch = batchOf(c, u);
      expect(await trainer.step(batch)).toEqual(referenceStep(reference, c, batch, referenceOptimizer));
    }
    reference.weights.forEach((w, i) => expectClose(single.weights[i], w, { atol: 0, label: `weight ${i}` }));
    await trainer.close();
    [reference, single, referenceOptimizer, singleOptimizer].forEach((x) => x.dispose());
  });
});

describe('DataParallelTrainer workers', () => {
  useBackend('cpu');
  const c = CASES[0];
  const fixture = join(__dirname, 'testing', 'fixture-replica.ts');

  async function startFixture(threads: number): Promise<{ trainer: DataParallelTrainer<SequenceArrayBatch>; built: Int32Array; model: SequenceModel }> {
    const model = new SequenceModel(c.config);
    const built = new SharedArrayBuffer(4);
    const config: FixtureConfig = { model: c.config, loss: c.loss, carryState: true, built };
    const trainer = await DataParallelTrainer.start({
      threads,
      replica: { module: fixture, exportName: 'fixtureReplica', config },
      local: sequenceReplica(model, { loss: c.loss, carryState: true }),
      optimizer: createOptimizer({ name: 'sgd', learningRate: 0.1 }),
    });
    return { trainer, built: new Int32Array(built), model };
  }

  it('start once and are reused, on batches of any size, without leaking tensors on the main thread or in the workers', async () => {
    const { trainer, built, model } = await startFixture(3);
    const ids = trainer.workerThreadIds;
    expect(ids).toHaveLength(2);
    expect(built[0]).toBe(2);
    // 5 rows on 3 threads (2 + 2 + 1), then fewer rows than threads: a worker sits the step out. The first step
    // at each batch size creates the main thread's carried state, which lives on; later steps must add nothing.
    for (const rows of [5, 2]) {
      trainer.resetStates();
      await trainer.step(batchOf({ ...c, rows }, 0));
      const workerTensors = trainer.workerTensors;
      for (let u = 1; u < 3; u++) {
        const batch = batchOf({ ...c, rows }, u);
        const result = await expectNoLeak(() => trainer.step(batch));
        expect(Number.isFinite(result.loss)).toBe(true);
        expect(trainer.workerTensors).toEqual(workerTensors);
      }
    }
    // With 2 rows on 3 threads the second worker sat out; the first ran every step.
    expect(trainer.workerTensors.every((n) => typeof n === 'number' && n > 0)).toBe(true);
    expect(trainer.workerThreadIds).toEqual(ids);
    expect(built[0]).toBe(2);
    await trainer.close();
    model.dispose();
  });

  it('reject the step with a clear error when one throws, and refuse later steps', async () => {
    const { trainer, model } = await startFixture(2);
    const batch = { ...batchOf(c, 0), fault: ['', '', '', 'throw', ''] };
    await expect(trainer.step(batch)).rejects.toMatchObject({ code: 'INTERNAL', message: 'training worker 1 of 1 failed: a poisoned row' });
    await expect(trainer.step(batchOf(c, 1))).rejects.toThrow(/poisoned row/);
    await trainer.close();
    model.dispose();
  });

  it('keep the code of an input error met in a worker, as one thread would report it', async () => {
    const { trainer, model } = await startFixture(2);
    const batch = batchOf(c, 0);
    batch.input.data[4 * c.steps + 1] = 99; // row 4: the worker's slice (rows 3 and 4)
    await expect(trainer.step(batch)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/^training worker 1 of 1 failed: token id 99 .* outside the vocabulary/) });
    await trainer.close();
    model.dispose();
  });

  it('reject the step when one dies mid-step (never a hang), and close() still works, twice', async () => {
    const { trainer, model } = await startFixture(2);
    await trainer.step(batchOf(c, 0));
    const weightsBefore = model.weights.map((w) => (w.dataSync() as Float32Array).slice());
    const batch = { ...batchOf(c, 1), fault: ['', '', '', '', 'exit'] };
    await expect(trainer.step(batch)).rejects.toThrow(/training worker 1 of 1 exited \(code 7\); the update was not applied/);
    model.weights.forEach((w, i) => expectClose(w, weightsBefore[i], { atol: 0 }));
    await expect(trainer.step(batchOf(c, 2))).rejects.toThrow(/exited/);
    await trainer.close();
    await trainer.close();
    await expect(trainer.step(batchOf(c, 2))).rejects.toThrow(/closed/);
    model.dispose();
  });

  it('stop at close() even in the middle of a step, which then rejects', async () => {
    const { trainer, model } = await startFixture(2);
    const stalled = trainer.step({ ...batchOf(c, 0), fault: ['', '', '', 'stall', ''] });
    const closed = trainer.close();
    await expect(stalled).rejects.toThrow(/the data-parallel trainer is closed/);
    await closed;
    model.dispose();
  });

  it('do not keep a process alive between steps, so a trainer never closed does not stop a program from ending', () => {
    const run = spawnSync(process.execPath, ['-r', join(__dirname, 'register-sources.cjs'), join(__dirname, 'testing', 'unclosed-trainer.ts')], {
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect([run.signal, run.status, run.stdout]).toEqual([null, 0, expect.stringMatching(/^stepped on 2 threads, loss \d\.\d{3}\n$/)]);
  });

  it('run on one thread, saying why, when the backend does not load in a worker thread', async () => {
    // A backend known to the main thread only (the cpu kernels under another name), as a native addon may be.
    tf.registerBackend('rnnkit-main-only', () => new MathBackendCPU());
    tf.getKernelsForBackend('cpu').forEach((kernel) => tf.registerKernel({ ...kernel, backendName: 'rnnkit-main-only' }));
    await tf.setBackend('rnnkit-main-only');
    const model = new SequenceModel(c.config);
    try {
      const trainer = await DataParallelTrainer.start({
        threads: 2,
        replica: sequenceReplicaSpec(model, { loss: 'softmaxCrossEntropy' }),
        local: sequenceReplica(model, { loss: 'softmaxCrossEntropy' }),
        optimizer: createOptimizer({ name: 'sgd', learningRate: 0.1 }),
      });
      expect([trainer.threads, trainer.workerThreadIds]).toEqual([1, []]);
      expect(trainer.notice).toMatch(/^the rnnkit-main-only backend does not load in a worker thread, so training runs on 1 thread \(training worker 1 of 1 failed: unknown backend "rnnkit-main-only"/);
      expect(Number.isFinite((await trainer.step(batchOf(c, 0))).loss)).toBe(true);
      await trainer.close();
    } finally {
      model.dispose();
      await tf.setBackend('cpu');
      tf.removeBackend('rnnkit-main-only');
    }
  });

  it('refuse to start when a replica does not match the main thread variables', async () => {
    const model = new SequenceModel(c.config);
    const other = { ...c.config, layers: [{ cell: 'simpleRNN' as const, units: 3 }] };
    await expect(
      DataParallelTrainer.start({
        threads: 2,
        replica: { module: '@rnnkit/rnn-core', exportName: 'sequenceModelReplica', config: { model: other, loss: 'softmaxCrossEntropy' } },
        local: sequenceReplica(model, { loss: 'softmaxCrossEntropy' }),
        optimizer: createOptimizer({ name: 'sgd', learningRate: 0.1 }),
      }),
    ).rejects.toThrow(/training worker 1 of 1 failed: the replica's variables have shapes/);
    model.dispose();
  });

  it('refuse a bad thread count', async () => {
    const model = new SequenceModel(c.config);
    const start = (threads: number) =>
      DataParallelTrainer.start({ threads, replica: sequenceReplicaSpec(model, { loss: 'softmaxCrossEntropy' }), local: sequenceReplica(model, { loss: 'softmaxCrossEntropy' }), optimizer: createOptimizer({ name: 'sgd', learningRate: 0.1 }) });
    await expect(start(0)).rejects.toThrow(/threads must be a positive integer/);
    await expect(start(1.5)).rejects.toThrow(/threads must be a positive integer/);
    model.dispose();
  });
});
