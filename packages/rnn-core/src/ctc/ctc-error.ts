/**
 * Thrown by the CTC loss and decoders when their input is malformed: wrong tensor rank, a label equal to the
 * blank or outside the class range, an input length outside `[0, time]`, an option out of range.
 * The message names the offending argument, index and value.
 */
export class CtcInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CtcInputError';
  }
}
