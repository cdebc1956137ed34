import { chooseRecipe, splitCorpus, Vocabulary, type Recipe } from '@rnnkit/char-lm';

/** The `train` flags the recipe rule may fill in, and those it reads. */
export interface RecipeFlags {
  minutes?: number;
  epochs?: number;
  resume?: boolean;
  validation?: number;
  layers?: number;
  hidden?: number;
  batch?: number;
  seqLen?: number;
  lr?: number;
}

/** The flags with the rule's values where none was given, and the log line that says what was chosen and why. */
export interface RecipeDefaults<F extends RecipeFlags> {
  flags: F;
  /** One line for the training log; null when the rule does not apply (a resumed run or an epoch budget). */
  note: string | null;
  recipe: Recipe | null;
}

/** The default budget of `train` when neither --minutes nor --epochs is given. */
export const DEFAULT_MINUTES = 10;

/**
 * Fills the settings of a new time-budgeted `train` run that no flag gave — layers, hidden size, batch, window,
 * learning rate — from char-lm's `chooseRecipe` (the time budget, the training characters of this corpus and the
 * threads). A flag always wins. A resumed run keeps its checkpoint's settings, and a budget in epochs keeps the
 * library defaults, so neither is touched.
 */
export function applyRecipe<F extends RecipeFlags>(flags: F, text: string, threads: number): RecipeDefaults<F> {
  if (flags.resume || flags.epochs !== undefined) return { flags, note: null, recipe: null };
  const minutes = flags.minutes ?? DEFAULT_MINUTES;
  const { train } = splitCorpus(text, flags.validation ?? 0.1);
  const recipe = chooseRecipe({ minutes, trainChars: Math.max(1, train.length), threads, vocabSize: Vocabulary.fromCorpus(train).size });
  const chosen: Partial<RecipeFlags> = {
    layers: recipe.model.layers,
    hidden: recipe.model.hidden,
    batch: recipe.batchSize,
    seqLen: recipe.seqLen,
    lr: recipe.learningRate,
  };
  const filled = { ...flags };
  const fromRule: string[] = [];
  const given: string[] = [];
  for (const [key, value] of Object.entries(chosen) as [keyof RecipeFlags, number][]) {
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (flags[key] === undefined) {
      Object.assign(filled, { [key]: value });
      fromRule.push(`${flag} ${value}`);
    } else {
      given.push(flag);
    }
  }
  const note =
    fromRule.length === 0
      ? null
      : `settings from the time-budget rule (${recipe.reason}): ${fromRule.join(' ')}` +
        (given.length > 0 ? `; given as flags: ${given.join(' ')}` : '');
  return { flags: filled, note, recipe };
}
