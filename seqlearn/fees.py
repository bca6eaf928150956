"""The L1 fee markets a rollup pays into, and what the rollup charges its users, exactly.

Everything here uses integer arithmetic as the specifications write it, so a number in the
book can be checked against a node to the wei:

* EIP-4844 blob fees with the per-fork blob schedule (Cancun, Prague, Osaka with the
  EIP-7918 reserve price, BPO1, BPO2): :func:`fake_exponential`, :func:`blob_base_fee`,
  :func:`next_excess_blob_gas`, and two fast simulators over many blocks,
  :func:`excess_path` (blob counts given) and :func:`simulate_blob_market` (blobs demanded
  as a function of the price, with bursts);
* the cost of a batch as calldata (with EIP-7623's floor) or as blobs, and the break-even;
* the OP Stack L1 data fee (Ecotone and Fjord forms, as ``GasPriceOracle`` computes it),
  the Isthmus operator fee and Jovian's minimum base fee;
* Arbitrum's L1 pricer, the price controller that sets the price per data unit from the
  batch-posting reports.

Which fork's schedule applies
-----------------------------
Every function that takes ``fork`` means *the fork of the block being computed*.
:func:`blob_base_fee` ``(excess, fork)`` is the base fee of a block whose header carries
``excess`` and which belongs to ``fork``. :func:`next_excess_blob_gas` takes the parent's
values and the *child's* fork: EIP-7918 and EIP-7892 say the current (child) block's blob
schedule is used, including for the parent's blob base fee in the reserve-price test, so
across a fork boundary the new target, maximum and update fraction apply from the first
block of the new fork.

Examples
--------
>>> fake_exponential(1, 10 * 3338477, 3338477)   # e**10 = 22026.47
22026
>>> blob_base_fee(0, "prague")                     # the 1-wei floor
1
>>> next_excess_blob_gas(0, 6 * 2**17, fork="prague")      # at target
0
>>> next_excess_blob_gas(0, 6 * 2**17, fork="osaka", base_fee_per_gas=10**9)
262144
>>> op_l1_fee(235, l1_base_fee=2 * 10**6, l1_blob_base_fee=3 * 10**6,
...           base_fee_scalar=20, blob_base_fee_scalar=15)
105484
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from seqlearn import params
from seqlearn import validation as v

__all__ = [
    "FORKS",
    "BlobSchedule",
    "blob_schedule",
    "fork_at",
    "fake_exponential",
    "blob_base_fee",
    "next_excess_blob_gas",
    "reserve_blob_base_fee",
    "BlobFeePath",
    "excess_path",
    "BlobDemand",
    "simulate_blob_market",
    "usable_blob_bytes",
    "calldata_gas",
    "calldata_cost",
    "blob_cost",
    "breakeven_blob_base_fee",
    "BatchPolicyResult",
    "batch_policy",
    "op_l1_fee",
    "op_l1_fee_ecotone",
    "op_operator_fee",
    "op_base_fee_with_minimum",
    "ArbitrumPricer",
    "PricerPath",
    "simulate_arbitrum_pricer",
]

#: The forks with a blob schedule, oldest first (lower-case names as in EIP-7840).
FORKS: tuple[str, ...] = ("cancun", "prague", "osaka", "bpo1", "bpo2")
#: Forks from which EIP-7918's reserve price applies.
_RESERVE_FORKS = frozenset({"osaka", "bpo1", "bpo2"})

GAS_PER_BLOB: int = int(params.value("ethereum.gas_per_blob"))
MIN_BASE_FEE_PER_BLOB_GAS: int = int(params.value("ethereum.blob.min_base_fee"))
BLOB_BASE_COST: int = int(params.value("ethereum.blob.base_cost"))
#: The largest excess blob gas accepted: far beyond any fee a block could pay (the fee
#: e**(excess / fraction) would exceed 10**400 wei), and it keeps fake_exponential fast.
MAX_EXCESS: int = 2**40
#: Largest exponent numerator / denominator accepted (the fee would exceed 10**434 wei).
MAX_EXPONENT: int = 1_000
#: Most blocks one simulation may run (about two years of 12-second slots).
MAX_BLOCKS: int = 5_000_000
#: Largest wei amount accepted (2**256 - 1, the EVM word).
MAX_WEI: int = 2**256 - 1


@dataclass(frozen=True)
class BlobSchedule:
    """The blob parameters of one fork (EIP-7840's ``blobSchedule`` entry).

    Attributes
    ----------
    fork : str
        Lower-case fork name.
    target, max : int
        Target and maximum blobs per block.
    update_fraction : int
        ``baseFeeUpdateFraction``.
    reserve_price : bool
        Whether EIP-7918's reserve price applies (Osaka onward).
    """

    fork: str
    target: int
    max: int
    update_fraction: int
    reserve_price: bool

    @property
    def target_blob_gas(self) -> int:
        """Target blob gas per block (``GAS_PER_BLOB * target``)."""
        return GAS_PER_BLOB * self.target

    @property
    def max_blob_gas(self) -> int:
        """Maximum blob gas per block (``GAS_PER_BLOB * max``)."""
        return GAS_PER_BLOB * self.max

    def max_step(self) -> tuple[float, float]:
        """Largest relative change of the blob base fee in one block: (up, down).

        A full block raises the excess by ``(max - target) * GAS_PER_BLOB``, an empty one
        lowers it by ``target * GAS_PER_BLOB``; the fee moves by e to that over the fraction.
        """
        up = math.exp((self.max - self.target) * GAS_PER_BLOB / self.update_fraction) - 1
        down = 1 - math.exp(-self.target * GAS_PER_BLOB / self.update_fraction)
        return up, down


def _fork(fork: object) -> str:
    return v.option("fork", fork, FORKS)


@lru_cache(maxsize=None)
def _schedule(fork: str) -> BlobSchedule:
    return BlobSchedule(
        fork=fork,
        target=int(params.value(f"ethereum.blob.{fork}.target")),
        max=int(params.value(f"ethereum.blob.{fork}.max")),
        update_fraction=int(params.value(f"ethereum.blob.{fork}.update_fraction")),
        reserve_price=fork in _RESERVE_FORKS)


def blob_schedule(fork: str) -> BlobSchedule:
    """The blob schedule of ``fork`` (from :mod:`seqlearn.params`, with sources).

    Parameters
    ----------
    fork : str
        ``"cancun"``, ``"prague"``, ``"osaka"``, ``"bpo1"`` or ``"bpo2"``.

    Returns
    -------
    BlobSchedule

    Raises
    ------
    ValueError
        For an unknown fork name (names are lower case).

    Examples
    --------
    >>> s = blob_schedule("bpo1")
    >>> s.target, s.max, s.update_fraction, s.reserve_price
    (10, 15, 8346193, True)
    >>> [round(100 * x, 1) for x in blob_schedule("cancun").max_step()]
    [12.5, 11.1]
    """
    return _schedule(_fork(fork))


def fork_at(timestamp: int) -> str:
    """The fork whose blob schedule applies to an Ethereum mainnet block at ``timestamp``.

    Parameters
    ----------
    timestamp : int
        Unix time of the block (seconds), at or after Cancun's activation.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        Before Cancun (no blobs) or for a negative or non-integer time.

    Examples
    --------
    >>> fork_at(1_765_290_071)       # the first BPO1 block
    'bpo1'
    >>> fork_at(1_765_290_070)
    'osaka'
    """
    t = v.integer("timestamp", timestamp, lo=0)
    start = int(params.value("ethereum.fork_time.cancun"))
    if t < start:
        raise v.fail("timestamp", f"a time at or after Cancun ({start})", timestamp)
    current = "cancun"
    for fork in FORKS:
        if t >= params.value(f"ethereum.fork_time.{fork}"):
            current = fork
    return current


def _fake_exponential(factor: int, numerator: int, denominator: int) -> int:
    # EIP-4844's Taylor series, transcribed as written.
    i = 1
    output = 0
    numerator_accum = factor * denominator
    while numerator_accum > 0:
        output += numerator_accum
        numerator_accum = (numerator_accum * numerator) // (denominator * i)
        i += 1
    return output // denominator


def fake_exponential(factor: int, numerator: int, denominator: int) -> int:
    """EIP-4844's integer approximation of ``factor * e ** (numerator / denominator)``.

    The Taylor series of the exponential, summed in integers: the accumulator starts at
    ``factor * denominator``, each term is the previous one times ``numerator`` over
    ``denominator * i`` (rounded down), and the sum is divided by ``denominator`` at the end.

    Parameters
    ----------
    factor : int
        Non-negative integer (``MIN_BASE_FEE_PER_BLOB_GAS`` for the blob fee).
    numerator : int
        Non-negative integer, at most 2**40 (the excess blob gas).
    denominator : int
        Positive integer (the update fraction).

    Returns
    -------
    int

    Raises
    ------
    TypeError, ValueError
        For non-integers, negative values, a zero denominator or a huge exponent.

    Examples
    --------
    >>> fake_exponential(1, 0, 3338477)
    1
    >>> fake_exponential(1, 3338477, 3338477)        # e = 2.718...
    2
    >>> fake_exponential(10**9, 3338477, 3338477)
    2718281828
    """
    f = v.integer("factor", factor, lo=0, hi=MAX_WEI)
    n = v.integer("numerator", numerator, lo=0, hi=MAX_EXCESS)
    d = v.integer("denominator", denominator, lo=1, hi=MAX_WEI)
    if n // d > MAX_EXPONENT:
        raise v.fail("numerator", f"at most {MAX_EXPONENT:,} x denominator (beyond, the "
                     "series takes too long)", numerator)
    return _fake_exponential(f, n, d)


@lru_cache(maxsize=1 << 20)
def _fee(excess: int, fraction: int) -> int:
    return _fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, excess, fraction)


def blob_base_fee(excess_blob_gas: int, fork: str) -> int:
    """Base fee per blob gas (wei) of a block with ``excess_blob_gas`` in ``fork``.

    ``get_base_fee_per_blob_gas`` of EIP-4844 with the fork's update fraction (EIP-7691,
    EIP-7892): ``fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, excess, fraction)``.

    Parameters
    ----------
    excess_blob_gas : int
        The block header's ``excess_blob_gas`` (non-negative integer).
    fork : str
        The fork of that block (see the module notes).

    Returns
    -------
    int
        Wei per blob gas; a blob costs ``GAS_PER_BLOB`` (2**17) times this.

    Examples
    --------
    >>> blob_base_fee(0, "cancun")
    1
    >>> blob_base_fee(10 * 3338477, "cancun")
    22026
    >>> blob_base_fee(10 * 3338477, "prague")      # same excess, slower fraction
    785
    """
    frac = blob_schedule(fork).update_fraction
    e = v.integer("excess_blob_gas", excess_blob_gas, lo=0, hi=MAX_EXPONENT * frac)
    return _fee(e, frac)


def reserve_blob_base_fee(base_fee_per_gas: int) -> float:
    """EIP-7918's reserve price: ``BLOB_BASE_COST * base_fee_per_gas / GAS_PER_BLOB``.

    Below this blob base fee (wei per blob gas), the excess is not reduced from Osaka on.
    It is one sixteenth of the execution base fee.

    Examples
    --------
    >>> reserve_blob_base_fee(10**9)
    62500000.0
    """
    b = v.wei("base_fee_per_gas", base_fee_per_gas, hi=MAX_WEI)
    return BLOB_BASE_COST * b / GAS_PER_BLOB


def _check_used(blob_gas_used: object, s: BlobSchedule) -> int:
    # A valid block uses a multiple of GAS_PER_BLOB; the rule itself is defined for any
    # amount up to the maximum, so any such integer is accepted, as the EIPs compute it.
    return v.integer("blob_gas_used", blob_gas_used, lo=0, hi=s.max_blob_gas)


def next_excess_blob_gas(excess_blob_gas: int, blob_gas_used: int, *, fork: str,
                         base_fee_per_gas: int | None = None) -> int:
    """The child block's ``excess_blob_gas`` from its parent's values (``calc_excess_blob_gas``).

    Before Osaka (EIP-4844 with the fork's target)::

        0 if parent_excess + parent_used < target_blob_gas
        else parent_excess + parent_used - target_blob_gas

    From Osaka on (EIP-7918), after that first test: if
    ``BLOB_BASE_COST * parent_base_fee_per_gas > GAS_PER_BLOB * get_base_fee_per_blob_gas(
    parent)``, the target is not subtracted and the excess grows by
    ``parent_used * (max - target) // max`` instead.

    Parameters
    ----------
    excess_blob_gas : int
        The parent's ``excess_blob_gas``.
    blob_gas_used : int
        The parent's ``blob_gas_used`` (a multiple of 2**17 in a valid block), at most the
        fork's maximum per block.
    fork : str
        The child's fork: its blob schedule is used throughout, including for the
        parent's blob base fee in the EIP-7918 test.
    base_fee_per_gas : int, optional
        The parent's execution base fee (wei). Required from ``"osaka"`` on.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If ``base_fee_per_gas`` is missing from Osaka on, or for invalid gas amounts.

    Examples
    --------
    >>> next_excess_blob_gas(0, 6 * 2**17, fork="cancun")
    393216
    >>> next_excess_blob_gas(393216, 0, fork="cancun")
    0
    >>> next_excess_blob_gas(0, 9 * 2**17, fork="osaka")
    Traceback (most recent call last):
    ...
    ValueError: base_fee_per_gas must be the parent's base fee per gas (an integer, wei) \
from 'osaka' on (EIP-7918), got None
    """
    s = blob_schedule(fork)
    e = v.integer("excess_blob_gas", excess_blob_gas, lo=0, hi=MAX_EXCESS)
    u = _check_used(blob_gas_used, s)
    if s.reserve_price:
        if base_fee_per_gas is None:
            raise v.fail("base_fee_per_gas", "the parent's base fee per gas (an integer, "
                         f"wei) from {s.fork!r} on (EIP-7918)", None)
        b = v.wei("base_fee_per_gas", base_fee_per_gas, hi=MAX_WEI)
    elif base_fee_per_gas is not None:
        v.wei("base_fee_per_gas", base_fee_per_gas, hi=MAX_WEI)  # checked, not used
    target = s.target_blob_gas
    if e + u < target:
        return 0
    if s.reserve_price and BLOB_BASE_COST * b > GAS_PER_BLOB * _fee(e, s.update_fraction):
        return e + u * (s.max - s.target) // s.max
    return e + u - target


@dataclass(frozen=True)
class BlobFeePath:
    """Excess blob gas, blob base fee and blobs per block along a simulated chain.

    Attributes
    ----------
    fork : str
    excess : numpy.ndarray
        ``excess_blob_gas`` of each block (int64).
    fee : numpy.ndarray
        Blob base fee of each block, wei per blob gas (int64; object if it overflows).
    blobs : numpy.ndarray
        Blobs included in each block.
    reserve_active : numpy.ndarray
        True where EIP-7918's branch set the *next* block's excess (always False
        before Osaka).
    """

    fork: str
    excess: np.ndarray
    fee: np.ndarray
    blobs: np.ndarray
    reserve_active: np.ndarray

    @property
    def blob_cost_wei(self) -> np.ndarray:
        """Price of one blob in each block, wei (``GAS_PER_BLOB * fee``), as floats."""
        return GAS_PER_BLOB * self.fee.astype(np.float64)

    def total_fees_wei(self) -> int:
        """Exact sum of the blob fees paid over the path (wei)."""
        return int(sum(int(f) * int(n) for f, n in zip(self.fee.tolist(), self.blobs.tolist())
                       if n)) * GAS_PER_BLOB


def _fees_vector(e: np.ndarray, fraction: int) -> np.ndarray:
    # fake_exponential(1, e, F) for many e at once, in int64, term by term as the EIP
    # writes it. (a * e) // D is computed as q * e + (r * e) // D with q, r = divmod(a, D),
    # which is the same integer; the caller only passes values for which no product
    # leaves the int64 range (see _int64_safe_excess), so the result is exact.
    acc = np.full(e.shape, fraction, dtype=np.int64)
    out = np.zeros(e.shape, dtype=np.int64)
    i = 1
    while acc.any():
        out += acc
        d = fraction * i
        q, r = np.divmod(acc, d)
        acc = q * e + (r * e) // d
        i += 1
    return out // fraction


def _int64_safe_excess(fraction: int) -> int:
    # Largest excess for which every product in _fees_vector stays below 2**62: the terms
    # and their sum stay below fraction * e**x * 1.1 (x = e / fraction), and the remainder
    # products below fraction**2 * i * x, with at most 3x + 60 terms.
    x = math.log(2**61 / (1.1 * fraction))
    while x > 0 and fraction**2 * (3 * x + 60) * x >= 2**62:
        x -= 0.5
    return max(0, int(x * fraction))


def _fees_for(excess: np.ndarray, fraction: int) -> np.ndarray:
    # The fee is a function of the excess alone: compute it once per distinct value,
    # vectorised in int64 where that is exact, and with Python integers above.
    values, inverse = np.unique(excess, return_inverse=True)
    safe = values <= _int64_safe_excess(fraction)
    table = np.zeros(values.shape, dtype=object)
    if safe.any():
        table[safe] = _fees_vector(values[safe], fraction).astype(object)
    for j in np.flatnonzero(~safe).tolist():
        table[j] = _fee(int(values[j]), fraction)
    top = table[-1] if table.size else 0
    dtype = np.int64 if top < 2**63 else object
    return np.asarray(table.tolist(), dtype=dtype)[inverse.reshape(excess.shape)]


def _cut_below(base_fee_per_gas: int, fraction: int) -> int:
    """The excess below which EIP-7918's branch applies at this execution base fee.

    The test ``BLOB_BASE_COST * b > GAS_PER_BLOB * fee(e)`` holds exactly for
    ``e < e*``, because the fee never decreases as the excess grows; ``e*`` is found by
    bisection with the exact fee.
    """
    def cut(e: int) -> bool:
        return BLOB_BASE_COST * base_fee_per_gas > GAS_PER_BLOB * _fee(e, fraction)

    if not cut(0):
        return 0
    lo, hi = 0, fraction
    cap = MAX_EXPONENT * fraction
    while cut(hi):
        if hi >= cap:
            return cap + 1
        lo, hi = hi, min(2 * hi, cap)
    while hi - lo > 1:  # cut(lo) and not cut(hi)
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if cut(mid) else (lo, mid)
    return hi


def _base_fees(base_fee_per_gas: object, n: int) -> list[int] | None:
    if base_fee_per_gas is None:
        return None
    if isinstance(base_fee_per_gas, (int, np.integer)) and not isinstance(
            base_fee_per_gas, bool):
        b = v.wei("base_fee_per_gas", base_fee_per_gas, hi=2**63 - 1)
        return [b] * n
    arr = v.array("base_fee_per_gas", base_fee_per_gas, ndim=1, shape=(n,), lo=0,
                  integer=True)
    return arr.tolist()


def excess_path(blobs: object, *, fork: str, base_fee_per_gas: object = None,
                excess0: int = 0) -> BlobFeePath:
    """The exact excess and blob base fee of a chain whose blob counts are given.

    Block ``t`` starts with ``excess[t]`` (``excess[0] = excess0``) and includes
    ``blobs[t]`` blobs; the next excess follows :func:`next_excess_blob_gas`.

    How it is fast without changing a wei: before Osaka the recursion
    ``e[t+1] = max(0, e[t] + u[t] - T)`` is a Lindley recursion, whose solution is
    ``e[t] = S[t] - min(0, min(S[:t+1]))`` with ``S`` the running sum of ``u - T`` from
    ``excess0`` (numpy ``cumsum`` and ``minimum.accumulate``, in int64, exact). From Osaka
    on, the reserve-price test makes each step depend on the fee, so the loop runs in
    Python; with a constant execution base fee the test holds exactly below one excess
    value (the fee never falls as the excess grows), found once by bisection. In all cases
    the fee of each distinct excess is computed once, vectorised in int64 where the
    products provably stay in range and with Python integers above.

    Parameters
    ----------
    blobs : array of int
        Blobs in each block, 0 to the fork's maximum (at most 5,000,000 blocks).
    fork : str
    base_fee_per_gas : int or array of int, optional
        Execution base fee of each block (wei); required from Osaka on.
    excess0 : int
        Excess of the first block.

    Returns
    -------
    BlobFeePath

    Examples
    --------
    >>> p = excess_path([6, 6, 0, 3], fork="cancun")
    >>> p.excess.tolist(), p.fee.tolist()
    ([0, 393216, 786432, 393216], [1, 1, 1, 1])
    >>> excess_path([9, 9], fork="osaka", base_fee_per_gas=10**9).excess.tolist()
    [0, 393216]
    """
    s = blob_schedule(fork)
    k = v.array("blobs", blobs, ndim=1, lo=0, hi=s.max, integer=True,
                max_size=MAX_BLOCKS)
    e0 = v.integer("excess0", excess0, lo=0, hi=MAX_EXCESS)
    n = k.size
    bf = _base_fees(base_fee_per_gas, n)
    if s.reserve_price and bf is None:
        raise v.fail("base_fee_per_gas", f"the base fee per gas of each block from "
                     f"{s.fork!r} on (EIP-7918)", None)
    used = k * GAS_PER_BLOB
    active = np.zeros(n, dtype=bool)
    if not s.reserve_price:
        steps = used[:-1] - s.target_blob_gas
        run = e0 + np.concatenate(([0], np.cumsum(steps)))
        excess = run - np.minimum(0, np.minimum.accumulate(run))
    else:
        out = [0] * n
        e = e0
        target, mx, tg, frac = s.target_blob_gas, s.max, s.target, s.update_fraction
        cap = MAX_EXPONENT * frac
        constant = len(set(bf)) == 1
        below = _cut_below(bf[0], frac) if constant and n else 0
        flagged: list[int] = []
        for t, (u, b) in enumerate(zip(used.tolist(), bf)):
            out[t] = e
            if e + u < target:
                e = 0
                continue
            if constant:
                cut = e < below
            else:
                cut = BLOB_BASE_COST * b > GAS_PER_BLOB * _fee(e, frac)
            if cut:
                e = e + u * (mx - tg) // mx
                flagged.append(t)
            else:
                e = e + u - target
            if e > cap:
                raise ValueError("the excess blob gas grows beyond 1,000 x the update "
                                 "fraction along the path; use fewer full blocks")
        active[flagged] = True
        excess = np.asarray(out, dtype=np.int64)
    if excess.size and excess.max() > MAX_EXPONENT * s.update_fraction:
        raise ValueError("the excess blob gas grows beyond 1,000 x the update fraction "
                         "along the path; use fewer full blocks")
    return BlobFeePath(fork=s.fork, excess=excess, fee=_fees_for(excess, s.update_fraction),
                       blobs=k, reserve_active=active)


@dataclass(frozen=True)
class BlobDemand:
    """Blobs demanded per block as a function of the blob price, with bursts.

    In block ``t`` the rollups want
    ``floor(level_t * (reference_fee / fee) ** elasticity + noise_t)`` blobs, capped at the
    fork's maximum and floored at 0, where ``level_t`` is ``base`` blobs in calm
    periods and ``base * burst_factor`` during a burst. Bursts start with probability
    ``burst_start`` per block and end with probability ``burst_end`` (a two-state Markov
    chain), and ``noise_t`` is uniform on [0, 1) (random rounding).

    Attributes
    ----------
    base : float
        Blobs wanted per block at ``reference_fee`` in calm periods.
    reference_fee : float
        Blob base fee (wei per blob gas) at which ``base`` blobs are wanted.
    elasticity : float
        How strongly demand falls as the price rises (0: not at all).
    burst_factor : float
        Demand multiplier during a burst.
    burst_start, burst_end : float
        Per-block probabilities that a burst starts and ends.
    """

    base: float = 6.0
    reference_fee: float = 1e9
    elasticity: float = 0.3
    burst_factor: float = 2.0
    burst_start: float = 1 / 7200
    burst_end: float = 1 / 300

    def __post_init__(self) -> None:
        v.nonnegative("base", self.base, hi=1e3)
        v.positive("reference_fee", self.reference_fee, hi=1e30)
        v.nonnegative("elasticity", self.elasticity, hi=10.0)
        v.nonnegative("burst_factor", self.burst_factor, hi=1e3)
        v.probability("burst_start", self.burst_start)
        v.probability("burst_end", self.burst_end, lo_open=True)


def _levels(demand: BlobDemand, n: int,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    # The burst state of each block (a two-state Markov chain), drawn in one pass.
    u = rng.random(n)
    burst = np.zeros(n, dtype=bool)
    # Run lengths alternate calm/burst: draw geometric lengths until n is covered.
    pos, state = 0, False
    while pos < n:
        p = demand.burst_end if state else demand.burst_start
        length = int(rng.geometric(p)) if p > 0 else n
        burst[pos:pos + length] = state
        pos += length
        state = not state
    level = np.where(burst, demand.base * demand.burst_factor, demand.base)
    return level, u


def simulate_blob_market(n_blocks: int, *, fork: str, demand: BlobDemand | None = None,
                         base_fee_per_gas: object = 10**9, excess0: int = 0,
                         seed: int = 0) -> BlobFeePath:
    """Simulate the blob fee market block by block, with demand that answers the price.

    In each block the rollups want :class:`BlobDemand`'s number of blobs at the block's
    price, the block includes them up to the fork's maximum, and the next excess follows
    :func:`next_excess_blob_gas` exactly. The rollups read the price as
    ``exp(excess / F)``, the value that ``fake_exponential`` approximates (the two differ
    by less than a part in a million); every fee the path reports, and every EIP-7918
    test, uses the exact integer fee.

    The recursion is sequential, since each block's excess depends on the previous
    block's price, and it stays fast (a year of 2.6 million blocks in about a second) with
    no change to any wei: the random numbers are drawn beforehand; with a constant
    execution base fee the reserve-price test is a comparison with one threshold excess,
    found once by bisection on the exact fee (the fee never falls as the excess grows);
    the loop itself does only integer steps and one float exponential; and the fees of
    the distinct excess values are computed once, at the end, vectorised in int64 where
    that is exact and with Python integers above.

    Parameters
    ----------
    n_blocks : int
        Number of blocks, 1 to 5,000,000 (a year is about 2.6 million).
    fork : str
    demand : BlobDemand, optional
        Defaults to ``BlobDemand()``.
    base_fee_per_gas : int or array of int
        Execution base fee (wei), one value or one per block; used from Osaka on.
    excess0 : int
        Excess of the first block.
    seed : int

    Returns
    -------
    BlobFeePath

    Raises
    ------
    ValueError
        If the excess runs away (demand above the target whatever the price).

    Examples
    --------
    >>> p = simulate_blob_market(7200, fork="prague", seed=1)
    >>> p.excess.size, int(p.blobs.max()) <= 9
    (7200, True)
    """
    s = blob_schedule(fork)
    n = v.count("n_blocks", n_blocks, hi=MAX_BLOCKS)
    d = BlobDemand() if demand is None else v.instance("demand", demand, BlobDemand)
    e = v.integer("excess0", excess0, lo=0, hi=_RUNAWAY * s.update_fraction)
    bf = _base_fees(base_fee_per_gas, n)
    if bf is None:
        raise v.fail("base_fee_per_gas", "an integer or an array of integers (wei)", None)
    rng = np.random.default_rng(v.seed("seed", seed))
    level, noise = _levels(d, n, rng)
    # Demand before rounding: level * (reference / price) ** elasticity
    #                        = scale[t] * exp(-elasticity * excess / F).
    scale = (level * d.reference_fee ** d.elasticity).tolist()
    mx, tg, frac = s.max, s.target, s.update_fraction
    target, keep = s.target_blob_gas, s.max - s.target
    slope = -d.elasticity / frac
    cap = _RUNAWAY * frac
    exp = math.exp
    out_e = [0] * n
    out_k = [0] * n
    flagged: list[int] = []
    runaway = ValueError(f"the excess blob gas ran away (above {_RUNAWAY} x the update "
                         "fraction): demand stays above the target whatever the price; "
                         "raise the elasticity or lower the demand")
    if len(set(bf)) == 1:
        # A constant execution base fee: EIP-7918's branch applies exactly when the
        # excess is below one threshold (0 before Osaka, where it never applies).
        below = _cut_below(bf[0], frac) if s.reserve_price else 0
        for t, (sc, nz) in enumerate(zip(scale, noise.tolist())):
            out_e[t] = e
            k = int(sc * exp(slope * e) + nz)
            if k > mx:
                k = mx
            out_k[t] = k
            u = k * GAS_PER_BLOB
            if e + u < target:
                e = 0
            elif e < below:
                e += u * keep // mx
                flagged.append(t)
            else:
                e += u - target
                if e > cap:
                    raise runaway
    else:
        # A varying base fee: the test is made with the exact (memoised) fee.
        reserve = s.reserve_price
        for t, (sc, nz, b) in enumerate(zip(scale, noise.tolist(), bf)):
            out_e[t] = e
            k = int(sc * exp(slope * e) + nz)
            if k > mx:
                k = mx
            out_k[t] = k
            u = k * GAS_PER_BLOB
            if e + u < target:
                e = 0
            elif reserve and BLOB_BASE_COST * b > GAS_PER_BLOB * _fee(e, frac):
                e += u * keep // mx
                flagged.append(t)
            else:
                e += u - target
                if e > cap:
                    raise runaway
    excess = np.asarray(out_e, dtype=np.int64)
    active = np.zeros(n, dtype=bool)
    active[flagged] = True
    return BlobFeePath(fork=s.fork, excess=excess, fee=_fees_for(excess, frac),
                       blobs=np.asarray(out_k, dtype=np.int64), reserve_active=active)


#: The market simulator stops when the fee would pass e**100 wei (about 10**43).
_RUNAWAY: int = 100


# --- Calldata versus blobs -------------------------------------------------------------

_ENCODINGS = ("raw", "31-byte", "op")


def usable_blob_bytes(encoding: str = "op") -> int:
    """Bytes of batch data one blob can carry under an encoding.

    ``"raw"``: 4096 field elements x 32 bytes = 131,072 (not usable as is: each field
    element must stay below the BLS modulus). ``"31-byte"``: the simple encoding that
    leaves the top byte of every field element empty, 4096 x 31 = 126,976. ``"op"``: the
    OP Stack encoding, which packs 4 x 254 bits into 127 bytes, 130,048 bytes in all, of
    which a 4-byte header (version and length) leaves 130,044 for data.

    Examples
    --------
    >>> [usable_blob_bytes(x) for x in ("raw", "31-byte", "op")]
    [131072, 126976, 130044]
    """
    enc = v.option("encoding", encoding, _ENCODINGS)
    fe = int(params.value("ethereum.field_elements_per_blob"))
    if enc == "raw":
        return int(params.value("ethereum.blob_bytes"))
    if enc == "31-byte":
        return fe * 31
    return int(params.value("ethereum.blob.op_max_data_bytes"))


def calldata_gas(n_bytes: int, *, zero_bytes: int = 0, floor: bool = True,
                 execution_gas: int = 0) -> int:
    """L1 gas of a transaction carrying ``n_bytes`` of calldata (batch data).

    Standard cost: ``21000 + 4 * tokens + execution_gas``, with ``tokens = zero +
    4 * nonzero`` (16 gas per non-zero byte, 4 per zero byte). With ``floor`` (Prague on,
    EIP-7623) the gas used is ``21000 + max(4 * tokens + execution_gas, 10 * tokens)``: a
    batch that is mostly data pays 40 gas per non-zero byte.

    Parameters
    ----------
    n_bytes : int
        Calldata length in bytes.
    zero_bytes : int
        How many of them are zero.
    floor : bool
        Apply EIP-7623's floor (True from Prague).
    execution_gas : int
        Gas spent by execution (the inbox contract's work).

    Examples
    --------
    >>> calldata_gas(1000, floor=False)
    37000
    >>> calldata_gas(1000)
    61000
    """
    n = v.integer("n_bytes", n_bytes, lo=0, hi=10**9)
    z = v.integer("zero_bytes", zero_bytes, lo=0, hi=n)
    fl = v.boolean("floor", floor)
    x = v.integer("execution_gas", execution_gas, lo=0, hi=10**12)
    tokens = z + 4 * (n - z)
    std = int(params.value("ethereum.eip7623.standard_token_cost")) * tokens + x
    base = int(params.value("ethereum.tx_base_gas"))
    if not fl:
        return base + std
    return base + max(std, int(params.value("ethereum.eip7623.floor_per_token")) * tokens)


def calldata_cost(n_bytes: int, base_fee_per_gas: int, *, floor: bool = True,
                  zero_bytes: int = 0) -> int:
    """Wei paid to post ``n_bytes`` as calldata at ``base_fee_per_gas`` (no tip).

    Examples
    --------
    >>> calldata_cost(1000, 10**9)
    61000000000000
    """
    b = v.wei("base_fee_per_gas", base_fee_per_gas, hi=MAX_WEI)
    return calldata_gas(n_bytes, zero_bytes=zero_bytes, floor=floor) * b


def blob_cost(n_bytes: int, blob_base_fee_wei: int, base_fee_per_gas: int, *,
              encoding: str = "op", tx_gas: int = 21_000) -> int:
    """Wei paid to post ``n_bytes`` in blobs: whole blobs plus the carrying transaction.

    ``ceil(n_bytes / usable) * GAS_PER_BLOB * blob_base_fee + tx_gas * base_fee_per_gas``
    (a partly filled blob costs as much as a full one).

    Examples
    --------
    >>> blob_cost(200_000, 10**6, 10**9)          # two blobs + 21,000 gas
    21262144000000
    """
    n = v.integer("n_bytes", n_bytes, lo=0, hi=10**9)
    f = v.wei("blob_base_fee_wei", blob_base_fee_wei, hi=MAX_WEI)
    b = v.wei("base_fee_per_gas", base_fee_per_gas, hi=MAX_WEI)
    g = v.integer("tx_gas", tx_gas, lo=0, hi=10**9)
    per = usable_blob_bytes(encoding)
    n_blobs = -(-n // per)
    return n_blobs * GAS_PER_BLOB * f + g * b


def breakeven_blob_base_fee(base_fee_per_gas: float, *, floor: bool = True,
                            encoding: str = "op") -> float:
    """Blob base fee (wei per blob gas) at which a full blob costs as much as calldata.

    A full blob of ``usable`` bytes costs ``GAS_PER_BLOB * f``; the same bytes as
    non-zero calldata cost ``usable * g * base_fee`` with ``g`` = 40 gas per byte under
    EIP-7623's floor (16 without). The fixed 21,000 gas is the same both ways and ignored.
    Above the returned fee, calldata is cheaper.

    Examples
    --------
    >>> round(breakeven_blob_base_fee(1e9) / 1e9, 2)     # in gwei, at 1 gwei base fee
    39.69
    """
    b = v.nonnegative("base_fee_per_gas", base_fee_per_gas, hi=1e30)
    fl = v.boolean("floor", floor)
    per = usable_blob_bytes(encoding)
    g = 4 * (int(params.value("ethereum.eip7623.floor_per_token")) if fl
             else int(params.value("ethereum.eip7623.standard_token_cost")))
    return per * g * b / GAS_PER_BLOB


@dataclass(frozen=True)
class BatchPolicyResult:
    """Latency and cost of a "post when full or after a deadline" batching policy.

    Attributes
    ----------
    deadline_s : numpy.ndarray
        Deadlines tried (seconds).
    mean_delay_s : numpy.ndarray
        Mean wait of a transaction from arrival to posting.
    cost_per_tx_wei : numpy.ndarray
        Mean L1 cost per transaction.
    fill : numpy.ndarray
        Mean share of the blob capacity used per posting.
    """

    deadline_s: np.ndarray
    mean_delay_s: np.ndarray
    cost_per_tx_wei: np.ndarray
    fill: np.ndarray


def batch_policy(tx_rate: float, tx_bytes: float, deadlines_s: object, *,
                 blob_base_fee_wei: float, base_fee_per_gas: float, blobs_per_batch: int = 1,
                 encoding: str = "op", tx_gas: int = 21_000) -> BatchPolicyResult:
    """Trade-off of posting a batch when its blobs are full or after a deadline.

    Transactions of ``tx_bytes`` compressed bytes arrive at a steady ``tx_rate`` per
    second (a fluid model). A batch is posted when ``blobs_per_batch`` blobs are full or
    when its oldest transaction has waited ``deadline`` seconds, whichever comes first. A
    batch that fills in time ``T`` (capped by the deadline) is paid for in whole blobs
    plus its carrying transaction, and its transactions wait ``T / 2`` on average.

    Parameters
    ----------
    tx_rate : float
        Transactions per second (at least 1e-6).
    tx_bytes : float
        Compressed bytes per transaction (at least 1).
    deadlines_s : array of float
        Deadlines to evaluate (seconds).
    blob_base_fee_wei, base_fee_per_gas : float
        L1 prices (wei per blob gas, wei per gas).
    blobs_per_batch : int
        Blobs per posting transaction (at most 21).

    Returns
    -------
    BatchPolicyResult

    Examples
    --------
    >>> r = batch_policy(10, 100, [60, 600], blob_base_fee_wei=1e6,
    ...                  base_fee_per_gas=1e9)
    >>> r.mean_delay_s.round(1).tolist()
    [30.0, 65.0]
    """
    rate = v.real("tx_rate", tx_rate, lo=1e-6, hi=1e9)
    size = v.real("tx_bytes", tx_bytes, lo=1.0, hi=1e9)
    d = v.array("deadlines_s", deadlines_s, ndim=1, lo=0.0, lo_open=True, hi=1e9,
                max_size=v.MAX_COUNT)
    f = v.nonnegative("blob_base_fee_wei", blob_base_fee_wei, hi=1e30)
    b = v.nonnegative("base_fee_per_gas", base_fee_per_gas, hi=1e30)
    k = v.count("blobs_per_batch", blobs_per_batch, hi=21)
    g = v.integer("tx_gas", tx_gas, lo=0, hi=10**9)
    capacity = k * usable_blob_bytes(encoding)
    fill_time = capacity / (rate * size)
    t = np.minimum(d, fill_time)
    n_tx = rate * t
    blobs = np.ceil(n_tx * size / usable_blob_bytes(encoding))
    cost = blobs * GAS_PER_BLOB * f + g * b
    return BatchPolicyResult(deadline_s=d, mean_delay_s=t / 2,
                             cost_per_tx_wei=v.finite_result("cost per transaction",
                                                             cost / n_tx),
                             fill=n_tx * size / capacity)


# --- What an OP Stack chain charges ----------------------------------------------------

def _scalar(name: str, value: object) -> int:
    return v.integer(name, value, lo=0, hi=int(params.value("op.max_fee_scalar")))


def op_l1_fee(fastlz_size: int, *, l1_base_fee: int, l1_blob_base_fee: int,
              base_fee_scalar: int, blob_base_fee_scalar: int) -> int:
    """OP Stack L1 data fee of a transaction, Fjord form, as ``GasPriceOracle`` computes it.

    ::

        estimatedSize = max(100 * 1e6, -42_585_600 + 836_500 * fastlzSize)   # 1e6-scaled
        feeScaled     = baseFeeScalar * 16 * l1BaseFee + blobBaseFeeScalar * blobBaseFee
        l1Fee         = estimatedSize * feeScaled // 1e12

    ``fastlz_size`` is taken as given: ``GasPriceOracle.getL1Fee(bytes)`` passes the FastLZ
    length of the *unsigned* transaction plus 68 bytes for the missing signature; the
    execution engine uses the signed transaction's FastLZ length as is.

    Parameters
    ----------
    fastlz_size : int
        FastLZ-compressed size of the transaction (bytes).
    l1_base_fee, l1_blob_base_fee : int
        L1 base fee and blob base fee (wei) from the L1 attributes.
    base_fee_scalar, blob_base_fee_scalar : int
        The chain's Ecotone scalars (1e6 = 1), each in [0, 10,000,000] as the standard
        configuration allows.

    Returns
    -------
    int
        Wei.

    Examples
    --------
    >>> # the contract's own test: scalars 20 and 15, L1 fees 2e6 and 3e6 wei
    >>> op_l1_fee(74, l1_base_fee=2 * 10**6, l1_blob_base_fee=3 * 10**6,
    ...           base_fee_scalar=20, blob_base_fee_scalar=15)
    68500
    """
    n = v.integer("fastlz_size", fastlz_size, lo=0, hi=10**9)
    l1 = v.wei("l1_base_fee", l1_base_fee, hi=2**128)
    blob = v.wei("l1_blob_base_fee", l1_blob_base_fee, hi=2**128)
    s1 = _scalar("base_fee_scalar", base_fee_scalar)
    s2 = _scalar("blob_base_fee_scalar", blob_base_fee_scalar)
    intercept = int(params.value("op.fjord.intercept"))
    coef = int(params.value("op.fjord.fastlz_coef"))
    floor = int(params.value("op.fjord.min_tx_size")) * 10**6
    estimated = max(floor, intercept + coef * n)
    fee_scaled = s1 * 16 * l1 + s2 * blob
    return estimated * fee_scaled // 10**12


def op_l1_fee_ecotone(zero_bytes: int, nonzero_bytes: int, *, l1_base_fee: int,
                      l1_blob_base_fee: int, base_fee_scalar: int,
                      blob_base_fee_scalar: int) -> int:
    """OP Stack L1 data fee, Ecotone form (before Fjord), as the spec writes it.

    ``(zero * 4 + nonzero * 16) * (16 * l1BaseFee * baseFeeScalar + blobBaseFee *
    blobBaseFeeScalar) // 16e6``: the calldata gas of the signed transaction stands for
    its compressed size times 16; the division by 16 is done last to keep precision.

    Examples
    --------
    >>> op_l1_fee_ecotone(0, 100, l1_base_fee=10**9, l1_blob_base_fee=10**6,
    ...                   base_fee_scalar=1000, blob_base_fee_scalar=100000)
    1610000000
    """
    z = v.integer("zero_bytes", zero_bytes, lo=0, hi=10**9)
    nz = v.integer("nonzero_bytes", nonzero_bytes, lo=0, hi=10**9)
    l1 = v.wei("l1_base_fee", l1_base_fee, hi=2**128)
    blob = v.wei("l1_blob_base_fee", l1_blob_base_fee, hi=2**128)
    s1 = _scalar("base_fee_scalar", base_fee_scalar)
    s2 = _scalar("blob_base_fee_scalar", blob_base_fee_scalar)
    gas = z * 4 + nz * 16
    return gas * (16 * l1 * s1 + blob * s2) // (16 * 10**6)


def op_operator_fee(gas_used: int, *, operator_fee_scalar: int,
                    operator_fee_constant: int) -> int:
    """Isthmus operator fee: ``gas_used * operator_fee_scalar // 1e6 + operator_fee_constant``.

    Deposit transactions pay none. (Jovian changed this formula; the book uses the
    Isthmus form, which the spec states.)

    Examples
    --------
    >>> op_operator_fee(100_000, operator_fee_scalar=2_000_000, operator_fee_constant=5)
    200005
    """
    g = v.integer("gas_used", gas_used, lo=0, hi=10**12)
    s = v.integer("operator_fee_scalar", operator_fee_scalar, lo=0, hi=2**32 - 1)
    c = v.integer("operator_fee_constant", operator_fee_constant, lo=0, hi=2**64 - 1)
    return g * s // 10**6 + c


def op_base_fee_with_minimum(computed_base_fee: int, min_base_fee: int) -> int:
    """Jovian's minimum base fee: the EIP-1559 base fee clamped up to ``min_base_fee``.

    ``min_base_fee`` is set in ``SystemConfig``; the standard configuration allows
    0 to 10 gwei.

    Examples
    --------
    >>> op_base_fee_with_minimum(50, 10**6)
    1000000
    """
    b = v.wei("computed_base_fee", computed_base_fee, hi=MAX_WEI)
    m = v.wei("min_base_fee", min_base_fee,
              hi=int(params.value("op.max_minimum_base_fee")))
    return max(b, m)


# --- Arbitrum's L1 pricer --------------------------------------------------------------

@dataclass(frozen=True)
class ArbitrumPricer:
    """Settings of Arbitrum's L1 price controller (``arbos/l1pricing``).

    Defaults are the initial values in the Nitro code (ArbOS 6 equilibration units,
    inertia 10, reward 10 wei per unit); the values set on Arbitrum One today are not
    verified, so use them as a model, not as a description of the live chain.

    Attributes
    ----------
    equilibration_units : int
    inertia : int
    per_unit_reward : int
        Wei per data unit paid to the rewards recipient.
    initial_price : int
        Starting price per data unit (wei).
    """

    equilibration_units: int = int(
        params.value("arbitrum.l1pricing.initial_equilibration_units_v6"))
    inertia: int = int(params.value("arbitrum.l1pricing.initial_inertia"))
    per_unit_reward: int = int(params.value("arbitrum.l1pricing.initial_per_unit_reward"))
    initial_price: int = 10**9

    def __post_init__(self) -> None:
        v.integer("equilibration_units", self.equilibration_units, lo=1, hi=2**128)
        v.integer("inertia", self.inertia, lo=1, hi=2**63)
        v.wei("per_unit_reward", self.per_unit_reward, hi=2**63)
        v.wei("initial_price", self.initial_price, hi=2**128)


@dataclass(frozen=True)
class PricerPath:
    """What the pricer did report by report.

    Attributes
    ----------
    price : numpy.ndarray
        Price per data unit after each report (wei).
    collected : numpy.ndarray
        Fees collected from users between reports (wei).
    cost : numpy.ndarray
        L1 cost reported by each batch-posting report (wei).
    surplus : numpy.ndarray
        Pool balance minus what is owed after each report (wei; negative: a shortfall).
    """

    price: np.ndarray
    collected: np.ndarray
    cost: np.ndarray
    surplus: np.ndarray


def _idiv(a: int, b: int) -> int:
    # Go's big.Int Div (Euclidean) equals floor division for a positive divisor.
    return a // b


def simulate_arbitrum_pricer(units: object, cost_wei: object, *,
                             pricer: ArbitrumPricer | None = None) -> PricerPath:
    """Run Arbitrum's L1 price controller over a stream of batch-posting reports.

    Between reports ``i-1`` and ``i`` users send transactions worth ``units[i]`` data units
    (16 per Brotli-compressed byte) and pay the current price per unit into the pool.
    Report ``i`` says the batch cost ``cost_wei[i]``; ArbOS (version 10 on) then, as in
    ``UpdateForBatchPosterSpending`` with each report covering all units since the last:

    1. adds the cost to what is due to the poster and ``units * reward`` to the rewards;
    2. pays rewards, then the poster, from the pool as far as it goes;
    3. computes the surplus ``S`` = pool - (due to poster + rewards due), and moves the price
       by ``(D' - D) * units // (equilibration_units // inertia + units)``, with the
       desired derivative ``D' = -S // equilibration_units`` and the actual one
       ``D = (S - S_prev) // units``; the price never goes below 0.

    Parameters
    ----------
    units : array of int
        Data units collected before each report (at most 10,000,000 reports).
    cost_wei : array of int
        L1 cost stated by each report (wei).
    pricer : ArbitrumPricer, optional

    Returns
    -------
    PricerPath

    Examples
    --------
    >>> p = simulate_arbitrum_pricer([10**6] * 3, [2 * 10**15] * 3)
    >>> p.price.tolist()[0] > 10**9      # it under-charged, so the price rises
    True
    """
    pr = ArbitrumPricer() if pricer is None else v.instance("pricer", pricer, ArbitrumPricer)
    u = v.array("units", units, ndim=1, lo=0, integer=True, max_size=v.MAX_COUNT).tolist()
    c = v.array("cost_wei", cost_wei, ndim=1, shape=(len(u),), lo=0, integer=True,
                max_size=v.MAX_COUNT).tolist()
    price = pr.initial_price
    pool = 0
    due_poster = 0
    due_rewards = 0
    last_surplus = 0
    inertia_units = pr.equilibration_units // pr.inertia
    out_p, out_col, out_s = [], [], []
    for units_i, cost_i in zip(u, c):
        collected = units_i * price
        pool += collected
        due_poster += cost_i
        due_rewards += units_i * pr.per_unit_reward
        pay = min(pool, units_i * pr.per_unit_reward)
        due_rewards -= pay
        pool -= pay
        pay = min(pool, due_poster)
        due_poster -= pay
        pool -= pay
        surplus = pool - (due_poster + due_rewards)
        if units_i > 0:
            desired = _idiv(-surplus, pr.equilibration_units)
            actual = _idiv(surplus - last_surplus, units_i)
            change = _idiv((desired - actual) * units_i, inertia_units + units_i)
            last_surplus = surplus
            price = max(0, price + change)
        out_p.append(price)
        out_col.append(collected)
        out_s.append(surplus)
    return PricerPath(price=np.asarray(out_p, dtype=object),
                      collected=np.asarray(out_col, dtype=object),
                      cost=np.asarray(c, dtype=object),
                      surplus=np.asarray(out_s, dtype=object))
