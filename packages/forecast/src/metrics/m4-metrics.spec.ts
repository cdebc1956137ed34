// Golden values: tools/reference/forecast_baselines.py writes the M4 definitions out with numpy.
import { RnnkitError } from '@rnnkit/common';
import { expectClose } from '@rnnkit/test-utils';
import * as golden from '../../../../tools/reference/golden/forecast-baselines.json';
import { coverage, mase, msis, owa, smape } from './m4-metrics';

const g = golden.metrics;
const history = golden.series.seasonal.slice(0, -golden.horizon);
const EXACT = { atol: 1e-12, rtol: 1e-12 };

describe('M4 metrics (against numpy from the M4 definitions)', () => {
  it('sMAPE, MASE, MSIS and coverage', () => {
    expectClose(smape(g.actual, g.forecast), g.smape, EXACT);
    expectClose(mase(g.actual, g.forecast, history, g.lag), g.mase, EXACT);
    expectClose(msis(g.actual, g.lower, g.upper, history, g.lag), g.msis, EXACT);
    expectClose(coverage(g.actual, g.lower, g.upper), g.coverage, EXACT);
  });

  it('OWA is the mean of the two ratios to Naive2', () => {
    expect(owa({ smape: 10, mase: 1 }, { smape: 20, mase: 0.5 })).toBeCloseTo(1.25, 12);
  });

  it('sMAPE counts a 0/0 term as 0 but never scores a NaN forecast as perfect', () => {
    expect(smape([0, 2], [0, 2])).toBe(0);
    expect(smape([2, 2], [NaN, 2])).toBeNaN();
    expect(smape([NaN], [2])).toBeNaN();
  });

  it('refuses mismatched lengths and a flat history', () => {
    expect(() => smape([1, 2], [1])).toThrow(RnnkitError);
    expect(() => mase([1], [1], [3, 3, 3], 1)).toThrow('MASE is undefined');
  });
});
