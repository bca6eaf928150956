"""Tests for seqlearn.staking: known values, refusals that leave state unchanged, and a
stateful property test over random operation sequences."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from seqlearn import params, staking
from seqlearn.staking import (
    EVENT_KINDS,
    Event,
    SlashResult,
    StakingRegistry,
    Totals,
    balance_history,
    capital_cost,
    from_units,
    stake_value_paths,
    to_units,
)
from explorer_helpers import explorer_controls

DAY = 86_400
TOKEN = 10**18


def small(reward=Fraction(1, 10)):
    return StakingRegistry(min_stake=20, max_stake=100, unbonding_period=10,
                           reporter_reward_fraction=reward)


# --------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------
def test_units_known_values():
    assert to_units(20_000) == 20_000 * TOKEN
    assert to_units("0.1") == 10**17
    assert to_units(Fraction(1, 4), decimals=2) == 25
    assert from_units(to_units("123.456")) == Fraction(123456, 1000)
    assert from_units(5, decimals=0) == 5


@pytest.mark.parametrize("bad, exc", [(0.1, TypeError), (True, TypeError), (None, TypeError),
                                      (-1, ValueError), ("abc", ValueError),
                                      ("0.0000000000000000001", ValueError)])
def test_to_units_refuses(bad, exc):
    with pytest.raises(exc, match="amount"):
        to_units(bad)


def test_units_bad_decimals():
    with pytest.raises(ValueError, match="decimals"):
        to_units(1, decimals=-1)
    with pytest.raises(TypeError, match="units"):
        from_units(1.0)


# --------------------------------------------------------------------------------------
# from_params
# --------------------------------------------------------------------------------------
def test_from_params_metis_uses_registry():
    reg = StakingRegistry.from_params("metis")
    assert reg.min_stake == params.value("metis.min_lock") * TOKEN == 20_000 * TOKEN
    assert reg.max_stake == params.value("metis.max_lock") * TOKEN == 100_000 * TOKEN
    assert reg.unbonding_period == params.value("metis.exit_delay") * DAY == 21 * DAY
    assert reg.reporter_reward_fraction == 0


def test_from_params_urc():
    reg = StakingRegistry.from_params("urc", reporter_reward_fraction=Fraction(1, 2))
    assert reg.min_stake == TOKEN and reg.max_stake is None
    assert reg.unbonding_period == 7200 * 12
    reg.bond("p", 500 * TOKEN, now=0)  # no maximum
    assert reg.bonded("p") == 500 * TOKEN


def test_from_params_unknown():
    with pytest.raises(ValueError, match="protocol"):
        StakingRegistry.from_params("nonexistent")


@pytest.mark.parametrize("kwargs, exc, word", [
    (dict(min_stake=0, max_stake=10, unbonding_period=1), ValueError, "min_stake"),
    (dict(min_stake=10, max_stake=5, unbonding_period=1), ValueError, "max_stake"),
    (dict(min_stake=10, max_stake=20, unbonding_period=-1), ValueError, "unbonding_period"),
    (dict(min_stake=10.0, max_stake=20, unbonding_period=1), TypeError, "min_stake"),
    (dict(min_stake=10, max_stake=20, unbonding_period=1, reporter_reward_fraction=0.1),
     TypeError, "reporter_reward_fraction"),
    (dict(min_stake=10, max_stake=20, unbonding_period=1,
          reporter_reward_fraction=Fraction(3, 2)), ValueError, "reporter_reward_fraction"),
])
def test_constructor_refuses(kwargs, exc, word):
    with pytest.raises(exc, match=word):
        StakingRegistry(**kwargs)


# --------------------------------------------------------------------------------------
# Lifecycle with known values
# --------------------------------------------------------------------------------------
def test_metis_lifecycle_known_values():
    reg = StakingRegistry.from_params("metis", reporter_reward_fraction=Fraction(1, 10))
    reg.bond("seq", to_units(30_000), now=0)
    reg.bond("seq", to_units(70_000), now=DAY)          # exactly at the maximum
    assert reg.bonded("seq") == to_units(100_000)
    release = reg.request_unbond("seq", to_units(80_000), now=2 * DAY)
    assert release == 23 * DAY
    assert reg.bonded("seq") == to_units(20_000) and reg.unbonding("seq") == to_units(80_000)
    with pytest.raises(ValueError, match="too early"):
        reg.withdraw("seq", now=23 * DAY - 1)
    res = reg.slash("seq", now=10 * DAY, reason="equivocation", fraction=Fraction(1, 4),
                    reporter="watcher")
    # at stake 100,000 METIS; a quarter is 25,000: 20,000 from bonded, 5,000 from the queue
    assert res == SlashResult(slashed=to_units(25_000), burned=to_units(22_500),
                              reporter_reward=to_units(2_500))
    assert reg.bonded("seq") == 0 and reg.unbonding("seq") == to_units(75_000)
    assert reg.rewards_to("watcher") == to_units(2_500)
    assert not reg.is_active("seq")
    assert reg.withdraw("seq", now=23 * DAY) == to_units(75_000)
    t = reg.totals()
    assert t == Totals(deposited=to_units(100_000), bonded=0, unbonding=0,
                       withdrawn=to_units(75_000), burned=to_units(22_500),
                       rewards_paid=to_units(2_500))
    assert t.conserved()
    kinds = [e.kind for e in reg.events]
    assert kinds == ["bond", "bond", "unbond", "slash", "slash_unbonding", "burn", "reward",
                     "withdraw"]
    slash = reg.events[3]
    assert slash == Event(10 * DAY, "seq", "slash", to_units(20_000), "equivocation", "watcher")


def test_floor_rounding_documented():
    reg = small(reward=Fraction(1, 3))
    reg.bond("a", 23, now=0)
    res = reg.slash("a", now=1, reason="late", fraction=Fraction(1, 2), reporter="r")
    assert res == SlashResult(slashed=11, burned=8, reporter_reward=3)  # floor(11.5), floor(11/3)
    assert reg.bonded("a") == 12


def test_full_slash_takes_everything_including_queue():
    reg = small()
    reg.bond("a", 60, now=0)
    reg.request_unbond("a", 30, now=1)
    reg.request_unbond("a", 30, now=2)
    res = reg.slash("a", now=3, reason="fraud", fraction=Fraction(1))
    assert res == SlashResult(slashed=60, burned=60, reporter_reward=0)  # no reporter
    assert reg.at_stake("a") == 0 and reg.queue("a") == ()
    with pytest.raises(ValueError, match="nothing unbonding"):
        reg.withdraw("a", now=100)


def test_slash_takes_oldest_unbonding_first():
    reg = small()
    reg.bond("a", 60, now=0)
    reg.request_unbond("a", 20, now=1)   # release 11
    reg.request_unbond("a", 20, now=2)   # release 12
    reg.slash("a", now=3, reason="x", amount=30)  # 20 bonded + 10 from the oldest entry
    assert reg.queue("a") == ((11, 10), (12, 20))


def test_slash_amount_capped_at_stake():
    reg = small()
    reg.bond("a", 40, now=0)
    res = reg.slash("a", now=1, reason="x", amount=1_000, reporter="r",
                    reward_fraction=Fraction(1, 2))
    assert res == SlashResult(40, 20, 20)
    assert reg.totals().conserved()
    # nothing left: a further slash takes nothing but is logged
    assert reg.slash("a", now=2, reason="again", amount=5) == SlashResult(0, 0, 0)
    assert reg.events[-1].kind == "slash" and reg.events[-1].amount == 0


def test_released_but_not_withdrawn_is_still_slashable():
    reg = small()
    reg.bond("a", 20, now=0)
    reg.request_unbond("a", 20, now=0)
    assert reg.withdrawable("a", now=10) == 20
    reg.slash("a", now=50, reason="late evidence", amount=5)
    assert reg.withdraw("a", now=50) == 15


def test_unbond_rules():
    reg = small()
    reg.bond("a", 50, now=0)
    with pytest.raises(ValueError, match="between 0 and min_stake"):
        reg.request_unbond("a", 40, now=1)
    assert reg.request_unbond("a", 30, now=1) == 11      # leaves exactly min
    assert reg.request_unbond("a", 20, now=2) == 12      # full exit
    with pytest.raises(ValueError, match="exceeds"):
        reg.request_unbond("a", 1, now=3)
    assert reg.withdraw("a", now=11) == 30
    assert reg.withdraw("a", now=12) == 20


def test_topup_after_slash_must_reach_min():
    reg = small()
    reg.bond("a", 20, now=0)
    reg.slash("a", now=1, reason="downtime", amount=5)
    assert reg.bonded("a") == 15 and not reg.is_active("a")
    with pytest.raises(ValueError, match="below min_stake"):
        reg.bond("a", 4, now=2)
    reg.bond("a", 5, now=2)
    assert reg.is_active("a")
    with pytest.raises(ValueError, match="above max_stake"):
        reg.bond("a", 81, now=3)


def test_balance_history_replays_log():
    reg = small()
    reg.bond("a", 50, now=0)
    reg.bond("b", 30, now=0)
    reg.request_unbond("a", 30, now=5)
    reg.slash("a", now=6, reason="x", fraction=Fraction(1, 2), reporter="b")
    reg.withdraw("a", now=15)
    h = balance_history(reg.events)
    assert h.times.tolist() == [0, 5, 6, 15]
    t = reg.totals()
    for name in ("deposited", "bonded", "unbonding", "withdrawn", "burned", "rewards_paid"):
        assert getattr(h, name)[-1] == getattr(t, name)
    ha = balance_history(reg.events, sequencer="a")
    assert ha.deposited[-1] == 50 and ha.bonded[-1] == 0
    with pytest.raises(ValueError, match="kind"):
        balance_history([Event(0, "a", "mint", 1)])
    with pytest.raises(ValueError, match="earlier"):
        balance_history([Event(5, "a", "bond", 1), Event(4, "a", "bond", 1)])
    with pytest.raises(TypeError, match="events"):
        balance_history([("not", "an", "event")])
    assert set(EVENT_KINDS) == {"bond", "unbond", "withdraw", "slash", "slash_unbonding",
                                "burn", "reward"}


# --------------------------------------------------------------------------------------
# Bad calls: clear errors and state unchanged
# --------------------------------------------------------------------------------------
def _populated():
    reg = small()
    reg.bond("a", 60, now=0)
    reg.bond("b", 20, now=1)
    reg.request_unbond("a", 20, now=2)
    return reg


BAD_CALLS = [
    ("bond", dict(sequencer="a", amount=0, now=5), ValueError, "amount"),
    ("bond", dict(sequencer="a", amount=-5, now=5), ValueError, "amount"),
    ("bond", dict(sequencer="a", amount=5.0, now=5), TypeError, "amount"),
    ("bond", dict(sequencer="a", amount=True, now=5), TypeError, "amount"),
    ("bond", dict(sequencer="a", amount="5", now=5), TypeError, "amount"),
    ("bond", dict(sequencer="a", amount=61, now=5), ValueError, "max_stake"),
    ("bond", dict(sequencer="c", amount=10, now=5), ValueError, "min_stake"),
    ("bond", dict(sequencer="", amount=30, now=5), ValueError, "sequencer"),
    ("bond", dict(sequencer=7, amount=30, now=5), TypeError, "sequencer"),
    ("bond", dict(sequencer="a", amount=1, now=1), ValueError, "now"),     # back in time
    ("bond", dict(sequencer="a", amount=1, now=5.0), TypeError, "now"),
    ("bond", dict(sequencer="a", amount=1, now=-1), ValueError, "now"),
    ("request_unbond", dict(sequencer="zz", amount=5, now=5), ValueError, "unknown"),
    ("request_unbond", dict(sequencer="a", amount=41, now=5), ValueError, "exceeds"),
    ("request_unbond", dict(sequencer="a", amount=25, now=5), ValueError, "min_stake"),
    ("request_unbond", dict(sequencer="a", amount=0, now=5), ValueError, "amount"),
    ("request_unbond", dict(sequencer="a", amount=5, now=0), ValueError, "now"),
    ("withdraw", dict(sequencer="a", now=11), ValueError, "too early"),
    ("withdraw", dict(sequencer="b", now=50), ValueError, "nothing"),
    ("withdraw", dict(sequencer="q", now=50), ValueError, "unknown"),
    ("withdraw", dict(sequencer="a", now=True), TypeError, "now"),
    ("slash", dict(sequencer="a", now=5, reason="x"), ValueError, "exactly one"),
    ("slash", dict(sequencer="a", now=5, reason="x", amount=1, fraction=Fraction(1, 2)),
     ValueError, "exactly one"),
    ("slash", dict(sequencer="a", now=5, reason="x", fraction=Fraction(0)), ValueError,
     "fraction"),
    ("slash", dict(sequencer="a", now=5, reason="x", fraction=Fraction(3, 2)), ValueError,
     "fraction"),
    ("slash", dict(sequencer="a", now=5, reason="x", fraction=0.5), TypeError, "fraction"),
    ("slash", dict(sequencer="a", now=5, reason="x", amount=0), ValueError, "amount"),
    ("slash", dict(sequencer="a", now=5, reason="x", amount=2.5), TypeError, "amount"),
    ("slash", dict(sequencer="a", now=5, reason="", amount=1), ValueError, "reason"),
    ("slash", dict(sequencer="a", now=5, reason=None, amount=1), TypeError, "reason"),
    ("slash", dict(sequencer="a", now=5, reason="x", amount=1, reporter="a"), ValueError,
     "reporter"),
    ("slash", dict(sequencer="a", now=5, reason="x", amount=1, reporter="r",
                   reward_fraction=Fraction(2)), ValueError, "reward_fraction"),
    ("slash", dict(sequencer="a", now=5, reason="x", amount=1, reporter="r",
                   reward_fraction=0.1), TypeError, "reward_fraction"),
    ("slash", dict(sequencer="nobody", now=5, reason="x", amount=1), ValueError, "unknown"),
    ("slash", dict(sequencer="a", now=1, reason="x", amount=1), ValueError, "now"),
]


@pytest.mark.parametrize("method, kwargs, exc, word", BAD_CALLS)
def test_bad_calls_raise_and_leave_state_unchanged(method, kwargs, exc, word):
    reg = _populated()
    before = reg.snapshot()
    totals_before = reg.totals()
    with pytest.raises(exc, match=word):
        getattr(reg, method)(**kwargs)
    assert reg.snapshot() == before
    assert reg.totals() == totals_before


def test_snapshot_detects_changes():
    # guard against a snapshot that would compare equal whatever happened
    reg = _populated()
    before = reg.snapshot()
    reg.slash("a", now=3, reason="x", amount=1)
    assert reg.snapshot() != before


# --------------------------------------------------------------------------------------
# Stateful property test
# --------------------------------------------------------------------------------------
NAMES = ("s1", "s2", "s3")
MIN, MAX, PERIOD = 20, 100, 10
# amounts: edge values often, anything in a range (including invalid ones) otherwise
AMOUNTS = st.one_of(st.sampled_from([MIN, MAX, 1, 0, -1, MAX + 1]), st.integers(-5, 120))
# unbonding amounts: relative to the bonded stake, or raw
UNBOND = st.one_of(st.sampled_from(["all", "keep_min", "keep_min_minus_1"]), AMOUNTS)


class RegistryMachine(RuleBasedStateMachine):
    """Random bond/unbond/withdraw/slash/advance sequences, valid and invalid, against a
    simple reference model of per-sequencer totals; invariants checked after every step."""

    @initialize()
    def setup(self):
        self.reg = StakingRegistry(MIN, MAX, PERIOD, reporter_reward_fraction=Fraction(1, 7))
        self.now = 0
        self.deposited = {n: 0 for n in NAMES}
        self.withdrawn = {n: 0 for n in NAMES}
        self.slashed = {n: 0 for n in NAMES}
        self.refusals = 0

    def _refused(self, call, *args, **kwargs):
        """Call something; if it raises ValueError/TypeError, the state must be unchanged."""
        before = self.reg.snapshot()
        try:
            return True, call(*args, **kwargs)
        except (ValueError, TypeError):
            assert self.reg.snapshot() == before
            self.refusals += 1
            return False, None

    @rule(dt=st.integers(0, 15))
    def advance(self, dt):
        self.now += dt

    @rule(offset=st.sampled_from([-1, 0, 1]))
    def advance_to_a_release(self, offset):
        """Jump to just before, at or just after the next release: the boundary that matters."""
        releases = [t for n in self.reg.sequencers for t, _ in self.reg.queue(n)
                    if t + offset > self.now]
        if releases:
            self.now = min(releases) + offset

    @rule(name=st.sampled_from(NAMES), amount=AMOUNTS)
    def bond(self, name, amount):
        known = name in self.reg.sequencers
        old = self.reg.bonded(name) if known else 0
        ok, _ = self._refused(self.reg.bond, name, amount, self.now)
        assert ok == (amount > 0 and MIN <= old + amount <= MAX)
        if ok:
            self.deposited[name] += amount
            assert self.reg.bonded(name) == old + amount

    @rule(name=st.sampled_from(NAMES), amount=UNBOND)
    def unbond(self, name, amount):
        if name not in self.reg.sequencers:
            ok, _ = self._refused(self.reg.request_unbond, name, 5, self.now)
            assert not ok
            return
        old = self.reg.bonded(name)
        if isinstance(amount, str):
            amount = {"all": old, "keep_min": old - MIN, "keep_min_minus_1": old - MIN + 1}[amount]
        ok, release = self._refused(self.reg.request_unbond, name, amount, self.now)
        rest = old - amount
        assert ok == (0 < amount <= old and (rest == 0 or rest >= MIN))
        if ok:
            assert release == self.now + PERIOD
            assert self.reg.bonded(name) == rest

    @rule(name=st.sampled_from(NAMES))
    def withdraw(self, name):
        if name not in self.reg.sequencers:
            assert not self._refused(self.reg.withdraw, name, self.now)[0]
            return
        queue = self.reg.queue(name)
        due = sum(a for t, a in queue if t <= self.now)
        ok, paid = self._refused(self.reg.withdraw, name, self.now)
        assert ok == (due > 0)
        if ok:
            assert paid == due
            self.withdrawn[name] += paid
            assert all(t > self.now for t, _ in self.reg.queue(name))

    @rule(name=st.sampled_from(NAMES), amount=st.one_of(st.none(), st.integers(-3, 150)),
          frac=st.one_of(st.none(), st.fractions(min_value=-1, max_value=2, max_denominator=9)),
          reporter=st.sampled_from([None, "watcher", "s1"]))
    def slash(self, name, amount, frac, reporter):
        if name not in self.reg.sequencers:
            assert not self._refused(self.reg.slash, name, self.now, reason="r", amount=1)[0]
            return
        stake = self.reg.at_stake(name)
        bonded = self.reg.bonded(name)
        ok, res = self._refused(self.reg.slash, name, self.now, reason="fault", amount=amount,
                                fraction=frac, reporter=reporter)
        valid = ((amount is None) != (frac is None) and reporter != name
                 and (amount is None or amount > 0) and (frac is None or 0 < frac <= 1))
        assert ok == valid
        if ok:
            expected = min(amount, stake) if amount is not None else (stake * frac).__floor__()
            assert res.slashed == expected <= stake
            assert res.burned + res.reporter_reward == res.slashed
            assert res.reporter_reward == (0 if reporter is None else res.slashed // 7)
            assert self.reg.at_stake(name) == stake - res.slashed
            assert self.reg.bonded(name) == max(bonded - res.slashed, 0)  # bonded goes first
            self.slashed[name] += res.slashed

    @rule(now=st.integers(0, 10))
    def call_in_the_past(self, now):
        if self.reg.clock > 0 and now < self.reg.clock:
            ok, _ = self._refused(self.reg.bond, "s1", 20, now)
            assert not ok

    @invariant()
    def conserved(self):
        if not hasattr(self, "reg"):
            return
        t = self.reg.totals()
        assert t.conserved()
        assert min(t.bonded, t.unbonding, t.withdrawn, t.burned, t.rewards_paid) >= 0
        assert t.deposited == sum(self.deposited.values())
        assert t.withdrawn == sum(self.withdrawn.values())
        assert t.burned + t.rewards_paid == sum(self.slashed.values())
        for n in self.reg.sequencers:
            b = self.reg.bonded(n)
            assert b <= MAX
            # per-sequencer conservation
            assert self.deposited[n] == (b + self.reg.unbonding(n) + self.withdrawn[n]
                                         + self.slashed[n])
            # nothing is released before its time: every queued release time is in the
            # future of the request, at most `PERIOD` after the last event
            assert all(a > 0 and t <= self.reg.clock + PERIOD for t, a in self.reg.queue(n))

    @invariant()
    def log_is_ordered_and_replays(self):
        if not hasattr(self, "reg"):
            return
        times = [e.time for e in self.reg.events]
        assert times == sorted(times)
        h = balance_history(self.reg.events)
        if len(h.times):
            t = self.reg.totals()
            assert (h.bonded[-1], h.unbonding[-1], h.withdrawn[-1], h.burned[-1],
                    h.rewards_paid[-1]) == (t.bonded, t.unbonding, t.withdrawn, t.burned,
                                            t.rewards_paid)


RegistryMachine.TestCase.settings = settings(
    max_examples=1000, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow], derandomize=True,
)
TestRegistryMachine = RegistryMachine.TestCase


def test_withdraw_never_before_release_time_in_events():
    """Replay a random-ish scripted history: every withdraw pays only entries due by then."""
    rng = np.random.default_rng(1)
    reg = small()
    reg.bond("a", 100, now=0)
    now = 0
    for _ in range(8):
        now += int(rng.integers(0, 5))
        if reg.bonded("a") >= 40:
            reg.request_unbond("a", 20, now)
        due = reg.withdrawable("a", now)
        if due:
            assert all(t <= now for t, _ in reg.queue("a") if t <= now)
            assert reg.withdraw("a", now) == due
    assert reg.totals().conserved()


# --------------------------------------------------------------------------------------
# Capital cost and price paths
# --------------------------------------------------------------------------------------
def test_capital_cost_known_values():
    c = capital_cost(20_000, 40.0, 0.05, staking_yield=0.02, unbonding_days=21)
    assert c.locked_value == 800_000
    assert c.carry == pytest.approx(800_000 * 0.03)
    assert c.exit_delay == pytest.approx(800_000 * 0.05 * 21 / 365)
    assert c.total == pytest.approx(24_000 + 2301.369863, rel=1e-9)
    # yield above the opportunity rate: the lock pays for itself (negative carry)
    assert capital_cost(1, 1, 0.03, staking_yield=0.05).total < 0
    # zero stake costs nothing
    assert capital_cost(0, 40, 0.05, unbonding_days=21).total == 0


def test_capital_cost_vectorised_and_monotone():
    days = np.array([0, 7, 21])
    c = capital_cost(20_000, 40.0, 0.05, unbonding_days=days)
    assert c.total.shape == (3,)
    assert np.all(np.diff(c.total) > 0)
    c2 = capital_cost(np.array([1, 2]), 10.0, 0.1, years=2)
    np.testing.assert_allclose(c2.total, [2.0, 4.0])


@pytest.mark.parametrize("kwargs, exc, word", [
    (dict(stake=-1), ValueError, "stake"), (dict(price="x"), TypeError, "price"),
    (dict(unbonding_days=-2), ValueError, "unbonding_days"),
    (dict(opportunity_rate=float("nan")), ValueError, "opportunity_rate"),
    (dict(years=True), TypeError, "years"),
])
def test_capital_cost_refuses(kwargs, exc, word):
    args = dict(stake=1.0, price=1.0, opportunity_rate=0.05)
    args.update(kwargs)
    with pytest.raises(exc, match=word):
        capital_cost(**args)


def test_stake_value_paths_seeded_and_shaped():
    t, v = stake_value_paths(20_000, 40.0, volatility=0.9, days=30, n_paths=50, seed=3)
    t2, v2 = stake_value_paths(20_000, 40.0, volatility=0.9, days=30, n_paths=50, seed=3)
    assert t.tolist() == list(range(31)) and v.shape == (50, 31)
    np.testing.assert_array_equal(v, v2)
    assert np.all(v[:, 0] == 800_000) and np.all(v > 0)
    _, v3 = stake_value_paths(20_000, 40.0, volatility=0.9, days=30, n_paths=50, seed=4)
    assert not np.array_equal(v, v3)
    # mean of the terminal value is stake * price0 * exp(drift * T) for GBM
    _, big = stake_value_paths(1.0, 1.0, volatility=0.5, drift=0.1, days=365, n_paths=20_000,
                               seed=0)
    assert big[:, -1].mean() == pytest.approx(np.exp(0.1), rel=0.02)
    with pytest.raises(ValueError, match="price0"):
        stake_value_paths(1, 0, volatility=0.1)
    with pytest.raises(ValueError, match="n_paths"):
        stake_value_paths(1, 1, volatility=0.1, n_paths=0)


# --------------------------------------------------------------------------------------
# Figures, explorer and self-checks of chapter 2
# --------------------------------------------------------------------------------------
def test_plot_stake_timeline():
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from seqlearn.plotting.staking import plot_stake_timeline

    reg = StakingRegistry.from_params("metis", reporter_reward_fraction=Fraction(1, 10))
    reg.bond("s", to_units(50_000), now=0)
    reg.request_unbond("s", to_units(30_000), now=DAY)
    reg.slash("s", now=5 * DAY, reason="equivocation", fraction=Fraction(1, 2), reporter="w")
    reg.withdraw("s", now=22 * DAY)
    fig = plot_stake_timeline(balance_history(reg.events), events=reg.events, until=30)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "time (days)" and ax.get_ylabel() == "stake (METIS)"
    labels = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert labels == ["bonded", "unbonding", "withdrawn", "burned", "paid to reporter"]
    bonded = ax.get_lines()[0]
    assert bonded.get_ydata()[0] == 50_000 and bonded.get_xdata()[-1] == 30
    assert any("equivocation" in t.get_text() for t in ax.texts)
    plt.close(fig)
    with pytest.raises(TypeError, match="history"):
        plot_stake_timeline(reg.events)
    with pytest.raises(ValueError, match="empty"):
        plot_stake_timeline(balance_history([]))


def test_plot_stake_value_and_capital_cost():
    import matplotlib.pyplot as plt

    from seqlearn.plotting.staking import plot_capital_cost, plot_stake_value

    t, v = stake_value_paths(20_000, 20.0, volatility=0.9, days=60, n_paths=100, seed=1)
    fig = plot_stake_value(t, v, stake=20_000)
    assert fig.axes[0].get_ylabel() == "value of the stake (USD)"
    plt.close(fig)
    with pytest.raises(ValueError, match="values"):
        plot_stake_value(t, v[:, :-1], stake=1)
    rates = np.linspace(0, 0.2, 11)
    fig = plot_capital_cost(rates, capital_cost(1e4, 2.0, rates, unbonding_days=21), rate=0.05,
                            point=capital_cost(1e4, 2.0, 0.05, unbonding_days=21))
    ax = fig.axes[0]
    assert ax.get_xlabel() == "opportunity cost of capital (% a year)"
    assert ax.get_ylabel() == "cost of the collateral (USD)"
    assert any("1,058 USD" in t.get_text() for t in ax.texts)  # 20,000 x 0.05 x (1 + 21/365)
    plt.close(fig)


def test_widget_render_and_explorer():
    import matplotlib.pyplot as plt

    from seqlearn.widgets.staking import DEFAULTS, capital_cost_explorer, render

    assert DEFAULTS["stake"] == params.value("metis.min_lock")
    assert DEFAULTS["unbonding_days"] == params.value("metis.exit_delay")
    fig = render(**DEFAULTS)
    assert fig.axes[0].get_ylabel() == "cost of the collateral (USD)"
    plt.close(fig)
    box = capital_cost_explorer()
    assert len(explorer_controls(box)) == 5
    plt.close("all")


def test_ch02_self_checks():
    from seqlearn.exercises import ch02

    assert ch02.check_exit_dodge("b") and ch02.check_exit_dodge("B ")
    assert not ch02.check_exit_dodge("a") and not ch02.check_exit_dodge(2)
    # 20,000 METIS x 20 USD x 6% x (1 + 21/365)
    assert ch02.expected_capital_cost() == pytest.approx(400_000 * 0.06 * (1 + 21 / 365))
    assert ch02.check_capital_cost(25_380.82)
    assert not ch02.check_capital_cost(24_000)            # forgot the exit delay
    assert not ch02.check_capital_cost([1, 2])
    # 60% of 50,000 = 30,000: all 20,000 bonded plus 10,000 of the 30,000 unbonding
    assert ch02.expected_withdrawable() == 20_000
    assert ch02.check_withdrawable(20_000) and ch02.check_withdrawable(to_units(20_000))
    assert not ch02.check_withdrawable(12_000)            # slashing pro rata is not the rule
    assert not ch02.check_withdrawable("20000") and not ch02.check_withdrawable(None)
    assert ch02.check_breakeven_yield(lambda r, d, t: r * (1 + d / (365 * t)))
    assert not ch02.check_breakeven_yield(lambda r, d, t: r)
    assert not ch02.check_breakeven_yield(lambda r, d, t: 1 / 0)
    assert not ch02.check_breakeven_yield("not a function")


def test_describe_events_table():
    from seqlearn.staking import describe_events

    reg = small()
    reg.bond("a", 50, now=0)
    reg.slash("a", now=86_400 * 2, reason="downtime", amount=5, reporter="w")
    text = describe_events(reg.events, decimals=0, unit="tokens")
    lines = text.splitlines()
    assert lines[0].split()[:4] == ["day", "sequencer", "kind", "amount"]
    assert len(lines) == 1 + len(reg.events)
    assert "downtime" in lines[2] and lines[2].split()[0] == "2" and "5.00" in lines[2]
    assert lines[-1].rstrip().endswith("w")
    with pytest.raises(TypeError, match="events"):
        describe_events(["x"])


def test_params_added_for_chapter_2():
    p = params.get("metis.advertised_rewards_rate")
    assert p.value == 0.20 and p.confidence == "M" and p.unit == "per year"


def test_messages_in_whole_tokens_when_decimals_known():
    reg = StakingRegistry.from_params("metis")
    reg.bond("a", to_units("20000.5"), now=0)
    with pytest.raises(ValueError, match=r"19,995\.5 tokens bonded.*at most 0\.5 tokens"):
        reg.request_unbond("a", to_units(5), now=DAY)
    reg.request_unbond("a", to_units("0.5"), now=DAY)
    with pytest.raises(ValueError, match=r"day 2\).*day 22\)"):
        reg.withdraw("a", now=2 * DAY)
    with pytest.raises(ValueError, match=r"now must not go back.*day 1\)"):
        reg.bond("a", to_units(1), now=0)
    plain = small()
    with pytest.raises(ValueError, match="10 units, below min_stake = 20 units"):
        plain.bond("a", 10, now=0)
    with pytest.raises(ValueError, match="decimals"):
        StakingRegistry(1, 2, 0, decimals=-3)


def test_ch02_self_check_messages_fit_the_code_column():
    from seqlearn.exercises import ch02

    for fb in (ch02.check_exit_dodge(None), ch02.check_capital_cost("x"),
               ch02.check_withdrawable([]), ch02.check_breakeven_yield(lambda *a: None)):
        assert not fb and max(len(line) for line in fb.message.splitlines()) <= 76
        assert "\nHint: " in fb.message, fb.message        # the hint starts its own line


# --- Issue 7: sizes are bounded, nothing hangs or returns NaN ----------------------------

def test_stake_value_paths_sizes_are_bounded():
    with pytest.raises(ValueError, match="n_paths"):
        staking.stake_value_paths(1.0, 1.0, volatility=0.5, n_paths=10**9)
    with pytest.raises(ValueError, match="n_paths \\* days"):
        staking.stake_value_paths(1.0, 1.0, volatility=0.5, days=36_500, n_paths=10_000)
    with pytest.raises(ValueError, match="non-finite stake value"):
        staking.stake_value_paths(1e300, 1e300, volatility=0.5, days=2)


def test_plot_stake_timeline_rejects_huge_decimals_at_once():
    import time

    from seqlearn.plotting.staking import plot_stake_timeline
    reg = staking.StakingRegistry(min_stake=20, max_stake=100, unbonding_period=10)
    reg.bond("a", 50, now=0)
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="decimals"):
        plot_stake_timeline(staking.balance_history(reg.events), decimals=10**30)
    assert time.perf_counter() - t0 < 1.0
