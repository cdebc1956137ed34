import { AudioFeaturesError } from './errors';

/**
 * Power spectrum of real frames by a radix-2 FFT of size `size` (a power of two, at least 8). The real input is
 * packed as a complex sequence of half the length, transformed in place (a twiddle-free radix-4 first pass,
 * then radix-2 passes), and split into the spectrum of the real signal, which halves the work. Twiddles, the
 * bit-reversal table and the work buffers are made once, so one instance serves any number of frames without
 * allocating.
 */
export class RealFft {
  /** Transform size (input length, zero-padded). */
  readonly size: number;
  private readonly half: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** Twiddles of the passes after the first, pass by pass: (cos, −sin) of πk/span for k < span. */
  private readonly twiddles: Float64Array;
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 8 || (size & (size - 1)) !== 0 || size > 1 << 24) {
      throw new AudioFeaturesError('BAD_OPTION', `FFT size must be a power of two from 8 to 2^24, got ${size}`);
    }
    this.size = size;
    const half = size >> 1;
    this.half = half;
    this.re = new Float64Array(half);
    this.im = new Float64Array(half);
    this.twiddles = new Float64Array(Math.max(0, 2 * (half - 4)));
    for (let span = 4, at = 0; span < half; at += 2 * span, span <<= 1) {
      for (let k = 0; k < span; k++) {
        this.twiddles[at + 2 * k] = Math.cos((Math.PI * k) / span);
        this.twiddles[at + 2 * k + 1] = -Math.sin((Math.PI * k) / span);
      }
    }
    this.splitCos = new Float64Array(half + 1);
    this.splitSin = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    this.reversed = new Uint32Array(half);
    const bits = Math.log2(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
  }

  /**
   * Writes |X[k]|² for k = 0 … size/2 into `out` (length ≥ size/2 + 1), where X is the DFT of
   * input[offset … offset+length) zero-padded (or cut) to `size` samples.
   */
  powerSpectrum(input: ArrayLike<number>, offset: number, length: number, out: Float64Array): void {
    this.transform(input, offset, length);
    const { re, im, half, splitCos, splitSin } = this;
    out[0] = (re[0] + im[0]) * (re[0] + im[0]);
    out[half] = (re[0] - im[0]) * (re[0] - im[0]);
    for (let k = 1; k < half; k++) {
      const j = half - k;
      // Even part E = (Z[k] + conj Z[j]) / 2, odd part O = (Z[k] − conj Z[j]) / 2i, X = E + W^k·O.
      const er = 0.5 * (re[k] + re[j]);
      const ei = 0.5 * (im[k] - im[j]);
      const or = 0.5 * (im[k] + im[j]);
      const oi = -0.5 * (re[k] - re[j]);
      const wr = splitCos[k];
      const wi = splitSin[k];
      const xr = er + wr * or - wi * oi;
      const xi = ei + wr * oi + wi * or;
      out[k] = xr * xr + xi * xi;
    }
  }

  /** Complex FFT, in place, of the packed sequence z[n] = x[2n] + i·x[2n+1]. */
  private transform(input: ArrayLike<number>, offset: number, length: number): void {
    const { re, im, half, reversed, twiddles } = this;
    const n = Math.min(length, this.size);
    re.fill(0);
    im.fill(0);
    const pairs = n >> 1;
    for (let i = 0; i < pairs; i++) {
      const dst = reversed[i];
      re[dst] = input[offset + 2 * i];
      im[dst] = input[offset + 2 * i + 1];
    }
    if (n & 1) re[reversed[pairs]] = input[offset + n - 1];
    // Spans 1 and 2 at once: their twiddles are 1 and −i, so no multiplications.
    for (let s = 0; s < half; s += 4) {
      const ar = re[s] + re[s + 1];
      const ai = im[s] + im[s + 1];
      const br = re[s] - re[s + 1];
      const bi = im[s] - im[s + 1];
      const cr = re[s + 2] + re[s + 3];
      const ci = im[s + 2] + im[s + 3];
      const dr = re[s + 2] - re[s + 3];
      const di = im[s + 2] - im[s + 3];
      re[s] = ar + cr;
      im[s] = ai + ci;
      re[s + 2] = ar - cr;
      im[s + 2] = ai - ci;
      re[s + 1] = br + di;
      im[s + 1] = bi - dr;
      re[s + 3] = br - di;
      im[s + 3] = bi + dr;
    }
    for (let span = 4, at = 0; span < half; at += 2 * span, span <<= 1) {
      const step = span << 1;
      for (let k = 0; k < span; k++) {
        const wr = twiddles[at + 2 * k];
        const wi = twiddles[at + 2 * k + 1];
        for (let a = k; a < half; a += step) {
          const b = a + span;
          const br = re[b] * wr - im[b] * wi;
          const bi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - br;
          im[b] = im[a] - bi;
          re[a] += br;
          im[a] += bi;
        }
      }
    }
  }
}
