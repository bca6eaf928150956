"""A sequencer collateral registry with exact accounting, and the cost of posting collateral.

:class:`StakingRegistry` behaves like a sequencer staking contract:

* a sequencer **bonds** stake; its bonded total must stay within ``[min_stake, max_stake]``;
* it **requests unbonding**: the amount leaves the bonded stake and waits in a queue until
  ``now + unbonding_period``; what would leave a bonded amount strictly between 0 and
  ``min_stake`` is refused, except a full exit;
* it **withdraws** everything whose release time has passed;
* it can be **slashed** for a stated reason, by an amount or a fraction of what it has at
  stake. Slashing takes bonded stake first, then unbonding stake (oldest entry first), so
  leaving does not dodge a penalty. The slashed amount is split into a reward for the
  reporter and a burn.

Every change is an :class:`Event` in :attr:`StakingRegistry.events` (who, what, when, why).

Exact accounting
----------------
Amounts are Python ``int`` in the token's smallest unit (``10**-18`` of a token for an
ERC-20 with 18 decimals); fractions are :class:`fractions.Fraction`. Where a fraction of an
amount is taken, the result is rounded **down** (floor) to a whole unit: a fractional slash
takes ``floor(at_stake * fraction)`` and the reporter receives
``floor(slashed * reward_fraction)``; the burn is the exact remainder. So at every moment::

    deposited == bonded + unbonding + withdrawn + burned + rewards_paid

which :meth:`Totals.conserved` checks. A call with a bad argument raises ``ValueError`` or
``TypeError`` naming the argument, and leaves the registry exactly as it was.

Examples
--------
>>> from fractions import Fraction
>>> reg = StakingRegistry(min_stake=20, max_stake=100, unbonding_period=10,
...                       reporter_reward_fraction=Fraction(1, 10))
>>> reg.bond("alice", 50, now=0)
>>> reg.request_unbond("alice", 20, now=5)
15
>>> reg.slash("alice", now=6, reason="equivocation", fraction=Fraction(1, 2), reporter="bob")
SlashResult(slashed=25, burned=23, reporter_reward=2)
>>> reg.bonded("alice"), reg.unbonding("alice")
(5, 20)
>>> reg.totals().conserved()
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from seqlearn import validation as v

__all__ = [
    "DECIMALS",
    "SECONDS_PER_DAY",
    "SECONDS_PER_YEAR",
    "PATH_BUDGET",
    "EVENT_KINDS",
    "Event",
    "SlashResult",
    "Totals",
    "StakingRegistry",
    "BalanceHistory",
    "balance_history",
    "describe_events",
    "to_units",
    "from_units",
    "CapitalCost",
    "capital_cost",
    "stake_value_paths",
]

DECIMALS: int = 18
SECONDS_PER_DAY: int = 86_400
SECONDS_PER_YEAR: int = 365 * SECONDS_PER_DAY

#: Kinds of :class:`Event`, and what each does to the registry's totals.
EVENT_KINDS: dict[str, str] = {
    "bond": "deposited and bonded grow by amount",
    "unbond": "amount moves from bonded to unbonding",
    "withdraw": "amount moves from unbonding to withdrawn",
    "slash": "amount is taken from bonded stake",
    "slash_unbonding": "amount is taken from unbonding stake",
    "burn": "amount of slashed stake is burned",
    "reward": "amount of slashed stake is paid to the reporter (counterparty)",
}


#: Most days x paths one :func:`stake_value_paths` call draws (about a second of work).
PATH_BUDGET: int = 10_000_000

# --------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------
def to_units(amount: int | str | Fraction, decimals: int = DECIMALS) -> int:
    """Convert a token amount to an integer number of smallest units, exactly.

    Parameters
    ----------
    amount : int, str or fractions.Fraction
        Amount in whole tokens. Floats are refused (``0.1`` is not exact in binary); pass a
        decimal string such as ``"0.1"`` instead.
    decimals : int, optional
        Decimals of the token (18, the default, for METIS, ETH, TAIKO, AZTEC).

    Returns
    -------
    int
        ``amount * 10**decimals``.

    Raises
    ------
    TypeError
        If ``amount`` is a float, a bool or another type.
    ValueError
        If ``amount`` is negative, is not a number, or has more than ``decimals`` decimals.

    Examples
    --------
    >>> to_units(20_000)
    20000000000000000000000
    >>> to_units("1.5", decimals=6)
    1500000
    """
    decimals = v.integer("decimals", decimals, lo=0, hi=36)
    if isinstance(amount, bool) or isinstance(amount, float):
        raise TypeError(f"amount must be an int, a decimal str or a Fraction, got "
                        f"{type(amount).__name__} {amount!r} (floats are not exact)")
    if isinstance(amount, str):
        try:
            value = Fraction(amount.strip().replace("_", ""))
        except ValueError:
            raise ValueError(f"amount must be a decimal number, got {amount!r}") from None
    elif isinstance(amount, (int, Fraction)):
        value = Fraction(amount)
    else:
        raise TypeError(f"amount must be an int, a decimal str or a Fraction, got "
                        f"{type(amount).__name__}")
    if value < 0:
        raise ValueError(f"amount must be non-negative, got {amount!r}")
    units = value * 10**decimals
    if units.denominator != 1:
        raise ValueError(f"amount {amount!r} has more than {decimals} decimals")
    return int(units)


def from_units(units: int, decimals: int = DECIMALS) -> Fraction:
    """Convert smallest units back to whole tokens, exactly (as a Fraction).

    Examples
    --------
    >>> from_units(1_500_000, decimals=6)
    Fraction(3, 2)
    >>> float(from_units(to_units(20_000)))
    20000.0
    """
    decimals = v.integer("decimals", decimals, lo=0, hi=36)
    if isinstance(units, bool) or not isinstance(units, int):
        raise TypeError(f"units must be an int, got {type(units).__name__} {units!r}")
    return Fraction(units, 10**decimals)


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """One change to the registry: who, what, when, why.

    Attributes
    ----------
    time : int
        When, in seconds on the registry's clock.
    sequencer : str
        Whose stake changed.
    kind : str
        What happened, one of :data:`EVENT_KINDS`.
    amount : int
        How much, in smallest units.
    reason : str
        Why (for slashes; empty otherwise).
    counterparty : str or None
        The reporter of a slash (``None`` if nobody reported it or for other events).
    """

    time: int
    sequencer: str
    kind: str
    amount: int
    reason: str = ""
    counterparty: str | None = None

    def __post_init__(self) -> None:
        v.integer("time", self.time, lo=0)
        v.text("sequencer", self.sequencer)
        v.option("kind", self.kind, tuple(EVENT_KINDS))
        v.integer("amount", self.amount, lo=0)
        v.text("reason", self.reason, allow_empty=True)
        if self.counterparty is not None:
            v.text("counterparty", self.counterparty)


@dataclass(frozen=True)
class SlashResult:
    """What a slash took: ``slashed == burned + reporter_reward``."""

    slashed: int
    burned: int
    reporter_reward: int


@dataclass(frozen=True)
class Totals:
    """Registry-wide sums, in smallest units."""

    deposited: int
    bonded: int
    unbonding: int
    withdrawn: int
    burned: int
    rewards_paid: int

    def conserved(self) -> bool:
        """True if ``deposited == bonded + unbonding + withdrawn + burned + rewards_paid``."""
        return self.deposited == (self.bonded + self.unbonding + self.withdrawn
                                  + self.burned + self.rewards_paid)


# --------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------
class StakingRegistry:
    """A collateral registry that behaves like a sequencer staking contract.

    Parameters
    ----------
    min_stake : int
        Smallest bonded amount an active sequencer may hold, in smallest units (> 0).
    max_stake : int or None
        Largest bonded amount per sequencer (``>= min_stake``); ``None`` for no cap.
    unbonding_period : int
        Seconds between an unbonding request and the release of the stake (>= 0).
    reporter_reward_fraction : fractions.Fraction, optional
        Default share of a slash paid to the reporter, in ``[0, 1]`` (0 if not given); the
        rest is burned.
    decimals : int, optional
        Decimals of the staked token. Used only to write amounts in whole tokens in error
        messages (they are in smallest units if None).

    Raises
    ------
    TypeError, ValueError
        If a parameter has the wrong type or is out of range.

    Notes
    -----
    Rules, beyond those in the module docstring:

    * the clock is shared: a call whose ``now`` is earlier than the last event is refused;
    * a top-up must leave the bonded amount within ``[min_stake, max_stake]``, so a sequencer
      slashed below ``min_stake`` must top up to at least ``min_stake`` or exit fully;
    * stake in the unbonding queue, released or not, stays slashable until withdrawn;
    * a slash by ``amount`` larger than what is at stake takes everything at stake (the
      :class:`SlashResult` says how much was taken); a sequencer cannot report itself.

    Examples
    --------
    >>> reg = StakingRegistry.from_params("metis")
    >>> reg.bond("seq-1", to_units(20_000), now=0)
    >>> reg.request_unbond("seq-1", to_units(20_000), now=86_400) // 86_400
    22
    >>> reg.withdraw("seq-1", now=22 * 86_400) == to_units(20_000)
    True
    """

    def __init__(self, min_stake: int, max_stake: int | None, unbonding_period: int,
                 reporter_reward_fraction: Fraction | int = Fraction(0), *,
                 decimals: int | None = None) -> None:
        self.decimals = (None if decimals is None
                         else v.integer("decimals", decimals, lo=0, hi=36))
        self.min_stake = v.integer("min_stake", min_stake, lo=1)
        if max_stake is not None:
            v.integer("max_stake", max_stake, lo=1)
            if max_stake < min_stake:
                raise ValueError(f"max_stake must be >= min_stake = {min_stake}, "
                                 f"got {max_stake!r}")
        self.max_stake = max_stake
        self.unbonding_period = v.integer("unbonding_period", unbonding_period, lo=0)
        self.reporter_reward_fraction = v.fraction("reporter_reward_fraction",
                                                   reporter_reward_fraction)
        self._bonded: dict[str, int] = {}
        # per sequencer: list of [release_time, amount], in order of request (= release order)
        self._queue: dict[str, list[list[int]]] = {}
        self._events: list[Event] = []
        self._deposited = 0
        self._withdrawn = 0
        self._burned = 0
        self._rewards = 0
        self._rewards_to: dict[str, int] = {}
        self._clock = 0

    # ---- construction from the params registry -----------------------------------------
    @classmethod
    def from_params(cls, protocol: str = "metis",
                    reporter_reward_fraction: Fraction | int = Fraction(0)) -> StakingRegistry:
        """Build a registry with a real protocol's limits from :mod:`seqlearn.params`.

        Parameters
        ----------
        protocol : str
            ``"metis"`` (the default): ``metis.min_lock``, ``metis.max_lock``, ``metis.exit_delay`` (METIS,
            18 decimals). ``"urc"``: ``urc.min_collateral`` (ETH, 18 decimals), no maximum,
            ``urc.unregistration_delay_blocks`` at 12 s per block.
        reporter_reward_fraction : fractions.Fraction, optional
            Share of a slash paid to the reporter (0 if not given). Neither contract fixes one in the snapshots
            behind ``seqlearn.params`` (Metis has no on-chain slash at all), so it is a
            modelling choice.

        Raises
        ------
        ValueError
            If ``protocol`` is not one of the above.

        Examples
        --------
        >>> reg = StakingRegistry.from_params("metis")
        >>> reg.min_stake == to_units(20_000), reg.unbonding_period // 86_400
        (True, 21)
        """
        from seqlearn import params  # params has no dependencies; imported lazily for clarity

        protocol = v.option("protocol", protocol, ("metis", "urc"))
        if protocol == "metis":
            days = params.value("metis.exit_delay")
            return cls(min_stake=to_units(params.value("metis.min_lock")),
                       max_stake=to_units(params.value("metis.max_lock")),
                       unbonding_period=int(days) * SECONDS_PER_DAY,
                       reporter_reward_fraction=reporter_reward_fraction, decimals=DECIMALS)
        if protocol == "urc":
            blocks = params.value("urc.unregistration_delay_blocks")
            return cls(min_stake=to_units(params.value("urc.min_collateral")), max_stake=None,
                       unbonding_period=int(blocks) * params.L1_SLOT_SECONDS,
                       reporter_reward_fraction=reporter_reward_fraction, decimals=DECIMALS)
        raise ValueError(f"protocol must be one of ['metis', 'urc'], got {protocol!r}")

    # ---- queries -------------------------------------------------------------------------
    def _known(self, sequencer: Any) -> str:
        v.text("sequencer", sequencer)
        if sequencer not in self._bonded:
            raise ValueError(f"sequencer {sequencer!r} is unknown: it has never bonded")
        return sequencer

    def _fmt(self, units: int) -> str:
        """An amount for a message: exact whole tokens if decimals are known, else units."""
        if self.decimals is None:
            return f"{units} units"
        whole, frac = divmod(units, 10**self.decimals)
        digits = f"{frac:0{self.decimals}d}".rstrip("0") if self.decimals else ""
        return f"{whole:,}" + (f".{digits}" if digits else "") + " tokens"

    @staticmethod
    def _when(t: int) -> str:
        return f"{t} s (day {t / SECONDS_PER_DAY:g})"

    def _now(self, now: Any) -> int:
        v.integer("now", now, lo=0)
        if now < self._clock:
            raise ValueError(f"now must not go back in time: got now={self._when(now)}, "
                             f"but the last event happened at {self._when(self._clock)}")
        return now

    @property
    def sequencers(self) -> tuple[str, ...]:
        """Every sequencer that has ever bonded, in order of first bond."""
        return tuple(self._bonded)

    @property
    def events(self) -> tuple[Event, ...]:
        """The event log, oldest first."""
        return tuple(self._events)

    @property
    def clock(self) -> int:
        """Time of the last event (0 before any)."""
        return self._clock

    def bonded(self, sequencer: str) -> int:
        """Bonded stake of ``sequencer``, in smallest units."""
        return self._bonded[self._known(sequencer)]

    def unbonding(self, sequencer: str) -> int:
        """Stake of ``sequencer`` in the unbonding queue (released or not, not withdrawn)."""
        return sum(a for _, a in self._queue[self._known(sequencer)])

    def at_stake(self, sequencer: str) -> int:
        """Everything a slash can reach: bonded plus unbonding."""
        return self.bonded(sequencer) + self.unbonding(sequencer)

    def withdrawable(self, sequencer: str, now: int) -> int:
        """Unbonding stake of ``sequencer`` whose release time is ``<= now``."""
        v.integer("now", now, lo=0)
        return sum(a for t, a in self._queue[self._known(sequencer)] if t <= now)

    def queue(self, sequencer: str) -> tuple[tuple[int, int], ...]:
        """The unbonding queue of ``sequencer`` as ``(release_time, amount)`` pairs."""
        return tuple((t, a) for t, a in self._queue[self._known(sequencer)])

    def is_active(self, sequencer: str) -> bool:
        """True if ``sequencer`` has at least ``min_stake`` bonded."""
        return self.bonded(sequencer) >= self.min_stake

    def rewards_to(self, reporter: str) -> int:
        """Total slashing rewards paid to ``reporter`` (0 if none)."""
        return self._rewards_to.get(reporter, 0)

    def totals(self) -> Totals:
        """Registry-wide sums; ``totals().conserved()`` always holds."""
        return Totals(deposited=self._deposited, bonded=sum(self._bonded.values()),
                      unbonding=sum(a for q in self._queue.values() for _, a in q),
                      withdrawn=self._withdrawn, burned=self._burned,
                      rewards_paid=self._rewards)

    def snapshot(self) -> tuple:
        """A hashable, comparable copy of the whole state (for tests and audits)."""
        return (self._clock, self._deposited, self._withdrawn, self._burned, self._rewards,
                tuple(sorted(self._bonded.items())),
                tuple(sorted((s, tuple(map(tuple, q))) for s, q in self._queue.items())),
                tuple(sorted(self._rewards_to.items())), tuple(self._events))

    def _log(self, now: int, sequencer: str, kind: str, amount: int, reason: str = "",
             counterparty: str | None = None) -> None:
        self._events.append(Event(now, sequencer, kind, amount, reason, counterparty))
        self._clock = now

    # ---- operations ------------------------------------------------------------------------
    def bond(self, sequencer: str, amount: int, now: int) -> None:
        """Bond ``amount`` more stake for ``sequencer`` (registers it on first bond).

        Raises
        ------
        TypeError, ValueError
            Bad ``sequencer``/``amount``/``now``; or the bonded total after the call would be
            below ``min_stake`` or above ``max_stake``. The state is then unchanged.

        Examples
        --------
        >>> reg = StakingRegistry(min_stake=20, max_stake=100, unbonding_period=10)
        >>> reg.bond("a", 10, now=0)
        Traceback (most recent call last):
        ...
        ValueError: amount: bonded stake of 'a' would be 10 units, below min_stake = 20 units
        """
        v.text("sequencer", sequencer)
        v.integer("amount", amount, lo=1)
        now = self._now(now)
        new = self._bonded.get(sequencer, 0) + amount
        if new < self.min_stake:
            raise ValueError(f"amount: bonded stake of {sequencer!r} would be "
                             f"{self._fmt(new)}, below min_stake = {self._fmt(self.min_stake)}")
        if self.max_stake is not None and new > self.max_stake:
            raise ValueError(f"amount: bonded stake of {sequencer!r} would be "
                             f"{self._fmt(new)}, above max_stake = {self._fmt(self.max_stake)}")
        self._bonded[sequencer] = new
        self._queue.setdefault(sequencer, [])
        self._deposited += amount
        self._log(now, sequencer, "bond", amount)

    def request_unbond(self, sequencer: str, amount: int, now: int) -> int:
        """Move ``amount`` of bonded stake into the unbonding queue; return its release time.

        The remaining bonded stake must be 0 (a full exit) or at least ``min_stake``.

        Raises
        ------
        TypeError, ValueError
            Bad arguments, unknown sequencer, ``amount`` above the bonded stake, or a
            remainder strictly between 0 and ``min_stake``. The state is then unchanged.
        """
        self._known(sequencer)
        v.integer("amount", amount, lo=1)
        now = self._now(now)
        bonded = self._bonded[sequencer]
        if amount > bonded:
            raise ValueError(f"amount {self._fmt(amount)} exceeds the bonded stake of "
                             f"{sequencer!r} ({self._fmt(bonded)})")
        rest = bonded - amount
        if 0 < rest < self.min_stake:
            raise ValueError(f"amount {self._fmt(amount)} would leave {self._fmt(rest)} "
                             f"bonded, between 0 and min_stake = {self._fmt(self.min_stake)}: "
                             f"unbond at most {self._fmt(bonded - self.min_stake)} or "
                             f"everything ({self._fmt(bonded)})")
        release = now + self.unbonding_period
        self._bonded[sequencer] = rest
        self._queue[sequencer].append([release, amount])
        self._log(now, sequencer, "unbond", amount)
        return release

    def withdraw(self, sequencer: str, now: int) -> int:
        """Pay out all unbonding stake of ``sequencer`` released by ``now``; return the amount.

        Raises
        ------
        TypeError, ValueError
            Bad arguments, unknown sequencer, or nothing released yet (withdrawing too early:
            the message gives the next release time). The state is then unchanged.
        """
        self._known(sequencer)
        now = self._now(now)
        q = self._queue[sequencer]
        paid = sum(a for t, a in q if t <= now)
        if paid == 0:
            if q:
                raise ValueError(f"now={self._when(now)} is too early to withdraw for "
                                 f"{sequencer!r}: the next release is at "
                                 f"{self._when(min(t for t, _ in q))}")
            raise ValueError(f"sequencer {sequencer!r} has nothing unbonding to withdraw")
        self._queue[sequencer] = [e for e in q if e[0] > now]
        self._withdrawn += paid
        self._log(now, sequencer, "withdraw", paid)
        return paid

    def slash(self, sequencer: str, now: int, *, reason: str, amount: int | None = None,
              fraction: Fraction | None = None, reporter: str | None = None,
              reward_fraction: Fraction | None = None) -> SlashResult:
        """Slash ``sequencer`` by an ``amount`` or a ``fraction`` of what it has at stake.

        Parameters
        ----------
        sequencer : str
            Who is slashed.
        now : int
            When, in seconds.
        reason : str
            Why (non-empty); stored in the event log.
        amount : int, optional
            Penalty in smallest units; at most :meth:`at_stake` is taken.
        fraction : fractions.Fraction, optional
            Share of :meth:`at_stake` to take, in ``(0, 1]``; ``floor(at_stake * fraction)``
            is taken, and ``Fraction(1)`` takes everything.
        reporter : str, optional
            Who reported the fault; receives the reward. Must differ from ``sequencer``.
        reward_fraction : fractions.Fraction, optional
            Reporter's share of the slash, in ``[0, 1]``; defaults to the registry's
            ``reporter_reward_fraction``. Ignored (no reward) when ``reporter`` is None.

        Returns
        -------
        SlashResult
            ``slashed`` (taken from bonded stake first, then from the unbonding queue, oldest
            entry first), ``reporter_reward = floor(slashed * reward_fraction)`` and
            ``burned = slashed - reporter_reward``.

        Raises
        ------
        TypeError, ValueError
            Bad arguments, unknown sequencer, both or neither of ``amount``/``fraction``. The
            state is then unchanged.
        """
        self._known(sequencer)
        now = self._now(now)
        v.text("reason", reason)
        if (amount is None) == (fraction is None):
            raise ValueError("give exactly one of amount or fraction, got "
                             f"amount={amount!r}, fraction={fraction!r}")
        if reporter is not None:
            v.text("reporter", reporter)
            if reporter == sequencer:
                raise ValueError(f"reporter must differ from the slashed sequencer, "
                                 f"got {reporter!r}")
        rf = (self.reporter_reward_fraction if reward_fraction is None
              else v.fraction("reward_fraction", reward_fraction))
        stake = self.at_stake(sequencer)
        if amount is not None:
            slashed = min(v.integer("amount", amount, lo=1), stake)
        else:
            f = v.fraction("fraction", fraction, lo_open=True)
            slashed = math.floor(stake * f)
        reward = math.floor(slashed * rf) if reporter is not None else 0
        burned = slashed - reward

        # all checks passed: mutate
        from_bonded = min(slashed, self._bonded[sequencer])
        self._bonded[sequencer] -= from_bonded
        rest = slashed - from_bonded
        from_queue = rest
        for entry in self._queue[sequencer]:
            if rest == 0:
                break
            take = min(rest, entry[1])
            entry[1] -= take
            rest -= take
        self._queue[sequencer] = [e for e in self._queue[sequencer] if e[1] > 0]
        self._burned += burned
        self._rewards += reward
        if reward:
            self._rewards_to[reporter] = self._rewards_to.get(reporter, 0) + reward  # type: ignore[index]
        self._log(now, sequencer, "slash", from_bonded, reason, reporter)
        if from_queue:
            self._log(now, sequencer, "slash_unbonding", from_queue, reason, reporter)
        if burned:
            self._log(now, sequencer, "burn", burned, reason, reporter)
        if reward:
            self._log(now, sequencer, "reward", reward, reason, reporter)
        return SlashResult(slashed=slashed, burned=burned, reporter_reward=reward)


# --------------------------------------------------------------------------------------
# Replaying the event log
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BalanceHistory:
    """Registry-wide balances after each event time (arrays of equal length, smallest units).

    ``times[i]`` is an event time; the balances are those after every event at that time.
    """

    times: np.ndarray
    deposited: np.ndarray
    bonded: np.ndarray
    unbonding: np.ndarray
    withdrawn: np.ndarray
    burned: np.ndarray
    rewards_paid: np.ndarray


_EFFECT: dict[str, tuple[tuple[str, int], ...]] = {
    "bond": (("deposited", 1), ("bonded", 1)),
    "unbond": (("bonded", -1), ("unbonding", 1)),
    "withdraw": (("unbonding", -1), ("withdrawn", 1)),
    "slash": (("bonded", -1),),
    "slash_unbonding": (("unbonding", -1),),
    "burn": (("burned", 1),),
    "reward": (("rewards_paid", 1),),
}


def balance_history(events: tuple[Event, ...] | list[Event],
                    sequencer: str | None = None) -> BalanceHistory:
    """Replay an event log into balances over time.

    Parameters
    ----------
    events : list of Event
        An event log, oldest first (``StakingRegistry.events``).
    sequencer : str, optional
        Only this sequencer's events; all of them if None.

    Returns
    -------
    BalanceHistory
        Balances after each distinct event time. Arrays hold Python ints (``dtype=object``)
        so that 18-decimal amounts stay exact; convert with ``from_units`` to plot.

    Raises
    ------
    TypeError
        If an element is not an :class:`Event`.
    ValueError
        If an event has an unknown kind or times go backwards.

    Examples
    --------
    >>> reg = StakingRegistry(min_stake=20, max_stake=100, unbonding_period=10)
    >>> reg.bond("a", 50, now=0); _ = reg.request_unbond("a", 50, now=3)
    >>> h = balance_history(reg.events)
    >>> h.times.tolist(), h.bonded.tolist(), h.unbonding.tolist()
    ([0, 3], [50, 0], [0, 50])
    """
    if sequencer is not None:
        v.text("sequencer", sequencer)
    if isinstance(events, (str, bytes)) or not isinstance(events, (list, tuple)):
        raise v.fail("events", "a list or tuple of Event", events, TypeError)
    cols = {k: 0 for k in ("deposited", "bonded", "unbonding", "withdrawn", "burned",
                           "rewards_paid")}
    rows: list[tuple[int, dict[str, int]]] = []
    last = None
    for i, ev in enumerate(events):
        if not isinstance(ev, Event):
            raise TypeError(f"events[{i}] must be an Event, got {type(ev).__name__}")
        if ev.kind not in _EFFECT:
            raise ValueError(f"events[{i}].kind must be one of {list(_EFFECT)}, got {ev.kind!r}")
        if last is not None and ev.time < last:
            raise ValueError(f"events[{i}].time = {ev.time} is earlier than the previous {last}")
        if sequencer is not None and ev.sequencer != sequencer:
            continue
        for col, sign in _EFFECT[ev.kind]:
            cols[col] += sign * ev.amount
        if rows and rows[-1][0] == ev.time:
            rows[-1] = (ev.time, dict(cols))
        else:
            rows.append((ev.time, dict(cols)))
        last = ev.time
    arr = {k: np.array([r[1][k] for r in rows], dtype=object) for k in cols}
    return BalanceHistory(times=np.array([r[0] for r in rows], dtype=object), **arr)


def describe_events(events: tuple[Event, ...] | list[Event], *, decimals: int = DECIMALS,
                    unit: str = "METIS", time_unit: int = SECONDS_PER_DAY) -> str:
    """Format an event log as a fixed-width text table (amounts in whole tokens).

    Parameters
    ----------
    events : list of Event
        An event log (a tuple works too).
    decimals : int
        Token decimals.
    unit : str
        Token name for the amount column.
    time_unit : int
        Seconds per unit of the time column (a day by default).

    Returns
    -------
    str

    Examples
    --------
    >>> print(describe_events([Event(86_400, "seq", "bond", 25 * 10**17)]))
     day  sequencer  kind             amount (METIS)  reason  reporter
       1  seq        bond                       2.50
    """
    decimals = v.integer("decimals", decimals, lo=0, hi=36)
    unit = v.text("unit", unit)
    time_unit = v.integer("time_unit", time_unit, lo=1)
    rows = [("day" if time_unit == SECONDS_PER_DAY else "time", "sequencer", "kind",
             f"amount ({unit})", "reason", "reporter")]
    for i, ev in enumerate(events):
        if not isinstance(ev, Event):
            raise TypeError(f"events[{i}] must be an Event, got {type(ev).__name__}")
        t = Fraction(ev.time, time_unit)
        rows.append((f"{float(t):g}", ev.sequencer, ev.kind,
                     f"{float(from_units(ev.amount, decimals)):,.2f}", ev.reason,
                     ev.counterparty or ""))
    widths = [max(len(r[j]) for r in rows) for j in range(6)]
    widths[3] = max(widths[3], 14)
    lines = []
    for r in rows:
        cells = [r[0].rjust(max(widths[0], 4)), r[1].ljust(widths[1]), r[2].ljust(15),
                 r[3].rjust(widths[3]), r[4].ljust(widths[4]), r[5]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# The cost of collateral
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CapitalCost:
    """Cost of locking collateral, in the currency of ``price`` (floats or arrays).

    Attributes
    ----------
    locked_value : float or ndarray
        Value of the stake, ``stake * price``.
    carry : float or ndarray
        ``locked_value * (opportunity_rate - staking_yield) * years``.
    exit_delay : float or ndarray
        ``locked_value * opportunity_rate * unbonding_days / 365``.
    total : float or ndarray
        ``carry + exit_delay``.
    """

    locked_value: Any
    carry: Any
    exit_delay: Any
    total: Any


def capital_cost(stake: float, price: float, opportunity_rate: float,
                 staking_yield: float = 0.0, unbonding_days: float = 0.0,
                 years: float = 1.0) -> CapitalCost:
    """What posting collateral costs a sequencer, over a tenure of ``years``.

    The stake (``stake`` tokens at ``price`` each) could earn ``opportunity_rate`` a year
    elsewhere; locked, it earns ``staking_yield``. Over the tenure the sequencer gives up

    .. math::

        C = S P \\left[(r - y)\\,T + r\\,\\frac{d}{365}\\right]

    where the second term is the unbonding delay ``d`` (days): extra time the capital stays
    locked after the sequencer stops, earning nothing. Rates are simple annual rates
    (decimals, 0.05 = 5 %). A negative result means the staking yield more than pays for
    the lock. The price is held constant: the risk of a price move is another matter
    (chapter 6).

    Parameters
    ----------
    stake : float or ndarray
        Tokens locked (>= 0), in whole tokens.
    price : float or ndarray
        Token price (>= 0), e.g. USD per token.
    opportunity_rate : float or ndarray
        Annual return the capital would earn elsewhere.
    staking_yield : float or ndarray, optional
        Annual reward rate earned on the locked stake (0, the default, if the protocol pays
        none).
    unbonding_days : float or ndarray, optional
        Unbonding (exit) delay in days (>= 0; default 0).
    years : float or ndarray, optional
        Tenure with stake bonded (>= 0; default 1).

    Returns
    -------
    CapitalCost
        Broadcast over array inputs.

    Raises
    ------
    TypeError, ValueError
        Non-numeric, non-finite or negative inputs where not allowed.

    Examples
    --------
    >>> c = capital_cost(20_000, 40.0, 0.05, staking_yield=0.0, unbonding_days=21)
    >>> round(float(c.carry)), round(float(c.exit_delay)), round(float(c.total))
    (40000, 2301, 42301)
    """
    s = v.array("stake", stake, lo=0.0)
    p = v.array("price", price, lo=0.0)
    r = v.array("opportunity_rate", opportunity_rate)
    y = v.array("staking_yield", staking_yield)
    d = v.array("unbonding_days", unbonding_days, lo=0.0)
    t = v.array("years", years, lo=0.0)
    try:
        np.broadcast_shapes(s.shape, p.shape, r.shape, y.shape, d.shape, t.shape)
    except ValueError:
        raise v.fail("stake, price, opportunity_rate, staking_yield, unbonding_days and years",
                     "numbers or arrays of compatible shapes",
                     [a.shape for a in (s, p, r, y, d, t)]) from None
    value = s * p
    carry = value * (r - y) * t
    delay = value * r * d / 365.0
    total = v.finite_result("capital cost", carry + delay)
    v.finite_result("capital cost", carry)

    def out(a: np.ndarray) -> Any:
        return float(a) if a.ndim == 0 else a

    return CapitalCost(out(value), out(carry), out(delay), out(total))


def stake_value_paths(stake: float, price0: float, *, volatility: float, drift: float = 0.0,
                      days: int = 365, n_paths: int = 1, seed: int | np.random.Generator = 0
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Value of a fixed token stake under seeded geometric-Brownian price paths.

    The token price follows :math:`P_t = P_0 \\exp((\\mu - \\sigma^2/2)t + \\sigma W_t)` with
    annual drift ``drift`` and volatility ``volatility``, sampled daily. The stake's value
    is ``stake * P_t``: collateral denominated in the native token moves with the token.

    Parameters
    ----------
    stake : float
        Tokens held (>= 0).
    price0 : float
        Price at day 0 (> 0).
    volatility : float
        Annualised volatility (>= 0), e.g. 0.9 for 90 %.
    drift : float, optional
        Annual drift (default 0) of the log price plus one half of the variance.
    days : int, optional
        Number of daily steps (>= 1; default 365).
    n_paths : int, optional
        Number of paths (>= 1; default 1).
    seed : int or numpy.random.Generator
        Seed or generator; the same seed gives the same paths.

    Returns
    -------
    days_axis : ndarray
        0, 1, ..., days (length ``days + 1``).
    value : ndarray
        Value of the stake on each path, shape ``(n_paths, days + 1)``; ``value[:, 0] == stake * price0``.

    Examples
    --------
    >>> t, v = stake_value_paths(20_000, 40.0, volatility=0.0, days=3, n_paths=2)
    >>> v.tolist()
    [[800000.0, 800000.0, 800000.0, 800000.0], [800000.0, 800000.0, 800000.0, 800000.0]]
    """
    s = v.nonnegative("stake", stake)
    p0 = v.positive("price0", price0)
    sig = v.nonnegative("volatility", volatility, hi=100.0)
    mu = v.real("drift", drift, lo=-100.0, hi=100.0)
    days = v.count("days", days, hi=100 * 365)
    n_paths = v.count("n_paths", n_paths)
    v.budget("n_paths * days", n_paths * days, hi=PATH_BUDGET)
    rng = v.rng("seed", seed)
    dt = 1.0 / 365.0
    z = rng.standard_normal((n_paths, days))
    steps = (mu - 0.5 * sig**2) * dt + sig * np.sqrt(dt) * z
    logp = np.concatenate([np.zeros((n_paths, 1)), np.cumsum(steps, axis=1)], axis=1)
    with np.errstate(over="ignore"):
        values = s * p0 * np.exp(logp)
    return np.arange(days + 1), v.finite_result("stake value", values)

