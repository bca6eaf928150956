"""Tests of seqlearn.derivatives: known values, parity, closed forms against simulation,
the cascade against brute force and the vectorised book engine against a per-loan loop."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seqlearn import collateral, derivatives as d, stability

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from derivatives_loop import simulate_book_loop  # noqa: E402

THIN = collateral.Market(daily_volume=2e5, impact=0.3)


# ---------------------------------------------------------------------------- options
def test_hull_example():
    """Hull, Options, Futures and Other Derivatives, Example 15.6 (S=42, K=40, r=10%,
    sigma=20%, T=0.5): call 4.76, put 0.81."""
    assert d.black_scholes(42, 40, 0.2, 0.5, rate=0.1) == pytest.approx(4.7594, abs=1e-4)
    assert d.black_scholes(42, 40, 0.2, 0.5, rate=0.1, kind="put") == pytest.approx(
        0.8086, abs=1e-4)


def test_atm_textbook_value():
    # S=K=100, sigma=20%, T=1, r=0: C = 100 (2 N(0.1) - 1) = 7.9656
    assert d.black_scholes(100, 100, 0.2, 1.0) == pytest.approx(7.965567, abs=1e-6)


@settings(max_examples=200)
@given(s=st.floats(1, 1e4), k=st.floats(1, 1e4), sig=st.floats(0, 3), t=st.floats(0, 5),
       r=st.floats(-0.05, 0.2))
def test_put_call_parity(s, k, sig, t, r):
    c = d.black_scholes(s, k, sig, t, rate=r)
    p = d.black_scholes(s, k, sig, t, rate=r, kind="put")
    assert c - p == pytest.approx(s - k * math.exp(-r * t), abs=1e-9 * (s + k))


def test_limits():
    # no volatility or no time: discounted intrinsic value
    assert d.black_scholes(110, 100, 0.0, 1.0, rate=0.05) == pytest.approx(
        110 - 100 * math.exp(-0.05))
    assert d.black_scholes(90, 100, 0.3, 0.0) == 0.0
    # huge volatility: a call is worth the spot, a put the discounted strike
    assert d.black_scholes(100, 100, 50.0, 1.0) == pytest.approx(100, rel=1e-6)
    assert d.black_scholes(100, 100, 50.0, 1.0, rate=0.05, kind="put") == pytest.approx(
        100 * math.exp(-0.05), rel=1e-6)
    # bounds and monotonicity
    s = np.linspace(50, 150, 101)
    c = d.black_scholes(s, 100, 0.5, 0.5)
    assert np.all(np.diff(c) > 0) and np.all(c >= np.maximum(s - 100, 0) - 1e-12)
    assert np.all(c <= s)


def test_vectorised_and_scalar_agree():
    s = np.array([80.0, 100.0, 120.0])
    arr = d.black_scholes(s, 100, 0.3, 0.25, kind="put")
    assert isinstance(arr, np.ndarray) and arr.shape == (3,)
    for x, y in zip(s, arr):
        assert d.black_scholes(float(x), 100, 0.3, 0.25, kind="put") == pytest.approx(y)


@pytest.mark.parametrize("kind", d.KINDS)
def test_greeks_match_finite_differences(kind):
    s, k, sig, t, r = 105.0, 100.0, 0.35, 0.4, 0.03
    g = d.greeks(s, k, sig, t, rate=r, kind=kind)
    f = lambda **kw: d.black_scholes(**{**dict(spot=s, strike=k, vol=sig, t=t, rate=r,  # noqa: E731
                                             kind=kind), **kw})
    h = 1e-3
    assert g.price == pytest.approx(f())
    assert g.delta == pytest.approx((f(spot=s + h) - f(spot=s - h)) / (2 * h), rel=1e-6)
    assert g.gamma == pytest.approx((f(spot=s + h) - 2 * f() + f(spot=s - h)) / h**2,
                                    rel=1e-3)
    assert g.vega == pytest.approx((f(vol=sig + h) - f(vol=sig - h)) / (2 * h), rel=1e-6)
    assert g.theta == pytest.approx(-(f(t=t + h) - f(t=t - h)) / (2 * h), rel=1e-5)


@pytest.mark.parametrize("bad, exc", [
    (dict(spot=-1.0), ValueError), (dict(spot=float("nan")), ValueError),
    (dict(vol=-0.1), ValueError), (dict(t=float("inf")), ValueError),
    (dict(kind="straddle"), ValueError), (dict(kind=None), TypeError),
    (dict(strike="100"), TypeError), (dict(rate=True), TypeError),
])
def test_black_scholes_rejects_bad_input(bad, exc):
    args = dict(spot=100.0, strike=100.0, vol=0.2, t=1.0, **{})
    args.update(bad)
    name = next(iter(bad))
    with pytest.raises(exc, match=name):
        d.black_scholes(**args)


# ---------------------------------------------------------------------------- gap risk
def test_outage_move_matches_fact_sheet_table():
    """FACTS-ch7-11 section 2.3: one-sd moves for 30, 88, 120 and 420 minutes."""
    table = {0.6: (0.45, 0.78, 0.91, 1.70), 0.8: (0.60, 1.04, 1.21, 2.26)}
    for vol, row in table.items():
        got = 100 * np.asarray(d.outage_move_sd(vol, [30, 88, 120, 420]))
        assert np.round(got, 2).tolist() == list(row)


@pytest.mark.parametrize("side", ["long", "short"])
@pytest.mark.parametrize("jump", [(0.0, 0.0), (-0.02, 0.04)])
def test_gap_probability_closed_form_matches_simulation(side, jump):
    h = np.array([0.97, 1.0, 1.03, 1.08])
    kw = dict(threshold=0.95 if side == "long" else 1.0, jump_mean=jump[0],
              jump_vol=jump[1], side=side)
    exact = d.gap_probability(h if side == "long" else 1 / h * 1.05, 0.8, 420.0, **kw)
    mc = d.gap_probability_mc(h if side == "long" else 1 / h * 1.05, 0.8, 420.0,
                              n_paths=400_000, seed=5, **kw)
    se = np.sqrt(np.maximum(exact * (1 - exact), 1e-8) / 400_000)
    assert np.all(np.abs(mc - exact) < 5 * se + 1e-6)


def test_gap_probability_grows_with_outage_and_insolvency_is_rarer():
    p = d.gap_probability(1.05, 0.8, [10, 60, 420, 2000])
    assert np.all(np.diff(p) > 0)
    insolvent = d.gap_probability(1.05, 0.8, 420.0, threshold=0.8)
    assert insolvent < p[2]


def test_stop_gap_against_simulation():
    g = d.stop_gap(100.0, 97.0, 0.8, 420.0, jump_mean=-0.01, jump_vol=0.02)
    rng = np.random.default_rng(2)
    m = -0.5 * 0.8**2 * 420 / d.MINUTES_PER_YEAR - 0.01
    s = math.sqrt(0.8**2 * 420 / d.MINUTES_PER_YEAR + 0.02**2)
    sd = 100 * np.exp(m + s * rng.standard_normal(1_000_000))
    assert g.p_gapped == pytest.approx((sd < 97).mean(), abs=0.002)
    assert g.expected_slippage == pytest.approx(np.maximum(97 - sd, 0).mean(), rel=0.01)


def test_stop_gap_unseen_touch_by_simulated_paths():
    """Paths that crossed the level during the outage but ended above it."""
    g = d.stop_gap(100.0, 98.5, 0.8, 420.0)
    rng = np.random.default_rng(3)
    steps, n = 2000, 20_000
    dt = 420 / d.MINUTES_PER_YEAR / steps
    x = np.cumsum(-0.5 * 0.64 * dt + 0.8 * math.sqrt(dt)
                  * rng.standard_normal((n, steps)), axis=1)
    low, end = x.min(axis=1), x[:, -1]
    b = math.log(0.985)
    unseen = ((low < b) & (end >= b)).mean()
    # discrete monitoring misses some crossings: the exact value lies a little above
    assert unseen <= g.p_touched_unseen <= unseen + 0.02


def test_stop_gap_rejects_level_on_wrong_side():
    with pytest.raises(ValueError, match="level"):
        d.stop_gap(100.0, 101.0, 0.5, 60.0)
    with pytest.raises(ValueError, match="level"):
        d.stop_gap(100.0, 99.0, 0.5, 60.0, side="short")


# ---------------------------------------------------------------------------- cascade
def _brute_force_smallest_fixed_point(book, ratio, thr):
    """Every subset of loans that is a fixed point; the smallest must be a subset of all."""
    n = book.n
    fixed = []
    for mask in itertools.product([False, True], repeat=n):
        m = np.array(mask)
        sold = book.seized[m].sum()
        r = ratio * float(np.maximum(0.0, 1 - book.market.impact * math.sqrt(
            sold / (book.market.days * book.market.daily_volume))))
        if np.array_equal(m, book.health * r < thr):
            fixed.append(m)
    smallest = min(fixed, key=lambda m: m.sum())
    assert all(np.all(smallest <= f) for f in fixed)   # it is the least fixed point
    return smallest


@settings(max_examples=60)
@given(health=st.lists(st.floats(0.9, 1.6), min_size=1, max_size=7),
       size=st.floats(500, 30_000), ratio=st.floats(0.85, 1.1))
def test_cascade_against_brute_force(health, size, ratio):
    book = d.Book(health=health, collateral=[size] * len(health), market=THIN)
    liq, final = d.cascade(book, ratio)
    assert np.array_equal(liq[0], _brute_force_smallest_fixed_point(book, ratio, 1.0))


def test_cascade_hand_example():
    """Three loans of 100 tokens; selling 100 in a 1000-a-day market with eta 0.5 leaves
    1 - 0.5 sqrt(0.085 ...) of the price, which sinks the 1.02 loan but not the 1.5 one."""
    thin = collateral.Market(daily_volume=1000.0, impact=0.5)
    b = d.Book(health=[0.99, 1.02, 1.5], collateral=[100.0] * 3, market=thin)
    liq, r = d.cascade(b, 1.0)
    q = 100 * min(1.0, 0.8 * 1.05)
    assert liq.tolist() == [[True, True, False]]
    assert r[0] == pytest.approx(1 - 0.5 * math.sqrt(2 * q / 1000))


def test_cascade_deep_market_is_no_cascade():
    b = d.random_book(2000, seed=1)
    liq, r = d.cascade(b, [0.9, 1.0])
    assert np.array_equal(liq[0], b.health * 0.9 < 1) and not liq[1].any()
    assert r.tolist() == [0.9, 1.0]


# ---------------------------------------------------------------------------- book engine
RULES = [d.LiquidationRule(0.0), d.LiquidationRule(3600.0),
         d.LiquidationRule(7200.0, 0.9), d.LiquidationRule(600.0, 1.0),
         d.LiquidationRule(3600.0, 0.0)]


@pytest.mark.parametrize("rule", RULES, ids=str)
@pytest.mark.parametrize("market", [THIN, collateral.Market(daily_volume=math.inf,
                                                            impact=0.0)], ids=["thin", "deep"])
def test_engine_matches_per_loan_loop(rule, market):
    book = d.random_book(80, seed=4, median_buffer=0.05, median_size=3000, market=market)
    kw = dict(n_scenarios=50, vol=0.8, minutes=420.0, jump_mean=-0.03, jump_vol=0.05,
              p_attentive=0.6, response_time=1200.0, seed=3)
    e = d.simulate_book(book, rule, chunk=7, **kw)
    ref = simulate_book_loop(book, rule, **kw)
    np.testing.assert_allclose(e.bad_debt, ref["bad"], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(e.bonus_paid, ref["bonus"], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(e.impact_cost, ref["cost"], rtol=1e-9, atol=1e-6)
    assert np.all(e.impact_cost >= -1e-6)
    for key, ours in (("liq", e.liquidated), ("need", e.needless), ("resc", e.rescued)):
        assert ours.tolist() == ref[key], key
    assert e.liquidated.sum() > 0


def test_results_do_not_depend_on_chunking():
    book = d.random_book(500, seed=2, median_buffer=0.05, market=THIN)
    kw = dict(n_scenarios=64, minutes=300.0, jump_vol=0.05, seed=9)
    a = d.simulate_book(book, d.LiquidationRule(3600.0), chunk=5, **kw)
    b = d.simulate_book(book, d.LiquidationRule(3600.0), **kw)
    np.testing.assert_allclose(a.bad_debt, b.bad_debt, rtol=1e-12)   # sums differ in order
    assert np.array_equal(a.needless, b.needless) and np.array_equal(a.rescued, b.rescued)


def test_grace_tradeoff_shape():
    book = d.random_book(2000, seed=0, median_buffer=0.1)
    kw = dict(n_scenarios=400, minutes=420.0, jump_mean=-0.05, jump_vol=0.1, seed=1)
    t = d.grace_tradeoff(book, [0, 900, 3600, 14400], **kw)
    assert np.all(np.diff(t.needless) <= 0) and t.needless[0] > t.needless[-1]
    assert np.all(np.diff(t.rescued) >= 0)
    assert np.all(t.bad_debt_es >= t.bad_debt)
    # protecting every loan for a long time lets the deep losses grow
    pure = d.grace_tradeoff(book, [3600, 86400], hf_immediate=0.0, **kw)
    assert pure.bad_debt[1] > pure.bad_debt[0]
    r0 = t.results[0]
    assert r0.rescued.sum() == 0 and np.array_equal(r0.liquidated, r0.liquidated_now)


@pytest.mark.parametrize("version, expected", [
    ("3.6", d.LiquidationRule(3600.0, 0.95)), ("3.7", d.LiquidationRule(0.0, 1.0))])
def test_rule_read_off_the_contract_rules(version, expected):
    """The engine's rules are read off stability's Aave functions, not retyped."""
    def allowed(hf, t):
        return stability.aave_liquidation_allowed(
            hf, sequencer_up=True, seconds_since_change=int(t), version=version)

    assert d.LiquidationRule.from_allowed(allowed, 3600.0) == expected


def test_rule_reader_edge_cases():
    assert d.LiquidationRule.from_allowed(lambda hf, t: hf < 1, 3600.0) == \
        d.LiquidationRule(0.0, 1.0)
    with pytest.raises(ValueError, match="allowed"):
        d.LiquidationRule.from_allowed(lambda hf, t: False, 3600.0)


def test_book_validation():
    with pytest.raises(ValueError, match="health"):
        d.Book(health=[1.1, 0.0], collateral=[1.0, 1.0])
    with pytest.raises(ValueError, match="collateral"):
        d.Book(health=[1.1, 1.2], collateral=[1.0])
    with pytest.raises(ValueError, match="n_scenarios"):
        d.simulate_book(d.random_book(10), d.LiquidationRule(), n_scenarios=0)


def test_insolvent_loans_leave_bad_debt_exactly():
    """One loan at HF 0.5 (LT 0.8): collateral worth 0.625 of the debt at the halt."""
    b = d.Book(health=[0.5], collateral=[100.0], price=1.0, bonus=0.0)
    r = d.simulate_book(b, d.LiquidationRule(0.0), n_scenarios=3, vol=0.0, minutes=60.0)
    assert r.bad_debt.tolist() == pytest.approx([160.0 - 100.0] * 3)


# ---------------------------------------------------------------------------- options in an outage
def test_hedging_error_is_fair_and_grows_with_the_outage():
    err = d.hedging_error([30.0, 120.0, 420.0], n_paths=200_000, seed=4)
    sd = err.std(axis=1)
    assert np.all(np.abs(err.mean(axis=1)) < 4 * sd / math.sqrt(200_000))
    # gamma approximation: loss ~ 0.5 Gamma S^2 (Z^2 sigma^2 D - sigma^2 D): sd ~ D
    g = d.greeks(100.0, 100.0, 0.8, 30 / 365)
    for mins, s in zip((30.0, 120.0, 420.0), sd):
        approx = 0.5 * g.gamma * 100**2 * 0.64 * mins / d.MINUTES_PER_YEAR * math.sqrt(2)
        assert s == pytest.approx(approx, rel=0.1)


def test_outage_addon():
    none = d.outage_addon(0.0, n_paths=1000)
    assert none.expected_cost == 0 and none.es == 0 and none.p_any_outage == 0
    a = d.outage_addon(2.0, jump_vol=0.05, jump_mean=-0.00125, n_paths=40_000, seed=2)
    assert a.p_any_outage == pytest.approx(1 - math.exp(-2 * 30 / 365))
    assert a.es >= a.var >= 0 and a.expected_cost > 0
    emp = d.outage_addon(2.0, durations=[45.0, 88.0, 420.0], n_paths=4000, seed=2)
    assert emp.es > 0


# ---------------------------------------------------------------------------- ordering
def test_frontrun_takes_the_victims_tolerance():
    m = collateral.Market(daily_volume=1e6, impact=0.1)
    f = d.frontrun_sale(2e5, 1.0, m, tolerance=0.005)
    assert f.profit == pytest.approx(0.005 * f.victim_proceeds, rel=1e-6)
    assert f.profit == f.victim_cost
    assert d.frontrun_sale(2e5, 1.0, m, tolerance=0.0).profit == pytest.approx(0, abs=1e-6)
    with pytest.raises(ValueError, match="market"):
        d.frontrun_sale(2e5, 1.0, collateral.DEEP_MARKET)


# ---------------------------------------------------------------------------- params
def test_chapter8_params_against_fact_sheet():
    """FACTS-ch7-11 section 2.1: express-lane transactions not sequenced within five
    blocks (1,250 ms) are dropped; Arbitrum's block time is 250 ms."""
    from seqlearn import params

    blocks = params.value("arbitrum.timeboost.express_lane_drop_blocks")
    assert blocks == 5
    assert blocks * params.value("arbitrum.block_time_ms") == 1250


# ---------------------------------------------------------------------------- chapter 8 support
def test_exercise_answer_keys():
    from seqlearn.exercises import ch08 as e

    assert e.check_sentinel("c").correct and not e.check_sentinel("b").correct
    assert e.check_gap(e.expected_gap()).correct
    assert not e.check_gap(e.expected_gap() * 2).correct
    assert e.check_stop_slippage(e.expected_stop_slippage()).correct
    loss = e.expected_frozen_hedge_loss()
    assert e.check_frozen_hedge_loss(loss).correct
    wrong_sign = e.check_frozen_hedge_loss(-loss)
    assert not wrong_sign.correct and "sign" in wrong_sign.message
    # the gap answer is the 420-minute row of the fact-sheet table: 2.26% per sd
    assert e.expected_gap() == pytest.approx(0.012, abs=5e-4)

    def rounds(health, size, ratio):          # the naive cascade of the exercise
        sold, done, price = 0.0, set(), ratio
        while True:
            new = {i for i, h in enumerate(health) if i not in done and h * price < 1}
            if not new:
                return len(done)
            done |= new
            sold += 0.84 * size * len(new)
            price = ratio * max(0.0, 1 - 0.5 * math.sqrt(sold / 1000))

    assert e.check_cascade(rounds).correct
    assert not e.check_cascade(lambda h, s, r: 0).correct


def test_quiz_answers_come_from_the_model():
    from seqlearn.quizzes import ch08 as q

    ids = [x["id"] for x in q.QUESTIONS]
    assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 6
    sd = next(x for x in q.QUESTIONS if x["id"] == "ch08-sd")
    assert sd["answer"] == pytest.approx(2.26, abs=0.005)
    for x in q.QUESTIONS:
        if x["kind"] == "choice":
            assert 0 <= x["answer"] < len(x["options"])


def test_explorer_and_figures():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from seqlearn.plotting import derivatives as p
    from seqlearn.widgets import derivatives as w

    fig = w.render(**w.DEFAULTS)
    labels = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert "Aave v3.7: no grace period" in labels and "Aave v3.6: one hour" in labels
    plt.close(fig)
    m = np.array([10.0, 100.0])
    for f in (p.plot_gap_probability(m, {"a": d.gap_probability(1.0, 0.8, m)}),
              p.plot_hedging_error(m, d.hedging_error(m, n_paths=50)),
              p.plot_outage_addon(["a"], [1.0], [2.0])):
        assert all(ax.get_xlabel() and ax.get_ylabel() for ax in f.axes)
        plt.close(f)
    with pytest.raises(ValueError, match="marks"):
        p.plot_grace_tradeoff({"a": w.tradeoff(**w.DEFAULTS, n_scenarios=10)},
                              {"x": ("a", 7.0)})
