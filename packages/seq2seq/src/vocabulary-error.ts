/** A vocabulary that cannot be built, read from JSON, or asked to decode an id it does not have. */
export class VocabularyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VocabularyError';
  }
}
