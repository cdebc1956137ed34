import { splitOfKey } from '../hash-split';
import { TaskError } from '../task-error';
import type { Split } from '../types';

/** One English sentence of the corpus with every French translation the file gives it, in file order. */
export interface TatoebaEntry {
  readonly english: string;
  readonly french: readonly string[];
}

/** The corpus grouped by English sentence and divided into the three splits. */
export type TatoebaCorpus = Readonly<Record<Split, readonly TatoebaEntry[]>>;

/**
 * One text as the task uses it: every run of whitespace (the no-break and thin spaces the French lines put before
 * `!`, `?`, `:`, `;` included) becomes one space, invisible soft hyphens and zero-width spaces go, ends are trimmed.
 */
export function normaliseSentence(text: string): string {
  return text.replace(/[\u00ad\u200b]/gu, '').replace(/\s+/gu, ' ').trim();
}

/**
 * The split of an English sentence: `splitOfKey` of its normalised text. Every pair of one English sentence lands
 * in the same split, so a held-out sentence is never seen in training, with any of its translations.
 */
export function tatoebaSplit(english: string): Split {
  return splitOfKey(normaliseSentence(english));
}

/**
 * Reads the text of a manythings.org file (`English<TAB>French` per line; further columns, as newer releases add
 * for attribution, are ignored) into entries grouped by English sentence, in order of first occurrence. A line
 * without a tab, or with an empty side, is a `TaskError` naming `file` and the line.
 */
export function parseTatoeba(text: string, file: string): TatoebaCorpus {
  const byEnglish = new Map<string, string[]>();
  const lines = text.split(/\r?\n/u);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const [english, french] = line.split('\t').map(normaliseSentence);
    if (!english || !french) {
      throw new TaskError('BAD_DATA', `${file}:${i + 1}: expected "English<TAB>French", got ${JSON.stringify(line.slice(0, 60))}`);
    }
    const list = byEnglish.get(english);
    if (list) {
      if (!list.includes(french)) list.push(french);
    } else {
      byEnglish.set(english, [french]);
    }
  });
  const corpus: Record<Split, TatoebaEntry[]> = { train: [], validation: [], test: [] };
  for (const [english, french] of byEnglish) corpus[tatoebaSplit(english)].push({ english, french });
  return corpus;
}
