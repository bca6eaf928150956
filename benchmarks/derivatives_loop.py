"""A plain per-loan Python loop of the outage-book model of ``seqlearn.derivatives``.

The reference against which the vectorised engine is tested (``tests/test_derivatives.py``)
and timed (``bench_derivatives.py``). It follows the model as the module docstring states
it, one scenario and one loan at a time, and solves each cascade the naive way: liquidate
every loan below the threshold, move the price by the sales, repeat until nothing changes.
It draws the same random numbers in the same order as the engine.
"""

from __future__ import annotations

import math

import numpy as np

from seqlearn.collateral import liquidation_value
from seqlearn.derivatives import MINUTES_PER_YEAR, SECONDS_PER_YEAR, Book, LiquidationRule


def _factor(sold: float, book: Book) -> float:
    mk = book.market
    if mk.frictionless:
        return 1.0
    return max(0.0, 1.0 - mk.impact * math.sqrt(sold / (mk.days * mk.daily_volume)))


def _cascade(health, seized, candidate, liquidated, start_ratio, sold, thr, book):
    """Liquidate candidates below ``thr`` round after round; returns (ratio, sold)."""
    ratio = start_ratio * _factor(sold, book)
    while True:
        changed = False
        for i in range(len(health)):
            if candidate[i] and not liquidated[i] and health[i] * ratio < thr:
                liquidated[i] = True
                sold += seized[i]
                changed = True
        ratio = start_ratio * _factor(sold, book)
        if not changed:
            return ratio, sold


def simulate_book_loop(book: Book, rule: LiquidationRule, *, n_scenarios: int, vol: float,
                       minutes: float, jump_mean: float = 0.0, jump_vol: float = 0.0,
                       p_attentive: float = 0.5, response_time: float = 1800.0,
                       seed: int = 0) -> dict[str, list]:
    """Per-scenario totals (bad debt, liquidated, needless, rescued, bonus) by loops."""
    rng = np.random.default_rng(seed)
    n, S = book.n, n_scenarios
    z1 = rng.standard_normal(S)
    z2 = rng.standard_normal(S)
    order = np.argsort(book.health, kind="stable")
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(n)          # owners draw in order of health, as the engine
    rank = rank.tolist()
    health = book.health.tolist()
    coll = book.collateral.tolist()
    debt = book.debt.tolist()
    seized = book.seized.tolist()
    years = minutes / MINUTES_PER_YEAR
    gy = rule.grace_period / SECONDS_PER_YEAR
    p_saved = p_attentive * -math.expm1(-rule.grace_period / response_time)
    out: dict[str, list] = {k: [] for k in ("bad", "liq", "need", "resc", "bonus", "cost")}
    for s in range(S):
        row = rng.random(n).tolist()    # row s of the engine's (scenarios, loans) uniforms
        u = [row[rank[i]] for i in range(n)]
        r1 = math.exp(-0.5 * vol**2 * years + jump_mean
                      + math.sqrt(vol**2 * years + jump_vol**2) * z1[s])
        protects = rule.grace_period > 0 and rule.hf_immediate < 1.0
        thr_now = rule.hf_immediate if protects else 1.0
        liq1 = [False] * n
        p1, sold = _cascade(health, seized, [True] * n, liq1, r1, 0.0, thr_now, book)
        sold1 = sold
        cost = sold1 * book.price * r1 - float(
            liquidation_value(sold1, book.price * r1, book.market))
        liq2 = [False] * n
        saved = [False] * n
        p2 = p1
        if protects:
            cand = [False] * n
            for i in range(n):
                if not liq1[i] and health[i] * p1 < 1.0:
                    if u[i] < p_saved and health[i] * p1 >= book.liquidation_threshold:
                        saved[i] = True
                    else:
                        cand[i] = True
            r2 = r1 * math.exp(-0.5 * vol**2 * gy + vol * math.sqrt(gy) * z2[s])
            p2, sold = _cascade(health, seized, cand, liq2, r2, sold, 1.0, book)
            cost += (sold - sold1) * book.price * r2 * _factor(sold1, book) - float(
                liquidation_value(sold, book.price * r2, book.market)
                - liquidation_value(sold1, book.price * r2, book.market))
        bad = bonus = 0.0
        n_liq = n_need = 0
        for i in range(n):
            if liq1[i] or liq2[i]:
                price = book.price * (p1 if liq1[i] else p2)
                repaid = min(debt[i], coll[i] * price / (1.0 + book.bonus))
                bad += debt[i] - repaid
                bonus += repaid * book.bonus
                n_liq += 1
                n_need += (u[i] < p_attentive
                           and health[i] * p1 >= book.liquidation_threshold)
        out["bad"].append(bad)
        out["liq"].append(n_liq)
        out["need"].append(n_need)
        out["resc"].append(sum(saved))
        out["bonus"].append(bonus)
        out["cost"].append(cost)
    return out
