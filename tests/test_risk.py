"""Tests for seqlearn.risk: the Monte Carlo collateral engine, its closed forms, risk measures."""

from __future__ import annotations

import dataclasses
import itertools
import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seqlearn import risk
from seqlearn.risk import (
    COMMON_SHOCKS,
    SCENARIOS,
    CollateralSimulation,
    CommonShock,
    Scenario,
    expected_collateral,
    expected_scenarios,
    expected_shortfall,
    risk_measures,
    simulate_collateral,
    simulate_scenarios,
    value_at_risk,
)

BASE = dict(n_epochs=40, n_sequencers=5, stake=1_000.0, price=2.0, mu=0.0, sigma=0.03,
            p_fault=0.02, slash_fraction=0.1, jump=0.03, reward=1.0)


def run(**over):
    kw = dict(BASE, n_paths=2_000, seed=1)
    kw.update(over)
    return simulate_collateral(**kw)


def z_score(sample: np.ndarray, exact: float | np.ndarray) -> np.ndarray:
    """(sample mean - exact) / standard error, along axis 0."""
    sample = np.asarray(sample, dtype=float)
    se = sample.std(ddof=1, axis=0) / math.sqrt(sample.shape[0])
    diff = sample.mean(axis=0) - exact
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(se > 0, diff / np.where(se > 0, se, 1.0),
                        np.where(np.abs(diff) < 1e-9 * (1 + np.abs(exact)), 0.0, np.inf))


# --------------------------------------------------------------------------------------
# Closed forms: first against exact enumeration, then the simulation against them
# --------------------------------------------------------------------------------------
def enumerate_means(n_epochs, stake, price, mu, reward, types, epoch_dist):
    """Exact means by brute force over every sequence of per-epoch fault outcomes.

    ``types`` maps a type name to (slash fraction, price impact); "none" earns the reward.
    ``epoch_dist`` is a list of (probability, tuple of one type per sequencer).
    """
    stake = np.asarray(stake, dtype=float)
    e_stake = np.zeros_like(stake)
    e_price = e_value = e_slashed = 0.0
    for seq in itertools.product(epoch_dist, repeat=n_epochs):
        prob = math.prod(p for p, _ in seq)
        s = stake.copy()
        pr = price
        slashed = 0.0
        for _, outcome in seq:
            for i, typ in enumerate(outcome):
                if typ == "none":
                    s[i] += reward
                else:
                    f, _ = types[typ]
                    slashed += s[i] * f
                    s[i] -= s[i] * f
            pr *= math.exp(mu) * math.prod(1 - types[t][1] for t in outcome if t != "none")
        e_stake += prob * s
        e_price += prob * pr
        e_value += prob * pr * s.sum()
        e_slashed += prob * slashed
    return e_stake, e_price, e_value, e_slashed


def test_expected_collateral_matches_exact_enumeration():
    p, f, j, r, mu = 0.3, 0.4, 0.2, 1.5, 0.01
    stake = [10.0, 4.0]
    dist = []
    for outcome in itertools.product(["none", "fault"], repeat=2):
        prob = math.prod(p if o == "fault" else 1 - p for o in outcome)
        dist.append((prob, outcome))
    es, ep, ev, esl = enumerate_means(3, stake, 2.0, mu, r, {"fault": (f, j)}, dist)
    e = expected_collateral(n_epochs=3, n_sequencers=2, stake=stake, price=2.0, mu=mu,
                            p_fault=p, slash_fraction=f, jump=j, reward=r)
    np.testing.assert_allclose(e.final_stake, es, rtol=1e-12)
    assert e.final_price == pytest.approx(ep, rel=1e-12)
    assert e.final_value == pytest.approx(ev, rel=1e-12)
    assert e.total_slashed == pytest.approx(esl, rel=1e-12)
    # wrong-way risk: the mean value is not the product of the means
    assert abs(e.final_value - e.final_price * e.final_stake.sum()) > 1e-3 * e.final_value


def test_expected_scenarios_matches_exact_enumeration_with_common_shock():
    a = Scenario("a", frequency=0.2, slash_fraction=0.3, price_impact=0.1)
    b = Scenario("b", frequency=0.1, slash_fraction=0.6, price_impact=0.25)
    shock = CommonShock(probability=0.25, hit_probability=0.7, slash_fraction=0.5,
                        price_impact=0.15, name="c")
    types = {"a": (0.3, 0.1), "b": (0.6, 0.25), "c": (0.5, 0.15)}
    idio = {"none": 0.7, "a": 0.2, "b": 0.1}
    dist: dict[tuple, float] = {}
    for shock_on in (False, True):
        w = shock.probability if shock_on else 1 - shock.probability
        per_seq = ({"c": shock.hit_probability,
                    **{k: (1 - shock.hit_probability) * v for k, v in idio.items()}}
                   if shock_on else idio)
        for outcome in itertools.product(per_seq, repeat=2):
            prob = w * math.prod(per_seq[o] for o in outcome)
            dist[outcome] = dist.get(outcome, 0.0) + prob
    dist_list = [(p, o) for o, p in dist.items()]
    assert math.fsum(p for p, _ in dist_list) == pytest.approx(1.0)
    es, ep, ev, esl = enumerate_means(2, [5.0, 8.0], 3.0, -0.02, 0.7, types, dist_list)
    e = expected_scenarios(n_epochs=2, n_sequencers=2, stake=[5.0, 8.0], price=3.0,
                           mu=-0.02, reward=0.7, scenarios=[a, b], common_shock=shock)
    np.testing.assert_allclose(e.final_stake, es, rtol=1e-12)
    assert e.final_price == pytest.approx(ep, rel=1e-12)
    assert e.final_value == pytest.approx(ev, rel=1e-12)
    assert e.total_slashed == pytest.approx(esl, rel=1e-12)
    assert e.mean_faults["c"] == pytest.approx(2 * 2 * 0.25 * 0.7)
    assert e.mean_faults["a"] == pytest.approx(2 * 2 * (1 - 0.25 * 0.7) * 0.2)


def test_expected_scenarios_reduces_to_expected_collateral():
    kw = dict(n_epochs=30, n_sequencers=3, stake=[1.0, 2.0, 3.0], price=1.5, mu=0.002,
              reward=0.1)
    e1 = expected_collateral(**kw, p_fault=0.05, slash_fraction=0.2, jump=0.04)
    e2 = expected_scenarios(**kw, scenarios=[Scenario("fault", 0.05, 0.2, 0.04)])
    for name in ("mean_stake", "mean_price", "mean_value", "mean_slashed"):
        np.testing.assert_allclose(getattr(e1, name), getattr(e2, name), rtol=1e-14)


SETTINGS = [
    dict(BASE),
    dict(n_epochs=25, n_sequencers=3, stake=[50.0, 200.0, 10.0], price=1.0, mu=0.01,
         sigma=0.05, p_fault=0.3, slash_fraction=0.5, jump=0.1, reward=5.0),
    dict(n_epochs=60, n_sequencers=1, stake=100.0, price=10.0, mu=-0.005, sigma=0.1,
         p_fault=0.05, slash_fraction=1.0, jump=0.5, reward=0.0),
    dict(n_epochs=100, n_sequencers=8, stake=1e4, price=0.5, mu=0.0, sigma=0.02,
         p_fault=0.002, slash_fraction=0.05, jump=0.01, reward=2.0),
]


@pytest.mark.parametrize("setting", SETTINGS, ids=["base", "frequent", "one", "many"])
def test_simulation_matches_closed_form(setting):
    r = simulate_collateral(n_paths=20_000, seed=12, **setting)
    e = expected_collateral(**setting)
    assert np.all(np.abs(z_score(r.final_stakes, e.final_stake)) < 4)
    assert abs(z_score(r.final_price, e.final_price)) < 4
    assert abs(z_score(r.final_value, e.final_value)) < 4
    assert abs(z_score(r.total_slashed, e.total_slashed)) < 4
    assert abs(z_score(r.faults[:, 0], e.mean_faults["fault"])) < 4
    # the reported summary is the mean and its standard error
    assert abs(r.mean_final_value - e.final_value) < 4 * r.stderr_final_value


def test_simulation_sees_wrong_way_risk():
    # Faults push stake and price down together: E[V] != E[S] E[P], and the simulation is
    # precise enough to tell the two apart, so the value test above has teeth.
    setting = SETTINGS[1]
    r = simulate_collateral(n_paths=20_000, seed=5, **setting)
    e = expected_collateral(**setting)
    naive = e.final_price * e.final_stake.sum()
    assert abs(z_score(r.final_value, naive)) > 6
    assert abs(z_score(r.final_value, e.final_value)) < 4


@pytest.mark.parametrize("q", [1.0, 0.4])
def test_scenarios_match_closed_form(q):
    scen = [Scenario("x", 0.03, 0.2, 0.02), Scenario("y", 0.01, 0.6, 0.08)]
    shock = CommonShock(probability=0.02, hit_probability=q, slash_fraction=0.3,
                        price_impact=0.05, name="shock")
    kw = dict(n_epochs=50, n_sequencers=4, stake=[100.0, 50.0, 25.0, 10.0], price=2.0,
              mu=0.001, reward=1.0, scenarios=scen, common_shock=shock)
    r = simulate_scenarios(n_paths=20_000, sigma=0.03, seed=9, **kw)
    e = expected_scenarios(**kw)
    assert r.scenario_names == ("x", "y", "shock")
    assert np.all(np.abs(z_score(r.final_stakes, e.final_stake)) < 4)
    assert abs(z_score(r.final_price, e.final_price)) < 4
    assert abs(z_score(r.final_value, e.final_value)) < 4
    assert abs(z_score(r.total_slashed, e.total_slashed)) < 4
    for k, name in enumerate(r.scenario_names):
        assert abs(z_score(r.faults[:, k], e.mean_faults[name])) < 4


def test_default_scenarios_and_shock_run_and_match_closed_form():
    kw = dict(n_epochs=365, n_sequencers=5, stake=1e5, price=1.0, mu=0.0, reward=10.0,
              scenarios=list(SCENARIOS), common_shock=COMMON_SHOCKS["shared_outage"])
    r = simulate_scenarios(n_paths=5_000, sigma=0.02, seed=4, **kw)
    e = expected_scenarios(**kw)
    for k, name in enumerate(r.scenario_names):
        assert abs(z_score(r.faults[:, k], e.mean_faults[name])) < 4
    assert abs(z_score(r.total_slashed, e.total_slashed)) < 4


def test_scenarios_are_labelled_as_illustrative():
    assert set(SCENARIOS) == {"downtime", "data_availability", "invalid_state"}
    for s in list(SCENARIOS.values()):
        assert "ILLUSTRATIVE" in s.description
    # frequent-and-mild versus rare-and-severe
    assert SCENARIOS["downtime"].frequency > SCENARIOS["invalid_state"].frequency
    assert SCENARIOS["downtime"].slash_fraction < SCENARIOS["invalid_state"].slash_fraction


# --------------------------------------------------------------------------------------
# The fault sampler: per-sequencer independence with the per-path scheme
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("p", [0.3, 0.05])
def test_faults_are_independent_bernoulli_per_sequencer(p):
    # One epoch, slash everything, no reward: a sequencer faulted iff its final stake is 0.
    k, n = 4, 40_000
    r = simulate_collateral(n_paths=n, n_epochs=1, n_sequencers=k, stake=1.0, price=1.0,
                            mu=0.0, sigma=0.0, p_fault=p, slash_fraction=1.0, jump=0.0,
                            reward=0.0, seed=21)
    faulted = r.final_stakes == 0.0
    codes = faulted @ (1 << np.arange(k))
    freq = np.bincount(codes, minlength=2 ** k) / n
    for code in range(2 ** k):
        bits = [(code >> i) & 1 for i in range(k)]
        exact = math.prod(p if b else 1 - p for b in bits)
        se = math.sqrt(exact * (1 - exact) / n)
        assert abs(freq[code] - exact) < 4.5 * se + 1e-12, (code, freq[code], exact)
    np.testing.assert_array_equal(r.faults[:, 0], faulted.sum(axis=1))


def test_fault_probability_extremes():
    kw = dict(n_paths=50, n_epochs=3, n_sequencers=3, stake=8.0, price=1.0, mu=0.0,
              sigma=0.0, slash_fraction=0.5, jump=0.5, reward=1.0, seed=2)
    none = simulate_collateral(p_fault=0.0, **kw)
    assert np.all(none.final_stakes == 11.0)
    assert np.all(none.total_slashed == 0.0)
    assert np.all(none.faults == 0)
    every = simulate_collateral(p_fault=1.0, **kw)
    assert np.all(every.final_stakes == 1.0)  # 8 * 0.5^3
    np.testing.assert_allclose(every.final_price, 0.5 ** 9, rtol=1e-12)  # 3 faults/epoch
    assert np.all(every.total_slashed == 3 * 7.0)
    assert np.all(every.faults == 9)


# --------------------------------------------------------------------------------------
# Determinism, chunking, shapes
# --------------------------------------------------------------------------------------
ARRAYS = ("final_stakes", "final_price", "final_value", "min_total_value", "total_slashed",
          "faults")


def test_same_seed_same_result_other_seed_other_result():
    a, b, c = run(seed=3), run(seed=3), run(seed=4)
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.mean_final_value == b.mean_final_value
    assert not np.array_equal(a.final_price, c.final_price)


def test_chunking_keeps_shapes_and_summary_semantics():
    n = 1_000
    ref = run(n_paths=n, seed=8)
    for chunk in (1, 7, 300, 1_000, 5_000):
        r = run(n_paths=n, seed=8, chunk_size=chunk)
        assert r.chunk_size == chunk
        assert r.final_stakes.shape == (n, 5)
        for name in ARRAYS[1:5]:
            assert getattr(r, name).shape == (n,)
        # the summary is the documented function of the per-path arrays
        assert r.mean_final_value == pytest.approx(r.final_value.mean(), rel=1e-12)
        assert r.stderr_final_value == pytest.approx(
            r.final_value.std(ddof=1) / math.sqrt(n), rel=1e-12)
        assert r.q01_final_value == pytest.approx(np.quantile(r.final_value, 0.01))
        assert r.prob_below_threshold == np.mean(r.min_total_value < r.threshold)
        assert r.mean_slashed == pytest.approx(r.total_slashed.mean(), rel=1e-12)
        np.testing.assert_allclose(r.final_value, r.final_price * r.final_stakes.sum(axis=1))
        # same seed and chunk size: identical; other chunking: same distribution
        again = run(n_paths=n, seed=8, chunk_size=chunk)
        np.testing.assert_array_equal(r.final_value, again.final_value)
        se = math.hypot(r.stderr_final_value, ref.stderr_final_value)
        assert abs(r.mean_final_value - ref.mean_final_value) < 4.5 * se
    # a chunk size at least n_paths is the same single chunk as the default
    np.testing.assert_array_equal(run(n_paths=n, seed=8, chunk_size=5_000).final_value,
                                  ref.final_value)


def test_result_is_frozen_and_read_only():
    r = run(n_paths=10)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.mean_final_value = 0.0  # type: ignore[misc]
    for name in ARRAYS:
        with pytest.raises(ValueError):
            getattr(r, name)[0] = 0
    assert r.faults.dtype == np.int64
    assert isinstance(r, CollateralSimulation)
    assert "CollateralSimulation(n_paths=10" in repr(r)
    assert len(repr(r)) < 400
    assert "mean final value" in r.summary()


def test_min_includes_initial_value_and_bounds():
    # prices only rise and nobody faults: the minimum is the initial value itself
    up = run(n_paths=20, mu=0.01, sigma=0.0, p_fault=0.0)
    assert np.all(up.min_total_value == up.initial_value)
    r = run(n_paths=3_000, seed=2)
    assert np.all(r.min_total_value <= r.initial_value)
    assert np.all(r.min_total_value <= r.final_value)
    assert np.all(r.min_total_value > 0)
    assert run(n_paths=20, threshold=1e9).prob_below_threshold == 1.0
    assert run(n_paths=20, threshold=0.0).prob_below_threshold == 0.0
    assert r.threshold == 0.5 * r.initial_value == 0.5 * 5 * 1_000.0 * 2.0


def test_zero_epochs_is_the_initial_state():
    r = run(n_paths=5, n_epochs=0)
    assert np.all(r.final_stakes == 1_000.0)
    assert np.all(r.final_value == r.initial_value)
    assert r.stderr_final_value == 0.0


def test_memory_does_not_grow_with_epochs():
    def peak(n_epochs):
        tracemalloc.start()
        run(n_paths=20_000, n_epochs=n_epochs, seed=1)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    short, long_ = peak(10), peak(300)
    # the results take ~ 20_000 * (5 + 5 + 4) * 8 bytes; nothing scales with epochs
    assert long_ < 1.3 * short
    assert long_ < 40e6


# --------------------------------------------------------------------------------------
# Per-sequencer stakes and scenario reduction
# --------------------------------------------------------------------------------------
def test_per_sequencer_stakes_deterministic_and_random():
    r = simulate_collateral(n_paths=3, n_epochs=4, n_sequencers=3, stake=np.array([1, 2, 3]),
                            price=2.0, mu=0.0, sigma=0.0, p_fault=0.0, slash_fraction=0.1,
                            jump=0.1, reward=0.25, seed=0)
    np.testing.assert_array_equal(r.final_stakes, [[2.0, 3.0, 4.0]] * 3)
    assert r.initial_value == 12.0
    np.testing.assert_array_equal(r.final_value, 18.0)
    # with faults, each sequencer keeps its own scale (closed form per sequencer)
    setting = dict(SETTINGS[1])
    rr = simulate_collateral(n_paths=20_000, seed=3, **setting)
    e = expected_collateral(**setting)
    assert np.all(np.abs(z_score(rr.final_stakes, e.final_stake)) < 4)
    assert rr.final_stakes[:, 1].mean() > rr.final_stakes[:, 0].mean() > rr.final_stakes[
        :, 2].mean()


def test_one_scenario_without_shock_is_exactly_the_base_model():
    base = run(n_paths=3_000, seed=17, p_fault=0.05)
    same = simulate_scenarios(n_paths=3_000, seed=17, n_epochs=40, n_sequencers=5,
                              stake=1_000.0, price=2.0, mu=0.0, sigma=0.03, reward=1.0,
                              scenarios=[Scenario("fault", 0.05, 0.1, 0.03)])
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(base, name), getattr(same, name))
    # an extra scenario that never happens changes nothing either, bit for bit (this runs
    # the multi-kind code path: kinds are picked, tables looked up)
    extra = simulate_scenarios(n_paths=3_000, seed=17, n_epochs=40, n_sequencers=5,
                               stake=1_000.0, price=2.0, mu=0.0, sigma=0.03, reward=1.0,
                               scenarios=[Scenario("fault", 0.05, 0.1, 0.03),
                                          Scenario("never", 0.0, 0.9, 0.9)])
    for name in ARRAYS[:5]:
        np.testing.assert_array_equal(getattr(base, name), getattr(extra, name))
    np.testing.assert_array_equal(extra.faults[:, 0], base.faults[:, 0])
    assert np.all(extra.faults[:, 1] == 0)


def test_shock_that_never_occurs_matches_base_model_in_distribution():
    kw = dict(n_paths=20_000, n_epochs=40, n_sequencers=5, stake=1_000.0, price=2.0,
              mu=0.0, sigma=0.03, reward=1.0, scenarios=[Scenario("fault", 0.02, 0.1, 0.03)])
    with_shock = simulate_scenarios(seed=1, common_shock=CommonShock(0.0, 1.0, 0.5, 0.5),
                                    **kw)
    base = run(n_paths=20_000, seed=2)
    assert np.all(with_shock.faults[:, 1] == 0)
    se = math.hypot(with_shock.stderr_final_value, base.stderr_final_value)
    assert abs(with_shock.mean_final_value - base.mean_final_value) < 4 * se


def test_common_shock_replaces_idiosyncratic_faults():
    # every sequencer is hit every epoch: the shock's severity applies, never the scenario's
    r = simulate_scenarios(n_paths=100, n_epochs=3, n_sequencers=2, stake=16.0, price=1.0,
                           mu=0.0, sigma=0.0, reward=1.0, seed=0,
                           scenarios=[Scenario("often", 0.9, 0.9, 0.0)],
                           common_shock=CommonShock(1.0, 1.0, 0.5, 0.5, name="all"))
    assert np.all(r.final_stakes == 2.0)
    np.testing.assert_allclose(r.final_price, 0.5 ** 6, rtol=1e-12)
    assert np.all(r.faults[:, 0] == 0) and np.all(r.faults[:, 1] == 6)


def test_correlated_faults_fatten_the_tail():
    # same expected number of faults, but clustered: the 1% quantile is worse
    kw = dict(n_paths=20_000, n_epochs=100, n_sequencers=5, stake=100.0, price=1.0,
              mu=0.0, sigma=0.01, reward=0.0)
    p = 0.01
    indep = simulate_scenarios(seed=1, scenarios=[Scenario("f", p, 0.2, 0.05)], **kw)
    clustered = simulate_scenarios(seed=1, scenarios=[Scenario("f", 0.0, 0.2, 0.05)],
                                   common_shock=CommonShock(p, 1.0, 0.2, 0.05), **kw)
    assert indep.faults.sum(axis=1).mean() == pytest.approx(
        clustered.faults.sum(axis=1).mean(), rel=0.05)
    assert clustered.q01_final_value < 0.8 * indep.q01_final_value


# --------------------------------------------------------------------------------------
# Input validation names the argument
# --------------------------------------------------------------------------------------
BAD = [
    ("n_paths", 1, ValueError), ("n_paths", 10.0, TypeError), ("n_paths", True, TypeError),
    ("n_epochs", -1, ValueError), ("n_sequencers", 0, ValueError),
    ("stake", -5.0, ValueError), ("stake", [1.0, 2.0], ValueError),
    ("stake", "a lot", TypeError), ("stake", [1.0, -1.0, 1.0, 1.0, 1.0], ValueError),
    ("price", 0.0, ValueError), ("price", float("nan"), ValueError),
    ("mu", float("inf"), ValueError), ("sigma", -0.1, ValueError),
    ("p_fault", 1.5, ValueError), ("p_fault", "0.1", TypeError),
    ("slash_fraction", -0.1, ValueError), ("jump", 1.0, ValueError),
    ("reward", -1.0, ValueError), ("seed", -3, ValueError), ("seed", 1.5, TypeError),
    ("seed", None, TypeError), ("threshold", -1.0, ValueError),
    ("chunk_size", 0, ValueError),
]


@pytest.mark.parametrize("name,value,exc", BAD)
def test_bad_input_names_the_argument(name, value, exc):
    with pytest.raises(exc, match=name):
        run(**{"n_paths": 10, name: value})


def test_bad_scenarios_are_rejected():
    kw = dict(n_paths=10, n_epochs=2, n_sequencers=2, stake=1.0, price=1.0, mu=0.0,
              sigma=0.0, reward=0.0, seed=0)
    with pytest.raises(ValueError, match="scenarios must be one of"):
        simulate_scenarios(scenarios=["meteor"], **kw)
    with pytest.raises(ValueError, match="at most"):
        simulate_scenarios(scenarios=[Scenario("a", 0.6, 0, 0), Scenario("b", 0.6, 0, 0)],
                           **kw)
    with pytest.raises(ValueError, match="distinct"):
        simulate_scenarios(scenarios=[Scenario("a", 0.1, 0, 0), Scenario("a", 0.1, 0, 0)],
                           **kw)
    with pytest.raises(TypeError, match="scenarios"):
        simulate_scenarios(scenarios=[42], **kw)
    with pytest.raises(TypeError, match="common_shock"):
        simulate_scenarios(scenarios=["downtime"], common_shock=0.1, **kw)
    with pytest.raises(ValueError, match="price_impact"):
        Scenario("a", 0.1, 0.1, 1.0)
    with pytest.raises(ValueError, match="hit_probability"):
        CommonShock(0.1, 2.0, 0.1, 0.1)
    with pytest.raises(ValueError, match="name"):
        Scenario("", 0.1, 0.1, 0.1)
    with pytest.raises(TypeError, match="name"):
        Scenario(3, 0.1, 0.1, 0.1)
    # a single scenario or name is accepted as well as a list
    r = simulate_scenarios(scenarios="downtime", **kw)
    assert r.scenario_names == ("downtime",)


def test_expected_collateral_validates():
    with pytest.raises(ValueError, match="p_fault"):
        expected_collateral(n_epochs=1, n_sequencers=1, stake=1.0, price=1.0, mu=0.0,
                            p_fault=2.0, slash_fraction=0.1, jump=0.1, reward=0.0)
    with pytest.raises(ValueError, match="sigma"):
        expected_collateral(n_epochs=1, n_sequencers=1, stake=1.0, price=1.0, mu=0.0,
                            p_fault=0.1, slash_fraction=0.1, jump=0.1, reward=0.0,
                            sigma=-1.0)


# --------------------------------------------------------------------------------------
# Value-at-risk and expected shortfall
# --------------------------------------------------------------------------------------
def test_var_es_on_a_discrete_uniform():
    losses = np.arange(1, 101, dtype=float)
    rng = np.random.default_rng(0)
    shuffled = rng.permutation(losses)
    assert value_at_risk(shuffled, 0.05) == 95.0
    assert expected_shortfall(shuffled, 0.05) == pytest.approx(98.0)
    assert value_at_risk(shuffled, 0.01) == 99.0
    assert expected_shortfall(shuffled, 0.01) == 100.0
    # n * alpha not an integer: a fraction of the next order statistic
    assert expected_shortfall(shuffled, 0.015) == pytest.approx((100 + 0.5 * 99) / 1.5)
    assert value_at_risk(shuffled, 0.015) == 99.0
    # alpha below 1/n: the worst loss
    assert value_at_risk(shuffled, 0.001) == expected_shortfall(shuffled, 0.001) == 100.0


def test_var_es_on_continuous_distributions():
    rng = np.random.default_rng(1)
    n, alpha = 400_000, 0.01
    lam = 2.0
    expo = rng.exponential(1 / lam, n)
    var_exact = math.log(1 / alpha) / lam
    assert value_at_risk(expo, alpha) == pytest.approx(var_exact, rel=0.02)
    assert expected_shortfall(expo, alpha) == pytest.approx(var_exact + 1 / lam, rel=0.02)
    mu, sd = 3.0, 2.0
    normal = rng.normal(mu, sd, n)
    z99 = 2.3263478740408408  # standard normal 0.99 quantile
    phi = math.exp(-z99 ** 2 / 2) / math.sqrt(2 * math.pi)
    assert value_at_risk(normal, alpha) == pytest.approx(mu + sd * z99, rel=0.01)
    assert expected_shortfall(normal, alpha) == pytest.approx(mu + sd * phi / alpha, rel=0.01)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=200),
       st.floats(0.001, 0.999), st.floats(-1e3, 1e3), st.floats(0.1, 10.0))
def test_var_es_invariants(xs, alpha, shift, scale):
    x = np.array(xs)
    var, es = value_at_risk(x, alpha), expected_shortfall(x, alpha)
    assert x.min() <= var <= x.max()
    assert es >= var - 1e-9 * (1 + abs(var))
    assert es <= x.max() + 1e-9 * (1 + abs(x.max()))
    # translation and positive homogeneity
    assert value_at_risk(x + shift, alpha) == pytest.approx(var + shift, abs=1e-6)
    assert expected_shortfall(x * scale, alpha) == pytest.approx(es * scale, rel=1e-9,
                                                                 abs=1e-6)
    # a smaller tail probability looks further into the tail
    assert value_at_risk(x, alpha / 2) >= var


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.1, float("nan")])
def test_var_rejects_bad_alpha(alpha):
    with pytest.raises(ValueError, match="alpha"):
        value_at_risk([1.0, 2.0], alpha)
    with pytest.raises(ValueError, match="alpha"):
        expected_shortfall([1.0, 2.0], alpha)


def test_var_rejects_bad_losses():
    with pytest.raises(ValueError, match="losses"):
        value_at_risk([], 0.1)
    with pytest.raises(ValueError, match="losses"):
        value_at_risk([[1.0, 2.0]], 0.1)
    with pytest.raises(ValueError, match="losses"):
        expected_shortfall([1.0, float("nan")], 0.1)
    with pytest.raises(TypeError, match="losses"):
        value_at_risk(["a", "b"], 0.1)


def test_risk_measures_of_a_simulation():
    r = run(n_paths=5_000, seed=6, p_fault=0.05, slash_fraction=0.3, jump=0.05)
    m = risk_measures(r, alpha=0.05)
    assert m.var_collateral == value_at_risk(r.initial_value - r.min_total_value, 0.05)
    assert m.es_provider == expected_shortfall(r.initial_value - r.final_value, 0.05)
    assert 0.0 <= m.var_collateral <= m.es_collateral <= r.initial_value
    assert m.var_provider <= m.es_provider
    # the deepest fall over the path is at least the loss at the end
    assert m.var_collateral >= m.var_provider
    assert m.prob_below_threshold == r.prob_below_threshold
    # VaR of the provider's loss mirrors the final value's order statistic: exactly
    # floor(n alpha) = 250 paths end below initial_value - VaR
    assert r.initial_value - m.var_provider == pytest.approx(np.sort(r.final_value)[250],
                                                             rel=1e-12)
    with pytest.raises(TypeError, match="result"):
        risk_measures(r.final_value)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Invariants on random inputs
# --------------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(k=st.integers(1, 4), t=st.integers(0, 12), p=st.floats(0.0, 1.0),
       f=st.floats(0.0, 1.0), j=st.floats(0.0, 0.9), r=st.floats(0.0, 5.0),
       seed=st.integers(0, 2 ** 32))
def test_simulation_invariants(k, t, p, f, j, r, seed):
    res = simulate_collateral(n_paths=50, n_epochs=t, n_sequencers=k, stake=10.0, price=1.0,
                              mu=0.0, sigma=0.05, p_fault=p, slash_fraction=f, jump=j,
                              reward=r, seed=seed, chunk_size=16)
    assert np.all(res.final_stakes >= 0)
    assert np.all(res.final_stakes <= 10.0 + r * t + 1e-9)
    assert np.all(res.total_slashed >= 0)
    assert np.all(res.total_slashed <= 10.0 * k + r * t * k + 1e-9)
    assert np.all(res.min_total_value <= res.initial_value)
    assert np.all(res.min_total_value <= res.final_value)
    assert np.all((res.faults >= 0) & (res.faults <= k * t))
    # token conservation per path: start + rewards earned - slashed = end
    earned = r * (k * t - res.faults[:, 0])
    np.testing.assert_allclose(res.final_stakes.sum(axis=1),
                               10.0 * k + earned - res.total_slashed, rtol=1e-9, atol=1e-9)


# --------------------------------------------------------------------------------------
# Exactness: a literal path-by-path reference that consumes the same random numbers
# --------------------------------------------------------------------------------------
def reference_paths(n, t_max, stake0, price, mu, sigma, reward, kinds, common, seed, chunk):
    """The documented rules applied literally, one path at a time (slow, tiny n only).

    ``kinds`` is a list of (frequency, slash, impact); ``common`` is None or
    (probability, hit_probability, slash, impact). It draws the random numbers in the order
    the module docstring documents, so results must agree with the engine to rounding.
    """
    k = len(stake0)
    p_any = math.fsum(p for p, _, _ in kinds)
    cuts = -np.expm1(np.arange(1, k + 1) * math.log1p(-p_any))
    los = np.cumsum([0.0] + [p for p, _, _ in kinds])[:-1]
    drift = mu - sigma ** 2 / 2
    out = dict(stakes=[], price=[], vmin=[], slashed=[], faults=[])
    starts = list(range(0, n, chunk))
    for start, ss in zip(starts, np.random.SeedSequence(seed).spawn(len(starts))):
        m = min(chunk, n - start)
        rng = np.random.Generator(risk.BIT_GENERATOR(ss))
        stakes = [list(map(float, stake0)) for _ in range(m)]
        prices = [float(price)] * m
        v0 = price * sum(stake0)
        vmin = [v0] * m
        slashed = [0.0] * m
        faults = [[0] * (len(kinds) + (common is not None)) for _ in range(m)]
        for _ in range(t_max):
            u = rng.random(m)
            z = rng.standard_normal(m)
            e = rng.random(m) if common is not None else None
            fp = [j for j in range(m) if u[j] < cuts[-1]]
            v = rng.random((len(fp), k))
            ev = [j for j in range(m) if common is not None and e[j] < common[0]]
            hv = (rng.random((len(ev), k)) if common is not None and common[1] < 1.0
                  else None)
            for j in range(m):
                typ = [None] * k  # kind index per sequencer, None = no fault
                if j in fp:
                    row = fp.index(j)
                    first = next(i for i in range(k) if u[j] < cuts[i])
                    for i in range(k):
                        if i == first or (i > first and v[row, i] < p_any):
                            w = v[row, i] * p_any if i == first else v[row, i]
                            typ[i] = max(q for q in range(len(kinds)) if los[q] <= w)
                if j in ev:
                    row = ev.index(j)
                    for i in range(k):
                        if hv is None or hv[row, i] < common[1]:
                            typ[i] = len(kinds)
                table = kinds + ([common[1:]] if common is not None else [])
                table = [(f, imp) for *_, f, imp in table]
                for i in range(k):
                    if typ[i] is None:
                        stakes[j][i] += reward
                    else:
                        f = table[typ[i]][0]
                        slashed[j] += stakes[j][i] * f
                        stakes[j][i] -= stakes[j][i] * f
                        faults[j][typ[i]] += 1
                prices[j] *= math.exp(drift + sigma * z[j])
                for i in range(k):
                    if typ[i] is not None:
                        prices[j] *= 1 - table[typ[i]][1]
                vmin[j] = min(vmin[j], prices[j] * sum(stakes[j]))
        out["stakes"] += stakes
        out["price"] += prices
        out["vmin"] += vmin
        out["slashed"] += slashed
        out["faults"] += faults
    return {key: np.array(val) for key, val in out.items()}


@pytest.mark.parametrize("case", ["base", "scenarios+shock", "shock_all"])
def test_engine_equals_literal_reference(case):
    n, t_max, chunk, seed = 23, 30, 7, 99
    stake0 = [30.0, 10.0, 20.0]
    common = None
    if case == "base":
        kinds = [(0.15, 0.3, 0.05)]
        res = simulate_collateral(n_paths=n, n_epochs=t_max, n_sequencers=3, stake=stake0,
                                  price=2.0, mu=0.01, sigma=0.1, p_fault=0.15,
                                  slash_fraction=0.3, jump=0.05, reward=0.7, seed=seed,
                                  chunk_size=chunk)
    else:
        kinds = [(0.1, 0.2, 0.03), (0.05, 0.6, 0.1)]
        common = (0.2, 0.5 if case == "scenarios+shock" else 1.0, 0.4, 0.07)
        res = simulate_scenarios(n_paths=n, n_epochs=t_max, n_sequencers=3, stake=stake0,
                                 price=2.0, mu=0.01, sigma=0.1, reward=0.7, seed=seed,
                                 chunk_size=chunk,
                                 scenarios=[Scenario(f"k{i}", *kd)
                                            for i, kd in enumerate(kinds)],
                                 common_shock=CommonShock(*common))
    ref = reference_paths(n, t_max, stake0, 2.0, 0.01, 0.1, 0.7, kinds, common, seed, chunk)
    assert ref["faults"].sum() > 20  # the case exercises slashing
    np.testing.assert_array_equal(res.faults, ref["faults"])
    np.testing.assert_allclose(res.final_stakes, ref["stakes"], rtol=1e-12)
    np.testing.assert_allclose(res.total_slashed, ref["slashed"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(res.final_price, ref["price"], rtol=1e-12)
    np.testing.assert_allclose(res.min_total_value, ref["vmin"], rtol=1e-12)


# --- Issue 7: bounded sizes, no hang, no NaN --------------------------------------------

def test_epoch_counts_are_bounded():
    import time
    t0 = time.perf_counter()
    for n_epochs in (10**9, 10**30):
        with pytest.raises(ValueError, match="n_epochs"):
            run(n_paths=10, n_epochs=n_epochs)
        with pytest.raises(ValueError, match="n_epochs"):
            expected_collateral(n_epochs=n_epochs, n_sequencers=2, stake=1.0, price=1.0,
                                mu=0.0, p_fault=0.1, slash_fraction=0.1, jump=0.1,
                                reward=0.0)
    assert time.perf_counter() - t0 < 1.0


def test_huge_volatility_is_an_error_not_nan():
    with pytest.raises(ValueError, match="sigma"):
        run(n_paths=10, sigma=1e308)
    with pytest.raises(ValueError, match="non-finite"):
        run(n_paths=10, n_epochs=30_000, sigma=0.0, mu=10.0)


def test_scenario_run_sizes_are_bounded():
    kw = dict(n_epochs=5, n_sequencers=2, stake=1.0, price=1.0, mu=0.0, sigma=0.1,
              reward=0.0, seed=1, scenarios=["downtime"])
    for n_paths in (10**9, 10**30):
        with pytest.raises(ValueError, match="n_paths"):
            risk.simulate_scenarios(n_paths=n_paths, **kw)
    with pytest.raises(ValueError, match="n_epochs"):
        risk.simulate_scenarios(n_paths=10, **{**kw, "n_epochs": 10**30})
    with pytest.raises(ValueError, match="n_sequencers"):
        risk.expected_scenarios(n_epochs=5, n_sequencers=10**9, stake=1.0, price=1.0, mu=0.0,
                                reward=0.0, scenarios=["downtime"])
