import { splitOfKey } from '../hash-split';
import type { Split } from '../types';
import type { NounPhrase, Sentence, Subject } from './sentence';

/**
 * The word combinations a sentence uses, as stable keys:
 * - `adjective-noun:<adj>+<noun>` for every adjective modifying a noun, and for a predicate adjective of a noun
 *   subject ("the car is red" uses red+car, like "the red car");
 * - `pronoun-adjective:<pronoun>+<adj>` for "he/she is <adj>";
 * - `subject-verb-object:<subject>+<verb>+<object>` for actions, with the subject's pronoun or head noun and the
 *   object's head noun (English lemmas).
 */
export function combinationsOf(sentence: Sentence): string[] {
  const keys: string[] = [];
  const modifier = (np: NounPhrase) => {
    if (np.adjective) keys.push(`adjective-noun:${np.adjective.en}+${np.noun.en}`);
  };
  const head = (s: Subject) => (s.kind === 'pronoun' ? s.pronoun.en : s.phrase.noun.en);
  if (sentence.subject.kind === 'noun') modifier(sentence.subject.phrase);
  if (sentence.kind === 'action') {
    modifier(sentence.object);
    keys.push(`subject-verb-object:${head(sentence.subject)}+${sentence.verb.en}+${sentence.object.noun.en}`);
  } else if (sentence.subject.kind === 'noun') {
    keys.push(`adjective-noun:${sentence.adjective.en}+${sentence.subject.phrase.noun.en}`);
  } else {
    keys.push(`pronoun-adjective:${sentence.subject.pronoun.en}+${sentence.adjective.en}`);
  }
  return keys;
}

/** The split a combination is held out for (`splitOfKey` of its key: about 80% train, 10% validation, 10% test). */
export function combinationSplit(key: string): Split {
  return splitOfKey(key);
}

/**
 * The split a sentence belongs to: test if any of its combinations is a test combination, else validation if any
 * is a validation combination, else train. So no held-out combination ever occurs in a training sentence.
 */
export function enPtSplit(sentence: Sentence): Split {
  const splits = combinationsOf(sentence).map(combinationSplit);
  if (splits.includes('test')) return 'test';
  return splits.includes('validation') ? 'validation' : 'train';
}
