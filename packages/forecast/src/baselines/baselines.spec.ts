// Golden values: tools/reference/forecast_baselines.py (statsmodels 0.13, numpy, scipy) → golden/forecast-baselines.json.
import { expectClose } from '@rnnkit/test-utils';
import * as golden from '../../../../tools/reference/golden/forecast-baselines.json';
import { etsFilter, etsForecast, type EtsSpec, fitEts } from './exponential-smoothing';
import { baselineForecast } from './methods';
import { normalQuantile } from './normal-quantile';
import { autocorrelation, isSeasonal, multiplicativeSeasonalIndices } from './seasonality';
import { fitTheta, thetaForecast } from './theta';

const seasonal = Float64Array.from(golden.series.seasonal);
const walk = Float64Array.from(golden.series.walk);
const H = golden.horizon;
const m = golden.period;
// Same arithmetic in double precision, different order of operations: agreement to 1e-9 relative.
const EXACT = { atol: 1e-9, rtol: 1e-9 };

describe('seasonality (against statsmodels acf and seasonal_decompose)', () => {
  it('autocorrelation', () => {
    expectClose([0, 1, 2, 3, 4, 5, 6].map((k) => autocorrelation(seasonal, k)), golden.acf.seasonal, EXACT);
    expectClose([0, 1, 2, 3, 4, 5, 6].map((k) => autocorrelation(walk, k)), golden.acf.walk, EXACT);
  });

  it('M4 seasonality test and multiplicative seasonal indices', () => {
    expect(isSeasonal(seasonal, m)).toBe(golden.seasonalityTest.seasonal);
    expect(isSeasonal(walk, m)).toBe(golden.seasonalityTest.walk);
    expectClose(multiplicativeSeasonalIndices(seasonal, m), golden.seasonalIndices, EXACT);
  });
});

describe('exponential smoothing with fixed parameters (against statsmodels ExponentialSmoothing)', () => {
  const cases: Array<[keyof typeof golden.fixed, EtsSpec]> = [
    ['ses', { trend: false, damped: false, seasonal: 'none', period: 1 }],
    ['holt', { trend: true, damped: false, seasonal: 'none', period: 1 }],
    ['damped', { trend: true, damped: true, seasonal: 'none', period: 1 }],
    ['hwAdditive', { trend: true, damped: false, seasonal: 'additive', period: m }],
    ['hwMultiplicative', { trend: true, damped: false, seasonal: 'multiplicative', period: m }],
  ];
  it.each(cases)('%s: in-sample SSE and forecasts', (name, spec) => {
    const g = golden.fixed[name] as { params: Record<string, number>; initial: Record<string, number | number[]>; sse: number; forecast: number[] };
    const params = { alpha: g.params.alpha, beta: g.params.beta ?? 0, gamma: g.params.gamma ?? 0, phi: g.params.phi ?? 1 };
    const initial = { level: g.initial.level as number, trend: (g.initial.trend as number) ?? 0, season: Float64Array.from((g.initial.season as number[]) ?? []) };
    const run = etsFilter(seasonal, spec, params, initial);
    expectClose(run.sse, g.sse, EXACT);
    expectClose(etsForecast({ spec, params, end: run.end }, H), g.forecast, EXACT);
  });
});

describe('fitted models (against statsmodels optimisers)', () => {
  it('SES fit from level y0 reaches statsmodels\' least squares or lower', () => {
    const fit = fitEts(walk, { trend: false, damped: false, seasonal: 'none', period: 1 }, { level: walk[0], trend: 0, season: new Float64Array(0) });
    // Optimisers stop at slightly different points of a flat minimum: SSE within 1e-6 relative, α within 1e-3.
    expect(fit.sse).toBeLessThanOrEqual(golden.sesFit.sse * (1 + 1e-6));
    expect(Math.abs(fit.params.alpha - golden.sesFit.alpha)).toBeLessThan(1e-3);
  });

  it('Theta: the trend slope exactly; the forecast exactly for statsmodels\' α, and within 0.1 % with our own α', () => {
    const fit = fitTheta(walk);
    expectClose(fit.slope, golden.theta.slope, EXACT);
    const spec: EtsSpec = { trend: false, damped: false, seasonal: 'none', period: 1 };
    const level = etsFilter(walk, spec, { alpha: golden.theta.alpha, beta: 0, gamma: 0, phi: 1 }, { level: walk[0], trend: 0, season: new Float64Array(0) }).end.level;
    expectClose(thetaForecast({ ...fit, alpha: golden.theta.alpha, level }, H), golden.theta.forecast, EXACT);
    expectClose(thetaForecast(fit, H), golden.theta.forecast, { rtol: 1e-3 });
  });
});

describe('baselineForecast', () => {
  it('naive, seasonal naive and drift follow their definitions', () => {
    const y = Float64Array.from([1, 3, 2, 5, 4, 6]);
    expect(Array.from(baselineForecast('naive', y, 3, { period: 2 }).point)).toEqual([6, 6, 6]);
    expect(Array.from(baselineForecast('snaive', y, 3, { period: 2 }).point)).toEqual([4, 6, 4]);
    expectClose(baselineForecast('drift', y, 2, { period: 1 }).point, [7, 8], EXACT);
  });

  it('intervals widen with the horizon and hold the point forecast at their centre', () => {
    for (const method of ['naive', 'snaive', 'drift', 'ses', 'holt', 'damped', 'hw', 'theta', 'naive2'] as const) {
      const f = baselineForecast(method, seasonal, H, { period: m, levels: [80, 95] });
      const [i80, i95] = f.intervals;
      for (let i = 0; i < H; i++) {
        expect(i95.lower[i]).toBeLessThan(i80.lower[i]);
        expect(i80.lower[i]).toBeLessThan(f.point[i]);
        expectClose(i95.upper[i] - f.point[i], f.point[i] - i95.lower[i], EXACT);
      }
      expect(i95.upper[H - 1] - i95.lower[H - 1]).toBeGreaterThanOrEqual(i95.upper[0] - i95.lower[0]);
    }
  });

  it('Naive2 on a seasonal series is the last adjusted value times the seasonal index of each step', () => {
    const f = baselineForecast('naive2', seasonal, H, { period: m });
    const idx = multiplicativeSeasonalIndices(seasonal, m);
    const n = seasonal.length;
    const last = seasonal[n - 1] / idx[(n - 1) % m];
    expectClose(f.point, Array.from({ length: H }, (_, i) => last * idx[(n + i) % m]), EXACT);
  });
});

it('normalQuantile matches scipy.stats.norm.ppf within 1e-8', () => {
  for (const [p, z] of Object.entries(golden.normalQuantiles)) expectClose(normalQuantile(Number(p)), z, { atol: 1e-8 });
});
