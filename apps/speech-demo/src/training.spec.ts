import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOptimizer, ctcLoss, loadModelFile, softmaxCrossEntropy, tf, trainStep } from '@rnnkit/rnn-core';
import { DEFAULT_FRONT_END, extractFeatures, labelsFor } from '@rnnkit/speech';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { frameTargets, labelTargets, padBatch } from './batching';
import { joinClips } from './join-clips';
import { Recognizer } from './recognizer';
import { createRng } from '@rnnkit/common';
import { toneClip, tempDir } from './testing/fixtures';
import { writeToneClips } from './testing/tone-data';
import { buildModel, matchesSpeaker, predictExamples, train, TrainOptions } from './training';
import { paddedCtcLoss } from './training-replica';
import { SPEECH_CHECKPOINT_KIND } from './training-checkpoint';
import { targetOf } from './training-data';

const fe = { ...DEFAULT_FRONT_END };

function toneExample(digit: number, seed: number, mode: 'word' | 'sequence') {
  return { features: extractFeatures(toneClip(digit, seed), fe)!, target: targetOf(String(digit), mode) };
}

describe('matchesSpeaker', () => {
  it('matches exact names and prefix* patterns', () => {
    expect(matchesSpeaker('george', ['george'])).toBe(true);
    expect(matchesSpeaker('georgette', ['george'])).toBe(false);
    expect(matchesSpeaker('esp-en-029-f1', ['esp-en-029*'])).toBe(true);
    expect(matchesSpeaker('esp-en-us', ['esp-en-029*', 'lucas'])).toBe(false);
  });
});

describe('paddedCtcLoss', () => {
  useBackend('cpu');

  it('equals ctcLoss given the labels and frame counts directly', async () => {
    const rng = createRng(2);
    const logits = tf.tensor3d(Float32Array.from({ length: 2 * 6 * 4 }, () => rng.normal()), [2, 6, 4]);
    const targets = labelTargets([[1, 2], [3]]);
    const mask = tf.tensor2d([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], [2, 6]);
    await expectNoLeak(() => {
      const padded = paddedCtcLoss(logits, targets, mask);
      const direct = ctcLoss(logits, [[1, 2], [3]], { blank: 0, inputLengths: [6, 3] });
      expectClose(padded.dataSync(), direct.dataSync(), { atol: 1e-6 });
      tf.dispose([padded, direct]);
    });
    tf.dispose([logits, targets, mask]);
  });
});

describe('training steps on a trivially separable toy set', () => {
  useBackend('wasm');

  it('word mode: the cross-entropy falls within three steps', async () => {
    const model = buildModel('word', fe, 1, 8, 0, 3);
    const examples = [0, 1, 2, 0, 1, 2].map((d, i) => toneExample(d, i, 'word'));
    const padded = padBatch(examples);
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    const input = tf.tensor3d(padded.input, [padded.batch, padded.steps, padded.dim]);
    const mask = tf.tensor2d(padded.mask, [padded.batch, padded.steps]);
    const targets = frameTargets(padded.targets, padded.steps);
    const losses = [0, 1, 2].map(() => trainStep(model, { input, targets, mask }, { optimizer, loss: softmaxCrossEntropy }).loss);
    expect(losses[2]).toBeLessThan(losses[0]);
    tf.dispose([input, mask, targets]);
    model.dispose();
    optimizer.dispose();
  });

  it('sequence mode: the CTC loss falls within three steps', async () => {
    const model = buildModel('sequence', fe, 1, 8, 0, 4);
    const rng = createRng(9);
    const strings = ['12', '0', '21', '102'];
    const examples = strings.map((s, i) => ({
      features: extractFeatures(joinClips([...s].map((d, k) => toneClip(Number(d), 10 * i + k)), 8000, rng, [50, 100]), fe)!,
      target: targetOf(s, 'sequence'),
    }));
    const padded = padBatch(examples);
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    const input = tf.tensor3d(padded.input, [padded.batch, padded.steps, padded.dim]);
    const mask = tf.tensor2d(padded.mask, [padded.batch, padded.steps]);
    const targets = labelTargets(padded.targets);
    const losses = [0, 1, 2].map(() => trainStep(model, { input, targets, mask }, { optimizer, loss: paddedCtcLoss }).loss);
    expect(losses[2]).toBeLessThan(losses[0]);
    tf.dispose([input, mask, targets]);
    model.dispose();
    optimizer.dispose();
  });
});

describe('predictExamples', () => {
  useBackend('wasm');

  it('gives in padded batches what each example gives alone (masks hide the padding)', async () => {
    for (const mode of ['word', 'sequence'] as const) {
      const model = buildModel(mode, fe, 2, 8, 0, 5);
      const examples = [0.3, 0.6, 0.45].map((seconds, i) => ({
        features: extractFeatures(toneClip(i, i, { seconds }), fe)!,
        target: [0],
      }));
      await expectNoLeak(() => {
        const batched = tf.tidy(() => {
          const p = padBatch(examples);
          return model.predict(tf.tensor3d(p.input, [p.batch, p.steps, p.dim]), p.mask);
        });
        examples.forEach((e, b) => {
          const alone = tf.tidy(() => model.predict(tf.tensor3d(e.features.data, [1, e.features.steps, e.features.dim])));
          const row = tf.tidy(() => tf.slice(batched, [b, 0, 0], [1, e.features.steps, -1]));
          expectClose(row.dataSync(), alone.dataSync(), { atol: 1e-5 });
          tf.dispose([alone, row]);
        });
        batched.dispose();
        expect(predictExamples(model, examples, mode, 2)).toHaveLength(3);
      });
      model.dispose();
    }
  });
});

describe('train', () => {
  useBackend('wasm');
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const data = join(dir, 'data');
  // Joined strings need speakers who said all ten digits.
  const tenDigits = join(dir, 'ten');
  beforeAll(() => {
    writeToneClips(data, ['ann', 'bob', 'cy'], [0, 1, 2], 2);
    writeToneClips(tenDigits, ['ann', 'cy'], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1);
  });

  const options = (mode: 'word' | 'sequence', out: string): TrainOptions => ({
    mode,
    dataDirs: [data],
    outDir: out,
    valSpeakers: ['cy'],
    excludeSpeakers: ['bob'],
    epochs: 2,
    batchSize: 4,
    learningRate: 0.01,
    layers: 1,
    units: 8,
    dropout: 0,
    augment: 1,
    speed: [0.9, 1.1],
    channel: true,
    augmentExcept: [],
    maskTime: 1,
    maskFeatures: 1,
    joined: mode === 'sequence' ? 4 : 0,
    joinedDigits: [1, 3],
    pauseMs: [50, 100],
    frontEnd: fe,
    seed: 1,
    maxSteps: 3,
  });

  it('word mode: writes the model, its confusion picture and a resumable checkpoint', async () => {
    const out = join(dir, 'word');
    const lines: string[] = [];
    const result = await train(options('word', out), { log: (l) => lines.push(l) });
    // ann's 6 clips (augmented copies are made per epoch on top); cy validates; bob is left out.
    expect(result.trainExamples).toBe(6);
    expect(result.validationExamples).toBe(6);
    expect(result.trainSpeakers).toEqual(['ann']);
    expect(result.validationSpeakers).toEqual(['cy']);
    expect(result.history.map((h) => h.steps)).toEqual([3]);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    expect(readFileSync(join(out, 'confusion.png')).subarray(1, 4).toString()).toBe('PNG');
    const checkpoint = await loadModelFile(SPEECH_CHECKPOINT_KIND, join(out, 'checkpoint'));
    expect(checkpoint.optimizer).not.toBeNull();
    expect(checkpoint.extra.progress).toMatchObject({ epoch: 1, step: 3, settings: { units: 8, valSpeakers: ['cy'] } });
    checkpoint.model.dispose();
    checkpoint.optimizer?.dispose();

    const recognizer = await Recognizer.load('word', { modelDir: out });
    expect(recognizer.recognizeFile(join(data, '1_bob_0.wav')).transcript).toMatch(/^[0-9]$/);
    recognizer.dispose();

    const resumed = await train({ ...options('word', out), resume: true, maxSteps: 6 }, { log: (l) => lines.push(l) });
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(lines.some((l) => /resuming after epoch 1/.test(l))).toBe(true);

    // A resume must match the checkpoint: every difference is named, and nothing is trained or written.
    const before = readFileSync(join(out, 'checkpoint', 'model.json'), 'utf8');
    const otherFrontEnd = { ...fe, numCeps: 12 };
    await expect(train({ ...options('word', out), resume: true, units: 16, frontEnd: otherFrontEnd })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringMatching(/checkpoint[/\\]model\.json: was trained with other settings \(frontEnd: .*"numCeps":13.*asked .*"numCeps":12.*; units: checkpoint 8, asked 16\)/),
    });
    expect(readFileSync(join(out, 'checkpoint', 'model.json'), 'utf8')).toBe(before);
  });

  it('refuses to resume when there is no checkpoint, instead of starting over', async () => {
    const out = join(dir, 'never-trained');
    await expect(train({ ...options('word', out), resume: true })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringMatching(/never-trained[/\\]checkpoint: holds no checkpoint to resume from/),
    });
    expect(existsSync(join(out, 'model.json'))).toBe(false);
  });

  it('sequence mode: trains on clips and joined strings and writes a CTC model', async () => {
    const out = join(dir, 'sequence');
    const result = await train({ ...options('sequence', out), dataDirs: [tenDigits], excludeSpeakers: [] });
    // ann's 10 clips (plus augmented copies and 4 joined strings made per epoch).
    expect(result.trainExamples).toBe(10);
    // cy's 10 clips and 4 strings joined from them.
    expect(result.validationExamples).toBe(14);
    const recognizer = await Recognizer.load('sequence', { modelDir: out });
    expect(recognizer.extra.mode).toBe('sequence');
    expect(recognizer.extra.labels).toEqual(labelsFor('sequence'));
    // A model this small need not be right yet (it may emit nothing): it must decode to digits only, the same way twice.
    const { transcript } = recognizer.recognizeFile(join(tenDigits, '2_cy_0.wav'));
    expect(transcript).toMatch(/^[0-9]*$/);
    expect(recognizer.recognizeFile(join(tenDigits, '2_cy_0.wav')).transcript).toBe(transcript);
    recognizer.dispose();
  });

  // Two threads cut each batch of 4 examples into 2 + 2 rows and sum the slices' loss sums (frame cross-entropy,
  // or CTC per string) and gradients; one thread takes the mean at once. At dropout 0 only the order of float32
  // sums differs, so losses and weights after a few Adam updates agree far inside the bound of 1e-5.
  describe('on two threads', () => {
    const checkpointWeights = async (out: string): Promise<number[][]> => {
      const { model, optimizer } = await loadModelFile(SPEECH_CHECKPOINT_KIND, join(out, 'checkpoint'));
      const weights = model.weights.map((w) => Array.from(w.dataSync()));
      model.dispose();
      optimizer?.dispose();
      return weights;
    };
    const run = async (o: TrainOptions) => {
      const losses: number[] = [];
      const lines: string[] = [];
      await train(o, { step: (_, loss) => losses.push(loss), log: (l) => lines.push(l) });
      return { losses, lines, weights: await checkpointWeights(o.outDir) };
    };
    const expectSame = (a: { losses: number[]; weights: number[][] }, b: { losses: number[]; weights: number[][] }) => {
      expectClose(a.losses, b.losses, { atol: 1e-5, label: 'losses' });
      a.weights.forEach((w, i) => expectClose(w, b.weights[i], { atol: 1e-5, label: `weight ${i}` }));
    };

    it('word and sequence mode: the losses and weights of one thread, without leaking tensors', async () => {
      for (const mode of ['word', 'sequence'] as const) {
        const base = mode === 'word' ? options(mode, '') : { ...options(mode, ''), dataDirs: [tenDigits], excludeSpeakers: [] };
        const one = await run({ ...base, outDir: join(dir, `${mode}-1t`), threads: 1 });
        const two = await expectNoLeak(() => run({ ...base, outDir: join(dir, `${mode}-2t`), threads: 2 }));
        expect(one.lines).toContain('training on 1 thread');
        expect(two.lines).toContain('training on 2 threads');
        expectSame(two, one);
      }
    });

    it('a run resumed on another number of threads continues as on one thread', async () => {
      await run({ ...options('word', join(dir, 'resume-1t')), threads: 1 });
      cpSync(join(dir, 'resume-1t'), join(dir, 'resume-2t'), { recursive: true });
      const rest = (name: string, threads: number) => run({ ...options('word', join(dir, name)), resume: true, maxSteps: 5, threads });
      const two = await rest('resume-2t', 2);
      const one = await rest('resume-1t', 1);
      expect(two.losses).toHaveLength(2);
      expectSame(two, one);
    });
  });

  it('refuses when no clip of the validation speakers exists', async () => {
    await expect(train({ ...options('word', join(dir, 'x')), valSpeakers: ['nobody'] })).rejects.toThrow(/no clips of the validation speakers \(nobody\); speakers found: ann, cy/);
  });
});
