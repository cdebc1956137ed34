import { RnnkitError } from '@rnnkit/common';

/** A vocabulary that cannot be built, read from JSON, or asked to decode an id it does not have (`BAD_VOCABULARY`). */
export class VocabularyError extends RnnkitError {
  constructor(message: string) {
    super('BAD_VOCABULARY', message);
  }
}
