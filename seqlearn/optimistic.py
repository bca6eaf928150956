"""The challenge window of an optimistic rollup: what it buys in security, what it costs users.

An optimistic rollup treats an assertion about its state as final once a *challenge window*
has passed without a successful challenge. A longer window makes fraud harder to keep
alive, and it makes every withdrawal, fast exit and L1-settled derivative wait longer.
This module prices both sides of that trade-off.

The security model
------------------
Time runs in L1 blocks ``1, 2, ..., W`` after a fraudulent assertion is posted, where ``W``
is the window length in blocks.

* There are ``n`` honest *watchers*. In every block each watcher, independently of the
  other watchers and of every other block, is online and gets a challenge transaction
  into that block with probability ``a`` (its *availability per block*). One challenge
  that lands inside the window defeats the fraud: the dispute game that follows is
  assumed to be won by the honest side (its length is a separate matter, see
  :func:`withdrawal_delays`).
* An attacker can *censor* the watchers' L1 transactions for ``c`` blocks, at a cost
  ``k`` per block that does not depend on how many watchers try. With i.i.d. blocks it
  does not matter which ``c`` blocks are censored, so take the first ``c``.
* With probability ``q`` a *common-mode* failure (a shared client bug, a shared cloud
  provider) keeps every watcher silent for the whole window.

The fraud survives if no watcher lands a challenge in any of the ``W - c`` uncensored
blocks, so

.. math::

    S(W, c) = q + (1 - q)\\,(1 - a)^{\\,n\\,\\max(W - c,\\,0)}.

:func:`survival_probability` evaluates this closed form and :func:`simulate_survival`
checks it by simulating each watcher's first action. The attacker's expected payoff from
a fraud worth ``V`` with a bond ``B`` at stake is
``P(c) = S(W, c) V - (1 - S(W, c)) B - k c``. ``S`` is convex in ``c`` (an exponential),
so ``P`` is convex and its maximum over ``0 <= c <= W`` sits at an end: the attacker
either censors the whole window (certain success at cost ``k W``) or not at all
(:func:`best_attack`). A window is secure when neither end pays
(:func:`min_secure_window`), which needs ``W >= V / k``: the cost of censorship grows
linearly with the window.

What the model leaves out: watchers whose outages last many blocks (correlation in time;
``q`` covers only the extreme case of correlation across watchers), a censorship cost
that rises with the fees watchers offer, L1 reorgs, and the social response to a long
censorship attack, which is the reason usually given for a window of about a week.

The cost side
-------------
:func:`locked_capital_cost` is the interest forgone on capital locked for the window,
:func:`lp_fee` the fee a liquidity provider needs to pay a withdrawal out at once,
:func:`settlement_margin` the margin that covers price moves while a derivative waits to
settle on the L1, and :func:`withdrawal_delays` the real delays of OP Stack and Arbitrum
One read from :mod:`seqlearn.params`.

Examples
--------
>>> round(survival_probability(window_blocks=3, watchers=1, availability=0.5), 4)
0.125
>>> round(locked_capital_cost(10_000_000, 0.05, 7), 2)
9593.64
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

from seqlearn import validation as v
from numpy.typing import ArrayLike, NDArray

from seqlearn import params

__all__ = [
    "BLOCKS_PER_DAY",
    "MAX_DAYS",
    "MAX_POINTS",
    "days_to_blocks",
    "blocks_to_days",
    "survival_probability",
    "MonteCarloSurvival",
    "simulate_survival",
    "censorship_cost",
    "AttackOutcome",
    "best_attack",
    "min_secure_window",
    "locked_capital_cost",
    "LPFee",
    "lp_fee",
    "SettlementMargin",
    "settlement_margin",
    "WithdrawalDelay",
    "withdrawal_delays",
    "WindowTradeoff",
    "window_tradeoff",
]

#: L1 blocks per day with one block per 12-second slot (``ethereum.slot_seconds``).
BLOCKS_PER_DAY: float = 86400.0 / params.L1_SLOT_SECONDS

_COMPOUNDING = ("continuous", "simple")

#: Longest time span, in days, the models accept (about 2.7 million years).
MAX_DAYS: float = 1e9
_MAX_BLOCKS = MAX_DAYS * 7200
#: Most points of a curve such as :func:`window_tradeoff`'s.
MAX_POINTS: int = 100_000


def _out(x: NDArray[np.float64]) -> float | NDArray[np.float64]:
    return float(x) if np.ndim(x) == 0 else x


def days_to_blocks(days: ArrayLike) -> float | NDArray[np.float64]:
    """Convert days to L1 blocks (12-second slots, no missed slots).

    Examples
    --------
    >>> days_to_blocks(1)
    7200.0
    """
    return _out(v.array("days", days, lo=0.0, hi=MAX_DAYS) * BLOCKS_PER_DAY)


def blocks_to_days(blocks: ArrayLike) -> float | NDArray[np.float64]:
    """Convert L1 blocks to days (12-second slots, no missed slots).

    Examples
    --------
    >>> round(blocks_to_days(45818), 2)
    6.36
    """
    return _out(v.array("blocks", blocks, lo=0.0, hi=_MAX_BLOCKS) / BLOCKS_PER_DAY)


# ----------------------------------------------------------------------------------------
# Security: survival of a fraudulent assertion
# ----------------------------------------------------------------------------------------


def survival_probability(window_blocks: ArrayLike, watchers: ArrayLike, availability: ArrayLike,
                         censor_blocks: ArrayLike = 0, common_mode: ArrayLike = 0.0
                         ) -> float | NDArray[np.float64]:
    """Probability that a fraudulent assertion survives the challenge window.

    The model (see the module docstring): ``n`` watchers, each independently online and
    able to land a challenge in a given L1 block with probability ``a``; the attacker
    censors the first ``c`` blocks; with probability ``q`` all watchers fail together.

    .. math:: S = q + (1 - q)(1 - a)^{n \\max(W - c, 0)}

    All arguments broadcast against each other. A non-integer ``window_blocks`` or
    ``censor_blocks`` evaluates the same formula (a smooth interpolation between blocks).

    Parameters
    ----------
    window_blocks : array_like
        Challenge window ``W`` in L1 blocks, non-negative.
    watchers : array_like
        Number of independent honest watchers ``n``, a non-negative whole number.
    availability : array_like
        Probability ``a`` in [0, 1] that one watcher lands a challenge in one uncensored block.
    censor_blocks : array_like, optional
        Blocks ``c`` during which the attacker censors every challenge, non-negative.
        Default ``0``.
    common_mode : array_like, optional
        Probability ``q`` in [0, 1] that all watchers are silent for the whole window.
        Default ``0.0``.

    Returns
    -------
    float or numpy.ndarray
        Survival probability in [0, 1]; a float when every input is a scalar.

    Raises
    ------
    ValueError
        If a count or time is negative or a probability lies outside [0, 1].
    TypeError
        If an argument is not numeric.

    Examples
    --------
    >>> round(survival_probability(3, 1, 0.5), 12)
    0.125
    >>> survival_probability(10, 4, 0.3, censor_blocks=10)  # censored throughout
    1.0
    >>> round(survival_probability(3, 1, 0.5, common_mode=0.1), 4)
    0.2125
    >>> survival_probability([0, 1, 2], 2, 0.5).round(12).tolist()
    [1.0, 0.25, 0.0625]
    """
    w = v.array("window_blocks", window_blocks, lo=0.0, hi=_MAX_BLOCKS)
    n = v.array("watchers", watchers, lo=0.0, hi=v.MAX_COUNT, whole=True)
    a = v.array("availability", availability, lo=0.0, hi=1.0)
    c = v.array("censor_blocks", censor_blocks, lo=0.0, hi=_MAX_BLOCKS)
    q = v.array("common_mode", common_mode, lo=0.0, hi=1.0)
    exposure = n * np.maximum(w - c, 0.0)  # watcher-blocks in which a challenge can land
    with np.errstate(invalid="ignore", divide="ignore"):
        miss = np.where(exposure == 0, 1.0, np.exp(exposure * np.log1p(-a)))
    return _out(q + (1.0 - q) * miss)


@dataclass(frozen=True)
class MonteCarloSurvival:
    """A Monte Carlo estimate of the survival probability.

    Attributes
    ----------
    estimate : float
        Share of simulated windows in which the fraud survived.
    stderr : float
        Binomial standard error of ``estimate``, ``sqrt(p (1 - p) / paths)``.
    paths : int
        Number of simulated windows.
    """

    estimate: float
    stderr: float
    paths: int


_MAX_DRAWS = 20_000_000
_MAX_PATHS = 2_000_000


def simulate_survival(window_blocks: int, watchers: int, availability: float,
                      censor_blocks: int = 0, common_mode: float = 0.0, *,
                      paths: int = 100_000, seed: int | np.random.Generator | None = 0
                      ) -> MonteCarloSurvival:
    """Simulate the survival of a fraudulent assertion, one watcher at a time.

    Each path draws, for every watcher, the block (counted from the end of the
    censorship) in which it first lands a challenge: a geometric variable with success
    probability ``availability``. The fraud survives a path if every watcher's first
    challenge falls after the window, or if the path's common-mode failure (probability
    ``common_mode``) silences them all. All paths are drawn at once.

    Parameters
    ----------
    window_blocks, watchers, censor_blocks : int
        As in :func:`survival_probability`, but whole numbers.
    availability, common_mode : float
        As in :func:`survival_probability`.
    paths : int, optional
        Number of simulated windows (at most 2 million); ``paths * watchers`` may be at
        most 20 million.
        Default ``100_000``.
    seed : int, numpy.random.Generator or None, optional
        Seed or generator for the draws. Default ``0``.

    Returns
    -------
    MonteCarloSurvival

    Raises
    ------
    ValueError
        On invalid parameters, or if ``paths * watchers`` exceeds 20 million.

    Examples
    --------
    >>> mc = simulate_survival(3, 1, 0.5, paths=200_000, seed=1)
    >>> abs(mc.estimate - 0.125) < 4 * mc.stderr
    True
    """
    w = v.whole("window_blocks", window_blocks, hi=int(_MAX_BLOCKS))
    n = v.whole("watchers", watchers)
    a = v.probability("availability", availability)
    c = v.whole("censor_blocks", censor_blocks, hi=int(_MAX_BLOCKS))
    q = v.probability("common_mode", common_mode)
    m = v.whole("paths", paths, lo=1, hi=_MAX_PATHS)
    v.budget("paths * watchers", m * max(n, 1), hi=_MAX_DRAWS)
    rng = v.rng("seed", seed) if seed is not None else np.random.default_rng()
    uncensored = int(max(w - c, 0))
    if uncensored == 0 or n == 0 or a == 0.0:
        detected = np.zeros(m, dtype=bool)
    else:
        first = rng.geometric(a, size=(m, n))  # 1-based block of each watcher's first challenge
        detected = first.min(axis=1) <= uncensored
    silenced = rng.random(m) < q
    survived = ~detected | silenced
    est = float(survived.mean())
    return MonteCarloSurvival(est, math.sqrt(est * (1.0 - est) / m), m)


def _uncensored_allowance(watchers: NDArray, availability: NDArray, target: NDArray,
                          common_mode: NDArray) -> NDArray:
    """Largest number of uncensored blocks ``u`` with ``S >= target`` (inf if unbounded)."""
    need = np.where(common_mode >= target, 0.0,
                    (target - common_mode) / np.where(common_mode < 1, 1.0 - common_mode, 1.0))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # per-block hazard of the whole group (0 without watchers, inf for perfect ones)
        rate = np.where((watchers == 0) | (availability == 0), 0.0,
                        -watchers * np.log1p(-availability))
        allowance = np.where(need <= 0, np.inf,
                             np.where(rate == 0, np.inf, -np.log(need) / rate))
    return np.floor(allowance * (1 + 1e-12))


def censorship_cost(window_blocks: ArrayLike, watchers: ArrayLike, availability: ArrayLike,
                    cost_per_block: ArrayLike, target: ArrayLike = 0.5,
                    common_mode: ArrayLike = 0.0) -> float | NDArray[np.float64]:
    """Cheapest censorship that keeps a fraud alive with probability at least ``target``.

    The attacker censors the fewest whole blocks ``c`` with ``S(W, c) >= target`` (see
    :func:`survival_probability`) and pays ``k c``. With ``u`` the largest number of
    uncensored blocks the target allows, ``c = min(W, max(0, ceil(W - u)))``: past ``u``
    blocks, every extra block of window costs the attacker one more block of censorship.

    Parameters
    ----------
    window_blocks, watchers, availability, common_mode : array_like
        As in :func:`survival_probability`.
    cost_per_block : array_like
        Attacker's cost ``k`` of censoring one L1 block, non-negative (any currency).
    target : array_like, optional
        Survival probability in [0, 1] the attacker wants. Default ``0.5``.

    Returns
    -------
    float or numpy.ndarray
        Cost in the unit of ``cost_per_block``.

    Raises
    ------
    ValueError, TypeError
        As in :func:`survival_probability`.

    Examples
    --------
    >>> censorship_cost(100, 1, 0.5, cost_per_block=2.0, target=0.25)  # leave 2 blocks open
    196.0
    >>> censorship_cost(100, 1, 0.5, cost_per_block=2.0, target=1.0)   # censor everything
    200.0
    """
    w = v.array("window_blocks", window_blocks, lo=0.0, hi=_MAX_BLOCKS)
    n = v.array("watchers", watchers, lo=0.0, hi=v.MAX_COUNT, whole=True)
    a = v.array("availability", availability, lo=0.0, hi=1.0)
    k = v.array("cost_per_block", cost_per_block, lo=0.0)
    t = v.array("target", target, lo=0.0, hi=1.0)
    q = v.array("common_mode", common_mode, lo=0.0, hi=1.0)
    u = _uncensored_allowance(n, a, t, q)
    with np.errstate(invalid="ignore"):
        c = np.where(np.isinf(u), 0.0, np.clip(np.ceil(w - u), 0.0, None))
    c = np.minimum(c, w)
    return _out(v.finite_result("censorship cost", k * c))


@dataclass(frozen=True)
class AttackOutcome:
    """The attacker's best plan against one window.

    Attributes
    ----------
    censor_blocks : float
        Optimal number of censored blocks: 0 or the whole window.
    survival : float
        Survival probability under that plan.
    payoff : float
        Expected payoff of the best plan (positive means the attack pays).
    payoff_no_censorship : float
        Expected payoff when the attacker censors nothing.
    payoff_full_censorship : float
        Expected payoff when the attacker censors the whole window (``V - k W``).
    """

    censor_blocks: float
    survival: float
    payoff: float
    payoff_no_censorship: float
    payoff_full_censorship: float


def _attack_inputs(watchers: Any, availability: Any, cost_per_block: Any, value: Any,
                   bond: Any, common_mode: Any) -> tuple[float, ...]:
    return (
        v.whole("watchers", watchers),
        v.probability("availability", availability),
        v.nonnegative("cost_per_block", cost_per_block),
        v.nonnegative("value", value),
        v.nonnegative("bond", bond),
        v.probability("common_mode", common_mode),
    )


def best_attack(window_blocks: float, watchers: int, availability: float,
                cost_per_block: float, value: float, bond: float = 0.0,
                common_mode: float = 0.0) -> AttackOutcome:
    """The attacker's payoff-maximising censorship against a window of ``W`` blocks.

    The payoff of censoring ``c`` blocks is ``S(c) V - (1 - S(c)) B - k c``. Because
    ``S`` is convex in ``c``, so is the payoff, and its maximum over ``[0, W]`` lies at
    ``c = 0`` or ``c = W``: partial censorship is never the best plan in this model. Ties
    go to ``c = 0``.

    Parameters
    ----------
    window_blocks : float
        Window ``W`` in L1 blocks.
    watchers, availability, common_mode :
        As in :func:`survival_probability` (scalars).
    cost_per_block : float
        Censorship cost ``k`` per block.
    value : float
        What the attacker gains if the fraud survives, ``V``, in the unit of ``k``.
    bond : float, optional
        What the attacker loses if the fraud is caught, ``B``, in the unit of ``k``.
        Default ``0.0``.

    Returns
    -------
    AttackOutcome

    Raises
    ------
    ValueError, TypeError
        On invalid input.

    Examples
    --------
    >>> best_attack(100, 1, 0.5, cost_per_block=2.0, value=1000.0).censor_blocks
    100.0
    >>> best_attack(1000, 1, 0.5, cost_per_block=2.0, value=1000.0).censor_blocks
    0.0
    """
    w = v.nonnegative("window_blocks", window_blocks, hi=_MAX_BLOCKS)
    n, a, k, val, b, q = _attack_inputs(watchers, availability, cost_per_block, value, bond,
                                      common_mode)
    s0 = float(survival_probability(w, n, a, 0.0, q))
    p0 = s0 * val - (1.0 - s0) * b
    pw = val - k * w
    v.finite_result("attack payoff", [p0, pw])
    if pw > p0:
        return AttackOutcome(w, 1.0, pw, p0, pw)
    return AttackOutcome(0.0, s0, p0, p0, pw)


def min_secure_window(watchers: int, availability: float, cost_per_block: float,
                      value: float, bond: float = 0.0, common_mode: float = 0.0) -> float:
    """Shortest window (whole L1 blocks) against which no attack has a positive payoff.

    By :func:`best_attack` it suffices that both ends lose: full censorship needs
    ``V - k W <= 0``, i.e. ``W >= V / k``; no censorship needs
    ``S(W, 0) <= B / (V + B)``, i.e.
    ``(1 - a)^{n W} <= (B/(V+B) - q) / (1 - q)``. The answer is the larger of the two
    whole-block bounds, or ``inf`` when one cannot be met (no censorship cost, no
    watchers, or a common-mode failure more likely than ``B / (V + B)``).

    Parameters
    ----------
    watchers, availability, cost_per_block, value, bond, common_mode :
        As in :func:`best_attack`.

    Returns
    -------
    float
        Window in L1 blocks (a whole number), or ``math.inf``.

    Raises
    ------
    ValueError, TypeError
        On invalid input.

    Examples
    --------
    >>> min_secure_window(1, 0.5, cost_per_block=2.0, value=1000.0, bond=100.0)
    500.0
    >>> min_secure_window(1, 0.5, cost_per_block=2.0, value=1000.0)  # no bond: a free lottery
    inf
    >>> min_secure_window(5, 0.01, cost_per_block=2.0, value=1000.0, bond=5.0, common_mode=0.01)
    inf
    """
    n, a, k, val, b, q = _attack_inputs(watchers, availability, cost_per_block, value, bond,
                                      common_mode)
    if val == 0.0:
        return 0.0
    if k == 0.0:
        return math.inf
    w_censor = math.ceil(val / k * (1 - 1e-12))
    theta = b / (val + b)  # largest survival probability at which the no-censorship attack loses
    if q > theta:
        return math.inf
    if q == 1.0:  # then theta == 1: every window is safe against the plain attack
        return float(w_censor)
    y = (theta - q) / (1.0 - q)
    if y >= 1.0:
        w_plain = 0
    elif n == 0 or a == 0.0:
        return math.inf
    elif a == 1.0:
        w_plain = 1
    elif y == 0.0:
        return math.inf
    else:
        w_plain = math.ceil(math.log(y) / (n * math.log1p(-a)) * (1 - 1e-12))
    return float(max(w_censor, w_plain))


# ----------------------------------------------------------------------------------------
# Costs to users
# ----------------------------------------------------------------------------------------


def _years(days: NDArray, days_per_year: Any) -> NDArray:
    dpy = v.real("days_per_year", days_per_year, lo=1.0, hi=366.0)
    if dpy <= 0:
        raise ValueError(f"days_per_year must be positive, got {days_per_year!r}")
    return days / dpy


def _growth(rate: NDArray, years: NDArray, compounding: str) -> NDArray:
    """Value at the end of ``years`` of one unit invested now."""
    if compounding == "continuous":
        return np.exp(rate * years)
    return 1.0 + rate * years


def locked_capital_cost(amount: ArrayLike, rate: ArrayLike, days: ArrayLike, *,
                        compounding: str = "continuous", days_per_year: float = 365.0
                        ) -> float | NDArray[np.float64]:
    """Interest forgone on capital locked for ``days``, valued at the end of the lock.

    Continuous compounding gives ``A (e^{r t} - 1)``, simple interest ``A r t``, with
    ``t = days / days_per_year`` in years.

    Parameters
    ----------
    amount : array_like
        Capital locked, non-negative (any currency).
    rate : array_like
        Annual interest rate the capital could earn elsewhere, non-negative (0.05 = 5%).
    days : array_like
        Length of the lock in days, non-negative.
    compounding : str, optional
        One of ``"continuous"``, ``"simple"``; default ``"continuous"``.
    days_per_year : float, optional
        Day count; 364 makes 7 days exactly one 52nd of a year. Default ``365.0``.

    Returns
    -------
    float or numpy.ndarray
        Forgone interest, in the unit of ``amount``.

    Raises
    ------
    ValueError, TypeError
        On negative or non-numeric input or an unknown ``compounding``.

    Examples
    --------
    >>> round(locked_capital_cost(10_000_000, 0.05, 7, compounding="simple"), 2)
    9589.04
    >>> round(locked_capital_cost(3.4e9, 0.05, 7, compounding="simple", days_per_year=364))
    3269231
    """
    amt = v.array("amount", amount, lo=0.0)
    r = v.array("rate", rate, lo=0.0)
    t = _years(v.array("days", days, lo=0.0), days_per_year)
    comp = v.option("compounding", compounding, _COMPOUNDING)
    with np.errstate(over="ignore", invalid="ignore"):
        cost = amt * (_growth(r, t, comp) - 1.0)
    return _out(v.finite_result("locked-capital cost", cost))


@dataclass(frozen=True)
class LPFee:
    """The fee a liquidity provider needs to pay a pending withdrawal out at once.

    All amounts are in the unit of the withdrawal and may be arrays (one per delay).

    Attributes
    ----------
    amount : float or numpy.ndarray
        Size of the withdrawal.
    time_value : float or numpy.ndarray
        Discount for waiting: ``A (1 - D)`` with ``D`` the discount factor.
    risk : float or numpy.ndarray
        Expected loss from an overturned withdrawal, in today's money: ``A p D``.
    margin : float or numpy.ndarray
        The provider's extra margin, ``A m``.
    total : float or numpy.ndarray
        ``time_value + risk + margin``.
    """

    amount: float | NDArray[np.float64]
    time_value: float | NDArray[np.float64]
    risk: float | NDArray[np.float64]
    margin: float | NDArray[np.float64]
    total: float | NDArray[np.float64]

    @property
    def basis_points(self) -> float | NDArray[np.float64]:
        """Total fee as basis points of the amount (0 where the amount is 0)."""
        amt = np.asarray(self.amount, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            bp = np.where(amt > 0, np.asarray(self.total) / np.where(amt > 0, amt, 1.0), 0.0)
        return _out(1e4 * bp)


def lp_fee(amount: ArrayLike, rate: ArrayLike, delay_days: ArrayLike, *,
           p_overturn: ArrayLike = 0.0, margin: ArrayLike = 0.0,
           compounding: str = "continuous", days_per_year: float = 365.0) -> LPFee:
    """Break-even fee of a fast-withdrawal liquidity provider (risk-neutral, plus a margin).

    The provider pays the user ``A - fee`` now and receives ``A`` after ``delay_days``,
    unless (probability ``p``) the withdrawal is overturned, in which case it receives
    nothing. Discounting at ``rate`` with factor ``D`` (``e^{-r t}`` or ``1/(1 + r t)``),
    it breaks even at ``A (1 - (1 - p) D)``, which splits into a time value ``A (1 - D)``
    and a risk premium ``A p D``; a margin ``A m`` comes on top. A provider that runs its
    own node and checks the withdrawal against the L2 state can take ``p = 0``.

    Parameters
    ----------
    amount : array_like
        Withdrawal size ``A``, non-negative.
    rate : array_like
        The provider's annual cost of capital ``r``, non-negative.
    delay_days : array_like
        Days until the withdrawal can be finalized on the L1, non-negative.
    p_overturn : array_like, optional
        Probability in [0, 1] that the withdrawal never pays out. Default ``0.0``.
    margin : array_like, optional
        Extra margin as a fraction of the amount, non-negative (0.0005 = 5 bp).
        Default ``0.0``.
    compounding : str, optional
        One of ``"continuous"``, ``"simple"``; default ``"continuous"``.
    days_per_year : float, optional
        Default ``365.0``.

    Returns
    -------
    LPFee

    Raises
    ------
    ValueError, TypeError
        On invalid input.

    Examples
    --------
    >>> fee = lp_fee(1_000_000, 0.05, 7, p_overturn=1e-4, margin=5e-4)
    >>> round(fee.time_value, 2), round(fee.risk, 2), fee.margin
    (958.44, 99.9, 500.0)
    >>> round(fee.basis_points, 2)
    15.58
    """
    amt = v.array("amount", amount, lo=0.0)
    r = v.array("rate", rate, lo=0.0)
    t = _years(v.array("delay_days", delay_days, lo=0.0), days_per_year)
    p = v.array("p_overturn", p_overturn, lo=0.0, hi=1.0)
    m = v.array("margin", margin, lo=0.0, hi=100.0)  # a share of the amount
    comp = v.option("compounding", compounding, _COMPOUNDING)
    with np.errstate(over="ignore"):
        d = 1.0 / _growth(r, t, comp)
    tv = amt * (1.0 - d)
    risk = amt * p * d
    mg = amt * m
    tv, risk, mg = np.broadcast_arrays(tv, risk, mg)
    total = v.finite_result("fee", tv + risk + mg)
    return LPFee(_out(np.broadcast_to(amt, tv.shape) * 1.0), _out(tv * 1.0), _out(risk * 1.0),
                 _out(mg * 1.0), _out(total))


@dataclass(frozen=True)
class SettlementMargin:
    """Margin that covers price moves while a derivative waits to settle on the L1.

    Attributes
    ----------
    margin : float or numpy.ndarray
        Margin in the unit of the notional.
    z : float
        Standard normal quantile at the confidence level.
    carry_cost : float or numpy.ndarray
        Interest forgone on the margin over the delay (continuous compounding).
    """

    margin: float | NDArray[np.float64]
    z: float
    carry_cost: float | NDArray[np.float64]


_MARGIN_MODELS = ("normal", "lognormal")
_SIDES = ("long", "short")


def settlement_margin(notional: ArrayLike, volatility: ArrayLike, delay_days: ArrayLike, *,
                      confidence: float = 0.99, model: str = "normal", side: str = "long",
                      rate: ArrayLike = 0.0, days_per_year: float = 365.0) -> SettlementMargin:
    """Margin that covers the price move over a settlement delay at a confidence level.

    A position of size ``N`` whose settlement reaches the L1 only after ``delay_days``
    must be backed by margin that covers the move of the underlying over that delay.
    With annual volatility ``sigma``, ``tau = delay_days / days_per_year`` and ``z`` the
    ``confidence`` quantile of the standard normal:

    * ``"normal"`` (arithmetic returns): ``N z sigma sqrt(tau)``, whatever the side;
    * ``"lognormal"`` (driftless geometric Brownian motion,
      ``S_T = S_0 exp(sigma sqrt(tau) Z - sigma^2 tau / 2)``): the loss quantile of a long
      position, ``N (1 - exp(-z sigma sqrt(tau) - sigma^2 tau / 2))``, or of a short one,
      ``N (exp(z sigma sqrt(tau) - sigma^2 tau / 2) - 1)``.

    The carry cost is the interest forgone on that margin over the delay
    (:func:`locked_capital_cost`, continuous compounding).

    Parameters
    ----------
    notional : array_like
        Position size ``N``, non-negative.
    volatility : array_like
        Annualised volatility ``sigma``, non-negative (0.6 = 60%).
    delay_days : array_like
        Settlement delay in days, non-negative.
    confidence : float, optional
        Confidence level, strictly between 0.5 and 1. Default ``0.99``.
    model : str, optional
        One of ``"normal"``, ``"lognormal"``; default ``"normal"``.
    side : str, optional
        Which position the margin protects (used by the lognormal model).
        One of ``"long"``, ``"short"``; default ``"long"``.
    rate : array_like, optional
        Annual rate for the carry cost. Default ``0.0``.
    days_per_year : float, optional
        Crypto markets trade every day, hence 365. Default ``365.0``.

    Returns
    -------
    SettlementMargin

    Raises
    ------
    ValueError, TypeError
        On invalid input.

    Examples
    --------
    >>> m = settlement_margin(1.0, 1.0, 365.0, confidence=0.99)
    >>> round(m.z, 4), round(m.margin, 4)
    (2.3263, 2.3263)
    >>> round(settlement_margin(10e6, 0.6, 7, rate=0.05).margin)
    1932985
    """
    nl = v.array("notional", notional, lo=0.0)
    sig = v.array("volatility", volatility, lo=0.0)
    tau = _years(v.array("delay_days", delay_days, lo=0.0), days_per_year)
    conf = v.real("confidence", confidence, lo=0.5, hi=1.0, lo_open=True, hi_open=True)
    mdl = v.option("model", model, _MARGIN_MODELS)
    sd = v.option("side", side, _SIDES)
    z = NormalDist().inv_cdf(conf)
    x = sig * np.sqrt(tau)
    if mdl == "normal":
        frac = z * x
    elif sd == "long":
        frac = -np.expm1(-z * x - 0.5 * x * x)
    else:
        frac = np.expm1(z * x - 0.5 * x * x)
    with np.errstate(over="ignore", invalid="ignore"):
        margin = v.finite_result("margin", nl * frac)
    carry = locked_capital_cost(margin, rate, np.asarray(tau) * days_per_year,
                                days_per_year=days_per_year)
    return SettlementMargin(_out(margin * 1.0), float(z), carry)


# ----------------------------------------------------------------------------------------
# Real delays, from the parameter registry
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawalDelay:
    """One real withdrawal delay, computed from registry parameters.

    Attributes
    ----------
    system : str
        Rollup stack, e.g. ``"OP Stack"``.
    case : str
        Which path: unchallenged or worst case.
    days : float
        The delay in days (12-second L1 slots for block counts).
    formula : str
        How ``days`` follows from the parameters.
    keys : tuple of str
        The :mod:`seqlearn.params` keys it uses.
    """

    system: str
    case: str
    days: float
    formula: str
    keys: tuple[str, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """Primary source and version of each parameter, as ``"key: source (holds for)"``."""
        return tuple(f"{k}: {params.get(k).source} ({params.get(k).holds_for})"
                     for k in self.keys)


def withdrawal_delays() -> tuple[WithdrawalDelay, ...]:
    """Withdrawal delays of OP Stack chains and Arbitrum One, from :mod:`seqlearn.params`.

    * OP Stack, unchallenged: a withdrawal proven against a fresh dispute game waits the
      proof maturity delay; meanwhile the game's clock (3.5 days) runs out and the
      finality air gap (3.5 days) passes, so the delay is the larger of the two paths.
    * OP Stack, honest claim challenged: the game can run until both chess clocks are
      spent, then the air gap follows. Clock extensions (3 h for a late move, 6 h at the
      split depth, 27 h before the final step) can add more; they are ignored here, so
      this is a rough figure, not a bound.
    * Arbitrum One, unchallenged: the challenge period ``confirmPeriodBlocks``.
    * Arbitrum One with BoLD, a dispute raised at the last moment: about two challenge
      periods, plus the grace period that follows a won challenge.

    The time to the next assertion or game (about an hour on both chains) comes on top.

    Returns
    -------
    tuple of WithdrawalDelay

    Examples
    --------
    >>> [(d.system, round(d.days, 2)) for d in withdrawal_delays()]  # doctest: +NORMALIZE_WHITESPACE
    [('OP Stack', 7.0), ('OP Stack', 10.5), ('Arbitrum One', 6.36), ('Arbitrum One', 14.73)]
    """
    day = 86400.0
    mat = params.value("op.proof_maturity_delay") / day
    clock = params.value("op.fdg.max_clock_duration") / day
    gap = params.value("op.dispute_game_finality_delay") / day
    period = params.value("arbitrum.confirm_period_blocks")
    grace = params.value("arbitrum.bold.challenge_grace_period_blocks")
    return (
        WithdrawalDelay("OP Stack", "unchallenged", max(mat, clock + gap),
                        "max(proof maturity, game clock + finality air gap)",
                        ("op.proof_maturity_delay", "op.fdg.max_clock_duration",
                         "op.dispute_game_finality_delay")),
        WithdrawalDelay("OP Stack", "challenged, no clock extensions",
                        max(mat, 2 * clock + gap),
                        "max(proof maturity, 2 x game clock + finality air gap)",
                        ("op.proof_maturity_delay", "op.fdg.max_clock_duration",
                         "op.dispute_game_finality_delay")),
        WithdrawalDelay("Arbitrum One", "unchallenged", float(blocks_to_days(period)),
                        "confirmPeriodBlocks x 12 s", ("arbitrum.confirm_period_blocks",)),
        WithdrawalDelay("Arbitrum One", "BoLD, dispute at the last moment",
                        float(blocks_to_days(2 * period + grace)),
                        "(2 x confirmPeriodBlocks + challengeGracePeriodBlocks) x 12 s",
                        ("arbitrum.confirm_period_blocks",
                         "arbitrum.bold.challenge_grace_period_blocks")),
    )


# ----------------------------------------------------------------------------------------
# The explorer's model: one call per slider move
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowTradeoff:
    """Survival and fast-exit fee across window lengths, with one chosen window marked.

    Attributes
    ----------
    days : numpy.ndarray
        Grid of window lengths in days.
    survival : numpy.ndarray
        Survival probability of a fraud at each window length.
    fee_bp : numpy.ndarray
        Liquidity-provider fee (basis points) for a withdrawal that waits each window.
    window_days : float
        The chosen window.
    survival_at_window : float
        Survival probability at the chosen window.
    fee_bp_at_window : float
        Fee at the chosen window, in basis points.
    watchers : int
    availability : float
    censor_blocks : float
    rate : float
        Annual rate used for the fee.
    """

    days: NDArray[np.float64]
    survival: NDArray[np.float64]
    fee_bp: NDArray[np.float64]
    window_days: float
    survival_at_window: float
    fee_bp_at_window: float
    watchers: int
    availability: float
    censor_blocks: float
    rate: float


def window_tradeoff(window_days: float, watchers: int, availability: float,
                    censor_blocks: float = 0.0, *, rate: float = 0.05,
                    p_overturn: float = 0.0, margin: float = 0.0,
                    max_days: float | None = None, points: int = 241) -> WindowTradeoff:
    """Survival probability and fast-exit fee on a grid of windows (the explorer's model).

    Parameters
    ----------
    window_days : float
        The chosen window in days, non-negative.
    watchers, availability, censor_blocks :
        As in :func:`survival_probability` (``censor_blocks`` in L1 blocks).
    rate, p_overturn, margin : float
        As in :func:`lp_fee`.
    max_days : float, optional
        End of the grid; default ``max(14, 1.25 * window_days)``.
    points : int, optional
        Grid points, at least 2. Default ``241``.

    Returns
    -------
    WindowTradeoff

    Raises
    ------
    ValueError, TypeError
        On invalid input.

    Examples
    --------
    >>> r = window_tradeoff(7, 3, 1e-4, censor_blocks=20_000)
    >>> f"{r.survival_at_window:.2e}", round(r.fee_bp_at_window, 2)
    ('1.09e-04', 9.58)
    """
    wd = v.nonnegative("window_days", window_days, hi=MAX_DAYS)
    n = v.whole("watchers", watchers)
    a = v.probability("availability", availability)
    c = v.nonnegative("censor_blocks", censor_blocks, hi=_MAX_BLOCKS)
    pts = v.count("points", points, lo=2, hi=MAX_POINTS)
    top = (max(14.0, 1.25 * wd) if max_days is None
           else v.positive("max_days", max_days, hi=MAX_DAYS))
    days = np.linspace(0.0, top, pts)
    grid = np.append(days, wd)
    surv = survival_probability(days_to_blocks(grid), n, a, c)
    fee = lp_fee(1.0, rate, grid, p_overturn=p_overturn, margin=margin).basis_points
    return WindowTradeoff(days, surv[:-1], fee[:-1], wd, float(surv[-1]), float(fee[-1]),
                          n, a, c, float(rate))
