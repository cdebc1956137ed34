import { RnnkitError } from '@rnnkit/common';

/** Inputs a metric cannot score (`BAD_INPUT`): different corpus lengths, an empty corpus, or an empty reference total. */
export class MetricError extends RnnkitError {
  constructor(message: string) {
    super('BAD_INPUT', message);
  }
}
