import { SPLITS, type Pair, type Split } from '../types';
import { enPtTask } from './en-pt-task';
import { combinationSplit } from './hold-out';
import { ADJECTIVES, NOUNS, PRONOUNS, VERBS, type Gender } from './lexicon';

// An independent reading of the English side, from the surface text only: it finds the subject, verb (if any),
// object and adjectives by word lists, then names the combinations the way the hold-out rule documents them.
const DETERMINERS = new Set(['the', 'a', 'an', 'two', 'three']);
const AUXILIARIES = new Set(['do', 'does', 'did', 'will', 'not', 'am', 'is', 'are', 'was', 'were', 'be']);
const VERB_LEMMA = new Map(VERBS.flatMap((v) => [[v.en, v.en], [v.en3sg, v.en], [v.enPast, v.en]]));
const NOUN_LEMMA = new Map(NOUNS.flatMap((n) => [[n.en, n.en], [n.enPlural, n.en]]));
const ADJECTIVE_WORDS = new Set(ADJECTIVES.map((a) => a.en));
const PRONOUN_WORDS = new Set(PRONOUNS.map((p) => p.en));

interface Reading {
  subject: string;
  verb?: string;
  object?: string;
  predicate?: string;
  modifiers: Array<[string, string]>;
}

function readEnglish(source: string): Reading {
  const words = source.split(' ');
  const verbAt = words.findIndex((w) => AUXILIARIES.has(w) || VERB_LEMMA.has(w));
  const subjectWords = words.slice(0, verbAt);
  const objectAt = words.findIndex((w, i) => i > verbAt && DETERMINERS.has(w));
  const verbGroup = words.slice(verbAt, objectAt < 0 ? words.length : objectAt);
  const headOf = (phrase: string[]) => {
    const last = phrase[phrase.length - 1];
    const lemma = PRONOUN_WORDS.has(last) ? last : NOUN_LEMMA.get(last);
    if (!lemma) throw new Error(`no head in "${phrase.join(' ')}" of "${source}"`);
    return lemma;
  };
  const modifiers: Array<[string, string]> = [];
  const collect = (phrase: string[]) => {
    if (phrase.length === 3 && ADJECTIVE_WORDS.has(phrase[1])) modifiers.push([phrase[1], headOf(phrase)]);
  };
  collect(subjectWords);
  const verbWord = verbGroup.find((w) => VERB_LEMMA.has(w));
  if (verbWord) {
    const objectWords = words.slice(objectAt);
    collect(objectWords);
    return { subject: headOf(subjectWords), verb: VERB_LEMMA.get(verbWord), object: headOf(objectWords), modifiers };
  }
  return { subject: headOf(subjectWords), predicate: words[words.length - 1], modifiers };
}

function combinations(r: Reading): string[] {
  const keys = r.modifiers.map(([adj, noun]) => `adjective-noun:${adj}+${noun}`);
  if (r.verb) keys.push(`subject-verb-object:${r.subject}+${r.verb}+${r.object}`);
  else if (PRONOUN_WORDS.has(r.subject)) keys.push(`pronoun-adjective:${r.subject}+${r.predicate}`);
  else keys.push(`adjective-noun:${r.predicate}+${r.subject}`);
  return keys;
}

const generated = Object.fromEntries(SPLITS.map((s) => [s, enPtTask.generate(s, 3000, 11)])) as Record<Split, Pair[]>;

describe('en-pt hold-out', () => {
  it('never puts a held-out combination in a training sentence', () => {
    const leaks = generated.train.flatMap((p) => combinations(readEnglish(p.source)).filter((k) => combinationSplit(k) !== 'train'));
    expect(leaks).toEqual([]);
  });

  it('gives every test sentence a test combination and every validation sentence a validation one (none of test)', () => {
    for (const { source } of generated.test) expect(combinations(readEnglish(source)).map(combinationSplit)).toContain('test');
    for (const { source } of generated.validation) {
      const splits = combinations(readEnglish(source)).map(combinationSplit);
      expect(splits).toContain('validation');
      expect(splits).not.toContain('test');
    }
  });

  it('holds out adjective-noun pairs and subject-verb-object triples whose words all occur in train', () => {
    const trainWords = new Set(generated.train.flatMap((p) => p.source.split(' ')));
    const testKeys = new Set(generated.test.flatMap((p) => combinations(readEnglish(p.source))).filter((k) => combinationSplit(k) === 'test'));
    expect([...testKeys].some((k) => k.startsWith('adjective-noun:'))).toBe(true);
    expect([...testKeys].some((k) => k.startsWith('subject-verb-object:'))).toBe(true);
    for (const word of [...NOUNS.map((n) => n.en), ...ADJECTIVES.map((a) => a.en), ...VERBS.map((v) => v.enPast), ...PRONOUNS.map((p) => p.en)]) {
      expect(trainWords.has(word)).toBe(true);
    }
  });

  it('has disjoint source sentences across splits', () => {
    const train = new Set(generated.train.map((p) => p.source));
    for (const split of ['validation', 'test'] as const) for (const p of generated[split]) expect(train.has(p.source)).toBe(false);
  });

  it('is deterministic and prefix-stable', () => {
    expect(enPtTask.generate('test', 3000, 11)).toEqual(generated.test);
    expect(enPtTask.generate('test', 10, 11)).toEqual(generated.test.slice(0, 10));
    expect(enPtTask.generate('test', 10, 12)).not.toEqual(generated.test.slice(0, 10));
  });
});

// Agreement read off the Portuguese surface: each noun's article before it and adjective after it must fit its
// gender and number; a predicate adjective must fit the subject; "não" and the future auxiliary mirror English.
type Features = { gender: Gender; plural: boolean };
const PT_NOUNS = new Map<string, Features>(
  NOUNS.flatMap((n) => [[n.pt, { gender: n.gender, plural: false }], [n.ptPlural, { gender: n.gender, plural: true }]]),
);
const PT_PRONOUNS: Record<string, Features> = { ele: { gender: 'm', plural: false }, ela: { gender: 'f', plural: false } };
const PT_ARTICLES: Record<string, Features[]> = {
  o: [{ gender: 'm', plural: false }], a: [{ gender: 'f', plural: false }], os: [{ gender: 'm', plural: true }], as: [{ gender: 'f', plural: true }],
  um: [{ gender: 'm', plural: false }], uma: [{ gender: 'f', plural: false }], dois: [{ gender: 'm', plural: true }], duas: [{ gender: 'f', plural: true }],
  três: [{ gender: 'm', plural: true }, { gender: 'f', plural: true }],
};
const PT_ADJECTIVES = new Map<string, Features[]>();
for (const a of ADJECTIVES) {
  a.pt.forEach((form, i) => {
    const list = PT_ADJECTIVES.get(form) ?? [];
    PT_ADJECTIVES.set(form, [...list, { gender: i % 2 ? 'f' : 'm', plural: i >= 2 }]);
  });
}
const fits = (options: Features[] | undefined, f: Features) => !!options?.some((o) => o.gender === f.gender && o.plural === f.plural);
const FUTURE_AUX = new Set(['vou', 'vai', 'vamos', 'vão']);

describe('en-pt agreement in generated pairs', () => {
  const all = SPLITS.flatMap((s) => generated[s]);

  it('articles and adjectives agree with their nouns; predicates agree with their subjects', () => {
    const bad: string[] = [];
    for (const { target } of all) {
      const words = target.split(' ');
      words.forEach((w, i) => {
        const features = PT_NOUNS.get(w);
        if (!features) return;
        if (!fits(PT_ARTICLES[words[i - 1]], features)) bad.push(`${target}: article of ${w}`);
        const next = words[i + 1];
        if (PT_ADJECTIVES.has(next) && !fits(PT_ADJECTIVES.get(next), features)) bad.push(`${target}: adjective of ${w}`);
      });
      const last = words[words.length - 1];
      if (!PT_NOUNS.has(last) && !PT_NOUNS.has(words[words.length - 2] ?? '')) {
        // A description: the subject is a pronoun (ele/ela) or the noun in position 1.
        const subject = PT_PRONOUNS[words[0]] ?? PT_NOUNS.get(words[1]);
        if (!subject || !fits(PT_ADJECTIVES.get(last), subject)) bad.push(`${target}: predicate`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('English verbs agree with their subjects', () => {
    const bad = all.filter(({ source }) => {
      const words = source.split(' ');
      const verbAt = words.findIndex((w) => AUXILIARIES.has(w) || VERB_LEMMA.has(w));
      const subject = words.slice(0, verbAt);
      const head = subject[subject.length - 1];
      const singular3 = head === 'he' || head === 'she' || NOUNS.some((n) => n.en === head);
      const verb = words[verbAt];
      if (['will', 'did'].includes(verb) || VERBS.some((v) => v.enPast === verb && v.en !== verb)) return false;
      if (['was', 'were'].includes(verb)) return (verb === 'was') !== (singular3 || head === 'I');
      if (['am', 'is', 'are'].includes(verb)) return verb !== (head === 'I' ? 'am' : singular3 ? 'is' : 'are');
      if (['do', 'does'].includes(verb)) return (verb === 'does') !== singular3;
      // Present or ambiguous "read": a 3sg subject takes the -s form.
      return VERBS.some((v) => v.en3sg === verb) !== singular3 && verb !== 'read';
    });
    expect(bad).toEqual([]);
  });

  it('negation and the future appear on both sides or on neither', () => {
    for (const { source, target } of all) {
      const words = target.split(' ');
      expect(source.split(' ').includes('not')).toBe(words.includes('não'));
      expect(source.split(' ').includes('will')).toBe(words.some((w) => FUTURE_AUX.has(w)));
    }
  });

  it('uses both genders, both numbers and all three tenses', () => {
    const targets = all.map((p) => p.target).join(' ').split(' ');
    const expected = ['o', 'a', 'os', 'as', 'um', 'uma', 'dois', 'duas', 'três', 'não', 'vai', 'vão', 'era', 'eram'];
    for (const w of expected) expect(targets).toContain(w);
  });
});
