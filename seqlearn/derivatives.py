"""Sequencer risk for derivatives: options, gap risk and a lending book through an outage.

While a rollup's sequencer is down nobody can trade, top up a loan, hedge or liquidate on
it, but the asset's price keeps moving on other venues. When the sequencer comes back the
oracle jumps to the new price at once. This module measures what that does to the
people who hold derivatives on the rollup:

1. **Option pricing** (:func:`black_scholes`, :func:`greeks`): Black-Scholes-Merton prices
   and greeks, vectorised, with the normal distribution from ``scipy.special``.
2. **Gap risk** (:func:`outage_move_sd`, :func:`gap_probability`,
   :func:`gap_probability_mc`, :func:`stop_gap`): the log-price over an outage of ``D``
   minutes is normal, ``ln(S_D / S_0) ~ N(m, s^2)`` with
   ``m = -sigma^2 D / 2 + jump_mean`` and ``s^2 = sigma^2 D + jump_vol^2`` (``D`` in
   years; the optional jump happens at the restart), so the probability that a loan with
   health factor ``h`` reopens below a threshold has a closed form.
3. **A lending book through an outage** (:class:`Book`, :class:`LiquidationRule`,
   :func:`simulate_book`, :func:`grace_tradeoff`): thousands of loans, thousands of outage
   scenarios, liquidations at once, during a grace period or after it, collateral sold
   with price impact, cascades solved to their fixed point, and bad debt.
4. **Options through an outage** (:func:`hedging_error`, :func:`outage_addon`): a
   delta-hedged option book whose hedge is frozen during the halt, and the premium or
   margin add-on that covers it.
5. **Ordering power** (:func:`frontrun_sale`): what a sequencer that sees a large sale
   before it is sequenced can take from it.

**The lending book.** Loan ``i`` borrows a stable asset against ``c_i`` tokens of a
volatile collateral whose price is ``P_0`` when the sequencer stops. Its health factor is
``h_i = c_i P LT / d_i`` (``LT``: the liquidation threshold), so it moves in proportion to
the price, and the loan is insolvent (collateral worth less than the debt) below
``h = LT``. One scenario is:

- the outage: the price ratio at restart ``R_1 = exp(m + s Z_1)`` (above);
- the restart: the oracle reads ``R_1``; every loan with ``h_i R < h_now`` is liquidated at
  once (``h_now`` = 1 without a grace period, 0.95 under Aave v3.6's sentinel);
- the grace period of ``G`` seconds: loans between ``h_now`` and 1 are protected. Each
  owner is *attentive* with probability ``p_attentive`` and then reacts after an
  exponential time of mean ``response_time``; an owner who reacts within ``G`` adds
  collateral and is safe, unless the loan is already under water (``h R < LT``: adding
  collateral to it would throw good money after bad). At the end of the grace period the
  price has moved on,
  ``R_2 = R_1 exp(-sigma^2 G / 2 + sigma sqrt(G) Z_2)``, and every protected loan still
  below 1 is liquidated. (Two dates only: a loan that falls below ``h_now`` during the
  grace period is liquidated at its end, not at once.)
- liquidation: the liquidator repays the debt and seizes collateral worth the debt plus
  the bonus ``b``, so ``q_i = c_i min(1, LT (1 + b))`` tokens are sold into the market.
  Sales push the price down with the square-root law of :mod:`seqlearn.collateral`:
  after ``Q`` tokens the price is ``R P_0 max(0, 1 - eta sqrt(Q / V))``, which can push
  further loans under water (a **liquidation cascade**). The cascade is solved exactly: the
  set of liquidated loans is the smallest fixed point of "liquidate every loan below the
  threshold at the price the sales leave", found without iterating (see
  :func:`cascade`). The impact of the restart's sales persists through the grace period.
- bad debt: a liquidated loan whose collateral, at the price the cascade leaves, is worth
  less than the debt plus bonus leaves ``max(0, d_i - c_i P / (1 + b))`` unpaid.

Each owner of each scenario draws one uniform ``U``: the owner reacts within ``G``
exactly when ``U < p_attentive (1 - exp(-G / response_time))``, so one draw serves every
grace period (common random numbers) and the trade-off curve is smooth. A liquidated
owner who was attentive, of a loan that still had equity at the restart, *could have
added collateral* had the protocol waited; :func:`grace_tradeoff` counts those owners
against the bad debt, for each grace period.

Not modelled: partial liquidations (close factors), liquidations at intermediate times
during the grace period, recovery of the price impact, the limited capital and gas of
liquidators, oracle deviation thresholds and heartbeats, and false alarms of the uptime
signal (pauses with no outage). The last is the main reason Aave gave for removing its
sentinel in v3.7.

Examples
--------
>>> round(black_scholes(42.0, 40.0, 0.2, 0.5, rate=0.1), 2)      # Hull's example
4.76
>>> round(outage_move_sd(0.8, 120.0), 4)                         # 80% vol, 2 hours
0.0121
>>> book = random_book(500, seed=1)
>>> res = simulate_book(book, LiquidationRule(grace_period=3600.0), n_scenarios=200,
...                     vol=0.8, minutes=120.0, seed=2)
>>> res.n_scenarios
200
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from scipy import special

from seqlearn import collateral
from seqlearn import validation as v

__all__ = [
    "MINUTES_PER_YEAR",
    "SECONDS_PER_YEAR",
    "KINDS",
    "black_scholes",
    "Greeks",
    "greeks",
    "outage_move_sd",
    "gap_probability",
    "gap_probability_mc",
    "StopGap",
    "stop_gap",
    "Book",
    "random_book",
    "LiquidationRule",
    "cascade",
    "BookResult",
    "simulate_book",
    "GraceTradeoff",
    "grace_tradeoff",
    "hedging_error",
    "OutageAddon",
    "outage_addon",
    "FrontRun",
    "frontrun_sale",
]

#: Minutes and seconds in a (365-day) year: outage lengths are converted with these.
MINUTES_PER_YEAR: float = 365.0 * 24.0 * 60.0
SECONDS_PER_YEAR: float = MINUTES_PER_YEAR * 60.0
#: Option kinds accepted by :func:`black_scholes`.
KINDS: tuple[str, ...] = ("call", "put")
_SIDES = ("long", "short")
#: Upper bound on an outage or grace period (minutes): a year.
_MAX_MINUTES = MINUTES_PER_YEAR
#: Elements per chunk of the book engine (scenarios x loans): about 16 MB of float64.
_CHUNK_ELEMENTS = 2_000_000
#: Most scenario-loan pairs (times rules) one call of the book engine may process.
_MAX_BOOK_ELEMENTS = 200_000_000
#: Groups of scenarios of similar window width in the grace-period step of the engine.
_WIDTH_GROUPS = 8
#: Most scenarios one call of the book engine may run.
_MAX_SCENARIOS = 1_000_000


def _out(x: np.ndarray) -> np.ndarray | float:
    return float(x) if np.ndim(x) == 0 else x


# --------------------------------------------------------------------------------------
# option pricing
# --------------------------------------------------------------------------------------
def _bs_inputs(spot: Any, strike: Any, vol: Any, t: Any, rate: Any,
               kind: Any) -> tuple[np.ndarray, ...]:
    s = v.array("spot", spot, lo=0.0, lo_open=True, allow_empty=True)
    k = v.array("strike", strike, lo=0.0, lo_open=True, allow_empty=True)
    sig = v.array("vol", vol, lo=0.0, hi=100.0, allow_empty=True)
    tt = v.array("t", t, lo=0.0, hi=1000.0, allow_empty=True)
    r = v.real("rate", rate, lo=-1.0, hi=1.0)
    kd = v.option("kind", kind, KINDS)
    try:
        s, k, sig, tt = np.broadcast_arrays(s, k, sig, tt)
    except ValueError:
        raise v.fail("spot, strike, vol and t", "arrays that broadcast together",
                     (np.shape(s), np.shape(k), np.shape(sig), np.shape(tt))) from None
    v.budget("spot x strike x vol x t", s.size)
    return s, k, sig, tt, np.float64(r), kd  # type: ignore[return-value]


def _d1_d2(s: np.ndarray, k: np.ndarray, sig: np.ndarray, tt: np.ndarray,
           r: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    sd = sig * np.sqrt(tt)
    live = sd > 0
    safe = np.where(live, sd, 1.0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        d1 = (np.log(s / k) + r * tt) / safe + 0.5 * safe
    d2 = d1 - safe
    return d1, d2, sd, live


def black_scholes(spot: Any, strike: Any, vol: Any, t: Any, rate: float = 0.0,
                  kind: str = "call") -> np.ndarray | float:
    """Black-Scholes-Merton price of a European call or put (no dividends).

    .. math:: C = S N(d_1) - K e^{-rT} N(d_2),\\quad P = K e^{-rT} N(-d_2) - S N(-d_1),
              \\quad d_{1,2} = \\frac{\\ln(S/K) + rT}{\\sigma\\sqrt T} \\pm
              \\tfrac12 \\sigma\\sqrt T

    With ``vol x sqrt(t) = 0`` the price is the discounted intrinsic value
    ``max(S - K e^{-rT}, 0)`` (call) or ``max(K e^{-rT} - S, 0)`` (put).

    Parameters
    ----------
    spot, strike : float or array_like
        Price of the underlying and strike (> 0); broadcast together.
    vol : float or array_like
        Annualised volatility (>= 0, 0.8 for 80 % a year).
    t : float or array_like
        Time to expiry in years (>= 0).
    rate : float, optional
        Continuously compounded risk-free rate a year, in [-1, 1]. Default 0.
    kind : {"call", "put"}, optional
        Default ``"call"``.

    Returns
    -------
    float or ndarray
        The price, in the unit of ``spot``; a float for scalar inputs.

    Raises
    ------
    ValueError, TypeError
        If an input is not finite, out of range, or ``kind`` is unknown.

    Examples
    --------
    >>> round(black_scholes(42.0, 40.0, 0.2, 0.5, rate=0.1), 2)
    4.76
    >>> round(black_scholes(42.0, 40.0, 0.2, 0.5, rate=0.1, kind="put"), 2)
    0.81
    >>> black_scholes([90.0, 110.0], 100.0, 0.0, 1.0).tolist()   # no vol: intrinsic
    [0.0, 10.0]
    """
    s, k, sig, tt, r, kd = _bs_inputs(spot, strike, vol, t, rate, kind)
    d1, d2, _, live = _d1_d2(s, k, sig, tt, r)
    disc = k * np.exp(-r * tt)
    if kd == "call":
        price = np.where(live, s * special.ndtr(d1) - disc * special.ndtr(d2),
                         np.maximum(s - disc, 0.0))
    else:
        price = np.where(live, disc * special.ndtr(-d2) - s * special.ndtr(-d1),
                         np.maximum(disc - s, 0.0))
    price = np.maximum(price, 0.0)
    v.finite_result("option price", price)
    return _out(price)


@dataclass(frozen=True)
class Greeks:
    """Black-Scholes-Merton price and sensitivities (arrays broadcast over the inputs).

    Attributes
    ----------
    price : float or ndarray
        Option value.
    delta : float or ndarray
        dV/dS.
    gamma : float or ndarray
        d2V/dS2.
    vega : float or ndarray
        dV/dsigma, per unit of volatility (divide by 100 for one vol point).
    theta : float or ndarray
        dV/dt in calendar time, per year (negative: value lost as time passes).
    """

    price: np.ndarray | float
    delta: np.ndarray | float
    gamma: np.ndarray | float
    vega: np.ndarray | float
    theta: np.ndarray | float


def greeks(spot: Any, strike: Any, vol: Any, t: Any, rate: float = 0.0,
           kind: str = "call") -> Greeks:
    """Price, delta, gamma, vega and theta of a European option (Black-Scholes-Merton).

    Same inputs as :func:`black_scholes`. Where ``vol x sqrt(t) = 0`` the option is a
    forward or nothing: delta is 0 or +-1, gamma and vega are 0.

    Returns
    -------
    Greeks

    Raises
    ------
    ValueError, TypeError
        As :func:`black_scholes`.

    Examples
    --------
    >>> g = greeks(100.0, 100.0, 0.2, 1.0)
    >>> round(g.delta, 4), round(g.gamma, 4), round(g.vega, 2)
    (0.5398, 0.0198, 39.7)
    >>> p = greeks(100.0, 100.0, 0.2, 1.0, kind="put")
    >>> round(g.delta - p.delta, 12)                   # parity: delta_C - delta_P = 1
    1.0
    """
    s, k, sig, tt, r, kd = _bs_inputs(spot, strike, vol, t, rate, kind)
    d1, d2, sd, live = _d1_d2(s, k, sig, tt, r)
    disc = k * np.exp(-r * tt)
    pdf = np.where(live, np.exp(-0.5 * np.where(live, d1, 0.0) ** 2) / math.sqrt(2 * math.pi),
                   0.0)
    itm_call = s > disc
    sign = 1.0 if kd == "call" else -1.0
    nd1 = special.ndtr(sign * d1)
    nd2 = special.ndtr(sign * d2)
    if kd == "call":
        price = np.where(live, s * nd1 - disc * nd2, np.maximum(s - disc, 0.0))
        delta = np.where(live, nd1, itm_call.astype(float))
        carry = np.where(live, -r * disc * nd2, -r * disc * itm_call)
    else:
        price = np.where(live, disc * nd2 - s * nd1, np.maximum(disc - s, 0.0))
        delta = np.where(live, -nd1, -(~itm_call & (s != disc)).astype(float))
        carry = np.where(live, r * disc * nd2, r * disc * (~itm_call & (s != disc)))
    safe_sd = np.where(live, sd, 1.0)
    gamma = np.where(live, pdf / (s * safe_sd), 0.0)
    vega = np.where(live, s * pdf * np.sqrt(tt), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        decay = np.where(live, -s * pdf * sig / (2.0 * np.sqrt(np.where(tt > 0, tt, 1.0))),
                         0.0)
    theta = decay + carry
    out = Greeks(*(_out(np.asarray(x, dtype=float))
                   for x in (np.maximum(price, 0.0), delta, gamma, vega, theta)))
    for name in ("price", "delta", "gamma", "vega", "theta"):
        v.finite_result(name, getattr(out, name))
    return out


# --------------------------------------------------------------------------------------
# gap risk
# --------------------------------------------------------------------------------------
def _move_params(vol: Any, minutes: Any, jump_mean: Any,
                 jump_vol: Any) -> tuple[np.ndarray, np.ndarray]:
    sig = v.array("vol", vol, lo=0.0, hi=100.0, allow_empty=True)
    mins = v.array("minutes", minutes, lo=0.0, hi=_MAX_MINUTES, allow_empty=True)
    jm = v.real("jump_mean", jump_mean, lo=-5.0, hi=5.0)
    jv = v.real("jump_vol", jump_vol, lo=0.0, hi=5.0)
    years = mins / MINUTES_PER_YEAR
    m = -0.5 * sig**2 * years + jm
    s = np.sqrt(sig**2 * years + jv**2)
    return m, s


def outage_move_sd(vol: Any, minutes: Any, jump_vol: float = 0.0) -> np.ndarray | float:
    """Standard deviation of the log-price move over an outage: ``sqrt(sigma^2 D + s_J^2)``.

    Parameters
    ----------
    vol : float or array_like
        Annualised volatility (>= 0).
    minutes : float or array_like
        Outage length ``D`` in minutes (>= 0, at most a year); broadcasts with ``vol``.
    jump_vol : float, optional
        Standard deviation of the log-jump at the restart (>= 0). Default 0.

    Returns
    -------
    float or ndarray

    Raises
    ------
    ValueError, TypeError
        For negative, non-finite or out-of-range inputs.

    Examples
    --------
    >>> [round(outage_move_sd(0.6, d) * 100, 2) for d in (30, 88, 120, 420)]
    [0.45, 0.78, 0.91, 1.7]
    """
    _, s = _move_params(vol, minutes, 0.0, jump_vol)
    return _out(s)


def _check_health(name: str, health: Any) -> np.ndarray:
    return v.array(name, health, lo=0.0, lo_open=True, hi=1e6, allow_empty=True)


def gap_probability(health_factor: Any, vol: Any, minutes: Any, *, threshold: float = 1.0,
                    jump_mean: float = 0.0, jump_vol: float = 0.0,
                    side: str = "long") -> np.ndarray | float:
    """Probability that a loan reopens below ``threshold`` after an outage (closed form).

    A loan whose collateral is the volatile asset (``side="long"``) has health factor
    ``h R`` at restart, with ``R = S_D / S_0`` lognormal (see the module docstring); one
    whose *debt* is the volatile asset (``side="short"``) has ``h / R``. So

    .. math:: P(hR < \\theta) = \\Phi\\Big(\\frac{\\ln(\\theta/h) - m}{s}\\Big),\\qquad
              P(h/R < \\theta) = 1 - \\Phi\\Big(\\frac{\\ln(h/\\theta) - m}{s}\\Big).

    With ``threshold=1`` this is the chance of reopening liquidatable; with the
    liquidation threshold ``LT`` as ``threshold`` (``h < LT`` means collateral worth less
    than the debt), the chance of reopening insolvent; with 0.95, of being liquidatable at
    once under Aave v3.6's sentinel.

    Parameters
    ----------
    health_factor : float or array_like
        Health factor when the sequencer stops (> 0).
    vol : float or array_like
        Annualised volatility of the collateral against the debt (>= 0).
    minutes : float or array_like
        Outage length in minutes (>= 0).
    threshold : float, optional
        Health factor below which the event happens (> 0). Default 1.
    jump_mean, jump_vol : float, optional
        Mean and standard deviation of the log-jump at the restart. Default 0.
    side : {"long", "short"}, optional
        Whether the collateral (long) or the debt (short) is the volatile asset.

    Returns
    -------
    float or ndarray
        Broadcast over ``health_factor``, ``vol`` and ``minutes``.

    Raises
    ------
    ValueError, TypeError
        For out-of-range or non-finite inputs, or an unknown ``side``.

    Examples
    --------
    >>> round(gap_probability(1.0, 0.8, 120.0, threshold=0.95), 6)  # 4.2 sd
    1.1e-05
    >>> round(gap_probability(1.0, 0.8, 420.0, threshold=0.95), 3)  # 2.3 sd
    0.012
    >>> gap_probability(0.9, 0.0, 60.0)          # already below, nothing moves
    1.0
    """
    h = _check_health("health_factor", health_factor)
    thr = v.real("threshold", threshold, lo=0.0, lo_open=True, hi=1e6)
    sd = v.option("side", side, _SIDES)
    m, s = _move_params(vol, minutes, jump_mean, jump_vol)
    try:
        h, m, s = np.broadcast_arrays(h, m, s)
    except ValueError:
        raise v.fail("health_factor, vol and minutes", "arrays that broadcast together",
                     (np.shape(h), np.shape(m), np.shape(s))) from None
    v.budget("health_factor x vol x minutes", h.size)
    live = s > 0
    safe = np.where(live, s, 1.0)
    if sd == "long":
        x = np.log(thr / h)
        p = np.where(live, special.ndtr((x - m) / safe), (m < x).astype(float))
    else:
        x = np.log(h / thr)
        p = np.where(live, special.ndtr(-(x - m) / safe), (m > x).astype(float))
    return _out(np.clip(p, 0.0, 1.0))


def gap_probability_mc(health_factor: Any, vol: float, minutes: float, *,
                       threshold: float = 1.0, jump_mean: float = 0.0, jump_vol: float = 0.0,
                       side: str = "long", n_paths: int = 100_000,
                       seed: int = 0) -> np.ndarray | float:
    """Monte Carlo estimate of :func:`gap_probability` from simulated restart prices.

    The price is simulated as a martingale Brownian motion over the outage plus the jump
    at restart; the same ``n_paths`` draws serve every health factor. Use it to check the
    closed form or as a start for models without one.

    Parameters
    ----------
    health_factor : float or array_like
        Health factors at the halt (> 0).
    vol, minutes, threshold, jump_mean, jump_vol, side
        As :func:`gap_probability` (``vol`` and ``minutes`` scalars here).
    n_paths : int, optional
        Simulated restarts (bounded). Default 100,000.
    seed : int, optional
        Seed of the generator. Default 0.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> p = gap_probability_mc(1.02, 0.8, 420.0, n_paths=200_000, seed=1)
    >>> abs(p - gap_probability(1.02, 0.8, 420.0)) < 0.005
    True
    """
    h = _check_health("health_factor", health_factor)
    sig = v.real("vol", vol, lo=0.0, hi=100.0)
    mins = v.real("minutes", minutes, lo=0.0, hi=_MAX_MINUTES)
    thr = v.real("threshold", threshold, lo=0.0, lo_open=True, hi=1e6)
    sd = v.option("side", side, _SIDES)
    n = v.count("n_paths", n_paths)
    rng = np.random.default_rng(v.seed("seed", seed))
    (m,), (s,) = _move_params(np.array([sig]), np.array([mins]), jump_mean, jump_vol)
    v.budget("n_paths x health factors", n * max(h.size, 1), hi=20_000_000)
    log_r = m + s * rng.standard_normal(n)
    hr = h.reshape(-1, 1) * np.exp(log_r if sd == "long" else -log_r)
    p = (hr < thr).mean(axis=1).reshape(h.shape)
    return _out(p)


@dataclass(frozen=True)
class StopGap:
    """What happens to a stop-loss (or barrier) level while the sequencer is down.

    Attributes
    ----------
    p_gapped : float or ndarray
        Probability that the price reopens beyond the level: the stop fills at the
        restart price, not at the level.
    expected_slippage : float or ndarray
        Expected shortfall of the fill against the level, per unit of the asset
        (``E[(L - S_D)^+]`` for a long position's stop below the price).
    slippage_if_gapped : float or ndarray
        The same, given that the level was gapped through.
    p_touched_unseen : float or ndarray
        Probability that the price crossed the level during the outage but is back on
        the safe side at restart: a barrier that was breached on other venues and never
        triggered on the rollup (diffusion only).
    """

    p_gapped: np.ndarray | float
    expected_slippage: np.ndarray | float
    slippage_if_gapped: np.ndarray | float
    p_touched_unseen: np.ndarray | float


def stop_gap(spot: float, level: Any, vol: float, minutes: Any, *, jump_mean: float = 0.0,
             jump_vol: float = 0.0, side: str = "long") -> StopGap:
    """Stop-loss or barrier levels gapped through at restart (closed form).

    A long position's stop sits at ``level < spot``; while the sequencer is down it
    cannot execute, and at restart it fills at ``S_D`` if ``S_D < level``. The expected
    slippage ``E[(L - S_D)^+]`` is a put on the restart price, so it is computed with
    :func:`black_scholes` (forward ``S e^{m + s^2/2}``, total volatility ``s``, no
    discounting). ``p_touched_unseen`` uses the reflection principle for Brownian motion
    with drift over the outage (the restart jump is left out of it).

    Parameters
    ----------
    spot : float
        Price when the sequencer stops (> 0).
    level : float or array_like
        Stop or barrier levels (> 0): below ``spot`` for ``side="long"``, above for
        ``"short"`` (a short's stop-loss sits above the price).
    vol : float
        Annualised volatility (>= 0).
    minutes : float or array_like
        Outage length in minutes (>= 0); broadcasts with ``level``.
    jump_mean, jump_vol : float, optional
        Log-jump at restart. Default 0.
    side : {"long", "short"}, optional

    Returns
    -------
    StopGap

    Raises
    ------
    ValueError, TypeError
        For out-of-range inputs or a level on the wrong side of the price.

    Examples
    --------
    >>> g = stop_gap(100.0, 98.0, 0.8, 420.0)
    >>> round(g.p_gapped, 3), round(g.slippage_if_gapped, 2)
    (0.189, 1.2)
    """
    s0 = v.positive("spot", spot, hi=1e12)
    lv = v.array("level", level, lo=0.0, lo_open=True, hi=1e12, allow_empty=True)
    sd = v.option("side", side, _SIDES)
    if sd == "long" and np.any(lv >= s0):
        raise v.fail("level", f"below spot ({s0:g}) for a long position's stop", level)
    if sd == "short" and np.any(lv <= s0):
        raise v.fail("level", f"above spot ({s0:g}) for a short position's stop", level)
    sig = v.real("vol", vol, lo=0.0, hi=100.0)
    m, s = _move_params(np.array(sig), minutes, jump_mean, jump_vol)
    lv, m, s = np.broadcast_arrays(lv, m, s)
    v.budget("level x minutes", lv.size)
    live = s > 0
    fwd = s0 * np.exp(m + 0.5 * s**2)
    x = np.log(lv / s0)
    safe = np.where(live, s, 1.0)
    if sd == "long":
        p = np.where(live, special.ndtr((x - m) / safe), (m < x).astype(float))
        slip = black_scholes(np.maximum(fwd, 1e-300), lv, np.where(live, s, 0.0),
                             np.ones_like(s), kind="put")
    else:
        p = np.where(live, special.ndtr(-(x - m) / safe), (m > x).astype(float))
        slip = black_scholes(np.maximum(fwd, 1e-300), lv, np.where(live, s, 0.0),
                             np.ones_like(s), kind="call")
    slip = np.asarray(slip, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cond = np.where(p > 0, slip / np.where(p > 0, p, 1.0), 0.0)
    # reflection principle for X_t = mu t + sigma_D W_t on [0, 1] (time in outage units)
    years = np.asarray(v.array("minutes", minutes, lo=0.0, hi=_MAX_MINUTES,
                               allow_empty=True)) / MINUTES_PER_YEAR
    years = np.broadcast_to(years, lv.shape)
    sdiff = sig * np.sqrt(years)
    dlive = sdiff > 0
    dsafe = np.where(dlive, sdiff, 1.0)
    mu = -0.5 * sdiff**2
    b = x if sd == "long" else -x                      # barrier in "down" coordinates
    drift = mu if sd == "long" else -mu
    # 2 drift b / sigma_D^2 simplifies to -b (long) or b (short): drift is -+sigma_D^2/2
    expo = -b if sd == "long" else b
    hit = special.ndtr((b - drift) / dsafe) + np.exp(np.clip(expo, -700, 700)) * special.ndtr(
        (b + drift) / dsafe)
    at_end = special.ndtr((b - drift) / dsafe)
    unseen = np.where(dlive, np.clip(hit - at_end, 0.0, 1.0), 0.0)
    out = StopGap(_out(np.clip(p, 0, 1)), _out(slip), _out(cond), _out(unseen))
    v.finite_result("slippage", out.expected_slippage)
    return out


# --------------------------------------------------------------------------------------
# the lending book through an outage
# --------------------------------------------------------------------------------------
def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


@dataclass(frozen=True)
class Book:
    """A lending book: loans of a stable asset against a volatile collateral token.

    Attributes
    ----------
    health : ndarray
        Health factor of each loan when the sequencer stops (> 0).
    collateral : ndarray
        Collateral of each loan, in tokens (> 0); same length as ``health``.
    price : float
        Collateral price when the sequencer stops (> 0), in the debt's unit (USD).
    liquidation_threshold : float
        ``LT`` in (0, 1]: the debt may reach ``LT`` times the collateral's value. The
        default 0.8 is illustrative, not a particular market's setting.
    bonus : float
        Liquidation bonus ``b`` in [0, 1) (illustrative default 5 %).
    market : collateral.Market
        The market the seized collateral is sold into (volume per day and impact).

    Examples
    --------
    >>> b = Book(health=[1.1, 2.0], collateral=[10.0, 5.0], price=2000.0)
    >>> b.debt.round(1).tolist()
    [14545.5, 4000.0]
    """

    health: np.ndarray
    collateral: np.ndarray
    price: float = 1.0
    liquidation_threshold: float = 0.8
    bonus: float = 0.05
    market: collateral.Market = field(
        default_factory=lambda: collateral.Market(daily_volume=math.inf, impact=0.0))

    def __post_init__(self) -> None:
        h = v.array("health", self.health, ndim=1, lo=0.0, lo_open=True, hi=1e6,
                    max_size=v.MAX_COUNT)
        c = v.array("collateral", self.collateral, shape=(h.size,), lo=0.0, lo_open=True,
                    hi=1e15, max_size=v.MAX_COUNT)
        object.__setattr__(self, "health", _frozen(h))
        object.__setattr__(self, "collateral", _frozen(c))
        object.__setattr__(self, "price", v.positive("price", self.price, hi=1e12))
        object.__setattr__(self, "liquidation_threshold",
                           v.real("liquidation_threshold", self.liquidation_threshold,
                                  lo=0.0, lo_open=True, hi=1.0))
        object.__setattr__(self, "bonus", v.real("bonus", self.bonus, lo=0.0, hi=1.0,
                                                 hi_open=True))
        v.instance("market", self.market, collateral.Market)

    @property
    def n(self) -> int:
        """Number of loans."""
        return int(self.health.size)

    @property
    def debt(self) -> np.ndarray:
        """Debt of each loan: ``collateral x price x LT / health``."""
        return self.collateral * self.price * self.liquidation_threshold / self.health

    @property
    def seized(self) -> np.ndarray:
        """Tokens sold when each loan is liquidated: ``collateral x min(1, LT (1 + b))``."""
        return self.collateral * min(1.0, self.liquidation_threshold * (1.0 + self.bonus))


def random_book(n_positions: int, *, seed: int = 0, price: float = 1.0,
                median_buffer: float = 0.3, buffer_spread: float = 0.8,
                median_size: float = 10_000.0, size_spread: float = 1.5,
                liquidation_threshold: float = 0.8, bonus: float = 0.05,
                market: collateral.Market | None = None) -> Book:
    """A seeded random book: health factors ``1 + buffer`` and lognormal sizes.

    The buffer above 1 is lognormal with median ``median_buffer`` and log-spread
    ``buffer_spread``, so that many loans sit close to 1 and a few far above, as in real
    lending markets; sizes (collateral in tokens) are lognormal with median
    ``median_size`` and log-spread ``size_spread``. All loans are healthy at the halt.

    Parameters
    ----------
    n_positions : int
        Number of loans (bounded).
    seed : int, optional
    price : float, optional
        Collateral price at the halt.
    median_buffer, buffer_spread, median_size, size_spread : float, optional
        Distribution of health factors and sizes (> 0; spreads >= 0).
    liquidation_threshold, bonus, market
        Passed to :class:`Book` (``market`` defaults to a perfectly deep one).

    Returns
    -------
    Book

    Examples
    --------
    >>> b = random_book(1000, seed=3)
    >>> b.n, bool(b.health.min() > 1.0)
    (1000, True)
    """
    n = v.count("n_positions", n_positions)
    rng = np.random.default_rng(v.seed("seed", seed))
    mb = v.positive("median_buffer", median_buffer, hi=100.0)
    bs = v.nonnegative("buffer_spread", buffer_spread, hi=5.0)
    ms = v.positive("median_size", median_size, hi=1e12)
    ss = v.nonnegative("size_spread", size_spread, hi=5.0)
    health = 1.0 + mb * np.exp(bs * rng.standard_normal(n))
    size = ms * np.exp(ss * rng.standard_normal(n))
    mk = collateral.Market(daily_volume=math.inf, impact=0.0) if market is None else market
    return Book(health=health, collateral=size, price=price,
                liquidation_threshold=liquidation_threshold, bonus=bonus, market=mk)


@dataclass(frozen=True)
class LiquidationRule:
    """When a protocol lets liquidators act after the sequencer comes back.

    Loans with health factor below ``hf_immediate`` can be liquidated at once; loans between
    ``hf_immediate`` and 1 only after ``grace_period`` seconds. ``grace_period=0`` (or
    ``hf_immediate=1``) is "liquidate everything below 1 at once", which is Aave v3.7 and a
    protocol with no sentinel; ``LiquidationRule(3600, 0.95)`` is Aave v3.6's sentinel with
    Chainlink's one-hour grace period.

    Attributes
    ----------
    grace_period : float
        Seconds after restart during which loans above ``hf_immediate`` are protected
        (>= 0, at most a year).
    hf_immediate : float
        Health factor below which liquidation is allowed at once, in [0, 1]; 0 protects
        every loan during the grace period (Chainlink's sample consumer, which reverts
        everything until the grace period is over).

    Examples
    --------
    >>> LiquidationRule(3600.0).protects
    True
    >>> LiquidationRule(0.0).protects
    False
    """

    grace_period: float = 0.0
    hf_immediate: float = 0.95

    def __post_init__(self) -> None:
        object.__setattr__(self, "grace_period",
                           v.nonnegative("grace_period", self.grace_period,
                                         hi=SECONDS_PER_YEAR))
        object.__setattr__(self, "hf_immediate",
                           v.real("hf_immediate", self.hf_immediate, lo=0.0, hi=1.0))

    @property
    def protects(self) -> bool:
        """True when some loans below 1 wait for the grace period."""
        return self.grace_period > 0 and self.hf_immediate < 1.0

    @classmethod
    def from_allowed(cls, allowed: Callable[..., Any], grace_period: float) -> "LiquidationRule":
        """Read a rule off a function ``allowed(health_factor, seconds_since_restart)``.

        The function (for example ``stability.aave_liquidation_allowed`` with the version
        bound) says whether a loan can be liquidated; this finds by bisection the health
        factor below which it allows liquidation one second after restart, and checks that
        it allows every loan below 1 once the grace period has passed.

        Examples
        --------
        >>> def v36(hf, t):
        ...     return hf < 1 and (hf < 0.95 or t > 3600)
        >>> LiquidationRule.from_allowed(v36, 3600.0)
        LiquidationRule(grace_period=3600.0, hf_immediate=0.95)
        """
        if not callable(allowed):
            raise v.fail("allowed", "a callable (health_factor, seconds) -> bool", allowed,
                         TypeError)
        g = v.nonnegative("grace_period", grace_period, hi=SECONDS_PER_YEAR)
        after = math.floor(g) + 1
        if not bool(allowed(0.999999, after)):
            raise v.fail("allowed", "a rule that allows liquidating HF < 1 after the grace "
                         "period", allowed)
        if bool(allowed(0.999999, 1)) or g == 0:
            return cls(grace_period=0.0, hf_immediate=1.0)
        lo, hi = 0.0, 1.0                              # allowed(lo), not allowed(hi)
        if not bool(allowed(1e-9, 1)):
            return cls(grace_period=g, hf_immediate=0.0)
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if bool(allowed(mid, 1)):
                lo = mid
            else:
                hi = mid
        return cls(grace_period=g, hf_immediate=round(hi, 9))


def _impact_factor(q: np.ndarray, market: collateral.Market) -> np.ndarray:
    """Price left after selling ``q`` tokens in a day, as a fraction of the price before.

    The marginal price of the square-root law of :mod:`seqlearn.collateral`,
    ``max(0, 1 - eta sqrt(q / (days V)))``.
    """
    if market.frictionless:
        return np.ones_like(q)
    out = np.sqrt(np.multiply(q, 1.0 / (market.days * market.daily_volume)))
    out *= market.impact
    np.subtract(1.0, out, out=out)
    return np.maximum(out, 0.0, out=out)


def _fixed_point(a_sorted: np.ndarray, q_sorted: np.ndarray, ratio: np.ndarray,
                 market: collateral.Market, q_before: np.ndarray | float = 0.0
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Smallest cascade fixed point for many scenarios at once.

    ``a_sorted`` are the price ratios below which each loan is liquidatable, in the order
    in which loans fall (non-increasing among candidates); shape (n,) when every scenario
    has the same candidates, or (rows, n) with 0 for a loan that is not a candidate in
    that row. ``q_sorted`` (same shape) are the tokens each sells and ``q_before`` the
    tokens already sold. With the first ``k`` loans sold the price ratio is
    ``R g(Q_k)``; the cascade stops at the first ``k`` at which the next candidate's
    trigger is at or below it, i.e. at the first ``k`` with
    ``c_k = a_next(k) / g(Q_k) <= R``, which is the number of leading entries of the
    running minimum of ``c`` above ``R``. Returns ``k`` and the price ratio left, per row.
    """
    n = a_sorted.shape[-1]
    cum = np.zeros(a_sorted.shape[:-1] + (n + 1,))
    np.cumsum(q_sorted, axis=-1, out=cum[..., 1:])
    qb = np.asarray(q_before, dtype=float)
    cum += qb.reshape(qb.shape + (1,)) if qb.ndim else qb
    g = _impact_factor(cum, market)                 # price factor after the first k sales
    nxt = np.zeros_like(cum)
    if a_sorted.ndim == 1:
        nxt[:n] = a_sorted
    else:                                           # next candidate's trigger
        nxt[:, :n] = np.maximum.accumulate(a_sorted[:, ::-1], axis=1)[:, ::-1]
    live = g > 0
    c = np.divide(nxt, g, out=np.full_like(nxt, np.inf), where=live)
    if not live.all():                              # the price has reached 0
        c[~live & (nxt <= 0)] = 0.0
    np.minimum.accumulate(c, axis=-1, out=c)         # non-increasing running minimum
    if c.ndim == 1:
        k = np.searchsorted(-c, -ratio, side="left")
        final = ratio * g[k]
    else:
        k = (c > ratio.reshape(-1, 1)).sum(axis=1)
        final = ratio * np.take_along_axis(g, k.reshape(-1, 1), axis=1)[:, 0]
    return k, final


def cascade(book: Book, ratio: Any, *, hf_threshold: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Liquidation cascade at a restart price, solved to its fixed point.

    With the oracle at ``ratio x price``, every loan with ``health x ratio' <
    hf_threshold`` is liquidated, where ``ratio'`` is the ratio left after the sales of
    all liquidated loans (square-root impact, :class:`seqlearn.collateral.Market`). More
    sales mean a lower price and more liquidations, so the liquidated set is the
    *smallest* fixed point of that map, the one reached by liquidating round after round.
    Sorting the loans by the price at which they become liquidatable turns the search
    into one pass: with ``k`` loans sold the price is ``R g(Q_k)``, and the cascade stops
    at the first ``k`` where the next loan's trigger is at or below it.

    Parameters
    ----------
    book : Book
    ratio : float or array_like
        Price ratio(s) ``P / P_0`` the oracle reads at restart (> 0), one per scenario.
    hf_threshold : float, optional
        Health factor below which loans are liquidated (> 0). Default 1.

    Returns
    -------
    liquidated : ndarray of bool, shape (n_scenarios, n_loans)
    final_ratio : ndarray, shape (n_scenarios,)
        The price ratio when the cascade stops.

    Examples
    --------
    >>> thin = collateral.Market(daily_volume=1000.0, impact=0.5)
    >>> b = Book(health=[0.99, 1.02, 1.5], collateral=[100.0, 100.0, 100.0], market=thin)
    >>> liq, r = cascade(b, 1.0)
    >>> liq.tolist(), round(float(r[0]), 3)   # the first sale pushes the second under
    ([[True, True, False]], 0.795)
    """
    bk = v.instance("book", book, Book)
    r = v.array("ratio", ratio, lo=0.0, lo_open=True, hi=1e6, max_size=v.MAX_COUNT)
    r = r.reshape(-1)
    thr = v.real("hf_threshold", hf_threshold, lo=0.0, lo_open=True, hi=1e6)
    v.budget("scenarios x loans", r.size * bk.n, hi=20_000_000)
    order = np.argsort(bk.health, kind="stable")
    a = (thr / bk.health)[order]
    q = bk.seized[order]
    k, final = _fixed_point(a, q, r, bk.market)
    liq_sorted = np.arange(bk.n)[None, :] < k[:, None]
    liq = np.empty_like(liq_sorted)
    liq[:, order] = liq_sorted
    return liq, final


@dataclass(frozen=True)
class BookResult:
    """What an outage did to a lending book, over many scenarios (per-scenario arrays).

    Attributes
    ----------
    rule : LiquidationRule
    n_scenarios : int
    bad_debt : ndarray
        Unpaid debt per scenario, in the debt's unit.
    liquidated : ndarray
        Loans liquidated per scenario (at restart and after the grace period).
    liquidated_now : ndarray
        Of which at restart.
    needless : ndarray
        Liquidated loans whose owners were attentive and whose loans still had equity at
        the restart (``h R >= LT``): they would have added collateral had the protocol
        waited long enough.
    rescued : ndarray
        Loans whose owners added collateral during the grace period.
    bonus_paid : ndarray
        Liquidation bonus paid to liquidators per scenario: the prize for being first in
        the sequencer's queue at restart.
    restart_ratio, final_ratio : ndarray
        Price ratio the oracle read at restart, and after all liquidations.
    impact_cost : ndarray
        What selling the seized collateral loses to price impact per scenario: the
        tokens' value at the price before each wave of sales minus what the sales raise
        (:func:`seqlearn.collateral.liquidation_value`, walking down the impact curve from
        the restart's sales to the grace period's; the market's haircut included). It is
        paid by liquidators out of the bonus.
    total_debt : float
        Debt of the whole book at the halt.
    """

    rule: LiquidationRule
    n_scenarios: int
    bad_debt: np.ndarray
    liquidated: np.ndarray
    liquidated_now: np.ndarray
    needless: np.ndarray
    rescued: np.ndarray
    bonus_paid: np.ndarray
    restart_ratio: np.ndarray
    final_ratio: np.ndarray
    impact_cost: np.ndarray
    total_debt: float

    def expected_shortfall(self, alpha: float = 0.01) -> float:
        """Mean bad debt over the worst ``alpha`` share of scenarios."""
        a = v.probability("alpha", alpha, lo_open=True)
        k = max(1, int(math.floor(a * self.n_scenarios)))
        return float(np.sort(self.bad_debt)[-k:].mean())


def _check_chunk(chunk: Any) -> int | None:
    return None if chunk is None else v.count("chunk", chunk, hi=v.MAX_COUNT)


@dataclass(frozen=True)
class _Scen:
    z1: np.ndarray
    z2: np.ndarray
    minutes: np.ndarray


def _draw_scenarios(rng: np.random.Generator, n: int, minutes: float | None,
                    duration_median: float, duration_log_sd: float) -> _Scen:
    z1 = rng.standard_normal(n)
    z2 = rng.standard_normal(n)
    if minutes is not None:
        mins = np.full(n, minutes)
    else:
        mins = np.minimum(duration_median * np.exp(duration_log_sd * rng.standard_normal(n)),
                          _MAX_MINUTES)
    return _Scen(z1, z2, mins)


def _prefix_count(u_all: np.ndarray, lo: np.ndarray, k: np.ndarray, p: float) -> np.ndarray:
    """Per row ``r``, how many of ``u_all[r, lo[r]:k[r]]`` are below ``p``.

    Rows are taken in groups of similar ``k``, so that short prefixes are not padded to
    the longest one.
    """
    out = np.zeros(k.size)
    by_k = np.argsort(k, kind="stable")
    for grp in np.array_split(by_k, min(k.size, _WIDTH_GROUPS)):
        kg = int(k[grp].max()) if grp.size else 0
        if kg == 0:
            continue
        below = np.cumsum(u_all[grp, :kg] < p, axis=1, dtype=np.int32)
        r = np.arange(grp.size)
        kk, ll = k[grp], lo[grp]
        upto_k = np.where(kk > 0, below[r, np.maximum(kk - 1, 0)], 0)
        upto_lo = np.where(ll > 0, below[r, np.maximum(ll - 1, 0)], 0)
        out[grp] = upto_k - upto_lo
    return out


def _grace_window(rows: np.ndarray, k1: np.ndarray, hi: np.ndarray, p1: np.ndarray,
                  r2: np.ndarray, u_all: np.ndarray, h: np.ndarray, inv_h: np.ndarray,
                  q: np.ndarray, debt: np.ndarray, coll: np.ndarray, cum_q: np.ndarray,
                  book: Book, rule: LiquidationRule, p_attentive: float,
                  response_time: float) -> tuple[np.ndarray, ...]:
    """The grace period for some scenarios: the protected window ``[k1, hi)`` of each.

    Each scenario's window is a contiguous run of the sorted loans, so it is read as a
    strided view (``sliding_window_view``), without index arrays; a window that would run
    past the last loan starts earlier, and the loans before ``k1`` are masked out.
    """
    n = h.size
    m = rows.size
    mk = book.market
    width = int((hi - k1).max())
    if width <= 0:
        zero = np.zeros(m)
        return zero, zero, zero, zero, zero, r2 * _impact_factor(cum_q[k1], mk), zero
    start = np.minimum(k1, n - width)
    cols = np.arange(width)[None, :]
    inside = (cols >= (k1 - start)[:, None]) & (cols < (hi - start)[:, None])

    def win(a: np.ndarray) -> np.ndarray:
        return np.lib.stride_tricks.sliding_window_view(a, width)[start]

    u = np.lib.stride_tricks.sliding_window_view(u_all, width, axis=1)[rows, start]
    hz = win(h)
    equity = hz * p1[:, None] >= book.liquidation_threshold
    attentive = u < p_attentive
    # an owner tops up only a loan that still has equity (h R >= LT)
    saved = inside & equity & (u < p_attentive * -math.expm1(-rule.grace_period
                                                             / response_time))
    cand = inside & ~saved
    qc = np.where(cand, win(q), 0.0)
    k2, p2 = _fixed_point(np.where(cand, win(inv_h), 0.0), qc, r2, mk,
                          q_before=cum_q[k1])
    liq2 = cand & (cols < k2[:, None])
    dz = np.where(liq2, win(debt), 0.0)
    paid = np.minimum(dz, win(coll) * (book.price * p2 / (1.0 + book.bonus))[:, None])
    paid_sum = paid.sum(axis=1)
    return (dz.sum(axis=1) - paid_sum, paid_sum, liq2.sum(axis=1).astype(float),
            (liq2 & attentive & equity).sum(axis=1), saved.sum(axis=1).astype(float), p2,
            np.where(liq2, qc, 0.0).sum(axis=1))


def _engine(book: Book, rules: tuple[LiquidationRule, ...], scen: _Scen,
            rng: np.random.Generator, *, vol: float, jump_mean: float, jump_vol: float,
            p_attentive: float, response_time: float, chunk: int | None) -> list[BookResult]:
    """The vectorised engine: every rule on the same draws, scenarios in chunks.

    Loans are sorted once by health factor. Then, in every scenario, the loans liquidated
    at restart are a prefix of the sorted book, the loans with bad debt among them are a
    prefix too (``h < LT (1 + b) / R``), and the protected zone is a contiguous window
    ``[k_1, #{h < 1 / R})``; prefix sums give the restart's totals, and only the window
    is worked on loan by loan. Each owner draws one uniform per scenario, the owners
    taken in order of health (so the draws do not depend on the chunking).
    """
    n, S = book.n, scen.z1.size
    years = scen.minutes / MINUTES_PER_YEAR
    log_r1 = (-0.5 * vol**2 * years + jump_mean
              + np.sqrt(vol**2 * years + jump_vol**2) * scen.z1)
    r1_all = np.exp(log_r1)
    order = np.argsort(book.health, kind="stable")
    h = book.health[order]
    inv_h = 1.0 / h
    q = book.seized[order]
    debt = book.debt[order]
    coll = book.collateral[order]
    cum_q = np.concatenate(([0.0], np.cumsum(q)))
    cum_debt = np.concatenate(([0.0], np.cumsum(debt)))
    cum_coll = np.concatenate(([0.0], np.cumsum(coll)))
    b1 = 1.0 + book.bonus
    lt = book.liquidation_threshold
    mk = book.market
    rows = chunk or max(1, _CHUNK_ELEMENTS // max(n, 1))
    keys = ("bad", "liq", "now", "need", "resc", "bonus", "fin", "pnl")
    out = [{k: np.zeros(S) for k in keys} for _ in rules]
    for s0 in range(0, S, rows):
        s1 = min(S, s0 + rows)
        m = s1 - s0
        u_all = rng.random((m, n))                  # owner j: the j-th lowest health
        r1 = r1_all[s0:s1]
        for o, rule in zip(out, rules):
            thr_now = rule.hf_immediate if rule.protects else 1.0
            k1, p1 = _fixed_point(thr_now * inv_h, q, r1, mk)
            # restart: the first k1 loans, of which the first j1 leave bad debt
            j1 = np.minimum(k1, np.searchsorted(h, lt * b1 / np.maximum(p1, 1e-300)))
            sale = book.price * p1 / b1                 # debt repaid per token seized
            bad = cum_debt[j1] - sale * cum_coll[j1]
            repaid = cum_debt[k1] - bad
            # needless: attentive owners of loans that still had equity (h R >= LT)
            under = np.minimum(k1, np.searchsorted(h, lt / np.maximum(p1, 1e-300)))
            need = _prefix_count(u_all, under, k1, p_attentive)
            liq = k1.astype(float)
            final = p1
            sold1 = cum_q[k1]
            # liquidators sell what they seize (collateral.liquidation_value); what the
            # sale loses against the price before it is the impact cost
            cost = sold1 * book.price * r1 - collateral.liquidation_value(
                sold1, book.price * r1, mk)
            if rule.protects:
                gy = rule.grace_period / SECONDS_PER_YEAR
                # the market moves on from the restart; the sales' impact stays
                r2 = r1 * np.exp(-0.5 * vol**2 * gy + vol * math.sqrt(gy) * scen.z2[s0:s1])
                hi = np.searchsorted(h, 1.0 / np.maximum(p1, 1e-300))   # h < 1 / p1
                resc = np.zeros(m)
                final = np.empty(m)
                sold2 = np.zeros(m)
                # rows in groups of similar window width, so that narrow windows are
                # not padded to the widest one
                by_width = np.argsort(hi - k1, kind="stable")
                for grp in np.array_split(by_width, min(m, _WIDTH_GROUPS)):
                    if grp.size == 0:
                        continue
                    add = _grace_window(grp, k1[grp], hi[grp], p1[grp], r2[grp],
                                        u_all, h, inv_h, q, debt, coll, cum_q, book,
                                        rule, p_attentive, response_time)
                    bad[grp] += add[0]
                    repaid[grp] += add[1]
                    liq[grp] += add[2]
                    need[grp] += add[3]
                    resc[grp] = add[4]
                    final[grp] = add[5]
                    sold2[grp] = add[6]
                # the grace period's sales walk further down the same curve
                cost = cost + sold2 * book.price * r2 * _impact_factor(sold1, mk) - (
                    collateral.liquidation_value(sold1 + sold2, book.price * r2, mk)
                    - collateral.liquidation_value(sold1, book.price * r2, mk))
                o["resc"][s0:s1] = resc
            o["now"][s0:s1] = k1
            o["bad"][s0:s1] = np.maximum(bad, 0.0)
            o["bonus"][s0:s1] = repaid * book.bonus
            o["liq"][s0:s1] = liq
            o["need"][s0:s1] = need
            o["fin"][s0:s1] = final
            o["pnl"][s0:s1] = cost
    total = float(book.debt.sum())
    res = []
    for o, rule in zip(out, rules):
        for key in ("bad", "bonus", "pnl"):
            v.finite_result(key, o[key])
        res.append(BookResult(rule=rule, n_scenarios=S, bad_debt=_frozen(o["bad"]),
                              liquidated=_frozen(o["liq"]), liquidated_now=_frozen(o["now"]),
                              needless=_frozen(o["need"]), rescued=_frozen(o["resc"]),
                              bonus_paid=_frozen(o["bonus"]), restart_ratio=_frozen(r1_all),
                              final_ratio=_frozen(o["fin"]),
                              impact_cost=_frozen(o["pnl"]), total_debt=total))
    return res


def _book_args(book: Any, n_scenarios: Any, vol: Any, minutes: Any, duration_median: Any,
               duration_log_sd: Any, jump_mean: Any, jump_vol: Any, p_attentive: Any,
               response_time: Any, seed: Any, chunk: Any) -> dict[str, Any]:
    bk = v.instance("book", book, Book)
    S = v.count("n_scenarios", n_scenarios, hi=_MAX_SCENARIOS)
    v.budget("n_scenarios x loans", S * bk.n, hi=_MAX_BOOK_ELEMENTS)
    mins = None if minutes is None else v.nonnegative("minutes", minutes, hi=_MAX_MINUTES)
    return dict(book=bk, S=S, vol=v.real("vol", vol, lo=0.0, hi=100.0), minutes=mins,
                med=v.positive("duration_median", duration_median, hi=_MAX_MINUTES),
                lsd=v.nonnegative("duration_log_sd", duration_log_sd, hi=5.0),
                jm=v.real("jump_mean", jump_mean, lo=-5.0, hi=5.0),
                jv=v.real("jump_vol", jump_vol, lo=0.0, hi=5.0),
                pa=v.probability("p_attentive", p_attentive),
                rt=v.positive("response_time", response_time, hi=SECONDS_PER_YEAR),
                seed=v.seed("seed", seed), chunk=_check_chunk(chunk))


def simulate_book(book: Book, rule: LiquidationRule, *, n_scenarios: int = 1000,
                  vol: float = 0.8, minutes: float | None = 120.0,
                  duration_median: float = 60.0, duration_log_sd: float = 1.0,
                  jump_mean: float = 0.0, jump_vol: float = 0.0, p_attentive: float = 0.5,
                  response_time: float = 1800.0, seed: int = 0,
                  chunk: int | None = None) -> BookResult:
    """Run a lending book through ``n_scenarios`` outages under one liquidation rule.

    The model is in the module docstring. Scenarios are processed in chunks of about
    two million scenario-loan elements, so 10,000 loans x 10,000 scenarios runs in
    bounded memory.

    Parameters
    ----------
    book : Book
    rule : LiquidationRule
    n_scenarios : int, optional
        Outage scenarios (bounded). Default 1000.
    vol : float, optional
        Annualised volatility of the collateral (>= 0). Default 0.8.
    minutes : float or None, optional
        Length of every outage in minutes; ``None`` draws each scenario's length from a
        lognormal with median ``duration_median`` (minutes) and log-spread
        ``duration_log_sd`` (for example a fit of an outage record). Default 120.
    duration_median, duration_log_sd : float, optional
        The lognormal outage length when ``minutes`` is ``None``.
    jump_mean, jump_vol : float, optional
        Log-jump of the price at restart. Default 0.
    p_attentive : float, optional
        Probability that an owner reacts at all. Default 0.5.
    response_time : float, optional
        Mean reaction time of an attentive owner, in seconds (> 0). Default 1800.
    seed : int, optional
    chunk : int or None, optional
        Scenarios per chunk (``None``: automatic).

    Returns
    -------
    BookResult

    Raises
    ------
    ValueError, TypeError
        For invalid inputs.

    Examples
    --------
    >>> book = random_book(300, seed=0)
    >>> now = simulate_book(book, LiquidationRule(0.0), n_scenarios=300, minutes=420.0)
    >>> wait = simulate_book(book, LiquidationRule(3600.0), n_scenarios=300, minutes=420.0)
    >>> bool(wait.needless.mean() < now.needless.mean())      # the grace period helps users
    True
    """
    rl = v.instance("rule", rule, LiquidationRule)
    a = _book_args(book, n_scenarios, vol, minutes, duration_median, duration_log_sd,
                   jump_mean, jump_vol, p_attentive, response_time, seed, chunk)
    rng = np.random.default_rng(a["seed"])
    scen = _draw_scenarios(rng, a["S"], a["minutes"], a["med"], a["lsd"])
    return _engine(a["book"], (rl,), scen, rng, vol=a["vol"], jump_mean=a["jm"],
                   jump_vol=a["jv"], p_attentive=a["pa"], response_time=a["rt"],
                   chunk=a["chunk"])[0]


@dataclass(frozen=True)
class GraceTradeoff:
    """Bad debt against needless liquidations, one point per grace period.

    Attributes
    ----------
    grace_periods : ndarray
        Grace periods in seconds (the rule's ``hf_immediate`` is the same for all).
    bad_debt : ndarray
        Mean bad debt per outage, in the debt's unit.
    bad_debt_es : ndarray
        Expected shortfall of bad debt at ``alpha`` (mean of the worst scenarios).
    needless : ndarray
        Mean number of liquidated owners who would have added collateral.
    liquidated, rescued : ndarray
        Mean number of loans liquidated, and rescued by their owners.
    results : tuple of BookResult
        The full results, one per grace period.
    alpha : float
    """

    grace_periods: np.ndarray
    bad_debt: np.ndarray
    bad_debt_es: np.ndarray
    needless: np.ndarray
    liquidated: np.ndarray
    rescued: np.ndarray
    results: tuple[BookResult, ...]
    alpha: float


def grace_tradeoff(book: Book, grace_periods: Any, *, hf_immediate: float = 0.95,
                   n_scenarios: int = 1000, vol: float = 0.8, minutes: float | None = 120.0,
                   duration_median: float = 60.0, duration_log_sd: float = 1.0,
                   jump_mean: float = 0.0, jump_vol: float = 0.0, p_attentive: float = 0.5,
                   response_time: float = 1800.0, alpha: float = 0.01, seed: int = 0,
                   chunk: int | None = None) -> GraceTradeoff:
    """The grace-period trade-off: one :func:`simulate_book` per grace period, same draws.

    Grace period 0 is "liquidate at once" (Aave v3.7); 3600 s with
    ``hf_immediate=0.95`` is Aave v3.6's sentinel. Every rule sees the same scenarios and
    the same owners (common random numbers), so the differences are the rules'.

    Parameters
    ----------
    book : Book
    grace_periods : array_like
        Grace periods in seconds (>= 0).
    hf_immediate : float, optional
        Health factor below which loans are liquidated at once during the grace period.
    alpha : float, optional
        Tail probability of ``bad_debt_es``. Default 0.01.
    n_scenarios, vol, minutes, duration_median, duration_log_sd : optional
        As :func:`simulate_book`.
    jump_mean, jump_vol, p_attentive, response_time, seed, chunk : optional
        As :func:`simulate_book`.

    Returns
    -------
    GraceTradeoff

    Examples
    --------
    >>> t = grace_tradeoff(random_book(300, seed=0), [0.0, 3600.0, 14400.0],
    ...                    n_scenarios=300, minutes=420.0)
    >>> bool(t.needless[0] > t.needless[1] > t.needless[2])
    True
    >>> bool(t.bad_debt[2] >= t.bad_debt[0])
    True
    """
    gp = v.array("grace_periods", grace_periods, ndim=1, lo=0.0, hi=SECONDS_PER_YEAR,
                 max_size=1000)
    hfi = v.real("hf_immediate", hf_immediate, lo=0.0, hi=1.0)
    al = v.probability("alpha", alpha, lo_open=True)
    a = _book_args(book, n_scenarios, vol, minutes, duration_median, duration_log_sd,
                   jump_mean, jump_vol, p_attentive, response_time, seed, chunk)
    v.budget("grace periods x scenarios x loans", gp.size * a["S"] * a["book"].n,
             hi=_MAX_BOOK_ELEMENTS)
    rules = tuple(LiquidationRule(float(g), hfi) for g in gp)
    rng = np.random.default_rng(a["seed"])
    scen = _draw_scenarios(rng, a["S"], a["minutes"], a["med"], a["lsd"])
    res = _engine(a["book"], rules, scen, rng, vol=a["vol"], jump_mean=a["jm"],
                  jump_vol=a["jv"], p_attentive=a["pa"], response_time=a["rt"],
                  chunk=a["chunk"])
    return GraceTradeoff(
        grace_periods=_frozen(gp),
        bad_debt=_frozen([r.bad_debt.mean() for r in res]),
        bad_debt_es=_frozen([r.expected_shortfall(al) for r in res]),
        needless=_frozen([r.needless.mean() for r in res]),
        liquidated=_frozen([r.liquidated.mean() for r in res]),
        rescued=_frozen([r.rescued.mean() for r in res]),
        results=tuple(res), alpha=al)


# --------------------------------------------------------------------------------------
# options through an outage
# --------------------------------------------------------------------------------------
def _hedge_losses(z: np.ndarray, years: np.ndarray, *, spot: float, strike: float,
                  vol: float, t: float, rate: float, kind: str, jump_mean: float,
                  jump_vol: float, delta: float, v0: float) -> np.ndarray:
    m = -0.5 * vol**2 * years + jump_mean
    s = np.sqrt(vol**2 * years + jump_vol**2)
    s_d = spot * np.exp(m + s * z)
    t_left = np.maximum(t - years, 0.0)
    v_d = np.asarray(black_scholes(s_d, strike, vol, t_left, rate=rate, kind=kind))
    # short one option, long delta units: loss = change in option value - hedge gain
    return (v_d - v0) - delta * (s_d - spot)


def hedging_error(minutes: Any, *, spot: float = 100.0, strike: float = 100.0,
                  vol: float = 0.8, t: float = 30 / 365, rate: float = 0.0,
                  kind: str = "call", jump_mean: float = 0.0, jump_vol: float = 0.0,
                  n_paths: int = 10_000, seed: int = 0) -> np.ndarray:
    """Loss of a delta-hedged short option whose hedge is frozen during an outage.

    A market maker has sold one option and holds ``delta`` units of the underlying,
    rebalanced continuously while the rollup runs. When the sequencer stops, the hedge
    is stuck. At restart, after ``D`` minutes, the position has lost

    .. math:: L = V(S_D, T - D) - V(S_0, T) - \\Delta_0 (S_D - S_0),

    where ``S_D`` includes the optional restart jump. Near zero on average (theta pays
    for gamma), ``L`` is the gamma loss of a move the hedger could not follow: about
    ``0.5 Gamma (S_D - S_0)^2`` minus the time decay earned.

    Parameters
    ----------
    minutes : float or array_like
        Outage lengths in minutes (>= 0, each shorter than the option's life).
    spot, strike, vol, t, rate, kind
        The option, as :func:`black_scholes` (scalars). ``t`` defaults to 30 days.
    jump_mean, jump_vol : float, optional
        Log-jump at restart.
    n_paths : int, optional
        Simulated restarts per outage length (the same normals for every length).
    seed : int, optional

    Returns
    -------
    ndarray, shape (len(minutes), n_paths)
        Losses per option, in the unit of ``spot`` (negative: a gain).

    Examples
    --------
    >>> err = hedging_error([30.0, 420.0], n_paths=20_000, seed=1)
    >>> bool(err[1].std() > 5 * err[0].std())        # grows like the outage length
    True
    """
    mins = v.array("minutes", minutes, lo=0.0, hi=_MAX_MINUTES, max_size=1000).reshape(-1)
    s0 = v.positive("spot", spot, hi=1e12)
    k = v.positive("strike", strike, hi=1e12)
    sig = v.real("vol", vol, lo=0.0, hi=100.0)
    tt = v.positive("t", t, hi=1000.0)
    r = v.real("rate", rate, lo=-1.0, hi=1.0)
    kd = v.option("kind", kind, KINDS)
    jm = v.real("jump_mean", jump_mean, lo=-5.0, hi=5.0)
    jv = v.real("jump_vol", jump_vol, lo=0.0, hi=5.0)
    n = v.count("n_paths", n_paths)
    years = mins / MINUTES_PER_YEAR
    if np.any(years >= tt):
        raise v.fail("minutes", f"shorter than the option's life ({tt * MINUTES_PER_YEAR:g} "
                     "minutes)", minutes)
    v.budget("minutes x n_paths", mins.size * n, hi=5_000_000)
    rng = np.random.default_rng(v.seed("seed", seed))
    z = rng.standard_normal(n)
    g = greeks(s0, k, sig, tt, rate=r, kind=kd)
    loss = _hedge_losses(z[None, :], years[:, None], spot=s0, strike=k, vol=sig, t=tt,
                         rate=r, kind=kd, jump_mean=jm, jump_vol=jv,
                         delta=float(g.delta), v0=float(g.price))
    v.finite_result("hedging error", loss)
    return loss


@dataclass(frozen=True)
class OutageAddon:
    """Outage-risk add-on for an option book over a horizon.

    Attributes
    ----------
    expected_cost : float
        Expected hedging loss from outages over the horizon, per option: the fair
        premium add-on.
    es : float
        Expected shortfall of the loss at ``alpha``: a margin add-on.
    var : float
        Value-at-risk of the loss at ``alpha``.
    premium : float
        The option's Black-Scholes price, for scale.
    p_any_outage : float
        Probability of at least one outage in the horizon.
    alpha : float
    losses : ndarray
        Simulated total losses, one per path.
    """

    expected_cost: float
    es: float
    var: float
    premium: float
    p_any_outage: float
    alpha: float
    losses: np.ndarray


def outage_addon(rate_per_year: float, *, horizon: float = 30 / 365,
                 duration_median: float = 60.0, duration_log_sd: float = 1.0,
                 durations: Any = None, spot: float = 100.0, strike: float = 100.0,
                 vol: float = 0.8, t: float = 30 / 365, rate: float = 0.0,
                 kind: str = "call", jump_mean: float = 0.0, jump_vol: float = 0.0,
                 alpha: float = 0.01, n_paths: int = 20_000, seed: int = 0) -> OutageAddon:
    """Premium and margin add-on for outages: a compound-Poisson sum of hedging losses.

    Outages arrive as a Poisson process of ``rate_per_year`` over ``horizon`` years; each
    lasts a lognormal time (median ``duration_median`` minutes, log-spread
    ``duration_log_sd``, for example the fit of an outage record) or one drawn from
    ``durations`` (an empirical record, resampled). Each outage costs the loss of
    :func:`hedging_error` on a fresh at-the-money hedge (the book is re-struck after each
    outage, a simplification). The add-on is the expected total loss (premium) and its
    expected shortfall at ``alpha`` (margin).

    Parameters
    ----------
    rate_per_year : float
        Outages a year (>= 0).
    horizon : float, optional
        Years the book is held. Default 30 days.
    duration_median, duration_log_sd : float, optional
        Lognormal outage length, in minutes.
    durations : array_like or None, optional
        Outage lengths (minutes) to resample instead of the lognormal.
    spot, strike, vol, t, rate, kind, jump_mean, jump_vol
        As :func:`hedging_error`; outage lengths are capped at 99 % of ``t``.
    alpha : float, optional
    n_paths : int, optional
    seed : int, optional

    Returns
    -------
    OutageAddon

    Examples
    --------
    >>> a = outage_addon(1.0, jump_vol=0.05, jump_mean=-0.00125, seed=1)
    >>> round(a.p_any_outage, 3)
    0.079
    >>> bool(a.es > 10 * a.expected_cost > 0)
    True
    """
    lam = v.nonnegative("rate_per_year", rate_per_year, hi=1e4)
    hz = v.positive("horizon", horizon, hi=100.0)
    med = v.positive("duration_median", duration_median, hi=_MAX_MINUTES)
    lsd = v.nonnegative("duration_log_sd", duration_log_sd, hi=5.0)
    emp = None if durations is None else v.array("durations", durations, ndim=1, lo=0.0,
                                                 hi=_MAX_MINUTES, max_size=v.MAX_COUNT)
    s0 = v.positive("spot", spot, hi=1e12)
    k = v.positive("strike", strike, hi=1e12)
    sig = v.real("vol", vol, lo=0.0, hi=100.0)
    tt = v.positive("t", t, hi=1000.0)
    r = v.real("rate", rate, lo=-1.0, hi=1.0)
    kd = v.option("kind", kind, KINDS)
    jm = v.real("jump_mean", jump_mean, lo=-5.0, hi=5.0)
    jv = v.real("jump_vol", jump_vol, lo=0.0, hi=5.0)
    al = v.probability("alpha", alpha, lo_open=True, hi_open=True)
    n = v.count("n_paths", n_paths)
    if lam * hz > 1e4:
        raise v.fail("rate_per_year x horizon", "at most 10,000 expected outages",
                     lam * hz)
    v.budget("n_paths x expected outages", math.ceil(n * lam * hz), hi=2_000_000)
    rng = np.random.default_rng(v.seed("seed", seed))
    counts = rng.poisson(lam * hz, size=n)
    total = int(counts.sum())
    if emp is not None:
        mins = emp[rng.integers(0, emp.size, size=total)]
    else:
        mins = med * np.exp(lsd * rng.standard_normal(total))
    years = np.minimum(mins / MINUTES_PER_YEAR, 0.99 * tt)
    z = rng.standard_normal(total)
    g = greeks(s0, k, sig, tt, rate=r, kind=kd)
    each = _hedge_losses(z, years, spot=s0, strike=k, vol=sig, t=tt, rate=r, kind=kd,
                         jump_mean=jm, jump_vol=jv, delta=float(g.delta),
                         v0=float(g.price))
    losses = np.bincount(np.repeat(np.arange(n), counts), weights=each, minlength=n)
    srt = np.sort(losses)
    j = max(1, int(math.floor(al * n)))
    out = OutageAddon(expected_cost=float(losses.mean()), es=float(srt[-j:].mean()),
                      var=float(srt[-j - 1] if j < n else srt[0]), premium=float(g.price),
                      p_any_outage=float(1.0 - math.exp(-lam * hz)), alpha=al,
                      losses=_frozen(losses))
    v.finite_result("outage add-on", [out.expected_cost, out.es])
    return out


# --------------------------------------------------------------------------------------
# ordering power
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FrontRun:
    """A sandwich around a large sale by someone who sees it before it is sequenced.

    Attributes
    ----------
    size : float
        Tokens the front-runner sells ahead of the victim (and buys back after).
    profit : float
        The front-runner's profit, in the unit of the price.
    victim_cost : float
        How much less the victim's sale raises because of the front-run.
    victim_proceeds : float
        What the victim's sale raises without a front-run
        (:func:`seqlearn.collateral.liquidation_value`).
    """

    size: float
    profit: float
    victim_cost: float
    victim_proceeds: float


def frontrun_sale(quantity: float, price: float, market: collateral.Market, *,
                  tolerance: float = 0.01) -> FrontRun:
    """What a sequencer that sees a large sale first can take from it (a sandwich).

    The victim sells ``quantity`` tokens (a liquidator dumping seized collateral, a large
    perpetual order) with a slippage limit: the sale reverts if it raises less than
    ``(1 - tolerance)`` times what it would raise alone. The market follows the
    square-root law of :mod:`seqlearn.collateral` (haircut left out), with the impact
    lasting until the front-runner has bought back. The front-runner sells ``x`` first,
    the victim sells, and the front-runner buys ``x`` back along the same curve. Its
    profit is ``LV(x) + LV(q) - LV(x + q)`` with ``LV`` the proceeds of
    :func:`seqlearn.collateral.liquidation_value`, exactly what the victim loses, and it
    grows with ``x``; so the front-runner takes the largest ``x`` the victim's limit
    allows, and the take is the victim's whole tolerance (or what the market's depth
    allows).

    Parameters
    ----------
    quantity : float
        The victim's sale in tokens (> 0).
    price : float
        Price before both sales (> 0).
    market : collateral.Market
        A market with finite depth (a perfectly deep one cannot be front-run).
    tolerance : float, optional
        The victim's slippage limit as a fraction of its proceeds, in [0, 1). Default 1 %.

    Returns
    -------
    FrontRun

    Raises
    ------
    ValueError, TypeError
        For invalid inputs, a frictionless market or a sale beyond the market's depth.

    Examples
    --------
    >>> m = collateral.Market(daily_volume=1e6, impact=0.1)
    >>> f = frontrun_sale(200_000.0, 1.0, m, tolerance=0.01)
    >>> round(f.profit / f.victim_proceeds, 6), round(f.profit - f.victim_cost, 9)
    (0.01, 0.0)
    """
    q = v.positive("quantity", quantity, hi=1e15)
    p = v.positive("price", price, hi=1e12)
    mk = v.instance("market", market, collateral.Market)
    tol = v.real("tolerance", tolerance, lo=0.0, hi=1.0, hi_open=True)
    if mk.frictionless:
        raise v.fail("market", "a market with finite depth and impact > 0", market)
    mk = collateral.Market(daily_volume=mk.daily_volume, impact=mk.impact, days=mk.days)
    cap = mk.days * mk.daily_volume / mk.impact**2          # the price reaches 0 here
    if q >= cap:
        raise v.fail("quantity", f"below the market's depth ({cap:g} tokens)", quantity)

    def lv(x: float) -> float:
        return float(collateral.liquidation_value(x, p, mk))

    alone = lv(q)

    def take(x: float) -> float:
        return lv(x) + alone - lv(x + q)

    hi = cap - q
    if take(hi) <= tol * alone:
        x = hi
    else:
        lo = 0.0
        for _ in range(100):
            mid = 0.5 * (lo + hi)
            if take(mid) <= tol * alone:
                lo = mid
            else:
                hi = mid
        x = lo
    t = take(x)
    return FrontRun(size=x, profit=t, victim_cost=t, victim_proceeds=alone)
