"""Benchmark of the optimistic-systems chapter's explorer: one update's compute path.

Run from the repository root::

    .venv/bin/python benchmarks/bench_optimistic_widget.py

It times :func:`seqlearn.widgets.optimistic.render` at the explorer's default setting
(:func:`seqlearn.optimistic.window_tradeoff` on its grid of windows, then the two-panel
figure of :func:`seqlearn.plotting.optimistic.plot_window_tradeoff`; the figure is created
but neither rasterised nor displayed) and prints the milliseconds and the ratio to the
100 ms target that every explorer's callback must meet. A second line times the model
alone; a third times the update including rasterising the figure to PNG, which is what a
reader waits for in Jupyter (reported, not held to the target: it is dominated by
matplotlib's layout and drawing, whatever the model). Times are the best of several
repeats, which tames noise from other processes sharing the machine.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from seqlearn.optimistic import window_tradeoff  # noqa: E402
from seqlearn.widgets.optimistic import DEFAULTS, render  # noqa: E402

TARGET_MS = 100.0


def _best_ms(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
        if isinstance(out, matplotlib.figure.Figure):
            plt.close(out)
    return 1000.0 * best


def time_update(repeats: int = 7) -> float:
    """Best wall time of one explorer update (model + figure) at the defaults, in ms."""
    plt.close(render(**DEFAULTS))  # warm-up: imports, font cache
    return _best_ms(lambda: render(**DEFAULTS), repeats)


def time_model(repeats: int = 50) -> float:
    """Best wall time of the model alone at the defaults, in ms."""
    return _best_ms(lambda: window_tradeoff(**DEFAULTS), repeats)


def time_rasterised(repeats: int = 5) -> float:
    """Best wall time of an update including rasterising the figure to PNG, in ms.

    This is what a reader waits for in Jupyter; it is reported, not held to the target.
    """
    import io

    def run():
        fig = render(**DEFAULTS)
        fig.savefig(io.BytesIO(), format="png")
        return fig

    return _best_ms(run, repeats)


def main() -> None:
    ms = time_update()
    print(f"optimistic explorer: {ms:.1f} ms (target {TARGET_MS:.0f} ms, ratio {ms / TARGET_MS:.2f})")
    print(f"  of which the model: {time_model():.2f} ms")
    print(f"  with rasterising to PNG (what Jupyter shows): {time_rasterised():.1f} ms")


if __name__ == "__main__":
    main()
