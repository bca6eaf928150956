"""Benchmark of seqlearn.decentralization: the committee Monte Carlo against a plain loop.

Run from the repository root::

    .venv/bin/python benchmarks/bench_decentralization.py

``simulate_committee_halts`` simulates a year of daily epochs for many paths of a BFT
committee whose members go offline independently, with a common shock that takes a group
of them down together. The plain loop below simulates the same model path by path, epoch by
epoch and member by member with Python's ``random`` module. The library draws the number of
offline members of each group from its binomial distribution at once (the distribution of
the sum of the members' draws), vectorised over paths and epochs. Both halt frequencies are
printed with their standard errors to show that they simulate the same model; the ratio is
measured in this run (target: at least 50 times faster). It lives here, not in the library:
a loop over paths is what the library must not do.

A second line times the lottery schedule with its turn counts and longest runs against a
slot-by-slot loop. There both versions draw every slot, so the ratio is numpy's
per-element speed-up alone (about 10 to 20 times); it is printed for comparison.
"""

from __future__ import annotations

import math
import random
import time

import bisect

from seqlearn.decentralization import (committee_halt_probability_with_shock,
                                       leader_schedule, longest_streak,
                                       simulate_committee_halts, turn_counts)

SETTING = dict(n=100, p_offline=0.2, shock_probability=0.02, shock_members=20)


def simulate_loop(n: int, p_offline: float, shock_probability: float, shock_members: int,
                  n_epochs: int, n_paths: int, seed: int = 0) -> list[list[bool]]:
    """The same committee model, one path, epoch and member at a time."""
    rng = random.Random(seed)
    quorum = (2 * n) // 3 + 1
    out = []
    for _ in range(n_paths):
        path = []
        for _ in range(n_epochs):
            shock = rng.random() < shock_probability
            online = 0
            for member in range(n):
                if member < shock_members and shock:
                    continue
                if rng.random() >= p_offline:
                    online += 1
            path.append(online < quorum)
        out.append(path)
    return out


STAKES = [5.0, 3.0, 1.0, 1.0]


def schedule_loop(n_slots: int, n_paths: int, seed: int = 0):
    """Lottery schedule statistics (turns, longest run) slot by slot, path by path."""
    rng = random.Random(seed)
    total = sum(STAKES)
    cum, acc = [], 0.0
    for s in STAKES:
        acc += s / total
        cum.append(acc)
    counts, longest = [], []
    for _ in range(n_paths):
        cnt, best, run, prev = [0] * len(STAKES), 0, 0, -1
        for _ in range(n_slots):
            i = min(bisect.bisect_right(cum, rng.random()), len(STAKES) - 1)
            cnt[i] += 1
            run = run + 1 if i == prev else 1
            best, prev = max(best, run), i
        counts.append(cnt)
        longest.append(best)
    return counts, longest


def _best(fn, repeats: int) -> float:
    best = math.inf
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(repeats: int = 3) -> None:
    n_epochs = 365
    loop_paths, lib_paths = 20, 20_000
    t_loop = _best(lambda: simulate_loop(**SETTING, n_epochs=n_epochs, n_paths=loop_paths),
                   1) / loop_paths
    t_lib = _best(lambda: simulate_committee_halts(**SETTING, n_epochs=n_epochs,
                                                   n_paths=lib_paths, seed=1),
                  repeats) / lib_paths
    loop = simulate_loop(**SETTING, n_epochs=n_epochs, n_paths=200)
    flat = [x for path in loop for x in path]
    m_loop = sum(flat) / len(flat)
    se_loop = math.sqrt(m_loop * (1 - m_loop) / len(flat))
    lib = simulate_committee_halts(**SETTING, n_epochs=n_epochs, n_paths=lib_paths, seed=1)
    m_lib = float(lib.mean())
    se_lib = math.sqrt(m_lib * (1 - m_lib) / lib.size)
    exact = committee_halt_probability_with_shock(**SETTING)
    print(f"committee Monte Carlo ({SETTING['n']} members, {n_epochs} epochs): "
          f"{1e6 * t_lib:.1f} us per path vs plain loop {1e6 * t_loop:.0f} us per path, "
          f"ratio {t_loop / t_lib:.0f}x (target >= 50x)")
    print(f"halt frequency: library {m_lib:.5f} +- {se_lib:.5f}, loop {m_loop:.5f} +- "
          f"{se_loop:.5f}, exact {exact:.5f}")

    # For comparison: the lottery schedule with turn counts and longest runs. Here every
    # slot is drawn in both versions, so the ratio is numpy's per-element speed-up only.
    n_slots = 1000
    t_sloop = _best(lambda: schedule_loop(n_slots, 200), 1) / 200
    t_slib = _best(lambda: [f(s) for s in [leader_schedule(STAKES, n_slots, n_paths=5000,
                                                           seed=2)]
                            for f in (lambda x: turn_counts(x, len(STAKES)),
                                      longest_streak)], repeats) / 5000
    print(f"lottery schedule + turns + longest run ({n_slots} slots): {1e6 * t_slib:.0f} us "
          f"per path vs plain loop {1e6 * t_sloop:.0f} us per path, ratio "
          f"{t_sloop / t_slib:.0f}x (every slot drawn in both: no 50x target)")


if __name__ == "__main__":
    main()
