"""Shared sequencer networks: bundles, cross-rollup arbitrage, latency races, common outages.

The models of chapter 11 (:ref:`ch-shared-sequencers`):

- **cross-rollup bundles** under three regimes: *separate* sequencers (each leg included on
  its own), a shared sequencer with **atomic inclusion** (both legs included or neither,
  but each may still fail when it runs) and with **atomic execution** (both legs succeed or
  both revert). Closed forms, plus the full distribution of which legs ran;
- **cross-rollup arbitrage** between two constant-product pools: the optimal trade, the
  value left by a leg that runs alone, and the probability and expected profit under each
  regime. Atomic execution removes the partial outcomes, which helps when a lone leg loses
  money and hurts when it would have kept value: it does not always raise expected profit
  (the direction of Silva and Livshits, arXiv:2410.11552);
- **latency competition** as a noisy (Tullock) contest, closed form and simulated: on a
  shared sequencer one race decides both legs, so the prize and the investment in latency
  are larger (the direction of Mamageishvili and Schlegel, arXiv:2310.02390);
- **common-mode outages**: one shared sequencer down takes every rollup on it down at once;
- **Espresso's reward rate** ``R(p) = c / sqrt(2 p)``.

Examples
--------
>>> round(bundle_outcome([0.9, 0.9], [0.8, 0.5], "atomic_execution").p_all, 6)
0.36
>>> round(espresso_reward_rate(0.5), 4)
0.03
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product
from typing import Any, Sequence

import numpy as np

from seqlearn import params
from seqlearn import validation as v

__all__ = [
    "REGIMES",
    "MAX_LEGS",
    "MAX_DRAWS",
    "BundleOutcome",
    "bundle_outcome",
    "bundle_state_distribution",
    "leg_success_probability",
    "CpmmArbitrage",
    "cpmm_arbitrage",
    "ArbitrageResult",
    "arbitrage",
    "compare_regimes",
    "LatencyContest",
    "latency_contest",
    "simulate_latency_contest",
    "OutageComparison",
    "common_mode_outage",
    "simulate_outages",
    "espresso_reward_rate",
]

#: The three ways a cross-rollup bundle can be sequenced.
REGIMES: tuple[str, ...] = ("separate", "atomic_inclusion", "atomic_execution")
#: Largest number of simulated draws one call may make.
MAX_DRAWS: int = 10_000_000
#: Largest bundle whose outcome distribution is enumerated (2**MAX_LEGS states).
MAX_LEGS: int = 16


def _legs(inclusion: Any, success: Any) -> tuple[np.ndarray, np.ndarray]:
    q = v.array("inclusion", inclusion, ndim=1, lo=0.0, hi=1.0, max_size=MAX_LEGS)
    s = v.array("success", success, ndim=1, lo=0.0, hi=1.0, max_size=MAX_LEGS)
    if s.size != q.size:
        raise v.fail("success", f"one probability per leg ({q.size})", success)
    return q, s


def _shared_q(shared_inclusion: Any, q: np.ndarray) -> float:
    if shared_inclusion is None:
        return float(q.min())
    return v.probability("shared_inclusion", shared_inclusion)


@dataclass(frozen=True)
class BundleOutcome:
    """What happens to a cross-rollup bundle under one regime.

    Attributes
    ----------
    regime : str
    p_all : float
        Probability that every leg runs successfully.
    p_partial : float
        Probability that some legs run and some do not (the dangerous outcome).
    p_none : float
        Probability that no leg runs.
    leg_runs : numpy.ndarray
        Probability that each leg runs successfully.
    """

    regime: str
    p_all: float
    p_partial: float
    p_none: float
    leg_runs: np.ndarray


def bundle_outcome(inclusion: Sequence[float], success: Sequence[float],
                   regime: str = "separate", *,
                   shared_inclusion: float | None = None) -> BundleOutcome:
    """Probabilities that all, some or none of a bundle's legs run.

    Leg ``i`` is included with probability ``inclusion[i]`` and, once included, runs
    successfully with probability ``success[i]`` (it fails when the state it needs has
    changed: a price moved past its limit, a balance was spent).

    - ``separate``: each rollup's sequencer includes its leg independently.
    - ``atomic_inclusion``: a shared sequencer includes all legs or none, with probability
      ``shared_inclusion`` (default: the smallest leg inclusion); included legs still
      succeed or fail independently.
    - ``atomic_execution``: included as above, and the legs run only if all would succeed;
      otherwise all revert.

    Examples
    --------
    >>> o = bundle_outcome([1, 1], [0.5, 0.5], "atomic_inclusion")
    >>> o.p_all, o.p_partial, o.p_none
    (0.25, 0.5, 0.25)
    >>> bundle_outcome([1, 1], [0.5, 0.5], "atomic_execution").p_partial
    0.0
    """
    q, s = _legs(inclusion, success)
    regime = v.option("regime", regime, REGIMES)
    if regime == "separate":
        r = q * s
        p_all = float(np.prod(r))
        p_none = float(np.prod(1.0 - r))
        runs = r
    else:
        qs = _shared_q(shared_inclusion, q)
        if regime == "atomic_inclusion":
            p_all = qs * float(np.prod(s))
            p_none = (1.0 - qs) + qs * float(np.prod(1.0 - s))
            runs = qs * s
        else:
            p_all = qs * float(np.prod(s))
            p_none = 1.0 - p_all
            runs = np.full(q.size, p_all)
    p_partial = max(0.0, 1.0 - p_all - p_none)
    if q.size == 1:
        p_partial = 0.0
    return BundleOutcome(regime, p_all, p_partial, p_none, runs)


def bundle_state_distribution(inclusion: Sequence[float], success: Sequence[float],
                              regime: str = "separate", *,
                              shared_inclusion: float | None = None
                              ) -> dict[tuple[bool, ...], float]:
    """Probability of each pattern of legs that ran (``True`` = ran successfully).

    Enumerates the ``2**m`` patterns of an ``m``-leg bundle (``m <= MAX_LEGS``); the
    probabilities add up to one.

    Examples
    --------
    >>> d = bundle_state_distribution([1.0, 0.5], [1.0, 1.0])
    >>> d[(True, True)], d[(True, False)]
    (0.5, 0.5)
    """
    q, s = _legs(inclusion, success)
    regime = v.option("regime", regime, REGIMES)
    out: dict[tuple[bool, ...], float] = {}
    if regime == "separate":
        r = q * s
        for pat in product((True, False), repeat=q.size):
            out[pat] = float(np.prod(np.where(pat, r, 1.0 - r)))
        return out
    qs = _shared_q(shared_inclusion, q)
    for pat in product((True, False), repeat=q.size):
        if regime == "atomic_inclusion":
            p = qs * float(np.prod(np.where(pat, s, 1.0 - s)))
        else:
            p = qs * float(np.prod(s)) if all(pat) else 0.0
        if not any(pat):
            p += (1.0 - qs) if regime == "atomic_inclusion" else 1.0 - qs * float(np.prod(s))
        out[pat] = p
    return out


def leg_success_probability(tolerance: float, volatility: float, delay: float) -> float:
    """Probability that a leg still succeeds after ``delay``, given its price tolerance.

    A swap with a limit fails when the price moves against it by more than ``tolerance``
    (relative) before it runs. With a normal relative move of standard deviation
    ``volatility * sqrt(delay)``, it succeeds with probability ``Phi(tol / (vol sqrt(delay)))``.

    Examples
    --------
    >>> round(leg_success_probability(0.01, 0.01, 1.0), 4)
    0.8413
    >>> leg_success_probability(0.01, 0.0, 1.0)
    1.0
    """
    tol = v.nonnegative("tolerance", tolerance)
    vol = v.nonnegative("volatility", volatility)
    dt = v.nonnegative("delay", delay)
    sd = vol * math.sqrt(dt)
    if sd == 0.0:
        return 1.0
    return 0.5 * (1.0 + math.erf(tol / sd / math.sqrt(2.0)))


@dataclass(frozen=True)
class CpmmArbitrage:
    """The optimal arbitrage between two constant-product pools (no fees).

    Buy ``Y`` with ``amount_in`` of ``X`` in pool A, sell it for ``X`` in pool B.

    Attributes
    ----------
    amount_in : float
        ``X`` paid into pool A.
    bought : float
        ``Y`` received from A and sold into B.
    amount_out : float
        ``X`` received from B.
    profit : float
        ``amount_out - amount_in`` (in ``X``).
    final_price : float
        Price of ``Y`` in ``X`` in both pools after the trade (they are equal).
    """

    amount_in: float
    bought: float
    amount_out: float
    profit: float
    final_price: float

    def partial_values(self, reference_price: float | None = None) -> tuple[float, float]:
        """Value of each leg run alone, with ``Y`` marked at ``reference_price``.

        Leg A alone leaves ``bought`` of ``Y`` paid with ``amount_in``; leg B alone sells
        ``bought`` of ``Y`` from inventory for ``amount_out``. The two add up to ``profit``
        whatever the reference price (default: the final pool price, at which both are
        positive).
        """
        p = self.final_price if reference_price is None else \
            v.nonnegative("reference_price", reference_price)
        return (self.bought * p - self.amount_in, self.amount_out - self.bought * p)


def cpmm_arbitrage(x_a: float, y_a: float, x_b: float, y_b: float) -> CpmmArbitrage:
    """Optimal cross-pool arbitrage when ``Y`` is cheaper in pool A than in pool B.

    Pools hold reserves ``(x, y)`` with ``x y`` constant (no fee). Buying in A and selling
    in B is itself a constant-product trade against virtual reserves
    ``X' = x_a y_b / (y_a + y_b)`` and ``Y' = x_b y_a / (y_a + y_b)``, so the best input is
    ``sqrt(X' Y') - X'`` and the profit ``(sqrt(Y') - sqrt(X'))**2`` (zero if A is not
    cheaper).

    Examples
    --------
    >>> a = cpmm_arbitrage(100.0, 100.0, 121.0, 100.0)   # Y costs 1.00 in A, 1.21 in B
    >>> round(a.amount_in, 6), round(a.profit, 6), round(a.final_price, 4)
    (5.0, 0.5, 1.1025)
    >>> a0, b0 = a.partial_values()
    >>> round(a0 + b0, 4) == round(a.profit, 4)
    True
    """
    x_a, y_a, x_b, y_b = (v.real(name, val, lo=1e-12, hi=1e15)
                          for name, val in (("x_a", x_a), ("y_a", y_a), ("x_b", x_b),
                                            ("y_b", y_b)))
    xv = x_a * y_b / (y_a + y_b)
    yv = x_b * y_a / (y_a + y_b)
    if yv <= xv:
        return CpmmArbitrage(0.0, 0.0, 0.0, 0.0, x_a / y_a)
    dx = math.sqrt(xv * yv) - xv
    dy = y_a * dx / (x_a + dx)
    out = x_b * dy / (y_b + dy)
    price = (x_a + dx) ** 2 / (x_a * y_a)      # x'/y' with y' = x_a y_a / (x_a + dx)
    return CpmmArbitrage(dx, dy, out, out - dx, price)


@dataclass(frozen=True)
class ArbitrageResult:
    """Probability and expected profit of a two-leg cross-rollup arbitrage, one regime.

    Attributes
    ----------
    regime : str
    p_complete : float
        Probability that both legs run (the arbitrage is realised).
    p_partial : float
        Probability that exactly one leg runs.
    expected_profit : float
        Expected profit after partial outcomes and revert costs.
    """

    regime: str
    p_complete: float
    p_partial: float
    expected_profit: float


def arbitrage(inclusion: Sequence[float], success: Sequence[float], profit: float,
              partial_values: Sequence[float], regime: str = "separate", *,
              revert_cost: float = 0.0, shared_inclusion: float | None = None
              ) -> ArbitrageResult:
    """Expected profit of a two-leg arbitrage under ``regime``.

    Both legs run: ``profit``. Only leg ``i`` runs: ``partial_values[i]`` (negative when
    the stranded position must be unwound at a loss). Every included leg that fails pays
    ``revert_cost`` (a reverted transaction still pays for gas); under atomic execution a
    reverted bundle pays it once per leg.

    Examples
    --------
    >>> kw = dict(inclusion=[1, 1], success=[0.9, 0.6], profit=10.0)
    >>> r = arbitrage(partial_values=[4.0, 6.0], regime="atomic_inclusion", **kw)
    >>> round(r.p_complete, 6), round(r.p_partial, 6), round(r.expected_profit, 6)
    (0.54, 0.42, 7.2)
    >>> r = arbitrage(partial_values=[4.0, 6.0], regime="atomic_execution", **kw)
    >>> round(r.expected_profit, 6)        # the lone legs' value is lost
    5.4
    """
    q, s = _legs(inclusion, success)
    if q.size != 2:
        raise v.fail("inclusion", "two probabilities (two legs)", inclusion)
    g = v.real("profit", profit)
    pv = v.array("partial_values", partial_values, shape=(2,))
    c = v.nonnegative("revert_cost", revert_cost)
    regime = v.option("regime", regime, REGIMES)
    qs = q if regime == "separate" else np.full(2, _shared_q(shared_inclusion, q))
    ev = 0.0
    p_complete = p_partial = 0.0
    # enumerate included (I) and would-succeed (S) for each leg
    if regime == "separate":
        inc_states = [((a, b), (q[0] if a else 1 - q[0]) * (q[1] if b else 1 - q[1]))
                      for a in (True, False) for b in (True, False)]
    else:
        inc_states = [((True, True), qs[0]), ((False, False), 1 - qs[0])]
    for (ia, ib), pi in inc_states:
        for sa, sb in product((True, False), repeat=2):
            p = pi * (s[0] if sa else 1 - s[0]) * (s[1] if sb else 1 - s[1])
            if p == 0.0:
                continue
            ra, rb = ia and sa, ib and sb
            if regime == "atomic_execution" and ia and not (sa and sb):
                ra = rb = False
                value = -2 * c
            else:
                value = -c * ((ia and not sa) + (ib and not sb))
                if ra and rb:
                    value += g
                elif ra:
                    value += pv[0]
                elif rb:
                    value += pv[1]
            if ra and rb:
                p_complete += p
            elif ra or rb:
                p_partial += p
            ev += p * value
    return ArbitrageResult(regime, float(p_complete), float(p_partial),
                           float(v.finite_result("expected profit", ev)))


def compare_regimes(inclusion: Sequence[float], success: Sequence[float], profit: float,
                    partial_values: Sequence[float], *, revert_cost: float = 0.0,
                    shared_inclusion: float | None = None) -> list[ArbitrageResult]:
    """:func:`arbitrage` under each of :data:`REGIMES`, in that order.

    Examples
    --------
    >>> rows = compare_regimes([0.9, 0.8], [0.9, 0.6], 10.0, [-8.0, -8.0])
    >>> [round(r.expected_profit, 2) for r in rows]
    [-0.21, 1.63, 4.32]
    """
    return [arbitrage(inclusion, success, profit, partial_values, r, revert_cost=revert_cost,
                      shared_inclusion=shared_inclusion) for r in REGIMES]


# --------------------------------------------------------------------------------------
# Latency competition
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LatencyContest:
    """Symmetric equilibrium of a latency race for a two-leg arbitrage.

    Attributes
    ----------
    n_players : int
    prize : float
        Value of completing both legs.
    noise : float
        Tullock exponent ``r`` (small = noisy, the race is mostly luck).
    investment_shared, investment_separate : float
        Each player's equilibrium spending on latency.
    dissipation_shared, dissipation_separate : float
        Total spending as a share of the prize (the waste).
    p_realised_shared, p_realised_separate : float
        Probability that one player wins both legs (the arbitrage happens).
    """

    n_players: int
    prize: float
    noise: float
    investment_shared: float
    investment_separate: float
    dissipation_shared: float
    dissipation_separate: float
    p_realised_shared: float
    p_realised_separate: float


def latency_contest(n_players: int, prize: float, *, noise: float = 1.0,
                    partial_value: float = 0.0) -> LatencyContest:
    """Latency investment in a noisy contest, shared against separate sequencers.

    Each of ``n`` players spends ``x`` on latency; a race is won with the Tullock
    probability ``x_i^r / sum_j x_j^r`` (first come, first served plus noise). On a shared
    sequencer one race decides both legs, so the winner takes ``prize``; the symmetric
    equilibrium spend is ``r V (n-1) / n^2``. On separate sequencers the two races are
    independent: a player wins both with ``p^2``, and exactly one with ``2 p (1-p)``
    (worth ``partial_value`` each), and the equilibrium spend is
    ``r (n-1)/n^2 (2V/n + 2w(1 - 2/n))``.

    This stylised model follows the direction of Mamageishvili and Schlegel
    (arXiv:2310.02390): shared sequencing realises the arbitrage more often and draws more
    wasteful latency spending. It is not their model.

    Examples
    --------
    >>> c = latency_contest(4, 100.0)
    >>> c.investment_shared, c.investment_separate
    (18.75, 9.375)
    >>> c.p_realised_shared, c.p_realised_separate
    (1.0, 0.25)
    """
    n = v.count("n_players", n_players, lo=2, hi=10_000)
    big_v = v.positive("prize", prize, hi=1e15)
    r = v.real("noise", noise, lo=0.0, hi=1.0, lo_open=True)
    w = v.real("partial_value", partial_value, lo=0.0, hi=big_v / 2)
    k = r * (n - 1) / n**2
    x_sh = k * big_v
    x_sep = k * (2 * big_v / n + 2 * w * (1 - 2 / n))
    return LatencyContest(n, big_v, r, x_sh, x_sep, n * x_sh / big_v, n * x_sep / big_v,
                          1.0, 1.0 / n)


def simulate_latency_contest(investments: Sequence[float], *, noise: float = 1.0,
                             shared: bool = True, n_rounds: int = 10_000,
                             seed: int = 0) -> np.ndarray:
    """Simulated share of rounds in which each player wins both legs.

    A race is a Gumbel-noise contest: the winner maximises ``r log x_i + G_i`` with
    standard Gumbel ``G_i``, which wins with exactly the Tullock probability. On a shared
    sequencer one race decides both legs; on separate ones two independent races run.
    Vectorised over rounds.

    Examples
    --------
    >>> f = simulate_latency_contest([1, 1, 1, 1], shared=False, n_rounds=40_000, seed=1)
    >>> round(float(f.sum()), 2)          # the arbitrage is realised in 1/4 of rounds
    0.25
    """
    x = v.array("investments", investments, ndim=1, lo=0.0, lo_open=True, max_size=10_000)
    r = v.real("noise", noise, lo=0.0, lo_open=True, hi=10.0)
    shared = v.boolean("shared", shared)
    n_rounds = v.count("n_rounds", n_rounds)
    v.budget("n_rounds * players", 2 * n_rounds * x.size, hi=MAX_DRAWS)
    rng = np.random.default_rng(v.seed("seed", seed))
    score = r * np.log(x)[None, :]
    win_a = (score + rng.gumbel(size=(n_rounds, x.size))).argmax(axis=1)
    win_b = win_a if shared else (score + rng.gumbel(size=(n_rounds, x.size))).argmax(axis=1)
    both = win_a[win_a == win_b]
    return np.bincount(both, minlength=x.size) / n_rounds


# --------------------------------------------------------------------------------------
# Common-mode outages
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OutageComparison:
    """How many of ``n`` rollups are down at once, independent against shared sequencing.

    Attributes
    ----------
    pmf_separate, pmf_shared : numpy.ndarray
        Probability that exactly ``k`` rollups are down, ``k = 0..n``.
    p_all_up_separate, p_all_up_shared : float
        Probability that every rollup is up (what a cross-rollup application needs).
    p_all_down_separate, p_all_down_shared : float
    expected_down_separate, expected_down_shared : float
    """

    pmf_separate: np.ndarray
    pmf_shared: np.ndarray
    p_all_up_separate: float
    p_all_up_shared: float
    p_all_down_separate: float
    p_all_down_shared: float
    expected_down_separate: float
    expected_down_shared: float


def common_mode_outage(n_rollups: int, p_down: float,
                       shared_p_down: float | None = None) -> OutageComparison:
    """Rollups on independent sequencers (each down with ``p_down``) against one shared
    sequencer (down with ``shared_p_down``, default ``p_down``, taking all down).

    The expected number of rollups down is the same when the two probabilities are equal;
    the shared design concentrates it into rare moments when *all* are down.

    Examples
    --------
    >>> c = common_mode_outage(5, 0.01)
    >>> float(f"{c.p_all_down_separate:.3g}"), c.p_all_down_shared
    (1e-10, 0.01)
    >>> round(c.p_all_up_separate, 4), c.p_all_up_shared
    (0.951, 0.99)
    """
    n = v.count("n_rollups", n_rollups, hi=100_000)
    p = v.probability("p_down", p_down)
    ps = p if shared_p_down is None else v.probability("shared_p_down", shared_p_down)
    k = np.arange(n + 1)
    sep = np.array([math.comb(n, int(i)) for i in k], dtype=float) if n <= 1000 else None
    if sep is not None:
        pmf_sep = sep * p**k * (1 - p) ** (n - k)
    else:
        from seqlearn.decentralization import _binomial_pmf
        pmf_sep = _binomial_pmf(n, p)
    pmf_sh = np.zeros(n + 1)
    pmf_sh[0], pmf_sh[-1] = 1 - ps, ps
    if n == 0:  # pragma: no cover - n >= 1
        pmf_sh[0] = 1.0
    return OutageComparison(pmf_sep, pmf_sh, float((1 - p) ** n), 1 - ps, float(p**n), ps,
                            n * p, n * ps)


def simulate_outages(n_rollups: int, p_down: float, *, shared: bool, n_days: int = 10_000,
                     seed: int = 0) -> np.ndarray:
    """Simulated number of rollups down on each of ``n_days`` days (vectorised).

    Examples
    --------
    >>> d = simulate_outages(5, 0.1, shared=True, n_days=10_000, seed=0)
    >>> sorted(set(d.tolist()))
    [0, 5]
    """
    n = v.count("n_rollups", n_rollups, hi=100_000)
    p = v.probability("p_down", p_down)
    shared = v.boolean("shared", shared)
    days = v.count("n_days", n_days)
    rng = np.random.default_rng(v.seed("seed", seed))
    if shared:
        return np.where(rng.random(days) < p, n, 0)
    v.budget("n_days * n_rollups", days * n, hi=MAX_DRAWS)
    return (rng.random((days, n)) < p).sum(axis=1)


def espresso_reward_rate(staked_share: float) -> float:
    """Espresso's yearly reward rate ``R(p) = c / sqrt(2 max(p, floor))``.

    ``p`` is the staked share of supply; ``c`` and the floor come from
    :mod:`seqlearn.params`. The yearly inflation it implies is ``R(p) p``.

    Examples
    --------
    >>> round(espresso_reward_rate(0.01), 4), round(espresso_reward_rate(1.0), 4)
    (0.2121, 0.0212)
    >>> espresso_reward_rate(0.001) == espresso_reward_rate(0.01)
    True
    """
    p = v.probability("staked_share", staked_share, lo_open=True)
    c = float(params.value("espresso.reward_coefficient"))
    floor = float(params.value("espresso.reward_floor_share"))
    return c / math.sqrt(2.0 * max(p, floor))
