/** Why a seq2seq model call was refused. */
export type Seq2SeqErrorCode = 'bad-config' | 'bad-input' | 'bad-model';

/**
 * A bad model configuration (`bad-config`), a bad argument to a model, decoder or trainer (`bad-input`), or a
 * model directory whose contents do not fit together (`bad-model`: wrong shapes, vocabulary sizes, …).
 */
export class Seq2SeqError extends Error {
  /** Machine-readable reason. */
  readonly code: Seq2SeqErrorCode;

  constructor(code: Seq2SeqErrorCode, message: string) {
    super(message);
    this.name = 'Seq2SeqError';
    this.code = code;
  }
}
