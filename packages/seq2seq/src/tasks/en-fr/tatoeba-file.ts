import * as fs from 'node:fs';
import * as path from 'node:path';
import { TaskError } from '../task-error';
import { type TatoebaCorpus, parseTatoeba } from './tatoeba';

/** Environment variable naming the Tatoeba English–French file (`fra.txt`). */
export const TATOEBA_ENV = 'RNNKIT_TATOEBA_FRA';

/**
 * Where `fra.txt` is read from: `$RNNKIT_TATOEBA_FRA` if set, else the project's shared data folder
 * (`../shared/data/tatoeba-fra-eng/fra.txt` next to the repository). The file is never part of the package.
 */
export function tatoebaFile(): string {
  // From src/tasks/en-fr or dist/tasks/en-fr, six levels up is the folder that holds the repository.
  return process.env[TATOEBA_ENV] || path.resolve(__dirname, '../../../../../../shared/data/tatoeba-fra-eng/fra.txt');
}

/** Reads and splits `fra.txt` (see `tatoebaFile`); a missing or unreadable file is a `TaskError` saying what to do. */
export function readTatoebaFile(file: string = tatoebaFile()): TatoebaCorpus {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new TaskError(
      'NO_DATA',
      `en-fr needs Tatoeba's English-French pairs: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}); ` +
        `download fra-eng.zip from manythings.org/anki and set ${TATOEBA_ENV} to its fra.txt`,
    );
  }
  return parseTatoeba(text, file);
}
