"""Tests of seqlearn.shared: bundles and arbitrage against brute-force enumeration,
the CPMM closed form against a numerical optimum, contests against simulation."""

from __future__ import annotations

import math
from itertools import product

import numpy as np
import pytest
from hypothesis import given, strategies as st

from seqlearn import params
from seqlearn import shared as sh

prob = st.floats(0, 1)


def brute_force_patterns(q, s, regime, qs=None):
    """Enumerate every inclusion and would-succeed state; return P(pattern of legs run)."""
    m = len(q)
    qs = min(q) if qs is None else qs
    out = {}
    for inc in product((True, False), repeat=m):
        if regime == "separate":
            p_inc = math.prod(qi if i else 1 - qi for qi, i in zip(q, inc))
        else:
            if len(set(inc)) > 1:
                continue
            p_inc = qs if inc[0] else 1 - qs
        for ok in product((True, False), repeat=m):
            p = p_inc * math.prod(si if o else 1 - si for si, o in zip(s, ok))
            ran = tuple(i and o for i, o in zip(inc, ok))
            if regime == "atomic_execution" and not all(ran):
                ran = (False,) * m
            out[ran] = out.get(ran, 0.0) + p
    return out


@given(st.lists(st.tuples(prob, prob), min_size=1, max_size=4),
       st.sampled_from(sh.REGIMES))
def test_bundle_model_matches_brute_force(legs, regime):
    q = [a for a, _ in legs]
    s = [b for _, b in legs]
    want = brute_force_patterns(q, s, regime)
    got = sh.bundle_state_distribution(q, s, regime)
    assert sum(got.values()) == pytest.approx(1.0)
    for pat, p in got.items():
        assert p == pytest.approx(want.get(pat, 0.0), abs=1e-12)
    o = sh.bundle_outcome(q, s, regime)
    m = len(q)
    assert o.p_all == pytest.approx(want.get((True,) * m, 0.0), abs=1e-12)
    assert o.p_none == pytest.approx(want.get((False,) * m, 0.0), abs=1e-12)
    if m > 1:
        assert o.p_partial == pytest.approx(1 - o.p_all - o.p_none, abs=1e-12)
    if regime == "atomic_execution":
        assert o.p_partial == 0.0


def test_bundle_hand_values():
    o = sh.bundle_outcome([0.9, 0.9], [0.8, 0.5], "separate")
    assert o.p_all == pytest.approx(0.72 * 0.45)
    assert o.p_none == pytest.approx(0.28 * 0.55)
    inc = sh.bundle_outcome([0.9, 0.9], [0.8, 0.5], "atomic_inclusion")
    assert inc.p_all == pytest.approx(0.9 * 0.4)
    assert inc.p_partial == pytest.approx(0.9 * (0.8 * 0.5 + 0.2 * 0.5))
    # shared inclusion may be set explicitly
    assert sh.bundle_outcome([0.5, 0.9], [1, 1], "atomic_inclusion",
                             shared_inclusion=0.95).p_all == pytest.approx(0.95)


def brute_force_arbitrage(q, s, g, pv, c, regime):
    qs = min(q)
    ev = 0.0
    for inc in product((True, False), repeat=2):
        if regime == "separate":
            p_inc = math.prod(qi if i else 1 - qi for qi, i in zip(q, inc))
        elif inc[0] != inc[1]:
            continue
        else:
            p_inc = qs if inc[0] else 1 - qs
        for ok in product((True, False), repeat=2):
            p = p_inc * math.prod(si if o else 1 - si for si, o in zip(s, ok))
            if regime == "atomic_execution" and inc[0] and not all(ok):
                ev += p * (-2 * c)
                continue
            ran = [i and o for i, o in zip(inc, ok)]
            val = -c * sum(i and not o for i, o in zip(inc, ok))
            val += g if all(ran) else pv[0] if ran[0] else pv[1] if ran[1] else 0.0
            ev += p * val
    return ev


@given(prob, prob, prob, prob, st.floats(-50, 50), st.floats(-50, 50),
       st.floats(0, 5), st.sampled_from(sh.REGIMES))
def test_arbitrage_matches_brute_force(qa, qb, sa, sb, va, vb, c, regime):
    r = sh.arbitrage([qa, qb], [sa, sb], 10.0, [va, vb], regime, revert_cost=c)
    want = brute_force_arbitrage([qa, qb], [sa, sb], 10.0, [va, vb], c, regime)
    assert r.expected_profit == pytest.approx(want, abs=1e-9)


def test_atomic_execution_does_not_always_raise_expected_profit():
    a = sh.cpmm_arbitrage(100.0, 100.0, 121.0, 100.0)
    q, s = [0.9, 0.9], [0.9, 0.6]
    # marked at the final pool price, a lone leg keeps value: atomic execution loses it
    keep = sh.compare_regimes(q, s, a.profit, a.partial_values(), revert_cost=0.01)
    assert keep[2].expected_profit < keep[1].expected_profit
    # marked at pool A's old price, leg A alone loses: atomic execution now helps
    lose = sh.compare_regimes(q, s, a.profit, [-1.0, -1.0], revert_cost=0.01)
    assert lose[2].expected_profit > lose[1].expected_profit
    # shared sequencing with atomic inclusion realises the arbitrage more often here
    assert keep[1].p_complete > keep[0].p_complete


@given(st.floats(10, 1e4), st.floats(10, 1e4), st.floats(10, 1e4), st.floats(10, 1e4))
def test_cpmm_closed_form_is_optimal(xa, ya, xb, yb):
    a = sh.cpmm_arbitrage(xa, ya, xb, yb)

    def profit(dx):
        dy = ya * dx / (xa + dx)
        return xb * dy / (yb + dy) - dx

    grid = np.linspace(0, 5 * max(xa, xb), 20001)
    best = max(0.0, float(max(profit(g) for g in grid[::50])))
    assert a.profit >= best - 1e-9 * max(1.0, best)
    assert a.profit == pytest.approx(max(0.0, profit(a.amount_in)), abs=1e-9)
    va, vb = a.partial_values(reference_price=1.3)
    assert va + vb == pytest.approx(a.profit, rel=1e-9, abs=1e-9)


def test_cpmm_partial_values_positive_at_final_price():
    a = sh.cpmm_arbitrage(100.0, 100.0, 121.0, 100.0)
    va, vb = a.partial_values()
    assert va > 0 and vb > 0


def test_latency_contest_equilibrium_is_a_best_response():
    n, big_v, r = 5, 100.0, 0.8
    c = sh.latency_contest(n, big_v, noise=r, partial_value=10.0)
    for shared_, x_star in ((True, c.investment_shared), (False, c.investment_separate)):
        others = (n - 1) * x_star**r

        def payoff(x):
            p = x**r / (x**r + others)
            if shared_:
                return p * big_v - x
            return p * p * big_v + 2 * p * (1 - p) * 10.0 - x

        xs = np.linspace(0.2 * x_star, 3 * x_star, 2001)
        best = xs[np.argmax([payoff(x) for x in xs])]
        assert best == pytest.approx(x_star, rel=0.01)
    assert c.investment_shared > c.investment_separate
    assert c.dissipation_shared == pytest.approx(r * (n - 1) / n)


def test_latency_simulation_matches_tullock():
    x = np.array([4.0, 2.0, 1.0, 1.0])
    p = x / x.sum()
    sh_f = sh.simulate_latency_contest(x, shared=True, n_rounds=200_000, seed=3)
    sep_f = sh.simulate_latency_contest(x, shared=False, n_rounds=200_000, seed=3)
    assert np.allclose(sh_f, p, atol=0.005)
    assert np.allclose(sep_f, p**2, atol=0.005)


def test_common_mode_outage_matches_simulation():
    c = sh.common_mode_outage(6, 0.05)
    assert c.pmf_separate.sum() == pytest.approx(1.0)
    assert c.expected_down_separate == pytest.approx(c.expected_down_shared)
    sim = sh.simulate_outages(6, 0.05, shared=False, n_days=200_000, seed=1)
    emp = np.bincount(sim, minlength=7) / sim.size
    assert np.allclose(emp, c.pmf_separate, atol=0.004)
    simsh = sh.simulate_outages(6, 0.05, shared=True, n_days=200_000, seed=1)
    assert (simsh == 6).mean() == pytest.approx(0.05, abs=0.003)


def test_espresso_reward_from_params():
    assert params.value("espresso.reward_coefficient") == 0.03
    assert params.value("espresso.reward_floor_share") == 0.01
    assert sh.espresso_reward_rate(0.5) == pytest.approx(0.03)
    assert sh.espresso_reward_rate(0.1) == pytest.approx(0.067, abs=5e-4)
    assert sh.espresso_reward_rate(0.01) == pytest.approx(0.2121, abs=1e-4)
    assert 0.01 * sh.espresso_reward_rate(0.01) == pytest.approx(0.00212, abs=1e-5)


@pytest.mark.parametrize("call, name", [
    (lambda: sh.bundle_outcome([1.2, 0.5], [1, 1]), "inclusion"),
    (lambda: sh.bundle_outcome([0.5, 0.5], [1]), "success"),
    (lambda: sh.bundle_outcome([], []), "inclusion"),
    (lambda: sh.bundle_outcome([0.5], [0.5], "atomic"), "regime"),
    (lambda: sh.bundle_outcome([0.5, 0.5], [1, 1], "atomic_inclusion",
                               shared_inclusion=-0.1), "shared_inclusion"),
    (lambda: sh.bundle_state_distribution([0.5] * 17, [0.5] * 17), "inclusion"),
    (lambda: sh.arbitrage([0.5] * 3, [0.5] * 3, 1.0, [0, 0]), "inclusion"),
    (lambda: sh.arbitrage([0.5] * 2, [0.5] * 2, 1.0, [0, 0], revert_cost=-1), "revert_cost"),
    (lambda: sh.cpmm_arbitrage(0.0, 1.0, 1.0, 1.0), "x_a"),
    (lambda: sh.latency_contest(1, 10.0), "n_players"),
    (lambda: sh.latency_contest(3, 10.0, noise=0.0), "noise"),
    (lambda: sh.common_mode_outage(0, 0.1), "n_rollups"),
    (lambda: sh.common_mode_outage(3, 1.1), "p_down"),
    (lambda: sh.espresso_reward_rate(0.0), "staked_share"),
    (lambda: sh.simulate_latency_contest([1.0, -1.0]), "investments"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_figures_explorer_and_checks():
    import matplotlib.pyplot as plt
    import ipywidgets as w

    from seqlearn.exercises import ch11
    from seqlearn.plotting import shared as ps
    from seqlearn.quizzes import ch11 as quiz
    from seqlearn.widgets import shared as ws

    fig = ws.render(**ws.DEFAULTS)
    assert len(fig.axes) == 2
    plt.close(fig)
    assert isinstance(ws.shared_explorer(), w.VBox)
    for fig in (ps.plot_latency([sh.latency_contest(n, 1.0) for n in (2, 3, 4)]),
                ps.plot_outages(sh.common_mode_outage(4, 0.01)),
                ps.plot_espresso_rewards()):
        assert all(a.get_xlabel() and a.get_ylabel() for a in fig.axes)
        plt.close(fig)
    with pytest.raises(TypeError, match="outcomes"):
        ps.plot_regimes([], [])
    assert ch11.check_inclusion_vs_execution("c")
    assert not ch11.check_inclusion_vs_execution("a")
    assert ch11.check_partial(0.95 * (0.8 * 0.3 + 0.2 * 0.7))
    assert ch11.check_cpmm_profit(sh.cpmm_arbitrage(*ch11.POOLS).profit)
    assert ch11.check_all_up(0.998**4, 0.998)
    assert not ch11.check_all_up(0.998, 0.998)
    assert ch11.check_reward(0.03 / math.sqrt(0.5))
    assert "fraction" in ch11.check_reward(4.24).message

    def ev(q, sa, sb, g, va, vb):
        inc = q * (sa * sb * g + sa * (1 - sb) * va + (1 - sa) * sb * vb)
        return inc, q * sa * sb * g

    assert ch11.check_expected_profit(ev)
    assert not ch11.check_expected_profit(lambda *a: (0.0, 0.0))
    ids = [q["id"] for q in quiz.QUESTIONS]
    assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 6
