import { checkCorpus } from './corpus-check';
import { editDistance } from '@rnnkit/common';
import { MetricError } from './metric-error';

/**
 * Corpus character error rate: the Levenshtein distances between each hypothesis and its reference, summed over the
 * corpus, divided by the summed reference lengths. Characters are Unicode code points ("ç" is one). Can exceed 1
 * when hypotheses are longer than references.
 */
export function characterErrorRate(hypotheses: readonly string[], references: readonly string[]): number {
  checkCorpus('characterErrorRate', hypotheses, references);
  let edits = 0;
  let length = 0;
  for (let i = 0; i < hypotheses.length; i++) {
    const reference = Array.from(references[i]);
    edits += editDistance(Array.from(hypotheses[i]), reference);
    length += reference.length;
  }
  if (length === 0) throw new MetricError('characterErrorRate: every reference is empty, so the rate is undefined');
  return edits / length;
}
