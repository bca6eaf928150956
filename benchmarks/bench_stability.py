"""Benchmark of the stability explorer over its slider range, and of the failover simulation.

Run from the repository root::

    .venv/bin/python benchmarks/bench_stability.py

``bench_explorers.py`` times every explorer at its default setting; this script times the
failover explorer's update at the corners of its sliders (most replicas, most failures,
longest repairs), where the Monte Carlo panel does the most work, and prints the ratio to
the 100 ms target. It also prints the vectorised failover simulation's time for 100,000
simulated years.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from seqlearn import stability  # noqa: E402
from seqlearn.widgets import stability as sw  # noqa: E402

TARGET_MS = 100.0
CORNERS = {
    "default": {},
    "9 replicas, 10 failures/yr, 1000-min repair": dict(
        n_replicas=9, failure_rate=10.0, repair_minutes=1000.0),
    "1 replica, 10 failures/yr, 5 common events/yr": dict(
        n_replicas=1, failure_rate=10.0, common_rate=5.0),
}


def best_ms(fn, repeats: int) -> float:
    """Best wall time of ``fn()`` over ``repeats`` calls after one warm-up, in ms."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return 1000.0 * best


def main(repeats: int = 5) -> None:
    for label, change in CORNERS.items():
        kw = dict(sw.DEFAULTS, **change)
        ms = best_ms(lambda: plt.close(sw.render(**kw)), repeats)
        print(f"stability explorer, {label}: {ms:.1f} ms (target {TARGET_MS:.0f} ms, "
              f"ratio {ms / TARGET_MS:.2f})")
    c = sw.cluster(**sw.DEFAULTS)
    ms = best_ms(lambda: stability.simulate_cluster(c, n_paths=100_000, seed=0), 2)
    print(f"failover Monte Carlo, 3 replicas, 100,000 simulated years: {ms:.0f} ms")


if __name__ == "__main__":
    main()
