import { numberInRange } from '@rnnkit/common';

/** Zero crossings of the sinc on each side of the kernel; with the Kaiser β below, ≥ 80 dB stop band. */
const ZERO_CROSSINGS = 40;
/** Kaiser β for about 80 dB of attenuation. */
const KAISER_BETA = 7.857;
/** Cut-off as a fraction of the lower Nyquist frequency, leaving room for the transition band below it. */
const ROLLOFF = 0.94;
/** Table points per zero crossing; linear interpolation between them errs by under 2e-6 of the peak. */
const OVERSAMPLING = 512;

let kernelTable: Float64Array | undefined;

/** sinc(u)·kaiser(u/ZERO_CROSSINGS) for u = 0 … ZERO_CROSSINGS, OVERSAMPLING points per unit. */
function kernel(): Float64Array {
  if (kernelTable) return kernelTable;
  const size = ZERO_CROSSINGS * OVERSAMPLING;
  const table = new Float64Array(size + 2);
  const norm = besselI0(KAISER_BETA);
  for (let i = 0; i <= size; i++) {
    const u = i / OVERSAMPLING;
    const r = u / ZERO_CROSSINGS;
    const sinc = i === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    table[i] = (sinc * besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r)))) / norm;
  }
  kernelTable = table;
  return table;
}

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * Band-limited resampling from `fromRate` to `toRate` (any positive rates, in any direction, not only integer
 * ratios) by a Kaiser-windowed sinc: the cut-off is 0.94 of the lower of the two Nyquist frequencies and
 * content above the new Nyquist is attenuated by about 80 dB. Samples outside the signal count as zero. The
 * output has round(n·toRate/fromRate) samples.
 *
 * @example
 * const at16k = resample(samples, 44100, 16000);
 */
export function resample(signal: ArrayLike<number>, fromRate: number, toRate: number): Float32Array {
  const n = signal.length;
  const plan = planResampling(fromRate, toRate);
  if (fromRate === toRate) return Float32Array.from(signal);
  const length = n === 0 ? 0 : Math.max(1, Math.round(n * plan.ratio));
  const out = new Float32Array(length);
  interpolateRange(plan, signal, 0, n, 0, length, out, 0);
  return out;
}

/** The geometry of band-limited resampling between two rates; shared by {@link resample} and `ResampleStream`. */
export interface ResamplingPlan {
  /** toRate / fromRate. */
  ratio: number;
  /** Input samples per output sample. */
  step: number;
  /** Input samples on each side of an output sample that the kernel reaches. */
  halfWidth: number;
  /** Kernel scale (cut-off relative to the input's Nyquist). */
  scale: number;
  /** Table points per input sample of distance. */
  unit: number;
  /** The windowed-sinc table. */
  table: Float64Array;
}

/** Checks the rates and works out the kernel's geometry. */
export function planResampling(fromRate: number, toRate: number): ResamplingPlan {
  numberInRange('fromRate', fromRate, 1e-6, 1e9);
  numberInRange('toRate', toRate, 1e-6, 1e9);
  const ratio = toRate / fromRate;
  // Kernel scale: the sinc's zero crossings are 1/(2·fc) input samples apart.
  const scale = Math.min(1, ratio) * ROLLOFF;
  return { ratio, step: 1 / ratio, halfWidth: ZERO_CROSSINGS / scale, scale, unit: scale * OVERSAMPLING, table: kernel() };
}

/**
 * Output samples `from` … `to - 1` (output sample m sits at input time m·step) into `out` from index `at`.
 * `buffer[0]` holds input sample `offset`; input samples from `n` on count as zero, and every sample below `n`
 * that the kernel reaches must be in `buffer`. One loop serves {@link resample} and `ResampleStream` alike.
 */
export function interpolateRange(
  plan: ResamplingPlan,
  buffer: ArrayLike<number>,
  offset: number,
  n: number,
  from: number,
  to: number,
  out: Float32Array,
  at: number,
): void {
  const { halfWidth, scale, unit, table, step } = plan;
  for (let m = from; m < to; m++) {
    const t = m * step;
    const first = Math.max(0, Math.ceil(t - halfWidth));
    const last = Math.min(n - 1, Math.floor(t + halfWidth));
    let acc = 0;
    for (let k = first; k <= last; k++) {
      const u = Math.abs(t - k) * unit;
      const i = u | 0;
      const w = table[i] + (u - i) * (table[i + 1] - table[i]);
      acc += buffer[k - offset] * w;
    }
    out[at + m - from] = acc * scale;
  }
}
