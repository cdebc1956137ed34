import { etsFilter, fitEts } from './exponential-smoothing';

/** A fitted Theta model (θ = 2): the SES part, the slope of the linear trend, and the series length. */
export interface ThetaFit {
  alpha: number;
  /** SES forecast of the next value (flat over the horizon). */
  level: number;
  /** Least-squares slope of the series against time 0, 1, …, n−1. */
  slope: number;
  n: number;
  /** Mean squared one-step error of the SES part. */
  sigma2: number;
}

/**
 * The classical Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form, as statsmodels'
 * `ThetaModel` computes it without MLE: SES from level y₀ with α by least squares, plus half the OLS slope b:
 * ŷ_{n+h} = ℓ_n + b/2 · (h − 1 + 1/α − (1 − α)^n/α).
 */
export function fitTheta(y: ArrayLike<number>): ThetaFit {
  const n = y.length;
  let meanT = 0;
  let meanY = 0;
  for (let t = 0; t < n; t++) {
    meanT += t;
    meanY += y[t];
  }
  meanT /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - meanT) * (y[t] - meanY);
    sxx += (t - meanT) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const spec = { trend: false, damped: false, seasonal: 'none', period: 1 } as const;
  const ses = fitEts(y, spec, { level: y[0], trend: 0, season: new Float64Array(0) });
  const end = etsFilter(y, spec, ses.params, ses.initial).end;
  return { alpha: ses.params.alpha, level: end.level, slope, n, sigma2: ses.sigma2 };
}

/** Point forecasts of a {@link ThetaFit} for h steps. */
export function thetaForecast(fit: ThetaFit, h: number): Float64Array {
  const { alpha, level, slope, n } = fit;
  const offset = alpha > 0 ? 1 / alpha - (1 - alpha) ** n / alpha : 0;
  return Float64Array.from({ length: h }, (_, i) => level + (slope / 2) * (i + offset));
}
