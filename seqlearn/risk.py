r"""Monte Carlo risk engine for sequencer collateral: slashing, rewards and a falling token.

A sequencer network locks up collateral in its own token. Two things can destroy its dollar
value at once: sequencers fault and are slashed, and the token price falls, often *because*
sequencers fault (wrong-way risk). This module simulates many paths of that system, epoch by
epoch, vectorised over paths with numpy, and measures the tails.

The base model
--------------
Its rules are fixed here exactly, so that anyone can reproduce the numbers.

* ``K`` sequencers start with stake ``stake`` tokens each (a scalar, or one value per
  sequencer); the token price starts at ``price`` USD.
* Each epoch, in this order:

  1. each sequencer independently faults with probability ``p_fault``;
  2. a faulted sequencer's stake is multiplied by ``1 - slash_fraction`` (the tokens taken
     are counted as slashed);
  3. every sequencer that did not fault this epoch receives ``reward`` tokens;
  4. the price takes a geometric-Brownian-motion step
     :math:`P \leftarrow P\,e^{\mu - \sigma^2/2 + \sigma Z}` with :math:`Z \sim N(0, 1)`, and is
     then multiplied by ``1 - jump`` once for each fault of this epoch.

* The collateral value of a path at epoch ``t`` is :math:`V_t = P_t \sum_i S_{i,t}` (USD).
  ``min_total_value`` is :math:`\min_{0 \le t \le T} V_t`: **the initial value** :math:`V_0`
  **is included**, so the minimum never exceeds the starting value and a path that only
  gains has minimum :math:`V_0`.

``mu`` and ``sigma`` are per epoch (for daily epochs and an annual volatility
:math:`\sigma_a`, use :math:`\sigma = \sigma_a/\sqrt{365}`); :math:`e^{\mu}` is the expected
price growth factor per epoch before faults.

Random numbers and reproducibility
----------------------------------
Paths are simulated in chunks of ``chunk_size`` paths (default :data:`DEFAULT_CHUNK_SIZE`).
Chunk ``c`` gets its own generator, ``numpy.random.Generator(SFC64(s))`` where ``s`` is the
``c``-th child of ``numpy.random.SeedSequence(seed).spawn(n_chunks)`` (SFC64 is numpy's
fastest bit generator and passes the standard statistical test batteries). Results therefore
depend only on ``seed`` and ``chunk_size``: the same pair gives bit-for-bit the same arrays
with the same numpy. Another ``chunk_size`` gives other paths from the same distribution.

Faults are drawn per path and epoch rather than per sequencer: when faults are rare this
needs one uniform per path and epoch instead of ``K``, and it gives exactly the same joint
distribution (independent failures, each with probability :math:`p`). With
:math:`p` the probability that a given sequencer fails in the epoch and
:math:`c_i = 1 - (1-p)^i`, one uniform :math:`U` per path decides: no sequencer fails if
:math:`U \ge c_K`; otherwise the first failing sequencer is the smallest :math:`i` with
:math:`U < c_i` (this has the right law, :math:`P(\text{first} = i) = (1-p)^{i-1}p`), and
each later sequencer fails independently with probability :math:`p`, decided by a fresh
uniform. Within a chunk of ``n`` paths, each epoch draws in this order: ``n`` uniforms
:math:`U` (``Generator.random``), ``n`` standard normals (``Generator.standard_normal``,
float64), ``n`` uniforms for the common shock if there is one, then a ``(m, K)`` array of
uniforms for the ``m`` paths with :math:`U < c_K` (path order; entry ``[., i]`` decides a
later sequencer ``i``; for scenarios it also picks the failure's kind, see
:func:`simulate_scenarios`), then a ``(m', K)`` array for who a common shock hits in the
``m'`` paths where it occurs (when ``hit_probability < 1``).

Memory is bounded: only per-path arrays (a few floats per path and sequencer) are kept for
all paths; nothing of size paths x epochs is ever formed. A chunk's working buffers take
about ``(2 K + 11) * chunk_size * 8`` bytes (about 11 MB for 5 sequencers and the default
chunk); the results take about ``(K + 5) * 8`` bytes per path (80 MB for a million paths
of 5 sequencers).

Examples
--------
>>> from seqlearn.risk import simulate_collateral
>>> res = simulate_collateral(n_paths=2_000, n_epochs=30, n_sequencers=5, stake=1_000.0,
...                           price=2.0, mu=0.0, sigma=0.03, p_fault=0.01,
...                           slash_fraction=0.1, jump=0.02, reward=1.0, seed=7)
>>> res.final_stakes.shape, res.final_price.shape
((2000, 5), (2000,))
>>> res.initial_value
10000.0
>>> bool(res.min_total_value.max() <= res.initial_value)
True
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import numpy as np

from seqlearn import validation as v

__all__ = [
    "BIT_GENERATOR",
    "DEFAULT_CHUNK_SIZE",
    "MAX_EPOCHS",
    "MAX_SEQUENCERS",
    "MAX_PATHS",
    "MAX_WORK",
    "MAX_RATE",
    "Scenario",
    "CommonShock",
    "SCENARIOS",
    "COMMON_SHOCKS",
    "CollateralSimulation",
    "ExpectedCollateral",
    "RiskMeasures",
    "simulate_collateral",
    "simulate_scenarios",
    "expected_collateral",
    "expected_scenarios",
    "value_at_risk",
    "expected_shortfall",
    "risk_measures",
]

BIT_GENERATOR = np.random.SFC64
"""The bit generator behind every chunk's ``numpy.random.Generator``."""

DEFAULT_CHUNK_SIZE: int = 65_536
"""Paths per chunk unless told otherwise (about 11 MB of working buffers for 5 sequencers)."""

MAX_EPOCHS: int = 100 * 365
"""Most epochs of one run (a century of daily epochs): the epoch loop stays bounded."""

MAX_SEQUENCERS: int = 10_000
"""Most sequencers of one run."""

MAX_PATHS: int = 2_000_000
"""Most Monte Carlo paths of one run (the benchmark runs a million)."""

MAX_WORK: int = 4_000_000_000
"""Most path x epoch x sequencer steps of one Monte Carlo run (the million-path benchmark
takes about half of it)."""

MAX_RATE: float = 10.0
"""Largest per-epoch drift or volatility (in absolute value) the models accept."""


# ----------------------------------------------------------------------------------------
# Input checks: every message names the argument, its value and what was expected.
# ----------------------------------------------------------------------------------------
def _stake(stake: object, n_sequencers: int) -> np.ndarray:
    """One positive number for every sequencer, or an array of ``n_sequencers`` numbers
    >= 0 with a positive total."""
    if isinstance(stake, numbers.Real) and not isinstance(stake, (bool, np.bool_)):
        return np.full(n_sequencers, v.positive("stake", stake), dtype=np.float64)
    arr = v.array("stake", stake, shape=(n_sequencers,), lo=0.0)
    if arr.sum() <= 0:
        raise v.fail("stake", "an array of numbers >= 0 with a positive total", stake)
    return arr


# ----------------------------------------------------------------------------------------
# Scenarios
# ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    """One kind of sequencer failure.

    Attributes
    ----------
    name : str
        Short label (used in results).
    frequency : float
        Probability that a given sequencer suffers this failure in a given epoch, in [0, 1].
    slash_fraction : float
        Fraction of the sequencer's stake slashed when it happens, in [0, 1].
    price_impact : float
        Fractional fall of the token price per occurrence (the price is multiplied by
        ``1 - price_impact`` once per sequencer affected), in [0, 1).
    description : str
        One line on what the failure is.

    Raises
    ------
    ValueError, TypeError
        If a number lies outside its range or is not a number.

    Examples
    --------
    >>> Scenario("outage", frequency=0.01, slash_fraction=0.001, price_impact=0.0).frequency
    0.01
    >>> Scenario("bad", frequency=1.5, slash_fraction=0.1, price_impact=0.0)
    Traceback (most recent call last):
    ...
    ValueError: frequency must be a finite real number in [0, 1], got 1.5
    """

    name: str
    frequency: float
    slash_fraction: float
    price_impact: float
    description: str = ""

    def __post_init__(self) -> None:
        v.text("name", self.name)
        v.text("description", self.description, allow_empty=True)
        object.__setattr__(self, "frequency", v.probability("frequency", self.frequency))
        object.__setattr__(self, "slash_fraction",
                           v.probability("slash_fraction", self.slash_fraction))
        object.__setattr__(self, "price_impact",
                           v.probability("price_impact", self.price_impact, hi_open=True))


@dataclass(frozen=True)
class CommonShock:
    """A shock that can hit several sequencers in the same epoch (correlated faults).

    Each epoch, independently of everything else, the shock occurs with probability
    ``probability``; when it occurs, each sequencer is hit independently with probability
    ``hit_probability`` (1 means all of them). A hit sequencer faults this epoch *with the
    shock's severity*: its stake is multiplied by ``1 - slash_fraction``, it earns no reward,
    and the price is multiplied by ``1 - price_impact`` once per hit sequencer. A sequencer
    faults at most once per epoch: a hit replaces whatever idiosyncratic failure its own
    draw would have given it this epoch.

    Attributes
    ----------
    probability : float
        Probability per epoch that the shock occurs, in [0, 1].
    hit_probability : float
        Probability that an occurring shock hits a given sequencer, in [0, 1].
    slash_fraction : float
        Fraction of a hit sequencer's stake slashed, in [0, 1].
    price_impact : float
        Fractional price fall per hit sequencer, in [0, 1).
    name : str
        Label used in results.

    Examples
    --------
    >>> CommonShock(probability=0.002, hit_probability=1.0, slash_fraction=0.05,
    ...             price_impact=0.03).hit_probability
    1.0
    """

    probability: float
    hit_probability: float
    slash_fraction: float
    price_impact: float
    name: str = "common_shock"

    def __post_init__(self) -> None:
        object.__setattr__(self, "probability",
                           v.probability("probability", self.probability))
        object.__setattr__(self, "hit_probability",
                           v.probability("hit_probability", self.hit_probability))
        object.__setattr__(self, "slash_fraction",
                           v.probability("slash_fraction", self.slash_fraction))
        object.__setattr__(self, "price_impact",
                           v.probability("price_impact", self.price_impact, hi_open=True))
        v.text("name", self.name)


#: Failure scenarios discussed in the book, with **illustrative assumptions** for daily
#: epochs. These numbers are not protocol data and not estimates from incident records:
#: they are round numbers chosen to show the shape of the risk (frequent and mild, rare and
#: severe). Replace them with your own before drawing conclusions about a real network.
SCENARIOS: dict[str, Scenario] = {
    "downtime": Scenario(
        "downtime", frequency=0.01, slash_fraction=0.001, price_impact=0.002,
        description="sequencer offline for part of an epoch (liveness fault); "
                    "ILLUSTRATIVE ASSUMPTION"),
    "data_availability": Scenario(
        "data_availability", frequency=0.001, slash_fraction=0.05, price_impact=0.02,
        description="batch data withheld or not posted in time; ILLUSTRATIVE ASSUMPTION"),
    "invalid_state": Scenario(
        "invalid_state", frequency=0.0002, slash_fraction=0.5, price_impact=0.10,
        description="invalid state transition posted and caught by a fraud proof; "
                    "ILLUSTRATIVE ASSUMPTION"),
}

#: Correlated-failure examples; **illustrative assumptions**, not protocol data.
COMMON_SHOCKS: dict[str, CommonShock] = {
    "shared_outage": CommonShock(probability=0.002, hit_probability=0.6,
                                 slash_fraction=0.01, price_impact=0.02,
                                 name="shared_outage"),
}


# ----------------------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------------------
def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False, repr=False)
class CollateralSimulation:
    """Result of :func:`simulate_collateral` or :func:`simulate_scenarios`.

    Per-path arrays (read-only; ``n`` paths, ``K`` sequencers; values in USD, stakes in
    tokens):

    Attributes
    ----------
    final_stakes : ndarray, shape (n, K)
        Stake of each sequencer after the last epoch, rewards included.
    final_price : ndarray, shape (n,)
        Token price after the last epoch.
    final_value : ndarray, shape (n,)
        ``final_price * final_stakes.sum(axis=1)``.
    min_total_value : ndarray, shape (n,)
        Minimum of the total collateral value over epochs 0..T (the initial value included).
    total_slashed : ndarray, shape (n,)
        Tokens slashed over the path, summed over sequencers.
    faults : ndarray of int, shape (n, number of scenarios)
        Number of faults of each kind over the path, summed over sequencers.
    scenario_names : tuple of str
        Names of the columns of ``faults`` (``("fault",)`` for the base model).
    initial_value : float
        Total collateral value at epoch 0.
    threshold : float
        Threshold used for ``prob_below_threshold`` (USD).
    mean_final_value, stderr_final_value : float
        Mean of ``final_value`` and its standard error (sample std / sqrt(n)).
    q01_final_value : float
        1% quantile of ``final_value`` (``numpy.quantile``, linear interpolation).
    prob_below_threshold : float
        Fraction of paths with ``min_total_value < threshold`` (strictly below).
    mean_slashed : float
        Mean of ``total_slashed``.
    n_paths, n_epochs, n_sequencers, seed, chunk_size : int
        The run's settings.
    """

    final_stakes: np.ndarray
    final_price: np.ndarray
    final_value: np.ndarray
    min_total_value: np.ndarray
    total_slashed: np.ndarray
    faults: np.ndarray
    scenario_names: tuple[str, ...]
    initial_value: float
    threshold: float
    mean_final_value: float
    stderr_final_value: float
    q01_final_value: float
    prob_below_threshold: float
    mean_slashed: float
    n_paths: int
    n_epochs: int
    n_sequencers: int
    seed: int
    chunk_size: int

    @property
    def provider_losses(self) -> np.ndarray:
        """Loss of the collateral provider per path, USD: ``initial_value - final_value``.

        Rewards are included in ``final_value``, so a negative loss is a gain.
        """
        return self.initial_value - self.final_value

    @property
    def collateral_losses(self) -> np.ndarray:
        """Largest fall of the collateral value below its start per path, USD (>= 0):
        ``initial_value - min_total_value``."""
        return self.initial_value - self.min_total_value

    @property
    def mean_faults(self) -> dict[str, float]:
        """Mean number of faults per path, by scenario name."""
        return {n: float(m) for n, m in zip(self.scenario_names, self.faults.mean(axis=0))}

    def summary(self) -> str:
        """A short human-readable table of the summary statistics.

        Examples
        --------
        >>> r = simulate_collateral(n_paths=100, n_epochs=5, n_sequencers=2, stake=10.0,
        ...     price=1.0, mu=0.0, sigma=0.0, p_fault=0.0, slash_fraction=0.0, jump=0.0,
        ...     reward=1.0, seed=0)
        >>> print(r.summary())
        paths x epochs x sequencers    100 x 5 x 2
        initial value (USD)            20
        mean final value (USD)         30 +/- 0
        1% quantile final value (USD)  30
        P(min value < 10)              0
        mean tokens slashed            0
        """
        rows = [
            ("paths x epochs x sequencers",
             f"{self.n_paths} x {self.n_epochs} x {self.n_sequencers}"),
            ("initial value (USD)", f"{self.initial_value:,.6g}"),
            ("mean final value (USD)",
             f"{self.mean_final_value:,.6g} +/- {self.stderr_final_value:,.2g}"),
            ("1% quantile final value (USD)", f"{self.q01_final_value:,.6g}"),
            (f"P(min value < {self.threshold:,.6g})", f"{self.prob_below_threshold:.4g}"),
            ("mean tokens slashed", f"{self.mean_slashed:,.6g}"),
        ]
        width = max(len(k) for k, _ in rows) + 2
        return "\n".join(f"{k:<{width}}{v}" for k, v in rows)

    def __repr__(self) -> str:
        return (f"CollateralSimulation(n_paths={self.n_paths}, n_epochs={self.n_epochs}, "
                f"n_sequencers={self.n_sequencers}, seed={self.seed}, "
                f"mean_final_value={self.mean_final_value:.6g}, "
                f"stderr_final_value={self.stderr_final_value:.3g}, "
                f"q01_final_value={self.q01_final_value:.6g}, "
                f"prob_below_threshold={self.prob_below_threshold:.4g}, "
                f"mean_slashed={self.mean_slashed:.6g})")


# ----------------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Kind:
    """An idiosyncratic failure kind inside the engine: it owns the interval [lo, hi) of
    the failure's kind selector; ``f`` is its slash fraction, ``log1mj`` = log(1 - impact)."""

    name: str
    lo: float
    hi: float
    f: float
    log1mj: float


def _first_fault_cuts(p_any: float, k_seq: int) -> np.ndarray:
    """``cuts[i] = P(some sequencer among the first i+1 faults) = 1 - (1 - p)^(i+1)``."""
    if p_any >= 1.0:
        return np.ones(k_seq)
    return -np.expm1(np.arange(1, k_seq + 1) * math.log1p(-p_any))


def _simulate(n_paths: int, n_epochs: int, stake0: np.ndarray, price: float, mu: float,
              sigma: float, reward: float, kinds: list[_Kind], p_any: float,
              common: CommonShock | None, seed: int, threshold: float | None,
              chunk_size: int | None) -> CollateralSimulation:
    # Faults are sampled path-epoch by path-epoch (see "Random numbers" in the module
    # docstring): one uniform per path and epoch says whether any sequencer faults and which
    # is the first; only the rare faulted path-epochs draw more. The engine then touches
    # only the faulted (path, sequencer) cells, through flat indices ``path * K + i`` into
    # one-dimensional arrays (numpy's fastest scatter/gather). Rewards are credited lazily:
    # a cell stores its stake as of the epoch it was last slashed (``last``), the rewards
    # since then are added when it is slashed again or at the end, and the per-path total
    # stake is kept up to date incrementally. The dense work per epoch is a handful of
    # operations on per-path arrays.
    k_seq = stake0.shape[0]
    chunk = DEFAULT_CHUNK_SIZE if chunk_size is None else chunk_size
    initial_value = float(v.finite_result("initial collateral value", stake0.sum() * price))
    thr = 0.5 * initial_value if threshold is None else threshold
    n_idio = len(kinds)
    n_kinds = n_idio + (common is not None)
    # Per-kind tables; the common shock, if any, is the last kind.
    f_table = np.array([k.f for k in kinds]
                       + ([common.slash_fraction] if common is not None else []))
    lj_table = np.array([k.log1mj for k in kinds]
                        + ([math.log1p(-common.price_impact)] if common is not None else []))
    edges = np.array([k.lo for k in kinds])  # a fault's kind: the last k with lo_k <= w
    cuts = _first_fault_cuts(p_any, k_seq)
    p_some = float(cuts[-1])  # P(at least one of the K sequencers faults in an epoch)
    cols = np.arange(k_seq)
    total0 = math.fsum(stake0)
    typed = n_kinds > 1  # else every fault is of kind 0

    final_stakes = np.empty((n_paths, k_seq))
    final_price = np.empty(n_paths)
    min_value = np.empty(n_paths)
    slashed_out = np.empty(n_paths)
    faults_out = np.empty((n_paths, n_kinds), dtype=np.int64)

    drift = mu - 0.5 * sigma * sigma
    starts = list(range(0, n_paths, chunk))
    children = np.random.SeedSequence(seed).spawn(len(starts))

    for start, child in zip(starts, children):
        n = min(chunk, n_paths - start)
        rng = np.random.Generator(BIT_GENERATOR(child))
        u = np.empty(n)
        z = np.empty(n)
        e = np.empty(n) if common is not None else None
        some = np.empty(n, dtype=bool)
        inc = np.empty(n)
        val = np.empty(n)
        tot = np.full(n, total0)  # total stake per path, tokens, rewards included
        s = np.tile(stake0, n)  # stored stake of cell path * K + i
        last = np.zeros(n * k_seq, dtype=np.int64)  # epoch as of which s holds the stake
        slashed = np.zeros(n)
        counts = np.zeros(n * n_kinds, dtype=np.int64)  # index path * n_kinds + kind
        p = np.full(n, price)
        vmin = np.full(n, initial_value)

        for t in range(1, n_epochs + 1):
            rng.random(out=u)
            rng.standard_normal(out=z)
            if e is not None:
                rng.random(out=e)
            # Idiosyncratic faults. Path j has some fault iff u_j < 1 - (1 - p)^K; its first
            # faulting sequencer is the smallest i with u_j < 1 - (1 - p)^(i+1); each later
            # sequencer i faults iff v_ji < p, with v drawn only for these paths.
            np.less(u, p_some, out=some)
            paths = np.flatnonzero(some)
            if paths.size:
                first = np.searchsorted(cuts, u[paths], side="right")
                vu = rng.random((paths.size, k_seq))
                mask = vu < p_any
                mask &= cols > first[:, None]
                mask[np.arange(paths.size), first] = True
                r_f, c_f = np.nonzero(mask)
                fpath = paths[r_f]
                cell = fpath * k_seq + c_f
                if n_idio > 1:
                    # kind selector, uniform on [0, p_any): v * p_any for the first
                    # faulting sequencer, v itself for the later ones
                    w = vu[r_f, c_f]
                    w[c_f == first[r_f]] *= p_any
                    kind = np.searchsorted(edges, w, side="right") - 1
                elif typed:
                    kind = np.zeros(cell.size, dtype=np.intp)
            else:
                fpath = cell = kind = paths
            if common is not None:
                ev = np.flatnonzero(e < common.probability)
                if ev.size:
                    if common.hit_probability < 1.0:
                        r_h, c_h = np.nonzero(rng.random((ev.size, k_seq))
                                              < common.hit_probability)
                    else:
                        r_h, c_h = np.divmod(np.arange(ev.size * k_seq), k_seq)
                    hpath = ev[r_h]
                    hcell = hpath * k_seq + c_h
                    keep = ~np.isin(cell, hcell)  # a hit replaces the idiosyncratic draw
                    fpath = np.concatenate((fpath[keep], hpath))
                    cell = np.concatenate((cell[keep], hcell))
                    kind = np.concatenate((kind[keep],
                                           np.full(hcell.size, n_kinds - 1, dtype=np.intp)))
            # log of this epoch's price factor: mu - sigma^2/2 + sigma Z + sum log(1 - jump)
            np.multiply(z, sigma, out=inc)
            inc += drift
            if reward != 0.0:
                tot += k_seq * reward  # every sequencer earns the reward, except ...
            if cell.size:
                old = s[cell]
                if reward != 0.0:  # rewards of epochs last+1 .. t-1
                    old += reward * (t - 1 - last[cell])
                    last[cell] = t
                cut = old * (f_table[kind] if typed else f_table[0])
                s[cell] = old - cut
                np.add.at(slashed, fpath, cut)
                if reward != 0.0:
                    cut += reward  # ... the faulted ones, which are slashed instead
                np.subtract.at(tot, fpath, cut)
                if typed:
                    np.add.at(counts, fpath * n_kinds + kind, 1)
                    np.add.at(inc, fpath, lj_table[kind])
                else:
                    np.add.at(counts, fpath, 1)
                    np.add.at(inc, fpath, lj_table[0])
            np.exp(inc, out=inc)
            p *= inc
            np.multiply(tot, p, out=val)
            np.minimum(vmin, val, out=vmin)

        if reward != 0.0:
            s += reward * (n_epochs - last)
        s2 = s.reshape(n, k_seq)
        sl = slice(start, start + n)
        final_stakes[sl] = s2
        final_price[sl] = p
        # the last epoch's value from the final stakes themselves, so that
        # min_total_value <= final_value holds exactly despite rounding
        np.minimum(vmin, p * s2.sum(axis=1), out=min_value[sl])
        slashed_out[sl] = slashed
        faults_out[sl] = counts.reshape(n, n_kinds)

    final_value = final_price * final_stakes.sum(axis=1)
    for what, arr in (("token price", final_price), ("collateral value", final_value),
                      ("minimum collateral value", min_value), ("stake", final_stakes),
                      ("spread of the collateral value", final_value.std(ddof=1))):
        v.finite_result(what, arr)
    names = tuple(k.name for k in kinds) + ((common.name,) if common is not None else ())
    return CollateralSimulation(
        final_stakes=_frozen(final_stakes),
        final_price=_frozen(final_price),
        final_value=_frozen(final_value),
        min_total_value=_frozen(min_value),
        total_slashed=_frozen(slashed_out),
        faults=_frozen(faults_out),
        scenario_names=names,
        initial_value=initial_value,
        threshold=float(thr),
        mean_final_value=float(final_value.mean()),
        stderr_final_value=float(final_value.std(ddof=1) / math.sqrt(n_paths)),
        q01_final_value=float(np.quantile(final_value, 0.01)),
        prob_below_threshold=float(np.mean(min_value < thr)),
        mean_slashed=float(slashed_out.mean()),
        n_paths=n_paths,
        n_epochs=n_epochs,
        n_sequencers=k_seq,
        seed=seed,
        chunk_size=chunk,
    )


def _model_inputs(n_paths: object, n_epochs: object, n_sequencers: object, stake: object,
                   price: object, mu: object, sigma: object, reward: object, seed: object,
                   threshold: object, chunk_size: object) -> dict:
    k = v.count("n_sequencers", n_sequencers, hi=MAX_SEQUENCERS)
    out = dict(
        n_paths=v.count("n_paths", n_paths, lo=2, hi=MAX_PATHS),
        n_epochs=v.count("n_epochs", n_epochs, lo=0, hi=MAX_EPOCHS),
        stake0=_stake(stake, k),
        price=v.positive("price", price),
        mu=v.real("mu", mu, lo=-MAX_RATE, hi=MAX_RATE),
        sigma=v.nonnegative("sigma", sigma, hi=MAX_RATE),
        reward=v.nonnegative("reward", reward),
        seed=v.seed("seed", seed),
        threshold=None if threshold is None else v.nonnegative("threshold", threshold),
        chunk_size=None if chunk_size is None else v.count("chunk_size", chunk_size),
    )
    v.budget("n_paths * n_sequencers", out["n_paths"] * k)
    if out["n_paths"] * max(out["n_epochs"], 1) * k > MAX_WORK:
        raise v.fail("n_paths * n_epochs * n_sequencers",
                     f"at most {MAX_WORK:,} path-epoch-sequencer steps",
                     out["n_paths"] * out["n_epochs"] * k)
    return out


def simulate_collateral(*, n_paths: int, n_epochs: int, n_sequencers: int,
                        stake: float | Sequence[float] | np.ndarray, price: float, mu: float,
                        sigma: float, p_fault: float, slash_fraction: float, jump: float,
                        reward: float, seed: int, threshold: float | None = None,
                        chunk_size: int | None = None) -> CollateralSimulation:
    r"""Simulate the base collateral model (see the module docstring for its exact rules).

    Parameters
    ----------
    n_paths : int
        Number of Monte Carlo paths (>= 2).
    n_epochs : int
        Number of epochs ``T`` (>= 0).
    n_sequencers : int
        Number of sequencers ``K`` (>= 1).
    stake : float or array of shape (K,)
        Initial stake per sequencer, tokens: one number for all, or one per sequencer
        (non-negative, positive total).
    price : float
        Initial token price, USD (> 0).
    mu, sigma : float
        Drift and volatility of the log price per epoch (``sigma >= 0``); ``exp(mu)`` is the
        mean growth factor of the price per epoch before faults.
    p_fault : float
        Probability that a sequencer faults in an epoch, in [0, 1].
    slash_fraction : float
        Fraction of a faulted sequencer's stake slashed, in [0, 1].
    jump : float
        Fractional price fall per fault, in [0, 1).
    reward : float
        Tokens earned per epoch by each sequencer that did not fault (>= 0).
    seed : int
        Seed (non-negative integer) of the ``SeedSequence`` from which each chunk's generator
        is spawned.
    threshold : float, optional
        USD level for ``prob_below_threshold``: the probability that the total collateral
        value falls strictly below it at any epoch 0..T. Default: half the initial total
        value, ``0.5 * price * sum(stake)``.
    chunk_size : int, optional
        Paths simulated at once (default :data:`DEFAULT_CHUNK_SIZE`). Results depend only on
        ``seed`` and ``chunk_size``.

    Returns
    -------
    CollateralSimulation
        Per-path arrays and summary statistics.

    Raises
    ------
    TypeError
        If an argument has the wrong type (the message names it).
    ValueError
        If an argument is out of range or ``stake`` has the wrong length.

    Examples
    --------
    With no faults, no volatility and no drift the model is deterministic:

    >>> r = simulate_collateral(n_paths=4, n_epochs=10, n_sequencers=3, stake=[1.0, 2.0, 3.0],
    ...     price=5.0, mu=0.0, sigma=0.0, p_fault=0.0, slash_fraction=0.5, jump=0.1,
    ...     reward=0.5, seed=1)
    >>> r.final_stakes[0].tolist(), float(r.final_value[0])
    ([6.0, 7.0, 8.0], 105.0)

    Every sequencer faulting every epoch halves the stake and the price falls by the jump:

    >>> r = simulate_collateral(n_paths=2, n_epochs=2, n_sequencers=1, stake=8.0, price=1.0,
    ...     mu=0.0, sigma=0.0, p_fault=1.0, slash_fraction=0.5, jump=0.5, reward=1.0, seed=1)
    >>> float(r.final_stakes[0, 0]), float(r.final_price[0]), float(r.total_slashed[0])
    (2.0, 0.25, 6.0)
    >>> simulate_collateral(n_paths=2, n_epochs=2, n_sequencers=1, stake=8.0, price=1.0,
    ...     mu=0.0, sigma=0.0, p_fault=1.2, slash_fraction=0.5, jump=0.5, reward=1.0, seed=1)
    Traceback (most recent call last):
    ...
    ValueError: p_fault must be a finite real number in [0, 1], got 1.2
    """
    c = _model_inputs(n_paths, n_epochs, n_sequencers, stake, price, mu, sigma, reward, seed,
                       threshold, chunk_size)
    p = v.probability("p_fault", p_fault)
    f = v.probability("slash_fraction", slash_fraction)
    j = v.probability("jump", jump, hi_open=True)
    kinds = [_Kind("fault", 0.0, p, f, math.log1p(-j))]
    return _simulate(c["n_paths"], c["n_epochs"], c["stake0"], c["price"], c["mu"],
                     c["sigma"], c["reward"], kinds, p, None, c["seed"], c["threshold"],
                     c["chunk_size"])


def _resolve_scenarios(scenarios: object) -> list[Scenario]:
    if isinstance(scenarios, (str, Scenario)):
        scenarios = [scenarios]
    if isinstance(scenarios, (bytes, dict)) or not isinstance(scenarios, Iterable):
        raise v.fail("scenarios", "a sequence of Scenario objects or names in SCENARIOS",
                     scenarios, TypeError)
    items = list(scenarios)  # type: ignore[arg-type]
    out: list[Scenario] = []
    for item in items:
        if isinstance(item, str):
            out.append(SCENARIOS[v.option("scenarios", item, sorted(SCENARIOS))])
        elif isinstance(item, Scenario):
            out.append(item)
        else:
            raise v.fail("scenarios", "a sequence of Scenario objects or names in SCENARIOS",
                         item, TypeError)
    names = [s.name for s in out]
    if len(set(names)) != len(names):
        raise ValueError(f"scenarios must have distinct names, got {names}")
    total = math.fsum(s.frequency for s in out)
    if total > 1.0 + 1e-12:
        raise ValueError(f"scenarios: the frequencies of the scenarios must add up to at most "
                         f"1 (a sequencer has at most one failure per epoch), got {total:g}")
    return out


def _kinds(scen: list[Scenario]) -> tuple[list[_Kind], float]:
    kinds = []
    lo = 0.0
    for s in scen:
        hi = lo + s.frequency
        kinds.append(_Kind(s.name, lo, hi, s.slash_fraction, math.log1p(-s.price_impact)))
        lo = hi
    return kinds, lo


def simulate_scenarios(*, n_paths: int, n_epochs: int, n_sequencers: int,
                       stake: float | Sequence[float] | np.ndarray, price: float, mu: float,
                       sigma: float, reward: float, seed: int,
                       scenarios: Sequence[Scenario | str],
                       common_shock: CommonShock | None = None,
                       threshold: float | None = None,
                       chunk_size: int | None = None) -> CollateralSimulation:
    r"""Simulate collateral under several failure scenarios and an optional common shock.

    Each epoch, each sequencer independently suffers at most one failure: scenario ``k``
    with probability :math:`p_k` (its ``frequency``; frequencies in the order given, total
    :math:`p = \sum_k p_k \le 1`), nothing with probability :math:`1 - p`. Concretely
    (see the module docstring for the draws), whether it fails is decided as in the base
    model with fault probability :math:`p`, and a uniform :math:`w` on :math:`[0, p)`
    attached to the failure picks scenario ``k`` when
    :math:`p_1 + \dots + p_{k-1} \le w < p_1 + \dots + p_k`. A failure of scenario ``k`` multiplies the stake by
    ``1 - slash_fraction_k`` and the price by ``1 - price_impact_k``; sequencers without a
    failure earn ``reward``. With ``common_shock`` (a :class:`CommonShock`), the sequencers it
    hits in an epoch fail with its severity instead. The epoch's order of events is that of
    the base model (failures, slashing, rewards, price step, price impacts).

    With one scenario ``Scenario(name, p, f, j)`` and no common shock this is exactly
    :func:`simulate_collateral` with ``p_fault=p, slash_fraction=f, jump=j``: same random
    numbers, same arithmetic, bit-for-bit the same result for the same seed.

    Parameters
    ----------
    n_paths, n_epochs, n_sequencers, stake, price, mu, sigma, reward, seed, threshold, chunk_size
        As in :func:`simulate_collateral`.
    scenarios : sequence of Scenario or str
        Failure kinds; a string is looked up in :data:`SCENARIOS`.
    common_shock : CommonShock, optional
        Correlated failure hitting several sequencers at once.

    Returns
    -------
    CollateralSimulation
        ``faults`` has one column per scenario (and one for the shock, last).

    Raises
    ------
    TypeError, ValueError
        For bad arguments (the message names the argument), unknown scenario names, or
        frequencies that add up to more than 1.

    Examples
    --------
    >>> r = simulate_scenarios(n_paths=1_000, n_epochs=365, n_sequencers=5, stake=1e5,
    ...     price=1.0, mu=0.0, sigma=0.02, reward=10.0, seed=3,
    ...     scenarios=["downtime", "data_availability", "invalid_state"],
    ...     common_shock=COMMON_SHOCKS["shared_outage"])
    >>> r.scenario_names
    ('downtime', 'data_availability', 'invalid_state', 'shared_outage')
    >>> r.faults.shape
    (1000, 4)
    """
    c = _model_inputs(n_paths, n_epochs, n_sequencers, stake, price, mu, sigma, reward, seed,
                       threshold, chunk_size)
    scen = _resolve_scenarios(scenarios)
    if common_shock is not None:
        v.instance("common_shock", common_shock, CommonShock)
    if common_shock is not None and common_shock.name in {s.name for s in scen}:
        raise ValueError(f"common_shock.name {common_shock.name!r} clashes with a scenario name")
    kinds, p_any = _kinds(scen)
    return _simulate(c["n_paths"], c["n_epochs"], c["stake0"], c["price"], c["mu"],
                     c["sigma"], c["reward"], kinds, p_any, common_shock, c["seed"],
                     c["threshold"], c["chunk_size"])


# ----------------------------------------------------------------------------------------
# Closed-form expectations
# ----------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ExpectedCollateral:
    """Exact expectations of the collateral model, epoch by epoch (index 0 = start).

    Attributes
    ----------
    mean_stake : ndarray, shape (T+1, K)
        :math:`E[S_{i,t}]`, tokens.
    mean_price : ndarray, shape (T+1,)
        :math:`E[P_t]`, USD.
    mean_value : ndarray, shape (T+1,)
        :math:`E[P_t \\sum_i S_{i,t}]`, USD (not the product of the two means: faults move
        stake and price together).
    mean_slashed : ndarray, shape (T+1,)
        Expected tokens slashed in epochs 1..t, summed over sequencers.
    mean_faults : dict of str to float
        Expected number of faults of each kind over all T epochs, summed over sequencers.
    """

    mean_stake: np.ndarray
    mean_price: np.ndarray
    mean_value: np.ndarray
    mean_slashed: np.ndarray
    mean_faults: dict[str, float] = field(default_factory=dict)

    @property
    def final_stake(self) -> np.ndarray:
        """:math:`E[S_{i,T}]` per sequencer."""
        return self.mean_stake[-1]

    @property
    def final_price(self) -> float:
        """:math:`E[P_T]`."""
        return float(self.mean_price[-1])

    @property
    def final_value(self) -> float:
        """:math:`E[V_T]`."""
        return float(self.mean_value[-1])

    @property
    def total_slashed(self) -> float:
        """Expected tokens slashed over the whole horizon."""
        return float(self.mean_slashed[-1])


def _expected(n_epochs: int, stake0: np.ndarray, price: float, mu: float, reward: float,
              scen: list[tuple[str, float, float, float]],
              common: CommonShock | None) -> ExpectedCollateral:
    k_seq = stake0.shape[0]
    pc = 0.0 if common is None else common.probability
    q = 0.0 if common is None else common.hit_probability
    p_sum = math.fsum(p for _, p, _, _ in scen)

    def moments(weight_idio: float, w_common: float) -> tuple[float, float, float, float]:
        # distribution over event types: scenario k w.p. weight_idio*p_k, common w.p.
        # w_common, none w.p. weight_idio*(1 - sum p)
        a = weight_idio * (1.0 - p_sum) + weight_idio * math.fsum(
            p * (1 - j) for _, p, _, j in scen)
        b = weight_idio * (1.0 - p_sum) + weight_idio * math.fsum(
            p * (1 - f) * (1 - j) for _, p, f, j in scen)
        none = weight_idio * (1.0 - p_sum)
        g = weight_idio * math.fsum(p * f for _, p, f, _ in scen)
        if common is not None:
            a += w_common * (1 - common.price_impact)
            b += w_common * (1 - common.slash_fraction) * (1 - common.price_impact)
            g += w_common * common.slash_fraction
        return a, b, none, g

    a0, b0, n0, g0 = moments(1.0, 0.0)  # no shock this epoch
    a1, b1, n1, g1 = moments(1.0 - q, q)  # shock this epoch
    em = math.exp(mu)  # |mu| <= MAX_RATE: no overflow
    g_bar = (1 - pc) * g0 + pc * g1
    none_bar = (1 - pc) * n0 + pc * n1
    price_factor = em * ((1 - pc) * a0 ** k_seq + pc * a1 ** k_seq)
    value_factor = em * ((1 - pc) * b0 * a0 ** (k_seq - 1) + pc * b1 * a1 ** (k_seq - 1))
    reward_factor = em * ((1 - pc) * n0 * a0 ** (k_seq - 1) + pc * n1 * a1 ** (k_seq - 1))

    T = n_epochs
    ms = np.empty((T + 1, k_seq))
    mp = np.empty(T + 1)
    mv_i = np.empty((T + 1, k_seq))  # E[S_i P]
    msl = np.empty(T + 1)
    ms[0], mp[0], mv_i[0], msl[0] = stake0, price, stake0 * price, 0.0
    for t in range(T):
        ms[t + 1] = ms[t] * (1 - g_bar) + reward * none_bar
        mp[t + 1] = mp[t] * price_factor
        mv_i[t + 1] = mv_i[t] * value_factor + reward * mp[t] * reward_factor
        msl[t + 1] = msl[t] + g_bar * ms[t].sum()
    faults = {name: T * k_seq * (1 - pc * q) * p for name, p, _, _ in scen}
    if common is not None:
        faults[common.name] = T * k_seq * pc * q
    for what, a in (("mean stake", ms), ("mean price", mp), ("mean value", mv_i),
                    ("mean slashed stake", msl)):
        v.finite_result(what, a)
    for a in (ms, mp, mv_i, msl):
        a.setflags(write=False)
    mv = mv_i.sum(axis=1)
    mv.setflags(write=False)
    return ExpectedCollateral(mean_stake=ms, mean_price=mp, mean_value=mv, mean_slashed=msl,
                              mean_faults=faults)


def expected_collateral(*, n_epochs: int, n_sequencers: int,
                        stake: float | Sequence[float] | np.ndarray, price: float, mu: float,
                        p_fault: float, slash_fraction: float, jump: float, reward: float,
                        sigma: float = 0.0) -> ExpectedCollateral:
    r"""Exact means of the base model of :func:`simulate_collateral`.

    Derivation. Write :math:`p` = ``p_fault``, :math:`f` = ``slash_fraction``, :math:`j` =
    ``jump``, :math:`r` = ``reward``, and :math:`F_{i,t} \in \{0, 1\}` for "sequencer
    :math:`i` faults in epoch :math:`t+1`", independent of everything up to epoch :math:`t`.

    * Stake: :math:`S_{i,t+1} = S_{i,t}(1 - f F_{i,t}) + r(1 - F_{i,t})`, so
      :math:`E[S_{i,t+1}] = E[S_{i,t}](1 - pf) + (1-p)r`.
    * Price: :math:`P_{t+1} = P_t\,e^{\mu-\sigma^2/2+\sigma Z}(1-j)^{N_t}` with
      :math:`N_t = \sum_i F_{i,t} \sim \mathrm{Binomial}(K, p)`, :math:`Z` independent.
      :math:`E[e^{\sigma Z}] = e^{\sigma^2/2}` and
      :math:`E[(1-j)^{N_t}] = (1 - pj)^K`, so :math:`E[P_{t+1}] = E[P_t]\,e^{\mu}(1-pj)^K`.
      (``sigma`` does not enter any mean.)
    * Slashed tokens: epoch :math:`t+1` slashes :math:`f S_{i,t} F_{i,t}` from sequencer
      :math:`i`, with mean :math:`pf\,E[S_{i,t}]`; sum over epochs and sequencers.
    * Value (wrong-way risk makes it differ from the product of the means):
      :math:`S_{i,t+1}P_{t+1} = [S_{i,t}(1-fF_{i,t}) + r(1-F_{i,t})]\,P_t\,G_t
      (1-j)^{F_{i,t}}\prod_{k\ne i}(1-j)^{F_{k,t}}` with :math:`E[G_t]=e^\mu`. Taking
      expectations factor by factor,
      :math:`E[S_{i,t+1}P_{t+1}] = e^{\mu}(1-pj)^{K-1}\{E[S_{i,t}P_t]\,[1-p+p(1-f)(1-j)]
      + r(1-p)E[P_t]\}`, and :math:`E[V_t] = \sum_i E[S_{i,t}P_t]`.

    Parameters
    ----------
    n_epochs, n_sequencers, stake, price, mu, p_fault, slash_fraction, jump, reward
        As in :func:`simulate_collateral`.
    sigma : float, optional
        Accepted (and checked) so that the same keywords work for both functions; it does
        not change any mean.

    Returns
    -------
    ExpectedCollateral
        Means for epochs 0..T.

    Raises
    ------
    TypeError, ValueError
        For bad arguments (the message names the argument).

    Examples
    --------
    >>> e = expected_collateral(n_epochs=1, n_sequencers=2, stake=100.0, price=1.0, mu=0.0,
    ...     p_fault=0.5, slash_fraction=0.2, jump=0.1, reward=2.0)
    >>> e.final_stake.tolist()   # 100 * (1 - 0.1) + 0.5 * 2
    [91.0, 91.0]
    >>> round(e.final_price, 6)  # (1 - 0.05) ** 2
    0.9025
    >>> round(e.total_slashed, 6)  # 2 * 0.5 * 0.2 * 100
    20.0
    """
    k = v.count("n_sequencers", n_sequencers, hi=MAX_SEQUENCERS)
    T = v.count("n_epochs", n_epochs, lo=0, hi=MAX_EPOCHS)
    v.budget("n_epochs * n_sequencers", T * k)
    stake0 = _stake(stake, k)
    price_ = v.positive("price", price)
    mu_ = v.real("mu", mu, lo=-MAX_RATE, hi=MAX_RATE)
    v.nonnegative("sigma", sigma, hi=MAX_RATE)
    r = v.nonnegative("reward", reward)
    p = v.probability("p_fault", p_fault)
    f = v.probability("slash_fraction", slash_fraction)
    j = v.probability("jump", jump, hi_open=True)
    return _expected(T, stake0, price_, mu_, r, [("fault", p, f, j)], None)


def expected_scenarios(*, n_epochs: int, n_sequencers: int,
                       stake: float | Sequence[float] | np.ndarray, price: float, mu: float,
                       reward: float, scenarios: Sequence[Scenario | str],
                       common_shock: CommonShock | None = None,
                       sigma: float = 0.0) -> ExpectedCollateral:
    r"""Exact means of the scenario model of :func:`simulate_scenarios`.

    Condition on whether the common shock occurs in an epoch (probability :math:`\pi`).
    Given that, the sequencers' event types are independent and identically distributed:
    without the shock, scenario :math:`k` w.p. :math:`p_k` and nothing w.p.
    :math:`1 - \sum p_k`; with it, a hit w.p. :math:`q`, scenario :math:`k` w.p.
    :math:`(1-q)p_k`, nothing w.p. :math:`(1-q)(1-\sum p_k)`. For each of the two
    distributions let :math:`a = E[1-j_e]`, :math:`b = E[(1-f_e)(1-j_e)]`,
    :math:`n = P(\text{no fault})`, :math:`g = E[f_e]`. Then, as in
    :func:`expected_collateral`, with bars for the :math:`\pi`-mixture of the two cases,
    :math:`E[S_{t+1}] = E[S_t](1-\bar g) + r\bar n`,
    :math:`E[P_{t+1}] = E[P_t]e^\mu\,\overline{a^K}`, and
    :math:`E[S_{i,t+1}P_{t+1}] = e^\mu(E[S_{i,t}P_t]\,\overline{b a^{K-1}}
    + r E[P_t]\,\overline{n a^{K-1}})`. With one scenario and no shock this is
    :func:`expected_collateral`.

    Parameters
    ----------
    n_epochs, n_sequencers, stake, price, mu, reward, scenarios, common_shock
        As in :func:`simulate_scenarios`.
    sigma : float, optional
        Accepted and checked; does not change any mean.

    Returns
    -------
    ExpectedCollateral

    Raises
    ------
    TypeError, ValueError
        For bad arguments.

    Examples
    --------
    >>> e = expected_scenarios(n_epochs=365, n_sequencers=5, stake=1e5, price=1.0, mu=0.0,
    ...     reward=0.0, scenarios=list(SCENARIOS))
    >>> round(e.mean_faults["downtime"], 2)  # 365 epochs * 5 sequencers * 0.01
    18.25
    """
    k = v.count("n_sequencers", n_sequencers, hi=MAX_SEQUENCERS)
    T = v.count("n_epochs", n_epochs, lo=0, hi=MAX_EPOCHS)
    v.budget("n_epochs * n_sequencers", T * k)
    stake0 = _stake(stake, k)
    price_ = v.positive("price", price)
    mu_ = v.real("mu", mu, lo=-MAX_RATE, hi=MAX_RATE)
    v.nonnegative("sigma", sigma, hi=MAX_RATE)
    r = v.nonnegative("reward", reward)
    scen = _resolve_scenarios(scenarios)
    if common_shock is not None:
        v.instance("common_shock", common_shock, CommonShock)
    return _expected(T, stake0, price_, mu_, r,
                     [(s.name, s.frequency, s.slash_fraction, s.price_impact) for s in scen],
                     common_shock)


# ----------------------------------------------------------------------------------------
# Risk measures
# ----------------------------------------------------------------------------------------
def _losses_alpha(losses: object, alpha: object) -> tuple[np.ndarray, float, int]:
    a = v.probability("alpha", alpha, lo_open=True, hi_open=True)
    x = v.array("losses", losses, ndim=1)
    n = x.size
    na = n * a
    m = int(math.floor(na + 1e-9 * max(1.0, na)))  # guard 100 * 0.01 -> 0.99999...
    return x, na, m


def value_at_risk(losses: np.ndarray | Sequence[float], alpha: float) -> float:
    r"""Value-at-risk of a sample of losses at tail probability ``alpha``.

    Conventions: losses are positive (a gain is a negative loss); ``alpha`` is the *tail*
    probability (``0.01`` for the 99% VaR). :math:`\mathrm{VaR}_\alpha(L) =
    \inf\{\ell : P(L > \ell) \le \alpha\}`, the lower :math:`(1-\alpha)`-quantile. For the
    empirical distribution of :math:`n` losses this is the order statistic
    :math:`L_{(n - m)}` (ascending, 1-based) with :math:`m = \lfloor n\alpha \rfloor`: at most
    :math:`m` losses exceed it.

    Parameters
    ----------
    losses : array_like, 1-D
        Sample of losses (finite).
    alpha : float
        Tail probability in (0, 1).

    Returns
    -------
    float

    Raises
    ------
    ValueError, TypeError
        For ``alpha`` outside (0, 1) or losses that are empty, not 1-D or not finite.

    Examples
    --------
    >>> value_at_risk(list(range(1, 101)), 0.05)   # 5 of the 100 losses exceed 95
    95.0
    >>> value_at_risk([1.0, 2.0], 1.5)
    Traceback (most recent call last):
    ...
    ValueError: alpha must be a finite real number in (0, 1), got 1.5
    """
    x, _, m = _losses_alpha(losses, alpha)
    k = x.size - m - 1  # 0-based index of L_(n-m)
    return float(np.partition(x, k)[k])


def expected_shortfall(losses: np.ndarray | Sequence[float], alpha: float) -> float:
    r"""Expected shortfall (conditional VaR) of a sample of losses at tail probability ``alpha``.

    Conventions as in :func:`value_at_risk`. :math:`\mathrm{ES}_\alpha =
    \frac{1}{\alpha}\int_0^\alpha \mathrm{VaR}_u\,du`, the mean of the worst
    :math:`\alpha` share of outcomes. For :math:`n` losses sorted in decreasing order
    :math:`L_{[1]} \ge L_{[2]} \ge \dots`, with :math:`m = \lfloor n\alpha\rfloor`,
    :math:`\mathrm{ES}_\alpha = \frac{1}{n\alpha}\left(\sum_{i \le m} L_{[i]} +
    (n\alpha - m) L_{[m+1]}\right)`. This is coherent and :math:`\ge \mathrm{VaR}_\alpha`.

    Parameters
    ----------
    losses : array_like, 1-D
        Sample of losses (finite).
    alpha : float
        Tail probability in (0, 1).

    Returns
    -------
    float

    Raises
    ------
    ValueError, TypeError
        As for :func:`value_at_risk`.

    Examples
    --------
    >>> expected_shortfall(list(range(1, 101)), 0.05)   # mean of 96..100
    98.0
    >>> expected_shortfall(list(range(1, 101)), 0.015)  # (100 + 0.5 * 99) / 1.5
    99.66666666666667
    """
    x, na, m = _losses_alpha(losses, alpha)
    n = x.size
    k = n - m - 1
    part = np.partition(x, k)
    var = part[k]
    top = math.fsum(part[k + 1:]) if m > 0 else 0.0
    return float((top + (na - m) * var) / na)


@dataclass(frozen=True)
class RiskMeasures:
    """Tail risk of a simulation at one tail probability (USD).

    Attributes
    ----------
    alpha : float
        Tail probability.
    var_collateral, es_collateral : float
        VaR and ES of the collateral loss ``initial_value - min_total_value`` (the deepest
        fall of the collateral below its start over the horizon: what the protocol relies on).
    var_provider, es_provider : float
        VaR and ES of the provider's loss ``initial_value - final_value`` (final value with
        rewards; negative means a gain).
    prob_below_threshold : float
        Probability that the collateral value falls below ``threshold`` at some epoch.
    threshold : float
        The threshold, USD.
    """

    alpha: float
    var_collateral: float
    es_collateral: float
    var_provider: float
    es_provider: float
    prob_below_threshold: float
    threshold: float


def risk_measures(result: CollateralSimulation, alpha: float = 0.01) -> RiskMeasures:
    """VaR and ES of the collateral and of the provider's position, from a simulation.

    Parameters
    ----------
    result : CollateralSimulation
        Output of :func:`simulate_collateral` or :func:`simulate_scenarios`.
    alpha : float, optional
        Tail probability in (0, 1), default 0.01.

    Returns
    -------
    RiskMeasures

    Raises
    ------
    TypeError
        If ``result`` is not a :class:`CollateralSimulation`.

    Examples
    --------
    >>> r = simulate_collateral(n_paths=1_000, n_epochs=50, n_sequencers=3, stake=100.0,
    ...     price=1.0, mu=0.0, sigma=0.05, p_fault=0.01, slash_fraction=0.2, jump=0.05,
    ...     reward=0.0, seed=11)
    >>> m = risk_measures(r, alpha=0.05)
    >>> m.es_collateral >= m.var_collateral >= 0.0
    True
    """
    v.instance("result", result, CollateralSimulation)
    col = result.collateral_losses
    prov = result.provider_losses
    return RiskMeasures(
        alpha=v.probability("alpha", alpha, lo_open=True, hi_open=True),
        var_collateral=value_at_risk(col, alpha),
        es_collateral=expected_shortfall(col, alpha),
        var_provider=value_at_risk(prov, alpha),
        es_provider=expected_shortfall(prov, alpha),
        prob_below_threshold=result.prob_below_threshold,
        threshold=result.threshold,
    )
