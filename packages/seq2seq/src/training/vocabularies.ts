import type { TaskName } from '../tasks/registry';
import type { Task } from '../tasks/types';
import { Vocabulary, type VocabularyLevel } from '../vocabulary';
import { TASK_PRESETS } from './task-presets';

/** Options of {@link buildVocabularies}. */
export interface VocabularyOptions {
  readonly sourceLevel: VocabularyLevel;
  readonly targetLevel: VocabularyLevel;
  /** Train pairs to collect symbols from. Default 50,000. */
  readonly sampleSize?: number;
  /** Task seed of the sample. Default 0. */
  readonly seed?: number;
  /** Pieces to learn at `subword` level. Default: the task preset's `subwordSize`, else 4000. */
  readonly subwordSize?: { readonly source: number; readonly target: number };
}

/** Source and target vocabularies of every symbol in a sample of the task's train split (never validation or test). */
export function buildVocabularies(task: Task, options: VocabularyOptions): { source: Vocabulary; target: Vocabulary } {
  const pairs = task.generate('train', options.sampleSize ?? 50_000, options.seed ?? 0);
  const sizes = options.subwordSize ?? TASK_PRESETS[task.name as TaskName]?.subwordSize;
  return {
    source: Vocabulary.fromTexts(pairs.map((p) => p.source), options.sourceLevel, { subwordSize: sizes?.source }),
    target: Vocabulary.fromTexts(pairs.map((p) => p.target), options.targetLevel, { subwordSize: sizes?.target }),
  };
}
