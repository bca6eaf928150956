"""Collateral liquidity and the optimal collateralisation ratio.

Two questions every staked-sequencer design must answer, and that ``stake x price``
answers wrongly:

1. **What is the collateral worth when it has to be sold?** Slashed or defaulted
   collateral is sold into the token's market. Selling a large amount of a thinly traded
   token pushes its price down while you sell, so the money raised is less than
   ``quantity x price``. :func:`liquidation_value` models this with the square-root law of
   market impact; :func:`tokens_to_raise` is its inverse (how many tokens must be sold to
   raise a given amount).
2. **How much stake is enough?** :func:`required_stake` finds the smallest stake whose
   liquidation value, at the moment of each failure, covers the loss the failure causes
   (for a corruption attack: the attacker's profit) with probability at least
   ``1 - alpha``, allowing for the token's volatility, the failures' frequency, the
   wrong-way price jump at a failure and the market's depth. :func:`frontier` traces the
   price of that security: the yearly cost of locking the stake, for each security level.

**The liquidity model.** A seller who must sell ``Q`` tokens spreads the sale over ``days`` days, ``x = Q / days``
a day, into a market that trades ``V`` tokens a day. Within one day the price the seller
gets falls with the amount already sold, following the square-root law of market
impact: after selling ``q`` tokens the next token fetches

    P (1 - h) max(0, 1 - eta sqrt(q / V)),

where ``P`` is the market price before the sale, ``h`` a flat haircut (fees, a liquidator's
discount for taking the risk) and ``eta`` the impact coefficient: the fractional price
drop caused by selling one full day's volume. Integrating over the day gives the
proceeds of one day,

    R_day(x) = P (1 - h) x (1 - (2/3) y),   y = eta sqrt(x / V) < 1,

and ``R_day = P (1 - h) V / (3 eta^2)`` once ``y >= 1``: there the marginal price has
reached zero, so the seller stops. Impact is temporary: the price recovers overnight,
so the proceeds of the whole sale are ``days x R_day(Q / days)``.

Why this form:

- the square-root law (impact grows like the square root of the amount sold relative to
  daily volume) is the best-documented regularity of market impact: Toth et al. explain it
  and add empirical support :cite:p:`toth2011anomalous`, and it holds on the Bitcoin market
  over four decades of order size :cite:p:`donier2015bitcoin`; the prefactor is usually
  written ``Y x sigma_daily`` with ``Y`` of order one, which :func:`impact_from_volatility`
  computes;
- the proceeds never fall when more is sold (a rational seller stops when the marginal
  price hits zero), so a larger stake is never worth less than a smaller one, but the
  average price per token falls strictly with the amount sold;
- with ``V`` infinite or ``eta = 0`` it reduces to ``quantity x price x (1 - h)``.

Not modelled: permanent impact (information revealed by the sale), the price moving
while a multi-day sale is under way, and volume drying up after a crash. All three make
the true liquidation value lower, so the model is on the generous side.

**The required stake.** Failures arrive as a Poisson process of rate ``fault_rate`` (per year) over a horizon of
``horizon`` years. The question is asked *given that at least one failure happens*: if
the sequencer fails, will its collateral cover the damage? Each failure

1. knocks the token price down by the wrong-way jump ``jump`` (the market learns that the
   sequencer misbehaved; the drop is permanent and compounds over several failures),
2. causes a loss ``loss`` (in units of value) that must be paid for by selling collateral
   at the liquidation value; the protocol sells just enough tokens to raise ``loss``.

Between failures the price follows geometric Brownian motion with drift ``drift`` and
annual volatility ``volatility``; the Brownian motion is drawn on a grid of
:data:`GRID_STEPS` steps over the horizon and bridged to each failure time.

Because the number of tokens a failure needs does not depend on the stake, a path is covered exactly when the stake is
at least the total tokens its failures need; the coverage probability is the empirical
distribution function of that total, and the smallest stake with coverage at least
``1 - alpha`` is one of its order statistics. No bisection is needed, the answer is
deterministic for a given ``seed``, and with common random numbers it is monotone in
the jump, the fault rate and every liquidity parameter path by path.

The **collateralisation ratio** is the stake's market value divided by the loss one
failure must cover, ``stake x price / loss``. A ratio of 1 is the naive rule "stake
worth the profit from corruption"; what lies above 1 is the premium that failures'
frequency, volatility, wrong-way risk and illiquidity demand.

Examples
--------
>>> thin = Market(daily_volume=1_000_000, impact=0.05)
>>> round(float(liquidation_value(1_000_000, 2.0, thin)), 0)   # one day's volume
1933333.0
>>> m = CollateralModel(loss=10e6, price=1.0, volatility=0.8, fault_rate=0.5, jump=0.3)
>>> r = required_stake(m, alpha=0.05, n_paths=2000, seed=1)
>>> r.ratio > 1 / (1 - 0.3)    # more than the jump alone would demand
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from numbers import Integral, Real
from typing import Any, Sequence

import numpy as np

from seqlearn import validation as v

__all__ = [
    "MAX_PATHS",
    "MIN_PATHS",
    "GRID_STEPS",
    "TRADING_DAYS_PER_YEAR",
    "Market",
    "DEEP_MARKET",
    "impact_from_volatility",
    "liquidation_value",
    "liquidation_price",
    "tokens_to_raise",
    "max_liquidation_value",
    "CollateralModel",
    "FailureSample",
    "RequiredStake",
    "Frontier",
    "Decomposition",
    "simulate_failures",
    "coverage_probability",
    "required_stake",
    "frontier",
    "decompose_requirement",
    "CollateralReport",
    "collateral_report",
    "coverable_loss",
]

GRID_STEPS: int = 64
"""Steps of the random-walk grid on which the Brownian motion of the price is drawn over
the horizon; the value at a failure time inside a step comes from a Brownian bridge."""

TRADING_DAYS_PER_YEAR: int = 365
"""Crypto tokens trade every day of the year; used to turn annual into daily volatility."""

_MAX_EXPECTED_FAILURES = 50.0


#: Most Monte Carlo paths of one call (and the fewest that resolve a 1 % tail).
MAX_PATHS: int = 2_000_000
MIN_PATHS: int = 100


# --------------------------------------------------------------------------------------
# liquidity
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Market:
    """The market into which collateral is sold.

    Attributes
    ----------
    daily_volume : float
        Tokens the market trades a day, ``V`` (``math.inf`` for a market so deep that
        the sale moves nothing). Use the volume that really absorbs a sale: reported
        exchange volumes of small tokens are often inflated.
    impact : float
        Impact coefficient ``eta`` >= 0: the fractional price drop caused by selling one
        full day's volume in a day. See :func:`impact_from_volatility`.
    haircut : float
        Flat discount ``h`` in [0, 1) on every token sold (fees, the liquidator's margin).
    days : int
        Days over which the seller spreads the sale (>= 1).

    Raises
    ------
    ValueError, TypeError
        If a field is out of range or of the wrong type.

    Examples
    --------
    >>> Market(daily_volume=5e6, impact=0.05, haircut=0.02, days=3).days
    3
    >>> Market(daily_volume=-1)
    Traceback (most recent call last):
    ...
    ValueError: daily_volume must be a real number in (0, inf], got -1
    """

    daily_volume: float
    impact: float = 0.05
    haircut: float = 0.0
    days: int = 1

    def __post_init__(self) -> None:
        v.real("daily_volume", self.daily_volume, lo=0.0, lo_open=True, allow_inf=True)
        v.nonnegative("impact", self.impact, hi=1e6)
        v.probability("haircut", self.haircut, hi_open=True)
        v.count("days", self.days, hi=100_000)

    @property
    def frictionless(self) -> bool:
        """True when selling moves no price (infinite volume or zero impact)."""
        return math.isinf(self.daily_volume) or self.impact == 0.0


DEEP_MARKET = Market(daily_volume=math.inf, impact=0.0)
"""A perfectly liquid market, in which collateral sells at the market price with no haircut."""


def impact_from_volatility(volatility: float, y: float = 1.0) -> float:
    """Impact coefficient ``eta = y x sigma_daily`` from an annualised volatility.

    The square-root law is usually written ``impact = Y sigma_daily sqrt(Q / V)`` with a
    prefactor ``Y`` of order one; this returns ``Y sigma / sqrt(365)``.

    Parameters
    ----------
    volatility : float
        Annualised volatility of the token (0.8 for 80 % a year).
    y : float
        The prefactor ``Y`` (> 0).

    Returns
    -------
    float
        The impact coefficient ``eta`` for :class:`Market`.

    Examples
    --------
    >>> round(impact_from_volatility(0.8), 4)
    0.0419
    """
    s = v.nonnegative("volatility", volatility, hi=1e6)
    k = v.positive("y", y, hi=1e6)
    return k * s / math.sqrt(TRADING_DAYS_PER_YEAR)


def liquidation_value(quantity: Any, price: Any, market: Market) -> np.ndarray | float:
    """Money raised by selling ``quantity`` tokens at market price ``price``.

    Parameters
    ----------
    quantity : float or array_like
        Tokens sold (>= 0).
    price : float or array_like
        Market price per token before the sale (>= 0); broadcasts against ``quantity``.
    market : Market
        Volume, impact coefficient, haircut and the number of days of the sale.

    Returns
    -------
    float or ndarray
        The proceeds, in the unit of ``price``; a float for scalar inputs. Never more than
        ``quantity x price x (1 - haircut)``; non-decreasing and concave in ``quantity``.

    Raises
    ------
    ValueError, TypeError
        If an input is negative, not a number, or ``market`` is not a :class:`Market`.

    Examples
    --------
    >>> m = Market(daily_volume=100.0, impact=0.5)
    >>> float(liquidation_value(100.0, 1.0, m))   # average price 1 - (2/3)(0.5)
    66.66666666666667
    >>> float(liquidation_value(100.0, 1.0, DEEP_MARKET))
    100.0
    """
    q = v.array("quantity", quantity, lo=0.0, allow_empty=True)
    p = v.array("price", price, lo=0.0, allow_empty=True)
    mk = v.instance("market", market, Market)
    gross = q * p * (1.0 - mk.haircut)
    if mk.frictionless:
        out = gross
    else:
        per_day = q / mk.days
        y = mk.impact * np.sqrt(per_day / mk.daily_volume)
        cap = mk.days * p * (1.0 - mk.haircut) * mk.daily_volume / (3.0 * mk.impact**2)
        out = np.where(y < 1.0, gross * (1.0 - (2.0 / 3.0) * np.minimum(y, 1.0)), cap)
    v.finite_result("liquidation value", out)
    return float(out) if out.ndim == 0 else out


def liquidation_price(quantity: Any, price: Any, market: Market) -> np.ndarray | float:
    """Average price realised per token when ``quantity`` tokens are sold.

    Equal to ``price x (1 - haircut)`` for a vanishing sale and strictly decreasing in
    ``quantity`` when the market has finite depth.

    Examples
    --------
    >>> m = Market(daily_volume=100.0, impact=0.5)
    >>> [round(float(liquidation_price(q, 1.0, m)), 4) for q in (0.0, 25.0, 100.0)]
    [1.0, 0.8333, 0.6667]
    """
    q = v.array("quantity", quantity, lo=0.0, allow_empty=True)
    p = v.array("price", price, lo=0.0, allow_empty=True)
    mk = v.instance("market", market, Market)
    value = np.asarray(liquidation_value(q, p, mk))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(q > 0, value / np.where(q > 0, q, 1.0), p * (1.0 - mk.haircut))
    out = np.broadcast_to(out, np.broadcast(q, p).shape)
    v.finite_result("liquidation price", out)
    return float(out) if out.ndim == 0 else np.array(out)


def max_liquidation_value(price: Any, market: Market) -> np.ndarray | float:
    """Most money the market can pay for the token, however much is sold.

    ``days x P (1 - h) V / (3 eta^2)``: infinite in a frictionless market.

    Examples
    --------
    >>> float(max_liquidation_value(1.0, Market(daily_volume=300.0, impact=1.0)))
    100.0
    """
    p = v.array("price", price, lo=0.0, allow_empty=True)
    mk = v.instance("market", market, Market)
    if mk.frictionless:
        out = np.where(p > 0, math.inf, 0.0)
    else:
        out = mk.days * p * (1.0 - mk.haircut) * mk.daily_volume / (3.0 * mk.impact**2)
    return float(out) if np.ndim(out) == 0 else out


def tokens_to_raise(amount: Any, price: Any, market: Market) -> np.ndarray | float:
    """Fewest tokens whose sale raises ``amount``: the inverse of :func:`liquidation_value`.

    Solves ``y^2 - (2/3) y^3 = b`` (the daily proceeds in units of ``V P (1-h) / eta^2``)
    in closed form with the trigonometric root of the cubic. Returns ``inf`` where
    ``amount`` exceeds :func:`max_liquidation_value` (no quantity raises it) or the price
    is zero.

    Parameters
    ----------
    amount : float or array_like
        Money to raise (>= 0), in the unit of ``price``.
    price : float or array_like
        Market price per token before the sale (>= 0).
    market : Market
        The market sold into.

    Returns
    -------
    float or ndarray
        Tokens to sell (``inf`` where impossible).

    Examples
    --------
    >>> m = Market(daily_volume=100.0, impact=0.5)
    >>> round(float(tokens_to_raise(66.66666666666667, 1.0, m)), 9)
    100.0
    >>> float(tokens_to_raise(50.0, 2.0, DEEP_MARKET))
    25.0
    >>> float(tokens_to_raise(1e9, 1.0, m))
    inf
    """
    a = v.array("amount", amount, lo=0.0, allow_empty=True)
    p = v.array("price", price, lo=0.0, allow_empty=True)
    mk = v.instance("market", market, Market)
    net = p * (1.0 - mk.haircut)
    with np.errstate(divide="ignore", invalid="ignore"):
        if mk.frictionless:
            out = np.where(a > 0, a / net, 0.0)
        else:
            eta, vol, d = mk.impact, mk.daily_volume, mk.days
            b = (a / d) * eta**2 / (net * vol)          # in [0, 1/3] when feasible
            ok = (b <= (1.0 + 1e-12) / 3.0) & (net > 0)   # tolerate rounding at the cap
            theta = 2.0 * np.arcsin(np.sqrt(np.clip(3.0 * np.where(ok, b, 0.0), 0.0, 1.0)))
            y = 2.0 * np.sin(theta / 6.0) * np.sin(2.0 * math.pi / 3.0 - theta / 6.0)
            out = np.where(ok, d * vol * (y / eta) ** 2, math.inf)
            out = np.where(a > 0, out, 0.0)
    out = np.asarray(out, dtype=float)
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------------------
# the required stake
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CollateralModel:
    """What the collateral must cover, and the risks to its value.

    Attributes
    ----------
    loss : float
        Value one failure must be covered for (> 0): users' losses, or the attacker's
        profit from corruption that the slashed stake must outweigh. Same unit as
        ``price`` times tokens (for example USD).
    price : float
        Token price today (> 0).
    volatility : float
        Annualised volatility of the token price (>= 0; 0.8 means 80 % a year).
    fault_rate : float
        Expected failures a year (> 0). ``fault_rate x horizon`` may be at most 50.
    jump : float
        Wrong-way jump in [0, 1]: the fraction of the token price lost at each failure.
    market : Market
        The market the collateral is sold into (default: perfectly deep).
    drift : float
        Annualised drift of the price (default 0).
    horizon : float
        Years the stake is locked and exposed (> 0, default 1).
    capital_cost : float
        Yearly cost of locking one unit of value (>= 0, default 0.05): the return the
        staker gives up.

    Examples
    --------
    >>> CollateralModel(loss=1e6, price=2.0, volatility=0.5, fault_rate=1.0).naive_stake
    500000.0
    """

    loss: float
    price: float
    volatility: float
    fault_rate: float
    jump: float = 0.0
    market: Market = field(default=DEEP_MARKET)
    drift: float = 0.0
    horizon: float = 1.0
    capital_cost: float = 0.05

    def __post_init__(self) -> None:
        v.positive("loss", self.loss)
        v.positive("price", self.price)
        v.nonnegative("volatility", self.volatility, hi=5.0)  # annualised
        v.positive("fault_rate", self.fault_rate)
        v.probability("jump", self.jump)
        v.instance("market", self.market, Market)
        v.real("drift", self.drift, lo=-5.0, hi=5.0)  # annualised
        v.positive("horizon", self.horizon, hi=100.0)
        v.probability("capital_cost", self.capital_cost)
        m = self.fault_rate * self.horizon
        if m > _MAX_EXPECTED_FAILURES:
            raise ValueError(f"fault_rate x horizon must be at most {_MAX_EXPECTED_FAILURES:g} "
                             f"expected failures, got {self.fault_rate!r} x {self.horizon!r}")

    @property
    def naive_stake(self) -> float:
        """Tokens worth ``loss`` at today's price: the stake of the naive rule."""
        return self.loss / self.price


@dataclass(frozen=True)
class FailureSample:
    """Monte Carlo paths of the failures in the horizon (see :func:`simulate_failures`).

    Attributes
    ----------
    tokens_needed : ndarray
        Per path, total tokens that must be sold to cover every failure (``inf`` where a
        loss exceeds what the market can pay).
    n_failures : ndarray
        Per path, number of failures (>= 1).
    first_price : ndarray
        Per path, the token price at the first failure, after its wrong-way jump.
    """

    tokens_needed: np.ndarray
    n_failures: np.ndarray
    first_price: np.ndarray


@dataclass(frozen=True)
class RequiredStake:
    """The smallest stake that covers the failures with probability ``1 - alpha``.

    Attributes
    ----------
    alpha : float
        Tolerated probability that the collateral falls short.
    stake : float
        Required stake, in tokens (``inf`` if no stake suffices).
    stake_value : float
        Its market value today, ``stake x price``.
    ratio : float
        Collateralisation ratio ``stake_value / loss``.
    yearly_cost : float
        ``capital_cost x stake_value``: the yearly cost of locking the stake.
    coverage : float
        Share of simulated paths the stake covers (>= ``1 - alpha``).
    stake_low : float
        Lower end of a distribution-free 95 % confidence interval for the stake (an order
        statistic).
    stake_high : float
        Upper end of that interval.
    n_paths : int
        Monte Carlo paths used.
    """

    alpha: float
    stake: float
    stake_value: float
    ratio: float
    yearly_cost: float
    coverage: float
    stake_low: float
    stake_high: float
    n_paths: int

    def summary(self, currency: str = "") -> str:
        """A short, readable description, one fact a line.

        Parameters
        ----------
        currency : str, optional
            Unit of the loss (for example ``"USD"``), printed after money amounts.

        Returns
        -------
        str
        """
        unit = f" {currency}" if currency else ""
        return (f"alpha = {self.alpha:g}: stake {self.stake:,.0f} tokens\n"
                f"  95% CI {self.stake_low:,.0f} to {self.stake_high:,.0f} tokens\n"
                f"  worth {self.stake_value:,.0f}{unit} at today's price\n"
                f"  collateralisation ratio {self.ratio:.2f}\n"
                f"  capital cost {self.yearly_cost:,.0f}{unit} a year")


@dataclass(frozen=True)
class Frontier:
    """Required stake and its yearly cost for several security levels.

    Attributes
    ----------
    alphas : ndarray
        Tolerated shortfall probabilities.
    stakes : ndarray
        Required stake in tokens for each ``alpha``.
    ratios : ndarray
        Collateralisation ratios.
    yearly_costs : ndarray
        Yearly cost of locking each stake.
    """

    alphas: np.ndarray
    stakes: np.ndarray
    ratios: np.ndarray
    yearly_costs: np.ndarray

    @property
    def security(self) -> np.ndarray:
        """Security levels ``1 - alpha``."""
        return 1.0 - self.alphas


@dataclass(frozen=True)
class Decomposition:
    """Collateralisation ratio as each risk is switched on in turn (same random numbers).

    Attributes
    ----------
    labels : tuple
        ``"failures"`` (frequency only), ``"+ volatility"``, ``"+ wrong-way jump"``,
        ``"+ illiquidity"``.
    ratios : tuple
        The ratio after each step; the last equals ``required_stake(...).ratio``.
    """

    labels: tuple[str, ...]
    ratios: tuple[float, ...]


@dataclass(frozen=True)
class _Draws:
    """Common random numbers, independent of every model parameter.

    ``walk`` is a standard random walk on the grid (row 0 is zero); ``u_time`` and ``xi``
    hold, per failure slot, the uniform that places the failure in the horizon and the
    normal of the Brownian bridge inside its grid interval.
    """

    u_count: np.ndarray
    u_time: np.ndarray
    xi: np.ndarray
    walk: np.ndarray


def _draws(n_paths: int, seed: int, k_max: int) -> _Draws:
    """Draw the common random numbers from four independent streams spawned from ``seed``.

    Arrays are filled row by row, so the first failure slots do not depend on ``k_max``:
    raising the fault rate adds failures to a path without moving the ones it had.
    """
    s_count, s_time, s_bridge, s_bm = (np.random.default_rng(s)
                                       for s in np.random.SeedSequence(seed).spawn(4))
    u_count = s_count.random(n_paths)
    walk = np.empty((GRID_STEPS + 1, n_paths))
    walk[0] = 0.0
    np.cumsum(s_bm.standard_normal((GRID_STEPS, n_paths)), axis=0, out=walk[1:])
    u_time = s_time.random((k_max, n_paths))
    xi = s_bridge.standard_normal((k_max, n_paths))
    return _Draws(u_count, u_time, xi, walk)


def _k_max(expected: float) -> int:
    """Enough failure slots that more are needed with probability below 1e-12."""
    return int(math.ceil(expected + 10.0 * math.sqrt(expected) + 12.0))


def _truncated_poisson(u: np.ndarray, m: float, k_max: int) -> np.ndarray:
    """Inverse-CDF draws of a Poisson(m) count conditioned on being >= 1."""
    k = np.arange(1, k_max + 1)
    log_pmf = -m + k * math.log(m) - np.array([math.lgamma(i + 1.0) for i in k])
    cdf = np.cumsum(np.exp(log_pmf)) / -math.expm1(-m)
    n = np.searchsorted(cdf, u, side="left") + 1
    return np.minimum(n, k_max)


@dataclass(frozen=True)
class _Skeleton:
    """The failures' places in time, shared by every model with the same fault rate and
    horizon: path, rank in time, time (years) and Brownian motion at that time (in units
    of the grid step's standard deviation)."""

    n: int
    n_fail: np.ndarray
    path: np.ndarray
    rank: np.ndarray
    t: np.ndarray
    w: np.ndarray


def _skeleton(model: CollateralModel, draws: _Draws) -> _Skeleton:
    """Place the failures of every path in time."""
    n = draws.u_count.size
    k_max = draws.u_time.shape[0]
    n_fail = _truncated_poisson(draws.u_count, model.fault_rate * model.horizon, k_max)
    active = np.arange(int(n_fail.max()))[:, None] < n_fail[None, :]
    slot, path = np.nonzero(active)
    u = draws.u_time[slot, path]
    # Brownian motion at the failure time: the grid walk plus a bridge inside the interval
    # (exact for each failure; two failures in one interval get independent bridges).
    x = u * GRID_STEPS
    cell = np.minimum(x.astype(np.int64), GRID_STEPS - 1)
    frac = x - cell
    w_lo, w_hi = draws.walk[cell, path], draws.walk[cell + 1, path]
    w = w_lo + frac * (w_hi - w_lo) + np.sqrt(frac * (1.0 - frac)) * draws.xi[slot, path]
    # Rank of each failure in time on its path: the k-th failure has suffered k jumps.
    order = np.lexsort((u, path))
    starts = np.concatenate(([0], np.cumsum(n_fail)[:-1]))
    rank = np.empty(slot.size, dtype=np.int64)
    rank[order] = np.arange(slot.size) - starts[path[order]] + 1
    return _Skeleton(n=n, n_fail=n_fail, path=path, rank=rank, t=u * model.horizon, w=w)


def _failures(model: CollateralModel, draws: _Draws | _Skeleton) -> "_Failures":
    """Price every failure (after its jumps); ``draws`` may be a skeleton already placed
    for this model's fault rate and horizon."""
    sk = draws if isinstance(draws, _Skeleton) else _skeleton(model, draws)
    sigma = model.volatility
    log_p = (sigma * math.sqrt(model.horizon / GRID_STEPS) * sk.w
             + (model.drift - 0.5 * sigma**2) * sk.t)
    if model.jump < 1.0:
        price = model.price * np.exp(log_p + sk.rank * math.log1p(-model.jump))
    else:
        price = np.zeros_like(log_p)
    return _Failures(n=sk.n, n_fail=sk.n_fail, path=sk.path, rank=sk.rank, price=price)


@dataclass(frozen=True)
class _Failures:
    """Every failure of every path, flat: its path, its rank in time and the price then."""

    n: int
    n_fail: np.ndarray
    path: np.ndarray
    rank: np.ndarray
    price: np.ndarray

    def tokens(self, loss: np.ndarray | float, market: Market) -> np.ndarray:
        """Total tokens each path must sell to raise ``loss`` at each of its failures."""
        amount = np.broadcast_to(np.asarray(loss, dtype=float), self.price.shape)
        need = tokens_to_raise(amount, self.price, market)
        return np.bincount(self.path, weights=need, minlength=self.n)


def _simulate(model: CollateralModel, draws: _Draws | _Skeleton) -> FailureSample:
    """Tokens each path's failures need, computed on the active failures only."""
    f = _failures(model, draws)
    first = np.empty(f.n)
    first[f.path[f.rank == 1]] = f.price[f.rank == 1]
    return FailureSample(tokens_needed=f.tokens(model.loss, model.market),
                         n_failures=f.n_fail, first_price=first)


def simulate_failures(model: CollateralModel, n_paths: int = 4000,
                      seed: int = 0) -> FailureSample:
    """Simulate the failures of one horizon, given that at least one occurs.

    Parameters
    ----------
    model : CollateralModel
        Loss, price dynamics, failure rate, jump and market.
    n_paths : int
        Monte Carlo paths (100 to 2,000,000).
    seed : int
        Seed of the common random numbers (>= 0).

    Returns
    -------
    FailureSample
        Tokens needed, failure count and first-failure price per path.

    Raises
    ------
    ValueError, TypeError
        For a bad model, path count or seed.

    Examples
    --------
    >>> m = CollateralModel(loss=100.0, price=1.0, volatility=0.0, fault_rate=1e-6)
    >>> s = simulate_failures(m, n_paths=500, seed=3)
    >>> float(s.tokens_needed.max()), int(s.n_failures.max())
    (100.0, 1)
    """
    mdl = v.instance("model", model, CollateralModel)
    n = v.count("n_paths", n_paths, lo=MIN_PATHS, hi=MAX_PATHS)
    return _simulate(mdl, _draws(n, v.seed("seed", seed), _k_max(mdl.fault_rate * mdl.horizon)))


def _resolvable(name: str, alpha: float, n_paths: int) -> float:
    """``alpha`` if the sample of ``n_paths`` can resolve it (``alpha * n_paths >= 1``)."""
    if alpha * n_paths < 1.0:
        raise v.fail(name, f"at least 1/n_paths = 1/{n_paths} (the sample cannot resolve it; "
                     f"use at least {math.ceil(1 / alpha)} paths)", alpha)
    return alpha


def _alphas(alphas: Any, n_paths: int) -> np.ndarray:
    a = v.array("alphas", alphas, ndim=1, lo=0.0, hi=1.0, lo_open=True, hi_open=True,
                max_size=10_000)
    return np.array([_resolvable("alphas", float(x), n_paths) for x in a])


def _order_stat(sorted_needs: np.ndarray, alpha: float) -> tuple[float, float, float]:
    """Smallest stake covering >= 1 - alpha of the paths, with a 95 % interval."""
    n = sorted_needs.size
    uncovered = math.floor(alpha * n * (1.0 + 1e-12))
    k = n - uncovered                                   # paths that must be covered
    half = 1.96 * math.sqrt(n * alpha * (1.0 - alpha))
    lo = max(1, math.floor(k - half))
    hi = min(n, math.ceil(k + half))
    return (float(sorted_needs[k - 1]), float(sorted_needs[lo - 1]),
            float(sorted_needs[hi - 1]))


def _required(model: CollateralModel, needs: np.ndarray, alpha: float) -> RequiredStake:
    srt = np.sort(needs)
    stake, lo, hi = _order_stat(srt, alpha)
    value = stake * model.price
    return RequiredStake(alpha=alpha, stake=stake, stake_value=value, ratio=value / model.loss,
                         yearly_cost=model.capital_cost * value,
                         coverage=float(np.mean(needs <= stake)),
                         stake_low=lo, stake_high=hi, n_paths=needs.size)


def _frontier(model: CollateralModel, needs: np.ndarray, alphas: np.ndarray) -> Frontier:
    srt = np.sort(needs)
    stakes = np.array([_order_stat(srt, a)[0] for a in alphas])
    values = stakes * model.price
    return Frontier(alphas=alphas.copy(), stakes=stakes, ratios=values / model.loss,
                    yearly_costs=model.capital_cost * values)


def required_stake(model: CollateralModel, alpha: float = 0.01, n_paths: int = 4000,
                   seed: int = 0) -> RequiredStake:
    """Smallest stake that covers the horizon's failures with probability >= ``1 - alpha``.

    Parameters
    ----------
    model : CollateralModel
        What must be covered and the risks to the collateral's value.
    alpha : float
        Tolerated probability of a shortfall, in (0, 1), at least ``1 / n_paths``.
    n_paths : int
        Monte Carlo paths (100 to 2,000,000).
    seed : int
        Seed of the common random numbers.

    Returns
    -------
    RequiredStake
        Stake in tokens, its value, the collateralisation ratio and its yearly cost.

    Raises
    ------
    ValueError, TypeError
        For a bad model, ``alpha``, path count or seed.

    Notes
    -----
    The stake grows with the jump, the fault rate, the haircut and the impact, and falls
    with the market's depth and the days of the sale, path by path. It grows with the
    volatility when the requirement is set by one failure (``alpha <= 0.5``, no drift).
    With several failures there is an exception, common to every quantile: when
    ``alpha`` sits on the edge of an atom of the failure count (at ``fault_rate = 0.5``,
    23 % of the paths have two failures or more, so ``alpha = 0.2`` needs the two-failure
    stake), a little volatility spreads the atom and the quantile can fall before it rises.

    Examples
    --------
    Without price risk and with a deep market, one failure needs exactly ``loss / price``:

    >>> m = CollateralModel(loss=3600.0, price=1.0, volatility=0.0, fault_rate=1e-3)
    >>> required_stake(m, alpha=0.01).stake
    3600.0
    """
    mdl = v.instance("model", model, CollateralModel)
    n = v.count("n_paths", n_paths, lo=MIN_PATHS, hi=MAX_PATHS)
    a = _resolvable("alpha", v.probability("alpha", alpha, lo_open=True, hi_open=True), n)
    return _required(mdl, simulate_failures(mdl, n, seed).tokens_needed, a)


def coverage_probability(stake: float, model: CollateralModel, n_paths: int = 4000,
                         seed: int = 0) -> float:
    """Share of paths on which ``stake`` tokens cover every failure of the horizon.

    Non-decreasing in ``stake``; with the same ``seed`` it uses the same paths as
    :func:`required_stake`.

    Examples
    --------
    >>> m = CollateralModel(loss=100.0, price=1.0, volatility=0.5, fault_rate=1.0)
    >>> coverage_probability(0.0, m), coverage_probability(1e12, m)
    (0.0, 1.0)
    """
    s = v.real("stake", stake, lo=0.0, allow_inf=True)
    sample = simulate_failures(v.instance("model", model, CollateralModel), n_paths, seed)
    return float(np.mean(sample.tokens_needed <= s))


def frontier(model: CollateralModel, alphas: Sequence[float] | np.ndarray,
             n_paths: int = 4000, seed: int = 0) -> Frontier:
    """Required stake, collateralisation ratio and yearly cost for each ``alpha``.

    One simulation serves every ``alpha``, so the frontier is monotone: a higher security
    level never needs less stake.

    Examples
    --------
    >>> m = CollateralModel(loss=1.0, price=1.0, volatility=0.8, fault_rate=1.0, jump=0.2)
    >>> f = frontier(m, [0.1, 0.05, 0.01], n_paths=2000, seed=2)
    >>> bool(np.all(np.diff(f.stakes) >= 0))
    True
    """
    mdl = v.instance("model", model, CollateralModel)
    n = v.count("n_paths", n_paths, lo=MIN_PATHS, hi=MAX_PATHS)
    a = _alphas(alphas, n)
    return _frontier(mdl, simulate_failures(mdl, n, seed).tokens_needed, a)


_STEP_LABELS = ("failures", "+ volatility", "+ wrong-way jump", "+ illiquidity")


def _steps(model: CollateralModel) -> tuple[CollateralModel, ...]:
    return (replace(model, volatility=0.0, drift=0.0, jump=0.0, market=DEEP_MARKET),
            replace(model, jump=0.0, market=DEEP_MARKET),
            replace(model, market=DEEP_MARKET),
            model)


def decompose_requirement(model: CollateralModel, alpha: float = 0.01, n_paths: int = 4000,
                          seed: int = 0) -> Decomposition:
    """Split the collateralisation ratio into what each risk adds.

    Starting from failures alone (no price moves, no jump, a perfectly deep market), the
    price moves (volatility and drift), the wrong-way jump and the market's illiquidity
    are switched on in turn, on the same random numbers.

    Examples
    --------
    >>> m = CollateralModel(loss=1.0, price=1.0, volatility=0.8, fault_rate=0.5, jump=0.3,
    ...                     market=Market(daily_volume=0.2, impact=0.05))
    >>> d = decompose_requirement(m, alpha=0.05, n_paths=2000)
    >>> d.labels[-1], all(b >= a for a, b in zip(d.ratios, d.ratios[1:]))
    ('+ illiquidity', True)
    """
    return collateral_report(model, alpha, (alpha,), n_paths, seed).decomposition


@dataclass(frozen=True)
class CollateralReport:
    """Everything the chapter's explorer shows, from one set of random numbers.

    Attributes
    ----------
    model : CollateralModel
        The model analysed.
    required : RequiredStake
        The required stake at the chosen ``alpha``.
    decomposition : Decomposition
        The ratio as each risk is switched on.
    frontiers : tuple
        The frontier after each step of the decomposition (same labels).
    """

    model: CollateralModel
    required: RequiredStake
    decomposition: Decomposition
    frontiers: tuple[Frontier, ...]


def collateral_report(model: CollateralModel, alpha: float = 0.01,
                      alphas: Sequence[float] | np.ndarray = (0.2, 0.1, 0.05, 0.02, 0.01),
                      n_paths: int = 4000, seed: int = 0) -> CollateralReport:
    """Required stake, its decomposition and the frontiers, on common random numbers.

    Parameters
    ----------
    model : CollateralModel
        The model to analyse.
    alpha : float
        Tolerated shortfall probability for the required stake and the decomposition.
    alphas : array_like
        Tolerated shortfall probabilities at which the frontiers are traced.
    n_paths : int
        Monte Carlo paths.
    seed : int
        Seed of the common random numbers.

    Returns
    -------
    CollateralReport

    Examples
    --------
    >>> m = CollateralModel(loss=1.0, price=1.0, volatility=0.6, fault_rate=0.2, jump=0.25)
    >>> rep = collateral_report(m, alpha=0.05, n_paths=1000)
    >>> rep.required.ratio == rep.decomposition.ratios[-1]
    True
    """
    mdl = v.instance("model", model, CollateralModel)
    n = v.count("n_paths", n_paths, lo=MIN_PATHS, hi=MAX_PATHS)
    a = _resolvable("alpha", v.probability("alpha", alpha, lo_open=True, hi_open=True), n)
    grid = _alphas(alphas, n)
    skeleton = _skeleton(mdl, _draws(n, v.seed("seed", seed), _k_max(mdl.fault_rate * mdl.horizon)))
    ratios, fronts = [], []
    for m in _steps(mdl):                      # the steps share fault rate and horizon
        needs = _simulate(m, skeleton).tokens_needed
        req = _required(mdl, needs, a)
        ratios.append(req.ratio)
        fronts.append(_frontier(mdl, needs, grid))
    return CollateralReport(model=mdl, required=req,
                            decomposition=Decomposition(_STEP_LABELS, tuple(ratios)),
                            frontiers=tuple(fronts))


def coverable_loss(stake: float, model: CollateralModel, alpha: float = 0.01,
                   n_paths: int = 4000, seed: int = 0) -> float:
    """Largest loss per failure that ``stake`` tokens cover with probability >= ``1 - alpha``.

    The inverse question to :func:`required_stake`: the stake is given (a protocol's
    minimum stake, say) and the loss is sought. Every field of ``model`` is used except
    ``loss``. For each path the largest loss its stake covers is found by bisection (the
    tokens a path needs grow with the loss); the answer is an order statistic of those.

    Parameters
    ----------
    stake : float
        Tokens at stake (> 0).
    model : CollateralModel
        Price dynamics, failure rate, jump and market (``loss`` is ignored).
    alpha : float
        Tolerated probability of a shortfall.
    n_paths : int
        Monte Carlo paths.
    seed : int
        Seed of the common random numbers (the paths of :func:`required_stake`).

    Returns
    -------
    float
        The loss, in the unit of ``model.price`` (0 when some paths cannot be covered at all).

    Examples
    --------
    >>> m = CollateralModel(loss=1.0, price=2.0, volatility=0.0, fault_rate=1e-3, jump=0.5)
    >>> coverable_loss(1000.0, m, alpha=0.05)      # 1000 tokens at 2 x (1 - 0.5)
    1000.0
    """
    s = v.positive("stake", stake)
    mdl = v.instance("model", model, CollateralModel)
    n = v.count("n_paths", n_paths, lo=MIN_PATHS, hi=MAX_PATHS)
    a = _resolvable("alpha", v.probability("alpha", alpha, lo_open=True, hi_open=True), n)
    f = _failures(mdl, _draws(n, v.seed("seed", seed), _k_max(mdl.fault_rate * mdl.horizon)))
    net = f.price * (1.0 - mdl.market.haircut)
    with np.errstate(divide="ignore"):
        inv = np.bincount(f.path, weights=1.0 / net, minlength=n)
        upper = np.where(inv > 0, s / inv, 0.0)          # the frictionless answer
    if mdl.market.frictionless:
        per_path = upper
    else:
        lo, hi = np.zeros(n), upper.copy()
        for _ in range(80):
            mid = 0.5 * (lo + hi)
            ok = f.tokens(mid[f.path], mdl.market) <= s
            lo, hi = np.where(ok, mid, lo), np.where(ok, hi, mid)
        per_path = lo
    return float(np.sort(per_path)[math.floor(a * n * (1.0 + 1e-12))])
