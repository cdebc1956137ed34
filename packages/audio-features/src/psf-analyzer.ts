import { FrameAnalyzer } from './analyzer';
import { RealFft } from './fft';
import { MelFilter, psfMelFilters } from './mel';
import { ResolvedOptions } from './options';

/** The floor the psf definition puts under zero energies so their log stays finite: float64 machine epsilon. */
const FLOOR = Number.EPSILON;

/**
 * psf frames: power spectrum |FFT|²/NFFT of the rectangular-windowed frame, mel filter bank, natural log, then
 * (for MFCC) an orthonormal DCT-II with the lifter folded into its rows and c0 replaced by the log frame energy.
 */
export class PsfAnalyzer implements FrameAnalyzer {
  readonly dimension: number;
  private readonly fft: RealFft;
  private readonly power: Float64Array;
  private readonly logMel: Float64Array;
  private readonly filters: MelFilter[];
  private readonly dct: Float64Array | null;

  /** `output` chooses cepstra (`mfcc`) or the log filter-bank energies themselves (`logMel`). */
  constructor(
    private readonly options: ResolvedOptions,
    output: 'mfcc' | 'logMel',
  ) {
    const { nfft, numFilters, numCeps, lifter, sampleRate } = options;
    this.fft = new RealFft(nfft);
    this.power = new Float64Array(nfft / 2 + 1);
    this.logMel = new Float64Array(numFilters);
    this.filters = psfMelFilters(numFilters, nfft, sampleRate);
    this.dimension = output === 'mfcc' ? numCeps : numFilters;
    this.dct = output === 'mfcc' ? dctMatrix(numCeps, numFilters, lifter) : null;
  }

  analyze(samples: Float64Array, start: number, out: Float32Array): void {
    const { power, logMel, filters, dct } = this;
    const { frameLength, nfft, numFilters } = this.options;
    this.fft.powerSpectrum(samples, start, frameLength, power);
    let energy = 0;
    for (let k = 0; k < power.length; k++) {
      power[k] /= nfft;
      energy += power[k];
    }
    for (let j = 0; j < numFilters; j++) {
      const { start: first, weights } = filters[j];
      let sum = 0;
      for (let i = 0; i < weights.length; i++) sum += weights[i] * power[first + i];
      logMel[j] = Math.log(sum === 0 ? FLOOR : sum);
    }
    if (!dct) {
      for (let j = 0; j < numFilters; j++) out[j] = logMel[j];
      return;
    }
    for (let c = 0, row = 0; c < this.dimension; c++, row += numFilters) {
      let sum = 0;
      for (let j = 0; j < numFilters; j++) sum += dct[row + j] * logMel[j];
      out[c] = sum;
    }
    if (this.options.useEnergy) out[0] = Math.log(energy === 0 ? FLOOR : energy);
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
