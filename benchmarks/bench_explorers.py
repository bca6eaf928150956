"""Benchmark of every chapter's live explorer: one update at its default setting.

Run from the repository root::

    .venv/bin/python benchmarks/bench_explorers.py

Each explorer's callback calls a model and a plot function; ``render(**DEFAULTS)`` in its
``seqlearn.widgets.<topic>`` module is exactly that path. For each explorer it prints the
best-of-several time of the update (model plus creating the figure) and its ratio to the
100 ms target, and, for information, the time including rasterising the figure to PNG,
which is what a reader waits for in Jupyter and is dominated by matplotlib.
"""

from __future__ import annotations

import importlib
import io
import time
from typing import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

TARGET_MS = 100.0
EXPLORERS = ("rollup", "staking", "slashing", "fraudproof", "optimistic", "risk",
             "stability", "derivatives", "fees", "economics", "decentralization",
             "shared")


def best_ms(fn: Callable[[], object], repeats: int) -> float:
    """Best wall time of ``fn()`` over ``repeats`` calls after one warm-up, in ms."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return 1000.0 * best


def main(repeats: int = 7) -> None:
    for topic in EXPLORERS:
        module = importlib.import_module(f"seqlearn.widgets.{topic}")

        def update() -> None:
            plt.close(module.render(**module.DEFAULTS))

        def update_png() -> None:
            fig = module.render(**module.DEFAULTS)
            fig.savefig(io.BytesIO(), format="png")
            plt.close(fig)

        ms = best_ms(update, repeats)
        png = best_ms(update_png, max(2, repeats // 2))
        print(f"{topic} explorer: {ms:.1f} ms (target {TARGET_MS:.0f} ms, ratio "
              f"{ms / TARGET_MS:.2f}); with the PNG rasterised: {png:.0f} ms")


if __name__ == "__main__":
    main()
