/** Hz to mel on the 2595·log10(1 + f/700) scale (the one python_speech_features and HTK use). */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** Mel to Hz, the inverse of {@link hzToMel}. */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/** One triangular filter: its weights start at FFT bin `start`. */
export interface MelFilter {
  /** First FFT bin with a (possibly zero) weight. */
  readonly start: number;
  /** Weights for bins start, start+1, …. */
  readonly weights: Float64Array;
}

/**
 * The psf filter bank: `count` triangles whose edges are FFT bins floor((nfft+1)·f/sr) for frequencies f evenly
 * spaced in mel from `lowHz` (default 0) to `highHz` (default Nyquist). A triangle rises from its lower edge
 * (weight 0) to 1 at its centre and falls to its upper edge, which it excludes. Triangles whose edges coincide
 * are empty, as in the definition.
 */
export function psfMelFilters(
  count: number,
  nfft: number,
  sampleRate: number,
  lowHz = 0,
  highHz = sampleRate / 2,
): MelFilter[] {
  const bottom = hzToMel(lowHz);
  const top = hzToMel(highHz);
  const step = (top - bottom) / (count + 1);
  const edges: number[] = [];
  for (let i = 0; i < count + 2; i++) {
    const mel = i === count + 1 ? top : bottom + i * step;
    edges.push(Math.floor(((nfft + 1) * melToHz(mel)) / sampleRate));
  }
  const filters: MelFilter[] = [];
  for (let j = 0; j < count; j++) {
    const [lo, mid, hi] = [edges[j], edges[j + 1], edges[j + 2]];
    const weights = new Float64Array(Math.max(0, hi - lo));
    for (let bin = lo; bin < mid; bin++) weights[bin - lo] = (bin - lo) / (mid - lo);
    for (let bin = mid; bin < hi; bin++) weights[bin - lo] = (hi - bin) / (hi - mid);
    filters.push({ start: lo, weights });
  }
  return filters;
}
