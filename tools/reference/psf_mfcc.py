#!/usr/bin/env python3
"""Independent reference for the `psf` MFCC flavour of @rnnkit/audio-features.

Written from the definition in packages/audio-features/README.md with numpy and scipy only (Debian's
python3-numpy and python3-scipy), sharing no code with the TypeScript implementation. It writes:

  golden/synthetic/*.wav   small 16-bit signals built here from fixed seeds (16 kHz, plus one at 8 kHz)
  golden/synthetic.json    MFCC, log-mel energies, deltas and delta-deltas of those signals
  golden/fsdd.json         MFCC of three Free Spoken Digit Dataset recordings (CC BY-SA 4.0), with the
                           files' SHA-256, when ../shared/data exists; the recordings themselves are not committed

Run from the repository root:  python3 tools/reference/psf_mfcc.py [--fsdd DIR]
"""
import argparse
import hashlib
import json
import os
from decimal import Decimal, ROUND_HALF_UP

import numpy as np
import scipy.fft
import scipy.io.wavfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, 'golden')
EPS = np.finfo(np.float64).eps


def round_half_up(x):
    return int(Decimal(x).quantize(Decimal('1'), rounding=ROUND_HALF_UP))


def hz_to_mel(hz):
    return 2595.0 * np.log10(1.0 + np.asarray(hz, dtype=np.float64) / 700.0)


def mel_to_hz(mel):
    return 700.0 * (10.0 ** (np.asarray(mel, dtype=np.float64) / 2595.0) - 1.0)


def mel_filters(num_filters, nfft, sr, low_hz=0.0, high_hz=None):
    """Triangles between edges floor((nfft+1)*f/sr), f evenly spaced in mel from low_hz to high_hz (Nyquist)."""
    high_hz = sr / 2.0 if high_hz is None else high_hz
    mels = np.linspace(hz_to_mel(low_hz), hz_to_mel(high_hz), num_filters + 2)
    edges = np.floor((nfft + 1) * mel_to_hz(mels) / sr).astype(int)
    bins = np.arange(nfft // 2 + 1)
    bank = np.zeros((num_filters, nfft // 2 + 1))
    for j in range(num_filters):
        lo, mid, hi = edges[j], edges[j + 1], edges[j + 2]
        rising = (bins >= lo) & (bins < mid)
        falling = (bins >= mid) & (bins < hi)
        if mid > lo:
            bank[j, rising] = (bins[rising] - lo) / (mid - lo)
        if hi > mid:
            bank[j, falling] = (hi - bins[falling]) / (hi - mid)
    return bank


def framed(signal, sr, win_ms, hop_ms):
    """Frames of round_half_up(win) samples every round_half_up(hop), zero-padded at the end."""
    win = round_half_up(win_ms / 1000 * sr)
    hop = round_half_up(hop_ms / 1000 * sr)
    n = len(signal)
    count = 1 if n <= win else 1 + int(np.ceil((n - win) / hop))
    padded = np.concatenate([signal, np.zeros((count - 1) * hop + win - n)])
    starts = np.arange(count)[:, None] * hop
    return padded[starts + np.arange(win)[None, :]]


def power_and_energy(signal, sr, nfft, win_ms, hop_ms, preemph=0.97):
    emphasised = np.concatenate([signal[:1], signal[1:] - preemph * signal[:-1]])
    frames = framed(emphasised, sr, win_ms, hop_ms)
    power = np.abs(np.fft.rfft(frames, n=nfft, axis=1)) ** 2 / nfft
    return power


def mel_energies(power, sr, nfft, num_filters, low_hz=0.0, high_hz=None):
    energies = power @ mel_filters(num_filters, nfft, sr, low_hz, high_hz).T
    return np.where(energies == 0, EPS, energies)


def mfcc(signal, sr, num_ceps=13, num_filters=26, nfft=512, win_ms=25, hop_ms=10, lifter=22, low_hz=0.0,
         high_hz=None):
    power = power_and_energy(signal, sr, nfft, win_ms, hop_ms)
    log_mel = np.log(mel_energies(power, sr, nfft, num_filters, low_hz, high_hz))
    ceps = scipy.fft.dct(log_mel, type=2, axis=1, norm='ortho')[:, :num_ceps]
    if lifter > 0:
        ceps = ceps * (1 + (lifter / 2.0) * np.sin(np.pi * np.arange(num_ceps) / lifter))
    frame_energy = power.sum(axis=1)
    ceps[:, 0] = np.log(np.where(frame_energy == 0, EPS, frame_energy))
    return ceps


def log_mel(signal, sr, num_filters=26, nfft=512, win_ms=25, hop_ms=10, low_hz=0.0, high_hz=None):
    power = power_and_energy(signal, sr, nfft, win_ms, hop_ms)
    return np.log(mel_energies(power, sr, nfft, num_filters, low_hz, high_hz))


def deltas(features, window=2):
    """Regression over +-window frames, edges repeated: sum n*(c[t+n]-c[t-n]) / (2*sum n^2)."""
    padded = np.pad(features, ((window, window), (0, 0)), mode='edge')
    t = len(features)
    out = np.zeros_like(features)
    for n in range(1, window + 1):
        out += n * (padded[window + n:window + n + t] - padded[window - n:window - n + t])
    return out / (2 * sum(n * n for n in range(1, window + 1)))


def synthetic_signals():
    """Deterministic test signals; written to 16-bit WAV so both sides read identical samples."""
    rng = np.random.default_rng(20240611)
    out = {}
    sr = 16000
    t = np.arange(int(0.8 * sr)) / sr
    chirp = np.sin(2 * np.pi * (100 * t + (7000 - 100) / (2 * 0.8) * t * t))
    out['tones-16k'] = (sr, 0.5 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1250 * t)
                        + 0.05 * np.sin(2 * np.pi * 3100 * t) + 0.2 * chirp)
    envelope = np.hanning(int(0.5 * sr))
    out['noise-16k'] = (sr, np.clip(0.2 * envelope * rng.standard_normal(int(0.5 * sr)), -1, 1))
    t3 = np.arange(int(0.3 * sr)) / sr
    out['dc-clipped-16k'] = (sr, np.clip(0.3 + 0.95 * np.sin(2 * np.pi * 300 * t3), -1, 1))
    out['silence-16k'] = (sr, np.zeros(int(0.2 * sr)))
    out['short-16k'] = (sr, 0.3 * rng.standard_normal(150).clip(-3, 3) / 3)
    sr8 = 8000
    t8 = np.arange(int(0.6 * sr8)) / sr8
    vowel = sum(np.sin(2 * np.pi * 120 * k * t8) / k for k in range(1, 30))
    out['buzz-8k'] = (sr8, 0.25 * vowel / np.max(np.abs(vowel)) * np.minimum(1, t8 * 20)
                      + 0.01 * rng.standard_normal(len(t8)))
    return out


def to_int16(x):
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)


def read_as_float(path):
    sr, data = scipy.io.wavfile.read(path)
    if data.dtype != np.int16 or data.ndim != 1:
        raise SystemExit(f'{path}: expected mono 16-bit PCM')
    return sr, data.astype(np.float64) / 32768.0


def rows(matrix):
    return [[float(f'{v:.8g}') for v in row] for row in np.asarray(matrix)]


def synthetic_golden():
    wav_dir = os.path.join(GOLDEN, 'synthetic')
    os.makedirs(wav_dir, exist_ok=True)
    cases = []
    for name, (sr, signal) in synthetic_signals().items():
        path = os.path.join(wav_dir, f'{name}.wav')
        scipy.io.wavfile.write(path, sr, to_int16(signal))
        sr, x = read_as_float(path)
        ceps = mfcc(x, sr)
        cases.append({
            'name': name, 'wav': f'synthetic/{name}.wav', 'sampleRate': sr, 'options': {},
            'mfcc': rows(ceps), 'logMel': rows(log_mel(x, sr)),
            'delta': rows(deltas(ceps)), 'deltaDelta': rows(deltas(deltas(ceps))),
        })
    sr, x = read_as_float(os.path.join(wav_dir, 'tones-16k.wav'))
    custom = {'numCeps': 20, 'numFilters': 40, 'nfft': 1024, 'winMs': 32, 'hopMs': 16, 'lifter': 0}
    cases.append({'name': 'tones-16k-custom', 'wav': 'synthetic/tones-16k.wav', 'sampleRate': sr,
                  'options': custom, 'mfcc': rows(mfcc(x, sr, 20, 40, 1024, 32, 16, 0)),
                  'logMel': rows(log_mel(x, sr, 40, 1024, 32, 16))})
    band = {'lowHz': 300, 'highHz': 3400}
    cases.append({'name': 'tones-16k-band', 'wav': 'synthetic/tones-16k.wav', 'sampleRate': sr, 'options': band,
                  'mfcc': rows(mfcc(x, sr, low_hz=300, high_hz=3400)),
                  'logMel': rows(log_mel(x, sr, low_hz=300, high_hz=3400))})
    return cases


FSDD_FILES = ['0_jackson_0.wav', '4_nicolas_17.wav', '7_george_31.wav', '9_lucas_44.wav']


def fsdd_golden(directory):
    cases = []
    for name in FSDD_FILES:
        path = os.path.join(directory, name)
        with open(path, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        sr, x = read_as_float(path)
        ceps = mfcc(x, sr)
        cases.append({'file': name, 'sha256': digest, 'sampleRate': sr, 'mfcc': rows(ceps),
                      'delta': rows(deltas(ceps))})
    return cases


def write_json(name, payload):
    path = os.path.join(GOLDEN, name)
    with open(path + '.tmp', 'w') as f:
        json.dump(payload, f, separators=(',', ':'))
        f.write('\n')
    os.replace(path + '.tmp', path)
    print(f'wrote {os.path.relpath(path)}')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_fsdd = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'fsdd-dev', 'recordings')
    parser.add_argument('--fsdd', default=default_fsdd, help='folder of FSDD recordings')
    args = parser.parse_args()
    note = 'produced by tools/reference/psf_mfcc.py (numpy %s, scipy %s)' % (np.__version__, scipy.__version__)
    write_json('synthetic.json', {'generator': note, 'cases': synthetic_golden()})
    if os.path.isdir(args.fsdd):
        write_json('fsdd.json', {'generator': note, 'source': 'Free Spoken Digit Dataset, CC BY-SA 4.0',
                                 'cases': fsdd_golden(args.fsdd)})
    else:
        print(f'no FSDD folder at {args.fsdd}; fsdd.json left as it is')


if __name__ == '__main__':
    main()
