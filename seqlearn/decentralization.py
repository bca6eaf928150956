"""Sequencer decentralization: who gets to sequence, committees, concentration, censorship.

The models of chapter 10 (:ref:`ch-decentralization`):

- **leader selection** by round robin, by a stake-weighted lottery (Metis's rule, with its
  real minimum and maximum lock) and by the L1 proposer (based sequencing): schedules, the
  distribution of turns, streaks, and the wait until a given set of operators leads, both
  simulated (vectorised over paths) and in closed form;
- **BFT committees**: the quorum ``floor(2n/3) + 1``, the safety and liveness thresholds, and
  the probability that a committee halts (or loses safety) when members fail independently
  and with a common shock (a shared cloud region or client bug);
- **concentration**: Nakamoto coefficients and the Herfindahl-Hirschman index;
- **censorship**: the waiting time of a transaction that some leaders censor, with forced
  inclusion as the backstop;
- **liveness against decentralization**: one sequencer with failover, a rotating set and a
  BFT committee on the same failure assumptions;
- **preconfirmations**: a preconfer's collateral against the value of breaking its promises.

Examples
--------
>>> round(committee_halt_probability(4, 0.1), 6)   # halts if 2 or more of 4 are offline
0.0523
>>> nakamoto_coefficient([100, 100, 100, 100, 25, 25, 25, 25, 25, 25, 25])
2
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from seqlearn import params
from seqlearn import slashing
from seqlearn import stability
from seqlearn import validation as v

__all__ = [
    "RULES",
    "MAX_COMMITTEE",
    "MAX_DRAWS",
    "MAX_HOLDERS",
    "leader_schedule",
    "turn_counts",
    "turn_distribution",
    "longest_streak",
    "expected_streaks",
    "WaitDistribution",
    "wait_for_leader",
    "simulate_wait_for_leader",
    "metis_selection_probabilities",
    "BFTThresholds",
    "bft_thresholds",
    "binomial_tail",
    "committee_halt_probability",
    "committee_halt_probability_with_shock",
    "committee_safety_failure_probability",
    "simulate_committee_halts",
    "nakamoto_coefficient",
    "hhi",
    "Concentration",
    "concentration",
    "astria_genesis_stakes",
    "espresso_max_top_share",
    "CensorshipWait",
    "censorship_wait",
    "DesignMetrics",
    "compare_designs",
    "compare_designs_from_cluster",
    "PreconfDeterrence",
    "preconf_deterrence",
]

#: Leader-selection rules: a fixed rotation, a stake-weighted lottery run by the rollup, and
#: the L1 proposer of each slot (based sequencing; also a stake-weighted draw, over L1 stake).
RULES: tuple[str, ...] = ("round_robin", "lottery", "based")
#: Largest number of simulated draws (paths times slots or epochs) one call may make.
MAX_DRAWS: int = 10_000_000
#: Largest committee the exact binomial sums accept.
MAX_COMMITTEE: int = 1_000_000
_EXACT_N = 1000  # up to this size binomial sums use exact coefficients (math.comb)
#: Largest number of stake holders the exact (rational) concentration measures accept.
MAX_HOLDERS: int = 1_000_000


# --------------------------------------------------------------------------------------
# Leader selection
# --------------------------------------------------------------------------------------

def _weights(name: str, weights: Any) -> np.ndarray:
    w = v.array(name, weights, ndim=1, lo=0.0, max_size=MAX_HOLDERS)
    if not w.sum() > 0:
        raise v.fail(name, "stakes with a positive total", weights)
    return w


def _rule(rule: Any) -> str:
    return v.option("rule", rule, RULES)


def _target(name: str, target: Any, n: int, *, allow_empty: bool = False) -> np.ndarray:
    """A set of operators given as indices (int or list of ints): a boolean mask."""
    mask = np.zeros(n, dtype=bool)
    if allow_empty and isinstance(target, (list, tuple)) and len(target) == 0:
        return mask
    idx = np.atleast_1d(v.array(name, target, lo=0, hi=n - 1, integer=True))
    if idx.ndim != 1:
        raise v.fail(name, "an operator index or a list of indices", target)
    mask[idx] = True
    return mask


def leader_schedule(weights: Sequence[float], n_slots: int, *, rule: str = "lottery",
                    n_paths: int = 1, seed: int = 0) -> np.ndarray:
    """Who leads each slot: an array of operator indices, shape ``(n_paths, n_slots)``.

    ``round_robin`` cycles through the operators in order, starting at a random phase on
    each path (stake is ignored except that a zero-stake operator is skipped);
    ``lottery`` and ``based`` draw each slot's leader independently with probability
    proportional to stake (for ``based``, ``weights`` are the L1 proposers' stakes).

    Parameters
    ----------
    weights : sequence of float
        Stake of each operator (>= 0, positive total).
    n_slots : int
        Slots per path.
    rule : {"round_robin", "lottery", "based"}
    n_paths : int
        Independent paths (vectorised).
    seed : int
        Seed of the random generator.

    Examples
    --------
    >>> leader_schedule([1, 1, 1], 5, rule="round_robin", seed=0)
    array([[2, 0, 1, 2, 0]])
    >>> s = leader_schedule([3, 1], 100_000, seed=1)
    >>> round(float((s == 0).mean()), 2)
    0.75
    """
    w = _weights("weights", weights)
    n_slots = v.count("n_slots", n_slots)
    n_paths = v.count("n_paths", n_paths)
    rule = _rule(rule)
    rng = np.random.default_rng(v.seed("seed", seed))
    v.budget("n_paths * n_slots", n_paths * n_slots, hi=MAX_DRAWS)
    if rule == "round_robin":
        active = np.flatnonzero(w > 0)
        phase = rng.integers(0, active.size, size=(n_paths, 1))
        pos = (phase + np.arange(n_slots)[None, :]) % active.size
        return active[pos]
    cum = np.cumsum(w / w.sum())
    cum[-1] = 1.0
    u = rng.random((n_paths, n_slots))
    return np.searchsorted(cum, u, side="right")


def turn_counts(schedule: Any, n_operators: int) -> np.ndarray:
    """Turns of each operator on each path: shape ``(n_paths, n_operators)``.

    Examples
    --------
    >>> turn_counts([[0, 1, 1, 2]], 3)
    array([[1, 2, 1]])
    """
    n_operators = v.count("n_operators", n_operators)
    s = v.array("schedule", schedule, ndim=2, lo=0, hi=n_operators - 1, integer=True)
    v.budget("n_paths * n_operators", s.shape[0] * n_operators)
    offset = np.arange(s.shape[0])[:, None] * n_operators
    flat = np.bincount((s + offset).ravel(), minlength=s.shape[0] * n_operators)
    return flat.reshape(s.shape[0], n_operators)


def turn_distribution(weights: Sequence[float], n_slots: int, operator: int, *,
                      rule: str = "lottery") -> np.ndarray:
    """Closed-form distribution of the number of turns of ``operator`` in ``n_slots`` slots.

    Returns ``pmf`` of length ``n_slots + 1``: ``pmf[k]`` is the probability of exactly
    ``k`` turns. Under a lottery it is binomial with the operator's stake share; under
    round robin with a random phase it takes the two values ``floor(n_slots/m)`` and
    ``ceil(n_slots/m)`` (``m`` operators with stake).

    Examples
    --------
    >>> turn_distribution([1, 1], 2, 0).round(3).tolist()
    [0.25, 0.5, 0.25]
    >>> turn_distribution([1, 1, 1], 4, 0, rule="round_robin").round(3).tolist()
    [0.0, 0.667, 0.333, 0.0, 0.0]
    """
    w = _weights("weights", weights)
    n_slots = v.count("n_slots", n_slots, hi=MAX_COMMITTEE)
    operator = v.integer("operator", operator, lo=0, hi=w.size - 1)
    rule = _rule(rule)
    pmf = np.zeros(n_slots + 1)
    if w[operator] == 0:
        pmf[0] = 1.0
        return pmf
    if rule == "round_robin":
        m = int((w > 0).sum())
        base, extra = divmod(n_slots, m)
        pmf[base] += 1.0 - extra / m
        if extra:
            pmf[base + 1] += extra / m
        return pmf
    return _binomial_pmf(n_slots, float(w[operator] / w.sum()))


def _log_binom_coefficients(n: int) -> np.ndarray:
    """``log C(n, k)`` for k = 0..n, by a cumulative sum (vectorised, stable)."""
    k = np.arange(1, n + 1, dtype=np.float64)
    return np.concatenate(([0.0], np.cumsum(np.log((n - k + 1) / k))))


def _binomial_pmf(n: int, p: float) -> np.ndarray:
    if p <= 0.0:
        out = np.zeros(n + 1)
        out[0] = 1.0
        return out
    if p >= 1.0:
        out = np.zeros(n + 1)
        out[-1] = 1.0
        return out
    k = np.arange(n + 1, dtype=np.float64)
    logp = _log_binom_coefficients(n) + k * math.log(p) + (n - k) * math.log1p(-p)
    return np.exp(logp)


def longest_streak(schedule: Any) -> np.ndarray:
    """Longest run of consecutive slots with the same leader, on each path.

    Examples
    --------
    >>> longest_streak([[0, 0, 1, 1, 1, 0], [2, 2, 2, 2, 2, 2]]).tolist()
    [3, 6]
    """
    s = v.array("schedule", schedule, ndim=2, lo=0, integer=True, max_size=MAX_DRAWS)
    n_paths, n = s.shape
    change = np.ones((n_paths, n), dtype=bool)
    change[:, 1:] = s[:, 1:] != s[:, :-1]
    # index of the start of the run each slot belongs to, then run length = i - start + 1
    idx = np.where(change, np.arange(n)[None, :], 0)
    start = np.maximum.accumulate(idx, axis=1)
    return (np.arange(n)[None, :] - start + 1).max(axis=1)


def expected_streaks(share: float, k: int, n_slots: int) -> float:
    """Expected number of maximal runs of at least ``k`` consecutive slots led by one
    operator with stake ``share``, in ``n_slots`` lottery slots.

    A run starts at the first slot or after a slot the operator did not lead, so

    .. math:: E = s^k + (n - k)(1 - s)s^k \\qquad (n \\ge k),

    and ``0`` when ``k > n``.

    Examples
    --------
    >>> round(expected_streaks(0.5, 2, 10), 4)
    1.25
    """
    s = v.probability("share", share)
    k = v.count("k", k)
    n = v.count("n_slots", n_slots)
    if k > n:
        return 0.0
    return float(s**k + (n - k) * (1.0 - s) * s**k)


@dataclass(frozen=True)
class WaitDistribution:
    """Slots until a leader from a target set leads (the current slot counts as 1).

    Attributes
    ----------
    pmf : numpy.ndarray
        ``pmf[j]`` is the probability that the wait is ``j + 1`` slots, for the first
        ``max_slots`` slots.
    beyond : float
        Probability that no target operator leads within ``max_slots`` slots.
    share : float
        Target operators' share of the selection (stake share, or share of the rotation).
    mean_slots : float
        Mean wait without a cap (``inf`` if a target may never lead).
    """

    pmf: np.ndarray
    beyond: float
    share: float
    mean_slots: float

    def capped_mean(self) -> float:
        """Mean of ``min(wait, max_slots)``: the wait if a backstop fires after
        ``max_slots`` slots."""
        j = np.arange(1, self.pmf.size + 1)
        return float((j * self.pmf).sum() + self.pmf.size * self.beyond)


def _rr_waits(mask: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Wait (slots) from each phase of the rotation until a target operator leads."""
    m = active.size
    hit = mask[active]
    if not hit.any():
        return np.full(m, np.inf)
    nxt = np.empty(m)
    # scan the rotation twice backwards: distance to the next hit, counting this slot as 1
    d = math.inf
    for i in range(2 * m - 1, -1, -1):
        d = 1 if hit[i % m] else d + 1
        if i < m:
            nxt[i] = d
    return nxt


def wait_for_leader(weights: Sequence[float], target: Any, *, rule: str = "lottery",
                    max_slots: int = 1000) -> WaitDistribution:
    """Closed-form distribution of the slots until an operator in ``target`` leads.

    A transaction arrives at a random slot. Under a lottery (or based sequencing) each
    slot's leader is in the target set with probability equal to its stake share ``s``,
    independently, so the wait is geometric, ``P(W = j) = (1-s)^{j-1} s``, with mean
    ``1/s``. Under round robin the wait depends only on where in the rotation the
    transaction arrives, uniformly over the rotation's phases.

    Parameters
    ----------
    weights : sequence of float
        Stake of each operator.
    target : int or sequence of int
        The operator(s) waited for (for censorship: the honest ones).
    rule : {"round_robin", "lottery", "based"}
    max_slots : int
        Length of the returned ``pmf``.

    Examples
    --------
    >>> d = wait_for_leader([1, 1, 1, 1], 0, max_slots=50)
    >>> d.mean_slots, round(float(d.pmf[0]), 2)
    (4.0, 0.25)
    >>> wait_for_leader([1, 1, 1, 1], 0, rule="round_robin").mean_slots
    2.5
    """
    w = _weights("weights", weights)
    mask = _target("target", target, w.size)
    rule = _rule(rule)
    max_slots = v.count("max_slots", max_slots, hi=MAX_COMMITTEE)
    j = np.arange(1, max_slots + 1)
    if rule == "round_robin":
        active = np.flatnonzero(w > 0)
        waits = _rr_waits(mask, active)
        share = float(mask[active].mean())
        pmf = np.array([(waits == k).mean() for k in range(1, min(max_slots, active.size) + 1)])
        pmf = np.concatenate((pmf, np.zeros(max_slots - pmf.size)))
        mean = float(waits.mean())
        beyond = float((waits > max_slots).mean())
    else:
        share = float(w[mask].sum() / w.sum())
        pmf = share * (1.0 - share) ** (j - 1)
        mean = 1.0 / share if share > 0 else math.inf
        beyond = (1.0 - share) ** max_slots
    return WaitDistribution(pmf, float(beyond), share, mean)


def simulate_wait_for_leader(weights: Sequence[float], target: Any, *, rule: str = "lottery",
                             max_slots: int = 1000, n_paths: int = 10_000,
                             seed: int = 0) -> np.ndarray:
    """Simulated slots until an operator in ``target`` leads, one value per path.

    Vectorised over paths: each path draws its schedule of ``max_slots`` slots at once.
    A path on which no target leads within ``max_slots`` slots gets ``max_slots + 1``.

    Examples
    --------
    >>> w = simulate_wait_for_leader([1, 1, 1, 1], 0, max_slots=200, n_paths=20_000,
    ...                              seed=3)
    >>> round(float(w.mean()), 1)
    4.0
    """
    w = _weights("weights", weights)
    mask = _target("target", target, w.size)
    sched = leader_schedule(w, max_slots, rule=rule, n_paths=n_paths, seed=seed)
    hit = mask[sched]
    first = hit.argmax(axis=1) + 1
    return np.where(hit.any(axis=1), first, max_slots + 1)


def metis_selection_probabilities(locked: Sequence[float]) -> np.ndarray:
    """Each Metis sequencer's chance to be picked for a span: locked METIS over the total.

    Metis's rotation draws the sequencer of each span with probability proportional to
    voting power, which is the locked METIS. A sequencer must lock between the contract's
    minimum and maximum (``metis.min_lock``, ``metis.max_lock`` in :mod:`seqlearn.params`),
    so no single sequencer's weight exceeds five times another's; one operator can still
    run several sequencers.

    Raises
    ------
    ValueError
        If a lock lies outside ``[min_lock, max_lock]``.

    Examples
    --------
    >>> metis_selection_probabilities([20_000, 100_000, 80_000]).tolist()
    [0.1, 0.5, 0.4]
    """
    lo, hi = params.value("metis.min_lock"), params.value("metis.max_lock")
    w = v.array("locked", locked, ndim=1, lo=lo, hi=hi, max_size=MAX_HOLDERS)
    return w / w.sum()


# --------------------------------------------------------------------------------------
# BFT committees
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BFTThresholds:
    """The quorum of an ``n``-member BFT committee and the failures it tolerates.

    Attributes
    ----------
    n, quorum : int
        Committee size and votes needed, ``floor(2n/3) + 1``.
    liveness_tolerance : int
        Members that may be offline (or silent) with the chain still finalising:
        ``n - quorum``.
    safety_tolerance : int
        Byzantine members tolerated before two conflicting blocks can both be finalised:
        two quorums overlap in ``2 quorum - n`` members, so ``2 quorum - n - 1``.
    """

    n: int
    quorum: int
    liveness_tolerance: int
    safety_tolerance: int


def bft_thresholds(n: int) -> BFTThresholds:
    """Quorum and fault tolerances of an ``n``-member committee with quorum
    ``floor(2n/3) + 1`` (equal votes).

    Examples
    --------
    >>> bft_thresholds(4)
    BFTThresholds(n=4, quorum=3, liveness_tolerance=1, safety_tolerance=1)
    >>> bft_thresholds(3)      # three equal members: every one must vote
    BFTThresholds(n=3, quorum=3, liveness_tolerance=0, safety_tolerance=2)
    """
    n = v.count("n", n, hi=MAX_COMMITTEE)
    q = (2 * n) // 3 + 1
    return BFTThresholds(n, q, n - q, 2 * q - n - 1)


def binomial_tail(n: int, p: float, k: int) -> float:
    """``P(X >= k)`` for ``X ~ Binomial(n, p)``, summed term by term in log space.

    Every term is computed as ``exp(log C(n, j) + j log p + (n-j) log(1-p))`` and the
    shorter side of the sum is used, so tiny tails keep their relative precision.

    Examples
    --------
    >>> binomial_tail(4, 0.5, 3)
    0.3125
    """
    n = v.count("n", n, hi=MAX_COMMITTEE)
    p = v.probability("p", p)
    k = v.integer("k", k)
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    if n <= _EXACT_N:
        # exact binomial coefficients: each term is correct to a few ulp
        q = 1.0 - p
        lo_side = k > n - k + 1
        js = range(k, n + 1) if not lo_side else range(0, k)
        terms = [float(math.comb(n, i)) * p**i * q ** (n - i) for i in js]
        out = math.fsum(terms) if not lo_side else 1.0 - math.fsum(terms)
        return float(min(1.0, max(0.0, out)))
    j = np.arange(n + 1, dtype=np.float64)
    logp = _log_binom_coefficients(n) + j * math.log(p) + (n - j) * math.log1p(-p)
    upper, lower = logp[k:], logp[:k]

    def lse(x: np.ndarray) -> float:
        m = float(x.max())
        return math.exp(m) * math.fsum(np.exp(x - m))

    if upper.size <= lower.size:
        out = lse(upper)
    else:
        out = 1.0 - lse(lower)
    return float(min(1.0, max(0.0, out)))


def committee_halt_probability(n: int, p_offline: float) -> float:
    """Probability that an ``n``-member BFT committee cannot reach its quorum.

    Members are offline independently with probability ``p_offline``; the committee halts
    when fewer than ``floor(2n/3) + 1`` are online. The binomial sum is exact (computed in
    log space, see :func:`binomial_tail`).

    Parameters
    ----------
    n : int
        Committee size, 1 to :data:`MAX_COMMITTEE`.
    p_offline : float
        Probability that one member is offline, in [0, 1].

    Returns
    -------
    float
        ``P(online < floor(2n/3) + 1)``.

    Examples
    --------
    >>> round(committee_halt_probability(3, 0.1), 6)   # needs all three
    0.271
    >>> float(f"{committee_halt_probability(100, 0.1):.3g}")
    7e-11
    """
    t = bft_thresholds(n)
    p = v.probability("p_offline", p_offline)
    # halts when offline >= n - quorum + 1
    return binomial_tail(t.n, p, t.liveness_tolerance + 1)


def committee_halt_probability_with_shock(n: int, p_offline: float, shock_probability: float,
                                          shock_members: int) -> float:
    """Halt probability when a common shock can take ``shock_members`` down together.

    With probability ``shock_probability`` a common cause (one cloud region, one client
    release) takes down a fixed group of ``shock_members`` members at once; the others,
    and the group when there is no shock, fail independently with ``p_offline``:

    .. math:: P = (1-\\pi)\\,H(n, p) + \\pi\\,P(\\text{offline among the other } n - m
              \\ge n - q + 1 - m).

    Examples
    --------
    >>> round(committee_halt_probability_with_shock(10, 0.01, 0.01, 4), 6)
    0.010002
    >>> committee_halt_probability_with_shock(10, 0.01, 0.0, 4) == \\
    ...     committee_halt_probability(10, 0.01)
    True
    """
    t = bft_thresholds(n)
    p = v.probability("p_offline", p_offline)
    pi = v.probability("shock_probability", shock_probability)
    m = v.integer("shock_members", shock_members, lo=0, hi=t.n)
    base = committee_halt_probability(t.n, p)
    if pi == 0.0:
        return base
    need = t.liveness_tolerance + 1 - m
    rest = t.n - m
    shocked = 1.0 if need <= 0 else (0.0 if rest == 0 else binomial_tail(rest, p, need))
    return float((1.0 - pi) * base + pi * shocked)


def committee_safety_failure_probability(n: int, p_byzantine: float, *,
                                         shock_probability: float = 0.0,
                                         shock_members: int = 0) -> float:
    """Probability that enough members are Byzantine for two quorums to finalise
    conflicting blocks: ``P(byzantine >= 2 quorum - n)``, each member Byzantine
    independently with ``p_byzantine``.

    A common shock (a client bug that makes a group sign conflicting blocks, one key
    custodian compromised) turns a fixed group of ``shock_members`` Byzantine at once with
    probability ``shock_probability``, as in :func:`committee_halt_probability_with_shock`.

    Examples
    --------
    >>> round(committee_safety_failure_probability(4, 0.1), 4)
    0.0523
    >>> committee_safety_failure_probability(10, 0.0, shock_probability=0.01,
    ...                                      shock_members=4)
    0.01
    """
    t = bft_thresholds(n)
    p = v.probability("p_byzantine", p_byzantine)
    pi = v.probability("shock_probability", shock_probability)
    m = v.integer("shock_members", shock_members, lo=0, hi=t.n)
    base = binomial_tail(t.n, p, t.safety_tolerance + 1)
    if pi == 0.0:
        return base
    need = t.safety_tolerance + 1 - m
    rest = t.n - m
    shocked = 1.0 if need <= 0 else (0.0 if rest == 0 else binomial_tail(rest, p, need))
    return float((1.0 - pi) * base + pi * shocked)


def simulate_committee_halts(n: int, p_offline: float, *, shock_probability: float = 0.0,
                             shock_members: int = 0, n_epochs: int = 365,
                             n_paths: int = 1000, seed: int = 0) -> np.ndarray:
    """Simulated halts of an ``n``-member committee: a boolean array
    ``(n_paths, n_epochs)``, ``True`` where the epoch had no quorum.

    In each epoch a common shock hits with ``shock_probability`` and takes the first
    ``shock_members`` members down; every member is otherwise offline independently with
    ``p_offline``. Vectorised over paths and epochs: the number of offline members is drawn
    from its binomial distribution (the distribution of the sum of the members' independent
    draws) by inverting its cumulative distribution, and redrawn for the shocked epochs as
    the whole group plus a binomial draw for the others. Its mean approaches
    :func:`committee_halt_probability_with_shock`.

    Examples
    --------
    >>> h = simulate_committee_halts(4, 0.1, n_epochs=1000, n_paths=200, seed=1)
    >>> h.shape, round(float(h.mean()), 2)
    ((200, 1000), 0.05)
    """
    t = bft_thresholds(n)
    p = v.probability("p_offline", p_offline)
    pi = v.probability("shock_probability", shock_probability)
    m = v.integer("shock_members", shock_members, lo=0, hi=t.n)
    n_epochs = v.count("n_epochs", n_epochs)
    n_paths = v.count("n_paths", n_paths)
    v.budget("n_paths * n_epochs", n_paths * n_epochs, hi=MAX_DRAWS)
    rng = np.random.default_rng(v.seed("seed", seed))
    size = (n_paths, n_epochs)
    # inverse-CDF draws of the number offline, from the exact binomial pmf
    cdf = np.cumsum(_binomial_pmf(t.n, p))
    offline = np.searchsorted(cdf, rng.random(size) * cdf[-1], side="right")
    if pi > 0 and m:
        hit = rng.random(size) < pi          # shocked epochs: redraw only those
        cdf_rest = np.cumsum(_binomial_pmf(t.n - m, p))
        u = rng.random(int(hit.sum())) * cdf_rest[-1]
        offline[hit] = m + np.searchsorted(cdf_rest, u, side="right")
    return offline > t.liveness_tolerance


# --------------------------------------------------------------------------------------
# Concentration
# --------------------------------------------------------------------------------------

def _exact_threshold(threshold: Any) -> Fraction:
    if isinstance(threshold, Fraction):
        t = threshold
        v.real("threshold", float(t), lo=0.0, hi=1.0, lo_open=True, hi_open=True)
        return t
    x = v.real("threshold", threshold, lo=0.0, hi=1.0, lo_open=True, hi_open=True)
    exact = Fraction(x)
    simple = exact.limit_denominator(10**6)
    return simple if abs(simple - exact) < Fraction(1, 10**12) else exact


def _exact_stakes(stakes: Any) -> list[Fraction] | list[int]:
    arr = np.asarray(stakes) if not isinstance(stakes, np.ndarray) else stakes
    integer = arr.dtype.kind in ("i", "u")
    w = v.array("stakes", stakes, ndim=1, lo=0.0, max_size=MAX_HOLDERS, integer=integer)
    vals = sorted((int(x) for x in w.tolist()) if integer else (Fraction(x) for x in w.tolist()),
                  reverse=True)
    if sum(vals) <= 0:
        raise v.fail("stakes", "stakes with a positive total", stakes)
    return vals


def nakamoto_coefficient(stakes: Sequence[float], threshold: float = 1 / 3) -> int:
    """Smallest number of the largest holders whose stake is strictly more than
    ``threshold`` of the total.

    With ``threshold = 1/3`` it counts the holders who together can halt a BFT committee
    (more than a third of the votes); with ``2/3`` those who can finalise alone.

    The comparison is exact: integer stakes are summed as integers and float stakes as
    exact fractions of their binary values, and a float threshold within ``1e-12`` of a
    fraction with denominator up to a million is read as that fraction, so ``1/3`` means
    exactly a third and ties at the threshold do not count.

    Parameters
    ----------
    stakes : sequence of int or float
        Non-negative stakes (or voting powers) with a positive total.
    threshold : float or fractions.Fraction
        In (0, 1).

    Examples
    --------
    >>> nakamoto_coefficient([1, 1, 1])         # one third is not more than a third
    2
    >>> nakamoto_coefficient([100] * 4 + [25] * 7, threshold=2/3)
    4
    >>> nakamoto_coefficient([5])
    1
    """
    t = _exact_threshold(threshold)
    vals = _exact_stakes(stakes)
    total = sum(vals)
    acc = 0
    for i, s in enumerate(vals, start=1):
        acc += s
        if acc * t.denominator > t.numerator * total:
            return i
    return len(vals)  # pragma: no cover - the whole set always exceeds a share < 1


def hhi(stakes: Sequence[float]) -> float:
    """Herfindahl-Hirschman index: the sum of squared stake shares, in ``[1/n, 1]``.

    Antitrust practice often quotes it times 10,000; ``1/hhi`` is the *effective number*
    of equal holders with the same concentration.

    Examples
    --------
    >>> hhi([1, 1, 1, 1])
    0.25
    >>> hhi([9, 1])
    0.82
    """
    vals = _exact_stakes(stakes)
    total = sum(vals)
    return float(sum(Fraction(s) ** 2 for s in vals) / Fraction(total) ** 2)


@dataclass(frozen=True)
class Concentration:
    """Concentration measures of one stake distribution.

    Attributes
    ----------
    holders : int
        Holders with positive stake.
    largest_share : float
    nakamoto_halt : int
        Nakamoto coefficient at 1/3 (can halt a BFT committee).
    nakamoto_control : int
        Nakamoto coefficient at 2/3 (can finalise alone).
    hhi : float
    effective_number : float
        ``1 / hhi``.
    """

    holders: int
    largest_share: float
    nakamoto_halt: int
    nakamoto_control: int
    hhi: float
    effective_number: float


def concentration(stakes: Sequence[float]) -> Concentration:
    """All concentration measures of ``stakes`` at once.

    Examples
    --------
    >>> c = concentration(astria_genesis_stakes())
    >>> c.nakamoto_halt, c.nakamoto_control, round(c.largest_share, 3)
    (2, 4, 0.174)
    """
    vals = _exact_stakes(stakes)
    total = sum(vals)
    h = hhi(stakes)
    return Concentration(sum(1 for s in vals if s > 0), float(Fraction(vals[0]) / total),
                         nakamoto_coefficient(stakes, Fraction(1, 3)),
                         nakamoto_coefficient(stakes, Fraction(2, 3)), h, 1.0 / h)


def astria_genesis_stakes(by_operator: bool = False) -> list[int]:
    """Voting powers of Astria's mainnet genesis validators (from :mod:`seqlearn.params`).

    Four Astria-run validators with 100 votes each and seven external operators with 25;
    with ``by_operator=True`` Astria's four nodes are merged into one holder.

    Examples
    --------
    >>> astria_genesis_stakes()
    [100, 100, 100, 100, 25, 25, 25, 25, 25, 25, 25]
    >>> astria_genesis_stakes(by_operator=True)
    [400, 25, 25, 25, 25, 25, 25, 25]
    """
    by_operator = v.boolean("by_operator", by_operator)
    own = int(params.value("astria.genesis_astria_nodes"))
    ext = int(params.value("astria.genesis_validators")) - own
    a, e = int(params.value("astria.genesis_astria_power")), \
        int(params.value("astria.genesis_external_power"))
    return ([own * a] if by_operator else [a] * own) + [e] * ext


def espresso_max_top_share(n_validators: int | None = None,
                           min_ratio: float | None = None) -> float:
    """Largest share of active stake one Espresso validator can hold under the top-100
    rule with a minimum of 1/1000 of the largest stake (defaults from params).

    The others can be as small as ``min_ratio`` times the largest, so the largest holds at
    most ``1 / (1 + (n - 1) min_ratio)``: the rule alone does not bound concentration.

    Examples
    --------
    >>> round(espresso_max_top_share(), 3)
    0.91
    """
    n = int(params.value("espresso.max_validators")) if n_validators is None else \
        v.count("n_validators", n_validators, hi=MAX_HOLDERS)
    r = float(params.value("espresso.min_stake_ratio")) if min_ratio is None else \
        v.probability("min_ratio", min_ratio)
    return 1.0 / (1.0 + (n - 1) * r)


# --------------------------------------------------------------------------------------
# Censorship
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CensorshipWait:
    """Time until a censored transaction is included.

    Attributes
    ----------
    mean_seconds : float
        Mean time to inclusion, with forced inclusion as the backstop.
    p_backstop : float
        Probability that the transaction waits for the backstop (no honest leader first).
    q99_seconds : float
        99th percentile of the time to inclusion.
    mean_without_backstop : float
        Mean time if there were no forced inclusion (``inf`` if every leader censors).
    """

    mean_seconds: float
    p_backstop: float
    q99_seconds: float
    mean_without_backstop: float


def censorship_wait(weights: Sequence[float], censoring: Any, *, rule: str = "lottery",
                    slot_seconds: float = 2.0, forced_inclusion_seconds: float = 86_400.0
                    ) -> CensorshipWait:
    """Time until a transaction that the ``censoring`` operators refuse is included.

    Leaders outside ``censoring`` include it in their first slot. After
    ``forced_inclusion_seconds`` the user's forced-inclusion path through the L1 includes it
    whoever leads (chapter 1). With ``K = floor(F / slot)`` slots before the backstop, the
    time is ``min(W slot, F)`` for the wait ``W`` of :func:`wait_for_leader`.

    Parameters
    ----------
    weights : sequence of float
        Stakes of the operators (for ``based``: of the L1 proposers).
    censoring : int or sequence of int
        Indices of the censoring operators (may be empty: ``[]``).
    rule : {"round_robin", "lottery", "based"}
    slot_seconds : float
        Length of a leader's slot (12 s for based sequencing on Ethereum).
    forced_inclusion_seconds : float
        Delay of the forced-inclusion backstop.

    Examples
    --------
    >>> c = censorship_wait([1, 1, 1, 1], [0, 1], slot_seconds=2.0)
    >>> c.mean_seconds, c.p_backstop
    (4.0, 0.0)
    >>> c = censorship_wait([1], [0], slot_seconds=2.0, forced_inclusion_seconds=3600.0)
    >>> c.mean_seconds, c.p_backstop
    (3600.0, 1.0)
    """
    w = _weights("weights", weights)
    cmask = _target("censoring", censoring, w.size, allow_empty=True)
    slot = v.positive("slot_seconds", slot_seconds, hi=86_400.0)
    f = v.positive("forced_inclusion_seconds", forced_inclusion_seconds,
                   hi=10 * 365 * 86_400.0)
    k = int(f // slot)
    v.count("forced_inclusion_seconds / slot_seconds", max(k, 1), hi=MAX_COMMITTEE)
    honest = np.flatnonzero(~cmask)
    if honest.size == 0 or w[honest].sum() == 0:
        return CensorshipWait(f, 1.0, f, math.inf)
    d = wait_for_leader(w, honest, rule=rule, max_slots=max(k, 1))
    pmf = d.pmf[:k] if k else np.zeros(0)
    t = np.arange(1, pmf.size + 1) * slot
    p_back = d.beyond if k else 1.0
    mean = math.fsum(t * pmf) + p_back * f
    cdf = np.cumsum(pmf)
    i = int(np.searchsorted(cdf, 0.99 - 1e-12))
    q99 = float(t[i]) if i < t.size else f
    return CensorshipWait(mean, p_back, q99, d.mean_slots * slot)


# --------------------------------------------------------------------------------------
# Liveness against decentralization
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DesignMetrics:
    """One design's availability, speed, reorg risk and cost (all per the stated model).

    Attributes
    ----------
    design : str
    operators : int
        Machines that must be run.
    availability : float
        Long-run share of time the chain produces blocks.
    finality_seconds : float
        Time until a block cannot be reorganised by the sequencing layer (before L1).
    reorg_probability : float
        Probability per failure event (single, rotating) or per block (committee) that
        blocks a user saw are reorganised.
    cost_per_year : float
        ``operators * node_cost_per_year``.
    """

    design: str
    operators: int
    availability: float
    finality_seconds: float
    reorg_probability: float
    cost_per_year: float


def compare_designs(n: int = 4, p_offline: float = 0.01, *, shock_probability: float = 0.0,
                    shock_members: int = 0, block_seconds: float = 2.0,
                    failover_seconds: float = 120.0, failures_per_year: float = 12.0,
                    failover_reorg_probability: float = 0.05,
                    p_byzantine: float = 0.0, node_cost_per_year: float = 1.0
                    ) -> list[DesignMetrics]:
    """Compare one sequencer with failover, a rotating set and a BFT committee.

    A simple, input-driven model (every number is an input; none is a protocol fact):

    - **single with failover**: ``n`` replicas of one operator (a crash-fault-tolerant
      cluster, like OP Conductor's Raft); the chain stops only if all replicas are down
      (``p^n``, or the common shock), and for ``failover_seconds`` at each of
      ``failures_per_year`` failovers. A failover reorganises unsafe blocks with
      ``failover_reorg_probability``. Finality before L1: one block, on the operator's
      word.
    - **rotating set**: ``n`` independent operators lead in turn; an offline leader's slot
      is lost, so availability is ``1 - p`` per slot (or lower under a shock). There is no
      consensus, so a leader's blocks can be reorganised by the next one until L1 settles
      them; the reorg risk is the chance that the next leader is offline or Byzantine.
      Finality: one rotation's worth of slots.
    - **BFT committee**: ``n`` members vote on every block; the chain halts when fewer than
      a quorum are online (:func:`committee_halt_probability_with_shock`). Finality: one
      block; reorg only if the Byzantine members break safety.

    Examples
    --------
    >>> rows = compare_designs(4, 0.01)
    >>> [r.design for r in rows]
    ['single + failover', 'rotating set', 'BFT committee']
    >>> round(rows[2].availability, 5)
    0.99941
    """
    t = bft_thresholds(n)
    p = v.probability("p_offline", p_offline)
    pi = v.probability("shock_probability", shock_probability)
    m = v.integer("shock_members", shock_members, lo=0, hi=t.n)
    block = v.positive("block_seconds", block_seconds, hi=86_400.0)
    fo = v.nonnegative("failover_seconds", failover_seconds, hi=365 * 86_400.0)
    rate = v.nonnegative("failures_per_year", failures_per_year, hi=1e6)
    fo_reorg = v.probability("failover_reorg_probability", failover_reorg_probability)
    pb = v.probability("p_byzantine", p_byzantine)
    cost = v.nonnegative("node_cost_per_year", node_cost_per_year, hi=1e15)
    year = 365 * 86_400.0
    # single operator: replicas share the operator, so a shock hits the whole cluster
    all_down = (1 - pi) * p**t.n + pi * (1.0 if m >= 1 else p**t.n)
    single_avail = max(0.0, 1.0 - all_down - min(1.0, rate * fo / year))
    # rotating set: share of slots with an online leader
    shock_share = m / t.n
    rot_avail = (1 - pi) * (1 - p) + pi * (1 - shock_share) * (1 - p)
    rot_reorg = 1.0 - (1.0 - p) * (1.0 - pb)
    halt = committee_halt_probability_with_shock(t.n, p, pi, m)
    safety = committee_safety_failure_probability(t.n, pb) if pb > 0 else 0.0
    return [
        DesignMetrics("single + failover", t.n, single_avail, block, fo_reorg, t.n * cost),
        DesignMetrics("rotating set", t.n, float(rot_avail), t.n * block, float(rot_reorg),
                      t.n * cost),
        DesignMetrics("BFT committee", t.n, 1.0 - halt, block, safety, t.n * cost),
    ]


def compare_designs_from_cluster(cluster: stability.Cluster, *, block_seconds: float = 2.0,
                                 failover_reorg_probability: float = 0.05,
                                 p_byzantine: float = 0.0,
                                 node_cost_per_year: float = 1.0) -> list[DesignMetrics]:
    """The three designs of :func:`compare_designs` on chapter 7's failure model.

    The single sequencer is the :class:`seqlearn.stability.Cluster` itself (a Raft cluster
    of ``n_replicas`` with failover and common-mode events), and its availability is
    :func:`seqlearn.stability.expected_downtime`. The rotating set and the BFT committee
    have as many machines, each down a share ``u = lambda r / (1 + lambda r)`` of the time
    (``lambda`` the cluster's failure rate, ``r`` its mean repair time), and the same
    common-mode events stop them too (a shared release or L1 provider; set
    ``common_rate=0`` for operators that share nothing):

    - rotating set: availability ``(1 - u)`` less the common-mode share;
    - BFT committee: ``1 - H(n, u)`` less the common-mode share.

    Examples
    --------
    >>> rows = compare_designs_from_cluster(stability.Cluster(n_replicas=3))
    >>> [round((1 - r.availability) * 525_960) for r in rows]   # minutes down a year
    [18, 135, 375]
    """
    c = v.instance("cluster", cluster, stability.Cluster)
    block = v.positive("block_seconds", block_seconds, hi=86_400.0)
    fo_reorg = v.probability("failover_reorg_probability", failover_reorg_probability)
    pb = v.probability("p_byzantine", p_byzantine)
    cost = v.nonnegative("node_cost_per_year", node_cost_per_year, hi=1e15)
    year = stability.MINUTES_PER_YEAR
    lam_r = c.failure_rate * c.repair_minutes / year
    u = lam_r / (1.0 + lam_r)
    common = min(1.0, c.common_rate * c.common_minutes / year)
    n = c.n_replicas
    single = stability.expected_downtime(c).availability
    rot_reorg = 1.0 - (1.0 - u) * (1.0 - pb)
    halt = committee_halt_probability(n, u)
    safety = committee_safety_failure_probability(n, pb) if pb > 0 else 0.0
    return [
        DesignMetrics("single + failover", n, max(0.0, single), block, fo_reorg, n * cost),
        DesignMetrics("rotating set", n, max(0.0, (1.0 - u) - common), n * block,
                      rot_reorg, n * cost),
        DesignMetrics("BFT committee", n, max(0.0, 1.0 - halt - common), block, safety,
                      n * cost),
    ]


# --------------------------------------------------------------------------------------
# Preconfirmations
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreconfDeterrence:
    """Whether a preconfer's collateral deters breaking its outstanding promises.

    Attributes
    ----------
    collateral : float
        Collateral at risk (ETH).
    gain : float
        What breaking all ``n_promises`` at once earns (ETH).
    deterrence : seqlearn.slashing.Deterrence
        The slashing model's verdict (expected penalty, whether it pays, deterrent stake).
    max_deterred_value_per_promise : float
        Largest value per promise the collateral still deters.
    """

    collateral: float
    gain: float
    deterrence: slashing.Deterrence
    max_deterred_value_per_promise: float


def preconf_deterrence(collateral: float, value_per_promise: float, n_promises: int = 1, *,
                       detection_probability: float = 1.0, slash_fraction: float = 1.0
                       ) -> PreconfDeterrence:
    """A preconfer's collateral against the value of breaking its promises.

    A preconfer that has promised ``n_promises`` transactions can break them all in the same
    block; it gains ``n_promises * value_per_promise`` and loses ``slash_fraction`` of its
    collateral if the broken promise is proven in time (``detection_probability``; with the
    URC the proof must arrive within its slash window). The verdict comes from
    :func:`seqlearn.slashing.deterrence` with no reporter reward.

    Examples
    --------
    >>> d = preconf_deterrence(1.0, 0.3, 5)      # the URC minimum, five promises
    >>> d.deterrence.attack_pays, d.max_deterred_value_per_promise
    (True, 0.2)
    """
    c = v.nonnegative("collateral", collateral, hi=1e15)
    val = v.nonnegative("value_per_promise", value_per_promise, hi=1e15)
    k = v.count("n_promises", n_promises)
    p = v.probability("detection_probability", detection_probability)
    f = v.probability("slash_fraction", slash_fraction)
    gain = v.finite_result("gain", val * k)
    d = slashing.deterrence(profit=gain, detection_probability=p, penalty=f,
                            reporter_share=0.0, stake=c, self_reporting=False)
    return PreconfDeterrence(c, float(gain), d, p * f * c / k)
