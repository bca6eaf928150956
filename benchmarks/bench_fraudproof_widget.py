"""Benchmark of the optimistic-proofs chapter's explorer: one update's compute path.

Run from the repository root::

    .venv/bin/python benchmarks/bench_fraudproof_widget.py

It times :func:`seqlearn.widgets.fraudproof.render` at the explorer's default setting
(a bisection game over a 2^20-step trace plus building the narrowing-interval figure;
neither rasterising nor displaying it) and prints the milliseconds and the ratio to the
100 ms target that every explorer's callback must meet. The time is the best of several
repeats, which tames noise from other processes sharing the machine.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from seqlearn.widgets.fraudproof import DEFAULTS, render  # noqa: E402

TARGET_MS = 100.0


def time_update(repeats: int = 7) -> float:
    """Best wall time of one explorer update at the default setting, in milliseconds."""
    plt.close(render(**DEFAULTS))  # warm-up: imports, font cache
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fig = render(**DEFAULTS)
        best = min(best, time.perf_counter() - t0)
        plt.close(fig)
    return 1000.0 * best


def main(repeats: int = 7) -> None:
    ms = time_update(repeats)
    print(f"fraudproof explorer: {ms:.1f} ms (target {TARGET_MS:.0f} ms, ratio {ms / TARGET_MS:.2f})")


if __name__ == "__main__":
    main()
