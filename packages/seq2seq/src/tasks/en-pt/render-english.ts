import type { Tense } from './sentence';
import type { NounPhrase, Sentence, Subject } from './sentence';

type Agreement = '1sg' | '3sg' | 'other';

/** "a" becomes "an" before a vowel letter — enough for this lexicon, which has no silent h or "you"-sounding u. */
function article(next: string): string {
  return /^[aeiou]/.test(next) ? 'an' : 'a';
}

function phrase(np: NounPhrase): string {
  const words = [np.adjective?.en, np.plural ? np.noun.enPlural : np.noun.en].filter((w): w is string => !!w);
  const determiner = np.determiner === 'a' ? article(words[0]) : np.determiner;
  return [determiner, ...words].join(' ');
}

function subjectOf(subject: Subject): { words: string; agreement: Agreement } {
  if (subject.kind === 'pronoun') return { words: subject.pronoun.en, agreement: subject.pronoun.enAgreement };
  return { words: phrase(subject.phrase), agreement: subject.phrase.plural ? 'other' : '3sg' };
}

function be(tense: Tense, agreement: Agreement, negated: boolean): string {
  const not = negated ? ' not' : '';
  if (tense === 'future') return `will${not} be`;
  if (tense === 'past') return (agreement === 'other' ? 'were' : 'was') + not;
  return ({ '1sg': 'am', '3sg': 'is', other: 'are' } as const)[agreement] + not;
}

/** The English side of a sentence: lower case except "I", single spaces, no punctuation, no contractions. */
export function renderEnglish(sentence: Sentence): string {
  const { words: subject, agreement } = subjectOf(sentence.subject);
  if (sentence.kind === 'description') {
    return `${subject} ${be(sentence.tense, agreement, sentence.negated)} ${sentence.adjective.en}`;
  }
  const { verb, tense, negated } = sentence;
  let verbGroup: string;
  if (tense === 'future') verbGroup = negated ? `will not ${verb.en}` : `will ${verb.en}`;
  else if (tense === 'past') verbGroup = negated ? `did not ${verb.en}` : verb.enPast;
  else if (negated) verbGroup = `${agreement === '3sg' ? 'does' : 'do'} not ${verb.en}`;
  else verbGroup = agreement === '3sg' ? verb.en3sg : verb.en;
  return `${subject} ${verbGroup} ${phrase(sentence.object)}`;
}
