import { RnnkitError } from '@rnnkit/common';

/**
 * Every problem with a model file, directory, URL or checkpoint: names the file and the problem. Its code is
 * `BAD_MODEL` (a missing, corrupt, foreign or too new model), or `BAD_USAGE` when a resume was asked for that
 * cannot be done (no checkpoint, or settings that differ from the checkpoint's).
 */
export class ModelFileError extends RnnkitError {
  /** The file, directory or URL concerned. */
  declare readonly file: string;

  constructor(file: string, problem: string, code: 'BAD_MODEL' | 'BAD_USAGE' = 'BAD_MODEL') {
    super(code, problem, { file });
  }
}
