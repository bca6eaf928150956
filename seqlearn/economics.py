"""Sequencer economics: revenue, costs, the Superchain revenue share and ordering rights.

* :func:`daily_pnl` turns a day of an OP Stack chain (transactions, L2 and L1 prices, the
  chain's fee scalars) into the sequencer's profit and loss, with the L1 data fee computed
  exactly by :func:`seqlearn.fees.op_l1_fee` and the blob bill by :mod:`seqlearn.fees`.
* :func:`superchain_revenue_share` is the on-chain rule of ``SuperchainRevSharesCalculator``:
  the greater of 2.5 % of gross revenue and 15 % of gross revenue less L1 *fee revenue*;
  :func:`superchain_share_docs` is the rule as the docs define it (less the L1 *costs
  actually paid*). The two differ by 15 % of the operator's margin on L1 data.
* :func:`resolve_express_lane_auction` resolves one round of Arbitrum Timeboost's
  express-lane auction as the research specification describes it (sealed bids, second
  price, reserve price, ties by Keccak-256 hash); :func:`simulate_timeboost` runs many
  rounds with searchers whose values are drawn at random, and
  :func:`compare_ordering_policies` sets the auction against first-come-first-served
  latency racing and a priority gas auction.

Examples
--------
>>> superchain_revenue_share(100 * 10**18, 10 * 10**18)      # 15% of 90 ETH
13500000000000000000
>>> superchain_revenue_share(100 * 10**18, 90 * 10**18)      # 2.5% of 100 ETH
2500000000000000000
>>> r = resolve_express_lane_auction([("0x" + "11" * 20, 5), ("0x" + "22" * 20, 3)],
...                                  reserve_price=1)
>>> r.winner == "0x" + "11" * 20, r.price
(True, 3)
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from seqlearn import fees, params
from seqlearn import validation as v

__all__ = [
    "superchain_revenue_share",
    "superchain_share_docs",
    "ChainDay",
    "DailyPnL",
    "daily_pnl",
    "pnl_curve",
    "keccak256",
    "AuctionResult",
    "resolve_express_lane_auction",
    "TimeboostResult",
    "simulate_timeboost",
    "PolicyComparison",
    "compare_ordering_policies",
    "probe_breakeven_base_fee",
]

_BPS = 10_000


def _amount(name: str, value: object) -> int | float:
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        return v.wei(name, value, hi=2**256 - 1)
    return v.nonnegative(name, value, hi=1e40)


def superchain_revenue_share(gross_revenue: int | float,
                             l1_fee_revenue: int | float) -> int | float:
    """The Superchain revenue share as ``SuperchainRevSharesCalculator`` computes it.

    ``max(gross * 250 // 10000, (gross - l1_fee_revenue) * 1500 // 10000)``: 2.5 % of gross
    revenue or 15 % of gross revenue less the L1 fee revenue (what users were charged for
    L1 data, the L1FeeVault), whichever is greater. Gross revenue is the sum of the
    sequencer, base, operator and L1 fee vaults.

    Integers (wei) give the contract's integer arithmetic exactly; floats give the same
    rule in floating point. (The contract reverts when the gross share rounds to zero,
    below 40 wei of revenue; this function then returns the rule's value, 0.)

    Parameters
    ----------
    gross_revenue : int or float
        Sum of the four fee vaults (wei, or any unit if floats).
    l1_fee_revenue : int or float
        The L1 fee vault's part of it; at most ``gross_revenue``.

    Returns
    -------
    int or float
        The amount sent to the Superchain share recipient.

    Raises
    ------
    ValueError
        For negative amounts or an L1 fee revenue above the gross revenue.

    Examples
    --------
    >>> superchain_revenue_share(1000, 0)
    150
    >>> superchain_revenue_share(1000.0, 950.0)
    25.0
    """
    g = _amount("gross_revenue", gross_revenue)
    l1 = _amount("l1_fee_revenue", l1_fee_revenue)
    if l1 > g:
        raise v.fail("l1_fee_revenue", f"at most gross_revenue ({v.describe(g)})",
                     l1_fee_revenue)
    gross_bps = int(params.value("op.revshare.gross_bps"))
    net_bps = int(params.value("op.revshare.net_bps"))
    if isinstance(g, int) and isinstance(l1, int):
        return max(g * gross_bps // _BPS, (g - l1) * net_bps // _BPS)
    return max(float(g) * gross_bps / _BPS, (float(g) - float(l1)) * net_bps / _BPS)


def superchain_share_docs(chain_revenue: float, l1_costs_paid: float) -> float:
    """The Superchain revenue share as the Optimism docs define it.

    The greater of 2.5 % of chain revenue and 15 % of net on-chain profit, where the
    profit is chain revenue less the L1 gas actually spent (batches, blobs, output roots,
    dispute games). A loss makes the net leg negative, so the 2.5 % leg applies.

    Examples
    --------
    >>> superchain_share_docs(100.0, 60.0)
    6.0
    >>> superchain_share_docs(100.0, 150.0)
    2.5
    """
    r = v.nonnegative("chain_revenue", chain_revenue, hi=1e40)
    c = v.nonnegative("l1_costs_paid", l1_costs_paid, hi=1e40)
    gross = int(params.value("op.revshare.gross_bps")) / _BPS
    net = int(params.value("op.revshare.net_bps")) / _BPS
    return max(gross * r, net * (r - c))


# --- A day of a sequencer ----------------------------------------------------------------

@dataclass(frozen=True)
class ChainDay:
    """One day of an OP Stack chain, in the units the protocol uses.

    The defaults are illustrative (about 3 million transactions a day, prices of late
    2025 orders of magnitude); they describe no real chain.

    Attributes
    ----------
    tx_per_day : int
        User transactions per day.
    l2_gas_per_tx : int
        L2 gas used per transaction.
    l2_base_fee, priority_fee : int
        L2 base fee and average priority fee (wei per gas).
    fastlz_size : int
        FastLZ size of a typical transaction (bytes).
    l1_base_fee, l1_blob_base_fee : int
        L1 execution base fee and blob base fee (wei per gas, wei per blob gas).
    base_fee_scalar, blob_base_fee_scalar : int
        The chain's Ecotone scalars (1e6 = 1).
    operator_fee_scalar, operator_fee_constant : int
        Isthmus operator fee settings (0 in the standard configuration).
    compressed_bytes_per_tx : float
        Bytes each transaction takes in a compressed batch.
    blob_fill : float
        Average share of each blob's capacity used.
    blobs_per_batch : int
        Blobs carried by one batch transaction.
    batch_tx_gas : int
        Execution gas of one batch transaction.
    settlement_gas_per_day : int
        L1 gas a day for state outputs or dispute games.
    infra_wei_per_day : int
        Servers, nodes and staff, converted to wei.
    """

    tx_per_day: int = 3_000_000
    l2_gas_per_tx: int = 120_000
    l2_base_fee: int = 1_000_000
    priority_fee: int = 100_000
    fastlz_size: int = 200
    l1_base_fee: int = 1_000_000_000
    l1_blob_base_fee: int = 1_000_000
    base_fee_scalar: int = 8_000
    blob_base_fee_scalar: int = 1_000_000
    operator_fee_scalar: int = 0
    operator_fee_constant: int = 0
    compressed_bytes_per_tx: float = 120.0
    blob_fill: float = 0.9
    blobs_per_batch: int = 6
    batch_tx_gas: int = 50_000
    settlement_gas_per_day: int = 24 * 400_000
    infra_wei_per_day: int = 3 * 10**17

    def __post_init__(self) -> None:
        v.count("tx_per_day", self.tx_per_day, lo=0, hi=10**10)
        v.integer("l2_gas_per_tx", self.l2_gas_per_tx, lo=21_000, hi=10**9)
        for name in ("l2_base_fee", "priority_fee", "l1_base_fee", "l1_blob_base_fee",
                     "infra_wei_per_day", "operator_fee_constant"):
            v.wei(name, getattr(self, name), hi=10**24)
        v.integer("fastlz_size", self.fastlz_size, lo=0, hi=10**7)
        for name in ("base_fee_scalar", "blob_base_fee_scalar"):
            v.integer(name, getattr(self, name), lo=0,
                      hi=int(params.value("op.max_fee_scalar")))
        v.integer("operator_fee_scalar", self.operator_fee_scalar, lo=0, hi=2**32 - 1)
        v.positive("compressed_bytes_per_tx", self.compressed_bytes_per_tx, hi=10**7)
        v.probability("blob_fill", self.blob_fill, lo_open=True)
        v.count("blobs_per_batch", self.blobs_per_batch, hi=21)
        v.integer("batch_tx_gas", self.batch_tx_gas, lo=0, hi=10**8)
        v.integer("settlement_gas_per_day", self.settlement_gas_per_day, lo=0, hi=10**10)


@dataclass(frozen=True)
class DailyPnL:
    """A sequencer's day in wei (floats; each fee is computed exactly per transaction).

    Attributes
    ----------
    base_fees, priority_fees, l1_data_fees, operator_fees : float
        Revenue by fee vault (BaseFeeVault, SequencerFeeVault, L1FeeVault,
        OperatorFeeVault).
    blob_cost, batch_tx_cost, settlement_cost, infra_cost : float
        Costs: blob gas, the execution gas of the batch transactions, outputs or dispute
        games on L1, and infrastructure.
    blobs : int
        Blobs posted.
    """

    base_fees: float
    priority_fees: float
    l1_data_fees: float
    operator_fees: float
    blob_cost: float
    batch_tx_cost: float
    settlement_cost: float
    infra_cost: float
    blobs: int

    @property
    def gross_revenue(self) -> float:
        """Sum of the four fee vaults."""
        return self.base_fees + self.priority_fees + self.l1_data_fees + self.operator_fees

    @property
    def l1_costs(self) -> float:
        """L1 gas actually paid: blobs, batch transactions and settlement."""
        return self.blob_cost + self.batch_tx_cost + self.settlement_cost

    @property
    def profit(self) -> float:
        """Gross revenue less every cost, before the revenue share."""
        return self.gross_revenue - self.l1_costs - self.infra_cost

    @property
    def share_onchain(self) -> float:
        """Revenue share by the on-chain calculator (less L1 fee revenue)."""
        return float(superchain_revenue_share(self.gross_revenue, self.l1_data_fees))

    @property
    def share_docs(self) -> float:
        """Revenue share by the docs' definition (less L1 costs actually paid)."""
        return superchain_share_docs(self.gross_revenue, self.l1_costs)

    @property
    def l1_margin(self) -> float:
        """L1 data fees charged less L1 costs paid (the operator's margin on L1 data)."""
        return self.l1_data_fees - self.l1_costs


def daily_pnl(day: ChainDay | None = None) -> DailyPnL:
    """The sequencer's profit and loss for one :class:`ChainDay`.

    Each transaction pays ``l2_gas * (base + priority)``, the Fjord L1 data fee
    (:func:`seqlearn.fees.op_l1_fee`, exact) and the Isthmus operator fee. The batch
    needs ``ceil(tx * bytes / (usable * fill))`` blobs (OP encoding), paid at the blob base
    fee, plus one batch transaction per ``blobs_per_batch`` blobs.

    Examples
    --------
    >>> p = daily_pnl(ChainDay())
    >>> p.blobs
    3076
    >>> round(p.gross_revenue / 1e18, 3), round(p.profit / 1e18, 3)
    (0.444, 0.098)
    """
    d = ChainDay() if day is None else v.instance("day", day, ChainDay)
    n = d.tx_per_day
    l1_fee = fees.op_l1_fee(d.fastlz_size, l1_base_fee=d.l1_base_fee,
                            l1_blob_base_fee=d.l1_blob_base_fee,
                            base_fee_scalar=d.base_fee_scalar,
                            blob_base_fee_scalar=d.blob_base_fee_scalar)
    op_fee = fees.op_operator_fee(d.l2_gas_per_tx, operator_fee_scalar=d.operator_fee_scalar,
                                  operator_fee_constant=d.operator_fee_constant)
    per_blob = fees.usable_blob_bytes("op") * d.blob_fill
    blobs = int(np.ceil(n * d.compressed_bytes_per_tx / per_blob))
    batches = -(-blobs // d.blobs_per_batch)
    return DailyPnL(
        base_fees=float(n * d.l2_gas_per_tx * d.l2_base_fee),
        priority_fees=float(n * d.l2_gas_per_tx * d.priority_fee),
        l1_data_fees=float(n * l1_fee),
        operator_fees=float(n * op_fee),
        blob_cost=float(blobs * fees.GAS_PER_BLOB * d.l1_blob_base_fee),
        batch_tx_cost=float(batches * (int(params.value("ethereum.tx_base_gas"))
                                       + d.batch_tx_gas) * d.l1_base_fee),
        settlement_cost=float(d.settlement_gas_per_day * d.l1_base_fee),
        infra_cost=float(d.infra_wei_per_day),
        blobs=blobs)


def pnl_curve(day: ChainDay, blob_base_fees: object) -> dict[str, np.ndarray]:
    """Profit, revenue share (both rules) and L1 margin as the blob base fee varies.

    Parameters
    ----------
    day : ChainDay
        Every setting but the blob base fee.
    blob_base_fees : array of int
        Blob base fees to evaluate (wei per blob gas), at most 10,000 values.

    Returns
    -------
    dict of numpy.ndarray
        Keys ``"blob_base_fee"``, ``"gross"``, ``"l1_costs"``, ``"profit"``,
        ``"share_onchain"``, ``"share_docs"`` (wei).

    Examples
    --------
    >>> c = pnl_curve(ChainDay(), [10**3, 10**9])
    >>> bool(c["profit"][0] > c["profit"][1])
    True
    """
    d = v.instance("day", day, ChainDay)
    grid = v.array("blob_base_fees", blob_base_fees, ndim=1, lo=0, hi=10**15,
                   integer=True, max_size=10_000)
    rows = [daily_pnl(_replace(d, l1_blob_base_fee=int(f))) for f in grid.tolist()]
    out = {"blob_base_fee": grid.astype(float)}
    for key, get in (("gross", lambda p: p.gross_revenue), ("l1_costs", lambda p: p.l1_costs),
                     ("profit", lambda p: p.profit),
                     ("share_onchain", lambda p: p.share_onchain),
                     ("share_docs", lambda p: p.share_docs)):
        out[key] = np.array([get(p) for p in rows])
    return out


def _replace(d: ChainDay, **changes: object) -> ChainDay:
    import dataclasses
    return dataclasses.replace(d, **changes)


# --- Keccak-256 (for Timeboost's tie-break) ----------------------------------------------

_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61],
        [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
_M64 = (1 << 64) - 1


def _rol(x: int, n: int) -> int:
    return ((x << n) | (x >> (64 - n))) & _M64 if n else x


def _keccak_f(a: list[list[int]]) -> None:
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                a[x][y] ^= d[x]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        for x in range(5):
            for y in range(5):
                a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y])
        a[0][0] ^= rc


def _sponge(msg: bytes, domain: int) -> bytes:
    rate = 136
    pad = rate - len(msg) % rate
    if pad == 1:  # one byte of padding: the domain bits and the final bit share it
        padded = bytearray(msg) + bytes([domain | 0x80])
    else:
        padded = bytearray(msg) + bytes([domain]) + b"\x00" * (pad - 2) + b"\x80"
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(padded), rate):
        block = padded[off:off + rate]
        for i in range(rate // 8):
            a[i % 5][i // 5] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        _keccak_f(a)
    return b"".join(a[i % 5][i // 5].to_bytes(8, "little") for i in range(4))


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum uses it (original Keccak padding, not SHA3-256).

    A small pure-Python implementation, for the auction's tie-break; tested against the
    well-known digests of ``b""`` and ``b"abc"``.

    Examples
    --------
    >>> keccak256(b"").hex()[:16]
    'c5d2460186f7233c'
    """
    msg = bytes(v.instance("data", data, (bytes, bytearray)))
    if len(msg) > 10**6:
        raise v.fail("data", "at most 1,000,000 bytes", f"{len(msg)} bytes")
    return _sponge(msg, 0x01)


# --- Timeboost's express-lane auction ----------------------------------------------------

@dataclass(frozen=True)
class AuctionResult:
    """Outcome of one express-lane auction round.

    Attributes
    ----------
    winner : str or None
        Address of the express-lane controller (None: no valid bid, no controller).
    price : int
        What the winner pays (wei): the second-highest valid bid, or the reserve price if
        the winner's bid was the only valid one; 0 without a winner.
    valid_bids : int
        Bids at or above the reserve price.
    """

    winner: str | None
    price: int
    valid_bids: int


def _address(value: object) -> bytes:
    s = v.text("bidder", value)
    h = s[2:] if s.lower().startswith("0x") else s
    if len(h) != 40 or any(ch not in "0123456789abcdefABCDEF" for ch in h):
        raise v.fail("bidder", "a 20-byte hex address ('0x' and 40 hex digits)", value)
    return bytes.fromhex(h)


def _tie_key(address: bytes, amount: int) -> bytes:
    # Keccak-256 of the bidder address followed by the bid as a 32-byte big-endian word.
    return keccak256(address + amount.to_bytes(32, "big"))


def resolve_express_lane_auction(bids: Sequence[tuple[str, int]], *,
                                 reserve_price: int) -> AuctionResult:
    """Resolve one Timeboost round: sealed bids, second price, reserve price.

    As the Timeboost research specification describes the autonomous auctioneer: bids
    below the current reserve price are discarded; with two or more left the highest
    wins and pays the second-highest bid; with one left it pays the reserve price; with
    none there is no express-lane controller. Equal bids are ordered by Keccak-256 of the
    bidder address followed by the bid, the lexicographically larger hash counting as the
    higher bid (the spec does not pin the bid's byte encoding; this function uses a
    32-byte big-endian word). Either way a tie makes the winner pay the tied amount.

    Parameters
    ----------
    bids : sequence of (address, amount)
        Addresses as ``"0x"`` and 40 hex digits, amounts in wei (at most 1,000 bids;
        one bid per address, as the contract requires two different signers).
    reserve_price : int
        The current reserve price (wei).

    Returns
    -------
    AuctionResult

    Examples
    --------
    >>> a, b = "0x" + "aa" * 20, "0x" + "bb" * 20
    >>> resolve_express_lane_auction([(a, 7)], reserve_price=2).price    # single bid
    2
    >>> resolve_express_lane_auction([(a, 7), (b, 1)], reserve_price=2).price
    2
    >>> resolve_express_lane_auction([(a, 1)], reserve_price=2).winner is None
    True
    """
    if isinstance(bids, (str, bytes)) or not isinstance(bids, Sequence):
        raise v.fail("bids", "a sequence of (address, amount) pairs", bids, TypeError)
    if len(bids) > 1000:
        raise v.fail("bids", "at most 1,000 bids", f"{len(bids)} bids")
    reserve = v.wei("reserve_price", reserve_price)
    seen: set[bytes] = set()
    valid = []
    for item in bids:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise v.fail("bids", "a sequence of (address, amount) pairs", item, TypeError)
        addr = _address(item[0])
        amount = v.wei("bid amount", item[1])
        if addr in seen:
            raise v.fail("bids", "bids from different addresses", item[0])
        seen.add(addr)
        if amount >= reserve:
            valid.append((amount, _tie_key(addr, amount), item[0]))
    if not valid:
        return AuctionResult(winner=None, price=0, valid_bids=0)
    valid.sort(reverse=True)
    if len(valid) == 1:
        return AuctionResult(winner=valid[0][2], price=reserve, valid_bids=1)
    return AuctionResult(winner=valid[0][2], price=valid[1][0], valid_bids=len(valid))


@dataclass(frozen=True)
class TimeboostResult:
    """Many simulated Timeboost rounds.

    Attributes
    ----------
    price : numpy.ndarray
        What each round's winner paid (ETH; 0 where nobody cleared the reserve).
    winner : numpy.ndarray
        Index of each round's winning searcher (-1: no sale).
    realized_value : numpy.ndarray
        What the lane turned out to be worth to the winner in each round (ETH).
    """

    price: np.ndarray
    winner: np.ndarray
    realized_value: np.ndarray

    @property
    def revenue_per_day(self) -> float:
        """Mean auction revenue per day (1,440 one-minute rounds), ETH."""
        return float(self.price.mean() * 1440)

    @property
    def winner_edge_per_day(self) -> float:
        """Mean realized value minus price for the winners, per day, ETH."""
        return float((self.realized_value - self.price).mean() * 1440)

    @property
    def unsold_share(self) -> float:
        """Share of rounds without an express-lane controller."""
        return float((self.winner < 0).mean())

    def top_share(self, k: int = 2) -> float:
        """Share of sold rounds won by the ``k`` most frequent winners."""
        kk = v.count("k", k, hi=10_000)
        won = self.winner[self.winner >= 0]
        if won.size == 0:
            return 0.0
        counts = np.sort(np.bincount(won))[::-1]
        return float(counts[:kk].sum() / won.size)


def simulate_timeboost(n_rounds: int = 10_000, *, skills: object = (1.0, 0.9, 0.6, 0.4),
                       mean_value: float = 0.005, value_sigma: float = 0.8,
                       forecast_sigma: float = 0.3, reserve_price: float = 0.001,
                       shading: float = 0.0, seed: int = 0) -> TimeboostResult:
    """Simulate express-lane auctions with searchers who bid ahead of time.

    Each one-minute round has an MEV value ``R`` (ETH) that the express lane unlocks,
    lognormal with mean ``mean_value`` and log-volatility ``value_sigma``. Searcher ``i``
    can capture ``skills[i] * R``. Bidding closes before the round, so each bids on a
    forecast, ``(1 - shading) * skills[i] * R * exp(noise)``, with independent lognormal
    forecast noise of log-volatility ``forecast_sigma`` (mean one). In a second-price
    auction bidding one's estimate is the natural strategy; ``shading`` lowers all bids
    (for risk aversion). Rounds are resolved by the rule of
    :func:`resolve_express_lane_auction` (vectorised; ties have probability zero here).

    Parameters
    ----------
    n_rounds : int
        Rounds to simulate (at most 10,000,000 / number of searchers).
    skills : array of float
        Share of the round's value each searcher can capture (in [0, 1]).
    mean_value, value_sigma, forecast_sigma : float
    reserve_price : float
        ETH (the minimum reserve is 0.001 WETH).
    shading : float
        Fraction by which every bid is lowered, in [0, 1).
    seed : int

    Returns
    -------
    TimeboostResult

    Examples
    --------
    >>> r = simulate_timeboost(2000, seed=1)
    >>> 0 < r.revenue_per_day < 1440 * 0.01
    True
    """
    n = v.count("n_rounds", n_rounds)
    s = v.array("skills", skills, ndim=1, lo=0.0, hi=1.0, max_size=1000)
    v.budget("n_rounds x skills", n * s.size, hi=v.MAX_COUNT)
    mu = v.positive("mean_value", mean_value, hi=1e6)
    sig = v.nonnegative("value_sigma", value_sigma, hi=5.0)
    fsig = v.nonnegative("forecast_sigma", forecast_sigma, hi=5.0)
    res = v.nonnegative("reserve_price", reserve_price, hi=1e6)
    sh = v.real("shading", shading, lo=0.0, hi=1.0, hi_open=True)
    rng = np.random.default_rng(v.seed("seed", seed))
    value = mu * np.exp(sig * rng.standard_normal(n) - sig**2 / 2)
    noise = np.exp(fsig * rng.standard_normal((n, s.size)) - fsig**2 / 2)
    bids = (1 - sh) * s[None, :] * value[:, None] * noise
    valid = bids >= res
    masked = np.where(valid, bids, -np.inf)
    order = np.argsort(-masked, axis=1)
    top = order[:, 0]
    rows = np.arange(n)
    first = masked[rows, top]
    if s.size > 1:
        second = masked[rows, order[:, 1]]
    else:
        second = np.full(n, -np.inf)
    sold = np.isfinite(first)
    price = np.where(sold, np.where(np.isfinite(second), second, res), 0.0)
    winner = np.where(sold, top, -1)
    realized = np.where(sold, s[top] * value, 0.0)
    return TimeboostResult(price=price, winner=winner, realized_value=realized)


@dataclass(frozen=True)
class PolicyComparison:
    """Where a day of MEV goes under three ordering policies (ETH per day).

    Attributes
    ----------
    policy : tuple of str
        ``"fcfs"`` (first come, first served latency race), ``"pga"`` (priority gas
        auction, per opportunity), ``"timeboost"`` (express lane sold a minute ahead).
    sequencer_revenue, searcher_profit, wasted : numpy.ndarray
        What the sequencer (or DAO) receives, what searchers keep, and what is spent on
        latency and spam. The three add up to the value captured.
    added_delay_ms : numpy.ndarray
        Extra delay for ordinary users' transactions.
    """

    policy: tuple[str, ...]
    sequencer_revenue: np.ndarray
    searcher_profit: np.ndarray
    wasted: np.ndarray
    added_delay_ms: np.ndarray


def compare_ordering_policies(tb: TimeboostResult, *, skills: object = (1.0, 0.9, 0.6, 0.4),
                              nonexpress_delay_ms: float | None = None) -> PolicyComparison:
    """Set Timeboost against FCFS latency racing and a priority gas auction.

    A stylised comparison on the same rounds as ``tb`` (:func:`simulate_timeboost`):

    * **FCFS**: searchers race on latency; following the result that bidders invest in
      latency until expected profit is zero (Schlegel, arXiv:2312.02055), the whole value
      the best searcher captures is spent on latency and spam, and the sequencer gets
      nothing.
    * **PGA**: each opportunity is auctioned by priority fee once its value is known;
      the best searcher wins and pays the second-best searcher's value (the outcome of an
      open ascending auction).
    * **Timeboost**: the auction revenue and the winners' edge from ``tb``; everyone else
      waits ``nonexpress_delay_ms`` (200 ms).

    Returns
    -------
    PolicyComparison

    Examples
    --------
    >>> c = compare_ordering_policies(simulate_timeboost(2000, seed=1))
    >>> c.policy
    ('fcfs', 'pga', 'timeboost')
    >>> bool(c.sequencer_revenue[0] == 0.0)
    True
    """
    t = v.instance("tb", tb, TimeboostResult)
    s = np.sort(v.array("skills", skills, ndim=1, lo=0.0, hi=1.0, max_size=1000))[::-1]
    delay = (float(params.value("arbitrum.timeboost.nonexpress_delay_ms"))
             if nonexpress_delay_ms is None
             else v.nonnegative("nonexpress_delay_ms", nonexpress_delay_ms, hi=1e6))
    # The round value R is recovered from the winner's realized value where sold.
    sold = t.winner >= 0
    value = np.zeros_like(t.realized_value)
    value[sold] = t.realized_value[sold] / np.maximum(s.max(), 1e-300)
    best = s[0] * value.mean() * 1440
    second = (s[1] if s.size > 1 else 0.0) * value.mean() * 1440
    return PolicyComparison(
        policy=("fcfs", "pga", "timeboost"),
        sequencer_revenue=np.array([0.0, second, t.revenue_per_day]),
        searcher_profit=np.array([0.0, best - second, t.winner_edge_per_day]),
        wasted=np.array([best, 0.0, 0.0]),
        added_delay_ms=np.array([0.0, 0.0, delay]))


def probe_breakeven_base_fee(expected_gain_wei: float, gas_per_probe: float) -> float:
    """L2 base fee (wei per gas) above which a speculative probe no longer pays.

    A spam searcher sends a probe that costs ``gas_per_probe * base_fee`` and wins
    ``expected_gain_wei`` on average; probing pays while the base fee is below
    ``expected_gain / gas``. A minimum base fee (Jovian) above that level prices the
    probes out.

    Examples
    --------
    >>> probe_breakeven_base_fee(1e9, 100_000)
    10000.0
    """
    g = v.nonnegative("expected_gain_wei", expected_gain_wei, hi=1e30)
    gas = v.real("gas_per_probe", gas_per_probe, lo=1.0, hi=1e9)
    return g / gas
