import { tf } from '@rnnkit/rnn-core';
import { makeTrainingBatch, type TrainingBatch } from '../data/batch';
import { Seq2SeqModel, type Seq2SeqModelArgs } from '../model/seq2seq-model';
import { createRng } from '@rnnkit/common';
import { randomInt } from '../tasks/random';
import type { Pair, Split, Task } from '../tasks/types';
import { Vocabulary } from '../vocabulary';

/** Source and target vocabularies of the letters a–e (ids 4–8). */
export function letterVocabulary(): Vocabulary {
  return Vocabulary.fromTexts(['abcde'], 'char');
}

/**
 * A model small enough for finite differences: every size 3–5. Its embeddings are drawn from U(−1, 1) instead of
 * the usual U(−0.05, 0.05), so that every part of the network has a clearly non-zero effect on the loss.
 */
export function tinyModel(overrides: Partial<Seq2SeqModelArgs> = {}): Seq2SeqModel {
  const vocab = letterVocabulary();
  const model = new Seq2SeqModel({
    sourceVocabulary: vocab,
    targetVocabulary: vocab,
    embeddingSize: 3,
    encoderUnits: 3,
    decoderUnits: 4,
    attentionUnits: 3,
    maxSourceLength: 8,
    maxTargetLength: 8,
    seed: 1,
    ...overrides,
  });
  for (const table of [model.encoder.embedding.table, model.targetEmbedding.table]) {
    tf.tidy(() => table.assign(tf.randomUniform(table.shape, -1, 1, 'float32', 5)));
  }
  return model;
}

/** Three pairs of different lengths, so that both source and target padding occur. */
export function tinyBatch(model: Seq2SeqModel): TrainingBatch {
  const enc = (text: string) => model.sourceVocabulary.encode(text);
  return makeTrainingBatch([
    { source: enc('abcd'), target: enc('dcb') },
    { source: enc('e'), target: enc('ea') },
    { source: enc('cab'), target: enc('b') },
  ]);
}

/** A task for tests: a random string of 1–`maxLength` letters a–e and its reverse. */
export function reverseTask(maxLength: number): Task {
  return {
    name: 'reverse',
    description: 'letters a-e -> the same letters reversed',
    generate(split: Split, count: number, seed: number): Pair[] {
      const rng = createRng(seed * 3 + ['train', 'validation', 'test'].indexOf(split));
      return Array.from({ length: count }, () => {
        const source = Array.from({ length: randomInt(rng, 1, maxLength) }, () => 'abcde'[randomInt(rng, 0, 4)]).join('');
        return { source, target: Array.from(source).reverse().join('') };
      });
    },
  };
}
