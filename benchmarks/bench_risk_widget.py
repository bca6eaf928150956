"""Benchmark of the collateral-risk chapter's explorer: one update's compute path.

Run from the repository root::

    .venv/bin/python benchmarks/bench_risk_widget.py

It times :func:`seqlearn.widgets.risk.render` at the explorer's default setting: the
collateral report of :func:`seqlearn.collateral.collateral_report` (4,000 Monte Carlo paths,
four risk settings on common random numbers, frontiers at 16 security levels) and the
two-panel figure of :func:`seqlearn.plotting.risk.plot_frontier`, created but neither
rasterised nor displayed. It prints the milliseconds and the ratio to the 100 ms target
that every explorer's callback must meet. Two more lines report the model alone and the
update including rasterising the figure to PNG (what a reader waits for in Jupyter;
reported, not held to the target). Times are the best of several repeats, which tames
noise from other processes sharing the machine.
"""

from __future__ import annotations

import io
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from seqlearn.collateral import CollateralModel, Market, collateral_report  # noqa: E402
from seqlearn.widgets.risk import (  # noqa: E402
    ALPHAS, DEFAULTS, IMPACT, LOSS, N_PATHS, PRICE, SEED, render)

TARGET_MS = 100.0


def _best(fn, repeats: int) -> float:
    fn()  # warm-up: imports, font cache
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return 1000.0 * best


def _model_only() -> None:
    d = DEFAULTS
    model = CollateralModel(loss=LOSS, price=PRICE, volatility=d["volatility"],
                            fault_rate=d["fault_rate"], jump=d["jump"],
                            market=Market(daily_volume=d["daily_volume"], impact=IMPACT))
    collateral_report(model, alpha=d["alpha"], alphas=ALPHAS, n_paths=N_PATHS, seed=SEED)


def _update() -> None:
    plt.close(render(**DEFAULTS))


def _update_png() -> None:
    fig = render(**DEFAULTS)
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def main(repeats: int = 7) -> None:
    ms = _best(_update, repeats)
    print(f"risk explorer: {ms:.1f} ms (target {TARGET_MS:.0f} ms, ratio {ms / TARGET_MS:.2f})")
    print(f"  model alone ({N_PATHS} paths): {_best(_model_only, repeats):.1f} ms")
    print(f"  update with the figure rasterised to PNG: {_best(_update_png, repeats):.1f} ms")


if __name__ == "__main__":
    main()
