import { checkNumber } from './number-range';

const ONES = [
  'zero', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove',
  'dez', 'onze', 'doze', 'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove',
];
const TENS = ['', '', 'vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const HUNDREDS = [
  '', 'cento', 'duzentos', 'trezentos', 'quatrocentos', 'quinhentos', 'seiscentos', 'setecentos', 'oitocentos',
  'novecentos',
];

/** 1–999 in words; every word group inside a hundred block is joined by "e" ("cento e vinte e um"). */
function below1000(n: number): string {
  if (n === 100) return 'cem';
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(HUNDREDS[hundreds]);
  if (rest >= 20) {
    words.push(TENS[Math.floor(rest / 10)]);
    if (rest % 10 > 0) words.push(ONES[rest % 10]);
  } else if (rest > 0) {
    words.push(ONES[rest]);
  }
  return words.join(' e ');
}

/**
 * An integer 0–999,999 in (Brazilian) Portuguese words, masculine forms. "mil" alone for 1000; 100 is "cem" and
 * 101–199 "cento e …"; between the thousands and the rest, "e" is written only when the rest is below 100 or a
 * whole number of hundreds ("dois mil e quinhentos", "mil e um", but "mil trezentos e quarenta e cinco").
 */
export function portugueseNumberWords(n: number): string {
  checkNumber(n);
  if (n === 0) return ONES[0];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 0 ? '' : thousands === 1 ? 'mil' : `${below1000(thousands)} mil`;
  if (rest === 0) return head;
  if (head === '') return below1000(rest);
  const joiner = rest < 100 || rest % 100 === 0 ? ' e ' : ' ';
  return head + joiner + below1000(rest);
}
