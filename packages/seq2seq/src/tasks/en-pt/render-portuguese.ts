import { IR_PRESENT, SER_PAST, SER_PRESENT, type Adjective, type Gender, type PtPerson } from './lexicon';
import type { NounPhrase, Sentence, Subject } from './sentence';

const ARTICLES: Record<NounPhrase['determiner'], readonly [string, string, string, string]> = {
  the: ['o', 'a', 'os', 'as'],
  a: ['um', 'uma', 'uns', 'umas'],
  two: ['dois', 'duas', 'dois', 'duas'],
  three: ['três', 'três', 'três', 'três'],
};

/** Index into a four-form table: masculine singular, feminine singular, masculine plural, feminine plural. */
function form(gender: Gender, plural: boolean): 0 | 1 | 2 | 3 {
  return ((plural ? 2 : 0) + (gender === 'f' ? 1 : 0)) as 0 | 1 | 2 | 3;
}

function agree(adjective: Adjective, gender: Gender, plural: boolean): string {
  return adjective.pt[form(gender, plural)];
}

function phrase(np: NounPhrase): string {
  const { noun, plural } = np;
  const words = [ARTICLES[np.determiner][form(noun.gender, plural)], plural ? noun.ptPlural : noun.pt];
  if (np.adjective) words.push(agree(np.adjective, noun.gender, plural));
  return words.join(' ');
}

/** Subject words, verb person, and the gender and number a predicate adjective must agree with. */
function subjectOf(subject: Subject): { words: string; person: PtPerson; gender: Gender; plural: boolean } {
  if (subject.kind === 'pronoun') {
    const { pronoun } = subject;
    const plural = pronoun.ptPerson >= 2;
    return { words: pronoun.pt, person: pronoun.ptPerson, gender: pronoun.gender ?? 'm', plural };
  }
  const { phrase: np } = subject;
  return { words: phrase(np), person: np.plural ? 3 : 1, gender: np.noun.gender, plural: np.plural };
}

/**
 * The Portuguese side (Brazilian): adjectives after the noun, agreeing in gender and number; "não" before the verb
 * group; past of actions in the pretérito perfeito, past of "to be" + adjective in the imperfect ("era"); future
 * as "ir" + infinitive ("vai comer", "vão ser").
 */
export function renderPortuguese(sentence: Sentence): string {
  const subject = subjectOf(sentence.subject);
  const p = subject.person;
  const words = [subject.words];
  if (sentence.negated) words.push('não');
  if (sentence.kind === 'description') {
    const { tense } = sentence;
    words.push(tense === 'future' ? `${IR_PRESENT[p]} ser` : (tense === 'past' ? SER_PAST : SER_PRESENT)[p]);
    words.push(agree(sentence.adjective, subject.gender, subject.plural));
  } else {
    const { verb, tense } = sentence;
    if (tense === 'future') words.push(`${IR_PRESENT[p]} ${verb.ptInfinitive}`);
    else words.push((tense === 'past' ? verb.ptPast : verb.ptPresent)[p]);
    words.push(phrase(sentence.object));
  }
  return words.join(' ');
}
