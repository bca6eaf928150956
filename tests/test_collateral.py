"""Tests for seqlearn.collateral: liquidation value under market impact and the required stake."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seqlearn import collateral as col
from seqlearn.collateral import (
    DEEP_MARKET,
    CollateralModel,
    Market,
    collateral_report,
    coverage_probability,
    decompose_requirement,
    frontier,
    impact_from_volatility,
    liquidation_price,
    liquidation_value,
    max_liquidation_value,
    required_stake,
    simulate_failures,
    tokens_to_raise,
)
from explorer_helpers import explorer_controls

pos = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
markets = st.builds(
    Market,
    daily_volume=st.floats(min_value=1.0, max_value=1e9),
    impact=st.floats(min_value=0.001, max_value=2.0),
    haircut=st.floats(min_value=0.0, max_value=0.5),
    days=st.integers(min_value=1, max_value=30),
)


# --------------------------------------------------------------------------------------
# liquidity
# --------------------------------------------------------------------------------------
def _integrated_value(q: float, p: float, m: Market, points: int = 200_001) -> float:
    """Independent check: integrate the marginal price over the sale numerically."""
    per_day = q / m.days
    s = np.linspace(0.0, per_day, points)
    marginal = p * (1 - m.haircut) * np.maximum(0.0, 1 - m.impact * np.sqrt(s / m.daily_volume))
    return m.days * float(np.trapezoid(marginal, s))


@pytest.mark.parametrize("q,m", [
    (50.0, Market(daily_volume=100.0, impact=0.5)),
    (100.0, Market(daily_volume=100.0, impact=0.5, haircut=0.1)),
    (900.0, Market(daily_volume=100.0, impact=0.5)),        # past the zero-price point
    (900.0, Market(daily_volume=100.0, impact=0.5, days=3)),
    (2e7, Market(daily_volume=1e6, impact=0.05, days=2)),
])
def test_liquidation_value_matches_the_integral_of_the_marginal_price(q, m):
    assert liquidation_value(q, 2.0, m) == pytest.approx(_integrated_value(q, 2.0, m), rel=1e-6)


def test_liquidation_value_known_numbers():
    m = Market(daily_volume=100.0, impact=0.5)
    # One day's volume: the last token sells at half price, the average at 2/3.
    assert liquidation_value(100.0, 1.0, m) == pytest.approx(200.0 / 3.0, rel=1e-15)
    # The marginal price reaches zero at q = V / eta^2 = 400; proceeds stop at V/(3 eta^2).
    assert liquidation_value(400.0, 1.0, m) == pytest.approx(400.0 / 3.0)
    assert liquidation_value(1e9, 1.0, m) == pytest.approx(400.0 / 3.0)
    assert max_liquidation_value(1.0, m) == pytest.approx(400.0 / 3.0)
    assert liquidation_value(10.0, 3.0, DEEP_MARKET) == 30.0
    assert liquidation_value(10.0, 3.0, Market(math.inf, impact=1.0, haircut=0.5)) == 15.0
    assert max_liquidation_value(2.0, DEEP_MARKET) == math.inf


@given(q1=pos, q2=pos, p=pos, m=markets)
@settings(max_examples=150)
def test_value_rises_but_average_price_falls_with_size(q1, q2, p, m):
    lo, hi = sorted((q1, q2))
    v_lo, v_hi = liquidation_value(lo, p, m), liquidation_value(hi, p, m)
    assert v_hi >= v_lo * (1 - 1e-12)
    assert v_hi <= hi * p * (1 - m.haircut) * (1 + 1e-12)
    if hi > lo * (1 + 1e-9):
        assert liquidation_price(hi, p, m) < liquidation_price(lo, p, m)


@given(q=pos, p=pos, m=markets)
@settings(max_examples=150)
def test_deeper_markets_and_slower_sales_raise_more(q, p, m):
    v = liquidation_value(q, p, m)
    assert liquidation_value(q, p, replace(m, daily_volume=m.daily_volume * 4)) >= v
    assert liquidation_value(q, p, replace(m, days=m.days + 1)) >= v
    assert liquidation_value(q, p, replace(m, impact=m.impact / 2)) >= v
    assert liquidation_value(q, p, replace(m, haircut=m.haircut + 0.1)) < v


@given(q=pos, p=pos, m=markets)
@settings(max_examples=200)
def test_tokens_to_raise_inverts_liquidation_value(q, p, m):
    cap_q = m.days * m.daily_volume / m.impact**2          # where proceeds stop growing
    q = min(q, 0.999 * cap_q)
    v = liquidation_value(q, p, m)
    assert tokens_to_raise(v, p, m) == pytest.approx(q, rel=1e-7)


def test_tokens_to_raise_edge_cases():
    m = Market(daily_volume=100.0, impact=0.5)
    cap = max_liquidation_value(1.0, m)
    assert tokens_to_raise(0.0, 1.0, m) == 0.0
    assert tokens_to_raise(cap, 1.0, m) == pytest.approx(400.0)
    assert tokens_to_raise(cap * 1.0001, 1.0, m) == math.inf
    assert tokens_to_raise(1.0, 0.0, m) == math.inf
    assert tokens_to_raise(1.0, 0.0, DEEP_MARKET) == math.inf
    assert tokens_to_raise(1e-300, 1.0, m) == pytest.approx(1e-300, rel=1e-9)
    # Tiny sales in a finite market are priced at the market price (no cancellation).
    big = Market(daily_volume=1e30, impact=0.05)
    assert tokens_to_raise(1e6, 2.0, big) == pytest.approx(5e5, rel=1e-12)


def test_liquidity_functions_broadcast():
    m = Market(daily_volume=100.0, impact=0.5)
    q = np.array([0.0, 25.0, 100.0])
    v = liquidation_value(q, np.array([1.0, 1.0, 2.0]), m)
    assert v.shape == (3,)
    np.testing.assert_allclose(tokens_to_raise(v, np.array([1.0, 1.0, 2.0]), m), q, rtol=1e-9)
    assert liquidation_price(q, 1.0, m).shape == (3,)
    assert liquidation_price(0.0, 4.0, Market(100.0, impact=0.5, haircut=0.25)) == 3.0


def test_impact_from_volatility():
    assert impact_from_volatility(0.8) == pytest.approx(0.8 / math.sqrt(365))
    assert impact_from_volatility(0.8, y=0.5) == pytest.approx(0.4 / math.sqrt(365))
    with pytest.raises(ValueError, match="y"):
        impact_from_volatility(0.8, y=0.0)


@pytest.mark.parametrize("kwargs,exc,name", [
    ({"daily_volume": 0.0}, ValueError, "daily_volume"),
    ({"daily_volume": float("nan")}, ValueError, "daily_volume"),
    ({"daily_volume": "big"}, TypeError, "daily_volume"),
    ({"daily_volume": 1.0, "impact": -0.1}, ValueError, "impact"),
    ({"daily_volume": 1.0, "haircut": 1.0}, ValueError, "haircut"),
    ({"daily_volume": 1.0, "days": 0}, ValueError, "days"),
    ({"daily_volume": 1.0, "days": 1.5}, TypeError, "days"),
    ({"daily_volume": 1.0, "days": True}, TypeError, "days"),
])
def test_market_validates(kwargs, exc, name):
    with pytest.raises(exc, match=name):
        Market(**kwargs)


@pytest.mark.parametrize("args,exc,name", [
    ((-1.0, 1.0), ValueError, "quantity"),
    ((1.0, -1.0), ValueError, "price"),
    ((float("inf"), 1.0), ValueError, "quantity"),
    (("1", 1.0), TypeError, "quantity"),
    ((1.0, None), TypeError, "price"),
])
def test_liquidity_functions_validate(args, exc, name):
    m = Market(100.0)
    for fn in (liquidation_value, liquidation_price, tokens_to_raise):
        with pytest.raises(exc, match=name.replace("quantity", "quantity|amount")):
            fn(*args, m)
    with pytest.raises(TypeError, match="market"):
        liquidation_value(1.0, 1.0, {"daily_volume": 1.0})


# --------------------------------------------------------------------------------------
# the required stake
# --------------------------------------------------------------------------------------
def base(**kw) -> CollateralModel:
    args = dict(loss=1e6, price=2.0, volatility=0.8, fault_rate=0.5, jump=0.3,
                market=Market(daily_volume=2e6, impact=0.05))
    args.update(kw)
    return CollateralModel(**args)


@given(loss=pos, price=pos, alpha=st.floats(min_value=0.01, max_value=0.5))
@settings(max_examples=40, deadline=None)
def test_known_limit_one_failure_needs_exactly_loss_over_price(loss, price, alpha):
    m = CollateralModel(loss=loss, price=price, volatility=0.0, fault_rate=1e-6)
    r = required_stake(m, alpha=alpha, n_paths=500, seed=7)
    assert r.stake == loss / price            # exactly: no rounding anywhere on this path
    assert r.ratio == pytest.approx(1.0, rel=1e-15)
    assert r.coverage == 1.0


def _truncated_poisson_quantile(m: float, alpha: float) -> int:
    cdf, k = 0.0, 0
    norm = 1 - math.exp(-m)
    while cdf < 1 - alpha:
        k += 1
        cdf += math.exp(-m) * m**k / math.factorial(k) / norm
    return k


@pytest.mark.parametrize("rate,alpha", [(0.5, 0.05), (1.0, 0.05), (2.0, 0.1), (5.0, 0.02)])
def test_known_limit_many_failures_is_a_poisson_quantile(rate, alpha):
    """sigma = 0, no jump, deep market: the stake is (failures at the quantile) x loss/price."""
    m = CollateralModel(loss=300.0, price=3.0, volatility=0.0, fault_rate=rate)
    k = _truncated_poisson_quantile(rate, alpha)
    r = required_stake(m, alpha=alpha, n_paths=100_000, seed=1)
    assert r.stake == pytest.approx(k * 100.0, rel=1e-12)


def test_known_limit_jump_and_liquidity_without_volatility():
    mk = Market(daily_volume=1e5, impact=0.2, haircut=0.05, days=2)
    m = CollateralModel(loss=1e5, price=2.0, volatility=0.0, fault_rate=1e-6, jump=0.4,
                        market=mk)
    expected = tokens_to_raise(1e5, 2.0 * 0.6, mk)
    assert required_stake(m, alpha=0.05, n_paths=500).stake == pytest.approx(expected, rel=1e-12)
    m_total_jump = replace(m, jump=1.0)
    assert required_stake(m_total_jump, alpha=0.05, n_paths=500).stake == math.inf


def _phi(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def test_one_failure_with_volatility_matches_the_analytic_quantile():
    """One failure at a uniform time in [0, T]; GBM price. The coverage of a stake S is
    E_t[ P(S P_t >= L) ] = E_t[ Phi((ln(S P0 / L) + (mu - s^2/2) t) / (s sqrt t)) ]."""
    sigma, mu, horizon, alpha = 0.8, 0.1, 2.0, 0.05
    m = CollateralModel(loss=1.0, price=1.0, volatility=sigma, fault_rate=1e-6,
                        drift=mu, horizon=horizon)
    t = (np.arange(20_000) + 0.5) / 20_000 * horizon

    def coverage(stake: float) -> float:
        z = (math.log(stake) + (mu - sigma**2 / 2) * t) / (sigma * np.sqrt(t))
        return float(np.mean(_phi(z)))

    lo, hi = 1.0, 100.0
    for _ in range(60):
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if coverage(mid) < 1 - alpha else (lo, mid)
    r = required_stake(m, alpha=alpha, n_paths=200_000, seed=3)
    assert r.stake_low <= hi <= r.stake_high
    assert r.stake == pytest.approx(hi, rel=0.03)
    assert coverage_probability(hi, m, n_paths=200_000, seed=4) == pytest.approx(0.95, abs=0.003)


def _reference_needs(m: CollateralModel, n: int, seed: int) -> np.ndarray:
    """Independent, slow reference: Poisson count, sorted uniform times, exact Brownian
    increments between failures, one path at a time."""
    rng = np.random.default_rng(seed)
    out = np.empty(n)
    lam_t = m.fault_rate * m.horizon
    for i in range(n):
        k = 0
        while k == 0:
            k = rng.poisson(lam_t)
        times = np.sort(rng.random(k)) * m.horizon
        w = np.cumsum(rng.standard_normal(k) * np.sqrt(np.diff(times, prepend=0.0)))
        price = (m.price * np.exp(m.volatility * w + (m.drift - m.volatility**2 / 2) * times)
                 * (1 - m.jump) ** np.arange(1, k + 1))
        out[i] = np.sum(tokens_to_raise(np.full(k, m.loss), price, m.market))
    return out


def test_several_failures_match_an_independent_reference_simulation():
    m = base(fault_rate=3.0, jump=0.1, volatility=0.6)
    ref = np.sort(_reference_needs(m, 20_000, seed=11))
    fast = np.sort(simulate_failures(m, n_paths=20_000, seed=5).tokens_needed)
    for q in (0.5, 0.9, 0.95):
        k = int(q * 20_000)
        assert fast[k] == pytest.approx(ref[k], rel=0.04), q
    assert np.mean(fast) == pytest.approx(np.mean(ref), rel=0.03)


def test_failure_counts_follow_the_truncated_poisson_law():
    s = simulate_failures(base(fault_rate=2.0), n_paths=100_000, seed=2)
    m = 2.0
    norm = 1 - math.exp(-m)
    for k in (1, 2, 3, 4):
        p = math.exp(-m) * m**k / math.factorial(k) / norm
        assert np.mean(s.n_failures == k) == pytest.approx(p, abs=0.005)
    assert s.n_failures.min() == 1


SIGMAS = (0.0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0)


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.2, 0.5])
def test_more_volatility_needs_more_stake_for_one_failure(alpha):
    stakes = [required_stake(base(volatility=s, fault_rate=1e-3), alpha, 4000, seed=9).stake
              for s in SIGMAS]
    assert np.all(np.diff(stakes) > 0)


# Tail levels only. At alpha = 0.5 the requirement is the sample median of the tokens one
# failure needs, which sits on paths whose price barely moved; there a little volatility
# shifts the median by sampling noise (about sigma sqrt(t) / sqrt(n)) more than it raises it
# (about sigma^2 t / 2), so it can fall: hypothesis found sigma 0 -> 0.03125, seed 2.
@given(s1=st.floats(0.0, 2.0), s2=st.floats(0.0, 2.0), seed=st.integers(0, 30),
       alpha=st.sampled_from([0.01, 0.05, 0.2]))
@settings(max_examples=30, deadline=None)
def test_volatility_monotonicity_holds_for_any_pair_and_seed(s1, s2, seed, alpha):
    lo, hi = sorted((s1, s2))
    m = base(fault_rate=1e-3)
    assert (required_stake(replace(m, volatility=hi), alpha, 1000, seed).stake
            >= required_stake(replace(m, volatility=lo), alpha, 1000, seed).stake)


@pytest.mark.parametrize("alpha", [0.01, 0.05])
def test_more_volatility_needs_more_stake_with_several_failures(alpha):
    stakes = [required_stake(base(volatility=s), alpha, 4000, seed=9).stake for s in SIGMAS]
    assert np.all(np.diff(stakes) > 0)


def test_a_quantile_on_an_atom_can_fall_when_volatility_is_added():
    """The documented exception: with fault_rate 0.5, 22.9 % of paths have two failures or
    more, so at alpha = 0.2 the requirement sits on the two-failure atom; a little price
    noise lets some two-failure paths need less, and the quantile falls before it rises."""
    stakes = [required_stake(base(volatility=s), 0.2, 4000, seed=9).stake for s in SIGMAS]
    assert stakes[1] < stakes[0] and stakes[-1] > stakes[0]


@given(j1=st.floats(0.0, 0.95), j2=st.floats(0.0, 0.95), seed=st.integers(0, 50))
@settings(max_examples=25, deadline=None)
def test_bigger_jump_needs_more_stake_on_every_path(j1, j2, seed):
    lo, hi = sorted((j1, j2))
    a = simulate_failures(base(jump=lo), 500, seed).tokens_needed
    b = simulate_failures(base(jump=hi), 500, seed).tokens_needed
    assert np.all(b >= a)
    assert required_stake(base(jump=hi), 0.05, 500, seed).stake >= \
        required_stake(base(jump=lo), 0.05, 500, seed).stake


@given(v1=st.floats(3e5, 1e9), v2=st.floats(3e5, 1e9), seed=st.integers(0, 50))
@settings(max_examples=25, deadline=None)
def test_thinner_market_needs_more_stake_on_every_path(v1, v2, seed):
    thin, deep = sorted((v1, v2))
    mk = Market(daily_volume=thin, impact=0.05)
    a = simulate_failures(base(market=replace(mk, daily_volume=deep)), 500, seed).tokens_needed
    b = simulate_failures(base(market=mk), 500, seed).tokens_needed
    assert np.all(b >= a * (1 - 1e-12))    # volumes one ulp apart may round either way
    deep_needs = simulate_failures(base(market=DEEP_MARKET), 500, seed).tokens_needed
    assert np.all(deep_needs <= a * (1 + 1e-12))


def test_liquidity_knobs_and_fault_rate_are_monotone():
    def stake(**kw):
        return required_stake(base(**kw), 0.02, 4000, seed=3).stake

    mk = Market(daily_volume=1e6, impact=0.05)
    assert stake(market=mk) < stake(market=replace(mk, impact=0.1))
    assert stake(market=mk) < stake(market=replace(mk, haircut=0.1))
    assert stake(market=mk) > stake(market=replace(mk, days=5))
    rates = [stake(fault_rate=r) for r in (0.01, 0.3, 1.0, 3.0, 10.0)]
    assert np.all(np.diff(rates) > 0)
    # fault rate: path by path, more failures and lower prices
    a = simulate_failures(base(fault_rate=0.5), 2000, 1).tokens_needed
    b = simulate_failures(base(fault_rate=2.0), 2000, 1).tokens_needed
    assert np.all(b >= a)


def test_an_unsellable_loss_needs_an_infinite_stake():
    m = base(market=Market(daily_volume=1e4, impact=0.5))   # the market can pay ~27k at most
    r = required_stake(m, 0.05, 1000)
    assert r.stake == math.inf and r.ratio == math.inf


def test_required_stake_is_deterministic_and_has_the_promised_coverage():
    m = base()
    r1, r2 = required_stake(m, 0.05, 3000, seed=4), required_stake(m, 0.05, 3000, seed=4)
    assert r1 == r2
    assert required_stake(m, 0.05, 3000, seed=5).stake != r1.stake
    assert r1.coverage >= 0.95
    assert coverage_probability(r1.stake, m, 3000, seed=4) == r1.coverage
    assert coverage_probability(np.nextafter(r1.stake, 0), m, 3000, seed=4) < 0.95
    assert r1.stake_low <= r1.stake <= r1.stake_high
    assert r1.stake_value == r1.stake * m.price
    assert r1.ratio == pytest.approx(r1.stake_value / m.loss)
    assert r1.yearly_cost == pytest.approx(0.05 * r1.stake_value)
    assert "collateralisation ratio" in r1.summary()
    assert " USD at today's price" in r1.summary(currency="USD")
    assert max(map(len, r1.summary(currency="USD").splitlines())) <= 80


def test_frontier_and_report_agree_with_required_stake():
    m = base()
    alphas = [0.3, 0.1, 0.05, 0.01]
    f = frontier(m, alphas, 2000, seed=6)
    assert np.all(np.diff(f.stakes) >= 0) and np.all(np.diff(f.security) > 0)
    for a, s in zip(alphas, f.stakes):
        assert s == required_stake(m, a, 2000, seed=6).stake
    rep = collateral_report(m, 0.05, alphas, 2000, seed=6)
    assert rep.required == required_stake(m, 0.05, 2000, seed=6)
    np.testing.assert_array_equal(rep.frontiers[-1].stakes, f.stakes)
    assert rep.decomposition == decompose_requirement(m, 0.05, 2000, seed=6)
    assert rep.decomposition.ratios[0] == pytest.approx(
        _truncated_poisson_quantile(0.5, 0.05) * 1.0)   # failures alone: a whole number
    assert len(rep.frontiers) == len(rep.decomposition.labels) == 4


@pytest.mark.parametrize("kwargs,exc,name", [
    ({"loss": 0.0}, ValueError, "loss"),
    ({"price": -1.0}, ValueError, "price"),
    ({"volatility": -0.1}, ValueError, "volatility"),
    ({"fault_rate": 0.0}, ValueError, "fault_rate"),
    ({"fault_rate": 100.0}, ValueError, "fault_rate"),
    ({"jump": 1.5}, ValueError, "jump"),
    ({"horizon": 0.0}, ValueError, "horizon"),
    ({"capital_cost": -0.01}, ValueError, "capital_cost"),
    ({"market": 1e6}, TypeError, "market"),
    ({"loss": "1e6"}, TypeError, "loss"),
])
def test_collateral_model_validates(kwargs, exc, name):
    with pytest.raises(exc, match=name):
        base(**kwargs)


def test_simulation_arguments_validate():
    m = base()
    with pytest.raises(ValueError, match="alpha"):
        required_stake(m, alpha=0.0)
    with pytest.raises(ValueError, match="alpha"):
        required_stake(m, alpha=1e-4, n_paths=1000)       # below 1 / n_paths
    with pytest.raises(TypeError, match="n_paths"):
        required_stake(m, n_paths=1000.0)
    with pytest.raises(ValueError, match="n_paths"):
        required_stake(m, n_paths=10)
    with pytest.raises(ValueError, match="seed"):
        required_stake(m, seed=-1)
    with pytest.raises(TypeError, match="model"):
        required_stake({"loss": 1})
    with pytest.raises(ValueError, match="alphas"):
        frontier(m, [])
    with pytest.raises(ValueError, match="stake"):
        coverage_probability(-1.0, m)


def test_draws_do_not_depend_on_the_number_of_slots():
    a = col._draws(300, 5, 10)
    b = col._draws(300, 5, 40)
    np.testing.assert_array_equal(a.u_time, b.u_time[:10])
    np.testing.assert_array_equal(a.xi, b.xi[:10])
    np.testing.assert_array_equal(a.walk, b.walk)


@pytest.mark.parametrize("market", [DEEP_MARKET, Market(daily_volume=2e5, impact=0.05),
                                    Market(daily_volume=5e4, impact=0.1, haircut=0.05, days=3)])
def test_coverable_loss_inverts_required_stake(market):
    m = base(market=market)
    loss = col.coverable_loss(5e6, m, alpha=0.02, n_paths=3000, seed=8)
    assert 0 < loss < 5e6 * m.price
    back = required_stake(replace(m, loss=loss), 0.02, 3000, seed=8).stake
    assert back == pytest.approx(5e6, rel=1e-9)
    assert back <= 5e6 * (1 + 1e-12)
    bigger = col.coverable_loss(1e7, m, alpha=0.02, n_paths=3000, seed=8)
    assert bigger > loss
    assert col.coverable_loss(5e6, m, alpha=0.1, n_paths=3000, seed=8) >= loss


def test_coverable_loss_known_limit_and_validation():
    m = CollateralModel(loss=1.0, price=4.0, volatility=0.0, fault_rate=1e-6)
    assert col.coverable_loss(250.0, m, 0.05, 500) == 1000.0
    with pytest.raises(ValueError, match="stake"):
        col.coverable_loss(0.0, m)
    with pytest.raises(TypeError, match="model"):
        col.coverable_loss(1.0, "model")


# --------------------------------------------------------------------------------------
# figures, explorer and self-checks of the chapter on collateral risk
# --------------------------------------------------------------------------------------
def test_risk_figures_are_labelled():
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from seqlearn import risk
    from seqlearn.plotting import risk as prisk

    q = np.linspace(0, 1e7, 30)
    fig = prisk.plot_liquidation_value(
        q, {"thin": liquidation_value(q, 1.0, Market(1e5)), "deep": q}, 1.0)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert all(ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)
    plt.close(fig)

    fig = prisk.plot_scenario_risk(["a", "b"], [1, 2], [3, 4], [5, 6], 0.01)
    assert "VaR" in " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    plt.close(fig)
    with pytest.raises(ValueError, match=r"expected must be an array of shape \(1,\)"):
        prisk.plot_scenario_risk(["a"], [1, 2], [3], [5], 0.01)

    kw = dict(n_paths=300, n_epochs=20, n_sequencers=2, stake=10.0, price=1.0, mu=0.0,
              sigma=0.05, p_fault=0.05, slash_fraction=0.1, reward=0.0, seed=1)
    runs = {"jump": risk.simulate_collateral(jump=0.1, **kw),
            "no jump": risk.simulate_collateral(jump=0.0, **kw)}
    fig = prisk.plot_wrong_way(runs)
    assert fig.axes[1].get_xlabel() == "lowest collateral value (% of initial)"
    plt.close(fig)
    with pytest.raises(TypeError, match="results"):
        prisk.plot_wrong_way({})

    losses = {k: 100 * r.provider_losses / r.initial_value for k, r in runs.items()}
    var = {k: risk.value_at_risk(v, 0.05) for k, v in losses.items()}
    es = {k: risk.expected_shortfall(v, 0.05) for k, v in losses.items()}
    fig = prisk.plot_loss_tail(losses, var, es, 0.05)
    assert fig.axes[0].get_ylabel() == "density (1/%)"
    plt.close(fig)
    with pytest.raises(ValueError, match="var"):
        prisk.plot_loss_tail(losses, {"jump": 1.0}, es, 0.05)

    rep = collateral_report(base(), 0.05, (0.2, 0.1, 0.05), 500)
    fig = prisk.plot_frontier(rep)
    assert len(fig.axes) >= 2
    assert "collateralisation ratio" in fig.axes[0].get_ylabel()
    plt.close(fig)
    rep_inf = collateral_report(base(market=Market(1e4, impact=0.5)), 0.05, (0.2, 0.05), 500)
    plt.close(prisk.plot_frontier(rep_inf))       # an infinite requirement still draws
    with pytest.raises(TypeError, match="report"):
        prisk.plot_frontier(rep.required)


def test_risk_explorer_binds_five_controls_to_the_model():
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from seqlearn.widgets import risk as wrisk

    box = wrisk.risk_explorer()
    assert isinstance(box, w.VBox)
    sliders = explorer_controls(box)
    assert [s.value for s in sliders] == pytest.approx(list(wrisk.DEFAULTS.values()))
    fig = wrisk.render(**wrisk.DEFAULTS)
    assert fig.axes[0].get_xlabel().startswith("security level")
    plt.close(fig)


def test_chapter_6_self_checks():
    from seqlearn.exercises import ch06

    assert ch06.check_wrong_way("b") and not ch06.check_wrong_way("a")
    assert not ch06.check_wrong_way(2)
    assert ch06.check_liquidation_value(2.0 * 0.98 * 4e6 * (1 - (2 / 3) * 0.1 * 2.0))
    assert not ch06.check_liquidation_value(8e6)           # stake x price
    assert not ch06.check_liquidation_value(None)
    assert ch06.check_sample_var(15) and ch06.check_sample_es(32.5)
    assert not ch06.check_sample_var(12) and not ch06.check_sample_es([32.5])

    def tokens_for(amount, price, daily_volume, impact):
        cap = price * daily_volume / (3 * impact**2)
        if amount > cap:
            return math.inf
        lo, hi = 0.0, daily_volume / impact**2
        for _ in range(200):
            mid = (lo + hi) / 2
            y = impact * math.sqrt(mid / daily_volume)
            lo, hi = (mid, hi) if price * mid * (1 - 2 * y / 3) < amount else (lo, mid)
        return hi

    assert ch06.check_tokens_for(tokens_for)
    assert not ch06.check_tokens_for(lambda a, p, v, e: a / p)     # ignores the impact
    assert not ch06.check_tokens_for(lambda a, p, v, e: 1 / 0)
    assert not ch06.check_tokens_for("tokens_for")
    for fb in (ch06.check_wrong_way(None), ch06.check_liquidation_value(None),
               ch06.check_tokens_for(lambda *args: None)):     # verdicts fit the page
        lines = repr(fb).splitlines()
        assert lines[0].startswith("Not yet") and any(x.startswith("Hint:") for x in lines)
        assert max(map(len, lines)) <= 76


def test_bold_bond_exposure_window_includes_the_grace_period():
    # correction 9 of issue 7: chapter 6 uses chapter 5's longest BoLD delay, two challenge
    # periods plus the 48 h grace period (14.7 days, not 12.7), and re-derives the ratio
    from seqlearn import collateral, optimistic, params

    window = next(d.days for d in optimistic.withdrawal_delays()
                  if d.case == "BoLD, dispute at the last moment")
    period = params.blocks_to_days(params.value("arbitrum.confirm_period_blocks"))
    grace = params.blocks_to_days(params.value("arbitrum.bold.challenge_grace_period_blocks"))
    assert window == pytest.approx(2 * period + grace) and grace == 2.0
    assert 14.7 < window < 14.8

    def ratio(days):
        m = collateral.CollateralModel(
            loss=params.value("arbitrum.bold.econ_week_delay_cost"), price=1.0,
            volatility=0.60, fault_rate=1e-3, horizon=days / 365)
        return collateral.required_stake(m, alpha=0.01, n_paths=20_000, seed=6).ratio

    with_grace = ratio(window)
    assert with_grace == pytest.approx(1.2432, abs=5e-4)        # chapter 6's glued ratio
    assert with_grace > ratio(2 * period)                      # a longer window needs more
    threshold = with_grace * params.value("arbitrum.bold.econ_week_delay_cost") \
        / params.value("arbitrum.bold.assertion_stake")
    assert threshold == pytest.approx(1129, abs=1)              # USD per ETH


# --- Issue 7: ints beyond the float range and overflow are errors, not crashes ------------

def test_huge_ints_and_overflow_are_value_errors():
    with pytest.raises(ValueError, match="daily_volume"):
        Market(daily_volume=10**400)
    with pytest.raises(ValueError, match="non-finite liquidation value"):
        liquidation_value([1e6], 1e308, Market(daily_volume=1e6))
