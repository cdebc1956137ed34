import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CHECKPOINT_DIRS,
  Vocabulary,
  loadCharModel,
  resolveModelOptions,
  resolveTrainingConfig,
  saveCharModel,
  type ResolvedCharModelOptions,
  type TrainingConfig,
  type TrainingState,
} from '@rnnkit/char-lm';
import { LayersFormatError, SequenceModel, createOptimizer, exportLayersModel, importLayersModel, type SequenceModelConfig } from '@rnnkit/rnn-core';

/**
 * text-gen's side of the TensorFlow.js Layers bridge. A character model is a network plus its vocabulary: the
 * export keeps the vocabulary (and architecture) in model.json's `userDefinedMetadata`; the import takes it from
 * there, or from a file for models made elsewhere, and writes a training checkpoint at step 0 so that
 * `text-gen train --resume` fine-tunes the imported network with its own vocabulary.
 */

/** Exports the character model of `modelDir` (or its best/last) to `outDir`; returns the directory read. */
export async function exportTextModel(modelDir: string, outDir: string): Promise<string> {
  const loaded = await loadCharModel(modelDir);
  try {
    await exportLayersModel(loaded.model, outDir, {
      metadata: { rnnkit: 'char-lm', vocabulary: loaded.vocabulary.toJSON(), architecture: loaded.architecture },
    });
    return loaded.dir;
  } finally {
    loaded.model.dispose();
    loaded.optimizer?.dispose();
  }
}

/** Options of {@link importTextModel}. */
export interface ImportTextOptions {
  /** A JSON file with the model's symbols in id order (a list, or text-gen's vocabulary object). */
  vocabularyFile?: string;
  /** Settings of the fine-tuning run the checkpoint starts (batch, window, learning rates…). */
  training?: TrainingConfig;
}

/** What {@link importTextModel} wrote. */
export interface ImportedTextModel {
  /** The checkpoint directory (`outDir/last`). */
  checkpoint: string;
  vocabularySize: number;
  architecture: ResolvedCharModelOptions;
  /** Things the import had to change or leave out, for the user to know. */
  notes: string[];
}

function readVocabulary(file: string): Vocabulary {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LayersFormatError(file, code ? `cannot be read (${code})` : 'is not valid JSON');
  }
  try {
    return Vocabulary.fromJSON(Array.isArray(json) ? { format: 'rnnkit-char-vocabulary', version: 1, symbols: json } : json);
  } catch (err) {
    throw new LayersFormatError(file, `is not a vocabulary: ${(err as Error).message}`);
  }
}

function vocabularyOf(source: string, metadata: Record<string, unknown> | null, file?: string): Vocabulary {
  if (file) return readVocabulary(file);
  if (metadata?.vocabulary) {
    try {
      return Vocabulary.fromJSON(metadata.vocabulary);
    } catch (err) {
      throw new LayersFormatError(source, `has an unusable vocabulary in its metadata: ${(err as Error).message}`);
    }
  }
  throw new LayersFormatError(source, 'holds no vocabulary (it was not exported by text-gen); give --vocabulary FILE, a JSON list of the model\'s symbols in id order');
}

/** The character-model architecture of an imported network, or an error naming what does not fit. */
function architectureOf(source: string, config: Readonly<SequenceModelConfig>, vocabularySize: number): ResolvedCharModelOptions {
  const fail = (why: string): never => {
    throw new LayersFormatError(source, `is not a character model text-gen can train: ${why}`);
  };
  const { input, layers, output } = config;
  if (input.type !== 'tokens') fail('its input is feature vectors, not token ids');
  if (input.type === 'tokens' && input.vocabSize !== vocabularySize) fail(`it reads ${input.vocabSize} ids but the vocabulary has ${vocabularySize} symbols`);
  if (output.units !== vocabularySize) fail(`it scores ${output.units} symbols but the vocabulary has ${vocabularySize}`);
  if (config.outputMode !== 'sequence') fail('it predicts once per sequence, not after every character');
  const [first] = layers;
  if (first.cell === 'simpleRNN') fail('text-gen stacks LSTM or GRU layers, not SimpleRNN');
  if (layers.some((l) => l.cell !== first.cell || l.units !== first.units || l.bidirectional)) {
    fail('text-gen stacks identical one-directional layers');
  }
  if (output.activation !== undefined && output.activation !== 'linear' && output.activation !== 'softmax') {
    fail(`its output activation is ${output.activation}`);
  }
  return resolveModelOptions({
    cell: first.cell as 'lstm' | 'gru',
    layers: layers.length,
    hidden: first.units,
    embedding: input.type === 'tokens' ? (input.embeddingSize ?? 0) : 0,
    dropout: first.dropout ?? 0,
  });
}

/**
 * Imports a Layers-format character model (exported by text-gen, by tf.layers or from Keras) into `outDir/last`
 * as a checkpoint at step 0 with a fresh Adam state, so that `text-gen train --out outDir --resume` fine-tunes it
 * and `generate`/`eval --model outDir` use it. A softmax output layer becomes logits (the same model under
 * text-gen's softmax cross-entropy). Refuses an `outDir` that already holds a run.
 */
export async function importTextModel(source: string, outDir: string, options: ImportTextOptions = {}): Promise<ImportedTextModel> {
  const checkpoint = path.join(outDir, CHECKPOINT_DIRS.last);
  for (const dir of [checkpoint, path.join(outDir, CHECKPOINT_DIRS.best)]) {
    if (fs.existsSync(dir)) throw new LayersFormatError(dir, 'exists: this output directory already holds a model; choose another');
  }
  const config = resolveTrainingConfig(options.training ?? {});
  const imported = await importLayersModel(source);
  let model: SequenceModel = imported.model;
  try {
    const vocabulary = vocabularyOf(source, imported.metadata, options.vocabularyFile);
    const architecture = architectureOf(source, model.config, vocabulary.size);
    const notes: string[] = [];
    if (model.config.output.activation === 'softmax') {
      // Same weights, logits out: softmax(z) is what text-gen's loss and sampling apply to them.
      const logits = new SequenceModel({ ...model.config, output: { ...model.config.output, activation: 'linear' } });
      logits.weights.forEach((w, i) => w.assign(model.weights[i]));
      model.dispose();
      model = logits;
      notes.push('the softmax output layer is kept as logits (text-gen applies the softmax)');
    }
    if (imported.padding) notes.push('the model\'s padding rule is dropped: text-gen feeds whole texts without padding');
    const optimizer = createOptimizer({ name: 'adam', learningRate: config.learningRate });
    const training: TrainingState = {
      config, step: 0, epoch: 0, window: 0, chars: 0, elapsedMs: 0, updateMs: 0, bestValidation: null, sinceBest: 0,
      history: { train: [], validation: [] },
      corpus: { trainChars: 0, validationChars: 0, sha256: '' },
    };
    try {
      await saveCharModel(checkpoint, { model, vocabulary, architecture, optimizer, training });
    } finally {
      optimizer.dispose();
    }
    return { checkpoint, vocabularySize: vocabulary.size, architecture, notes };
  } finally {
    model.dispose();
  }
}
