import { ModelFileError, readModelDirectory, tf, writeModelDirectory } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tinyBatch, tinyModel } from '../test-utils/tiny';
import { Vocabulary } from '../vocabulary';
import { loadSeq2SeqModel, saveSeq2SeqModel } from './model-files';
import { SEQ2SEQ_MODEL_KIND } from './seq2seq-model-kind';
import { Seq2SeqModel } from './seq2seq-model';

describe('saving and loading', () => {
  useBackend('cpu');
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-model-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips config, vocabularies, metadata and weights: the loaded model computes the same loss', async () => {
    const model = tinyModel({ encoderCell: 'lstm', decoderCell: 'lstm', attention: 'additive', encoderLayers: 2 });
    saveSeq2SeqModel(model, dir, { task: 'reverse', note: 'ok' });
    expect(fs.readdirSync(dir).sort()).toEqual([expect.stringMatching(/^model\.json$/), expect.stringMatching(/^weights-[0-9a-f]+\.bin$/)].sort());
    const loaded = await expectNoLeak(() => {
      const result = loadSeq2SeqModel(dir);
      return { ...result, count: result.model.namedWeights.length };
    });
    expect(loaded.metadata).toEqual({ task: 'reverse', note: 'ok' });
    expect(loaded.model.config).toEqual(model.config);
    expect(loaded.model.sourceVocabulary.toJSON()).toEqual(model.sourceVocabulary.toJSON());
    const batch = tinyBatch(model);
    tf.tidy(() => expectClose(loaded.model.loss(batch), model.loss(batch), { atol: 0 }));
    model.dispose();
    loaded.model.dispose();
  });

  it('names the file and the problem when the directory does not hold a usable Seq2Seq model', () => {
    expect(() => loadSeq2SeqModel(path.join(dir, 'nowhere'))).toThrow(/model\.json: is missing — is this a model directory\?/);
    const model = tinyModel();
    saveSeq2SeqModel(model, dir);
    const saved = readModelDirectory(dir);
    const rewrite = (changes: Partial<typeof saved>) => writeModelDirectory(dir, { ...saved, ...changes });

    rewrite({ kind: 'SequenceModel' });
    expect(() => loadSeq2SeqModel(dir)).toThrow(/model\.json: holds a SequenceModel, not a Seq2Seq/);
    rewrite({ kind: SEQ2SEQ_MODEL_KIND, weights: saved.weights.slice(1) });
    expect(() => loadSeq2SeqModel(dir)).toThrow(new ModelFileError(path.join(dir, 'model.json'), 'has no weight "encoder/embedding/table" that its config requires'));
    rewrite({ weights: saved.weights.map((w, i) => (i === 0 ? { name: w.name, tensor: tf.zeros([2, 2]) } : w)) });
    expect(() => loadSeq2SeqModel(dir)).toThrow(/weight "encoder\/embedding\/table" has shape \[2,2\], its config requires \[9,3\]/);
    rewrite({ weights: [...saved.weights, { name: 'extra', tensor: tf.zeros([1]) }] });
    expect(() => loadSeq2SeqModel(dir)).toThrow(/has weights its config does not use: extra/);
    rewrite({ config: { ...(saved.config as object), encoderCell: 'rnn' } });
    expect(() => loadSeq2SeqModel(dir)).toThrow(/model\.json: has an unusable config: model config: encoderCell must be "lstm" or "gru"/);
    const bigger = Vocabulary.fromTexts(['abcdef'], 'char').toJSON();
    rewrite({ extra: { ...(saved.extra as object), targetVocabulary: bigger } });
    expect(() => loadSeq2SeqModel(dir)).toThrow(/vocabulary sizes 9\/10 differ from the config's 9\/9/);
    rewrite({ extra: { ...(saved.extra as object), sourceVocabulary: { format: 'nope' } } });
    expect(() => loadSeq2SeqModel(dir)).toThrow(/model\.json: has unusable Seq2Seq data: vocabulary JSON: format must be/);
    tf.dispose(saved.weights.map((w) => w.tensor));
    model.dispose();
  });

  it('keeps the previous model readable if a save is interrupted before model.json is replaced', () => {
    const model = tinyModel();
    saveSeq2SeqModel(model, dir);
    const before = fs.readFileSync(path.join(dir, 'model.json'), 'utf8');
    // A killed writer leaves at most a temporary file beside the complete old model.
    fs.writeFileSync(path.join(dir, `model.json.tmp-1-deadbeef`), '{"trunc');
    const { model: loaded } = loadSeq2SeqModel(dir);
    expect(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')).toBe(before);
    expect(loaded).toBeInstanceOf(Seq2SeqModel);
    loaded.dispose();
    model.dispose();
  });
});
