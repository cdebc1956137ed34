import { FrameAnalyzer } from './analyzer';
import { RealFft } from './fft';
import { psfMelFilters } from './mel';
import { ResolvedOptions } from './options';

/** The floor the psf definition puts under zero energies so their log stays finite: float64 machine epsilon. */
const FLOOR = Number.EPSILON;

/** Everything a psf analyzer precomputes for one configuration; shared between analyzers (JS runs one at a time). */
interface PsfTables {
  fft: RealFft;
  power: Float64Array;
  logMel: Float64Array;
  /** Filter f covers bins starts[f] … starts[f]+lengths[f]-1 with weights from offsets[f] in `weights`. */
  starts: Int32Array;
  lengths: Int32Array;
  offsets: Int32Array;
  /** Triangle weights divided by NFFT, so the raw |FFT|² can be filtered directly. */
  weights: Float64Array;
  /** Orthonormal DCT-II rows times the lifter weights, numCeps × numFilters. */
  dct: Float64Array;
}

const cache = new Map<string, PsfTables>();
const CACHE_LIMIT = 16;

function tablesFor({ sampleRate, nfft, numFilters, numCeps, lifter, lowHz, highHz }: ResolvedOptions): PsfTables {
  const key = `${sampleRate}/${nfft}/${numFilters}/${numCeps}/${lifter}/${lowHz}/${highHz}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const filters = psfMelFilters(numFilters, nfft, sampleRate, lowHz, highHz);
  const starts = new Int32Array(numFilters);
  const lengths = new Int32Array(numFilters);
  const offsets = new Int32Array(numFilters);
  const weights = new Float64Array(filters.reduce((sum, f) => sum + f.weights.length, 0));
  let at = 0;
  filters.forEach((filter, f) => {
    starts[f] = filter.start;
    lengths[f] = filter.weights.length;
    offsets[f] = at;
    for (const w of filter.weights) weights[at++] = w / nfft;
  });
  const tables: PsfTables = {
    fft: new RealFft(nfft),
    power: new Float64Array(nfft / 2 + 1),
    logMel: new Float64Array(numFilters),
    starts,
    lengths,
    offsets,
    weights,
    dct: dctMatrix(numCeps, numFilters, lifter),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, tables);
  return tables;
}

/**
 * psf frames: power spectrum |FFT|²/NFFT of the rectangular-windowed frame, mel filter bank, natural log, then
 * (for MFCC) an orthonormal DCT-II with the lifter folded into its rows and c0 replaced by the log frame energy.
 */
export class PsfAnalyzer implements FrameAnalyzer {
  readonly dimension: number;
  private readonly tables: PsfTables;
  private readonly cepstra: boolean;

  /** `output` chooses cepstra (`mfcc`) or the log filter-bank energies themselves (`logMel`). */
  constructor(
    private readonly options: ResolvedOptions,
    output: 'mfcc' | 'logMel',
  ) {
    this.tables = tablesFor(options);
    this.cepstra = output === 'mfcc';
    this.dimension = this.cepstra ? options.numCeps : options.numFilters;
  }

  analyze(samples: Float64Array, start: number, out: Float32Array): void {
    const { fft, power, logMel, starts, lengths, offsets, weights, dct } = this.tables;
    const { frameLength, nfft, numFilters } = this.options;
    fft.powerSpectrum(samples, start, frameLength, power);
    for (let f = 0; f < numFilters; f++) {
      const first = starts[f] - offsets[f];
      let sum = 0;
      for (let w = offsets[f], end = w + lengths[f]; w < end; w++) sum += weights[w] * power[first + w];
      logMel[f] = Math.log(sum === 0 ? FLOOR : sum);
    }
    if (!this.cepstra) {
      for (let f = 0; f < numFilters; f++) out[f] = logMel[f];
      return;
    }
    for (let c = 0, row = 0; c < this.dimension; c++, row += numFilters) {
      let sum = 0;
      for (let f = 0; f < numFilters; f++) sum += dct[row + f] * logMel[f];
      out[c] = sum;
    }
    if (this.options.useEnergy) {
      let energy = 0;
      for (let k = 0; k < power.length; k++) energy += power[k];
      energy /= nfft;
      out[0] = Math.log(energy === 0 ? FLOOR : energy);
    }
  }
}

/** Rows of the orthonormal DCT-II, each scaled by its lifter weight 1 + L/2·sin(πc/L) (none when L is 0). */
function dctMatrix(numCeps: number, numFilters: number, lifter: number): Float64Array {
  const matrix = new Float64Array(numCeps * numFilters);
  for (let c = 0; c < numCeps; c++) {
    const scale = Math.sqrt((c === 0 ? 1 : 2) / numFilters);
    const lift = lifter > 0 ? 1 + (lifter / 2) * Math.sin((Math.PI * c) / lifter) : 1;
    for (let j = 0; j < numFilters; j++) {
      matrix[c * numFilters + j] = lift * scale * Math.cos((Math.PI * c * (2 * j + 1)) / (2 * numFilters));
    }
  }
  return matrix;
}
