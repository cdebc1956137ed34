import { nelderMead } from './nelder-mead';

/** Which exponential-smoothing model: SES (no trend), Holt (trend), damped Holt, Holt–Winters (season). */
export interface EtsSpec {
  trend: boolean;
  damped: boolean;
  seasonal: 'none' | 'additive' | 'multiplicative';
  /** Season length; ignored without a seasonal component. */
  period: number;
}

/** Smoothing parameters, in Holt–Winters' recursion form (statsmodels' `ExponentialSmoothing` convention). */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** The states before the first observation: level, trend and one seasonal term per phase (phase k for y_k). */
export interface EtsInitialState {
  level: number;
  trend: number;
  season: Float64Array;
}

/** A fitted model: its spec, parameters, initial state, end state, in-sample SSE and residual variance. */
export interface EtsFit {
  spec: EtsSpec;
  params: EtsParams;
  initial: EtsInitialState;
  sse: number;
  /** Mean squared one-step in-sample error. */
  sigma2: number;
  end: { level: number; trend: number; season: Float64Array; n: number };
}

/**
 * Runs the Holt–Winters recursion over `y` and returns the one-step in-sample SSE and the final states:
 * ŷ = l + φb (+ s or × s); l ← α(y − s) + (1 − α)(l + φb); b ← β(l_new − l) + (1 − β)φb;
 * s ← γ(y − l − φb) + (1 − γ)s (multiplicative: divisions instead of differences).
 */
export function etsFilter(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams, initial: EtsInitialState): Omit<EtsFit, 'spec' | 'params' | 'initial' | 'sigma2'> {
  const { alpha, beta, gamma } = params;
  const phi = spec.trend ? (spec.damped ? params.phi : 1) : 0;
  const m = spec.seasonal === 'none' ? 1 : spec.period;
  const season = spec.seasonal === 'none' ? new Float64Array(0) : Float64Array.from(initial.season);
  const mul = spec.seasonal === 'multiplicative';
  let level = initial.level;
  let trend = spec.trend ? initial.trend : 0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const k = t % m;
    const s = spec.seasonal === 'none' ? (mul ? 1 : 0) : season[k];
    const base = level + phi * trend;
    const yhat = mul ? base * s : base + s;
    sse += (y[t] - yhat) ** 2;
    const newLevel = alpha * (mul ? y[t] / s : y[t] - s) + (1 - alpha) * base;
    if (spec.trend) trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    if (spec.seasonal !== 'none') season[k] = gamma * (mul ? y[t] / base : y[t] - base) + (1 - gamma) * s;
    level = newLevel;
  }
  return { sse, end: { level, trend, season, n: y.length } };
}

/** Point forecasts for h steps after the end of a fit. */
export function etsForecast(fit: Pick<EtsFit, 'spec' | 'params' | 'end'>, h: number): Float64Array {
  const { spec, params, end } = fit;
  const phi = spec.trend ? (spec.damped ? params.phi : 1) : 0;
  const m = spec.seasonal === 'none' ? 1 : spec.period;
  const out = new Float64Array(h);
  let damp = 0;
  for (let i = 1; i <= h; i++) {
    damp += phi ** i;
    const base = end.level + damp * end.trend;
    const s = spec.seasonal === 'none' ? null : end.season[(end.n + i - 1) % m];
    out[i - 1] = s === null ? base : spec.seasonal === 'multiplicative' ? base * s : base + s;
  }
  return out;
}

/**
 * Variance multipliers v_h of the h-step forecast error (var_h = σ²·v_h), exact for the additive models
 * (ETS(A,N,N), (A,A,N), (A,Ad,N), (A,A,A)): v_h = 1 + Σ_{j<h} c_j² with c_j = α(1 + β·Σ_{i≤j} φ^i) + γ(1 − α)·[m | j].
 * For a multiplicative season the same multipliers are used on the seasonally adjusted scale (an approximation).
 */
export function etsVarianceMultipliers(spec: EtsSpec, params: EtsParams, h: number): Float64Array {
  const phi = spec.trend ? (spec.damped ? params.phi : 1) : 0;
  const out = new Float64Array(h);
  let total = 1;
  let damp = 0;
  out[0] = 1;
  for (let j = 1; j < h; j++) {
    damp += phi ** j;
    const seasonal = spec.seasonal !== 'none' && j % spec.period === 0 ? params.gamma * (1 - params.alpha) : 0;
    const c = params.alpha * (1 + (spec.trend ? params.beta * damp : 0)) + seasonal;
    total += c * c;
    out[j] = total;
  }
  return out;
}

/**
 * Initial states by the usual heuristic: level y₀ and trend y₁ − y₀ without a season; with one, the first
 * season's mean as level, the change between the first two seasons' means per step as trend, and each phase's
 * departure from the level (difference or ratio) as its seasonal term.
 */
export function etsInitialState(y: ArrayLike<number>, spec: EtsSpec): EtsInitialState {
  if (spec.seasonal === 'none') return { level: y[0], trend: y.length > 1 ? y[1] - y[0] : 0, season: new Float64Array(0) };
  const m = spec.period;
  const mean = (from: number) => {
    let s = 0;
    for (let i = from; i < from + m; i++) s += y[i];
    return s / m;
  };
  const level = mean(0);
  const trend = y.length >= 2 * m ? (mean(m) - level) / m : 0;
  const season = Float64Array.from({ length: m }, (_, k) => (spec.seasonal === 'multiplicative' ? y[k] / level : y[k] - level));
  return { level, trend, season };
}

const squash = (v: number) => 1 / (1 + Math.exp(-v));
const unsquash = (p: number) => Math.log(p / (1 - p));

/** The damping parameter's range while fitting (statsmodels and forecast's R package use similar bounds). */
export const PHI_RANGE: readonly [number, number] = [0.8, 0.98];

/**
 * Fits the smoothing parameters by least squares of the one-step errors (Nelder–Mead on logit-transformed
 * parameters, so each stays in (0, 1), φ in {@link PHI_RANGE}), from `initial` or the heuristic initial state.
 */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec, initial: EtsInitialState = etsInitialState(y, spec)): EtsFit {
  const decode = (x: number[]): EtsParams => {
    let i = 0;
    const alpha = squash(x[i++]);
    const beta = spec.trend ? squash(x[i++]) : 0;
    const gamma = spec.seasonal !== 'none' ? squash(x[i++]) : 0;
    const phi = spec.trend && spec.damped ? PHI_RANGE[0] + (PHI_RANGE[1] - PHI_RANGE[0]) * squash(x[i++]) : 1;
    return { alpha, beta, gamma, phi };
  };
  const start = [unsquash(0.3)];
  if (spec.trend) start.push(unsquash(0.05));
  if (spec.seasonal !== 'none') start.push(unsquash(0.1));
  if (spec.trend && spec.damped) start.push(0);
  const { x } = nelderMead((x) => {
    const sse = etsFilter(y, spec, decode(x), initial).sse;
    return Number.isFinite(sse) ? sse : Number.MAX_VALUE;
  }, start, { step: 1 });
  const params = decode(x);
  const result = etsFilter(y, spec, params, initial);
  return { spec, params, initial, ...result, sigma2: result.sse / y.length };
}
