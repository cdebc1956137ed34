import { splitOfKey } from '../hash-split';
import { TaskError } from '../task-error';
import { EN_FR_MAX_TRAIN_WORDS, createEnFrTask, enFrTrainingPairs } from './en-fr-task';
import { normaliseSentence, parseTatoeba } from './tatoeba';
import { readTatoebaFile } from './tatoeba-file';

/** A made-up file in the manythings.org layout: 200 English sentences, some with two or three translations. */
function sampleFile(): string {
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    lines.push(`Sentence number ${i}.\tPhrase numéro ${i}.`);
    if (i % 3 === 0) lines.push(`Sentence number ${i}.\tPhrase n° ${i}\u00a0!`);
    if (i % 7 === 0) lines.push(`Sentence  number ${i}.\tPhrase numéro ${i}.\tattribution column`);
  }
  lines.push(`${'word '.repeat(EN_FR_MAX_TRAIN_WORDS.english + 1).trim()}\tun mot`);
  return lines.join('\n');
}

describe('parseTatoeba', () => {
  const corpus = parseTatoeba(sampleFile(), 'fra.txt');
  const all = [...corpus.train, ...corpus.validation, ...corpus.test];

  it('groups the translations of each English sentence, normalising spaces and dropping duplicates', () => {
    expect(all).toHaveLength(201);
    const zero = all.find((e) => e.english === 'Sentence number 0.');
    expect(zero?.french).toEqual(['Phrase numéro 0.', 'Phrase n° 0 !']);
    expect(normaliseSentence(' a\u202f!\u00ad b\u200b ')).toBe('a ! b');
  });

  it('puts every English sentence, with all its translations, in the split of its text', () => {
    for (const split of ['train', 'validation', 'test'] as const) {
      for (const e of corpus[split]) expect(splitOfKey(e.english)).toBe(split);
    }
    expect(new Set(all.map((e) => e.english)).size).toBe(all.length);
    // With 201 sentences every split gets some (80/10/10 in expectation).
    expect(corpus.validation.length).toBeGreaterThan(0);
    expect(corpus.test.length).toBeGreaterThan(0);
  });

  it('refuses a line without a tab, naming the file and line', () => {
    expect(() => parseTatoeba('Go.\tVa !\nno tab here\n', 'fra.txt')).toThrow(/^fra\.txt:2: expected "English<TAB>French"/);
    expect(() => parseTatoeba('Go.\t  \n', 'x.txt')).toThrow(TaskError);
  });
});

describe('the en-fr task', () => {
  const corpus = parseTatoeba(sampleFile(), 'fra.txt');
  let loads = 0;
  const task = createEnFrTask(() => {
    loads++;
    return corpus;
  });

  it('trains on pairs of train sentences only, within the length limit', () => {
    const train = task.generate('train', 500, 3);
    const trainEnglish = new Set(corpus.train.map((e) => e.english));
    for (const p of train) expect(trainEnglish.has(p.source)).toBe(true);
    expect(train.some((p) => p.source.startsWith('word word'))).toBe(false);
    expect(enFrTrainingPairs(corpus).length).toBe(corpus.train.reduce((n, e) => n + e.french.length, 0) - (corpus.train.some((e) => e.english.startsWith('word')) ? 1 : 0));
    expect(loads).toBe(1);
  });

  it('goes through each held-out sentence once, in a seeded order, with all translations as references', () => {
    const n = corpus.test.length;
    const first = task.generate('test', n, 0);
    expect(new Set(first.map((p) => p.source)).size).toBe(n);
    for (const p of first) expect(p.references).toEqual(corpus.test.find((e) => e.english === p.source)?.french);
    expect(task.generate('test', n + 2, 0).slice(0, n)).toEqual(first); // a longer request starts the same way
    expect(task.generate('test', n, 1).map((p) => p.source)).not.toEqual(first.map((p) => p.source));
    expect(task.bleuTokenize).toBe('13a');
  });

  it('says what to do when fra.txt is missing', () => {
    expect(() => readTatoebaFile('/nonexistent/fra.txt')).toThrow(/cannot read \/nonexistent\/fra\.txt \(ENOENT\).*set RNNKIT_TATOEBA_FRA/);
  });
});
