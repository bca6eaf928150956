r"""Sequencer stability: outage statistics, failover, soft confirmations and uptime oracles.

A rollup's sequencer is one ordered service. This module measures how often it stops and
for how long (from the documented record in :func:`seqlearn.data.outages`), models the
failover cluster that is meant to keep it running, the reorg of soft-confirmed blocks that
a fault can cause, and the uptime oracle and grace period that lending protocols put in
front of liquidations.

Outage statistics (honest about small samples)
----------------------------------------------
The record holds a handful of outages per chain, some with a duration range
(``minutes_low`` to ``minutes_high``) because sources disagree. Every estimate comes
with an interval:

* the **rate** :math:`\lambda` (outages per year) over an observation window of
  :math:`T` years with :math:`n` outages has the exact (Garwood) Poisson interval
  :math:`\big[\chi^2_{2n}(\alpha/2)/2T,\ \chi^2_{2n+2}(1-\alpha/2)/2T\big]`;
* **durations** are fitted by a lognormal (the log-duration is normal, mean
  :math:`\mu`, standard deviation :math:`\sigma`); a Student-*t* interval for
  :math:`\mu` and a :math:`\chi^2` interval for :math:`\sigma` are computed from the
  low ends and from the high ends of the ranges, and the reported interval is their
  union (so a disputed duration widens the interval instead of being dropped);
* the **mean time to recover** (MTTR, the mean duration) uses Cox's interval for a
  lognormal mean, again as the union over low and high ends;
* derived numbers (mean time between failures, expected downtime per year,
  availability and its *nines*, the probability of at least one outage longer than
  :math:`t` within a year) are monotone in the rate and the duration parameters, so
  their intervals are the images of the corners of the rate x duration box. Each of the
  two boxes is taken at level :math:`1 - (1-\text{level})/2` (Bonferroni), so the
  derived interval covers at least ``level``.

With two outages the *t* quantile has one degree of freedom (12.7 at 95 %) and the
:math:`\chi^2` interval for :math:`\sigma` spans a factor of about 50: the numbers are
wide on purpose. At least two outages with known durations are needed for any duration
statistic; a chain with fewer raises :class:`ValueError`.

The observation window of a chain (``observed_from``) is a modelling assumption, not a
fact of the record: pass it explicitly, or rely on :data:`ASSUMED_START`, which the book
labels as assumptions.

Examples
--------
>>> iv = poisson_rate_interval(3, 4.83)
>>> round(iv.estimate, 3), round(iv.low, 3), round(iv.high, 2)
(0.621, 0.128, 1.82)
>>> aave_liquidation_allowed(0.97, sequencer_up=True, seconds_since_change=600)
False
>>> aave_liquidation_allowed(0.97, sequencer_up=True, seconds_since_change=600,
...                          version="3.7")
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Sequence

import numpy as np
from scipy import stats as _st

from seqlearn import data as _data
from seqlearn import params
from seqlearn import validation as v

__all__ = [
    "MINUTES_PER_YEAR",
    "OUTAGE_KINDS",
    "STOPPING_KINDS",
    "RECORD_END",
    "ASSUMED_START",
    "Interval",
    "Outage",
    "LognormalFit",
    "OutageStats",
    "outage_records",
    "poisson_rate_interval",
    "lognormal_fit",
    "lognormal_mean_interval",
    "outage_stats",
    "outage_table",
    "prob_long_outage",
    "availability",
    "nines",
    "sample_outage_years",
    "OutageYears",
    "AAVE_VERSIONS",
    "aave_borrow_allowed",
    "aave_liquidation_allowed",
    "sentinel_allows_liquidation",
    "FeedTimeline",
    "feed_timeline",
    "sentinel_timeline",
    "Cluster",
    "Downtime",
    "expected_downtime",
    "ClusterSimulation",
    "simulate_cluster",
    "COMMON_MODE_CASES",
    "common_mode_cases",
    "Heads",
    "heads",
    "expected_exposure",
    "soft_confirmation_risk",
    "reorg_depth",
]

#: Minutes in a (Julian) year of 365.25 days.
MINUTES_PER_YEAR: float = 365.25 * 24 * 60
#: The kinds of outage in the record (``seqlearn.data.KINDS``).
OUTAGE_KINDS: tuple[str, ...] = _data.KINDS
#: Kinds in which users could not get transactions sequenced: counted by default. A
#: batch-posting stall kept soft confirmations running and a pause was deliberate.
STOPPING_KINDS: tuple[str, ...] = ("halt", "intermittent")
#: End of the observation window used by default (the record's cut-off, as in the fact
#: sheet's worked estimate, FACTS-ch7-11 section 1.4).
RECORD_END: str = "2026-06-30"
#: Assumed start of observation per chain: the public mainnet launch as commonly
#: reported. These dates are modelling assumptions that the book labels as such (the fact
#: sheet marks the launch dates UNVERIFIED); pass ``observed_from`` to use others.
ASSUMED_START: dict[str, str] = {
    "Arbitrum One": "2021-08-31",
    "Base": "2023-08-09",
}


# --------------------------------------------------------------------------------------------
# small containers
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    """A point estimate with a confidence interval.

    Attributes
    ----------
    estimate : float
        Point estimate.
    low, high : float
        Interval ends (``low <= estimate <= high``). ``high`` may be ``inf`` where the
        data cannot bound the quantity (documented where it happens).
    level : float
        Confidence level of the interval (for example 0.95).

    Examples
    --------
    >>> Interval(2.0, 1.0, 4.0, 0.95).ratio
    4.0
    """

    estimate: float
    low: float
    high: float
    level: float

    @property
    def ratio(self) -> float:
        """``high / low``: how many-fold the interval spans (``inf`` if ``low`` is 0)."""
        return self.high / self.low if self.low > 0 else math.inf

    def __str__(self) -> str:
        return f"{self.estimate:.3g} [{self.low:.3g}, {self.high:.3g}]"


@dataclass(frozen=True)
class Outage:
    """One outage as the statistics use it (normalised from ``seqlearn.data``).

    ``minutes_low``/``minutes_high`` are ``None`` when the duration is not documented.
    """

    chain: str
    date: str
    kind: str
    minutes_low: float | None
    minutes_high: float | None
    cause: str = ""

    def __post_init__(self) -> None:
        v.text("chain", self.chain)
        try:
            date.fromisoformat(v.text("date", self.date))
        except ValueError:
            raise v.fail("date", "an ISO date (YYYY-MM-DD)", self.date) from None
        v.option("kind", self.kind, OUTAGE_KINDS)
        v.text("cause", self.cause, allow_empty=True)
        if (self.minutes_low is None) != (self.minutes_high is None):
            raise v.fail("minutes_high", "None exactly when minutes_low is None",
                         self.minutes_high)
        if self.minutes_low is not None:
            lo = v.positive("minutes_low", self.minutes_low, hi=MINUTES_PER_YEAR)
            hi = v.positive("minutes_high", self.minutes_high, hi=MINUTES_PER_YEAR)
            if hi < lo:
                raise v.fail("minutes_high", f"a number >= minutes_low ({lo:g})", hi)

    @property
    def known(self) -> bool:
        """Whether the duration is documented (at least as a range)."""
        return self.minutes_low is not None and self.minutes_high is not None


def _num(x: Any) -> float | None:
    if x is None or (isinstance(x, str) and not x.strip()):
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def outage_records(kinds: Sequence[str] | None = None) -> tuple[Outage, ...]:
    """The documented outages of ``seqlearn.data.outages()`` as :class:`Outage` rows.

    Works with the record's schema (``minutes_low``, ``minutes_high``, ``kind``); a record
    with a single ``minutes`` is read as a point range of kind ``"halt"``.

    Parameters
    ----------
    kinds : sequence of str, optional
        Keep only these kinds (from :data:`OUTAGE_KINDS`). Default: all.

    Returns
    -------
    tuple of Outage
        In date order.

    Examples
    --------
    >>> rows = outage_records(kinds=("halt",))
    >>> all(r.kind == "halt" for r in rows)
    True
    """
    from seqlearn.data import outages

    keep = _kinds(kinds) if kinds is not None else OUTAGE_KINDS
    out = []
    for r in outages():
        lo = _num(getattr(r, "minutes_low", getattr(r, "minutes", None)))
        hi = _num(getattr(r, "minutes_high", getattr(r, "minutes", None)))
        if lo is None or hi is None:
            lo = hi = None
        kind = getattr(r, "kind", "halt")
        if kind in keep:
            out.append(Outage(r.chain, r.date, kind, lo, hi, getattr(r, "cause", "")))
    return tuple(sorted(out, key=lambda o: o.date))


def _kinds(kinds: Any) -> tuple[str, ...]:
    if isinstance(kinds, str) or not isinstance(kinds, (list, tuple)):
        raise v.fail("kinds", "a tuple of outage kinds", kinds, TypeError)
    if not kinds:
        raise v.fail("kinds", "a non-empty tuple of outage kinds", kinds)
    return tuple(v.option("kinds", k, OUTAGE_KINDS) for k in kinds)


def _level(level: Any, hi: float = 0.99999) -> float:
    return v.real("level", level, lo=0.5, hi=hi)


# --------------------------------------------------------------------------------------------
# the building blocks: rate, lognormal fit, lognormal mean
# --------------------------------------------------------------------------------------------
def poisson_rate_interval(n_events: int, years: float, level: float = 0.95) -> Interval:
    r"""Rate of a Poisson process with its exact (Garwood) interval.

    .. math:: \hat\lambda = n/T,\qquad
              \Big[\tfrac{1}{2T}\chi^2_{2n}\big(\tfrac{1-\ell}{2}\big),\
              \tfrac{1}{2T}\chi^2_{2n+2}\big(\tfrac{1+\ell}{2}\big)\Big]

    with lower end 0 when :math:`n = 0`.

    Parameters
    ----------
    n_events : int
        Number of events observed (>= 0).
    years : float
        Length of the observation window in years (> 0).
    level : float, optional
        Confidence level in [0.5, 0.99999]. Default 0.95.

    Returns
    -------
    Interval
        Events per year.

    Examples
    --------
    >>> iv = poisson_rate_interval(2, 1.0)
    >>> round(iv.low, 4), round(iv.high, 4)
    (0.2422, 7.2247)
    """
    n = v.integer("n_events", n_events, lo=0, hi=v.MAX_COUNT)
    t = v.positive("years", years, hi=1e6)
    lv = _level(level)
    a = 1.0 - lv
    low = 0.0 if n == 0 else float(_st.chi2.ppf(a / 2, 2 * n)) / (2 * t)
    high = float(_st.chi2.ppf(1 - a / 2, 2 * n + 2)) / (2 * t)
    return Interval(n / t, low, high, lv)


@dataclass(frozen=True)
class LognormalFit:
    """A lognormal fit of outage durations (minutes), with intervals.

    Attributes
    ----------
    mu : Interval
        Mean of the log-duration (log-minutes).
    sigma : Interval
        Standard deviation of the log-duration.
    median_minutes : Interval
        :math:`e^{\\mu}`, the median duration.
    n : int
        Number of durations fitted.
    """

    mu: Interval
    sigma: Interval
    median_minutes: Interval
    n: int

    def survival(self, minutes: Any) -> np.ndarray:
        """Point estimate of :math:`P(D > t)` for ``minutes`` (array)."""
        t = v.array("minutes", minutes, lo=0.0, lo_open=True)
        return _st.norm.sf((np.log(t) - self.mu.estimate) / self.sigma.estimate)


def _log_pair(minutes_low: Any, minutes_high: Any) -> tuple[np.ndarray, np.ndarray]:
    lo = v.array("minutes_low", minutes_low, ndim=1, lo=0.0, lo_open=True,
                 max_size=v.MAX_COUNT)
    hi = v.array("minutes_high", minutes_high, ndim=1, lo=0.0, lo_open=True,
                 max_size=v.MAX_COUNT)
    if lo.shape != hi.shape:
        raise v.fail("minutes_high", f"an array of the same length as minutes_low "
                     f"({lo.size})", minutes_high)
    if np.any(hi < lo):
        raise v.fail("minutes_high", "an array with every value >= minutes_low",
                     minutes_high)
    if lo.size < 2:
        raise v.fail("minutes_low", "at least 2 durations (one cannot bound a spread)",
                     minutes_low)
    return np.log(lo), np.log(hi)


def lognormal_fit(minutes_low: Any, minutes_high: Any | None = None,
                  level: float = 0.95) -> LognormalFit:
    r"""Fit a lognormal to outage durations given as ranges ``[low, high]``.

    The point estimate uses the geometric midpoint :math:`\sqrt{\text{low}\cdot
    \text{high}}` of each range. The interval of :math:`\mu` is the union of the
    Student-*t* intervals computed from the low ends and from the high ends; that of
    :math:`\sigma` is the union of the :math:`\chi^2_{n-1}` intervals from the low ends,
    the midpoints and the high ends.

    Parameters
    ----------
    minutes_low : array_like
        Lower ends of the durations in minutes (> 0), at least 2.
    minutes_high : array_like, optional
        Upper ends (>= ``minutes_low``). Default: the same as ``minutes_low``.
    level : float, optional
        Confidence level. Default 0.95.

    Returns
    -------
    LognormalFit

    Raises
    ------
    ValueError
        If fewer than 2 durations are given or a range is reversed.

    Examples
    --------
    >>> fit = lognormal_fit([45, 420, 88], [45, 600, 88])
    >>> round(fit.median_minutes.estimate)
    126
    >>> fit.sigma.high > 5 * fit.sigma.estimate
    True
    """
    if minutes_high is None:
        minutes_high = minutes_low
    ylo, yhi = _log_pair(minutes_low, minutes_high)
    lv = _level(level)
    n = ylo.size
    ymid = (ylo + yhi) / 2
    tq = float(_st.t.ppf((1 + lv) / 2, n - 1))
    c_lo = float(_st.chi2.ppf((1 - lv) / 2, n - 1))
    c_hi = float(_st.chi2.ppf((1 + lv) / 2, n - 1))

    def sd(y: np.ndarray) -> float:
        return float(np.std(y, ddof=1))

    mu = Interval(float(ymid.mean()), float(ylo.mean() - tq * sd(ylo) / math.sqrt(n)),
                  float(yhi.mean() + tq * sd(yhi) / math.sqrt(n)), lv)
    sds = [sd(y) for y in (ylo, ymid, yhi)]
    s_est = sds[1]
    s_low = min(s * math.sqrt((n - 1) / c_hi) for s in sds)
    s_high = max(s * math.sqrt((n - 1) / c_lo) for s in sds)
    if s_est <= 0:
        raise v.fail("minutes_low", "durations that are not all equal (no spread to fit)",
                     minutes_low)
    sigma = Interval(s_est, min(s_low, s_est), max(s_high, s_est), lv)
    med = Interval(math.exp(mu.estimate), math.exp(mu.low), math.exp(mu.high), lv)
    return LognormalFit(mu, sigma, med, n)


def lognormal_mean_interval(minutes_low: Any, minutes_high: Any | None = None,
                            level: float = 0.95) -> Interval:
    r"""Mean duration (MTTR) with Cox's interval for a lognormal mean, in minutes.

    .. math:: \log \bar D = \bar y + s^2/2 \ \pm\ t_{n-1}\sqrt{s^2/n + s^4/(2(n-1))}

    computed from the low ends (lower limit) and the high ends (upper limit). The estimate
    is the sample mean of the arithmetic midpoints (the plain MTTR).

    Parameters
    ----------
    minutes_low, minutes_high : array_like
        Duration ranges in minutes (at least 2; ``minutes_high`` defaults to
        ``minutes_low``).
    level : float, optional
        Confidence level. Default 0.95.

    Returns
    -------
    Interval
        Minutes.

    Examples
    --------
    >>> iv = lognormal_mean_interval([29, 33, 116, 20])
    >>> round(iv.estimate, 1), iv.low < 49.5 < iv.high
    (49.5, True)
    """
    if minutes_high is None:
        minutes_high = minutes_low
    ylo, yhi = _log_pair(minutes_low, minutes_high)
    lv = _level(level)
    n = ylo.size
    tq = float(_st.t.ppf((1 + lv) / 2, n - 1))

    def cox(y: np.ndarray, sign: float) -> float:
        s2 = float(np.var(y, ddof=1))
        half = tq * math.sqrt(s2 / n + s2 * s2 / (2 * (n - 1)))
        return float(y.mean()) + s2 / 2 + sign * half

    est = float(np.mean((np.exp(ylo) + np.exp(yhi)) / 2))
    low = math.exp(min(cox(ylo, -1.0), math.log(est)))
    log_high = max(cox(yhi, +1.0), math.log(est))
    high = math.exp(log_high) if log_high < 700 else math.inf
    return Interval(est, low, high, lv)


# --------------------------------------------------------------------------------------------
# derived quantities
# --------------------------------------------------------------------------------------------
def availability(rate_per_year: Any, mean_minutes: Any) -> np.ndarray:
    r"""Steady-state availability :math:`A = 1/(1 + \lambda\,\text{MTTR})`.

    Parameters
    ----------
    rate_per_year : float or array_like
        Outages per year (>= 0).
    mean_minutes : float or array_like
        Mean outage duration in minutes (>= 0).

    Returns
    -------
    numpy.ndarray
        Fraction of time up, broadcast over the inputs.

    Examples
    --------
    >>> round(float(availability(1.0, 52.6)), 6)
    0.9999
    """
    lam = v.array("rate_per_year", rate_per_year, lo=0.0, hi=1e6)
    m = v.array("mean_minutes", mean_minutes, lo=0.0, hi=MINUTES_PER_YEAR)
    return 1.0 / (1.0 + lam * m / MINUTES_PER_YEAR)


def nines(avail: Any) -> np.ndarray:
    r"""The "nines" of an availability: :math:`-\log_{10}(1 - A)` (99.9 % is 3 nines).

    Parameters
    ----------
    avail : float or array_like
        Availability in [0, 1); 1 itself has infinitely many nines and is rejected.

    Examples
    --------
    >>> nines([0.99, 0.999]).round(6).tolist()
    [2.0, 3.0]
    """
    a = v.array("avail", avail, lo=0.0, hi=1.0, hi_open=True)
    return -np.log10(1.0 - a)


def prob_long_outage(minutes: Any, rate_per_year: float, mu: float, sigma: float,
                     years: float = 1.0) -> np.ndarray:
    r"""Probability of at least one outage longer than ``minutes`` within ``years``.

    Outages arrive as a Poisson process of rate :math:`\lambda` with lognormal durations,
    so those longer than :math:`t` arrive at rate :math:`\lambda S(t)` (thinning):

    .. math:: P = 1 - \exp\big(-\lambda\, T\, S(t)\big),\qquad
              S(t) = 1 - \Phi\big((\ln t - \mu)/\sigma\big)

    Parameters
    ----------
    minutes : float or array_like
        Threshold duration(s) t in minutes (> 0).
    rate_per_year : float
        Outage rate (>= 0).
    mu, sigma : float
        Lognormal parameters of the duration in log-minutes (``sigma`` > 0).
    years : float, optional
        Horizon in years (> 0). Default 1.

    Examples
    --------
    >>> round(float(prob_long_outage(60.0, 1.0, math.log(60.0), 1.0)), 4)
    0.3935
    """
    t = v.array("minutes", minutes, lo=0.0, lo_open=True)
    lam = v.nonnegative("rate_per_year", rate_per_year, hi=1e6)
    m = v.real("mu", mu, lo=-50.0, hi=50.0)
    s = v.positive("sigma", sigma, hi=50.0)
    yrs = v.positive("years", years, hi=1e4)
    surv = _st.norm.sf((np.log(t) - m) / s)
    return -np.expm1(-lam * yrs * surv)


# --------------------------------------------------------------------------------------------
# statistics of a chain (or of the pooled record)
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutageStats:
    """Outage statistics of one chain or of several pooled, every number with an interval.

    Attributes
    ----------
    chain : str
        The chain, or ``"pooled"``.
    n_outages : int
        Outages counted (of the selected kinds), with or without a known duration.
    n_durations : int
        Outages with a documented duration (range).
    years : float
        Observation window in years (summed over chains when pooled).
    rate : Interval
        Outages per year (Garwood).
    mtbf_days : Interval
        Mean time between failures, 365.25 / rate.
    mttr_minutes : Interval
        Mean duration (Cox interval, union over range ends).
    fit : LognormalFit
        Lognormal fit of the durations.
    downtime_hours_per_year : Interval
        Expected downtime per year, rate x MTTR.
    availability : Interval
        :math:`1/(1+\\lambda\\,\\text{MTTR})`.
    nines : Interval
        :math:`-\\log_{10}(1-A)`.
    minutes_low, minutes_high : tuple of float
        The documented duration ranges used.
    component_level : float
        Level of the rate and duration intervals that the derived ones combine
        (Bonferroni: ``1 - (1 - level)/2``).
    """

    chain: str
    n_outages: int
    n_durations: int
    years: float
    rate: Interval
    mtbf_days: Interval
    mttr_minutes: Interval
    fit: LognormalFit
    downtime_hours_per_year: Interval
    availability: Interval
    nines: Interval
    minutes_low: tuple[float, ...] = field(repr=False)
    minutes_high: tuple[float, ...] = field(repr=False)
    component_level: float = field(repr=False, default=0.975)

    def prob_long_outage(self, minutes: Any, years: float = 1.0) -> Interval:
        """P(at least one outage longer than ``minutes`` within ``years``), with interval.

        The interval is the image of the corners of the rate and (mu, sigma) boxes (each at
        ``component_level``), so it covers at least the stats' level.

        Examples
        --------
        >>> s = outage_stats("Base")
        >>> p = s.prob_long_outage(60.0)
        >>> p.low < p.estimate < p.high
        True
        """
        t = v.positive("minutes", minutes, hi=MINUTES_PER_YEAR)
        yrs = v.positive("years", years, hi=1e4)
        f = self.fit
        est = float(prob_long_outage(t, self.rate.estimate, f.mu.estimate,
                                     f.sigma.estimate, yrs))
        surv = [float(_st.norm.sf((math.log(t) - m) / s))
                for m in (f.mu.low, f.mu.high) for s in (f.sigma.low, f.sigma.high)]
        lo = -math.expm1(-self.rate.low * yrs * min(surv))
        hi = -math.expm1(-self.rate.high * yrs * max(surv))
        return Interval(est, min(lo, est), max(hi, est), self.level)

    @property
    def level(self) -> float:
        """Overall confidence level of the derived intervals."""
        return 1.0 - 2.0 * (1.0 - self.component_level)


def _years(start: str, end: str) -> float:
    try:
        d0, d1 = date.fromisoformat(start), date.fromisoformat(end)
    except (TypeError, ValueError):
        raise v.fail("observed_from", "ISO dates (YYYY-MM-DD)", (start, end)) from None
    days = (d1 - d0).days
    if days <= 0:
        raise v.fail("observed_from", f"a date before the window's end {end}", start)
    return days / 365.25


def _stats(chain: str, n: int, years: float, lows: np.ndarray, highs: np.ndarray,
           level: float) -> OutageStats:
    comp = 1.0 - (1.0 - level) / 2
    rate = poisson_rate_interval(n, years, comp)
    fit = lognormal_fit(lows, highs, comp)
    mttr = lognormal_mean_interval(lows, highs, comp)
    down_est = rate.estimate * mttr.estimate / 60
    down = Interval(down_est, rate.low * mttr.low / 60, rate.high * mttr.high / 60, level)

    def avail(lam: float, m: float) -> float:
        return 1.0 / (1.0 + lam * m / MINUTES_PER_YEAR)

    av = Interval(avail(rate.estimate, mttr.estimate), avail(rate.high, mttr.high),
                  avail(rate.low, mttr.low), level)

    def nn(a: float) -> float:
        return -math.log10(1.0 - a) if a < 1.0 else math.inf

    ni = Interval(nn(av.estimate), nn(av.low), nn(av.high), level)
    mtbf = Interval(365.25 / rate.estimate if rate.estimate > 0 else math.inf,
                    365.25 / rate.high,
                    365.25 / rate.low if rate.low > 0 else math.inf, level)
    return OutageStats(chain, n, lows.size, years, rate, mtbf, mttr, fit, down, av, ni,
                       tuple(lows.tolist()), tuple(highs.tolist()), comp)


def outage_stats(chain: str | None = None, *, kinds: Sequence[str] = STOPPING_KINDS,
                 observed_from: str | None = None, end: str = RECORD_END,
                 level: float = 0.95, records: Sequence[Outage] | None = None
                 ) -> OutageStats:
    """Outage statistics of one chain from the documented record, with intervals.

    Parameters
    ----------
    chain : str
        A chain in the record (for several chains pooled, use :func:`outage_table`).
    kinds : tuple of str, optional
        Which kinds of outage count. Default :data:`STOPPING_KINDS` (full halts and
        intermittent incidents; not batch-posting stalls or deliberate pauses).
    observed_from : str, optional
        ISO date the observation window starts. Default: :data:`ASSUMED_START` for the
        chain (an assumption; a chain without one must be given a date).
    end : str, optional
        ISO date the window ends. Default :data:`RECORD_END`.
    level : float, optional
        Confidence level of every interval. Default 0.95.
    records : sequence of Outage, optional
        Outages to use instead of the documented record (for what-if studies).

    Returns
    -------
    OutageStats

    Raises
    ------
    ValueError
        If the chain is not in the record, has fewer than 2 documented durations, or has
        no window start.

    Examples
    --------
    >>> s = outage_stats("Base")
    >>> s.n_outages, round(s.rate.estimate, 2), round(s.mttr_minutes.estimate, 1)
    (4, 1.38, 49.5)
    >>> s.rate.high / s.rate.low > 5    # four outages: a wide interval
    True
    """
    rows = _rows(records)
    chains = sorted({r.chain for r in rows})
    name = v.option("chain", chain, chains)
    ks = _kinds(kinds)
    lv = _level(level, hi=0.999)
    start = observed_from if observed_from is not None else ASSUMED_START.get(name)
    if start is None:
        raise v.fail("observed_from", f"an ISO date (no assumed start for {name!r})", None)
    v.text("observed_from", start)
    v.text("end", end)
    years = _years(start, end)
    sel = [r for r in rows if r.chain == name and r.kind in ks and start <= r.date <= end]
    known = [r for r in sel if r.known]
    if len(known) < 2:
        raise v.fail("chain", "a chain with at least 2 documented outage durations "
                     f"(found {len(known)} for these kinds)", chain)
    lows = np.array([r.minutes_low for r in known])
    highs = np.array([r.minutes_high for r in known])
    return _stats(name, len(sel), years, lows, highs, lv)


def outage_table(windows: dict[str, str] | None = None, *,
                 kinds: Sequence[str] = STOPPING_KINDS, end: str = RECORD_END,
                 level: float = 0.95, records: Sequence[Outage] | None = None
                 ) -> list[OutageStats]:
    """Statistics per chain and pooled over the chains in ``windows``.

    Pooling adds the outage counts and the window lengths (the chains share one rate per
    chain-year) and fits one duration distribution to all durations. A chain with fewer
    than 2 documented durations gets no row of its own but counts in the pooled row.

    Parameters
    ----------
    windows : dict, optional
        ``{chain: observed_from}``. Default :data:`ASSUMED_START`.
    kinds, end, level, records
        As in :func:`outage_stats`.

    Returns
    -------
    list of OutageStats
        One per chain (in the order given), then the pooled row (chain ``"pooled"``).

    Examples
    --------
    >>> rows = outage_table()
    >>> rows[-1].chain, rows[-1].n_outages >= 5
    ('pooled', True)
    """
    if windows is not None and (not isinstance(windows, dict) or not windows):
        raise v.fail("windows", "a non-empty dict {chain: ISO start date}", windows,
                     TypeError)
    win = dict(ASSUMED_START if windows is None else windows)
    rows = _rows(records)
    ks = _kinds(kinds)
    lv = _level(level, hi=0.999)
    v.text("end", end)
    chains = sorted({r.chain for r in rows})
    per, n, years, lows, highs = [], 0, 0.0, [], []
    for c, start in win.items():
        c = v.option("windows", c, chains)
        v.text("observed_from", start)
        sel = [r for r in rows if r.chain == c and r.kind in ks and start <= r.date <= end]
        known = [r for r in sel if r.known]
        n += len(sel)
        years += _years(start, end)
        lows += [r.minutes_low for r in known]
        highs += [r.minutes_high for r in known]
        if len(known) >= 2:
            per.append(outage_stats(c, kinds=ks, observed_from=start, end=end, level=lv,
                                    records=rows))
    return per + [_stats("pooled", n, years, np.array(lows, dtype=float),
                         np.array(highs, dtype=float), lv)]


def _rows(records: Any) -> tuple[Outage, ...]:
    if records is None:
        return outage_records()
    if isinstance(records, (str, bytes)) or not isinstance(records, (list, tuple)):
        raise v.fail("records", "a list of Outage", records, TypeError)
    for r in records:
        v.instance("records", r, Outage)
    return tuple(records)


# --------------------------------------------------------------------------------------------
# sampling outage years (for pricing: the ch8 engine draws from these)
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutageYears:
    """Simulated outages over ``n_paths`` independent horizons.

    Attributes
    ----------
    counts : numpy.ndarray of int
        Outages per path, shape ``(n_paths,)``.
    path : numpy.ndarray of int
        Path index of each outage (sorted), shape ``(counts.sum(),)``.
    minutes : numpy.ndarray of float
        Duration of each outage in minutes, aligned with ``path``.
    downtime_minutes : numpy.ndarray of float
        Total downtime per path, shape ``(n_paths,)``.
    """

    counts: np.ndarray
    path: np.ndarray
    minutes: np.ndarray
    downtime_minutes: np.ndarray


def sample_outage_years(rate_per_year: float, mu: float, sigma: float, *,
                        n_paths: int, years: float = 1.0, seed: int = 0) -> OutageYears:
    r"""Draw outages over ``n_paths`` horizons of ``years``: compound Poisson, lognormal.

    The number of outages per path is Poisson(:math:`\lambda T`); each duration is
    :math:`e^{\mu + \sigma Z}` minutes. Vectorised: one Poisson draw per path, then one
    normal per outage (``numpy.random.default_rng(seed)``, in that order).

    Parameters
    ----------
    rate_per_year : float
        Outage rate (>= 0).
    mu, sigma : float
        Lognormal parameters of the duration (log-minutes), ``sigma`` > 0.
    n_paths : int
        Number of simulated horizons (at most 2,000,000).
    years : float, optional
        Horizon length in years. Default 1.
    seed : int, optional
        Seed of the generator. Default 0.

    Returns
    -------
    OutageYears

    Examples
    --------
    >>> s = sample_outage_years(1.4, 3.6, 0.8, n_paths=100_000, seed=1)
    >>> round(float(s.counts.mean()), 2)
    1.4
    """
    lam = v.nonnegative("rate_per_year", rate_per_year, hi=1e4)
    m = v.real("mu", mu, lo=-20.0, hi=20.0)
    s = v.positive("sigma", sigma, hi=10.0)
    n = v.count("n_paths", n_paths, hi=2_000_000)
    yrs = v.positive("years", years, hi=1e3)
    v.budget("n_paths x expected outages", int(n * (1 + lam * yrs)))
    rng = np.random.default_rng(v.seed("seed", seed))
    counts = rng.poisson(lam * yrs, size=n)
    v.budget("number of simulated outages", int(counts.sum()))
    path = np.repeat(np.arange(n), counts)
    minutes = np.exp(m + s * rng.standard_normal(path.size))
    v.finite_result("outage durations", minutes)
    down = np.bincount(path, weights=minutes, minlength=n)
    return OutageYears(counts, path, minutes, down)


# --------------------------------------------------------------------------------------------
# uptime oracles and grace periods: Chainlink's feed and Aave's sentinel
# --------------------------------------------------------------------------------------------
#: Aave versions the sentinel functions accept. 3.0 is aave/aave-v3-core; 3.1 to 3.7 are
#: the tags of aave-dao/aave-v3-origin. The sentinel exists up to 3.6 and is gone in 3.7.
AAVE_VERSIONS: tuple[str, ...] = ("3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7")
_HF_LIQ = 1.0  # HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 1e18 in ValidationLogic
_SENTINEL_GRACE = float(params.value("chainlink.grace_period"))
_SENTINEL_HF = float(params.value("aave.liquidation_hf_during_grace"))


def _aave_args(sequencer_up: Any, seconds_since_change: Any, grace_period: Any,
               version: Any) -> tuple[bool, int, int, str]:
    up = v.boolean("sequencer_up", sequencer_up)
    t = v.integer("seconds_since_change", seconds_since_change, lo=0, hi=2**64 - 1)
    g = v.integer("grace_period", grace_period, lo=0, hi=2**64 - 1)
    ver = v.option("version", version, AAVE_VERSIONS)
    return up, t, g, ver


def _sentinel_up_and_grace_passed(up: bool, t: int, grace: int) -> bool:
    # PriceOracleSentinel._isUpAndGracePeriodPassed: answer == 0 &&
    # block.timestamp - startedAt > _gracePeriod (strict)
    return up and t > grace


def aave_borrow_allowed(*, sequencer_up: bool, seconds_since_change: int,
                        grace_period: int = 3600, version: str = "3.6") -> bool:
    """Whether Aave v3's sequencer check lets a borrow through.

    Up to v3.6, ``ValidationLogic.validateBorrow`` asks the ``PriceOracleSentinel``
    (``isBorrowAllowed``), which is true only when the uptime feed answers 0 (up) **and**
    ``block.timestamp - startedAt > gracePeriod`` (strictly). v3.7 removed the sentinel:
    borrows are no longer gated by the sequencer's status. Only the sentinel's gate is
    modelled (not collateral, caps or pauses).

    Parameters
    ----------
    sequencer_up : bool
        The feed's ``answer == 0``.
    seconds_since_change : int
        ``block.timestamp - startedAt`` in seconds (>= 0).
    grace_period : int, optional
        The sentinel's grace period in seconds. Default 3600.
    version : str, optional
        One of :data:`AAVE_VERSIONS`. Default ``"3.6"``.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        For an unknown version or a negative time.

    Examples
    --------
    >>> aave_borrow_allowed(sequencer_up=True, seconds_since_change=3600)
    False
    >>> aave_borrow_allowed(sequencer_up=True, seconds_since_change=3601)
    True
    >>> aave_borrow_allowed(sequencer_up=False, seconds_since_change=0, version="3.7")
    True
    """
    up, t, g, ver = _aave_args(sequencer_up, seconds_since_change, grace_period, version)
    if ver == "3.7":
        return True
    return _sentinel_up_and_grace_passed(up, t, g)


def aave_liquidation_allowed(health_factor: float, *, sequencer_up: bool,
                             seconds_since_change: int, grace_period: int = 3600,
                             version: str = "3.6") -> bool:
    """Whether Aave v3 lets a position with ``health_factor`` be liquidated.

    ``ValidationLogic.validateLiquidationCall`` (v3.0 to v3.6) requires

    * ``sentinel == 0 || HF < MINIMUM_HEALTH_FACTOR_LIQUIDATION_THRESHOLD (0.95) ||
      sentinel.isLiquidationAllowed()`` -- below 0.95 the sentinel is bypassed, from 0.95
      up it must allow (up and strictly more than ``grace_period`` since ``startedAt``);
    * ``HF < HEALTH_FACTOR_LIQUIDATION_THRESHOLD (1.0)``.

    In v3.7 the sentinel and the 0.95 carve-out are gone: liquidation iff HF < 1. Only the
    sequencer and health-factor gates are modelled (not reserve pauses or per-reserve
    liquidation grace periods).

    Parameters
    ----------
    health_factor : float
        The position's health factor (> 0).
    sequencer_up, seconds_since_change, grace_period, version
        As in :func:`aave_borrow_allowed`.

    Returns
    -------
    bool

    Examples
    --------
    >>> aave_liquidation_allowed(0.94, sequencer_up=False, seconds_since_change=0)
    True
    >>> aave_liquidation_allowed(0.95, sequencer_up=True, seconds_since_change=60)
    False
    >>> aave_liquidation_allowed(1.0, sequencer_up=True, seconds_since_change=10**6)
    False
    """
    hf = v.positive("health_factor", health_factor, hi=1e30)
    up, t, g, ver = _aave_args(sequencer_up, seconds_since_change, grace_period, version)
    if not hf < _HF_LIQ:
        return False
    if ver == "3.7":
        return True
    return hf < params.value("aave.liquidation_hf_during_grace") or \
        _sentinel_up_and_grace_passed(up, t, g)


def sentinel_allows_liquidation(health_factor: Any, seconds_since_restart: Any, *,
                                sequencer_up: Any = True,
                                grace_period: float = _SENTINEL_GRACE,
                                hf_threshold: float = _SENTINEL_HF) -> np.ndarray:
    r"""Whether Aave v3 (up to v3.6) lets positions be liquidated: the vectorised rule.

    This is the design of Aave v3 up to v3.6 (:func:`aave_liquidation_allowed` is the scalar
    form, for every version). Aave v3.7.0 (June 2026) removed the price-oracle sentinel and
    the 0.95 carve-out: liquidations and borrows are no longer gated by sequencer status,
    because false positives of uptime signals blocked liquidations while unhealthy positions
    deteriorated further (aave-dao/aave-v3-origin ``docs/3.7/sentinel-removal.md``).

    Up to v3.6, Aave v3 on a rollup asked a price-oracle sentinel, fed by Chainlink's L2
    sequencer uptime feed. A position can be liquidated only if its health factor is below
    1 and either the health factor is below ``hf_threshold`` (0.95) or the sentinel allows
    liquidations, which it does when the sequencer is up and more than ``grace_period``
    seconds (3,600 in Chainlink's sample consumer) have passed since it came back:

    .. math:: \text{HF} < 1 \ \wedge\ \big(\text{HF} < 0.95\ \vee\ (\text{up}
              \wedge t_{\text{since restart}} > \text{grace})\big)

    Parameters
    ----------
    health_factor : float or array_like
        Health factors of the positions (>= 0).
    seconds_since_restart : float or array_like
        Seconds since the sequencer came back up (since the feed's ``startedAt``), >= 0.
    sequencer_up : bool or array_like of bool, optional
        Whether the feed reports the sequencer as up. Default ``True``.
    grace_period : float, optional
        Grace period in s (>= 0). Default from ``params`` (``chainlink.grace_period``).
    hf_threshold : float, optional
        Health factor below which liquidation is allowed during the grace period. Default
        from ``params`` (``aave.liquidation_hf_during_grace``).

    Returns
    -------
    numpy.ndarray of bool
        Broadcast over the inputs.

    Raises
    ------
    ValueError
        If a health factor or time is negative or not finite, or a parameter is out of range.

    Examples
    --------
    >>> sentinel_allows_liquidation([0.90, 0.97, 1.10], 600.0).tolist()
    [True, False, False]
    >>> sentinel_allows_liquidation(0.97, 3601.0).tolist()
    True
    """
    hf = v.array("health_factor", health_factor, lo=0.0, allow_empty=True)
    t = v.array("seconds_since_restart", seconds_since_restart, lo=0.0, allow_empty=True)
    up = np.asarray(sequencer_up)
    if up.dtype != np.bool_:
        raise v.fail("sequencer_up", "True/False or an array of them", sequencer_up,
                     TypeError)
    try:
        np.broadcast_shapes(hf.shape, t.shape, up.shape)
    except ValueError:
        raise v.fail("health_factor, seconds_since_restart and sequencer_up",
                     "arrays of compatible shapes",
                     (hf.shape, t.shape, up.shape)) from None
    grace = v.nonnegative("grace_period", grace_period)
    thr = v.probability("hf_threshold", hf_threshold)
    return (hf < 1.0) & ((hf < thr) | (up & (t > grace)))


@dataclass(frozen=True)
class FeedTimeline:
    """What an L2 sequencer uptime feed reports over a simulated timeline.

    Attributes
    ----------
    t : numpy.ndarray
        Sample times in seconds.
    sequencer_up : numpy.ndarray of bool
        Whether the sequencer really is up.
    answer : numpy.ndarray of int
        The feed's ``answer`` on L2 (0 up, 1 down).
    started_at : numpy.ndarray
        The feed's ``startedAt``: when the status last changed.
    updated_at : numpy.ndarray
        The feed's ``updatedAt``: the last round, refreshed every ``heartbeat`` s even when
        the status does not change.
    """

    t: np.ndarray
    sequencer_up: np.ndarray
    answer: np.ndarray
    started_at: np.ndarray
    updated_at: np.ndarray


def feed_timeline(outages: Any, *, horizon: float, step: float = 60.0,
                  heartbeat: float = 86_400.0, report_delay: float = 0.0,
                  up_since: float = -MINUTES_PER_YEAR * 60) -> FeedTimeline:
    """Simulate Chainlink's L2 sequencer uptime feed as read by an L2 contract.

    Model: the sequencer is down on each ``[start, end)`` of ``outages``. The "down"
    report is queued on L1 at once and is the first thing the restarted sequencer
    executes, so on L2 the feed reads ``answer = 1`` from the outage start until the "up"
    report lands ``report_delay`` seconds after the restart; that landing time becomes
    ``startedAt``. ``updatedAt`` also moves at every heartbeat round. Nothing executes on
    L2 while the sequencer is down; the arrays still report what the feed holds.

    Parameters
    ----------
    outages : array_like, shape (k, 2)
        Outage start and end times in s (sorted, non-overlapping), may be empty.
    horizon : float
        Length of the timeline in s (> 0).
    step : float, optional
        Sampling step in s, at least ``horizon / 100000``. Default 60.
    heartbeat : float, optional
        Seconds between rounds that refresh ``updatedAt``. Default 86,400 (one day).
    report_delay : float, optional
        Seconds from restart until the "up" report executes on L2. Default 0.
    up_since : float, optional
        ``startedAt`` before the first outage (<= 0): the sequencer has been up since
        then. Default: one year before the timeline starts.

    Returns
    -------
    FeedTimeline

    Examples
    --------
    >>> tl = feed_timeline([[3600, 7200]], horizon=4 * 3600, step=600)
    >>> tl.answer.tolist()
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    hz = v.positive("horizon", horizon, hi=1e9)
    st = v.real("step", step, lo=hz / 100_000, hi=hz)
    hb = v.positive("heartbeat", heartbeat, hi=1e9)
    delay = v.nonnegative("report_delay", report_delay, hi=1e7)
    n = int(hz // st) + 1
    o = v.array("outages", outages, lo=0.0, hi=hz, allow_empty=True)
    if o.size % 2:
        raise v.fail("outages", "an array of [start, end) pairs", outages)
    o = o.reshape(-1, 2) if o.size else np.zeros((0, 2))
    if np.any(o[:, 1] <= o[:, 0]) or np.any(o[1:, 0] < o[:-1, 1] + delay):
        raise v.fail("outages", "sorted, non-overlapping [start, end) pairs", outages)
    t = np.arange(n) * st
    since = v.real("up_since", up_since, lo=-1e10, hi=0.0)
    changes = np.concatenate([[since], np.column_stack([o[:, 0], o[:, 1] + delay]).ravel()])
    idx = np.searchsorted(changes, t, side="right") - 1
    answer = (idx % 2 == 1).astype(np.int64)
    started = changes[idx]
    beat = np.floor(t / hb) * hb
    updated = np.maximum(started, beat)
    up = np.ones(n, dtype=bool)
    for s, e in o:  # k outages, not paths: a handful of intervals
        up &= ~((t >= s) & (t < e))
    return FeedTimeline(t, up, answer, started, updated)


def sentinel_timeline(timeline: FeedTimeline, *, grace_period: float = 3600.0,
                      reads: str = "startedAt") -> np.ndarray:
    """Whether the sentinel (v3.0-v3.6) allows borrows at each time of ``timeline``.

    ``reads="startedAt"`` is the correct check. ``reads="updatedAt"`` reproduces the bug
    fixed in Nov 2023: the sentinel read the round's update time, which moves at every
    daily heartbeat, so it paused borrowing and liquidations for ``grace_period`` after
    each heartbeat -- an hour every day.

    Parameters
    ----------
    timeline : FeedTimeline
        From :func:`feed_timeline`.
    grace_period : float, optional
        Seconds. Default 3600.
    reads : {"startedAt", "updatedAt"}, optional
        Which timestamp the sentinel compares.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> tl = feed_timeline([], horizon=2 * 86400, step=1800)
    >>> ok = sentinel_timeline(tl, reads="updatedAt")
    >>> ok[[1, 3, 49, 51]].tolist()   # 00:30 and 01:30 on two days
    [False, True, False, True]
    >>> bool(sentinel_timeline(tl, reads="startedAt")[49])
    True
    """
    tl = v.instance("timeline", timeline, FeedTimeline)
    g = v.nonnegative("grace_period", grace_period, hi=1e9)
    which = v.option("reads", reads, ("startedAt", "updatedAt"))
    ref = tl.started_at if which == "startedAt" else tl.updated_at
    return (tl.answer == 0) & (tl.t - ref > g)


# --------------------------------------------------------------------------------------------
# failover: an OP-Conductor-style cluster with independent and common-mode failures
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cluster:
    r"""A sequencer cluster in the style of OP Conductor: a Raft leader among ``n`` replicas.

    Failure model (all rates per year, times as noted):

    * each replica fails independently at ``failure_rate`` and is repaired in a mean
      ``repair_minutes`` (exponential up and down times);
    * Raft needs a majority: with :math:`f = \lfloor (n-1)/2 \rfloor` the cluster survives
      up to :math:`f` replicas down and halts while more are down (*quorum loss*);
    * when the leader fails and a quorum remains (:math:`f \ge 1`), block production stops
      for ``detection_seconds + election_seconds``; with probability
      ``p_standby_not_ready`` the new leader is not ready and a manual recovery of mean
      ``manual_minutes`` follows (Base, 5 Aug 2025);
    * *common-mode* events (a shared L1 RPC provider, a bad release, a shared dependency)
      arrive at ``common_rate`` and stop every replica at once for a mean
      ``common_minutes``: replicas do not help.

    Attributes are validated on construction (``ValueError``/``TypeError`` naming the
    attribute).

    Examples
    --------
    >>> c = Cluster(n_replicas=3)
    >>> c.tolerated
    1
    """

    n_replicas: int = 3
    failure_rate: float = 2.0
    repair_minutes: float = 60.0
    detection_seconds: float = 5.0
    election_seconds: float = 5.0
    p_standby_not_ready: float = 0.05
    manual_minutes: float = 30.0
    common_rate: float = 0.5
    common_minutes: float = 30.0

    def __post_init__(self) -> None:
        v.count("n_replicas", self.n_replicas, hi=99)
        v.nonnegative("failure_rate", self.failure_rate, hi=1000.0)
        v.positive("repair_minutes", self.repair_minutes, hi=MINUTES_PER_YEAR / 10)
        v.nonnegative("detection_seconds", self.detection_seconds, hi=86_400.0)
        v.nonnegative("election_seconds", self.election_seconds, hi=86_400.0)
        v.probability("p_standby_not_ready", self.p_standby_not_ready)
        v.nonnegative("manual_minutes", self.manual_minutes, hi=MINUTES_PER_YEAR / 10)
        v.nonnegative("common_rate", self.common_rate, hi=1000.0)
        v.nonnegative("common_minutes", self.common_minutes, hi=MINUTES_PER_YEAR / 10)

    @property
    def tolerated(self) -> int:
        """Replicas that may be down at once without losing the Raft majority."""
        return (self.n_replicas - 1) // 2


@dataclass(frozen=True)
class Downtime:
    """Expected downtime in minutes per year, by cause (overlaps neglected: rare events).

    Attributes
    ----------
    failover : float
        Leader failures: detection, election, and manual recovery of a standby not ready.
    quorum : float
        Time with more replicas down than Raft tolerates (for one replica: its repairs).
    common : float
        Common-mode events.
    """

    failover: float
    quorum: float
    common: float

    @property
    def total(self) -> float:
        """Sum of the three causes (minutes per year)."""
        return self.failover + self.quorum + self.common

    @property
    def availability(self) -> float:
        """``1 - total / MINUTES_PER_YEAR``."""
        return 1.0 - self.total / MINUTES_PER_YEAR


def expected_downtime(cluster: Cluster) -> Downtime:
    r"""Closed-form expected downtime of a :class:`Cluster`, minutes per year.

    With :math:`u = \lambda r / (1 + \lambda r)` the fraction of time one replica is down
    (:math:`\lambda r` in consistent units),

    .. math:: \text{quorum} = Y\,P\big(\text{Bin}(n, u) \ge f + 1\big),\quad
              \text{failover} = \lambda\big(t_d + t_e + q\,M\big)\ (f \ge 1),\quad
              \text{common} = \lambda_c\, m_c

    where :math:`Y` is a year in minutes. With :math:`f = 0` (one or two replicas) every
    failure stops the chain until repaired, which the quorum term counts.

    Parameters
    ----------
    cluster : Cluster
        The cluster and its failure model.

    Returns
    -------
    Downtime
        Expected minutes of downtime per year, by cause.

    Examples
    --------
    >>> d = expected_downtime(Cluster(n_replicas=1, common_rate=0.0))
    >>> round(d.quorum, 1)     # two one-hour repairs a year
    120.0
    >>> d3 = expected_downtime(Cluster(n_replicas=3, common_rate=0.0))
    >>> round(d3.total, 2)
    3.42
    """
    c = v.instance("cluster", cluster, Cluster)
    lam_r = c.failure_rate * c.repair_minutes / MINUTES_PER_YEAR
    u = lam_r / (1.0 + lam_r)
    quorum = MINUTES_PER_YEAR * float(_st.binom.sf(c.tolerated, c.n_replicas, u))
    fo = 0.0
    if c.tolerated >= 1:
        fo = c.failure_rate * ((c.detection_seconds + c.election_seconds) / 60.0
                               + c.p_standby_not_ready * c.manual_minutes)
    return Downtime(fo, quorum, c.common_rate * c.common_minutes)


@dataclass(frozen=True)
class ClusterSimulation:
    """Monte Carlo downtime of a cluster, minutes per year per path (by cause)."""

    failover: np.ndarray
    quorum: np.ndarray
    common: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """Total downtime per path (minutes per year)."""
        return self.failover + self.quorum + self.common


def simulate_cluster(cluster: Cluster, *, years: float = 1.0, n_paths: int = 10_000,
                     seed: int = 0) -> ClusterSimulation:
    """Simulate a :class:`Cluster` over ``n_paths`` horizons of ``years``, vectorised.

    Each replica alternates exponential up and down times, starting up (``K`` cycles are
    drawn at once; if any replica's ``K`` cycles end before the horizon, ``K`` is doubled
    and all cycles are drawn again). The number of
    replicas down is swept over the sorted up/down events of every path at once; the
    time with more than ``tolerated`` down is quorum loss. Each failure hits the current
    leader with probability ``1/n`` (symmetry), costing detection + election and, with
    probability ``p_standby_not_ready``, an exponential manual recovery. Common-mode
    events are Poisson with exponential durations. Downtimes of the causes add (overlaps
    are rare and neglected, as in :func:`expected_downtime`).

    Parameters
    ----------
    cluster : Cluster
    years : float, optional
        Horizon per path. Default 1.
    n_paths : int, optional
        Paths. Default 10,000.
    seed : int, optional
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    ClusterSimulation
        Per-path downtimes divided by ``years`` (minutes per year).

    Examples
    --------
    >>> c = Cluster(n_replicas=3, failure_rate=4.0, common_rate=1.0)
    >>> sim = simulate_cluster(c, n_paths=20_000, seed=1)
    >>> bool(abs(sim.total.mean() / expected_downtime(c).total - 1) < 0.1)
    True
    """
    c = v.instance("cluster", cluster, Cluster)
    yrs = v.positive("years", years, hi=100.0)
    n = v.count("n_paths", n_paths)
    rng = np.random.default_rng(v.seed("seed", seed))
    horizon = yrs * MINUTES_PER_YEAR
    lam = c.failure_rate / MINUTES_PER_YEAR  # per minute
    n_rep = c.n_replicas
    mean_cycles = c.failure_rate * yrs
    k = int(mean_cycles + 5 * math.sqrt(mean_cycles) + 5)
    if lam > 0:
        while True:  # K cycles per replica; doubled (and redrawn) until the horizon is covered
            v.budget("n_paths x n_replicas x cycles", n * n_rep * k * 4)
            up = rng.exponential(1.0 / lam, size=(n, n_rep, k))
            down = rng.exponential(c.repair_minutes, size=(n, n_rep, k))
            starts = np.cumsum(up, axis=2)
            starts[:, :, 1:] += np.cumsum(down, axis=2)[:, :, :-1]
            if np.all(starts[:, :, -1] >= horizon):
                break
            k *= 2
        ends = starts + down
        failed = starts < horizon
        # keep only the down intervals that start within the horizon, flattened, and sort
        # their start/end events by (path, time): each path's +1/-1 sum to zero, so one
        # global running sum counts the replicas down within each path
        pid = np.broadcast_to(np.arange(n)[:, None, None], failed.shape)[failed]
        s0 = starts[failed]
        e0 = np.minimum(ends[failed], horizon)
        times = np.concatenate([s0, e0])
        paths = np.concatenate([pid, pid])
        delta = np.concatenate([np.ones(s0.size), -np.ones(e0.size)])
        order = np.argsort(paths * (2.0 * horizon) + times)  # by path, then time
        times, paths, delta = times[order], paths[order], delta[order]
        down_now = np.cumsum(delta)
        same = np.append(paths[1:] == paths[:-1], False)
        span = np.where(same, np.diff(times, append=horizon), 0.0)
        quorum = np.bincount(paths, weights=np.where(down_now > c.tolerated, span, 0.0),
                             minlength=n)
        n_fail = failed.sum(axis=(1, 2))
    else:
        quorum = np.zeros(n)
        n_fail = np.zeros(n, dtype=np.int64)
    failover = np.zeros(n)
    if c.tolerated >= 1 and n_fail.sum() > 0:
        hits = rng.binomial(n_fail, 1.0 / n_rep)
        stuck = rng.binomial(hits, c.p_standby_not_ready)
        manual = rng.gamma(np.maximum(stuck, 1), c.manual_minutes) * (stuck > 0) \
            if c.manual_minutes > 0 else np.zeros(n)
        failover = hits * (c.detection_seconds + c.election_seconds) / 60.0 + manual
    n_common = rng.poisson(c.common_rate * yrs, size=n)
    common = np.where(n_common > 0, rng.gamma(np.maximum(n_common, 1), c.common_minutes),
                      0.0) if c.common_minutes > 0 else np.zeros(n)
    return ClusterSimulation(failover / yrs, quorum / yrs, common / yrs)


#: Real incidents where a shared cause defeated redundancy (keys into the record).
COMMON_MODE_CASES: tuple[tuple[str, str, str], ...] = (
    ("Blast", "2024-03-22", "shared dependency: two L1 RPC providers failed together"),
    ("Base", "2025-08-05", "failover itself: leadership went to a standby not yet ready"),
    ("Starknet", "2025-09-02", "shared L1 RPC failures and a new release (1 to 3 "
     "sequencers): the replicas disagreed about L1"),
)


def common_mode_cases() -> list[Outage]:
    """The record's rows for :data:`COMMON_MODE_CASES` (with their documented durations).

    Returns
    -------
    list of Outage
        In the order of :data:`COMMON_MODE_CASES` (cases missing from the record are
        skipped).

    Examples
    --------
    >>> [o.chain for o in common_mode_cases()]
    ['Blast', 'Base', 'Starknet']
    """
    rows = outage_records()
    out = []
    for chain, day, _ in COMMON_MODE_CASES:
        match = [r for r in rows if r.chain == chain and r.date == day]
        if match:
            out.append(match[0])
    return out


# --------------------------------------------------------------------------------------------
# soft confirmations, unsafe/safe/finalized heads and reorgs
# --------------------------------------------------------------------------------------------
def _slot_finality() -> float:
    # L1 finality: two epochs of 32 slots of 12 s (FACTS 1.1; params ethereum.*)
    return 2.0 * params.value("ethereum.slots_per_epoch") * params.value(
        "ethereum.slot_seconds")


@dataclass(frozen=True)
class Heads:
    """Unsafe, safe and finalized L2 head block numbers at the sample times."""

    t: np.ndarray
    unsafe: np.ndarray
    safe: np.ndarray
    finalized: np.ndarray


def heads(t: Any, *, block_time: float = 2.0, batch_interval: float = 600.0,
          l1_delay: float = 60.0, finality_delay: float | None = None) -> Heads:
    r"""The three heads of an OP-Stack-style rollup at times ``t`` (seconds).

    The sequencer builds a block every ``block_time`` s (the **unsafe** head). Every
    ``batch_interval`` s it posts the blocks so far; the batch lands on L1 ``l1_delay`` s
    later and those blocks become **safe**; they are **finalized** once that L1 block is
    final, ``finality_delay`` s later (default: two epochs, 64 x 12 s).

    Parameters
    ----------
    t : float or array_like
        Times in seconds since block 0 (>= 0).
    block_time : float, optional
        L2 block time in s. Default 2.
    batch_interval : float, optional
        Seconds between batches. Default 600.
    l1_delay : float, optional
        Seconds from posting a batch to its inclusion on the L1. Default 60.
    finality_delay : float, optional
        Seconds from L1 inclusion to L1 finality. Default two epochs from ``params``.

    Returns
    -------
    Heads
        Block numbers of the three heads at each time.

    Examples
    --------
    >>> h = heads([0.0, 700.0, 1500.0])
    >>> h.unsafe.tolist(), h.safe.tolist(), h.finalized.tolist()
    ([0, 350, 750], [0, 300, 600], [0, 0, 300])
    """
    tt = v.array("t", t, lo=0.0, hi=1e10)
    bt = v.real("block_time", block_time, lo=0.01, hi=3600.0)
    b = v.real("batch_interval", batch_interval, lo=0.01, hi=1e6)
    d = v.nonnegative("l1_delay", l1_delay, hi=1e6)
    f = v.nonnegative("finality_delay", _slot_finality() if finality_delay is None
                      else finality_delay, hi=1e6)
    unsafe = np.floor(tt / bt).astype(np.int64)

    def posted(lag: float) -> np.ndarray:
        k = np.floor(np.maximum(tt - lag, 0.0) / b)
        return np.floor(k * b / bt).astype(np.int64)

    return Heads(tt, unsafe, posted(d), posted(d + f))


def expected_exposure(wait_seconds: Any, *, batch_interval: float = 600.0,
                      l1_delay: float = 60.0) -> np.ndarray:
    r"""Mean seconds a soft-confirmed transaction stays unsafe after the user acts.

    A transaction soft-confirmed at a uniform phase of the batch cycle becomes safe after
    :math:`W \sim U[L, L + B]` seconds. A user who acts ``wait`` seconds after the soft
    confirmation is exposed for :math:`(W - w)^+`:

    .. math:: E[(W-w)^+] = \begin{cases} L + B/2 - w & w \le L\\
              (L + B - w)^2 / (2B) & L < w < L + B\\ 0 & w \ge L + B \end{cases}

    Parameters
    ----------
    wait_seconds : float or array_like
        Seconds the user waits after the soft confirmation before acting (>= 0).
    batch_interval : float, optional
        Seconds between batches :math:`B`. Default 600.
    l1_delay : float, optional
        Seconds from posting to L1 inclusion :math:`L`. Default 60.

    Returns
    -------
    numpy.ndarray
        Mean exposure in seconds, one per wait.

    Examples
    --------
    >>> expected_exposure([0.0, 60.0, 360.0, 700.0]).tolist()
    [360.0, 300.0, 75.0, 0.0]
    """
    w = v.array("wait_seconds", wait_seconds, lo=0.0, hi=1e9)
    b = v.positive("batch_interval", batch_interval, hi=1e6)
    d = v.nonnegative("l1_delay", l1_delay, hi=1e6)
    mid = (d + b - w) ** 2 / (2 * b)
    return np.where(w <= d, d + b / 2 - w, np.where(w < d + b, mid, 0.0))


def soft_confirmation_risk(value: Any, *, reorg_rate_per_year: float,
                           wait_seconds: Any = 0.0, batch_interval: float = 600.0,
                           l1_delay: float = 60.0) -> np.ndarray:
    r"""Expected loss of acting on a soft confirmation, if a reorg of unsafe blocks
    reverts the transaction.

    Faults that drop the unsafe chain arrive at ``reorg_rate_per_year`` (Poisson); the
    probability that one strikes while the transaction is still unsafe is
    :math:`1 - e^{-\lambda E}` with :math:`E` from :func:`expected_exposure`
    (:math:`\approx \lambda E` for rare faults, which is what is used here, per year of
    seconds). The expected loss is ``value`` times that probability.

    Parameters
    ----------
    value : float or array_like
        Value that the user gives away on the strength of the soft confirmation (>= 0).
    reorg_rate_per_year : float
        Rate of faults that drop the unsafe chain, per year (>= 0).
    wait_seconds, batch_interval, l1_delay
        As in :func:`expected_exposure`.

    Returns
    -------
    numpy.ndarray
        Expected loss, in the unit of ``value``.

    Examples
    --------
    >>> r = soft_confirmation_risk(1e6, reorg_rate_per_year=1.0)
    >>> round(float(r), 2)         # 1 M USD credited at once, one reorg a year
    11.41
    """
    val = v.array("value", value, lo=0.0, hi=1e15)
    lam = v.nonnegative("reorg_rate_per_year", reorg_rate_per_year, hi=1e4)
    e = expected_exposure(wait_seconds, batch_interval=batch_interval, l1_delay=l1_delay)
    return val * lam * e / (MINUTES_PER_YEAR * 60.0)


def reorg_depth(n_faults: int, *, batch_interval: float = 600.0, l1_delay: float = 60.0,
                seed: int = 0) -> np.ndarray:
    r"""Seconds of soft-confirmed blocks reverted by faults that drop the unsafe chain.

    A fault at a uniform time in the batch cycle reverts everything not yet safe:
    :math:`U[L, L + B]` seconds of blocks (mean :math:`L + B/2`). Vectorised draw with
    ``numpy.random.default_rng(seed)``.

    Parameters
    ----------
    n_faults : int
        Number of faults to draw.
    batch_interval, l1_delay : float, optional
        As in :func:`expected_exposure`.
    seed : int, optional
        Seed of the generator. Default 0.

    Returns
    -------
    numpy.ndarray
        Seconds of blocks reverted by each fault.

    Examples
    --------
    >>> d = reorg_depth(100_000, seed=2)
    >>> round(float(d.mean()) / 60, 1)
    6.0
    """
    n = v.count("n_faults", n_faults)
    b = v.positive("batch_interval", batch_interval, hi=1e6)
    d = v.nonnegative("l1_delay", l1_delay, hi=1e6)
    rng = np.random.default_rng(v.seed("seed", seed))
    return d + b * rng.random(n)
