import { TaskError } from '../task-error';
import { englishNumberWords } from './english-number-words';
import { portugueseNumberWords } from './portuguese-number-words';

// Hand-written from grammar references, not from the code: English is American style (no "and", hyphenated
// 21-99); Portuguese is Brazilian, masculine ("dois", "duzentos"), "mil" alone for 1000, "cem" only for exactly 100.
const HAND_CHECKED: ReadonlyArray<[number, string, string]> = [
  [0, 'zero', 'zero'],
  [7, 'seven', 'sete'],
  [10, 'ten', 'dez'],
  [11, 'eleven', 'onze'],
  [14, 'fourteen', 'catorze'],
  [15, 'fifteen', 'quinze'],
  [16, 'sixteen', 'dezesseis'],
  [20, 'twenty', 'vinte'],
  [21, 'twenty-one', 'vinte e um'],
  [99, 'ninety-nine', 'noventa e nove'],
  [100, 'one hundred', 'cem'],
  [101, 'one hundred one', 'cento e um'],
  [110, 'one hundred ten', 'cento e dez'],
  [200, 'two hundred', 'duzentos'],
  [999, 'nine hundred ninety-nine', 'novecentos e noventa e nove'],
  [1000, 'one thousand', 'mil'],
  [1001, 'one thousand one', 'mil e um'],
  [1020, 'one thousand twenty', 'mil e vinte'],
  [1100, 'one thousand one hundred', 'mil e cem'],
  [1110, 'one thousand one hundred ten', 'mil cento e dez'],
  [1345, 'one thousand three hundred forty-five', 'mil trezentos e quarenta e cinco'],
  [2000, 'two thousand', 'dois mil'],
  [2500, 'two thousand five hundred', 'dois mil e quinhentos'],
  [10000, 'ten thousand', 'dez mil'],
  [21000, 'twenty-one thousand', 'vinte e um mil'],
  [100000, 'one hundred thousand', 'cem mil'],
  [100100, 'one hundred thousand one hundred', 'cem mil e cem'],
  [101000, 'one hundred one thousand', 'cento e um mil'],
  [123456, 'one hundred twenty-three thousand four hundred fifty-six', 'cento e vinte e três mil quatrocentos e cinquenta e seis'],
  [200300, 'two hundred thousand three hundred', 'duzentos mil e trezentos'],
  [999999, 'nine hundred ninety-nine thousand nine hundred ninety-nine', 'novecentos e noventa e nove mil novecentos e noventa e nove'],
];

// Independent readers: each word's value, "hundred" multiplies the running group, "thousand"/"mil" closes it.
const EN_VALUES: Record<string, number> = Object.fromEntries([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ').map((w, i) => [w, i]),
  ...'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i) => [w, 20 + 10 * i]),
]);
const PT_VALUES: Record<string, number> = Object.fromEntries([
  ...'zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezesseis dezessete dezoito dezenove'
    .split(' ').map((w, i) => [w, i]),
  ...'vinte trinta quarenta cinquenta sessenta setenta oitenta noventa'.split(' ').map((w, i) => [w, 20 + 10 * i]),
  ...'cento duzentos trezentos quatrocentos quinhentos seiscentos setecentos oitocentos novecentos'.split(' ').map((w, i) => [w, 100 * (i + 1)]),
  ['cem', 100],
]);

function readEnglish(text: string): number {
  let total = 0;
  let group = 0;
  for (const word of text.split(/[ -]/)) {
    if (word === 'hundred') group *= 100;
    else if (word === 'thousand') [total, group] = [total + group * 1000, 0];
    else if (word in EN_VALUES) group += EN_VALUES[word];
    else throw new Error(`unknown English number word ${word}`);
  }
  return total + group;
}

function readPortuguese(text: string): number {
  let total = 0;
  let group = 0;
  for (const word of text.split(' ')) {
    if (word === 'e') continue;
    if (word === 'mil') [total, group] = [total + (group === 0 ? 1 : group) * 1000, 0];
    else if (word in PT_VALUES) group += PT_VALUES[word];
    else throw new Error(`unknown Portuguese number word ${word}`);
  }
  return total + group;
}

/** Every number below 2100, then every 7th up to 999,999: about 145,000 numbers. */
function sampleNumbers(): number[] {
  const out: number[] = [];
  for (let n = 0; n <= 999_999; n += n < 2100 ? 1 : 7) out.push(n);
  out.push(999_999);
  return out;
}

describe('englishNumberWords', () => {
  it.each(HAND_CHECKED)('%i -> %s', (n, en) => {
    expect(englishNumberWords(n)).toBe(en);
  });

  it('reads back to the same number, uses no "and", hyphenates only tens-units', () => {
    const bad = sampleNumbers().filter((n) => {
      const words = englishNumberWords(n);
      return readEnglish(words) !== n || / and /.test(words) || !/^[a-z]+(-[a-z]+)?( [a-z]+(-[a-z]+)?)*$/.test(words);
    });
    expect(bad).toEqual([]);
  });
});

describe('portugueseNumberWords', () => {
  it.each(HAND_CHECKED)('%i -> … %s', (n, _en, pt) => {
    expect(portugueseNumberWords(n)).toBe(pt);
  });

  it('reads back to the same number and places every "e" by the rules', () => {
    const bad = sampleNumbers().filter((n) => {
      const words = portugueseNumberWords(n).split(' ');
      if (readPortuguese(words.join(' ')) !== n) return true;
      const rest = n % 1000;
      const wantsMilE = n >= 1000 && rest > 0 && (rest < 100 || rest % 100 === 0);
      for (let i = 0; i < words.length; i++) {
        const [word, next] = [words[i], words[i + 1]];
        if (word === 'e' && (i === 0 || next === undefined || next === 'e' || next === 'mil')) return true;
        if (word === 'mil' && (next === 'e') !== wantsMilE) return true;
        // Inside a group of hundreds, every two number words are joined by exactly one "e".
        if (word !== 'e' && word !== 'mil' && next !== undefined && next !== 'e' && next !== 'mil') return true;
        if (word === 'cento' && next !== 'e') return true;
        if (word === 'cem' && next !== undefined && next !== 'mil') return true;
        if (word === 'um' && next === 'mil' && i === 0) return true;
      }
      return false;
    });
    expect(bad).toEqual([]);
  });
});

describe('number range', () => {
  it('rejects non-integers and numbers outside 0-999,999 with a TaskError', () => {
    for (const bad of [-1, 1_000_000, 2.5, Number.NaN]) {
      expect(() => englishNumberWords(bad)).toThrow(TaskError);
      expect(() => portugueseNumberWords(bad)).toThrow(/integers 0-999999/);
    }
  });
});
