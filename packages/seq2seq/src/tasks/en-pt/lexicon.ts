/** Grammatical gender of a Portuguese noun. */
export type Gender = 'm' | 'f';

/** Semantic classes that decide which verbs and adjectives a noun combines with. */
export type NounTag = 'person' | 'animal' | 'thing' | 'food' | 'text' | 'openable';

/** A countable noun with its English and Portuguese singular and plural forms. */
export interface Noun {
  readonly en: string;
  readonly enPlural: string;
  readonly pt: string;
  readonly ptPlural: string;
  readonly gender: Gender;
  readonly tags: readonly NounTag[];
}

/** An adjective: English form and Portuguese masculine/feminine singular/plural forms. */
export interface Adjective {
  readonly en: string;
  /** Portuguese forms: masculine singular, feminine singular, masculine plural, feminine plural. */
  readonly pt: readonly [string, string, string, string];
  /** The adjective combines with a noun carrying any of these tags. */
  readonly applies: readonly NounTag[];
}

/** A transitive verb with the English and Portuguese forms the grammar needs. */
export interface Verb {
  readonly en: string;
  readonly en3sg: string;
  readonly enPast: string;
  readonly ptInfinitive: string;
  /** Present indicative: eu, você/ele/ela, nós, eles/elas. */
  readonly ptPresent: readonly [string, string, string, string];
  /** Simple past (pretérito perfeito): eu, você/ele/ela, nós, eles/elas. */
  readonly ptPast: readonly [string, string, string, string];
  readonly subjects: readonly NounTag[];
  readonly objects: readonly NounTag[];
}

const TEXT: readonly NounTag[] = ['thing', 'text', 'openable'];

/** Nouns of the `en-pt` grammar. */
export const NOUNS: readonly Noun[] = [
  { en: 'boy', enPlural: 'boys', pt: 'menino', ptPlural: 'meninos', gender: 'm', tags: ['person'] },
  { en: 'girl', enPlural: 'girls', pt: 'menina', ptPlural: 'meninas', gender: 'f', tags: ['person'] },
  { en: 'man', enPlural: 'men', pt: 'homem', ptPlural: 'homens', gender: 'm', tags: ['person'] },
  { en: 'woman', enPlural: 'women', pt: 'mulher', ptPlural: 'mulheres', gender: 'f', tags: ['person'] },
  { en: 'dog', enPlural: 'dogs', pt: 'cachorro', ptPlural: 'cachorros', gender: 'm', tags: ['animal'] },
  { en: 'cat', enPlural: 'cats', pt: 'gato', ptPlural: 'gatos', gender: 'm', tags: ['animal'] },
  { en: 'bird', enPlural: 'birds', pt: 'pássaro', ptPlural: 'pássaros', gender: 'm', tags: ['animal'] },
  { en: 'cow', enPlural: 'cows', pt: 'vaca', ptPlural: 'vacas', gender: 'f', tags: ['animal'] },
  { en: 'book', enPlural: 'books', pt: 'livro', ptPlural: 'livros', gender: 'm', tags: TEXT },
  { en: 'letter', enPlural: 'letters', pt: 'carta', ptPlural: 'cartas', gender: 'f', tags: TEXT },
  { en: 'car', enPlural: 'cars', pt: 'carro', ptPlural: 'carros', gender: 'm', tags: ['thing'] },
  { en: 'house', enPlural: 'houses', pt: 'casa', ptPlural: 'casas', gender: 'f', tags: ['thing'] },
  { en: 'door', enPlural: 'doors', pt: 'porta', ptPlural: 'portas', gender: 'f', tags: ['thing', 'openable'] },
  { en: 'window', enPlural: 'windows', pt: 'janela', ptPlural: 'janelas', gender: 'f', tags: ['thing', 'openable'] },
  { en: 'apple', enPlural: 'apples', pt: 'maçã', ptPlural: 'maçãs', gender: 'f', tags: ['food'] },
  { en: 'orange', enPlural: 'oranges', pt: 'laranja', ptPlural: 'laranjas', gender: 'f', tags: ['food'] },
  { en: 'egg', enPlural: 'eggs', pt: 'ovo', ptPlural: 'ovos', gender: 'm', tags: ['food'] },
  { en: 'cake', enPlural: 'cakes', pt: 'bolo', ptPlural: 'bolos', gender: 'm', tags: ['food'] },
];

/** Adjectives of the `en-pt` grammar; in Portuguese they follow the noun and agree in gender and number. */
export const ADJECTIVES: readonly Adjective[] = [
  { en: 'big', pt: ['grande', 'grande', 'grandes', 'grandes'], applies: ['person', 'animal', 'thing', 'food'] },
  { en: 'small', pt: ['pequeno', 'pequena', 'pequenos', 'pequenas'], applies: ['person', 'animal', 'thing', 'food'] },
  { en: 'old', pt: ['velho', 'velha', 'velhos', 'velhas'], applies: ['person', 'animal', 'thing'] },
  { en: 'new', pt: ['novo', 'nova', 'novos', 'novas'], applies: ['thing'] },
  { en: 'red', pt: ['vermelho', 'vermelha', 'vermelhos', 'vermelhas'], applies: ['thing', 'food'] },
  { en: 'white', pt: ['branco', 'branca', 'brancos', 'brancas'], applies: ['animal', 'thing'] },
  { en: 'black', pt: ['preto', 'preta', 'pretos', 'pretas'], applies: ['animal', 'thing'] },
  { en: 'tall', pt: ['alto', 'alta', 'altos', 'altas'], applies: ['person'] },
  { en: 'happy', pt: ['feliz', 'feliz', 'felizes', 'felizes'], applies: ['person', 'animal'] },
  { en: 'beautiful', pt: ['bonito', 'bonita', 'bonitos', 'bonitas'], applies: ['person', 'animal', 'thing'] },
];

/** Transitive verbs of the `en-pt` grammar; the future is built with "ir" + infinitive ("vai comer"). */
export const VERBS: readonly Verb[] = [
  {
    en: 'see', en3sg: 'sees', enPast: 'saw', ptInfinitive: 'ver',
    ptPresent: ['vejo', 'vê', 'vemos', 'veem'], ptPast: ['vi', 'viu', 'vimos', 'viram'],
    subjects: ['person', 'animal'], objects: ['person', 'animal', 'thing', 'food'],
  },
  {
    en: 'eat', en3sg: 'eats', enPast: 'ate', ptInfinitive: 'comer',
    ptPresent: ['como', 'come', 'comemos', 'comem'], ptPast: ['comi', 'comeu', 'comemos', 'comeram'],
    subjects: ['person', 'animal'], objects: ['food'],
  },
  {
    en: 'read', en3sg: 'reads', enPast: 'read', ptInfinitive: 'ler',
    ptPresent: ['leio', 'lê', 'lemos', 'leem'], ptPast: ['li', 'leu', 'lemos', 'leram'],
    subjects: ['person'], objects: ['text'],
  },
  {
    en: 'write', en3sg: 'writes', enPast: 'wrote', ptInfinitive: 'escrever',
    ptPresent: ['escrevo', 'escreve', 'escrevemos', 'escrevem'],
    ptPast: ['escrevi', 'escreveu', 'escrevemos', 'escreveram'],
    subjects: ['person'], objects: ['text'],
  },
  {
    en: 'buy', en3sg: 'buys', enPast: 'bought', ptInfinitive: 'comprar',
    ptPresent: ['compro', 'compra', 'compramos', 'compram'],
    ptPast: ['comprei', 'comprou', 'compramos', 'compraram'],
    subjects: ['person'], objects: ['animal', 'thing', 'food'],
  },
  {
    en: 'open', en3sg: 'opens', enPast: 'opened', ptInfinitive: 'abrir',
    ptPresent: ['abro', 'abre', 'abrimos', 'abrem'], ptPast: ['abri', 'abriu', 'abrimos', 'abriram'],
    subjects: ['person'], objects: ['openable'],
  },
  {
    en: 'find', en3sg: 'finds', enPast: 'found', ptInfinitive: 'encontrar',
    ptPresent: ['encontro', 'encontra', 'encontramos', 'encontram'],
    ptPast: ['encontrei', 'encontrou', 'encontramos', 'encontraram'],
    subjects: ['person', 'animal'], objects: ['person', 'animal', 'thing', 'food'],
  },
];

/** Grammatical person and number of a Portuguese verb form, as an index into the four-form tables above. */
export type PtPerson = 0 | 1 | 2 | 3;

/** A subject pronoun: English form, English agreement class, Portuguese form and agreement. */
export interface Pronoun {
  readonly en: string;
  /** English agreement: `'3sg'` takes "sees"/"is"/"was", `'1sg'` "see"/"am"/"was", `'other'` "see"/"are"/"were". */
  readonly enAgreement: '1sg' | '3sg' | 'other';
  readonly pt: string;
  readonly ptPerson: PtPerson;
  /** Gender the pronoun fixes for predicate adjectives; absent when English leaves it open (I, you, we, they). */
  readonly gender?: Gender;
}

/**
 * Subject pronouns. "you" is singular "você" (third-person verb forms, as in Brazil) and "they" is "eles", the
 * generic masculine. Only "he" and "she" fix a gender, so only they are subjects of "to be" + adjective.
 */
export const PRONOUNS: readonly Pronoun[] = [
  { en: 'I', enAgreement: '1sg', pt: 'eu', ptPerson: 0 },
  { en: 'you', enAgreement: 'other', pt: 'você', ptPerson: 1 },
  { en: 'he', enAgreement: '3sg', pt: 'ele', ptPerson: 1, gender: 'm' },
  { en: 'she', enAgreement: '3sg', pt: 'ela', ptPerson: 1, gender: 'f' },
  { en: 'we', enAgreement: 'other', pt: 'nós', ptPerson: 2 },
  { en: 'they', enAgreement: 'other', pt: 'eles', ptPerson: 3 },
];

/** Determiners of a noun phrase; "a" is written "an" before a vowel. */
export type Determiner = 'the' | 'a' | 'two' | 'three';

/** Portuguese "ser" (to be) — present, imperfect past ("era", for lasting qualities) by person. */
export const SER_PRESENT: readonly [string, string, string, string] = ['sou', 'é', 'somos', 'são'];
/** Imperfect of "ser" used for the English simple past of "to be" + adjective. */
export const SER_PAST: readonly [string, string, string, string] = ['era', 'era', 'éramos', 'eram'];
/** Present of "ir", the auxiliary of the periphrastic future ("vai comer"). */
export const IR_PRESENT: readonly [string, string, string, string] = ['vou', 'vai', 'vamos', 'vão'];
