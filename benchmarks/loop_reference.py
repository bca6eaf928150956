"""A plain per-path Python loop implementation of the base collateral model.

This is the reference that ``bench_risk.py`` times ``seqlearn.risk.simulate_collateral``
against. It follows the base model of :mod:`seqlearn.risk` rule by rule, one path, one epoch
and one sequencer at a time, with Python's ``random`` module. It deliberately lives in
``benchmarks/`` and not in the library: a loop over paths is what the library must not do.

Its random numbers differ from the library's (another generator, drawn in another order), so
the two agree in distribution, not path by path.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class LoopResult:
    """Per-path lists and the summary statistics the library also reports."""

    final_value: list[float]
    final_price: list[float]
    min_total_value: list[float]
    total_slashed: list[float]
    mean_final_value: float
    stderr_final_value: float
    mean_slashed: float
    stderr_slashed: float
    prob_below_threshold: float


def _mean_se(xs: list[float]) -> tuple[float, float]:
    n = len(xs)
    m = math.fsum(xs) / n
    var = math.fsum((x - m) ** 2 for x in xs) / (n - 1)
    return m, math.sqrt(var / n)


def simulate_loop(*, n_paths: int, n_epochs: int, n_sequencers: int, stake: float,
                  price: float, mu: float, sigma: float, p_fault: float,
                  slash_fraction: float, jump: float, reward: float, seed: int,
                  threshold: float | None = None) -> LoopResult:
    """Simulate the base model path by path (same rules as ``simulate_collateral``)."""
    rng = random.Random(seed)
    k = n_sequencers
    v0 = k * stake * price
    thr = 0.5 * v0 if threshold is None else threshold
    drift = mu - 0.5 * sigma * sigma
    final_value, final_price, min_value, slashed_all = [], [], [], []
    for _ in range(n_paths):
        stakes = [float(stake)] * k
        p = float(price)
        vmin = v0
        slashed = 0.0
        for _ in range(n_epochs):
            n_faults = 0
            for i in range(k):
                if rng.random() < p_fault:  # fault: slash
                    cut = stakes[i] * slash_fraction
                    stakes[i] -= cut
                    slashed += cut
                    n_faults += 1
                else:  # no fault: reward
                    stakes[i] += reward
            p *= math.exp(drift + sigma * rng.gauss(0.0, 1.0))
            p *= (1.0 - jump) ** n_faults
            v = p * sum(stakes)
            if v < vmin:
                vmin = v
        final_value.append(p * sum(stakes))
        final_price.append(p)
        min_value.append(vmin)
        slashed_all.append(slashed)
    m_v, se_v = _mean_se(final_value)
    m_s, se_s = _mean_se(slashed_all)
    return LoopResult(
        final_value=final_value,
        final_price=final_price,
        min_total_value=min_value,
        total_slashed=slashed_all,
        mean_final_value=m_v,
        stderr_final_value=se_v,
        mean_slashed=m_s,
        stderr_slashed=se_s,
        prob_below_threshold=sum(v < thr for v in min_value) / n_paths,
    )
