import { CtcInputError } from './ctc-error';

/** Checks that `blank` is an integer class index in `[0, classes)`. */
export function checkBlank(blank: number, classes: number): void {
  if (!Number.isInteger(blank) || blank < 0 || blank >= classes) {
    throw new CtcInputError(`blank must be an integer class index in [0, ${classes}), got ${blank}`);
  }
}

/**
 * Checks one label sequence per batch item: integers in `[0, classes)` other than the blank.
 * Returns them as Int32Arrays so that the inner loops read a typed array.
 */
export function checkLabels(
  labels: ReadonlyArray<ArrayLike<number>>,
  batch: number,
  classes: number,
  blank: number,
): Int32Array[] {
  if (!Array.isArray(labels) || labels.length !== batch) {
    const got = Array.isArray(labels) ? `${labels.length} sequences` : typeof labels;
    throw new CtcInputError(`labels must hold one sequence per batch item (${batch}), got ${got}`);
  }
  return labels.map((seq, b) => {
    if (seq == null || typeof seq.length !== 'number') {
      throw new CtcInputError(`labels[${b}] must be an array of class indices`);
    }
    const out = new Int32Array(seq.length);
    for (let i = 0; i < seq.length; i++) {
      const c = seq[i];
      if (!Number.isInteger(c) || c < 0 || c >= classes) {
        throw new CtcInputError(`labels[${b}][${i}] = ${c} is not a class index in [0, ${classes})`);
      }
      if (c === blank) {
        throw new CtcInputError(`labels[${b}][${i}] = ${c} is the blank index; labels must not contain the blank`);
      }
      out[i] = c;
    }
    return out;
  });
}

/** Checks per-item frame counts (integers in `[0, time]`); a missing option means every item uses all frames. */
export function checkInputLengths(
  inputLengths: ArrayLike<number> | undefined,
  batch: number,
  time: number,
): Int32Array {
  const out = new Int32Array(batch).fill(time);
  if (inputLengths === undefined) return out;
  if (inputLengths.length !== batch) {
    throw new CtcInputError(`inputLengths must have one entry per batch item (${batch}), got ${inputLengths.length}`);
  }
  for (let b = 0; b < batch; b++) {
    const n = inputLengths[b];
    if (!Number.isInteger(n) || n < 0 || n > time) {
      throw new CtcInputError(`inputLengths[${b}] = ${n} is not an integer frame count in [0, ${time}]`);
    }
    out[b] = n;
  }
  return out;
}
