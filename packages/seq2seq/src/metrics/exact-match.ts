import { checkCorpus } from './corpus-check';

/** Fraction of hypotheses identical to their reference (string equality, no normalisation), in [0, 1]. */
export function exactMatch(hypotheses: readonly string[], references: readonly string[]): number {
  checkCorpus('exactMatch', hypotheses, references);
  let hits = 0;
  for (let i = 0; i < hypotheses.length; i++) if (hypotheses[i] === references[i]) hits++;
  return hits / hypotheses.length;
}
