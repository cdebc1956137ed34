import { integerInRange, numberInRange } from '@rnnkit/common';
import { AudioFeaturesError } from './errors';
import { frameGeometry, FrameGeometry } from './framing';

/** Which MFCC definition to compute. */
export type MfccFlavour = 'psf' | 'meyda';

/** Options for {@link mfcc}, {@link logMelEnergies} and {@link FeatureStream}. Every field has a default. */
export interface MfccOptions {
  /** `psf` (python_speech_features definition, the default) or `meyda` (Meyda.extract('mfcc') per frame). */
  flavour?: MfccFlavour;
  /** Cepstral coefficients per frame, c0 included. Default 13. */
  numCeps?: number;
  /** Triangular mel filters. Default 26. */
  numFilters?: number;
  /**
   * FFT size, a power of two at least the window length. Default 512, or the next power of two that holds the
   * window when the window is longer (e.g. 2048 for 25 ms at 44.1 kHz).
   */
  nfft?: number;
  /** Window length in milliseconds. Default 25. */
  winMs?: number;
  /** Hop between frame starts in milliseconds. Default 10. */
  hopMs?: number;
  /** psf only: pre-emphasis coefficient, y[n] = x[n] − a·x[n−1]; 0 turns it off. Default 0.97. */
  preEmphasis?: number;
  /** psf only: sinusoidal lifter L, c[n]·(1 + L/2·sin(πn/L)); 0 turns it off. Default 22. */
  lifter?: number;
  /** psf only: replace c0 by the log of the frame's spectral energy. Default true. */
  useEnergy?: boolean;
  /** psf only: lowest frequency of the mel filter bank, Hz. Default 0. */
  lowHz?: number;
  /** psf only: highest frequency of the mel filter bank, Hz. Default the Nyquist frequency. */
  highHz?: number;
}

/**
 * Options with every default filled in and checked, for one sample rate; the fields mean what they mean in
 * {@link MfccOptions}, with window and hop in samples. `preEmphasis` is 0 for the meyda flavour.
 */
export interface ResolvedOptions extends FrameGeometry {
  /** MFCC definition. */
  readonly flavour: MfccFlavour;
  /** Rate of the signal, Hz. */
  readonly sampleRate: number;
  /** Coefficients per frame. */
  readonly numCeps: number;
  /** Mel filters. */
  readonly numFilters: number;
  /** FFT size. */
  readonly nfft: number;
  /** Pre-emphasis coefficient (0: none). */
  readonly preEmphasis: number;
  /** Lifter L (0: none). */
  readonly lifter: number;
  /** c0 is the log frame energy. */
  readonly useEnergy: boolean;
  /** Lowest frequency of the mel filter bank, Hz. */
  readonly lowHz: number;
  /** Highest frequency of the mel filter bank, Hz. */
  readonly highHz: number;
}

const PSF_ONLY = ['preEmphasis', 'lifter', 'useEnergy', 'lowHz', 'highHz'] as const;

/** Fills in defaults and checks every option against `sampleRate`; throws BAD_OPTION naming the problem. */
export function resolveOptions(sampleRate: number, options: MfccOptions = {}): ResolvedOptions {
  numberInRange('sampleRate', sampleRate, 1, 10_000_000);
  const flavour = options.flavour ?? 'psf';
  if (flavour !== 'psf' && flavour !== 'meyda') {
    throw new AudioFeaturesError('BAD_OPTION', `flavour must be "psf" or "meyda", got "${String(flavour)}"`);
  }
  const geometry = frameGeometry(sampleRate, options.winMs ?? 25, options.hopMs ?? 10);
  let nfft = options.nfft ?? 512;
  if (options.nfft === undefined) while (nfft < geometry.frameLength) nfft *= 2;
  integerInRange('nfft', nfft, 8, 1 << 24);
  if ((nfft & (nfft - 1)) !== 0) throw new AudioFeaturesError('BAD_OPTION', `nfft must be a power of two, got ${nfft}`);
  if (nfft < geometry.frameLength) {
    throw new AudioFeaturesError(
      'BAD_OPTION',
      `nfft ${nfft} is shorter than the ${geometry.frameLength}-sample window; use at least ${geometry.frameLength}`,
    );
  }
  const numFilters = options.numFilters ?? 26;
  integerInRange('numFilters', numFilters, 1, nfft / 2);
  const numCeps = options.numCeps ?? 13;
  integerInRange('numCeps', numCeps, 1, flavour === 'meyda' ? Math.min(40, numFilters) : numFilters);
  if (flavour === 'meyda') {
    const given = PSF_ONLY.filter((name) => options[name] !== undefined);
    if (given.length) {
      throw new AudioFeaturesError('BAD_OPTION', `${given.join(', ')} apply to the psf flavour only, not meyda`);
    }
  }
  const preEmphasis = options.preEmphasis ?? 0.97;
  numberInRange('preEmphasis', preEmphasis, 0, 1);
  const lifter = options.lifter ?? 22;
  numberInRange('lifter', lifter, 0, 10000);
  const lowHz = options.lowHz ?? 0;
  const highHz = options.highHz ?? sampleRate / 2;
  numberInRange('highHz', highHz, 0, sampleRate / 2);
  numberInRange('lowHz', lowHz, 0, highHz);
  if (lowHz === highHz) throw new AudioFeaturesError('BAD_OPTION', `lowHz and highHz are both ${lowHz}: the band is empty`);
  return {
    ...geometry,
    flavour,
    sampleRate,
    numCeps,
    numFilters,
    nfft,
    preEmphasis: flavour === 'psf' ? preEmphasis : 0,
    lifter,
    useEnergy: options.useEnergy ?? true,
    lowHz,
    highHz,
  };
}
