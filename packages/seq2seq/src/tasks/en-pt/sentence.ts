import type { Rng } from '@rnnkit/common';
import { pick } from '../random';
import { ADJECTIVES, NOUNS, PRONOUNS, VERBS } from './lexicon';
import type { Adjective, Determiner, Noun, NounTag, Pronoun, Verb } from './lexicon';

/** Tenses of the grammar. */
export type Tense = 'present' | 'past' | 'future';

/** Determiner, optional adjective and noun; "a" forces singular, "two"/"three" plural, "the" takes either. */
export interface NounPhrase {
  readonly determiner: Determiner;
  readonly plural: boolean;
  readonly noun: Noun;
  readonly adjective?: Adjective;
}

/** A pronoun or a noun phrase in subject position. */
export type Subject =
  | { readonly kind: 'pronoun'; readonly pronoun: Pronoun }
  | { readonly kind: 'noun'; readonly phrase: NounPhrase };

/** "the boy eats an apple": subject, transitive verb, object. */
export interface ActionSentence {
  readonly kind: 'action';
  readonly subject: Subject;
  readonly verb: Verb;
  readonly object: NounPhrase;
  readonly tense: Tense;
  readonly negated: boolean;
}

/** "the houses are small": subject (no adjective of its own), "to be", predicate adjective agreeing with it. */
export interface DescriptionSentence {
  readonly kind: 'description';
  readonly subject: Subject;
  readonly adjective: Adjective;
  readonly tense: Tense;
  readonly negated: boolean;
}

/** One sentence of the `en-pt` grammar, before it is written in either language. */
export type Sentence = ActionSentence | DescriptionSentence;

const TENSES: readonly Tense[] = ['present', 'past', 'future'];
const DETERMINERS: readonly Determiner[] = ['the', 'the', 'a', 'two', 'three'];

const hasAny = (tags: readonly NounTag[], wanted: readonly NounTag[]) => tags.some((t) => wanted.includes(t));

/** Adjectives that combine with a noun (or, for a pronoun, with a person). */
export function adjectivesFor(tags: readonly NounTag[]): readonly Adjective[] {
  return ADJECTIVES.filter((a) => hasAny(tags, a.applies));
}

function nounWith(rng: Rng, tags: readonly NounTag[]): Noun {
  return pick(rng, NOUNS.filter((n) => hasAny(n.tags, tags)));
}

/** A phrase around `noun`, with an adjective 40% of the time when `modifiable`. */
function randomPhrase(rng: Rng, noun: Noun, modifiable: boolean): NounPhrase {
  const determiner = pick(rng, DETERMINERS);
  const plural = determiner === 'two' || determiner === 'three' || (determiner === 'the' && rng.next() < 0.5);
  if (!modifiable || rng.next() >= 0.4) return { determiner, plural, noun };
  return { determiner, plural, noun, adjective: pick(rng, adjectivesFor(noun.tags)) };
}

function randomAction(rng: Rng, tense: Tense, negated: boolean): ActionSentence {
  const verb = pick(rng, VERBS);
  const subject: Subject =
    verb.subjects.includes('person') && rng.next() < 0.3
      ? { kind: 'pronoun', pronoun: pick(rng, PRONOUNS) }
      : { kind: 'noun', phrase: randomPhrase(rng, nounWith(rng, verb.subjects), true) };
  return { kind: 'action', subject, verb, object: randomPhrase(rng, nounWith(rng, verb.objects), true), tense, negated };
}

function randomDescription(rng: Rng, tense: Tense, negated: boolean): DescriptionSentence {
  if (rng.next() < 0.3) {
    const pronoun = pick(rng, PRONOUNS.filter((p) => p.gender !== undefined));
    const adjective = pick(rng, adjectivesFor(['person']));
    return { kind: 'description', subject: { kind: 'pronoun', pronoun }, adjective, tense, negated };
  }
  // The subject takes no adjective of its own, which rules out "a big orange was small".
  const noun = pick(rng, NOUNS);
  const adjective = pick(rng, adjectivesFor(noun.tags));
  const subject: Subject = { kind: 'noun', phrase: randomPhrase(rng, noun, false) };
  return { kind: 'description', subject, adjective, tense, negated };
}

/** A random sentence: 70% actions, 30% descriptions; tense uniform; 30% negated. */
export function randomSentence(rng: Rng): Sentence {
  const tense = pick(rng, TENSES);
  const negated = rng.next() < 0.3;
  return rng.next() < 0.7 ? randomAction(rng, tense, negated) : randomDescription(rng, tense, negated);
}
