"""Tests of seqlearn.stability: outage statistics by hand, the Aave contracts' truth table,
failover closed forms against Monte Carlo, soft confirmations and invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sst

from seqlearn import params
from seqlearn import stability as s

# --------------------------------------------------------------------------------------------
# outage statistics against hand computations
# --------------------------------------------------------------------------------------------


def test_garwood_matches_published_table():
    # exact 95 % Poisson limits for n = 0, 2, 10 (standard tables: 0-3.689, 0.242-7.225,
    # 4.795-18.39)
    assert s.poisson_rate_interval(0, 1.0).low == 0.0
    assert s.poisson_rate_interval(0, 1.0).high == pytest.approx(3.689, abs=1e-3)
    iv = s.poisson_rate_interval(2, 1.0)
    assert (iv.low, iv.high) == pytest.approx((0.2422, 7.2247), abs=1e-4)
    iv = s.poisson_rate_interval(10, 2.0)
    assert iv.estimate == 5.0
    assert (iv.low, iv.high) == pytest.approx((4.795 / 2, 18.39 / 2), abs=2e-3)


def test_lognormal_fit_by_hand_for_exact_durations():
    x = np.array([29.0, 33.0, 116.0, 20.0])
    y = np.log(x)
    n = 4
    m, sd = y.mean(), y.std(ddof=1)
    t = 3.182446305284263  # t_{0.975, 3}
    fit = s.lognormal_fit(x)
    assert fit.mu.estimate == pytest.approx(m)
    assert (fit.mu.low, fit.mu.high) == pytest.approx((m - t * sd / 2, m + t * sd / 2))
    c_lo, c_hi = 0.2157952826238981, 9.348403604496148  # chi2_{3} at 0.025, 0.975
    assert fit.sigma.low == pytest.approx(sd * math.sqrt(3 / c_hi))
    assert fit.sigma.high == pytest.approx(sd * math.sqrt(3 / c_lo))
    assert fit.median_minutes.estimate == pytest.approx(math.exp(m))
    assert fit.n == n


def test_cox_interval_by_hand():
    x = np.array([29.0, 33.0, 116.0, 20.0])
    y = np.log(x)
    s2 = y.var(ddof=1)
    half = 3.182446305284263 * math.sqrt(s2 / 4 + s2**2 / 6)
    iv = s.lognormal_mean_interval(x)
    assert iv.estimate == pytest.approx(49.5)
    assert iv.low == pytest.approx(math.exp(y.mean() + s2 / 2 - half))
    assert iv.high == pytest.approx(math.exp(y.mean() + s2 / 2 + half))


def test_ranges_widen_the_intervals():
    exact = s.lognormal_fit([45, 420, 88])
    ranged = s.lognormal_fit([45, 420, 78], [45, 600, 88])
    assert ranged.mu.low <= exact.mu.low + 1e-12
    assert ranged.mu.high > exact.mu.high
    assert ranged.sigma.high >= exact.sigma.high


def _arbitrum_rows():
    # FACTS section 6 / FACTS-ch7-11 section 1.4: three full halts, two with disputed
    # durations; the 2023-06-07 batch-posting stall is not a halt
    return [s.Outage("Arbitrum One", "2021-09-14", "halt", 45.0, 45.0),
            s.Outage("Arbitrum One", "2022-01-09", "halt", 420.0, 600.0),
            s.Outage("Arbitrum One", "2023-06-07", "batch-stall", None, None),
            s.Outage("Arbitrum One", "2023-12-15", "halt", 78.0, 88.0)]


def test_arbitrum_matches_the_fact_sheet_worked_estimate():
    st_ = s.outage_stats("Arbitrum One", records=_arbitrum_rows(),
                         observed_from="2021-08-31")
    # FACTS-ch7-11 1.4: window 1,764 d, rate 0.62/yr, MTBF ~588 d, MTTR 184-244 min,
    # availability 99.971-99.978 %
    assert st_.years * 365.25 == pytest.approx(1764)
    assert st_.n_outages == 3
    assert st_.rate.estimate == pytest.approx(0.62, abs=0.005)
    assert st_.mtbf_days.estimate == pytest.approx(588, abs=1)
    assert st_.mttr_minutes.estimate == pytest.approx((45 + 510 + 83) / 3)
    assert 0.99971 < st_.availability.estimate < 0.99978
    # three outages cannot give a confident number
    assert st_.rate.ratio > 10
    assert st_.mttr_minutes.high / st_.mttr_minutes.low > 10


def test_base_matches_the_fact_sheet_worked_estimate():
    st_ = s.outage_stats("Base")
    assert st_.n_outages == 4
    assert st_.rate.estimate == pytest.approx(1.38, abs=0.005)
    assert st_.mttr_minutes.estimate == pytest.approx(49.5)
    assert st_.availability.estimate == pytest.approx(0.99987, abs=5e-6)
    assert st_.downtime_hours_per_year.estimate == pytest.approx(1.3835 * 49.5 / 60,
                                                                 rel=1e-3)
    assert st_.nines.low < st_.nines.estimate < st_.nines.high


def test_derived_intervals_are_images_of_the_component_intervals():
    st_ = s.outage_stats("Base")
    comp = st_.component_level
    assert comp == pytest.approx(0.975)
    r = s.poisson_rate_interval(4, st_.years, comp)
    assert st_.rate == r
    assert st_.mtbf_days.low == pytest.approx(365.25 / r.high)
    m = st_.mttr_minutes
    assert st_.downtime_hours_per_year.high == pytest.approx(r.high * m.high / 60)
    a_lo = float(s.availability(r.high, m.high))
    assert st_.availability.low == pytest.approx(a_lo)


def test_two_outages_do_not_give_a_confident_number():
    rows = [s.Outage("X", "2024-01-01", "halt", 30.0, 30.0),
            s.Outage("X", "2025-01-01", "halt", 90.0, 90.0)]
    st_ = s.outage_stats("X", records=rows, observed_from="2023-01-01")
    assert st_.rate.ratio > 25
    assert st_.fit.sigma.high / st_.fit.sigma.low > 50
    p = st_.prob_long_outage(60.0)
    assert p.high - p.low > 0.5


def test_one_duration_is_refused():
    rows = [s.Outage("X", "2024-01-01", "halt", 30.0, 30.0),
            s.Outage("X", "2025-01-01", "halt", None, None)]
    with pytest.raises(ValueError, match="chain"):
        s.outage_stats("X", records=rows, observed_from="2023-01-01")


def test_outage_table_pools_counts_and_windows():
    rows = s.outage_table()
    pooled = rows[-1]
    assert pooled.chain == "pooled"
    per = {r.chain: r for r in rows[:-1]}
    assert "Base" in per
    assert pooled.years == pytest.approx(sum(
        s._years(d, s.RECORD_END) for d in s.ASSUMED_START.values()))


def test_prob_long_outage_closed_form_and_monte_carlo():
    lam, mu, sig = 1.4, math.log(40.0), 0.9
    p = float(s.prob_long_outage(120.0, lam, mu, sig))
    surv = sst.norm.sf((math.log(120.0) - mu) / sig)
    assert p == pytest.approx(1 - math.exp(-lam * surv))
    sim = s.sample_outage_years(lam, mu, sig, n_paths=200_000, seed=4)
    longest = np.zeros(200_000)
    np.maximum.at(longest, sim.path, sim.minutes)
    assert (longest > 120.0).mean() == pytest.approx(p, abs=0.004)
    assert sim.downtime_minutes.mean() == pytest.approx(
        lam * math.exp(mu + sig**2 / 2), rel=0.02)


def test_availability_and_nines():
    assert float(s.nines(0.999)) == pytest.approx(3.0)
    assert float(s.availability(0.0, 100.0)) == 1.0
    with pytest.raises(ValueError, match="avail"):
        s.nines(1.0)


def test_outage_records_have_known_kinds():
    rows = s.outage_records()
    assert rows and all(r.kind in s.OUTAGE_KINDS for r in rows)
    assert all((r.minutes_low is None) == (r.minutes_high is None) for r in rows)
    assert all(r.minutes_low <= r.minutes_high for r in rows if r.known)


# --------------------------------------------------------------------------------------------
# Aave: truth table written from the contracts
# --------------------------------------------------------------------------------------------
# aave-dao/aave-v3-origin v3.6.0: PriceOracleSentinel._isUpAndGracePeriodPassed is
#   answer == 0 && block.timestamp - startedAt > _gracePeriod
# ValidationLogic.validateLiquidationCall:
#   require(sentinel == 0 || HF < 0.95e18 || sentinel.isLiquidationAllowed())
#   require(HF < 1e18)
# v3.7.0 removed the sentinel: borrow not gated; liquidation iff HF < 1.
# (hf, up, seconds_since_change, grace) -> (borrow 3.6, liquidation 3.6, liquidation 3.7)
TRUTH = [
    (0.90, False, 0, 3600, False, True, True),       # bypass below 0.95, even when down
    (0.949999, True, 10, 3600, False, True, True),
    (0.95, True, 10, 3600, False, False, True),      # 0.95 itself is not below 0.95
    (0.97, True, 3600, 3600, False, False, True),    # strict: = grace still blocked
    (0.97, True, 3601, 3600, True, True, True),
    (0.97, False, 10**6, 3600, False, False, True),  # down: blocked, however long
    (0.999999, True, 3601, 3600, True, True, True),
    (1.0, True, 10**6, 3600, True, False, False),    # HF = 1 is not liquidatable
    (1.5, True, 10**6, 3600, True, False, False),
    (1.5, False, 0, 3600, False, False, False),
    (0.97, True, 1, 0, True, True, True),            # grace 0: 1 s > 0
    (0.97, True, 0, 0, False, False, True),          # 0 > 0 is false
]


@pytest.mark.parametrize("hf,up,t,g,borrow,liq36,liq37", TRUTH)
def test_aave_truth_table(hf, up, t, g, borrow, liq36, liq37):
    kw = dict(sequencer_up=up, seconds_since_change=t, grace_period=g)
    for ver in ("3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6"):
        assert s.aave_borrow_allowed(**kw, version=ver) is borrow
        assert s.aave_liquidation_allowed(hf, **kw, version=ver) is liq36
    assert s.aave_borrow_allowed(**kw, version="3.7") is True
    assert s.aave_liquidation_allowed(hf, **kw, version="3.7") is liq37


def test_aave_threshold_comes_from_params():
    assert params.value("aave.liquidation_hf_during_grace") == 0.95
    assert params.value("chainlink.grace_period") == 3600


@pytest.mark.parametrize("version", ["3.8", "2", "v3.6", ""])
def test_aave_unknown_version(version):
    with pytest.raises(ValueError, match="version"):
        s.aave_borrow_allowed(sequencer_up=True, seconds_since_change=0, version=version)


@pytest.mark.parametrize("kw,name,exc", [
    (dict(health_factor=0.0), "health_factor", ValueError),
    (dict(health_factor=float("nan")), "health_factor", ValueError),
    (dict(seconds_since_change=-1), "seconds_since_change", ValueError),
    (dict(seconds_since_change=1.5), "seconds_since_change", TypeError),
    (dict(sequencer_up=1), "sequencer_up", TypeError),
])
def test_aave_bad_input(kw, name, exc):
    args = dict(health_factor=0.9, sequencer_up=True, seconds_since_change=0) | kw
    hf = args.pop("health_factor")
    with pytest.raises(exc, match=name):
        s.aave_liquidation_allowed(hf, **args)


@settings(max_examples=200)
@given(hf=st.floats(0.01, 3.0), up=st.booleans(), t=st.integers(0, 10_000),
       g=st.integers(0, 7200))
def test_vectorised_rule_equals_the_scalar_rule(hf, up, t, g):
    vec = bool(s.sentinel_allows_liquidation(hf, float(t), sequencer_up=up,
                                             grace_period=float(g)))
    assert vec is s.aave_liquidation_allowed(hf, sequencer_up=up, seconds_since_change=t,
                                             grace_period=g)
    # waiting never takes permission away; v3.7 never blocks what v3.6 allows
    if vec:
        assert s.aave_liquidation_allowed(hf, sequencer_up=up, seconds_since_change=t + 1,
                                          grace_period=g)
        assert s.aave_liquidation_allowed(hf, sequencer_up=up, seconds_since_change=t,
                                          grace_period=g, version="3.7")


def test_updated_at_bug_pauses_one_hour_every_day():
    days = 5
    tl = s.feed_timeline([], horizon=days * 86_400, step=60)
    bug = s.sentinel_timeline(tl, reads="updatedAt")
    fixed = s.sentinel_timeline(tl, reads="startedAt")
    assert fixed.all()
    day = (tl.t // 86_400).astype(int)
    paused = np.bincount(day[~bug], minlength=days + 1)[:days]
    assert (paused == 61).all()  # t - updatedAt <= 3600: minutes 0..60 of each day


def test_feed_semantics_around_an_outage():
    tl = s.feed_timeline([[3600, 7200]], horizon=6 * 3600, step=60, report_delay=120)
    i_down = np.searchsorted(tl.t, 3600)
    i_back = np.searchsorted(tl.t, 7200)
    assert tl.answer[i_down] == 1 and not tl.sequencer_up[i_down]
    # restarted but the "up" report has not landed: the feed still says down
    assert tl.sequencer_up[i_back] and tl.answer[i_back] == 1
    j = np.searchsorted(tl.t, 7320)
    assert tl.answer[j] == 0 and tl.started_at[j] == 7320
    ok = s.sentinel_timeline(tl)
    assert not ok[np.searchsorted(tl.t, 7320 + 3600)]
    assert ok[np.searchsorted(tl.t, 7320 + 3660)]


# --------------------------------------------------------------------------------------------
# failover: closed form against Monte Carlo; common-mode floor
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_cluster_closed_form_matches_monte_carlo(n):
    c = s.Cluster(n_replicas=n, failure_rate=20.0, repair_minutes=600.0,
                  p_standby_not_ready=0.2, manual_minutes=30.0, common_rate=1.0,
                  common_minutes=30.0)
    sim = s.simulate_cluster(c, n_paths=4000, seed=n)
    d = s.expected_downtime(c)
    for part in ("quorum", "failover", "common"):
        mc = getattr(sim, part)
        if getattr(d, part) == 0:
            assert mc.max() == 0
            continue
        se = mc.std(ddof=1) / math.sqrt(mc.size)
        assert abs(mc.mean() - getattr(d, part)) < 4 * se + 1e-9 + 0.02 * getattr(d, part)


def test_single_replica_closed_form():
    c = s.Cluster(n_replicas=1, failure_rate=2.0, repair_minutes=60.0, common_rate=0.0)
    lam_r = 2 * 60 / s.MINUTES_PER_YEAR
    assert s.expected_downtime(c).quorum == pytest.approx(
        s.MINUTES_PER_YEAR * lam_r / (1 + lam_r))
    assert s.expected_downtime(c).failover == 0.0


def test_more_replicas_buy_little_against_common_mode():
    base = dict(failure_rate=4.0, repair_minutes=120.0, common_rate=1.0,
                common_minutes=30.0)
    tot = [s.expected_downtime(s.Cluster(n_replicas=n, **base)).total
           for n in (1, 3, 5, 7, 9)]
    assert tot[0] > 10 * tot[1]                 # the first failover is worth a lot
    assert tot[1] - tot[-1] < 0.05 * tot[1]     # beyond three, almost nothing
    floor = s.expected_downtime(s.Cluster(n_replicas=9, **base))
    assert floor.total >= floor.common == pytest.approx(30.0)


def test_two_replicas_are_worse_than_one_under_raft():
    one = s.expected_downtime(s.Cluster(n_replicas=1, common_rate=0.0))
    two = s.expected_downtime(s.Cluster(n_replicas=2, common_rate=0.0))
    assert two.total > 1.9 * one.total


def test_common_mode_cases_come_from_the_record():
    cases = s.common_mode_cases()
    assert [(o.chain, o.date) for o in cases] == [(c, d) for c, d, _ in
                                                  s.COMMON_MODE_CASES]
    assert all(o.known for o in cases)


@pytest.mark.parametrize("kw,name", [
    (dict(n_replicas=0), "n_replicas"), (dict(failure_rate=-1.0), "failure_rate"),
    (dict(p_standby_not_ready=1.5), "p_standby_not_ready"),
    (dict(repair_minutes=0.0), "repair_minutes"),
])
def test_cluster_bad_input(kw, name):
    with pytest.raises((ValueError, TypeError), match=name):
        s.Cluster(**kw)


# --------------------------------------------------------------------------------------------
# soft confirmations and reorgs
# --------------------------------------------------------------------------------------------
@settings(max_examples=100)
@given(t=st.lists(st.floats(0, 1e6), min_size=1, max_size=20),
       bt=st.floats(0.25, 12), b=st.floats(1, 3600), d=st.floats(0, 900))
def test_heads_are_ordered(t, bt, b, d):
    h = s.heads(t, block_time=bt, batch_interval=b, l1_delay=d)
    assert np.all(h.finalized <= h.safe) and np.all(h.safe <= h.unsafe)


def test_exposure_closed_form_matches_monte_carlo():
    b, d = 600.0, 60.0
    w = np.array([0.0, 30.0, 200.0, 500.0, 700.0])
    draws = d + b * np.random.default_rng(5).random(400_000)
    mc = np.maximum(draws[:, None] - w[None, :], 0).mean(axis=0)
    assert s.expected_exposure(w, batch_interval=b, l1_delay=d) == pytest.approx(
        mc, abs=1.0)
    depth = s.reorg_depth(100_000, batch_interval=b, l1_delay=d, seed=1)
    assert depth.min() >= d and depth.max() <= d + b
    assert depth.mean() == pytest.approx(d + b / 2, rel=0.01)


def test_waiting_for_safe_removes_the_risk():
    r = s.soft_confirmation_risk(1e6, reorg_rate_per_year=2.0,
                                 wait_seconds=[0.0, 300.0, 660.0])
    assert r[0] > r[1] > r[2] == 0.0
    assert r[0] == pytest.approx(1e6 * 2.0 * 360.0 / (s.MINUTES_PER_YEAR * 60))


def test_finality_default_is_two_epochs():
    h = s.heads([0.0, 10_000.0], batch_interval=600.0, l1_delay=0.0)
    h2 = s.heads([0.0, 10_000.0], batch_interval=600.0, l1_delay=0.0,
                 finality_delay=2 * params.value("ethereum.slots_per_epoch")
                 * params.value("ethereum.slot_seconds"))
    assert h.finalized.tolist() == h2.finalized.tolist()


# --------------------------------------------------------------------------------------------
# the chapters 7-8 parameters, against their sources
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key,value", [
    # ValidationLogic.sol: HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 1e18 (v3.6.0 and v3.7.0)
    ("aave.health_factor_liquidation_threshold", 1.0),
    # UpdatePriceOracleSentinel.md: the daily pause lasted one hour
    ("aave.sentinel_grace_period", 3600),
    # op-conductor.mdx: sequencer-0/1/2; health check 1 s; unsafe interval 5 s
    ("op_conductor.reference_replicas", 3),
    ("op_conductor.health_check_interval", 1),
    ("op_conductor.unsafe_interval", 5),
])
def test_chapter7_params(key, value):
    p = params.get(key)
    assert p.value == value
    assert p.source and p.holds_for


def test_sentinel_is_documented_as_removed_in_37():
    assert "3.7" in params.get("aave.liquidation_hf_during_grace").holds_for


def test_quiz_data_is_well_formed_and_computed():
    from seqlearn.quizzes import ch07 as q
    ids = [x["id"] for x in q.QUESTIONS]
    assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 6
    for x in q.QUESTIONS:
        assert x["id"].startswith("ch07-") and x["kind"] in ("choice", "number")
        if x["kind"] == "choice":
            assert 0 <= x["answer"] < len(x["options"])
    by_id = {x["id"]: x for x in q.QUESTIONS}
    assert by_id["ch07-grace-strict"]["answer"] == 3601
    assert by_id["ch07-nines"]["answer"] == pytest.approx(4.0)


def test_exercise_answer_keys():
    from seqlearn.exercises import ch07 as e
    assert e.expected_first_liquidation() == 3601
    assert e.expected_rate_upper() == pytest.approx(7.2247 / 3, abs=1e-4)
    # W ~ U[60, 660], wait 120 s: E[(W - 120)+] = (660 - 120)^2 / (2 * 600) = 243
    assert e.expected_exposure_seconds() == pytest.approx(243.0)
    assert e.check_prob_long_outage(
        lambda t, lam, mu, s: float(s_prob(t, lam, mu, s))).correct


def s_prob(t, lam, mu, sig):
    return 1 - math.exp(-lam * sst.norm.sf((math.log(t) - mu) / sig))


@settings(max_examples=100)
@given(n=st.integers(0, 200), years=st.floats(0.1, 50), lv=st.floats(0.5, 0.999))
def test_garwood_invariants(n, years, lv):
    iv = s.poisson_rate_interval(n, years, lv)
    assert iv.low <= iv.estimate <= iv.high
    wider = s.poisson_rate_interval(n, years, min(lv + 0.0005, 0.99999))
    assert wider.low <= iv.low + 1e-12 and wider.high >= iv.high - 1e-12


@settings(max_examples=60)
@given(d=st.lists(st.tuples(st.floats(1, 5000), st.floats(0, 3)), min_size=2,
                  max_size=12),
       n_extra=st.integers(0, 5))
def test_outage_stats_intervals_contain_estimates(d, n_extra):
    lows = [a for a, _ in d]
    if max(lows) == min(lows):
        lows[0] *= 1.5
    rows = [s.Outage("X", f"{2020 + i % 6}-0{1 + i % 9}-1{i % 9}", "halt", lo,
                     lo * (1 + w)) for i, (lo, (_, w)) in enumerate(zip(lows, d))]
    rows += [s.Outage("X", "2024-05-05", "halt", None, None)] * n_extra
    st_ = s.outage_stats("X", records=rows, observed_from="2019-01-01",
                         end="2026-06-30")
    for iv in (st_.rate, st_.mttr_minutes, st_.availability, st_.nines,
               st_.downtime_hours_per_year, st_.fit.mu, st_.fit.sigma):
        assert iv.low <= iv.estimate <= iv.high
    p = st_.prob_long_outage(60.0)
    assert 0 <= p.low <= p.estimate <= p.high <= 1


# moved here from tests/test_rollup.py with the function (one home for the rule)
# ------------------------------------------------------------------------------------------
# Aave's sentinel rule
# ------------------------------------------------------------------------------------------
def test_sentinel_rule_matches_aave_validation_logic():
    hf = np.array([0.5, 0.9499, 0.95, 0.99, 1.0, 1.2])
    during = s.sentinel_allows_liquidation(hf, 0.0)
    assert during.tolist() == [True, True, False, False, False, False]
    at_end = s.sentinel_allows_liquidation(hf, 3600.0)  # the check is strict: > grace
    assert at_end.tolist() == during.tolist()
    after = s.sentinel_allows_liquidation(hf, 3600.5)
    assert after.tolist() == [True, True, True, True, False, False]
    down = s.sentinel_allows_liquidation(hf, 10_000.0, sequencer_up=False)
    assert down.tolist() == during.tolist()
    grid = s.sentinel_allows_liquidation(hf[:, None], np.array([0.0, 4000.0])[None, :])
    assert grid.shape == (6, 2)
    assert s.sentinel_allows_liquidation(0.97, 100.0, grace_period=60.0)


def test_sentinel_defaults_come_from_params():
    assert params.value("chainlink.grace_period") == 3600
    assert params.value("aave.liquidation_hf_during_grace") == 0.95
    assert not s.sentinel_allows_liquidation(0.96, 3599.0)
    assert s.sentinel_allows_liquidation(0.96, 3601.0)


@pytest.mark.parametrize("kwargs, name, exc", [
    ({"health_factor": -0.1}, "health_factor", ValueError),
    ({"health_factor": float("nan")}, "health_factor", ValueError),
    ({"seconds_since_restart": -5.0}, "seconds_since_restart", ValueError),
    ({"health_factor": "low"}, "health_factor", TypeError),
    ({"sequencer_up": "yes"}, "sequencer_up", TypeError),
    ({"grace_period": -1.0}, "grace_period", ValueError),
    ({"hf_threshold": 1.5}, "hf_threshold", ValueError),
])
def test_sentinel_bad_inputs_name_the_argument(kwargs, name, exc):
    args = {"health_factor": 0.9, "seconds_since_restart": 0.0, **kwargs}
    with pytest.raises(exc, match=name):
        s.sentinel_allows_liquidation(**args)




def test_sentinel_is_documented_as_the_design_up_to_v3_6():
    # correction 2 of issue 7: Aave v3.7.0 (June 2026) removed the sentinel
    doc = s.sentinel_allows_liquidation.__doc__
    assert "up to v3.6" in doc and "v3.7.0" in doc and "false positives" in doc
