#!/usr/bin/env python3
"""Speed of the numpy psf reference on the clips the `mfcc` bench suite uses (first 200 FSDD recordings).

Prints one JSON line like the bench suites: {"suite": "mfcc-numpy", "realtime_factor": ...}. One thread is
asked of BLAS through the environment (the per-frame work is small either way).
Run from the repository root:  python3 tools/reference/bench_psf.py [--fsdd DIR] [--clips N]
"""
import argparse
import json
import os
import statistics
import time

os.environ.setdefault('OMP_NUM_THREADS', '1')
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')

from psf_mfcc import HERE, mfcc, read_as_float  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--fsdd', default=os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'fsdd-dev', 'recordings'))
    parser.add_argument('--clips', type=int, default=200)
    parser.add_argument('--runs', type=int, default=5)
    args = parser.parse_args()
    names = sorted(f for f in os.listdir(args.fsdd) if f.endswith('.wav'))[:args.clips]
    clips = [read_as_float(os.path.join(args.fsdd, n)) for n in names]
    seconds = sum(len(x) / sr for sr, x in clips)
    times = []
    for run in range(args.runs + 1):
        start = time.perf_counter()
        for sr, x in clips:
            mfcc(x, sr)
        if run:  # the first pass warms up
            times.append(time.perf_counter() - start)
    print(json.dumps({'suite': 'mfcc-numpy', 'realtime_factor': round(seconds / statistics.median(times)),
                      'audio_seconds': round(seconds, 2), 'clips': len(clips)}))


if __name__ == '__main__':
    main()
