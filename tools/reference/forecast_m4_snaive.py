#!/usr/bin/python3
"""Seasonal naive on the last horizon of each M4 training series, in numpy only (independent of @rnnkit/forecast).

Holds out the last h values of each series of an M4 training file, forecasts them by repeating the last season
of what remains, and prints the mean sMAPE and MASE as the M4 competition defines them (MASE scaled by the
in-sample seasonal naive error at lag m). `forecast backtest --methods snaive` must print the same figures.

Run from the repository root:
  /usr/bin/python3 tools/reference/forecast_m4_snaive.py ../shared/data/m4/Hourly-train.csv 48 24
  /usr/bin/python3 tools/reference/forecast_m4_snaive.py ../shared/data/m4/Weekly-train.csv 13 1
"""
import csv
import sys

import numpy as np


def main(path, h, m):
    smapes, mases = [], []
    with open(path, newline='') as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            y = np.array([float(v) for v in row[1:] if v != ''])
            history, actual = y[:-h], y[-h:]
            forecast = history[-m:][np.arange(h) % m]
            smapes.append(np.mean(200 * np.abs(actual - forecast) / (np.abs(actual) + np.abs(forecast))))
            mases.append(np.mean(np.abs(actual - forecast)) / np.mean(np.abs(history[m:] - history[:-m])))
    print(f'{len(smapes)} series: sMAPE {np.mean(smapes):.3f}  MASE {np.mean(mases):.4f}')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
