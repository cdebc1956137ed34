import { MetricError } from './metric-error';

/** Throws a `MetricError` unless there are as many hypotheses as references and at least one of each. */
export function checkCorpus(metric: string, hypotheses: readonly unknown[], references: readonly unknown[]): void {
  if (hypotheses.length !== references.length) {
    throw new MetricError(
      `${metric}: ${hypotheses.length} hypotheses but ${references.length} references; they must pair up`,
    );
  }
  if (hypotheses.length === 0) throw new MetricError(`${metric}: the corpus is empty`);
}
