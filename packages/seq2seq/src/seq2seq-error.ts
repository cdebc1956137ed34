import { RnnkitError } from '@rnnkit/common';

/** Why a seq2seq model call was refused. */
export type Seq2SeqErrorCode = 'BAD_CONFIG' | 'BAD_INPUT' | 'BAD_MODEL';

/**
 * A bad model configuration (`BAD_CONFIG`), a bad argument to a model, decoder or trainer (`BAD_INPUT`), or a
 * model directory whose contents do not fit together (`BAD_MODEL`: wrong shapes, vocabulary sizes, …).
 */
export class Seq2SeqError extends RnnkitError<Seq2SeqErrorCode> {}
