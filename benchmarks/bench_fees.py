"""Benchmark of seqlearn.fees: a year of the blob fee market, exact to the wei.

Run from the repository root::

    .venv/bin/python benchmarks/bench_fees.py

It prints, measured in this run (CPU time, best of a few repeats):

1. ``simulate_blob_market`` over a year of blocks (2,628,000 twelve-second slots) for
   Prague and Osaka, against the 2 s target;
2. the same rule written as a plain Python loop over blocks (the EIP pseudo-code per
   block: ``fake_exponential`` for the fee, then ``calc_excess_blob_gas``) on a shorter
   run, the ratio per block, and a check that both give the same blobs, excess and fee
   in every block;
3. ``excess_path`` (blob counts given) over a year, whose pre-Osaka recursion is solved
   with cumulative sums, against the plain loop.

The method: the recursion is sequential, so the loop over blocks stays, but it does only
integer steps and one float exponential (the rollups' demand reads the price as
exp(excess / F)). EIP-7918's test, with a constant execution base fee, holds exactly
below one excess value, found once by bisection on the exact fee, since the fee never
falls as the excess grows. The exact fees are computed after the loop, once per distinct
excess value, vectorised in int64 where every product provably fits and with Python
integers above. No rounding changes: every fee is ``fake_exponential`` of the EIP. Under
Prague's rules a year of the default demand visits a few hundred excess values; under
BPO2, where the reserve price binds now and then, several hundred thousand.
"""

from __future__ import annotations

import math
import time
from typing import Callable

import numpy as np

from seqlearn import fees

YEAR = 2_628_000
SHORT = 100_000
TARGET_S = 2.0


def best_cpu(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t0)
    return best, out


def plain_loop(n: int, fork: str, demand: fees.BlobDemand, base_fee: int,
               seed: int) -> tuple[list[int], list[int], list[int]]:
    """The market of ``simulate_blob_market`` written block by block from the EIPs."""
    s = fees.blob_schedule(fork)
    rng = np.random.default_rng(seed)
    level, noise = fees._levels(demand, n, rng)  # the same random numbers
    excess, blobs, fee = [], [], []
    e = 0
    for t in range(n):
        f = fees.fake_exponential(1, e, s.update_fraction)
        # the rollups read the price as exp(excess / F), as in simulate_blob_market
        price = math.exp(e / s.update_fraction)
        k = min(s.max, int(level[t] * demand.reference_fee ** demand.elasticity
                           * price ** -demand.elasticity + noise[t]))
        excess.append(e)
        blobs.append(k)
        fee.append(f)
        e = fees.next_excess_blob_gas(e, k * 2**17, fork=fork,
                                      base_fee_per_gas=base_fee)
    return excess, blobs, fee


def main(repeats: int = 3) -> None:
    demand = fees.BlobDemand()
    for fork in ("prague", "bpo2"):
        t_year, path = best_cpu(lambda: fees.simulate_blob_market(
            YEAR, fork=fork, demand=demand, base_fee_per_gas=10**9, seed=1), repeats)
        print(f"simulate_blob_market, {fork}: a year ({YEAR:,} blocks) in {t_year:.2f} s "
              f"CPU (target {TARGET_S:.0f} s, ratio {t_year / TARGET_S:.2f}); "
              f"{np.unique(path.excess).size} distinct excess values")
        t_fast, fast = best_cpu(lambda: fees.simulate_blob_market(
            SHORT, fork=fork, demand=demand, base_fee_per_gas=10**9, seed=2), repeats)
        t_loop, (ex, bl, fe) = best_cpu(
            lambda: plain_loop(SHORT, fork, demand, 10**9, 2), 1)
        same = (fast.excess.tolist() == ex and fast.blobs.tolist() == bl
                and fast.fee.tolist() == fe)
        print(f"  plain python loop, {SHORT:,} blocks: {t_loop:.2f} s CPU; fast path "
              f"{t_fast:.3f} s; {t_loop / t_fast:.0f}x faster; identical blobs, "
              f"excess and fee in every block: {'yes' if same else 'NO'}")
        print(f"  a year by the plain loop would take about {t_loop * YEAR / SHORT:.0f} s")
    rng = np.random.default_rng(3)
    blobs = rng.integers(0, 10, YEAR)
    t_path, p = best_cpu(lambda: fees.excess_path(blobs, fork="prague"), repeats)
    t_loop, (ex, _, _) = best_cpu(lambda: _plain_path(blobs[:SHORT]), 1)
    same = p.excess[:SHORT].tolist() == ex
    print(f"excess_path, prague, a year of given blob counts: {t_path:.2f} s CPU; plain "
          f"loop {t_loop * YEAR / SHORT:.1f} s (extrapolated from {SHORT:,} blocks), "
          f"{t_loop * YEAR / SHORT / t_path:.0f}x; identical excess: "
          f"{'yes' if same else 'NO'}")


def _plain_path(blobs: np.ndarray) -> tuple[list[int], None, None]:
    excess, e = [], 0
    for k in blobs.tolist():
        excess.append(e)
        fees.fake_exponential(1, e, 5007716)
        e = fees.next_excess_blob_gas(e, k * 2**17, fork="prague")
    return excess, None, None


if __name__ == "__main__":
    main()
