"""Benchmark of seqlearn.risk: speed against a Python loop and against its own random draws.

Run from the repository root::

    .venv/bin/python benchmarks/bench_risk.py          # about half a minute
    .venv/bin/python benchmarks/bench_risk.py --full   # adds the 1e6 x 365 x 5 run

It prints ratios measured in this run on this machine (not absolute targets that fail on a
slow machine):

1. the engine against ``loop_reference.simulate_loop``, a plain per-path Python loop of the
   same base model, per path (target: at least 50 times faster), with both means and their
   standard errors to show that they simulate the same model;
2. the engine against merely drawing the random numbers it needs (the same uniforms and
   normals, from the same generators, in the same chunks) (target: at most 2 times);
3. with ``--full``, wall time and peak resident memory (``VmHWM``, measured in a fresh
   subprocess) of a million paths x 365 epochs x 5 sequencers.

Timings are CPU times of the benchmarking process (``time.process_time``), best of a few
repeats, which tames noise from other processes sharing the machine; the million-path run
reports wall time too.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loop_reference import simulate_loop  # noqa: E402

from seqlearn.risk import BIT_GENERATOR, DEFAULT_CHUNK_SIZE, simulate_collateral  # noqa: E402

# A year of daily epochs, five sequencers, 60% annual volatility.
MODEL = dict(
    n_epochs=365,
    n_sequencers=5,
    stake=100_000.0,
    price=2.0,
    mu=0.0,
    sigma=0.6 / math.sqrt(365),
    p_fault=0.002,
    slash_fraction=0.1,
    jump=0.02,
    reward=5.0,
)


def draw_only(n_paths: int, n_epochs: int, n_sequencers: int, p_fault: float, seed: int,
              chunk_size: int = DEFAULT_CHUNK_SIZE) -> float:
    """Draw exactly the random numbers the base model uses, the way the engine does.

    Same ``SeedSequence`` spawning, same chunks, same bit generator
    (``seqlearn.risk.BIT_GENERATOR``), same calls and ``out=`` buffers: per epoch one
    uniform and one normal per path, plus ``K`` uniforms for each path that has a fault this
    epoch (found by the one comparison that decides how many such draws the engine makes).
    Nothing else. Returns a checksum so nothing is skipped.
    """
    p_some = -math.expm1(n_sequencers * math.log1p(-p_fault))
    children = np.random.SeedSequence(seed).spawn(math.ceil(n_paths / chunk_size))
    check = 0.0
    for c, child in enumerate(children):
        n = min(chunk_size, n_paths - c * chunk_size)
        rng = np.random.Generator(BIT_GENERATOR(child))
        u = np.empty(n)
        z = np.empty(n)
        for _ in range(n_epochs):
            rng.random(out=u)
            rng.standard_normal(out=z)
            m = int(np.count_nonzero(u < p_some))
            if m:
                rng.random((m, n_sequencers))
        check += float(z[0])
    return check


def best_of(fn, repeats: int) -> float:
    """Best CPU time (``time.process_time``) of ``repeats`` calls, in seconds.

    CPU time of this process, not wall time, so that other processes sharing the cores
    (this machine runs several jobs at once) do not distort the ratios.
    """
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def bench_loop(loop_paths: int, engine_paths: int, repeats: int) -> bool:
    res = {}

    def run_loop() -> None:
        res["loop"] = simulate_loop(n_paths=loop_paths, seed=1, **MODEL)

    t_loop = best_of(run_loop, 1)
    loop = res["loop"]

    def run() -> None:
        res["r"] = simulate_collateral(n_paths=engine_paths, seed=2, **MODEL)

    t_engine = best_of(run, repeats)
    r = res["r"]
    per_loop = t_loop / loop_paths
    per_engine = t_engine / engine_paths
    ratio = per_loop / per_engine
    se_sl = float(r.total_slashed.std(ddof=1) / math.sqrt(r.n_paths))
    z_v = ((loop.mean_final_value - r.mean_final_value)
           / math.hypot(loop.stderr_final_value, r.stderr_final_value))
    z_s = (loop.mean_slashed - r.mean_slashed) / math.hypot(loop.stderr_slashed, se_sl)
    agree = abs(z_v) < 4 and abs(z_s) < 4
    print(f"python loop: {loop_paths:,} paths in {t_loop:.2f} s CPU "
          f"({per_loop * 1e3:.3f} ms/path); engine: {engine_paths:,} paths in "
          f"{t_engine:.2f} s CPU ({per_engine * 1e6:.2f} us/path)")
    print(f"  mean final value (USD): loop {loop.mean_final_value:,.0f} +/- "
          f"{loop.stderr_final_value:,.0f}, engine {r.mean_final_value:,.0f} +/- "
          f"{r.stderr_final_value:,.0f} (z = {z_v:+.2f})")
    print(f"  mean tokens slashed:    loop {loop.mean_slashed:,.0f} +/- "
          f"{loop.stderr_slashed:,.0f}, engine {r.mean_slashed:,.0f} +/- {se_sl:,.0f} "
          f"(z = {z_s:+.2f})")
    print(f"  P(min value < half):    loop {loop.prob_below_threshold:.4f}, "
          f"engine {r.prob_below_threshold:.4f}")
    print(f"  statistics agree within 4 standard errors: {'yes' if agree else 'NO'}")
    print(f"risk engine vs python loop: {ratio:.0f}x faster (target >= 50x)")
    return ratio >= 50 and agree


def bench_draws(n_paths: int, repeats: int) -> bool:
    k, t = MODEL["n_sequencers"], MODEL["n_epochs"]
    t_eng, t_rng = [], []
    for _ in range(repeats):  # interleaved, so both see the same machine load
        t_eng.append(best_of(lambda: simulate_collateral(n_paths=n_paths, seed=3, **MODEL), 1))
        t_rng.append(best_of(lambda: draw_only(n_paths, t, k, MODEL["p_fault"], seed=3), 1))
    te, tr = min(t_eng), min(t_rng)
    ratio = te / tr
    n_draws = n_paths * t * 2  # plus K per faulted path-epoch
    print(f"engine: {n_paths:,} paths x {t} epochs x {k} sequencers in {te:.2f} s CPU; "
          f"drawing its {n_draws / 1e6:,.0f} million random numbers alone: {tr:.2f} s CPU")
    print(f"risk engine vs drawing its random numbers alone: {ratio:.2f}x the time "
          f"(target <= 2x)")
    return ratio <= 2


_PEAK_KB = """
def peak_kb():
    # VmHWM is this process's own peak; ru_maxrss would also count the parent's peak,
    # which Linux carries over into a child through fork and exec.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_FULL_CHILD = _PEAK_KB + """
import json, resource, sys, time
import math
from seqlearn.risk import simulate_collateral
kw = json.loads(sys.argv[1])
t0, c0 = time.perf_counter(), time.process_time()
r = simulate_collateral(n_paths=1_000_000, seed=4, **kw)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": wall, "cpu": cpu,
                  "maxrss_kb": peak_kb(),
                  "mean": r.mean_final_value, "se": r.stderr_final_value,
                  "q01": r.q01_final_value, "p_below": r.prob_below_threshold}))
"""

_IMPORT_CHILD = _PEAK_KB + """
import json
import seqlearn.risk
print(json.dumps({"maxrss_kb": peak_kb()}))
"""


def bench_full() -> None:
    base = json.loads(subprocess.run([sys.executable, "-c", _IMPORT_CHILD], check=True,
                                     capture_output=True, text=True).stdout)
    out = json.loads(subprocess.run([sys.executable, "-c", _FULL_CHILD, json.dumps(MODEL)],
                                    check=True, capture_output=True, text=True).stdout)
    print(f"million-path run (1,000,000 paths x {MODEL['n_epochs']} epochs x "
          f"{MODEL['n_sequencers']} sequencers): wall {out['wall']:.1f} s "
          f"(CPU {out['cpu']:.1f} s), peak RSS {out['maxrss_kb'] / 1024:.0f} MB "
          f"(Python + numpy + seqlearn alone: "
          f"{base['maxrss_kb'] / 1024:.0f} MB)")
    print(f"  mean final value {out['mean']:,.0f} +/- {out['se']:,.0f} USD, "
          f"1% quantile {out['q01']:,.0f} USD, P(min value < half) {out['p_below']:.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--full", action="store_true",
                    help="also run 1e6 paths x 365 epochs x 5 sequencers (takes a while)")
    ap.add_argument("--loop-paths", type=int, default=6_000,
                    help="paths for the Python loop (default 6000: a few seconds)")
    ap.add_argument("--paths", type=int, default=200_000,
                    help="paths for the engine timings (default 200000)")
    ap.add_argument("--repeats", type=int, default=3, help="repeats; the best time counts")
    args = ap.parse_args(argv)
    ok_loop = bench_loop(args.loop_paths, args.paths, args.repeats)
    ok_draws = bench_draws(args.paths, args.repeats)
    if args.full:
        bench_full()
    print(f"targets met: loop {'yes' if ok_loop else 'no'}, draws {'yes' if ok_draws else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
