"""Tests for seqlearn.optimistic, its figures, its explorer and the chapter 5 self-checks."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seqlearn import optimistic as op
from seqlearn import params
from seqlearn.exercises import ch05
from seqlearn.plotting import optimistic as oplot
from explorer_helpers import explorer_controls

# Numerical warnings (overflow, 0 * inf) in the models are bugs here, not noise.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

probs = st.floats(0.0, 1.0)
small_probs = st.floats(1e-6, 0.5)
windows = st.integers(0, 5_000)
counts = st.integers(0, 50)


# ---------------------------------------------------------------------------------------
# Closed form: known values
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("w, n, a, c, q, expected", [
    (3, 1, 0.5, 0, 0.0, 0.125),
    (3, 2, 0.5, 0, 0.0, 0.015625),
    (5, 2, 0.5, 2, 0.0, 0.015625),        # censoring 2 of 5 blocks leaves 3 open
    (10, 4, 0.3, 10, 0.0, 1.0),           # censored throughout
    (10, 4, 0.3, 12, 0.0, 1.0),           # censorship longer than the window
    (3, 1, 0.5, 0, 0.1, 0.1 + 0.9 * 0.125),
    (100, 0, 0.9, 0, 0.0, 1.0),           # nobody watching
    (100, 5, 0.0, 0, 0.0, 1.0),           # watchers never online
    (1, 1, 1.0, 0, 0.0, 0.0),             # a perfect watcher catches it at once
    (0, 3, 1.0, 0, 0.0, 1.0),             # no window at all
    (1, 1, 1.0, 0, 0.25, 0.25),           # only the common-mode failure remains
])
def test_survival_known_values(w, n, a, c, q, expected):
    assert op.survival_probability(w, n, a, c, q) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_survival_matches_a_direct_power_for_a_real_window():
    w, n, a = op.days_to_blocks(7), 3, 1e-4
    assert op.survival_probability(w, n, a) == pytest.approx((1 - a) ** (n * 50_400), rel=1e-9)


def test_survival_broadcasts_and_returns_floats_for_scalars():
    out = op.survival_probability(np.array([0, 1, 2]), np.array([[1], [2]]), 0.5)
    assert out.shape == (2, 3)
    np.testing.assert_allclose(out, [[1, 0.5, 0.25], [1, 0.25, 0.0625]])
    assert isinstance(op.survival_probability(1, 1, 0.5), float)


@pytest.mark.parametrize("kwargs, match", [
    ({"window_blocks": -1}, "window_blocks"),
    ({"watchers": 1.5}, "watchers"),
    ({"watchers": -2}, "watchers"),
    ({"availability": 1.2}, "availability"),
    ({"availability": -0.1}, "availability"),
    ({"censor_blocks": -3}, "censor_blocks"),
    ({"common_mode": 2}, "common_mode"),
    ({"window_blocks": float("nan")}, "window_blocks"),
])
def test_survival_rejects_bad_input(kwargs, match):
    args = {"window_blocks": 10, "watchers": 2, "availability": 0.1} | kwargs
    with pytest.raises(ValueError, match=match):
        op.survival_probability(**args)


@pytest.mark.parametrize("bad", ["ten", True, None, [1, "x"]])
def test_survival_rejects_non_numbers(bad):
    with pytest.raises(TypeError, match="window_blocks"):
        op.survival_probability(bad, 2, 0.1)


# ---------------------------------------------------------------------------------------
# Closed form: invariants
# ---------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(w=windows, dw=st.integers(0, 500), n=counts, dn=st.integers(0, 5), a=probs,
       c=st.integers(0, 5_000), q=probs)
def test_survival_monotone(w, dw, n, dn, a, c, q):
    s = op.survival_probability(w, n, a, c, q)
    assert 0.0 <= s <= 1.0
    assert op.survival_probability(w + dw, n, a, c, q) <= s + 1e-15      # longer window
    assert op.survival_probability(w, n + dn, a, c, q) <= s + 1e-15      # more watchers
    assert op.survival_probability(w, n, a, c + dw, q) >= s - 1e-15      # more censorship
    assert op.survival_probability(w, n, min(1.0, a + 0.1), c, q) <= s + 1e-15
    assert op.survival_probability(w, n, a, c, min(1.0, q + 0.1)) >= s - 1e-15
    assert s >= q - 1e-15                                               # common-mode floor


@settings(max_examples=100, deadline=None)
@given(w=windows, n=st.integers(1, 20), a=small_probs)
def test_doubling_watchers_squares_survival(w, n, a):
    s = op.survival_probability(w, n, a)
    assert op.survival_probability(w, 2 * n, a) == pytest.approx(s * s, rel=1e-9, abs=1e-300)


@settings(max_examples=100, deadline=None)
@given(w=windows, n=counts, a=probs, c=st.integers(0, 6_000))
def test_censorship_only_shifts_the_window(w, n, a, c):
    assert op.survival_probability(w, n, a, c) == pytest.approx(
        op.survival_probability(max(w - c, 0), n, a), rel=1e-12)


# ---------------------------------------------------------------------------------------
# Monte Carlo against the closed form
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("w, n, a, c, q", [
    (3, 1, 0.5, 0, 0.0),
    (10, 3, 0.05, 4, 0.0),
    (200, 2, 0.004, 50, 0.0),
    (7_200, 3, 1e-4, 2_000, 0.0),      # one day, lazy watchers
    (50, 4, 0.02, 0, 0.1),             # with a common-mode failure
    (30, 5, 0.2, 30, 0.0),             # censored throughout
    (30, 0, 0.2, 0, 0.0),              # no watchers
])
def test_monte_carlo_agrees_with_closed_form(w, n, a, c, q):
    paths = 200_000
    mc = op.simulate_survival(w, n, a, c, q, paths=paths, seed=2024)
    exact = op.survival_probability(w, n, a, c, q)
    se = math.sqrt(exact * (1 - exact) / paths)
    assert abs(mc.estimate - exact) <= 4 * se + 1e-12
    assert mc.paths == paths
    assert mc.stderr == pytest.approx(math.sqrt(mc.estimate * (1 - mc.estimate) / paths))


def test_monte_carlo_is_seeded_and_would_catch_a_wrong_formula():
    a = op.simulate_survival(40, 2, 0.02, paths=100_000, seed=7)
    b = op.simulate_survival(40, 2, 0.02, paths=100_000, seed=np.random.default_rng(7))
    assert a == b
    exact = op.survival_probability(40, 2, 0.02)
    wrong = (1 - 0.02) ** 40  # forgets the second watcher
    assert abs(a.estimate - exact) < 4 * a.stderr < abs(a.estimate - wrong)


@pytest.mark.parametrize("kwargs, match", [
    ({"window_blocks": 2.5}, "window_blocks"),
    ({"paths": 0}, "paths"),
    ({"watchers": 1000, "paths": 100_000}, "paths \\* watchers"),
    ({"availability": 2}, "availability"),
])
def test_monte_carlo_rejects_bad_input(kwargs, match):
    args = {"window_blocks": 10, "watchers": 2, "availability": 0.1} | kwargs
    with pytest.raises(ValueError, match=match):
        op.simulate_survival(**args)


# ---------------------------------------------------------------------------------------
# The attacker: censorship cost, best attack, secure window
# ---------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(w=st.integers(0, 3_000), n=st.integers(0, 10), a=probs, t=st.floats(0.01, 1.0),
       q=st.floats(0.0, 0.5))
def test_censorship_cost_is_the_cheapest_that_reaches_the_target(w, n, a, t, q):
    k = 3.0
    cost = op.censorship_cost(w, n, a, k, target=t, common_mode=q)
    c = cost / k
    assert c == int(c) and 0 <= c <= w
    assert op.survival_probability(w, n, a, c, q) >= t * (1 - 1e-9)
    if c > 0:
        assert op.survival_probability(w, n, a, c - 1, q) < t * (1 + 1e-9)


@settings(max_examples=100, deadline=None)
@given(w=st.integers(0, 3_000), dw=st.integers(0, 3_000), n=st.integers(1, 10),
       a=small_probs, t=st.floats(0.01, 1.0))
def test_censorship_cost_grows_with_the_window(w, dw, n, a, t):
    c1 = op.censorship_cost(w, n, a, 1.0, target=t)
    c2 = op.censorship_cost(w + dw, n, a, 1.0, target=t)
    assert c1 <= c2 <= c1 + dw


def test_censorship_cost_becomes_linear_in_the_window():
    w = np.arange(1_000, 5_000, 500)
    cost = op.censorship_cost(w, 2, 0.01, 2.0, target=0.5)
    # allowance u: 0.99^(2u) >= 0.5  ->  u <= 34.49, so 34 blocks may stay open
    np.testing.assert_allclose(cost, 2.0 * (w - 34))


@settings(max_examples=60, deadline=None)
@given(w=st.integers(0, 60), n=st.integers(0, 4), a=st.floats(0.0, 0.3),
       k=st.floats(0.0, 50.0), v=st.floats(0.0, 1_000.0), b=st.floats(0.0, 1_000.0),
       q=st.floats(0.0, 0.3))
def test_best_attack_matches_brute_force_over_every_censorship_length(w, n, a, k, v, b, q):
    c = np.arange(w + 1)
    s = op.survival_probability(w, n, a, c, q)
    payoffs = s * v - (1 - s) * b - k * c
    best = op.best_attack(w, n, a, k, v, b, q)
    assert best.payoff == pytest.approx(payoffs.max(), rel=1e-9, abs=1e-9)
    assert best.censor_blocks in (0.0, float(w))
    assert best.payoff_full_censorship == pytest.approx(v - k * w)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 10), a=st.floats(1e-4, 0.5), k=st.floats(0.5, 20.0),
       v=st.floats(1.0, 5_000.0), b=st.floats(1.0, 5_000.0), q=st.floats(0.0, 0.05))
def test_min_secure_window_is_the_first_window_where_no_attack_pays(n, a, k, v, b, q):
    w = op.min_secure_window(n, a, k, v, b, q)
    if math.isinf(w):
        assert q > b / (v + b)
        return
    assert op.best_attack(w, n, a, k, v, b, q).payoff <= 1e-9 * (v + b)
    if w > 0:
        assert op.best_attack(w - 1, n, a, k, v, b, q).payoff > -1e-9 * (v + b)


def test_min_secure_window_known_values():
    assert op.min_secure_window(1, 0.5, 2.0, 1000.0, bond=100.0) == 500.0
    # cheap censorship is no problem when the plain attack is the binding one:
    # 0.5^W <= 100/1100  ->  W >= 3.46
    assert op.min_secure_window(1, 0.5, 1e6, 1000.0, bond=100.0) == 4.0
    assert math.isinf(op.min_secure_window(1, 0.5, 2.0, 1000.0))            # no bond
    assert math.isinf(op.min_secure_window(1, 0.5, 0.0, 1000.0, bond=5.0))  # free censorship
    assert op.min_secure_window(1, 0.5, 2.0, 0.0) == 0.0                   # nothing to steal


def test_attack_inputs_are_validated():
    with pytest.raises(ValueError, match="value"):
        op.best_attack(10, 1, 0.5, 1.0, value=-1.0)
    with pytest.raises(TypeError, match="watchers"):
        op.min_secure_window([1, 2], 0.5, 1.0, 10.0)


# ---------------------------------------------------------------------------------------
# Costs to users
# ---------------------------------------------------------------------------------------


def test_locked_capital_known_values():
    assert op.locked_capital_cost(10e6, 0.05, 7) == pytest.approx(10e6 * math.expm1(0.05 * 7 / 365))
    assert op.locked_capital_cost(10e6, 0.05, 7, compounding="simple") == pytest.approx(
        10e6 * 0.05 * 7 / 365)
    assert op.locked_capital_cost(100.0, 0.1, 365) == pytest.approx(100 * (math.e ** 0.1 - 1))


def test_locked_capital_reproduces_the_bold_economics_page():
    """Arbitrum's docs: $3.4B at 5% APY for one extra week costs about $3.27M."""
    cost = op.locked_capital_cost(params.value("arbitrum.bold.econ_bridge_value"),
                                  params.value("arbitrum.bold.econ_rate"), 7,
                                  compounding="simple", days_per_year=364)
    assert round(cost / 1e6, 2) == params.value("arbitrum.bold.econ_week_delay_cost") / 1e6
    assert cost < params.value("arbitrum.bold.econ_min_bond")


@settings(max_examples=100, deadline=None)
@given(amount=st.floats(0, 1e9), rate=st.floats(0, 0.5), days=st.floats(0, 60))
def test_continuous_costs_at_least_simple(amount, rate, days):
    cont = op.locked_capital_cost(amount, rate, days)
    simple = op.locked_capital_cost(amount, rate, days, compounding="simple")
    assert cont >= simple * (1 - 1e-12) - 1e-9


@settings(max_examples=150, deadline=None)
@given(amount=st.floats(1.0, 1e9), rate=st.floats(0.001, 0.5), days=st.floats(0, 30),
       extra=st.floats(0.01, 30), p=st.floats(0, 0.99), m=st.floats(0, 0.01),
       comp=st.sampled_from(["continuous", "simple"]))
def test_lp_fee_rises_with_the_window_and_decomposes(amount, rate, days, extra, p, m, comp):
    short = op.lp_fee(amount, rate, days, p_overturn=p, margin=m, compounding=comp)
    long = op.lp_fee(amount, rate, days + extra, p_overturn=p, margin=m, compounding=comp)
    assert long.total > short.total
    assert short.total == pytest.approx(short.time_value + short.risk + short.margin)
    assert 0 <= short.total <= amount * (1 + m) * (1 + 1e-12)


@settings(max_examples=100, deadline=None)
@given(amount=st.floats(1.0, 1e9), rate=st.floats(0, 0.5), days=st.floats(0, 30),
       comp=st.sampled_from(["continuous", "simple"]))
def test_lp_time_value_is_the_discounted_locked_cost(amount, rate, days, comp):
    """What the provider charges today is the forgone interest, discounted back."""
    fee = op.lp_fee(amount, rate, days, compounding=comp)
    growth = 1 + op.locked_capital_cost(1.0, rate, days, compounding=comp)
    assert fee.time_value * growth == pytest.approx(
        op.locked_capital_cost(amount, rate, days, compounding=comp), rel=1e-9, abs=1e-6)


def test_lp_fee_edge_cases_and_arrays():
    lost = op.lp_fee(1000.0, 0.05, 7, p_overturn=1.0, margin=0.001)
    assert lost.total == pytest.approx(1001.0)                # pays out nothing: fee is everything
    free = op.lp_fee(1000.0, 0.0, 7)
    assert free.total == 0.0 and free.basis_points == 0.0
    fees = op.lp_fee(1e6, 0.05, np.array([1.0, 7.0, 14.0]))
    assert fees.total.shape == (3,) and np.all(np.diff(fees.total) > 0)
    assert op.lp_fee(0.0, 0.05, 7).basis_points == 0.0
    with pytest.raises(ValueError, match="p_overturn"):
        op.lp_fee(1.0, 0.05, 7, p_overturn=1.5)
    with pytest.raises(ValueError, match="compounding"):
        op.lp_fee(1.0, 0.05, 7, compounding="annual")
    with pytest.raises(ValueError, match="days_per_year"):
        op.locked_capital_cost(1.0, 0.05, 7, days_per_year=0)


def test_settlement_margin_known_values():
    m = op.settlement_margin(1.0, 1.0, 365.0, confidence=0.99)
    assert m.z == pytest.approx(2.3263478740408408)
    assert m.margin == pytest.approx(m.z)
    m95 = op.settlement_margin(100.0, 0.5, 365 / 4, confidence=0.95)
    assert m95.margin == pytest.approx(100 * 1.6448536269514722 * 0.5 * 0.5)
    long = op.settlement_margin(1.0, 1.0, 365.0, model="lognormal")
    short = op.settlement_margin(1.0, 1.0, 365.0, model="lognormal", side="short")
    assert long.margin == pytest.approx(1 - math.exp(-m.z - 0.5))
    assert short.margin == pytest.approx(math.exp(m.z - 0.5) - 1)
    carry = op.settlement_margin(1e6, 0.6, 7, rate=0.05)
    assert carry.carry_cost == pytest.approx(carry.margin * math.expm1(0.05 * 7 / 365))


@settings(max_examples=100, deadline=None)
@given(sigma=st.floats(0.01, 2.0), days=st.floats(0.01, 60), extra=st.floats(0.01, 60),
       conf=st.floats(0.9, 0.999))
def test_settlement_margin_invariants(sigma, days, extra, conf):
    normal = op.settlement_margin(1.0, sigma, days, confidence=conf).margin
    assert op.settlement_margin(1.0, sigma, days + extra, confidence=conf).margin > normal
    assert op.settlement_margin(4.0, sigma, days, confidence=conf).margin == pytest.approx(
        4 * normal)
    # the square-root rule: four times the delay, twice the margin
    assert op.settlement_margin(1.0, sigma, 4 * days, confidence=conf).margin == pytest.approx(
        2 * normal)
    long = op.settlement_margin(1.0, sigma, days, confidence=conf, model="lognormal").margin
    short = op.settlement_margin(1.0, sigma, days, confidence=conf, model="lognormal",
                                 side="short").margin
    assert long < normal < short and long < 1.0


@pytest.mark.parametrize("kwargs, match", [
    ({"confidence": 0.4}, "confidence"),
    ({"confidence": 1.0}, "confidence"),
    ({"model": "student"}, "model"),
    ({"side": "both"}, "side"),
    ({"volatility": -0.1}, "volatility"),
])
def test_settlement_margin_rejects_bad_input(kwargs, match):
    args = {"notional": 1.0, "volatility": 0.5, "delay_days": 7.0} | kwargs
    with pytest.raises(ValueError, match=match):
        op.settlement_margin(**args)


# ---------------------------------------------------------------------------------------
# Real delays, from the registry
# ---------------------------------------------------------------------------------------


def test_withdrawal_delays_from_params():
    d = {(x.system, x.case): x for x in op.withdrawal_delays()}
    assert d[("OP Stack", "unchallenged")].days == 7.0            # 604,800 s
    assert d[("OP Stack", "challenged, no clock extensions")].days == 10.5
    arb = d[("Arbitrum One", "unchallenged")]
    assert arb.days == pytest.approx(45_818 * 12 / 86_400)        # ~6.4 days, FACTS 2.1
    bold = d[("Arbitrum One", "BoLD, dispute at the last moment")]
    assert bold.days == pytest.approx((2 * 45_818 + 14_400) * 12 / 86_400)
    assert 12.7 < bold.days - 2.0 < 12.8                          # "about two periods" + 48 h
    for x in d.values():
        assert len(x.sources) == len(x.keys) and all("(" in s for s in x.sources)


def test_new_params_carry_sources():
    for key in ("arbitrum.bold.econ_bridge_value", "arbitrum.bold.econ_rate",
                "arbitrum.bold.econ_week_delay_cost", "arbitrum.bold.econ_min_bond"):
        p = params.get(key)
        assert "bold-economics-of-disputes" in p.source and "2024" in p.holds_for
    assert params.value("arbitrum.bold.econ_bridge_value") == 3.4e9


def test_day_block_conversions():
    assert op.days_to_blocks(1) == 7200.0
    assert op.blocks_to_days(op.days_to_blocks(6.5)) == pytest.approx(6.5)
    with pytest.raises(ValueError, match="days"):
        op.days_to_blocks(-1)


# ---------------------------------------------------------------------------------------
# The explorer's model, figures and widget
# ---------------------------------------------------------------------------------------


def test_window_tradeoff():
    r = op.window_tradeoff(7, 3, 1e-4, 20_000)
    assert r.days.shape == r.survival.shape == r.fee_bp.shape
    assert r.days[-1] == 14.0
    assert r.survival_at_window == pytest.approx(op.survival_probability(50_400, 3, 1e-4, 20_000))
    assert r.fee_bp_at_window == pytest.approx(op.lp_fee(1.0, 0.05, 7).basis_points)
    assert np.all(np.diff(r.survival) <= 0) and np.all(np.diff(r.fee_bp) > 0)
    assert op.window_tradeoff(20, 1, 1e-3).days[-1] == 25.0
    with pytest.raises(ValueError, match="points"):
        op.window_tradeoff(7, 3, 1e-4, points=1)
    with pytest.raises(ValueError, match="max_days"):
        op.window_tradeoff(7, 3, 1e-4, max_days=0)


def test_plots_return_labelled_figures():
    days = np.linspace(0, 10, 21)
    s = {f"{n} watchers": op.survival_probability(op.days_to_blocks(days), n, 1e-4)
         for n in (1, 3)}
    figs = [
        oplot.plot_survival(days, s, marks={"OP": 7.0}),
        oplot.plot_censorship_cost(days, {"k": op.censorship_cost(op.days_to_blocks(days), 3,
                                                                   1e-4, 1.0)},
                                   unit="ETH", value=5_000.0, marks={"Arbitrum": 6.36}),
        oplot.plot_margin(days, {"60%": op.settlement_margin(1.0, 0.6, days).margin},
                          unit="USD", marks={"OP": 7.0}),
        oplot.plot_window_tradeoff(op.window_tradeoff(7, 3, 1e-4, 20_000)),
    ]
    for fig in figs:
        for ax in fig.axes:
            assert ax.get_xlabel() and ax.get_ylabel()
            assert "(" in ax.get_ylabel() or "P(" in ax.get_ylabel()
        plt.close(fig)
    assert figs[0].axes[0].get_yscale() == "log"
    fig = oplot.plot_survival(days, s, floor=1e-6)
    three = fig.axes[0].lines[1].get_ydata()            # 3 watchers reach the floor and stop
    assert np.nanmin(three) == 1e-6 and np.isnan(three[-1]) and not np.isnan(three[0])
    plt.close(fig)
    assert "ETH" in figs[1].axes[0].get_ylabel()
    assert len(figs[3].axes) == 2
    assert not plt.get_fignums()


def test_plots_reject_bad_input():
    with pytest.raises(ValueError, match="shape"):
        oplot.plot_survival(np.arange(5), {"a": np.arange(4)})
    with pytest.raises(ValueError, match="at least one"):
        oplot.plot_margin(np.arange(5), {}, unit="USD")
    with pytest.raises(TypeError, match="WindowTradeoff"):
        oplot.plot_window_tradeoff({"days": [0, 1]})
    plt.close("all")


def test_widget_builds_and_redraws(monkeypatch):
    import ipywidgets as w

    from seqlearn.widgets import optimistic as wopt

    monkeypatch.setattr(plt, "show", lambda: None)
    box = wopt.window_explorer()
    assert isinstance(box, w.VBox)
    sliders = explorer_controls(box)
    assert [s.value for s in sliders] == [wopt.DEFAULTS[k] for k in
                                          ("window_days", "watchers", "availability",
                                           "censor_blocks")]
    sliders[1].value = 5  # moving a slider recomputes without error
    plt.close("all")
    fig = wopt.render(**wopt.DEFAULTS)
    assert fig.axes[0].get_ylabel() == "P(fraud survives the window)"
    plt.close(fig)


# ---------------------------------------------------------------------------------------
# Self-checks (chapter 5)
# ---------------------------------------------------------------------------------------


def test_ch05_checks_accept_right_answers():
    from statistics import NormalDist

    assert ch05.check_watchers("b") and ch05.check_watchers(" B ")
    assert ch05.check_locked_cost(10e6 * math.expm1(0.05 * 7 / 365))
    assert ch05.check_locked_cost(10e6 * 0.05 * 7 / 365)            # simple interest also passes
    t = 45_818 * 12 / 86_400 / 365
    fee = 1e6 * (1 - (1 - 1e-4) * math.exp(-0.05 * t)) + 1e6 * 5e-4
    assert ch05.expected_lp_fee() == pytest.approx(fee)
    assert ch05.check_lp_fee(fee)

    def margin(notional, sigma, days, conf):
        return notional * NormalDist().inv_cdf(conf) * sigma * math.sqrt(days / 365)

    assert ch05.check_margin_function(margin)


@pytest.mark.parametrize("bad", [None, "x", [1, 2], {"a": 1}, float("nan"), True, 3.0])
def test_ch05_checks_reject_wrong_answers_without_crashing(bad):
    for check in (ch05.check_watchers, ch05.check_locked_cost, ch05.check_lp_fee,
                  ch05.check_margin_function):
        fb = check(bad)
        assert not fb and fb.message.startswith("Not yet")


def test_ch05_margin_check_catches_a_wrong_formula():
    fb = ch05.check_margin_function(lambda n, s, d, c: n * 2.33 * s * d / 365)  # no square root
    assert not fb and "Not yet" in repr(fb)
    fb = ch05.check_margin_function(lambda n, s, d, c: 1 / 0)
    assert not fb and "ZeroDivisionError" in fb.message


def test_censorship_cost_edge_cases():
    assert op.censorship_cost(10, 0, 1.0, 3.0, target=1.0) == 0.0     # no watchers: free
    assert op.censorship_cost(10, 2, 1.0, 3.0, target=0.5) == 30.0    # perfect watchers: all
    assert op.censorship_cost(10, 2, 0.3, 3.0, target=0.2, common_mode=0.25) == 0.0
    with pytest.raises(ValueError, match="target"):
        op.censorship_cost(10, 2, 0.3, 3.0, target=1.5)


def test_censorship_figure_shows_the_slack_the_cost_curves_hide():
    days = np.linspace(0, 10, 21)
    blocks = op.days_to_blocks(days)
    costs = {f"{t:.1%}": op.censorship_cost(blocks, 5, 1e-3, 1.0, target=t)
             for t in (0.5, 0.999)}
    targets = np.linspace(0.01, 0.999, 990)              # holds 0.5 and 0.999
    saved = 1e6 - op.censorship_cost(1e6, 5, 1e-3, 1.0, target=targets)
    fig = oplot.plot_censorship_cost(days, costs, unit="ETH", value=1e4,
                                     slack=(targets, saved), slack_marks=(0.5,))
    left, right = fig.axes
    widths = [line.get_linewidth() for line in left.lines[:2]]
    assert widths[0] > widths[1]                     # the curve below stays visible
    assert right.get_xlabel().endswith("(%)") and "ETH" in right.get_ylabel()
    dot = right.lines[1].get_ydata()[0]              # the marked 50% target
    assert dot == pytest.approx(138.0, abs=0.01)     # ln(0.5) / (5 ln(1 - 1e-3)), floored
    plt.close(fig)
    with pytest.raises(ValueError, match="slack"):
        oplot.plot_censorship_cost(days, costs, unit="ETH", slack=(targets, saved[:-1]))
    with pytest.raises(ValueError, match="targets"):
        oplot.plot_censorship_cost(days, costs, unit="ETH", slack=(targets + 1, saved))
    assert not plt.get_fignums()


def test_ch05_verdicts_fit_the_page():
    for fb in (ch05.check_watchers(None), ch05.check_lp_fee("x"),
               ch05.check_margin_function(lambda *args: None)):
        lines = repr(fb).splitlines()
        assert lines[0].startswith("Not yet") and any(x.startswith("Hint:") for x in lines)
        assert max(map(len, lines)) <= 76
    assert repr(ch05.check_watchers("b")) == "Correct."


# --- Issue 7: bounded sizes, finite results ----------------------------------------------

def test_window_tradeoff_points_are_bounded():
    from seqlearn.optimistic import MAX_POINTS, window_tradeoff
    for points in (10**9, 10**30, MAX_POINTS + 1):
        with pytest.raises(ValueError, match="points"):
            window_tradeoff(7, 3, 1e-4, points=points)
    with pytest.raises(TypeError, match="points"):
        window_tradeoff(7, 3, 1e-4, points=2.5)


def test_costs_never_overflow_to_inf():
    from seqlearn.optimistic import locked_capital_cost
    with pytest.raises(ValueError, match="non-finite"):
        locked_capital_cost(1e6, 0.05, 10**8)
    with pytest.raises(ValueError, match="days"):
        locked_capital_cost(1e6, 0.05, 10**30)
