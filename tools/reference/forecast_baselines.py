#!/usr/bin/python3
"""Independent reference for the baselines and metrics of @rnnkit/forecast.

Uses Debian's python3-statsmodels (0.13), python3-numpy and python3-scipy, and shares no code with the
TypeScript implementation. Writes golden/forecast-baselines.json holding two small synthetic series built here
from a fixed seed and, for them:

  - the sample autocorrelation (statsmodels acf) and the M4 benchmarks' seasonality test built on it;
  - the seasonal indices of statsmodels' classical multiplicative decomposition;
  - SES, Holt, damped Holt and Holt-Winters (additive and multiplicative season) run with fixed parameters and
    known initial states (statsmodels ExponentialSmoothing, optimized=False): in-sample SSE and forecasts;
  - the least-squares SES fit from level y0 (statsmodels' SSE, scipy's bounded search), and the Theta method (statsmodels ThetaModel,
    no MLE, no deseasonalising);
  - sMAPE, MASE, MSIS and coverage written out from the M4 competition's definitions with numpy;
  - standard normal quantiles (scipy).

Run from the repository root (Debian's python, not a virtualenv's):  /usr/bin/python3 tools/reference/forecast_baselines.py
"""
import json
import os
import warnings

import numpy as np
import scipy.optimize
import scipy.stats
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf
from statsmodels.tsa.forecasting.theta import ThetaModel

warnings.simplefilter('ignore')
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'golden', 'forecast-baselines.json')
H = 8
PERIOD = 4


def series():
    rng = np.random.default_rng(17)
    t = np.arange(60)
    seasonal = 50 + 0.8 * t + 6 * np.sin(2 * np.pi * t / PERIOD) + 3 * np.cos(2 * np.pi * t / PERIOD) + rng.normal(0, 1.5, 60)
    walk = 20 + np.cumsum(rng.normal(0.1, 1.0, 45))
    return {'seasonal': seasonal, 'walk': walk}


def m4_seasonality_test(y, period):
    r = acf(y, nlags=period, fft=False)
    s = r[1] + np.sum(r[2:period] ** 2)
    limit = 1.645 * np.sqrt((1 + 2 * s) / len(y))
    return bool(abs(r[period]) > limit)


def fixed(y, params, **model):
    res = ExponentialSmoothing(y, initialization_method='known', **model).fit(optimized=False, **params)
    # statsmodels 0.13's own forecast reuses a stale seasonal term from step m on (it drops the last season's
    # update), so forecasts are built here from its final states with the textbook formula
    # l + (phi + ... + phi^h) b + s[n + h - m].
    phi = params.get('damping_trend', 1.0)
    b = res.trend[-1] if model.get('trend') else 0.0
    damp = np.cumsum(phi ** np.arange(1, H + 1))
    base = res.level[-1] + damp * b
    if model.get('seasonal'):
        s = res.season[-PERIOD:][np.arange(H) % PERIOD]
        base = base * s if model['seasonal'] == 'mul' else base + s
    assert np.allclose(base[:PERIOD - 1], res.forecast(H)[:PERIOD - 1])
    return {'sse': float(res.sse), 'forecast': base.tolist()}


def m4_metrics(actual, forecast, lower, upper, history, lag):
    scale = np.mean(np.abs(history[lag:] - history[:-lag]))
    a = 0.05
    penalty = (2 / a) * ((lower - actual) * (actual < lower) + (actual - upper) * (actual > upper))
    return {
        'smape': float(np.mean(2 * np.abs(actual - forecast) / (np.abs(actual) + np.abs(forecast))) * 100),
        'mase': float(np.mean(np.abs(actual - forecast)) / scale),
        'msis': float(np.mean(upper - lower + penalty) / scale),
        'coverage': float(np.mean((actual >= lower) & (actual <= upper))),
    }


def main():
    data = series()
    y = data['seasonal']
    w = data['walk']
    season0 = np.array([4.0, 2.0, -5.0, -1.0])
    golden = {
        'generator': 'tools/reference/forecast_baselines.py',
        'horizon': H,
        'period': PERIOD,
        'series': {k: v.tolist() for k, v in data.items()},
        'acf': {k: acf(v, nlags=6, fft=False).tolist() for k, v in data.items()},
        'seasonalityTest': {k: m4_seasonality_test(v, PERIOD) for k, v in data.items()},
        'seasonalIndices': seasonal_decompose(y, model='multiplicative', period=PERIOD).seasonal[:PERIOD].tolist(),
        'fixed': {
            'ses': {'params': {'alpha': 0.3}, 'initial': {'level': 50.0},
                    **fixed(y, {'smoothing_level': 0.3}, initial_level=50.0)},
            'holt': {'params': {'alpha': 0.4, 'beta': 0.2}, 'initial': {'level': 50.0, 'trend': 0.5},
                     **fixed(y, {'smoothing_level': 0.4, 'smoothing_trend': 0.2}, trend='add', initial_level=50.0, initial_trend=0.5)},
            'damped': {'params': {'alpha': 0.4, 'beta': 0.2, 'phi': 0.9}, 'initial': {'level': 50.0, 'trend': 0.5},
                       **fixed(y, {'smoothing_level': 0.4, 'smoothing_trend': 0.2, 'damping_trend': 0.9}, trend='add',
                               damped_trend=True, initial_level=50.0, initial_trend=0.5)},
            'hwAdditive': {'params': {'alpha': 0.3, 'beta': 0.1, 'gamma': 0.2}, 'initial': {'level': 50.0, 'trend': 0.8, 'season': season0.tolist()},
                           **fixed(y, {'smoothing_level': 0.3, 'smoothing_trend': 0.1, 'smoothing_seasonal': 0.2}, trend='add',
                                   seasonal='add', seasonal_periods=PERIOD, initial_level=50.0, initial_trend=0.8,
                                   initial_seasonal=season0)},
            'hwMultiplicative': {'params': {'alpha': 0.3, 'beta': 0.1, 'gamma': 0.2}, 'initial': {'level': 50.0, 'trend': 0.8, 'season': (1 + season0 / 50).tolist()},
                                 **fixed(y, {'smoothing_level': 0.3, 'smoothing_trend': 0.1, 'smoothing_seasonal': 0.2}, trend='add',
                                         seasonal='mul', seasonal_periods=PERIOD, initial_level=50.0, initial_trend=0.8,
                                         initial_seasonal=1 + season0 / 50)},
        },
    }
    # statsmodels 0.13's fit() re-estimates a 'known' initial level, so the least-squares alpha from level y0 is
    # found here by scipy's bounded Brent search over statsmodels' own SSE.
    ses_model = ExponentialSmoothing(w, initialization_method='known', initial_level=w[0])
    best = scipy.optimize.minimize_scalar(lambda a: ses_model.fit(smoothing_level=a, optimized=False).sse, bounds=(0, 1),
                                          method='bounded', options={'xatol': 1e-10})
    ses = ses_model.fit(smoothing_level=best.x, optimized=False)
    golden['sesFit'] = {'alpha': float(best.x), 'sse': float(ses.sse), 'forecast': ses.forecast(H).tolist()}
    theta = ThetaModel(w, deseasonalize=False).fit(use_mle=False)
    golden['theta'] = {'alpha': float(theta.params['alpha']), 'slope': float(theta.params['b0']), 'forecast': np.asarray(theta.forecast(H)).tolist()}

    actual = y[-H:]
    history = y[:-H]
    forecast = history[-PERIOD:][np.arange(H) % PERIOD]
    lower, upper = forecast - 4, forecast + 4
    golden['metrics'] = {'actual': actual.tolist(), 'forecast': forecast.tolist(), 'lower': lower.tolist(), 'upper': upper.tolist(),
                         'lag': PERIOD, **m4_metrics(actual, forecast, lower, upper, history, PERIOD)}
    golden['normalQuantiles'] = {str(p): float(scipy.stats.norm.ppf(p)) for p in [0.001, 0.01, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999]}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(golden, f, indent=1)
        f.write('\n')
    print('wrote', os.path.relpath(OUT))


if __name__ == '__main__':
    main()
