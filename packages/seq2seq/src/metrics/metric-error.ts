/** Inputs a metric cannot score: different corpus lengths, an empty corpus, or an empty reference total. */
export class MetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricError';
  }
}
