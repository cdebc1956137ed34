import { checkCorpus } from './corpus-check';

/**
 * Fraction of hypotheses identical to their reference — or to any of them, where a hypothesis has several —
 * by string equality, no normalisation; in [0, 1].
 */
export function exactMatch(hypotheses: readonly string[], references: readonly (string | readonly string[])[]): number {
  checkCorpus('exactMatch', hypotheses, references);
  let hits = 0;
  for (let i = 0; i < hypotheses.length; i++) {
    const ref = references[i];
    if (typeof ref === 'string' ? hypotheses[i] === ref : ref.includes(hypotheses[i])) hits++;
  }
  return hits / hypotheses.length;
}
