"""A rollup's sequencing pipeline: mempool, ordering, soft confirmations, batches, L1, escape hatch.

The model follows one transaction from the moment a user sends it to the moment it is on
the L1, through the stages every rollup shares:

1. **Mempool.** Transactions arrive at the sequencer at known times, each with a priority fee
   and a size in bytes (a :class:`Workload`; :func:`poisson_workload` draws a seeded one).
2. **Ordering and soft confirmation.** Every ``l2_block_time`` seconds the sequencer builds an
   L2 block from the transactions that arrived before the block time, in the order set by the
   *policy*, at most ``max_txs_per_block`` of them. Putting a transaction into a block is its
   soft confirmation: the sequencer's promise of its place in the chain.
3. **Batches.** Soft-confirmed transactions fill a batch. A batch is closed when the next
   transaction would push it over ``max_batch_bytes``, or ``batch_interval`` seconds after its
   first transaction, whichever comes first; it is then posted to the L1.
4. **L1 inclusion.** A posted batch lands in the next L1 block (L1 blocks every
   ``l1_block_time`` seconds, at whole multiples of it). That is the L1 inclusion of all its
   transactions. Posting pays a data cost (:func:`batch_data_cost_eth`): whole blobs at the
   blob base fee, or calldata at the execution base fee, plus the batch transaction's gas.
5. **Outage and forced inclusion.** During an ``outage`` window the sequencer builds no blocks
   and posts no batches (``outage_kind="batch_poster"``: it keeps building blocks but posts
   nothing). A user who has waited ``escape_after`` seconds without a soft confirmation sends
   the transaction through the L1 (Arbitrum's delayed inbox, the OP Stack's deposit
   contract); it lands in the next L1 block :math:`b_0`. If the sequencer has not included it
   by L1 block :math:`b_0 + D`, with :math:`D` = ``force_delay_blocks``, it is force-included
   in exactly that block. Arbitrum's :math:`D` is ``delayBlocks``; the OP Stack's is the
   sequencing window (:meth:`RollupConfig.arbitrum_like`, :meth:`RollupConfig.op_like`).

Policies (:data:`POLICIES`):

``"fcfs"``
    first come, first served: order of arrival.
``"priority_fee"``
    highest priority fee first; ties in order of arrival.
``"timeboost"``
    first come, first served after adding ``express_delay`` seconds to the arrival of every
    transaction outside the express lane (Arbitrum's Timeboost adds 200 ms).

Times are in seconds from the start of the simulation; L1 block :math:`b` has timestamp
:math:`b \\cdot` ``l1_block_time``. Fees are in gwei, costs in ETH. The model is deterministic:
all randomness is in the workload, drawn from a ``seed``.

What the model leaves out: gas limits (capacity is a number of transactions per block),
compression (sizes are the bytes that end up in the batch), reorgs of soft-confirmed
transactions, the sequencer's own wait before it picks up L1 messages, Arbitrum's delay
buffer (which can only shorten :math:`D`), and the growth of the blob base fee under load.

Examples
--------
>>> wl = poisson_workload(rate=5.0, duration=600.0, seed=1)
>>> res = simulate(wl, RollupConfig.arbitrum_like(batch_interval=60.0))
>>> len(wl) == res.n
True
>>> bool(res.soft_latency.max() <= 0.25)          # one 250 ms block at most
True
>>> bool((res.inclusion_time >= res.soft_time).all())
True
>>> res.n_forced
0
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field, replace
from numbers import Integral, Real
from typing import Any, Iterable, Sequence

import numpy as np

from seqlearn import params
from seqlearn import validation as v
from seqlearn.data import OutageRecord, outages

__all__ = [
    "POLICIES",
    "DA_MODES",
    "OUTAGE_KINDS",
    "PATH_SEQUENCER",
    "PATH_FORCED",
    "MAX_SECONDS",
    "MAX_BLOCKS",
    "MAX_TRANSACTIONS",
    "Transaction",
    "Workload",
    "poisson_workload",
    "RollupConfig",
    "SimulationResult",
    "simulate",
    "batch_data_cost_eth",
    "OutageRecord",
    "DOCUMENTED_OUTAGES",
]

#: Ordering policies accepted by :class:`RollupConfig` (``policy``).
POLICIES: tuple[str, ...] = ("fcfs", "priority_fee", "timeboost")
#: Where batch data goes (``da``): blobs (EIP-4844) or calldata.
DA_MODES: tuple[str, ...] = ("blob", "calldata")
#: What an outage stops (``outage_kind``): the whole sequencer, or only the batch poster.
OUTAGE_KINDS: tuple[str, ...] = ("sequencer", "batch_poster")

#: Value of :attr:`SimulationResult.path` for a transaction the sequencer included.
PATH_SEQUENCER: int = 0
#: Value of :attr:`SimulationResult.path` for a transaction forced in through the L1.
PATH_FORCED: int = 1

_GWEI_PER_ETH = 1e9


#: Longest time, in s, that a timestamp or duration of the model may have (about 31,700
#: years): times and L1 block numbers stay exact in float64 and int64.
MAX_SECONDS: float = 1e12
#: Most L2 or L1 blocks one simulation may span (block times are integer multiples).
MAX_BLOCKS: int = 2**50
_MAX_BYTES = 2**40
#: Most transactions one workload may hold (the simulation loops over them in Python).
MAX_TRANSACTIONS: int = 2_000_000


def _frozen_array(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


# --------------------------------------------------------------------------------------------
# the workload
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Transaction:
    """One user transaction as the sequencer sees it.

    Attributes
    ----------
    arrival : float
        Time it reaches the sequencer, in s (>= 0).
    fee : float
        Priority fee (tip) the user offers, in gwei (>= 0).
    size : int
        Bytes it takes in a batch (> 0).
    express : bool
        Whether it is sent through the Timeboost express lane.

    Examples
    --------
    >>> Transaction(arrival=1.5, fee=0.02, size=180)
    Transaction(arrival=1.5, fee=0.02, size=180, express=False)
    """

    arrival: float
    fee: float
    size: int = 200
    express: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "arrival",
                           v.real("arrival", self.arrival, lo=0.0, hi=MAX_SECONDS))
        object.__setattr__(self, "fee", v.nonnegative("fee", self.fee))
        object.__setattr__(self, "size", v.integer("size", self.size, lo=1, hi=_MAX_BYTES))
        object.__setattr__(self, "express", v.boolean("express", self.express))


@dataclass(frozen=True, eq=False)
class Workload:
    """Many transactions as read-only numpy arrays (one entry per transaction).

    Parameters
    ----------
    arrival : array_like of float
        Arrival times at the sequencer, in s (>= 0, any order).
    fee : array_like of float
        Priority fees, in gwei (>= 0).
    size : array_like of int, optional
        Bytes per transaction in a batch (> 0); default 200 for every transaction.
    express : array_like of bool, optional
        Express-lane flags; default all ``False``.

    Raises
    ------
    ValueError
        If the arrays differ in length, are empty, not one-dimensional, or hold values out
        of range (negative or non-finite times and fees, sizes below 1).

    Examples
    --------
    >>> wl = Workload(arrival=[0.0, 0.1], fee=[0.5, 2.0], size=[100, 300])
    >>> len(wl), wl[1]
    (2, Transaction(arrival=0.1, fee=2.0, size=300, express=False))
    """

    arrival: np.ndarray
    fee: np.ndarray
    size: np.ndarray = field(default=None)  # type: ignore[assignment]
    express: np.ndarray = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        arrival = v.array("arrival", self.arrival, ndim=1, lo=0.0, hi=MAX_SECONDS,
                          max_size=MAX_TRANSACTIONS)
        n = arrival.size
        fee = v.array("fee", self.fee, shape=(n,), lo=0.0)
        size_in = np.full(n, 200) if self.size is None else self.size
        if isinstance(size_in, (list, tuple, np.ndarray)):
            arr = np.asarray(size_in) if not isinstance(size_in, np.ndarray) else size_in
            if arr.dtype.kind == "f" and arr.size and np.all(np.isfinite(arr)) \
                    and np.all(arr == np.round(arr)):
                size_in = arr.astype(np.int64)  # whole numbers written as floats
        size = v.array("size", size_in, shape=(n,), integer=True, lo=1, hi=_MAX_BYTES)
        express_in = np.zeros(n, dtype=bool) if self.express is None else self.express
        express = np.asarray(express_in)
        if express.dtype != bool:
            raise v.fail("express", "an array of True/False", express_in, TypeError)
        if express.shape != (n,):
            raise v.fail("express", f"an array of shape ({n},) like arrival", express_in)
        express = np.array(express, dtype=bool)
        for name, a in (("arrival", arrival), ("fee", fee), ("size", size), ("express", express)):
            object.__setattr__(self, name, _frozen_array(a))

    def __len__(self) -> int:
        return int(self.arrival.size)

    def __getitem__(self, i: int) -> Transaction:
        return Transaction(float(self.arrival[i]), float(self.fee[i]), int(self.size[i]),
                           bool(self.express[i]))

    def __repr__(self) -> str:
        return (f"Workload(n={len(self)}, arrivals {self.arrival.min():g}-{self.arrival.max():g} s, "
                f"median fee {np.median(self.fee):.4g} gwei, {int(self.size.sum())} bytes)")

    @classmethod
    def from_transactions(cls, txs: Iterable[Transaction]) -> "Workload":
        """Build a workload from :class:`Transaction` objects.

        Raises
        ------
        TypeError
            If an element is not a :class:`Transaction`.

        Examples
        --------
        >>> len(Workload.from_transactions([Transaction(0.0, 1.0), Transaction(0.2, 3.0)]))
        2
        """
        if isinstance(txs, (str, bytes)) or not isinstance(txs, Iterable):
            raise v.fail("txs", "an iterable of Transaction", txs, TypeError)
        txs = list(txs)
        for i, t in enumerate(txs):
            if not isinstance(t, Transaction):
                raise TypeError(f"txs[{i}] must be a Transaction, got {type(t).__name__}")
        return cls(arrival=[t.arrival for t in txs], fee=[t.fee for t in txs],
                   size=np.array([t.size for t in txs], dtype=np.int64),
                   express=np.array([t.express for t in txs], dtype=bool))


def poisson_workload(rate: float, duration: float, *, seed: int | np.random.Generator,
                     fee_median: float = 0.01, fee_sigma: float = 1.0, size: int = 200,
                     express_share: float = 0.0) -> Workload:
    """Draw a seeded workload: Poisson arrivals with log-normal priority fees.

    The number of transactions is Poisson with mean ``rate * duration``; given that number,
    arrival times are independent and uniform on ``[0, duration)`` (which is a Poisson process),
    and sorted. Priority fees are log-normal: ``fee_median * exp(fee_sigma * Z)`` with ``Z``
    standard normal. The fee numbers are illustrative, not measured on any chain.

    Parameters
    ----------
    rate : float
        Mean arrivals per second (> 0).
    duration : float
        Length of the arrival window, in s (> 0).
    seed : int or numpy.random.Generator
        Seed of the draw; the same seed gives the same workload.
    fee_median : float, optional
        Median priority fee, in gwei (> 0). Default 0.01.
    fee_sigma : float, optional
        Spread of the log fee (>= 0). Default 1.0.
    size : int, optional
        Bytes every transaction takes in a batch (> 0). Default 200.
    express_share : float, optional
        Probability that a transaction uses the express lane (0 to 1). Default 0.

    Returns
    -------
    Workload

    Raises
    ------
    ValueError, TypeError
        If an argument is out of range or of the wrong type; the message names it.

    Examples
    --------
    >>> a = poisson_workload(rate=10.0, duration=100.0, seed=7)
    >>> b = poisson_workload(rate=10.0, duration=100.0, seed=7)
    >>> len(a) == len(b) and bool((a.arrival == b.arrival).all() and (a.fee == b.fee).all())
    True
    >>> bool(abs(len(a) - 1000) < 150)
    True
    """
    rate = v.positive("rate", rate)
    duration = v.positive("duration", duration, hi=MAX_SECONDS)
    fee_median = v.positive("fee_median", fee_median)
    fee_sigma = v.nonnegative("fee_sigma", fee_sigma, hi=10.0)
    size = v.integer("size", size, lo=1, hi=_MAX_BYTES)
    express_share = v.probability("express_share", express_share)
    rng = seed if isinstance(seed, np.random.Generator) else \
        np.random.default_rng(v.seed("seed", seed))
    if rate * duration > MAX_TRANSACTIONS:
        raise v.fail("rate * duration", f"at most {MAX_TRANSACTIONS:,} transactions on average",
                     rate * duration)
    n = int(rng.poisson(rate * duration))
    n = max(n, 1)  # a workload is never empty
    arrival = np.sort(rng.uniform(0.0, duration, size=n))
    fee = fee_median * np.exp(fee_sigma * rng.standard_normal(n))
    express = rng.random(n) < express_share
    return Workload(arrival=arrival, fee=fee, size=np.full(n, size, dtype=np.int64),
                    express=express)


# --------------------------------------------------------------------------------------------
# the configuration
# --------------------------------------------------------------------------------------------
_SLOT = float(params.value("ethereum.slot_seconds"))
_ARB_BLOCK = params.value("arbitrum.block_time_ms") / 1000.0
_ARB_DELAY = int(params.value("arbitrum.delay_blocks"))
_OP_BLOCK = float(params.value("op.block_time"))
_OP_WINDOW = int(params.value("op.seq_window_size"))
_EXPRESS_DELAY = params.value("arbitrum.timeboost.nonexpress_delay_ms") / 1000.0
_GAS_PER_BLOB = int(params.value("ethereum.gas_per_blob"))
_BLOB_BYTES = int(params.value("ethereum.blob_bytes"))  # raw size, 131,072
# usable bytes: 31 per 32-byte field element (126,976); the OP Stack encoding 130,044
# (its 130,048 encoded bytes less a 4-byte header)
_BLOB_DATA_BYTES = 31 * int(params.value("ethereum.field_elements_per_blob"))
_OP_BLOB_DATA_BYTES = int(params.value("ethereum.blob.op_max_data_bytes"))
_CALLDATA_GAS = int(params.value("ethereum.calldata_gas_per_byte"))
_TX_GAS = int(params.value("ethereum.tx_base_gas"))


@dataclass(frozen=True)
class RollupConfig:
    """Everything that shapes the pipeline: policy, block and batch schedule, L1, outage.

    Defaults are Arbitrum-like where a protocol constant exists (250 ms L2 blocks, a
    force-inclusion delay of ``delayBlocks`` = 5,760 L1 blocks, a 200 ms Timeboost delay) and
    Ethereum's where the L1 sets it (12 s slots, blob size and blob gas). The batch schedule,
    the user's patience and the two fee levels are illustrative choices, not measurements.

    Attributes
    ----------
    policy : str
        Ordering policy, one of :data:`POLICIES`. Default ``"fcfs"``.
    l2_block_time : float
        Seconds between L2 blocks (> 0). Default 0.25 (Arbitrum One).
    max_txs_per_block : int or None
        Most transactions per L2 block (>= 1), or ``None`` for no limit. Default ``None``.
    batch_interval : float
        Longest time a batch stays open after its first transaction, in s (> 0). Default 60.
    max_batch_bytes : int
        Largest batch, in bytes (>= 1). Default one blob's data, ``blob_bytes``.
    l1_block_time : float
        Seconds between L1 blocks (> 0). Default 12 (Ethereum slots).
    force_delay_blocks : int
        L1 blocks between an L1-submitted transaction's inclusion in the inbox and the block
        in which it can be forced in (>= 0). Default 5,760 (Arbitrum ``delayBlocks``).
    escape_after : float or None
        Seconds a user waits without a soft confirmation before sending the transaction
        through the L1 (>= 0), or ``None`` if users never do. Default 600 (an assumption).
    outage : tuple of float or None
        ``(start, end)`` of a window ``[start, end)`` in s during which the sequencer is down;
        ``None`` for none. Default ``None``.
    outage_kind : str
        ``"sequencer"`` (no blocks, no batches) or ``"batch_poster"`` (blocks but no batches).
    express_delay : float
        Delay added to non-express transactions under ``"timeboost"``, in s (>= 0).
        Default 0.2.
    da : str
        Where batch data goes, one of :data:`DA_MODES`: ``"blob"`` or ``"calldata"``.
    blob_bytes : int
        Bytes of batch data one blob carries (>= 1). A blob is 131,072 raw bytes (4,096
        field elements of 32 bytes, EIP-4844), but a field element must stay below the BLS
        modulus, so encodings carry less: 31 bytes per element gives 126,976 (the default);
        the OP Stack's encoding carries 130,048 bytes, 4 of them a header, so 130,044
        of batch data (``op_like``).
    gas_per_blob : int
        Blob gas per blob (>= 1). Default 131,072 (EIP-4844).
    blob_base_fee_gwei : float
        Blob base fee, gwei per blob gas (>= 0). Default 1.0 (illustrative).
    calldata_gas_per_byte : int
        Execution gas per calldata byte (>= 0). Default 16 (EIP-2028, non-zero byte); since
        Prague, EIP-7623 charges data-heavy transactions a higher floor, so pass a larger
        number to model it.
    l1_base_fee_gwei : float
        L1 execution base fee, gwei per gas (>= 0). Default 2.0 (illustrative).
    batch_tx_gas : int
        Execution gas of the L1 transaction that carries a batch, besides calldata (>= 0).
        Default 21,000, the intrinsic gas of every Ethereum transaction: a lower bound. A
        real batch post calls an inbox contract (Arbitrum's ``SequencerInbox``) and pays for
        its execution and storage too, so it costs more.

    Raises
    ------
    ValueError, TypeError
        If a field is out of range or of the wrong type; the message names it.

    Examples
    --------
    >>> cfg = RollupConfig(policy="priority_fee", max_txs_per_block=50)
    >>> cfg.force_delay_seconds / 3600
    19.2
    >>> RollupConfig(policy="random")
    Traceback (most recent call last):
    ...
    ValueError: policy must be one of 'fcfs', 'priority_fee', 'timeboost', got 'random'
    """

    policy: str = "fcfs"
    l2_block_time: float = _ARB_BLOCK
    max_txs_per_block: int | None = None
    batch_interval: float = 60.0
    max_batch_bytes: int = _BLOB_DATA_BYTES
    l1_block_time: float = _SLOT
    force_delay_blocks: int = _ARB_DELAY
    escape_after: float | None = 600.0
    outage: tuple[float, float] | None = None
    outage_kind: str = "sequencer"
    express_delay: float = _EXPRESS_DELAY
    da: str = "blob"
    blob_bytes: int = _BLOB_DATA_BYTES
    gas_per_blob: int = _GAS_PER_BLOB
    blob_base_fee_gwei: float = 1.0
    calldata_gas_per_byte: int = _CALLDATA_GAS
    l1_base_fee_gwei: float = 2.0
    batch_tx_gas: int = _TX_GAS

    def __post_init__(self) -> None:
        s = object.__setattr__
        s(self, "policy", v.option("policy", self.policy, POLICIES))
        s(self, "outage_kind", v.option("outage_kind", self.outage_kind, OUTAGE_KINDS))
        s(self, "da", v.option("da", self.da, DA_MODES))
        sec = dict(hi=MAX_SECONDS)
        s(self, "l2_block_time", v.positive("l2_block_time", self.l2_block_time, **sec))
        if self.max_txs_per_block is not None:
            s(self, "max_txs_per_block",
              v.integer("max_txs_per_block", self.max_txs_per_block, lo=1, hi=2**53))
        s(self, "batch_interval", v.positive("batch_interval", self.batch_interval, **sec))
        s(self, "max_batch_bytes",
          v.integer("max_batch_bytes", self.max_batch_bytes, lo=1, hi=_MAX_BYTES))
        s(self, "l1_block_time", v.positive("l1_block_time", self.l1_block_time, **sec))
        s(self, "force_delay_blocks",
          v.integer("force_delay_blocks", self.force_delay_blocks, lo=0, hi=10**9))
        if self.escape_after is not None:
            s(self, "escape_after", v.nonnegative("escape_after", self.escape_after, **sec))
        if self.outage is not None:
            o = self.outage
            if not isinstance(o, (tuple, list)):
                raise v.fail("outage", "None or a pair (start, end) in s", o, TypeError)
            if len(o) != 2:
                raise v.fail("outage", "None or a pair (start, end) in s", o)
            start = v.nonnegative("outage start", o[0], **sec)
            end = v.nonnegative("outage end", o[1], **sec)
            if end <= start:
                raise v.fail("outage", "a pair (start, end) with end > start", o)
            s(self, "outage", (start, end))
        s(self, "express_delay", v.nonnegative("express_delay", self.express_delay, **sec))
        s(self, "blob_bytes", v.integer("blob_bytes", self.blob_bytes, lo=1, hi=_MAX_BYTES))
        s(self, "gas_per_blob", v.integer("gas_per_blob", self.gas_per_blob, lo=1, hi=2**40))
        s(self, "blob_base_fee_gwei",
          v.nonnegative("blob_base_fee_gwei", self.blob_base_fee_gwei, hi=1e18))
        s(self, "calldata_gas_per_byte",
          v.integer("calldata_gas_per_byte", self.calldata_gas_per_byte, lo=0, hi=2**20))
        s(self, "l1_base_fee_gwei",
          v.nonnegative("l1_base_fee_gwei", self.l1_base_fee_gwei, hi=1e18))
        s(self, "batch_tx_gas", v.integer("batch_tx_gas", self.batch_tx_gas, lo=0, hi=2**40))

    @property
    def force_delay_seconds(self) -> float:
        """Force-inclusion delay in seconds, ``force_delay_blocks * l1_block_time``."""
        return self.force_delay_blocks * self.l1_block_time

    def replace(self, **changes: Any) -> "RollupConfig":
        """Return a copy with some fields changed (validated again).

        Examples
        --------
        >>> RollupConfig().replace(policy="priority_fee").policy
        'priority_fee'
        """
        return replace(self, **changes)

    @classmethod
    def arbitrum_like(cls, **changes: Any) -> "RollupConfig":
        """Arbitrum One's constants: 250 ms blocks, ``delayBlocks`` = 5,760 L1 blocks.

        Examples
        --------
        >>> cfg = RollupConfig.arbitrum_like()
        >>> cfg.l2_block_time, cfg.force_delay_blocks
        (0.25, 5760)
        """
        base = dict(l2_block_time=_ARB_BLOCK, force_delay_blocks=_ARB_DELAY)
        return cls(**{**base, **changes})

    @classmethod
    def op_like(cls, **changes: Any) -> "RollupConfig":
        """OP Mainnet's constants: 2 s blocks, sequencing window of 3,600 L1 blocks, and
        the OP Stack's blob encoding (130,044 bytes of batch data per blob).

        Examples
        --------
        >>> cfg = RollupConfig.op_like()
        >>> cfg.l2_block_time, cfg.force_delay_blocks, cfg.force_delay_seconds / 3600
        (2.0, 3600, 12.0)
        """
        base = dict(l2_block_time=_OP_BLOCK, force_delay_blocks=_OP_WINDOW,
                    blob_bytes=_OP_BLOB_DATA_BYTES, max_batch_bytes=_OP_BLOB_DATA_BYTES)
        return cls(**{**base, **changes})


def batch_data_cost_eth(n_bytes: Any, config: RollupConfig | None = None) -> np.ndarray:
    """L1 cost of posting batches of ``n_bytes`` bytes, in ETH.

    With ``da="blob"`` a batch pays for whole blobs plus its transaction's execution gas:

    .. math:: \\lceil \\text{bytes}/\\text{blob\\_bytes} \\rceil \\cdot \\text{gas\\_per\\_blob}
              \\cdot \\text{blob\\_base\\_fee} + \\text{batch\\_tx\\_gas} \\cdot \\text{base\\_fee}

    With ``da="calldata"`` it pays per byte at the execution base fee:

    .. math:: (\\text{bytes} \\cdot \\text{calldata\\_gas\\_per\\_byte} + \\text{batch\\_tx\\_gas})
              \\cdot \\text{base\\_fee}

    Fees are in gwei; the result is divided by :math:`10^9` to give ETH.

    Parameters
    ----------
    n_bytes : int or array_like of int
        Batch sizes in bytes (>= 1).
    config : RollupConfig, optional
        Prices and sizes; default ``RollupConfig()``.

    Returns
    -------
    numpy.ndarray
        Cost of each batch in ETH (a 0-d array for a scalar input).

    Raises
    ------
    ValueError, TypeError
        If ``n_bytes`` holds non-integers or values below 1, or ``config`` is not a
        :class:`RollupConfig`.

    Examples
    --------
    >>> cfg = RollupConfig(blob_base_fee_gwei=2.0, l1_base_fee_gwei=0.0)
    >>> float(batch_data_cost_eth(300_000, cfg))          # 3 blobs x 131,072 gas x 2 gwei
    0.000786432
    >>> batch_data_cost_eth([1, 126_976, 126_977], cfg) / batch_data_cost_eth(1, cfg)
    array([1., 1., 2.])
    """
    if config is None:
        config = RollupConfig()
    v.instance("config", config, RollupConfig)
    scalar = np.ndim(n_bytes) == 0
    b = v.array("n_bytes", n_bytes, integer=True, lo=1, hi=_MAX_BYTES, allow_empty=True)
    exec_gwei = config.batch_tx_gas * config.l1_base_fee_gwei
    if config.da == "blob":
        blobs = -(-b // config.blob_bytes)  # ceiling division on integers
        gwei = blobs.astype(np.float64) * config.gas_per_blob * config.blob_base_fee_gwei
    else:
        gwei = b.astype(np.float64) * config.calldata_gas_per_byte * config.l1_base_fee_gwei
    eth = v.finite_result("batch cost", (gwei + exec_gwei) / _GWEI_PER_ETH)
    return eth.reshape(()) if scalar else eth


# --------------------------------------------------------------------------------------------
# the result
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class SimulationResult:
    """What happened to every transaction and every batch (read-only numpy arrays).

    Per-transaction arrays have one entry per transaction of :attr:`workload`, in its order.

    Attributes
    ----------
    config : RollupConfig
        The configuration simulated.
    workload : Workload
        The transactions simulated.
    soft_time : numpy.ndarray
        Time of the soft confirmation (the L2 block that holds it), in s; NaN for a forced
        transaction, which never gets one.
    inclusion_time : numpy.ndarray
        Time of the L1 block that includes it (its batch's block, or the forcing block), in s.
    path : numpy.ndarray
        :data:`PATH_SEQUENCER` (0) or :data:`PATH_FORCED` (1).
    position : numpy.ndarray
        Place in the L2 order (0, 1, ...) of a sequenced transaction; -1 if forced.
    block : numpy.ndarray
        L2 block number ``k`` (block time ``k * l2_block_time``); -1 if forced.
    batch : numpy.ndarray
        Index of its batch; -1 if forced.
    inbox_block : numpy.ndarray
        L1 block in which the user's L1 submission landed; -1 if the user never sent one.
    batch_open_time, batch_close_time, batch_post_time, batch_inclusion_time : numpy.ndarray
        Per batch: first soft confirmation in it, closing, posting (after any outage) and
        L1 inclusion, in s.
    batch_bytes, batch_n_tx, batch_blobs : numpy.ndarray
        Per batch: size in bytes, transactions, and blobs (0 with calldata).
    batch_cost_eth : numpy.ndarray
        Per batch: L1 data cost in ETH (:func:`batch_data_cost_eth`).
    """

    config: RollupConfig
    workload: Workload
    soft_time: np.ndarray
    inclusion_time: np.ndarray
    path: np.ndarray
    position: np.ndarray
    block: np.ndarray
    batch: np.ndarray
    inbox_block: np.ndarray
    batch_open_time: np.ndarray
    batch_close_time: np.ndarray
    batch_post_time: np.ndarray
    batch_inclusion_time: np.ndarray
    batch_bytes: np.ndarray
    batch_n_tx: np.ndarray
    batch_blobs: np.ndarray
    batch_cost_eth: np.ndarray

    @property
    def n(self) -> int:
        """Number of transactions."""
        return len(self.workload)

    @property
    def arrival(self) -> np.ndarray:
        """Arrival times, in s (the workload's)."""
        return self.workload.arrival

    @property
    def soft_latency(self) -> np.ndarray:
        """Soft-confirmation latency ``soft_time - arrival`` of sequenced transactions, in s.

        Only the sequencer path has one, so the array is shorter than :attr:`n` when some
        transactions were forced; :attr:`soft_time` keeps NaN in their place instead.
        """
        m = self.path == PATH_SEQUENCER
        return self.soft_time[m] - self.arrival[m]

    @property
    def inclusion_latency(self) -> np.ndarray:
        """L1-inclusion latency ``inclusion_time - arrival`` of every transaction, in s."""
        return self.inclusion_time - self.arrival

    @property
    def forced(self) -> np.ndarray:
        """Boolean mask of the transactions that were force-included."""
        return self.path == PATH_FORCED

    @property
    def n_forced(self) -> int:
        """Number of force-included transactions."""
        return int(np.count_nonzero(self.forced))

    @property
    def n_batches(self) -> int:
        """Number of batches posted."""
        return int(self.batch_bytes.size)

    @property
    def total_cost_eth(self) -> float:
        """Total L1 data cost of all batches, in ETH."""
        return float(self.batch_cost_eth.sum())

    def summary(self) -> dict[str, float]:
        """Headline numbers: counts, median and 99th-percentile latencies (s), costs (ETH).

        Examples
        --------
        >>> res = simulate(Workload(arrival=[0.1, 0.2], fee=[1.0, 2.0]), RollupConfig())
        >>> round(res.summary()["median_soft_s"], 6)
        0.1
        """
        soft = self.soft_latency
        incl = self.inclusion_latency
        seq = max(self.n - self.n_forced, 1)
        return {
            "n": float(self.n),
            "n_forced": float(self.n_forced),
            "n_batches": float(self.n_batches),
            "median_soft_s": float(np.median(soft)) if soft.size else math.nan,
            "p99_soft_s": float(np.quantile(soft, 0.99)) if soft.size else math.nan,
            "median_inclusion_s": float(np.median(incl)),
            "p99_inclusion_s": float(np.quantile(incl, 0.99)),
            "total_cost_eth": self.total_cost_eth,
            "cost_per_tx_eth": self.total_cost_eth / seq,
        }

    def describe(self) -> str:
        """A short, readable report (for printing in a notebook).

        Examples
        --------
        >>> res = simulate(Workload(arrival=[0.1, 0.2], fee=[1.0, 2.0]), RollupConfig())
        >>> print(res.describe().splitlines()[0])
        2 transactions (0 forced) in 1 batch, policy fcfs
        """
        s = self.summary()
        nb = int(s["n_batches"])
        lines = [
            f"{self.n} transactions ({self.n_forced} forced) in {nb} batch{'es' * (nb != 1)}, "
            f"policy {self.config.policy}",
            f"soft confirmation: median {s['median_soft_s']:.3g} s, 99th percentile "
            f"{s['p99_soft_s']:.3g} s",
            f"L1 inclusion:      median {s['median_inclusion_s']:.4g} s, 99th percentile "
            f"{s['p99_inclusion_s']:.4g} s",
            f"L1 data cost:      {s['total_cost_eth']:.6f} ETH in total, "
            f"{s['cost_per_tx_eth'] * 1e9:.1f} gwei per sequenced transaction",
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"SimulationResult(n={self.n}, n_forced={self.n_forced}, " \
               f"n_batches={self.n_batches}, policy={self.config.policy!r})"


# --------------------------------------------------------------------------------------------
# the simulation
# --------------------------------------------------------------------------------------------
def _next_block_index(t: float, dt: float) -> int:
    """Index of the first block strictly after time ``t`` on a grid of step ``dt``."""
    return int(math.floor(t / dt)) + 1


def simulate(workload: Workload | Sequence[Transaction],
             config: RollupConfig | None = None) -> SimulationResult:
    """Run the sequencing pipeline over a workload.

    The rules are those of the module docstring. In short: a transaction is soft-confirmed
    in the first L2 block after its arrival (after ``express_delay`` for non-express ones
    under ``"timeboost"``) that has room for it, in policy order, and that is not in a
    sequencer outage; its batch closes when full or ``batch_interval`` after it opened, is
    posted then (or when the outage ends) and lands in the next L1 block. A user without a
    soft confirmation after ``escape_after`` seconds sends the transaction to the L1; if the
    sequencer has not included it by ``force_delay_blocks`` L1 blocks later, it is forced in
    at that block and its mempool copy is dropped.

    Parameters
    ----------
    workload : Workload or list of Transaction
        The transactions.
    config : RollupConfig, optional
        The pipeline; default ``RollupConfig()`` (Arbitrum-like, first come first served).

    Returns
    -------
    SimulationResult

    Raises
    ------
    TypeError
        If ``workload`` or ``config`` has the wrong type.
    ValueError
        If a transaction is larger than ``config.max_batch_bytes``.

    Examples
    --------
    Three transactions in one 250 ms block, ordered by fee:

    >>> wl = Workload(arrival=[0.00, 0.05, 0.10], fee=[0.02, 0.50, 0.10])
    >>> res = simulate(wl, RollupConfig(policy="priority_fee"))
    >>> res.position.tolist(), res.soft_time.tolist()
    ([2, 0, 1], [0.25, 0.25, 0.25])

    A 24-hour outage: the escape hatch opens after 5,760 L1 blocks (19.2 h):

    >>> cfg = RollupConfig(outage=(0.0, 86_400.0), escape_after=0.0)
    >>> res = simulate(Workload(arrival=[30.0], fee=[0.0]), cfg)
    >>> int(res.path[0]) == PATH_FORCED, float(res.inclusion_time[0] / 3600)
    (True, 19.21)
    """
    if config is None:
        config = RollupConfig()
    v.instance("config", config, RollupConfig)
    if not isinstance(workload, Workload):
        if isinstance(workload, (list, tuple)):
            workload = Workload.from_transactions(workload)
        else:
            raise v.fail("workload", "a Workload or a list of Transaction", workload,
                         TypeError)
    wl = workload
    n = len(wl)
    # Every event happens by the last arrival plus the delays; its block numbers on the L2
    # and the L1 grids must stay countable, or the block loop could not advance in float64.
    horizon = (float(wl.arrival.max()) + config.express_delay
               + (config.escape_after or 0.0) + config.batch_interval
               + (config.outage[1] if config.outage else 0.0))
    if horizon / config.l2_block_time > MAX_BLOCKS:
        raise v.fail("config.l2_block_time",
                     f"at least {horizon / MAX_BLOCKS:.3g} s for this workload (at most "
                     f"{MAX_BLOCKS:,} L2 blocks)", config.l2_block_time)
    if horizon / config.l1_block_time + config.force_delay_blocks > MAX_BLOCKS:
        raise v.fail("config.l1_block_time",
                     f"at least {horizon / MAX_BLOCKS:.3g} s for this workload (at most "
                     f"{MAX_BLOCKS:,} L1 blocks)", config.l1_block_time)
    big = int(wl.size.max())
    if big > config.max_batch_bytes:
        raise ValueError(f"workload holds a transaction of {big} bytes, larger than "
                         f"max_batch_bytes={config.max_batch_bytes}")

    cfg = config
    dt = cfg.l2_block_time
    T = cfg.l1_block_time
    arrival = wl.arrival
    eff = arrival.copy()
    if cfg.policy == "timeboost":
        eff = eff + np.where(wl.express, 0.0, cfg.express_delay)

    # escape hatch: L1 block of the user's submission and the forcing deadline
    if cfg.escape_after is None:
        submit = np.full(n, math.inf)
        b0 = np.full(n, -1, dtype=np.int64)
        deadline = np.full(n, math.inf)
    else:
        submit = arrival + cfg.escape_after
        b0 = np.floor(submit / T).astype(np.int64) + 1
        deadline = (b0 + cfg.force_delay_blocks) * T

    seq_down = (math.inf, math.inf)
    post_down = (math.inf, math.inf)
    if cfg.outage is not None:
        post_down = cfg.outage
        if cfg.outage_kind == "sequencer":
            seq_down = cfg.outage

    # ---- block building: an event loop over non-empty L2 blocks ------------------------
    order = np.argsort(eff, kind="stable").tolist()
    eff_l = eff.tolist()
    dl_l = deadline.tolist()
    if cfg.policy == "priority_fee":
        neg_fee = (-wl.fee).tolist()
        key = lambda j: (neg_fee[j], eff_l[j], j)  # noqa: E731
    else:
        key = lambda j: (eff_l[j], j)  # noqa: E731
    cap = cfg.max_txs_per_block or n
    soft = np.full(n, math.nan)
    block = np.full(n, -1, dtype=np.int64)
    position = np.full(n, -1, dtype=np.int64)
    forced = np.zeros(n, dtype=bool)
    heap: list[tuple] = []
    i, k, pos = 0, -1, 0
    down_start, down_end = seq_down
    first_up = math.ceil(down_end / dt) if math.isfinite(down_end) else 0
    while i < n or heap:
        k = k + 1 if heap else max(k + 1, _next_block_index(eff_l[order[i]], dt))
        t = k * dt
        if down_start <= t < down_end:
            k = max(k, first_up)
            while k * dt < down_end:
                k += 1
            t = k * dt
        while i < n and eff_l[order[i]] < t:
            j = order[i]
            heapq.heappush(heap, key(j))
            i += 1
        taken = 0
        while heap and taken < cap:
            j = heapq.heappop(heap)[-1]
            if dl_l[j] <= t:  # already forced in through the L1
                forced[j] = True
                continue
            soft[j] = t
            block[j] = k
            position[j] = pos
            pos += 1
            taken += 1

    # ---- batching: in L2 order, close when full or when the interval is up --------------
    seq_idx = np.empty(pos, dtype=np.int64)
    sequenced = ~forced
    seq_idx[position[sequenced]] = np.flatnonzero(sequenced)
    soft_l = soft[seq_idx].tolist()
    size_l = wl.size[seq_idx].tolist()
    batch_of = np.full(n, -1, dtype=np.int64)
    b_of_seq = np.empty(pos, dtype=np.int64)
    opens: list[float] = []
    closes: list[float] = []
    nbytes: list[int] = []
    ntx: list[int] = []
    interval, maxb = cfg.batch_interval, cfg.max_batch_bytes
    cur_open, cur_bytes, cur_n = 0.0, 0, 0
    for m in range(pos):
        s, b = soft_l[m], size_l[m]
        if cur_n:
            if s > cur_open + interval:
                closes.append(cur_open + interval)
                nbytes.append(cur_bytes)
                ntx.append(cur_n)
                cur_n = 0
            elif cur_bytes + b > maxb:
                closes.append(s)
                nbytes.append(cur_bytes)
                ntx.append(cur_n)
                cur_n = 0
        if cur_n == 0:
            opens.append(s)
            cur_open, cur_bytes = s, 0
        b_of_seq[m] = len(opens) - 1
        cur_bytes += b
        cur_n += 1
    if cur_n:
        closes.append(cur_open + interval)
        nbytes.append(cur_bytes)
        ntx.append(cur_n)
    batch_of[seq_idx] = b_of_seq

    close_t = np.array(closes, dtype=np.float64)
    post_t = close_t.copy()
    in_down = (post_t >= post_down[0]) & (post_t < post_down[1])
    post_t[in_down] = post_down[1]
    incl_t = (np.floor(post_t / T) + 1) * T
    b_bytes = np.array(nbytes, dtype=np.int64)
    if cfg.da == "blob":
        blobs = -(-b_bytes // cfg.blob_bytes)
    else:
        blobs = np.zeros_like(b_bytes)
    cost = batch_data_cost_eth(b_bytes, cfg) if b_bytes.size else np.zeros(0)

    inclusion = np.where(forced, deadline, math.nan)
    inclusion[sequenced] = incl_t[batch_of[sequenced]]
    path = np.where(forced, PATH_FORCED, PATH_SEQUENCER).astype(np.int8)
    escaped = forced | (sequenced & (soft > submit))
    inbox_block = np.where(escaped, b0, -1).astype(np.int64)

    arrays = dict(soft_time=soft, inclusion_time=inclusion, path=path, position=position,
                  block=block, batch=batch_of, inbox_block=inbox_block,
                  batch_open_time=np.array(opens, dtype=np.float64), batch_close_time=close_t,
                  batch_post_time=post_t, batch_inclusion_time=incl_t, batch_bytes=b_bytes,
                  batch_n_tx=np.array(ntx, dtype=np.int64), batch_blobs=blobs,
                  batch_cost_eth=np.asarray(cost, dtype=np.float64))
    return SimulationResult(config=cfg, workload=wl,
                            **{k_: _frozen_array(np.asarray(v)) for k_, v in arrays.items()})


# --------------------------------------------------------------------------------------------
# documented outages (the data live in seqlearn/data/outages.csv)
# --------------------------------------------------------------------------------------------
#: Every documented outage (durations as ranges; unknown durations are ``None``).
DOCUMENTED_OUTAGES: tuple[OutageRecord, ...] = outages()
