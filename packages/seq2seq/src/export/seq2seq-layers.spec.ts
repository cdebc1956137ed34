import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { layersDirectory, registerResetAfterGru, tf } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { makeTrainingBatch } from '../data/batch';
import { Seq2SeqModel } from '../model/seq2seq-model';
import { loadShippedModel } from '../shipped-models';
import { translate } from '../translate';
import { END_ID, START_ID, Vocabulary } from '../vocabulary';
import { exportSeq2SeqLayersDirectory } from './seq2seq-layers-node';

const DATES = ['March 3, 1998', '12/25/2001', 'sábado, 4 de julho de 1976', '1 Jan 2000'];

/** Values of a [B, T, ...] tensor at the steps where `mask` [B·T] is 1. */
function realSteps(t: tf.Tensor, mask: Float32Array): number[] {
  const width = t.size / mask.length;
  return Array.from(t.dataSync()).filter((_, i) => mask[Math.floor(i / width)] === 1);
}

/** Greedy decoding of one source with the exported networks only: what a page without rnnkit would run. */
function greedyWithLayers(encoder: tfl.LayersModel, decoder: tfl.LayersModel, ids: number[], maxLength: number): number[] {
  return tf.tidy(() => {
    const [memory, keys, penalty, ...states] = encoder.predict(tf.tensor2d([ids], [1, ids.length])) as tf.Tensor[];
    let current = states;
    let token = START_ID;
    const out: number[] = [];
    while (out.length < maxLength) {
      const [logits, , ...next] = decoder.predict([tf.tensor2d([[token]]), ...current, memory, keys, penalty]) as tf.Tensor[];
      token = tf.argMax(tf.reshape(logits, [-1])).dataSync()[0];
      current = next;
      if (token === END_ID) break;
      out.push(token);
    }
    return out;
  });
}

describe('seq2seq encoder–decoder export to the Layers format', () => {
  // wasm: tf.layers' per-step loop over 30 source steps is several times slower on cpu.
  useBackend('wasm');
  let root: string;
  let model: Seq2SeqModel;
  let encoder: tfl.LayersModel;
  let decoder: tfl.LayersModel;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-layers-'));
    model = loadShippedModel('dates').model;
    await expectNoLeak(() => exportSeq2SeqLayersDirectory(model, root));
    registerResetAfterGru();
    encoder = await tfl.loadLayersModel(layersDirectory(path.join(root, 'encoder')));
    decoder = await tfl.loadLayersModel(layersDirectory(path.join(root, 'decoder')));
  });
  afterAll(() => {
    encoder?.dispose();
    decoder?.dispose();
    model?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps both vocabularies and the special ids in the files', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(root, 'encoder', 'model.json'), 'utf8')).userDefinedMetadata;
    expect(Vocabulary.fromJSON(meta.sourceVocabulary).size).toBe(model.sourceVocabulary.size);
    expect(meta.ids).toEqual({ pad: 0, start: START_ID, end: END_ID });
    const target = JSON.parse(fs.readFileSync(path.join(root, 'decoder', 'model.json'), 'utf8')).userDefinedMetadata;
    expect(Vocabulary.fromJSON(target.targetVocabulary).size).toBe(model.targetVocabulary.size);
  });

  it('gives the shipped dates model’s encoder outputs, teacher-forced logits and attention within 1e-5', () => {
    const translations = translate(model, DATES);
    const batch = makeTrainingBatch(DATES.map((d, i) => ({ source: model.sourceVocabulary.encode(d), target: [...translations[i].tokens] })));
    const { size: B, sourceLength: Te, targetLength: Td } = batch;
    const ours = model.forward(batch);
    const sources = model.encode(batch);
    const [memory, keys, penalty, h0] = encoder.predict(tf.tensor2d(batch.sourceIds, [B, Te])) as tf.Tensor[];
    const [logits, attention] = decoder.predict([tf.tensor2d(batch.decoderInput, [B, Td]), h0, memory, keys, penalty]) as tf.Tensor[];
    // Same float32 arithmetic in another association order; the 1e-5 holds here too.
    expectClose(realSteps(memory, batch.sourceMask), realSteps(sources.memory, batch.sourceMask), { atol: 1e-5 });
    expectClose(h0, sources.initialStates[0], { atol: 1e-5 });
    expectClose(realSteps(logits, batch.targetMask), realSteps(ours.logits, batch.targetMask), { atol: 1e-5 });
    expectClose(realSteps(attention, batch.targetMask), realSteps(ours.attention, batch.targetMask), { atol: 1e-5 });
    tf.dispose([ours.logits, ours.attention, sources.memory, sources.keys, sources.mask, ...sources.initialStates]);
    tf.dispose([memory, keys, penalty, h0, logits, attention]);
  });

  it('decodes greedily to the same dates as rnnkit, step by step with the exported decoder', () => {
    const expected = translate(model, DATES).map((t) => t.text);
    const before = tf.memory().numTensors;
    const got = DATES.map((d) =>
      model.targetVocabulary.decode(greedyWithLayers(encoder, decoder, model.sourceVocabulary.encode(d), model.config.maxTargetLength)),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(got).toEqual(expected);
    expect(expected.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t))).toBe(true);
  });

  it('refuses additive attention by name', async () => {
    const additive = new Seq2SeqModel({ sourceVocabulary: model.sourceVocabulary, targetVocabulary: model.targetVocabulary, attention: 'additive', encoderUnits: 4, decoderUnits: 4, attentionUnits: 4, embeddingSize: 4 });
    await expect(exportSeq2SeqLayersDirectory(additive, path.join(root, 'additive'))).rejects.toThrow(
      /Seq2SeqModel: additive attention cannot be expressed with tf\.layers/,
    );
    expect(fs.existsSync(path.join(root, 'additive'))).toBe(false);
    additive.dispose();
  });
});
