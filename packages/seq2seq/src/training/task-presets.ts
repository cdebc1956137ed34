import type { Seq2SeqConfig } from '../model/seq2seq-config';
import type { TaskName } from '../tasks/registry';
import type { VocabularyLevel } from '../vocabulary';
import type { TrainOptions } from './train-model';

/** The architecture fields a preset may set (vocabulary sizes come from the data). */
export type ArchitectureConfig = Partial<Omit<Seq2SeqConfig, 'sourceVocabSize' | 'targetVocabSize'>>;

/** How `seq2seq-demo train` builds and trains a model for a task unless told otherwise. */
export interface TaskPreset {
  /** Source vocabulary level. */
  readonly sourceLevel: VocabularyLevel;
  /** Target vocabulary level. */
  readonly targetLevel: VocabularyLevel;
  /** Architecture (the rest from `DEFAULT_CONFIG`). */
  readonly model: ArchitectureConfig;
  /** Training schedule. */
  readonly training: Pick<
    TrainOptions,
    'steps' | 'batchSize' | 'learningRate' | 'warmupSteps' | 'validateEvery' | 'validationSize' | 'selectBy' | 'budgetSeconds'
  >;
  /** At `subword` level: pieces to learn for the source and the target vocabulary. */
  readonly subwordSize?: { readonly source: number; readonly target: number };
  /** Beam width `translate` and `eval` use unless told (default 1, greedy decoding). */
  readonly beam?: number;
}

/**
 * The settings the shipped models were trained with. Character sources, except the word-level English of `en-pt`;
 * word targets where the output is words (number names, Portuguese sentences), which keeps outputs short
 * (≤ 11 symbols instead of ≤ 71). GRUs with multiplicative attention, except `en-pt`: LSTMs with additive attention,
 * so that both variants ship. Length limits: the longest source or target the generators produce, with room to spare.
 */
export const TASK_PRESETS: Readonly<Record<TaskName, TaskPreset>> = {
  dates: {
    sourceLevel: 'char',
    targetLevel: 'char',
    model: { embeddingSize: 32, encoderUnits: 64, decoderUnits: 128, attentionUnits: 128, maxSourceLength: 48, maxTargetLength: 16 },
    training: { steps: 1200, batchSize: 64, learningRate: 3e-3, warmupSteps: 100, validateEvery: 200, validationSize: 1000 },
  },
  'numbers-en': {
    sourceLevel: 'char',
    targetLevel: 'token',
    model: { embeddingSize: 64, encoderUnits: 64, decoderUnits: 128, attentionUnits: 128, maxSourceLength: 8, maxTargetLength: 16 },
    training: { steps: 3000, batchSize: 64, learningRate: 3e-3, warmupSteps: 100, validateEvery: 250, validationSize: 1000 },
  },
  'numbers-pt': {
    sourceLevel: 'char',
    targetLevel: 'token',
    model: { embeddingSize: 64, encoderUnits: 64, decoderUnits: 128, attentionUnits: 128, maxSourceLength: 8, maxTargetLength: 20 },
    training: { steps: 3000, batchSize: 64, learningRate: 3e-3, warmupSteps: 100, validateEvery: 250, validationSize: 1000 },
  },
  'en-pt': {
    sourceLevel: 'token',
    targetLevel: 'token',
    model: {
      embeddingSize: 64, encoderCell: 'lstm', encoderUnits: 96, decoderCell: 'lstm', decoderUnits: 128, attention: 'additive',
      attentionUnits: 128, maxSourceLength: 16, maxTargetLength: 20,
    },
    training: { steps: 3000, batchSize: 64, learningRate: 3e-3, warmupSteps: 100, validateEvery: 250, validationSize: 1000 },
  },
  'en-fr': {
    sourceLevel: 'subword',
    targetLevel: 'subword',
    subwordSize: { source: 2000, target: 2000 },
    // Beam search pays on real sentences: +3.2 BLEU on 2,000 test sentences with the shipped model (README).
    beam: 4,
    model: {
      embeddingSize: 64, encoderCell: 'lstm', encoderUnits: 96, decoderCell: 'lstm', decoderUnits: 192,
      attention: 'multiplicative', attentionUnits: 192, maxSourceLength: 48, maxTargetLength: 64,
    },
    training: {
      steps: 20000, budgetSeconds: 3300, batchSize: 96, learningRate: 3e-3, warmupSteps: 100, validateEvery: 250,
      validationSize: 500, selectBy: 'bleu',
    },
  },
};
