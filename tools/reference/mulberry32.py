#!/usr/bin/env python3
"""Independent reference for createRng in @rnnkit/common.

mulberry32 (Tommy Ettinger's 32-bit generator) written from its definition with Python integers, and the
Box-Muller transform as @rnnkit/common documents it (u = 1 - next(), angle = 2*pi*next(), cosine first, the
sine kept for the following draw). Prints the JSON that packages/common/src/rng.spec.ts holds as golden values.

Run from the repository root:  python3 tools/reference/mulberry32.py
"""
import json
import math

M = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M


def mulberry32(seed):
    state = seed & M
    while True:
        state = (state + 0x6D2B79F5) & M
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + imul(t ^ (t >> 7), t | 61)) & M)) & M
        yield ((t ^ (t >> 14)) & M) / 2**32


def normals(seed, count):
    stream = mulberry32(seed)
    out = []
    while len(out) < count:
        u = 1 - next(stream)
        angle = 2 * math.pi * next(stream)
        radius = math.sqrt(-2 * math.log(u))
        out += [radius * math.cos(angle), radius * math.sin(angle)]
    return out[:count]


def uniforms(seed, count):
    stream = mulberry32(seed)
    return [next(stream) for _ in range(count)]


print(json.dumps({
    'uniform': {str(seed): uniforms(seed, 6) for seed in (0, 1, 42, 4294967295)},
    'normal': {str(seed): normals(seed, 5) for seed in (0, 7)},
}, indent=1))
