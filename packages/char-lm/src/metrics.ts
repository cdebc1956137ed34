import { CharLmError } from './errors';

function checkLoss(name: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value))) {
    throw new CharLmError('BAD_OPTION', `${name} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * Bits per character from nats per character (the mean cross-entropy with natural logarithms, as training
 * reports it): `bits = nats / ln 2`. Throws `CharLmError` `bad-option` for a negative or non-finite value.
 */
export function natsToBits(nats: number): number {
  checkLoss('nats', nats);
  return nats / Math.LN2;
}

/** Nats per character from bits per character: `nats = bits × ln 2`. Throws like {@link natsToBits}. */
export function bitsToNats(bits: number): number {
  checkLoss('bits', bits);
  return bits * Math.LN2;
}

/**
 * Per-character perplexity from nats per character: `exp(nats)` (equally `2 ** bits`), the number of equally
 * likely characters that would be as uncertain as the model. Throws like {@link natsToBits}.
 */
export function perplexity(nats: number): number {
  checkLoss('nats', nats);
  return Math.exp(nats);
}

/**
 * Nats per character from a perplexity: `ln(perplexity)`. Throws `CharLmError` `bad-option` unless it is finite
 * and ≥ 1.
 */
export function natsFromPerplexity(ppl: number): number {
  if (!(ppl >= 1 && Number.isFinite(ppl))) {
    throw new CharLmError('BAD_OPTION', `perplexity must be a finite number >= 1, got ${ppl}`);
  }
  return Math.log(ppl);
}
