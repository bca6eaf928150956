"""Benchmark of seqlearn.derivatives: the outage-book engine and the chapter 8 explorer.

Run from the repository root::

    .venv/bin/python benchmarks/bench_derivatives.py     # about a minute

It prints ratios measured in this run on this machine (not targets that fail on a slow
machine):

1. the engine (:func:`seqlearn.derivatives.simulate_book`) on 10,000 loans x 10,000
   outage scenarios under Aave v3.6's rule, with its wall and CPU time and its peak
   resident memory (``VmHWM``, in a fresh subprocess, against the memory of merely
   importing seqlearn): bounded memory;
2. the engine against ``derivatives_loop.simulate_book_loop``, a plain per-loan Python
   loop of the same model, per scenario-loan pair (target: at least 50 times faster); the
   loop runs 100 scenarios of the same book, and the engine run on the same 100
   scenarios gives the same results (``tests/test_derivatives.py`` checks that on many
   small cases);
3. the engine against drawing its random numbers alone (the same generator, the same
   normals and the same chunks of uniforms, one per owner and scenario) (target: at most
   3 times), for outages at 80 % volatility and for a stressed restart (150 %
   volatility, a 10 % drop at restart), where many more loans are touched;
4. the explorer of chapter 8: one update (model and figure) at its default setting, and
   the model alone (target: under 100 ms).

Timings are CPU times of this process (``time.process_time``), best of a few repeats,
which tames noise from other processes sharing the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from derivatives_loop import simulate_book_loop  # noqa: E402

from seqlearn import collateral, derivatives as d  # noqa: E402

N_LOANS = 10_000
N_SCENARIOS = 10_000
MARKET = dict(daily_volume=2e7, impact=0.05)
BOOK_KW = dict(seed=0, median_size=1000.0, price=1.0)
RULE = d.LiquidationRule(3600.0, 0.95)
#: Outages drawn from a lognormal (median 60 minutes, log-spread 1), 80 % volatility.
RUN = dict(vol=0.8, minutes=None, duration_median=60.0, duration_log_sd=1.0,
           jump_vol=0.02, p_attentive=0.5, response_time=1800.0)
#: A stressed restart (the chapter's explorer default): 150 % volatility, a 10 % drop.
STRESS = dict(RUN, vol=1.5, jump_mean=-0.10, jump_vol=0.08)


def book() -> d.Book:
    return d.random_book(N_LOANS, market=collateral.Market(**MARKET), **BOOK_KW)


def best_of(fn, repeats: int) -> float:
    """Best CPU time (``time.process_time``) of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def draw_only(n_loans: int, n_scenarios: int, seed: int) -> float:
    """Draw exactly the random numbers the engine draws, in the same order and chunks."""
    rng = np.random.default_rng(seed)
    rng.standard_normal(n_scenarios)          # price move over the outage
    rng.standard_normal(n_scenarios)          # price move over the grace period
    rng.standard_normal(n_scenarios)          # outage length
    rows = max(1, d._CHUNK_ELEMENTS // n_loans)
    check = 0.0
    for s0 in range(0, n_scenarios, rows):
        u = rng.random((min(rows, n_scenarios - s0), n_loans))
        check += float(u[0, 0])
    return check


_PEAK_KB = """
def peak_kb():
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
import json, sys, time
from seqlearn import collateral, derivatives as d
a = json.loads(sys.argv[1])
bk = d.random_book(a["n_loans"], market=collateral.Market(**a["market"]), **a["book"])
rule = d.LiquidationRule(*a["rule"])
t0, c0 = time.perf_counter(), time.process_time()
r = d.simulate_book(bk, rule, n_scenarios=a["n_scenarios"], seed=1, **a["run"])
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": wall, "cpu": cpu, "kb": peak_kb(),
                  "liq": float(r.liquidated.mean()), "need": float(r.needless.mean()),
                  "bad": float(r.bad_debt.mean())}))
"""

_IMPORT_CHILD = _PEAK_KB + """
import json
from seqlearn import collateral, derivatives as d
a = json.loads(__import__("sys").argv[1])
bk = d.random_book(a["n_loans"], market=collateral.Market(**a["market"]), **a["book"])
print(json.dumps({"kb": peak_kb()}))
"""


def bench_full() -> None:
    args = json.dumps(dict(n_loans=N_LOANS, n_scenarios=N_SCENARIOS, market=MARKET,
                           book=BOOK_KW, rule=[RULE.grace_period, RULE.hf_immediate],
                           run=RUN))
    base = json.loads(subprocess.run([sys.executable, "-c", _IMPORT_CHILD, args],
                                     check=True, capture_output=True, text=True).stdout)
    out = json.loads(subprocess.run([sys.executable, "-c", _FULL_CHILD, args], check=True,
                                    capture_output=True, text=True).stdout)
    print(f"outage book: {N_LOANS:,} loans x {N_SCENARIOS:,} scenarios "
          f"({N_LOANS * N_SCENARIOS / 1e6:,.0f} million pairs), Aave v3.6 rule: wall "
          f"{out['wall']:.2f} s (CPU {out['cpu']:.2f} s), peak RSS {out['kb'] / 1024:.0f} MB "
          f"(Python + numpy + seqlearn + the book alone: {base['kb'] / 1024:.0f} MB)")
    print(f"  per outage: {out['liq']:.1f} loans liquidated, {out['need']:.1f} of them "
          f"by owners who would have topped up; bad debt {out['bad']:,.0f} USD")


def bench_loop(loop_scenarios: int, repeats: int) -> bool:
    bk = book()
    res = {}
    t_loop = best_of(lambda: res.setdefault("loop", simulate_book_loop(
        bk, RULE, n_scenarios=loop_scenarios, seed=2, vol=RUN["vol"], minutes=60.0,
        jump_vol=RUN["jump_vol"])), 1)
    t_eng = best_of(lambda: res.__setitem__("eng", d.simulate_book(
        bk, RULE, n_scenarios=N_SCENARIOS, seed=2, vol=RUN["vol"], minutes=60.0,
        jump_vol=RUN["jump_vol"])), repeats)
    per_loop = t_loop / (loop_scenarios * N_LOANS)
    per_eng = t_eng / (N_SCENARIOS * N_LOANS)
    ratio = per_loop / per_eng
    small = d.simulate_book(bk, RULE, n_scenarios=loop_scenarios, seed=2, vol=RUN["vol"],
                            minutes=60.0, jump_vol=RUN["jump_vol"])
    same = (np.allclose(small.bad_debt, res["loop"]["bad"])
            and small.liquidated.tolist() == res["loop"]["liq"]
            and small.needless.tolist() == res["loop"]["need"])
    print(f"python loop: {loop_scenarios} scenarios x {N_LOANS:,} loans in {t_loop:.2f} s "
          f"CPU ({per_loop * 1e9:,.0f} ns per pair); engine: {N_SCENARIOS:,} x "
          f"{N_LOANS:,} in {t_eng:.2f} s CPU ({per_eng * 1e9:.1f} ns per pair); "
          f"same results on the loop's scenarios: {'yes' if same else 'NO'}")
    print(f"outage-book engine vs python loop: {ratio:,.0f}x faster (target >= 50x)")
    return ratio >= 50 and same


def bench_draws(repeats: int, run: dict, name: str) -> bool:
    bk = book()
    t_eng, t_rng = [], []
    for _ in range(repeats):  # interleaved, so both see the same machine load
        t_eng.append(best_of(lambda: d.simulate_book(bk, RULE, n_scenarios=N_SCENARIOS,
                                                     seed=3, **run), 1))
        t_rng.append(best_of(lambda: draw_only(N_LOANS, N_SCENARIOS, seed=3), 1))
    te, tr = min(t_eng), min(t_rng)
    print(f"{name}: engine {te:.2f} s CPU; drawing its {N_LOANS * N_SCENARIOS / 1e6:,.0f} "
          f"million uniforms and {3 * N_SCENARIOS:,} normals alone: {tr:.2f} s CPU")
    print(f"outage-book engine vs drawing its random numbers alone ({name}): "
          f"{te / tr:.2f}x the time (target <= 3x)")
    return te / tr <= 3


def bench_explorer(repeats: int) -> bool:
    from seqlearn.widgets import derivatives as w

    def update() -> None:
        plt.close(w.render(**w.DEFAULTS))

    update()                                  # warm-up: imports, font cache
    t_all = best_of(update, repeats) * 1e3
    t_model = best_of(lambda: [w.tradeoff(**w.DEFAULTS, hf_immediate=x)
                               for x in w.RULES.values()], repeats) * 1e3
    print(f"chapter 8 explorer (grace-period trade-off, both rule families): update "
          f"{t_all:.0f} ms CPU (model {t_model:.0f} ms, figure {t_all - t_model:.0f} ms); "
          f"{t_all / 100:.2f}x the 100 ms target")
    return t_all < 100


def main(argv: list[str] | None = None) -> None:
    ok = [bench_loop(loop_scenarios=100, repeats=2),
          bench_draws(3, RUN, "80% volatility"),
          bench_draws(3, STRESS, "stressed restart"),
          bench_explorer(repeats=5)]
    bench_full()
    print(f"derivatives targets met: {sum(ok)} of {len(ok)}")


if __name__ == "__main__":
    main(sys.argv[1:])
