import { ADJECTIVES, NOUNS, PRONOUNS, VERBS, type Determiner } from './lexicon';
import { renderEnglish } from './render-english';
import { renderPortuguese } from './render-portuguese';
import type { NounPhrase, Sentence, Subject, Tense } from './sentence';

const noun = (en: string) => NOUNS.find((n) => n.en === en)!;
const adjective = (en: string) => ADJECTIVES.find((a) => a.en === en)!;
const verb = (en: string) => VERBS.find((v) => v.en === en)!;
const np = (determiner: Determiner, plural: boolean, head: string, adj?: string): NounPhrase =>
  adj ? { determiner, plural, noun: noun(head), adjective: adjective(adj) } : { determiner, plural, noun: noun(head) };
const pronoun = (en: string): Subject => ({ kind: 'pronoun', pronoun: PRONOUNS.find((p) => p.en === en)! });
const nounSubject = (phrase: NounPhrase): Subject => ({ kind: 'noun', phrase });
const action = (subject: Subject, v: string, object: NounPhrase, tense: Tense, negated = false): Sentence =>
  ({ kind: 'action', subject, verb: verb(v), object, tense, negated });
const description = (subject: Subject, adj: string, tense: Tense, negated = false): Sentence =>
  ({ kind: 'description', subject, adjective: adjective(adj), tense, negated });

// Each row was translated by hand; the comment says which agreement it exercises.
const CASES: ReadonlyArray<[Sentence, string, string]> = [
  // "an" before a vowel; 3sg -s; feminine indefinite article "uma"
  [action(nounSubject(np('the', false, 'boy')), 'eat', np('a', false, 'apple'), 'present'), 'the boy eats an apple', 'o menino come uma maçã'],
  // irregular plural "women"; "duas" agrees with a feminine noun; adjectives follow and agree; past negation
  [action(nounSubject(np('two', true, 'woman', 'old')), 'see', np('the', true, 'cat', 'black'), 'past', true),
    'two old women did not see the black cats', 'duas mulheres velhas não viram os gatos pretos'],
  // future negation with "ir" + infinitive in the first person
  [action(pronoun('I'), 'read', np('three', true, 'book', 'new'), 'future', true), 'I will not read three new books', 'eu não vou ler três livros novos'],
  // invariable adjective "grande"; "a" before a consonant-initial adjective
  [action(pronoun('he'), 'buy', np('a', false, 'orange', 'big'), 'present'), 'he buys a big orange', 'ele compra uma laranja grande'],
  // "does not" with a 3sg pronoun
  [action(pronoun('she'), 'open', np('the', false, 'door'), 'present', true), 'she does not open the door', 'ela não abre a porta'],
  // "they" -> "eles", 3pl past
  [action(pronoun('they'), 'write', np('a', false, 'letter'), 'past'), 'they wrote a letter', 'eles escreveram uma carta'],
  // 1pl future; "feliz" -> "felizes"
  [action(pronoun('we'), 'find', np('the', true, 'dog', 'happy'), 'future'), 'we will find the happy dogs', 'nós vamos encontrar os cachorros felizes'],
  // "you" takes "do" in English and third-person forms with "você"
  [action(pronoun('you'), 'eat', np('the', false, 'cake'), 'present', true), 'you do not eat the cake', 'você não come o bolo'],
  // "an old car": the article follows the adjective's first letter
  [action(nounSubject(np('the', true, 'girl')), 'buy', np('a', false, 'car', 'old'), 'past'), 'the girls bought an old car', 'as meninas compraram um carro velho'],
  // plural predicate adjective, imperfect "eram"
  [description(nounSubject(np('the', true, 'house')), 'small', 'past'), 'the houses were small', 'as casas eram pequenas'],
  // predicate agrees with "ela"
  [description(pronoun('she'), 'tall', 'present'), 'she is tall', 'ela é alta'],
  [description(pronoun('she'), 'tall', 'future', true), 'she will not be tall', 'ela não vai ser alta'],
  [description(pronoun('he'), 'old', 'past'), 'he was old', 'ele era velho'],
  [description(nounSubject(np('a', false, 'cow')), 'white', 'present', true), 'a cow is not white', 'uma vaca não é branca'],
  // masculine plural "dois", irregular plural "homens", 3pl future of "ser"
  [description(nounSubject(np('two', true, 'man')), 'happy', 'future'), 'two men will be happy', 'dois homens vão ser felizes'],
  [description(nounSubject(np('three', true, 'window')), 'red', 'past', true), 'three windows were not red', 'três janelas não eram vermelhas'],
];

describe('en-pt rendering', () => {
  const rows = CASES.map(([sentence, english, portuguese]) => ({ sentence, english, portuguese }));
  it.each(rows)('$english -> $portuguese', ({ sentence, english, portuguese }) => {
    expect(renderEnglish(sentence)).toBe(english);
    expect(renderPortuguese(sentence)).toBe(portuguese);
  });
});
