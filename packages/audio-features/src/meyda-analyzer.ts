import Meyda from 'meyda';
import { FrameAnalyzer } from './analyzer';
import { ResolvedOptions } from './options';

/** The caches Meyda keeps on its singleton and, in 5.6.3, fails to rebuild when the rate or buffer size changes. */
interface MeydaCaches {
  melFilterBank?: number[][];
  barkScale?: Float32Array;
  chromaFilterBank?: number[][];
}

/**
 * Frames through Meyda.extract('mfcc'): each frame of `frameLength` samples, zero-padded to `nfft` (Meyda's
 * bufferSize, a power of two), Hann window over the whole buffer, no pre-emphasis. Meyda is a shared singleton,
 * so every call re-applies this analyzer's settings and drops the filter banks Meyda cached for other settings.
 */
export class MeydaAnalyzer implements FrameAnalyzer {
  readonly dimension: number;
  private readonly buffer: Float32Array;
  private bank: number[][] | undefined;

  constructor(private readonly options: ResolvedOptions) {
    this.dimension = options.numCeps;
    this.buffer = new Float32Array(options.nfft);
  }

  analyze(samples: Float64Array, start: number, out: Float32Array): void {
    const { frameLength, numCeps } = this.options;
    this.configure();
    this.buffer.fill(0);
    for (let i = 0; i < frameLength; i++) this.buffer[i] = samples[start + i];
    const ceps = Meyda.extract('mfcc', this.buffer) as unknown as number[];
    this.bank = (Meyda as unknown as MeydaCaches).melFilterBank;
    for (let c = 0; c < numCeps; c++) out[c] = ceps[c];
  }

  private configure(): void {
    const { sampleRate, nfft, numFilters, numCeps } = this.options;
    const caches = Meyda as unknown as MeydaCaches;
    const same =
      Meyda.sampleRate === sampleRate &&
      Meyda.bufferSize === nfft &&
      Meyda.melBands === numFilters &&
      Meyda.numberOfMFCCCoefficients === numCeps &&
      Meyda.windowingFunction === 'hanning' &&
      caches.melFilterBank !== undefined &&
      caches.melFilterBank === this.bank;
    if (same) return;
    Meyda.sampleRate = sampleRate;
    Meyda.bufferSize = nfft;
    Meyda.melBands = numFilters;
    Meyda.numberOfMFCCCoefficients = numCeps;
    Meyda.windowingFunction = 'hanning';
    caches.melFilterBank = undefined;
    caches.barkScale = undefined;
    caches.chromaFilterBank = undefined;
  }
}
