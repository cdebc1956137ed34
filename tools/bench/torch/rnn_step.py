#!/usr/bin/env python3
"""PyTorch side of the `lstm` and `gru` benchmark suites: one training step of the DESIGN.md config.

One-hot inputs [batch, seq, vocab] -> LSTM/GRU (batch_first) -> Linear(units, vocab) -> softmax cross-entropy
on every step -> Adam. Pinned to --threads threads (default 1). Prints one JSON line: {"torch_ms": median wall
time, "torch_cpu_ms": median CPU time of the process, "threads": ..., "torch_version": ..., "blas": ...}. CPU time
is the steadier figure on a machine shared with other jobs (with 2 threads it counts both).
Run with Debian's python3-torch: /usr/bin/python3 tools/bench/torch/rnn_step.py --cell lstm [--threads 2]
"""
import argparse
import json
import os
import statistics
import time


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cell", choices=["lstm", "gru"], default="lstm")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seq", type=int, default=64)
    p.add_argument("--vocab", type=int, default=96)
    p.add_argument("--units", type=int, default=256)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--runs", type=int, default=7)
    a = p.parse_args()
    if a.threads < 1:
        p.error("--threads must be at least 1")
    return a


ARGS = parse_args()
# The BLAS pools read these when torch loads, and torch.set_num_threads does not reach OpenBLAS's own pool.
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)
os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)
import torch  # noqa: E402


def blas_library() -> str:
    """Which libblas the process loaded: Debian's torch uses the system BLAS (reference BLAS is ~10x slower)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line}
    if any("openblas" in p for p in paths):
        return "openblas"
    if any("blis" in p for p in paths):
        return "blis"
    return "reference" if paths else "unknown"


def main() -> None:
    a = ARGS
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    rnn_type = torch.nn.LSTM if a.cell == "lstm" else torch.nn.GRU
    rnn = rnn_type(a.vocab, a.units, batch_first=True)
    dense = torch.nn.Linear(a.units, a.vocab)
    params = list(rnn.parameters()) + list(dense.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    ids = torch.randint(0, a.vocab, (a.batch, a.seq + 1))
    x = torch.nn.functional.one_hot(ids[:, :-1], a.vocab).float()
    y = ids[:, 1:].reshape(-1)

    def step() -> None:
        opt.zero_grad()
        out, _ = rnn(x)
        loss = loss_fn(dense(out.reshape(-1, a.units)), y)
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    times, cpu_times = [], []
    for _ in range(a.runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        step()
        times.append((time.perf_counter() - start) * 1000)
        cpu_times.append((time.process_time() - cpu_start) * 1000)
    print(json.dumps({
        "torch_ms": round(statistics.median(times), 2),
        "torch_cpu_ms": round(statistics.median(cpu_times), 2),
        "threads": torch.get_num_threads(),
        "torch_version": torch.__version__,
        "blas": blas_library(),
    }))


if __name__ == "__main__":
    main()
