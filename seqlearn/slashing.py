"""Slashing: the offences a sequencer can commit, the evidence that proves them, and the penalty.

A staked sequencer promises to behave; slashing is how the promise is enforced. This module
models the three parts of any slashing design:

1. **Offences and evidence.** Each offence comes with evidence that anyone can check against
   public data (a :class:`ChainView`): two conflicting signed batches for one slot
   (:class:`EquivocationEvidence`), a won fraud proof (:class:`InvalidStateTransitionEvidence`),
   an unanswered data-availability sampling challenge (:class:`DataWithholdingEvidence`),
   too many missed slots (:class:`DowntimeEvidence`) and an ignored forced-inclusion request
   (:class:`CensorshipEvidence`). Every evidence type has ``verify(view)``, which rejects
   bogus evidence with a reason.
2. **Penalty schedules.** Interchangeable objects with ``penalty(offence, state) -> int``:
   a fixed fraction (:class:`FixedFraction`), an escalating schedule for repeat offenders
   (:class:`EscalatingSchedule`), a correlation penalty that grows with how much stake was
   slashed in the same window (:class:`CorrelationSchedule`), and a per-offence mix
   (:class:`PerOffence`). :func:`apply_slash` checks the evidence, asks the schedule for the
   penalty and routes it through a :class:`seqlearn.staking.StakingRegistry`, which burns it
   or pays part of it to the reporter.
3. **Ethereum as the reference design.** :func:`ethereum_slashing_penalty` reproduces the
   consensus specification's slashing arithmetic fork by fork (Phase 0, Altair, Bellatrix,
   Electra), to the gwei.

It ends with the economics: :func:`deterrence` says whether an attack pays given its profit,
the probability that it is caught and proven, the penalty and the reporter's share, and the
smallest stake that deters it.

Signatures are modelled with HMAC-SHA256 (Python's ``hashlib`` and ``hmac``): the verifier holds
each sequencer's key in ``ChainView.keys``. Real systems use public-key signatures (ECDSA,
BLS), where the verifier holds only a public key; the logic of the evidence is the same.

Examples
--------
>>> key = derive_key("seq-A", seed=1)
>>> view = ChainView(keys={"seq-A": key})
>>> b1 = sign_batch(key, "seq-A", slot=7, txs=("tx1", "tx2"))
>>> b2 = sign_batch(key, "seq-A", slot=7, txs=("tx1", "tx3"))
>>> EquivocationEvidence(b1, b2).verify(view)
Verdict(valid=True, reason='seq-A signed two different batches for slot 7')
>>> ethereum_slashing_penalty(32 * 10**9, 32 * 10**9, 30_720_000 * 10**9, "electra").total_penalty
7912500
"""

from __future__ import annotations

import hashlib
import hmac
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from numbers import Real
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np

from seqlearn import params
from seqlearn import validation as v

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from seqlearn.staking import StakingRegistry

__all__ = [
    # offences and evidence
    "Offence",
    "Verdict",
    "EvidenceRejected",
    "derive_key",
    "SignedBatch",
    "sign_batch",
    "verify_signature",
    "merkle_root",
    "merkle_proof",
    "verify_merkle_proof",
    "DACommitment",
    "commit_data",
    "DAChallenge",
    "DAResponse",
    "ForcedInclusionRequest",
    "ChainView",
    "Evidence",
    "EquivocationEvidence",
    "FraudProofOutcome",
    "FraudVerdict",
    "InvalidStateTransitionEvidence",
    "DataWithholdingEvidence",
    "DowntimeEvidence",
    "CensorshipEvidence",
    # penalty schedules and the slashing step
    "OffenceState",
    "PenaltySchedule",
    "FixedFraction",
    "EscalatingSchedule",
    "CorrelationSchedule",
    "PerOffence",
    "penalty_shares",
    "SlashRecord",
    "SlashingHistory",
    "apply_slash",
    # Ethereum reference design
    "ETHEREUM_FORKS",
    "EthereumSlashingPenalty",
    "ethereum_slashing_penalty",
    "ethereum_correlation_threshold",
    "EthereumPenaltyCurve",
    "ethereum_penalty_curve",
    # economics of deterrence
    "Deterrence",
    "deterrence",
    "DeterrenceCurve",
    "deterrence_curve",
]


# ============================================================================================
# Small validators
# ============================================================================================

#: Largest slot, epoch or time the verifiers accept (far beyond any chain's life).
MAX_SLOT: int = 2**62
#: Longest window, in slots, a ChainView rule may have (verifiers loop over a window).
MAX_WINDOW: int = 1_000_000
#: Most points of a penalty or deterrence curve.
MAX_POINTS: int = 10_000
#: Largest total active balance in gwei (about 4.6e9 ETH, over 100 times today's).
MAX_GWEI: int = 2**62


# ============================================================================================
# Offences, verdicts, keys and signed batches
# ============================================================================================

class Offence(str, Enum):
    """The offences a sequencer can be slashed for."""

    EQUIVOCATION = "equivocation"
    INVALID_STATE_TRANSITION = "invalid_state_transition"
    DATA_WITHHOLDING = "data_withholding"
    DOWNTIME = "downtime"
    CENSORSHIP = "censorship"

    def __str__(self) -> str:  # "equivocation", not "Offence.EQUIVOCATION"
        return self.value


@dataclass(frozen=True)
class Verdict:
    """Outcome of checking a piece of evidence: truthy when the evidence proves the offence."""

    valid: bool
    reason: str

    def __bool__(self) -> bool:
        return self.valid


class EvidenceRejected(ValueError):
    """Raised by :func:`apply_slash` when evidence does not verify or was already used."""


def derive_key(sequencer: str, seed: int) -> bytes:
    """Derive a deterministic 32-byte signing key for ``sequencer`` from an integer seed.

    Parameters
    ----------
    sequencer : str
        The sequencer's name.
    seed : int
        Any non-negative integer; the same seed always gives the same key.

    Returns
    -------
    bytes
        A 32-byte key.

    Examples
    --------
    >>> len(derive_key("seq-A", 1)), derive_key("seq-A", 1) == derive_key("seq-A", 2)
    (32, False)
    """
    v.text("sequencer", sequencer)
    v.integer("seed", seed, lo=0)
    return hashlib.sha256(b"seqlearn-key|" + sequencer.encode() + b"|" + str(seed).encode()).digest()


def _hash_txs(txs: Sequence[str]) -> str:
    h = hashlib.sha256(b"seqlearn-batch")
    for tx in txs:
        data = tx.encode()
        h.update(len(data).to_bytes(8, "big") + data)  # length prefix: no ambiguous joins
    return h.hexdigest()


def _mac(key: bytes, *parts: object) -> str:
    msg = b"|".join(str(p).encode() for p in parts)
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SignedBatch:
    """A batch of transactions for one slot, with the claimed post-state root, signed.

    Attributes
    ----------
    sequencer : str
        Who signed it.
    slot : int
        The slot the batch is for.
    txs : tuple of str
        Transaction identifiers, in order.
    state_root : str
        The state root the sequencer claims the batch leads to ("" if not claimed).
    signature : str
        Hex HMAC-SHA256 over (sequencer, slot, batch hash, state root).
    """

    sequencer: str
    slot: int
    txs: tuple[str, ...]
    state_root: str
    signature: str

    def __post_init__(self) -> None:
        v.text("sequencer", self.sequencer)
        v.integer("slot", self.slot, lo=0, hi=MAX_SLOT)
        if isinstance(self.txs, (str, bytes)) or not isinstance(self.txs, Sequence):
            raise v.fail("txs", "a sequence of transaction strings", self.txs, TypeError)
        object.__setattr__(self, "txs", tuple(v.text(f"txs[{i}]", t, allow_empty=True)
                                              for i, t in enumerate(self.txs)))
        v.text("state_root", self.state_root, allow_empty=True)
        v.text("signature", self.signature, allow_empty=True)

    @property
    def batch_hash(self) -> str:
        """SHA-256 commitment to the ordered transactions (hex)."""
        return _hash_txs(self.txs)


def sign_batch(key: bytes, sequencer: str, slot: int, txs: Sequence[str],
               state_root: str = "") -> SignedBatch:
    """Sign a batch for ``slot`` with ``key``.

    Parameters
    ----------
    key : bytes
        The sequencer's signing key (see :func:`derive_key`).
    sequencer : str
        The signer's name.
    slot : int
        Slot number (>= 0).
    txs : list of str
        Transaction identifiers, in order (any sequence of str).
    state_root : str, optional
        Claimed post-state root.

    Returns
    -------
    SignedBatch

    Examples
    --------
    >>> b = sign_batch(derive_key("s", 0), "s", 3, ["a", "b"])
    >>> b.slot, b.txs, len(b.signature)
    (3, ('a', 'b'), 64)
    """
    if not isinstance(key, bytes) or not key:
        raise TypeError(f"key must be non-empty bytes, got {type(key).__name__}")
    v.text("sequencer", sequencer)
    v.integer("slot", slot, lo=0, hi=MAX_SLOT)
    if isinstance(txs, str) or not all(isinstance(t, str) for t in txs):
        raise TypeError(f"txs must be a sequence of str, got {txs!r}")
    if not isinstance(state_root, str):
        raise TypeError(f"state_root must be a str, got {state_root!r}")
    txs_t = tuple(txs)
    sig = _mac(key, "batch", sequencer, int(slot), _hash_txs(txs_t), state_root)
    return SignedBatch(sequencer, int(slot), txs_t, state_root, sig)


def verify_signature(batch: Any, keys: Mapping[str, bytes]) -> bool:
    """True if ``batch`` is a :class:`SignedBatch` validly signed by its stated sequencer.

    Examples
    --------
    >>> k = derive_key("s", 0)
    >>> b = sign_batch(k, "s", 1, ["x"])
    >>> verify_signature(b, {"s": k}), verify_signature(b, {"s": derive_key("s", 9)})
    (True, False)
    """
    if not isinstance(keys, Mapping):
        raise v.fail("keys", "a mapping from sequencer names to keys (bytes)", keys, TypeError)
    if not isinstance(batch, SignedBatch):
        return False
    key = keys.get(batch.sequencer)
    if key is None:
        return False
    expected = _mac(key, "batch", batch.sequencer, batch.slot, batch.batch_hash, batch.state_root)
    return hmac.compare_digest(expected, str(batch.signature))


# ============================================================================================
# Merkle commitments for data availability
# ============================================================================================

def _leaf(chunk: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + chunk).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _levels(chunks: Sequence[bytes]) -> list[list[bytes]]:
    if len(chunks) == 0:
        raise ValueError("chunks must hold at least one chunk, got 0")
    if not all(isinstance(c, bytes) for c in chunks):
        raise TypeError("chunks must be a sequence of bytes")
    level = [_leaf(c) for c in chunks]
    levels = [level]
    while len(level) > 1:
        if len(level) % 2:
            level = level + [level[-1]]  # an odd node is paired with itself
        level = [_node(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        levels.append(level)
    return levels


def merkle_root(chunks: Sequence[bytes]) -> str:
    """Merkle root (hex) of the data chunks, with domain-separated leaf and node hashes.

    Examples
    --------
    >>> r = merkle_root([b"a", b"b", b"c"])
    >>> len(r), r == merkle_root([b"a", b"b", b"d"])
    (64, False)
    """
    return _levels(chunks)[-1][0].hex()


def merkle_proof(chunks: Sequence[bytes], index: int) -> tuple[str, ...]:
    """Sibling hashes (hex, leaf level first) proving chunk ``index`` against the root.

    Examples
    --------
    >>> chunks = [b"a", b"b", b"c"]
    >>> verify_merkle_proof(merkle_root(chunks), 2, b"c", merkle_proof(chunks, 2))
    True
    """
    levels = _levels(chunks)
    v.integer("index", index, lo=0)
    if index >= len(chunks):
        raise ValueError(f"index must be < {len(chunks)} (the number of chunks), got {index}")
    proof = []
    i = index
    for level in levels[:-1]:
        sib = i ^ 1
        proof.append((level[sib] if sib < len(level) else level[i]).hex())
        i //= 2
    return tuple(proof)


def verify_merkle_proof(root: str, index: int, chunk: bytes, proof: Sequence[str]) -> bool:
    """True if ``chunk`` sits at ``index`` under ``root`` according to ``proof``.

    Malformed input (wrong types, bad hex) gives False rather than an exception.
    """
    i = v.integer("index", index, lo=0, hi=MAX_SLOT)
    try:
        h = _leaf(chunk)
        for sib_hex in proof:
            sib = bytes.fromhex(sib_hex)
            h = _node(h, sib) if i % 2 == 0 else _node(sib, h)
            i //= 2
        return i == 0 and hmac.compare_digest(h.hex(), str(root))
    except (TypeError, ValueError, AttributeError):
        return False


@dataclass(frozen=True)
class DACommitment:
    """A sequencer's signed promise that ``n_chunks`` chunks with Merkle root ``root`` are
    available on the data-availability layer for the batch of ``slot``."""

    sequencer: str
    slot: int
    root: str
    n_chunks: int
    signature: str

    def __post_init__(self) -> None:
        v.text("sequencer", self.sequencer)
        v.integer("slot", self.slot, lo=0, hi=MAX_SLOT)
        v.text("root", self.root, allow_empty=True)
        v.integer("n_chunks", self.n_chunks, lo=0, hi=MAX_SLOT)
        v.text("signature", self.signature, allow_empty=True)


def commit_data(key: bytes, sequencer: str, slot: int, chunks: Sequence[bytes]) -> DACommitment:
    """Sign a commitment to the batch data ``chunks`` published for ``slot``.

    Examples
    --------
    >>> c = commit_data(derive_key("s", 0), "s", 4, [b"a", b"b"])
    >>> c.n_chunks, c.slot
    (2, 4)
    """
    if not isinstance(key, bytes) or not key:
        raise TypeError(f"key must be non-empty bytes, got {type(key).__name__}")
    v.text("sequencer", sequencer)
    v.integer("slot", slot, lo=0, hi=MAX_SLOT)
    root = merkle_root(chunks)
    sig = _mac(key, "da", sequencer, int(slot), root, len(chunks))
    return DACommitment(sequencer, int(slot), root, len(chunks), sig)


def _commitment_signed(c: Any, keys: Mapping[str, bytes]) -> bool:
    if not isinstance(c, DACommitment):
        return False
    key = keys.get(c.sequencer)
    if key is None:
        return False
    return hmac.compare_digest(_mac(key, "da", c.sequencer, c.slot, c.root, c.n_chunks),
                               str(c.signature))


@dataclass(frozen=True)
class DAChallenge:
    """A sampling challenge posted on L1: "publish chunk ``index`` of ``commitment``"."""

    commitment: DACommitment
    index: int
    issued_slot: int

    def __post_init__(self) -> None:
        v.instance("commitment", self.commitment, DACommitment)
        v.integer("index", self.index, lo=0, hi=MAX_SLOT)
        v.integer("issued_slot", self.issued_slot, lo=0, hi=MAX_SLOT)


@dataclass(frozen=True)
class DAResponse:
    """An answer to a :class:`DAChallenge`: the chunk, its Merkle proof, and when it landed."""

    challenge: DAChallenge
    chunk: bytes
    proof: tuple[str, ...]
    answered_slot: int

    def __post_init__(self) -> None:
        v.instance("challenge", self.challenge, DAChallenge)
        v.instance("chunk", self.chunk, bytes)
        if isinstance(self.proof, (str, bytes)) or not isinstance(self.proof, Sequence):
            raise v.fail("proof", "a sequence of sibling hashes (hex strings)", self.proof,
                         TypeError)
        object.__setattr__(self, "proof", tuple(v.text(f"proof[{i}]", h, allow_empty=True)
                                                for i, h in enumerate(self.proof)))
        v.integer("answered_slot", self.answered_slot, lo=0, hi=MAX_SLOT)


@dataclass(frozen=True)
class ForcedInclusionRequest:
    """A transaction a user submitted through the L1 forced-inclusion path at ``submitted_slot``."""

    tx: str
    submitted_slot: int

    def __post_init__(self) -> None:
        v.text("tx", self.tx)
        v.integer("submitted_slot", self.submitted_slot, lo=0, hi=MAX_SLOT)


# ============================================================================================
# The public data a verifier reads
# ============================================================================================

def _frozen_map(m: Mapping | None, name: str) -> Mapping:
    if m is None:
        return MappingProxyType({})
    if not isinstance(m, Mapping):
        raise TypeError(f"{name} must be a mapping, got {type(m).__name__}")
    return MappingProxyType(dict(m))


@dataclass(frozen=True)
class ChainView:
    """What an on-chain slashing verifier can read, and the protocol's rules.

    Times are slot numbers. The rule parameters (windows, tolerance) are set by the protocol,
    never by the accuser: evidence names an offence, the view decides whether it happened.

    Attributes
    ----------
    keys : dict
        Each registered sequencer's verification key (bytes), by name.
    now_slot : int
        The current slot.
    schedule : dict
        The leader schedule: the name of the sequencer assigned to each slot.
    posted : dict
        The :class:`SignedBatch` that landed on L1 for each slot.
    da_challenges : tuple of DAChallenge
        Sampling challenges registered on L1.
    da_responses : tuple of DAResponse
        Answers posted on L1.
    forced_requests : tuple of ForcedInclusionRequest
        Requests in the L1 forced-inclusion queue.
    da_response_window : int
        Slots a sequencer has to answer a sampling challenge (illustrative default).
    forced_inclusion_window : int
        Slots within which a forced transaction must be included (illustrative default).
    downtime_epoch_slots : int
        Length of the non-overlapping epochs over which missed slots are counted.
    downtime_tolerance : int
        Missed slots per epoch that go unpunished; more than this is downtime.
    """

    keys: Mapping[str, bytes]
    now_slot: int = 0
    schedule: Mapping[int, str] = field(default_factory=dict)
    posted: Mapping[int, SignedBatch] = field(default_factory=dict)
    da_challenges: tuple[DAChallenge, ...] = ()
    da_responses: tuple[DAResponse, ...] = ()
    forced_requests: tuple[ForcedInclusionRequest, ...] = ()
    da_response_window: int = 16
    forced_inclusion_window: int = 64
    downtime_epoch_slots: int = 32
    downtime_tolerance: int = 4

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", _frozen_map(self.keys, "keys"))
        object.__setattr__(self, "schedule", _frozen_map(self.schedule, "schedule"))
        object.__setattr__(self, "posted", _frozen_map(self.posted, "posted"))
        for name, cls in (("da_challenges", DAChallenge), ("da_responses", DAResponse),
                          ("forced_requests", ForcedInclusionRequest)):
            items = getattr(self, name)
            if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
                raise v.fail(name, f"a tuple of {cls.__name__}", items, TypeError)
            items = tuple(items)
            for i, item in enumerate(items):
                v.instance(f"{name}[{i}]", item, cls)
            object.__setattr__(self, name, items)
        v.integer("now_slot", self.now_slot, lo=0, hi=MAX_SLOT)
        for name in ("da_response_window", "forced_inclusion_window", "downtime_epoch_slots"):
            v.integer(name, getattr(self, name), lo=1, hi=MAX_WINDOW)  # loops over a window
        v.integer("downtime_tolerance", self.downtime_tolerance, lo=0)

    def posted_by(self, slot: int, sequencer: str) -> SignedBatch | None:
        """The batch posted for ``slot`` if it is validly signed by ``sequencer``, else None."""
        b = self.posted.get(slot)
        if b is not None and b.sequencer == sequencer and verify_signature(b, self.keys):
            return b
        return None


# ============================================================================================
# Evidence
# ============================================================================================

@runtime_checkable
class Evidence(Protocol):
    """What every piece of evidence offers: the accused, the offence, an id and a check."""

    @property
    def sequencer(self) -> str: ...  # pragma: no cover

    @property
    def offence(self) -> Offence: ...  # pragma: no cover

    @property
    def evidence_id(self) -> str: ...  # pragma: no cover

    def verify(self, view: ChainView) -> Verdict: ...  # pragma: no cover


def _id(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _is_slot(x: Any) -> bool:
    """Whether ``x`` is a slot number a verifier can compare: an int in [0, MAX_SLOT]."""
    return (isinstance(x, (int, np.integer)) and not isinstance(x, bool)
            and 0 <= x <= MAX_SLOT)


def _reject(reason: str) -> Verdict:
    return Verdict(False, reason)


@dataclass(frozen=True)
class EquivocationEvidence:
    """Two batches for the same slot, both signed by the same sequencer, that differ.

    Examples
    --------
    >>> k = derive_key("s", 0)
    >>> b = sign_batch(k, "s", 5, ["a"])
    >>> EquivocationEvidence(b, b).verify(ChainView(keys={"s": k})).reason
    'the two batches are identical: no conflict'
    """

    first: SignedBatch
    second: SignedBatch

    offence = Offence.EQUIVOCATION

    @property
    def sequencer(self) -> str:
        return str(getattr(self.first, "sequencer", ""))

    @property
    def evidence_id(self) -> str:
        hashes = sorted(str(getattr(b, "batch_hash", "")) + str(getattr(b, "state_root", ""))
                        for b in (self.first, self.second))
        return _id("equivocation", self.sequencer, getattr(self.first, "slot", ""), *hashes)

    def verify(self, view: ChainView) -> Verdict:
        v.instance("view", view, ChainView)
        a, b = self.first, self.second
        if not (isinstance(a, SignedBatch) and isinstance(b, SignedBatch)):
            return _reject("both pieces must be SignedBatch objects")
        if a.sequencer != b.sequencer:
            return _reject(f"the batches are signed by different sequencers "
                           f"({a.sequencer!r} and {b.sequencer!r})")
        if a.slot != b.slot:
            return _reject(f"the batches are for different slots ({a.slot} and {b.slot})")
        if (a.batch_hash, a.state_root) == (b.batch_hash, b.state_root):
            return _reject("the two batches are identical: no conflict")
        for which, batch in (("first", a), ("second", b)):
            if not verify_signature(batch, view.keys):
                return _reject(f"the {which} batch's signature does not verify "
                               f"for {batch.sequencer!r}")
        return Verdict(True, f"{a.sequencer} signed two different batches for slot {a.slot}")


@runtime_checkable
class FraudProofOutcome(Protocol):
    """The result of a fraud-proof game, as the slashing module needs it.

    Any object with these attributes plugs in (for example an adapter around the result of
    ``seqlearn.fraudproof``): who made the disputed claim, which state root was disputed,
    and whether the game proved it wrong.
    """

    accused: str
    disputed_root: str
    fraud_proven: bool


@dataclass(frozen=True)
class FraudVerdict:
    """A minimal :class:`FraudProofOutcome`: the verdict of a finished fraud-proof game."""

    accused: str
    disputed_root: str
    fraud_proven: bool

    @classmethod
    def from_dispute(cls, result: Any, accused: str,
                     disputed_root: str | None = None) -> FraudVerdict:
        """Read the verdict of a :class:`seqlearn.fraudproof.DisputeResult`.

        The accused sequencer is the game's asserter: the fraud is proven when the
        challenger wins, by a one-step proof, a timeout or an invalid move of the asserter,
        as in the optimistic rollups, where losing the game in any way rejects the claim.

        Parameters
        ----------
        result : DisputeResult
            Any object with ``winner`` equal to ``"asserter"`` or ``"challenger"``.
        accused : str
            The sequencer that asserted the disputed state root.
        disputed_root : str, optional
            The disputed state root as the batch states it; by default ``"0x"`` followed by
            the hex of ``result.claimed_hash``.

        Raises
        ------
        ValueError
            If ``result`` has no such winner, or no root is given or recorded.

        Examples
        --------
        >>> from seqlearn.fraudproof import simulate_dispute
        >>> r = simulate_dispute(1_000, 700, liar="asserter")
        >>> FraudVerdict.from_dispute(r, "seq-A", "0xroot").fraud_proven
        True
        """
        v.text("accused", accused)
        winner = getattr(result, "winner", None)
        if winner not in ("asserter", "challenger"):
            raise ValueError(f"result.winner must be 'asserter' or 'challenger', got {winner!r}")
        if disputed_root is None:
            h = getattr(result, "claimed_hash", None)
            if not isinstance(h, bytes):
                raise ValueError("disputed_root is required: the result records no claimed_hash")
            disputed_root = "0x" + h.hex()
        if not isinstance(disputed_root, str):
            raise TypeError(f"disputed_root must be a str, got {disputed_root!r}")
        return cls(accused, disputed_root, winner == "challenger")


@dataclass(frozen=True)
class InvalidStateTransitionEvidence:
    """A signed batch whose claimed state root a fraud proof has shown to be wrong.

    Examples
    --------
    >>> k = derive_key("s", 0)
    >>> b = sign_batch(k, "s", 2, ["a"], state_root="0xbad")
    >>> ev = InvalidStateTransitionEvidence(b, FraudVerdict("s", "0xbad", fraud_proven=True))
    >>> bool(ev.verify(ChainView(keys={"s": k})))
    True
    """

    batch: SignedBatch
    outcome: Any  # a FraudProofOutcome; typed loosely so malformed outcomes are rejected, not crashed on

    offence = Offence.INVALID_STATE_TRANSITION

    @property
    def sequencer(self) -> str:
        return str(getattr(self.batch, "sequencer", ""))

    @property
    def evidence_id(self) -> str:
        return _id("fraud", self.sequencer, getattr(self.batch, "slot", ""),
                   getattr(self.batch, "state_root", ""))

    def verify(self, view: ChainView) -> Verdict:
        v.instance("view", view, ChainView)
        b, out = self.batch, self.outcome
        if not isinstance(b, SignedBatch):
            return _reject("batch must be a SignedBatch")
        if not verify_signature(b, view.keys):
            return _reject(f"the batch's signature does not verify for {b.sequencer!r}")
        if not b.state_root:
            return _reject("the batch claims no state root, so there is nothing to disprove")
        try:
            accused, root, proven = out.accused, out.disputed_root, out.fraud_proven
        except AttributeError:
            return _reject("the outcome lacks accused / disputed_root / fraud_proven")
        if accused != b.sequencer:
            return _reject(f"the fraud proof accuses {accused!r}, not the signer {b.sequencer!r}")
        if root != b.state_root:
            return _reject("the fraud proof disputes a different state root than the batch claims")
        if proven is not True:
            return _reject("the fraud-proof game did not prove the transition invalid")
        return Verdict(True, f"a fraud proof showed {b.sequencer}'s state root for slot "
                             f"{b.slot} is wrong")


@dataclass(frozen=True)
class DataWithholdingEvidence:
    """A sampling challenge against a signed data commitment that went unanswered in time.

    Examples
    --------
    >>> k = derive_key("s", 0)
    >>> c = commit_data(k, "s", 1, [b"a", b"b"])
    >>> ch = DAChallenge(c, index=1, issued_slot=10)
    >>> ev = DataWithholdingEvidence(ch)
    >>> ev.verify(ChainView(keys={"s": k}, now_slot=20, da_challenges=(ch,))).reason
    'the challenge is still open until slot 26'
    >>> bool(ev.verify(ChainView(keys={"s": k}, now_slot=27, da_challenges=(ch,))))
    True
    """

    challenge: DAChallenge

    offence = Offence.DATA_WITHHOLDING

    @property
    def sequencer(self) -> str:
        return str(getattr(getattr(self.challenge, "commitment", None), "sequencer", ""))

    @property
    def evidence_id(self) -> str:
        c = getattr(self.challenge, "commitment", None)
        return _id("da", self.sequencer, getattr(c, "slot", ""), getattr(c, "root", ""),
                   getattr(self.challenge, "index", ""), getattr(self.challenge, "issued_slot", ""))

    def verify(self, view: ChainView) -> Verdict:
        v.instance("view", view, ChainView)
        ch = self.challenge
        if not isinstance(ch, DAChallenge):
            return _reject("challenge must be a DAChallenge")
        c = ch.commitment
        if not _commitment_signed(c, view.keys):
            return _reject("the data commitment is not validly signed by the accused")
        if ch not in view.da_challenges:
            return _reject("no such challenge was registered on L1")
        if not (isinstance(ch.index, int) and 0 <= ch.index < c.n_chunks):
            return _reject(f"chunk index {ch.index!r} is outside the commitment's "
                           f"{c.n_chunks} chunks")
        if not _is_slot(ch.issued_slot):
            return _reject(f"the challenge's issued_slot {ch.issued_slot!r} is not a slot")
        deadline = ch.issued_slot + view.da_response_window
        if view.now_slot <= deadline:
            return _reject(f"the challenge is still open until slot {deadline}")
        for r in view.da_responses:
            if (r.challenge == ch and r.answered_slot <= deadline
                    and verify_merkle_proof(c.root, ch.index, r.chunk, r.proof)):
                return _reject(f"the challenge was answered with a valid chunk at slot "
                               f"{r.answered_slot}")
        return Verdict(True, f"{c.sequencer} did not publish chunk {ch.index} of slot {c.slot} "
                             f"by slot {deadline}")


@dataclass(frozen=True)
class DowntimeEvidence:
    """The accused missed more of its assigned slots in one epoch than the protocol tolerates.

    Epoch ``e`` covers slots ``[e * L, (e + 1) * L)`` with ``L = view.downtime_epoch_slots``;
    a slot is missed when it was assigned to the accused and no batch validly signed by it
    landed for that slot.
    """

    accused: str
    epoch: int

    offence = Offence.DOWNTIME

    @property
    def sequencer(self) -> str:
        return str(self.accused)

    @property
    def evidence_id(self) -> str:
        return _id("downtime", self.accused, self.epoch)

    def verify(self, view: ChainView) -> Verdict:
        v.instance("view", view, ChainView)
        if not isinstance(self.accused, str) or self.accused not in view.keys:
            return _reject(f"{self.accused!r} is not a registered sequencer")
        if isinstance(self.epoch, bool) or not isinstance(self.epoch, int) or self.epoch < 0:
            return _reject(f"epoch must be a non-negative int, got {self.epoch!r}")
        length = view.downtime_epoch_slots
        start, end = self.epoch * length, (self.epoch + 1) * length
        if view.now_slot < end:
            return _reject(f"epoch {self.epoch} ends at slot {end}; it is only slot {view.now_slot}")
        assigned = [s for s in range(start, end) if view.schedule.get(s) == self.accused]
        missed = sum(1 for s in assigned if view.posted_by(s, self.accused) is None)
        if missed <= view.downtime_tolerance:
            return _reject(f"{self.accused} missed {missed} of {len(assigned)} assigned slots, "
                           f"within the tolerance of {view.downtime_tolerance}")
        return Verdict(True, f"{self.accused} missed {missed} of {len(assigned)} assigned slots "
                             f"in epoch {self.epoch} (tolerance {view.downtime_tolerance})")


@dataclass(frozen=True)
class CensorshipEvidence:
    """A forced-inclusion request the accused ignored past the protocol's deadline.

    The accused must have been assigned at least one slot between the request and the
    deadline (it had the chance), and no validly signed batch in that interval includes the
    transaction.
    """

    accused: str
    request: ForcedInclusionRequest

    offence = Offence.CENSORSHIP

    @property
    def sequencer(self) -> str:
        return str(self.accused)

    @property
    def evidence_id(self) -> str:
        return _id("censorship", self.accused, getattr(self.request, "tx", ""),
                   getattr(self.request, "submitted_slot", ""))

    def verify(self, view: ChainView) -> Verdict:
        v.instance("view", view, ChainView)
        req = self.request
        if not isinstance(req, ForcedInclusionRequest):
            return _reject("request must be a ForcedInclusionRequest")
        if req not in view.forced_requests:
            return _reject("no such request is in the L1 forced-inclusion queue")
        if not _is_slot(req.submitted_slot):
            return _reject(f"the request's submitted_slot {req.submitted_slot!r} is not a slot")
        deadline = req.submitted_slot + view.forced_inclusion_window
        if view.now_slot <= deadline:
            return _reject(f"the request may still be included until slot {deadline}")
        window = range(req.submitted_slot, deadline + 1)
        for s in window:
            b = self.posted_batch(view, s)
            if b is not None and req.tx in b.txs:
                return _reject(f"the transaction was included in slot {s}")
        turns = [s for s in window if view.schedule.get(s) == self.accused]
        if not turns:
            return _reject(f"{self.accused!r} had no slot between {req.submitted_slot} "
                           f"and {deadline}")
        return Verdict(True, f"{self.accused} ignored forced transaction {req.tx!r} through "
                             f"{len(turns)} of its slots up to slot {deadline}")

    @staticmethod
    def posted_batch(view: ChainView, slot: int) -> SignedBatch | None:
        """The validly signed batch posted for ``slot`` by whoever was scheduled, if any."""
        b = view.posted.get(slot)
        return b if b is not None and verify_signature(b, view.keys) else None


# ============================================================================================
# Penalty schedules
# ============================================================================================

@dataclass(frozen=True)
class OffenceState:
    """What a penalty schedule may look at when it prices an offence.

    Attributes
    ----------
    stake : int
        The offender's stake at risk (bonded plus unbonding), smallest units.
    prior_offences : int
        Offences already punished for this sequencer.
    slashed_in_window : int
        Stake slashed from all sequencers in the correlation window, before this offence.
    total_stake : int
        Stake at risk across all sequencers, including the offender (defaults to ``stake``).
    """

    stake: int
    prior_offences: int = 0
    slashed_in_window: int = 0
    total_stake: int | None = None

    def __post_init__(self) -> None:
        v.integer("stake", self.stake, lo=0)
        v.integer("prior_offences", self.prior_offences, lo=0)
        v.integer("slashed_in_window", self.slashed_in_window, lo=0)
        if self.total_stake is None:
            object.__setattr__(self, "total_stake", int(self.stake))
        total = v.integer("total_stake", self.total_stake, lo=0)
        if total < self.stake:
            raise ValueError(f"total_stake must be >= stake ({self.stake}), got {total}")


class PenaltySchedule(ABC):
    """A rule that prices an offence: ``penalty(offence, state)`` in smallest units.

    Subclasses give the slashed share of the stake through :meth:`fraction`; the penalty is
    ``floor(stake * min(fraction, 1))``, computed exactly, so it never exceeds the stake.
    Any object with a ``penalty(offence, state) -> int`` method can be passed to
    :func:`apply_slash`; subclassing this one is the easy way.
    """

    @abstractmethod
    def fraction(self, offence: Offence, state: OffenceState) -> Fraction:
        """Share of the offender's stake to slash (values above 1 are capped at 1)."""

    def penalty(self, offence: Offence, state: OffenceState) -> int:
        """Penalty in smallest units: ``floor(stake * min(fraction, 1))``."""
        if not isinstance(state, OffenceState):
            raise TypeError(f"state must be an OffenceState, got {type(state).__name__}")
        offence = Offence(offence)
        f = min(Fraction(self.fraction(offence, state)), Fraction(1))
        if f < 0:
            raise ValueError(f"{type(self).__name__}.fraction returned {f}, expected >= 0")
        return state.stake * f.numerator // f.denominator


@dataclass(frozen=True)
class FixedFraction(PenaltySchedule):
    """Slash the same share of the stake for every offence, whatever the history.

    Examples
    --------
    >>> FixedFraction(0.1).penalty(Offence.DOWNTIME, OffenceState(stake=1_000))
    100
    """

    share: Fraction

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", v.fraction("share", self.share, allow_float=True))

    def fraction(self, offence: Offence, state: OffenceState) -> Fraction:
        return self.share


@dataclass(frozen=True)
class EscalatingSchedule(PenaltySchedule):
    """Slash ``steps[k]`` of the stake for an offender with ``k`` prior offences.

    The last step applies to every later offence.

    Examples
    --------
    >>> s = EscalatingSchedule((0.01, 0.1, 1))
    >>> [s.penalty(Offence.DOWNTIME, OffenceState(1_000, prior_offences=k)) for k in range(4)]
    [10, 100, 1000, 1000]
    """

    steps: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        if isinstance(self.steps, (str, bytes)) or not isinstance(self.steps, Sequence) \
                or len(self.steps) == 0:
            raise ValueError(f"steps must be a non-empty sequence of fractions, got {self.steps!r}")
        steps = tuple(v.fraction(f"steps[{i}]", s, allow_float=True)
                      for i, s in enumerate(self.steps))
        if any(b < a for a, b in zip(steps, steps[1:])):
            raise ValueError(f"steps must not decrease, got {[str(s) for s in steps]}")
        object.__setattr__(self, "steps", steps)

    def fraction(self, offence: Offence, state: OffenceState) -> Fraction:
        return self.steps[min(state.prior_offences, len(self.steps) - 1)]


@dataclass(frozen=True)
class CorrelationSchedule(PenaltySchedule):
    """Ethereum-style: slash ``base + multiplier * share of stake slashed in the window``.

    The share counts the offender's own stake too, as Ethereum's slashings vector does:
    ``(slashed_in_window + stake) / total_stake``. A lone offender pays little more than
    ``base``; when many are slashed together, as in a coordinated attack, everyone loses up
    to the whole stake.

    Examples
    --------
    >>> s = CorrelationSchedule(base=Fraction(1, 100), multiplier=3)
    >>> s.penalty(Offence.EQUIVOCATION, OffenceState(100, total_stake=10_000))
    4
    >>> s.penalty(Offence.EQUIVOCATION, OffenceState(100, slashed_in_window=3_000, total_stake=10_000))
    94
    """

    base: Fraction
    multiplier: Fraction

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", v.fraction("base", self.base, allow_float=True))
        object.__setattr__(self, "multiplier", v.fraction("multiplier", self.multiplier, hi=None,
                                                                allow_float=True))

    def fraction(self, offence: Offence, state: OffenceState) -> Fraction:
        if state.total_stake == 0:
            return self.base
        share = Fraction(min(state.slashed_in_window + state.stake, state.total_stake),
                         state.total_stake)
        return self.base + self.multiplier * share


@dataclass(frozen=True)
class PerOffence(PenaltySchedule):
    """Use a different schedule for each offence, with a default for the rest.

    Examples
    --------
    >>> s = PerOffence({Offence.DOWNTIME: FixedFraction(0.01)}, default=FixedFraction(1))
    >>> s.penalty("downtime", OffenceState(500)), s.penalty("equivocation", OffenceState(500))
    (5, 500)
    """

    schedules: Mapping[Offence, PenaltySchedule]
    default: PenaltySchedule | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.schedules, Mapping):
            raise TypeError(f"schedules must map Offence to a schedule, got {self.schedules!r}")
        table = {}
        for k, v in self.schedules.items():
            if not isinstance(v, PenaltySchedule):
                raise TypeError(f"schedules[{k!r}] must be a PenaltySchedule, got {v!r}")
            table[Offence(k)] = v
        if self.default is not None and not isinstance(self.default, PenaltySchedule):
            raise TypeError(f"default must be a PenaltySchedule or None, got {self.default!r}")
        object.__setattr__(self, "schedules", MappingProxyType(table))

    def _pick(self, offence: Offence) -> PenaltySchedule:
        s = self.schedules.get(Offence(offence), self.default)
        if s is None:
            raise ValueError(f"no schedule for offence {offence!s} and no default")
        return s

    def fraction(self, offence: Offence, state: OffenceState) -> Fraction:
        return self._pick(offence).fraction(offence, state)


def penalty_shares(schedule: PenaltySchedule, offence: Offence | str,
                   states: Sequence[OffenceState]) -> np.ndarray:
    """Penalty as a share of the offender's stake, for each state (0 where the stake is 0).

    Parameters
    ----------
    schedule : PenaltySchedule
        Any object with ``penalty(offence, state) -> int``.
    offence : Offence or str
    states : list of OffenceState

    Returns
    -------
    numpy.ndarray
        ``penalty / stake`` per state, floats in [0, 1].

    Examples
    --------
    >>> s = EscalatingSchedule((0.01, 0.1, 1))
    >>> penalty_shares(s, "downtime", [OffenceState(1_000, prior_offences=k) for k in range(3)])
    array([0.01, 0.1 , 1.  ])
    """
    v.instance("schedule", schedule, PenaltySchedule)
    offence = Offence(offence)
    out = np.zeros(len(states))
    for i, state in enumerate(states):
        if not isinstance(state, OffenceState):
            raise TypeError(f"states[{i}] must be an OffenceState, got {type(state).__name__}")
        if state.stake:
            out[i] = schedule.penalty(offence, state) / state.stake
    return out


# ============================================================================================
# Applying a slash through the staking registry
# ============================================================================================

@dataclass(frozen=True)
class SlashRecord:
    """What one accepted piece of evidence cost the offender, and where the money went."""

    evidence_id: str
    sequencer: str
    offence: Offence
    time: int
    state: OffenceState
    penalty: int
    slashed: int
    burned: int
    reporter_reward: int
    reporter: str | None
    reason: str


class SlashingHistory:
    """Memory of past slashes: repeat offences, stake slashed in a window, and used evidence.

    Parameters
    ----------
    window : int
        Length of the correlation window in the registry's time unit (seconds; default 36
        days, close to Ethereum's 8192 epochs). An offence at ``now`` counts the slashes made
        at times ``t`` with ``now - window < t <= now``.
    """

    def __init__(self, window: int = 36 * 86400) -> None:
        self.window = v.integer("window", window, lo=1, hi=MAX_SLOT)
        self._records: list[SlashRecord] = []
        self._ids: set[str] = set()

    @property
    def records(self) -> tuple[SlashRecord, ...]:
        """Accepted slashes, oldest first."""
        return tuple(self._records)

    def prior_offences(self, sequencer: str) -> int:
        """Number of punished offences of ``sequencer`` so far."""
        return sum(1 for r in self._records if r.sequencer == sequencer)

    def slashed_in_window(self, now: int) -> int:
        """Total slashed with ``now - window < time <= now``."""
        return sum(r.slashed for r in self._records if now - self.window < r.time <= now)

    def seen(self, evidence_id: str) -> bool:
        """True if this evidence has already been used."""
        return evidence_id in self._ids

    def add(self, record: SlashRecord) -> None:
        """Record an accepted slash."""
        if not isinstance(record, SlashRecord):
            raise TypeError(f"record must be a SlashRecord, got {type(record).__name__}")
        self._records.append(record)
        self._ids.add(record.evidence_id)


def apply_slash(registry: StakingRegistry, evidence: Evidence, schedule: PenaltySchedule,
                view: ChainView, now: int, *, reporter: str | None = None,
                history: SlashingHistory | None = None,
                reward_fraction: Fraction | None = None) -> SlashRecord:
    """Verify ``evidence``, price it with ``schedule`` and slash through ``registry``.

    Parameters
    ----------
    registry : seqlearn.staking.StakingRegistry
        Holds the stakes; it takes the penalty from bonded stake first, then from unbonding
        stake, burns it and pays the reporter's share.
    evidence : Evidence
        Any of the evidence types in this module.
    schedule : PenaltySchedule
        Prices the offence; any object with ``penalty(offence, state) -> int``.
    view : ChainView
        The public data the evidence is checked against.
    now : int
        Current time in the registry's unit (seconds).
    reporter : str, optional
        Who submitted the evidence; ``None`` burns everything.
    history : SlashingHistory, optional
        Past slashes, for repeat offences, the correlation window and double use of evidence;
        updated in place. Without it, every offence is a first offence and nothing else was
        slashed.
    reward_fraction : fractions.Fraction, optional
        Reporter's share for this slash; defaults to the registry's.

    Returns
    -------
    SlashRecord

    Raises
    ------
    EvidenceRejected
        If the evidence does not verify, or ``history`` shows it was already used.
    ValueError
        If the schedule returns a penalty that is not an int between 0 and the stake.

    Examples
    --------
    >>> from seqlearn.staking import StakingRegistry
    >>> reg = StakingRegistry(min_stake=100, max_stake=10_000, unbonding_period=10,
    ...                       reporter_reward_fraction=Fraction(1, 10))
    >>> reg.bond("s", 1_000, now=0)
    >>> k = derive_key("s", 0)
    >>> ev = EquivocationEvidence(sign_batch(k, "s", 1, ["a"]), sign_batch(k, "s", 1, ["b"]))
    >>> rec = apply_slash(reg, ev, FixedFraction(Fraction(1, 2)), ChainView(keys={"s": k}),
    ...                   now=5, reporter="watcher")
    >>> rec.slashed, rec.burned, rec.reporter_reward, reg.at_stake("s")
    (500, 450, 50, 500)
    """
    if not isinstance(evidence, Evidence):
        raise TypeError(f"evidence must provide sequencer, offence, evidence_id and verify(); "
                        f"got {type(evidence).__name__}")
    v.instance("view", view, ChainView)
    from seqlearn.staking import StakingRegistry  # staking does not import slashing
    v.instance("registry", registry, StakingRegistry)
    if reporter is not None:
        v.text("reporter", reporter)
    if not callable(getattr(schedule, "penalty", None)):
        raise TypeError(f"schedule must have a penalty(offence, state) method, "
                        f"got {type(schedule).__name__}")
    if history is not None and not isinstance(history, SlashingHistory):
        raise TypeError(f"history must be a SlashingHistory or None, got {type(history).__name__}")
    v.integer("now", now, lo=0, hi=MAX_SLOT)
    verdict = evidence.verify(view)
    if not verdict:
        raise EvidenceRejected(f"evidence {evidence.evidence_id} rejected: {verdict.reason}")
    if history is not None and history.seen(evidence.evidence_id):
        raise EvidenceRejected(f"evidence {evidence.evidence_id} was already used")

    sequencer = evidence.sequencer
    totals = registry.totals()
    state = OffenceState(
        stake=registry.at_stake(sequencer),
        prior_offences=history.prior_offences(sequencer) if history else 0,
        slashed_in_window=history.slashed_in_window(now) if history else 0,
        total_stake=max(totals.bonded + totals.unbonding, registry.at_stake(sequencer)),
    )
    penalty = schedule.penalty(evidence.offence, state)
    if isinstance(penalty, bool) or not isinstance(penalty, (int, np.integer)) \
            or not 0 <= penalty <= state.stake:
        raise ValueError(f"schedule {type(schedule).__name__} returned penalty {penalty!r}; "
                         f"expected an int between 0 and the stake {state.stake}")
    penalty = int(penalty)
    if penalty > 0:
        res = registry.slash(sequencer, now, reason=str(evidence.offence), amount=penalty,
                             reporter=reporter, reward_fraction=reward_fraction)
        slashed, burned, reward = res.slashed, res.burned, res.reporter_reward
    else:
        slashed = burned = reward = 0
    record = SlashRecord(evidence.evidence_id, sequencer, evidence.offence, now, state, penalty,
                         slashed, burned, reward, reporter, verdict.reason)
    if history is not None:
        history.add(record)
    return record


# ============================================================================================
# Ethereum proof-of-stake slashing, fork by fork
# ============================================================================================

ETHEREUM_FORKS: tuple[str, ...] = ("phase0", "altair", "bellatrix", "electra")

# PROPOSER_REWARD_QUOTIENT (Phase 0) and PROPOSER_WEIGHT / WEIGHT_DENOMINATOR (Altair on).
_PROPOSER_SHARE_RULE = {"phase0": "quotient", "altair": "weight", "bellatrix": "weight",
                        "electra": "weight"}


def _max_effective_balance(fork: str) -> int:
    key = ("ethereum.max_effective_balance_electra" if fork == "electra"
           else "ethereum.max_effective_balance")
    return int(params.value(key))


@dataclass(frozen=True)
class EthereumSlashingPenalty:
    """Ethereum's slashing amounts for one validator, in gwei.

    Attributes
    ----------
    fork : str
        Specification fork whose rules were applied.
    effective_balance : int
        The validator's effective balance.
    initial_penalty : int
        Charged at once by ``slash_validator``.
    correlation_penalty : int
        Charged by ``process_slashings`` half-way through the slashings window.
    whistleblower_reward : int
        Paid out of nothing (newly issued) on inclusion of the evidence; includes the
        proposer's share.
    proposer_reward : int
        The block proposer's share of the whistleblower reward.
    """

    fork: str
    effective_balance: int
    initial_penalty: int
    correlation_penalty: int
    whistleblower_reward: int
    proposer_reward: int

    @property
    def total_penalty(self) -> int:
        """Initial plus correlation penalty (missed-duty penalties while exiting not included)."""
        return self.initial_penalty + self.correlation_penalty

    @property
    def reporter_share(self) -> int:
        """The whistleblower's part of the reward when it is not the proposer."""
        return self.whistleblower_reward - self.proposer_reward


def _eth_inputs(effective_balance: Any, total_slashed: Any, total_active: Any,
                fork: Any) -> tuple[int, int, int, str]:
    fork = v.option("fork", fork, tuple(ETHEREUM_FORKS))
    inc = int(params.value("ethereum.effective_balance_increment"))
    eb = v.integer("effective_balance", effective_balance, lo=0)
    s = v.integer("total_slashed", total_slashed, lo=0, hi=MAX_GWEI)
    t = v.integer("total_active", total_active, lo=inc, hi=MAX_GWEI)
    max_eb = _max_effective_balance(fork)
    if eb % inc or eb > max_eb:
        raise v.fail("effective_balance", f"a multiple of {inc} gwei (1 ETH) between 0 and "
                     f"{max_eb} gwei for fork {fork!r}", eb)
    if t % inc:
        raise v.fail("total_active", f"a multiple of {inc} gwei (a sum of effective balances)",
                     t)
    if s < eb:
        raise v.fail("total_slashed", f"at least this validator's effective balance ({eb})", s)
    return eb, s, t, fork


def ethereum_slashing_penalty(effective_balance: int, total_slashed: int, total_active: int,
                              fork: str) -> EthereumSlashingPenalty:
    """Ethereum's slashing penalty and rewards for one validator, exactly as the spec computes them.

    Reproduces ``slash_validator`` and ``process_slashings`` of the consensus specification
    for each fork, with its integer arithmetic. Before Electra the correlation penalty is
    ``EB // I * min(S * M, T) // T * I`` (rounded down to whole ETH); from Electra it is
    ``min(S * M, T) // (T // I)`` gwei per ETH of effective balance.

    Parameters
    ----------
    effective_balance : int
        The slashed validator's effective balance ``EB`` in gwei: a multiple of
        ``EFFECTIVE_BALANCE_INCREMENT`` (1 ETH), at most 32 ETH before Electra and 2048 ETH
        from Electra, as the specification guarantees.
    total_slashed : int
        ``S``, the sum of the state's slashings vector in gwei: the effective balances of all
        validators slashed in the last 8192 epochs, this one included, so ``S >= EB``.
    total_active : int
        ``T``, the total active balance in gwei: a sum of effective balances, so a positive
        multiple of 1 ETH (the spec's floor of one increment applies).
    fork : str
        Specification fork: ``"phase0"``, ``"altair"``, ``"bellatrix"`` or ``"electra"``. Capella, Deneb and Fulu did not change slashing: use
        ``"bellatrix"`` for Capella and Deneb, ``"electra"`` for Fulu.

    Returns
    -------
    EthereumSlashingPenalty

    Raises
    ------
    ValueError
        Unknown fork (the message lists the forks), negative amounts, balances that are not
        whole increments, or ``total_slashed < effective_balance``.
    TypeError
        Non-integer amounts.

    Notes
    -----
    Both penalties are evaluated at the one effective balance given. On the real chain the
    correlation penalty uses the effective balance at the time it is charged (about 18 days
    later), which the initial penalty and missed duties may have lowered by then.

    Examples
    --------
    >>> GWEI = 10**9
    >>> p = ethereum_slashing_penalty(32 * GWEI, 10_240_000 * GWEI, 30_720_000 * GWEI, "altair")
    >>> p.initial_penalty / GWEI, p.correlation_penalty / GWEI
    (0.5, 21.0)
    >>> p = ethereum_slashing_penalty(2048 * GWEI, 2048 * GWEI, 30_720_000 * GWEI, "electra")
    >>> p.correlation_penalty, p.whistleblower_reward, p.proposer_reward
    (409600000, 500000000, 62500000)
    """
    eb, s, t, fork = _eth_inputs(effective_balance, total_slashed, total_active, fork)
    inc = int(params.value("ethereum.effective_balance_increment"))
    min_q = int(params.value(f"ethereum.{fork}.min_slashing_penalty_quotient"))
    mult = int(params.value(f"ethereum.{fork}.proportional_slashing_multiplier"))
    wb_q = int(params.value(f"ethereum.{fork}.whistleblower_reward_quotient"))

    initial = eb // min_q
    adjusted = min(s * mult, t)
    if fork == "electra":
        per_increment = adjusted // (t // inc)
        correlation = per_increment * (eb // inc)
    else:
        correlation = eb // inc * adjusted // t * inc
    whistleblower = eb // wb_q
    if _PROPOSER_SHARE_RULE[fork] == "quotient":
        proposer = whistleblower // int(params.value("ethereum.phase0.proposer_reward_quotient"))
    else:
        proposer = (whistleblower * int(params.value("ethereum.altair.proposer_weight"))
                    // int(params.value("ethereum.altair.weight_denominator")))
    return EthereumSlashingPenalty(fork, eb, initial, correlation, whistleblower, proposer)


def ethereum_correlation_threshold(fork: str, effective_balance: int, total_active: int) -> int:
    """Smallest ``total_slashed`` (gwei) at which the correlation penalty is not zero.

    Before Electra the penalty is rounded down to whole ETH, so a validator with ``n`` ETH
    of effective balance pays nothing until ``n * M * S >= T``: the threshold is
    ``ceil(T / (n * M))``. From Electra it is ``ceil((T // I) / M)``, far below one
    validator's balance, so any slashing costs something. The result is never below
    ``effective_balance``, since ``S`` includes the validator itself.

    Examples
    --------
    >>> GWEI = 10**9
    >>> ethereum_correlation_threshold("bellatrix", 32 * GWEI, 30_720_000 * GWEI) // GWEI
    320000
    >>> ethereum_correlation_threshold("electra", 32 * GWEI, 30_720_000 * GWEI) // GWEI
    32
    """
    fork = v.option("fork", fork, tuple(ETHEREUM_FORKS))
    inc = int(params.value("ethereum.effective_balance_increment"))
    eb = v.integer("effective_balance", effective_balance, lo=1)
    eb, _, t, fork = _eth_inputs(eb, eb, total_active, fork)
    mult = int(params.value(f"ethereum.{fork}.proportional_slashing_multiplier"))
    if fork == "electra":
        need = -(-(t // inc) // mult)
    else:
        need = -(-t // (eb // inc * mult))
    return max(eb, need)


@dataclass(frozen=True)
class EthereumPenaltyCurve:
    """Penalties for one validator as the slashed share of stake grows (arrays, one per point).

    Attributes
    ----------
    fork : str
    effective_balance : int
        gwei.
    total_active : int
        gwei.
    total_slashed : numpy.ndarray
        ``S`` at each point, gwei (int64).
    share : numpy.ndarray
        ``S / T`` as a float.
    initial_penalty, correlation_penalty, total_penalty : numpy.ndarray
        gwei (int64).
    """

    fork: str
    effective_balance: int
    total_active: int
    total_slashed: np.ndarray
    share: np.ndarray
    initial_penalty: np.ndarray
    correlation_penalty: np.ndarray
    total_penalty: np.ndarray


def ethereum_penalty_curve(fork: str, *, effective_balance: int = 32 * 10**9,
                           total_active: int = 30_720_000 * 10**9,
                           max_share: Fraction = Fraction(1, 20),
                           points: int = 401) -> EthereumPenaltyCurve:
    """Evaluate :func:`ethereum_slashing_penalty` on a grid of slashed shares ``0 .. max_share``.

    The grid is exact in integers: ``S_k = max(EB, T * max_share * k // (points - 1))``.

    Examples
    --------
    >>> c = ethereum_penalty_curve("bellatrix", points=5, max_share=Fraction(1, 10))
    >>> (c.correlation_penalty // 10**9).tolist()
    [0, 2, 4, 7, 9]
    """
    fork = v.option("fork", fork, tuple(ETHEREUM_FORKS))
    share_max = v.fraction("max_share", max_share, allow_float=True)
    points = v.count("points", points, lo=2, hi=MAX_POINTS)
    t = v.integer("total_active", total_active, lo=1, hi=MAX_GWEI)
    eb = v.integer("effective_balance", effective_balance, lo=0)
    num, den = share_max.numerator, share_max.denominator
    s_vals = [max(eb, t * num * k // (den * (points - 1))) for k in range(points)]
    results = [ethereum_slashing_penalty(eb, s, t, fork) for s in s_vals]
    s_arr = np.array(s_vals, dtype=np.int64)
    init = np.array([r.initial_penalty for r in results], dtype=np.int64)
    corr = np.array([r.correlation_penalty for r in results], dtype=np.int64)
    return EthereumPenaltyCurve(fork, eb, t, s_arr, s_arr / float(t), init, corr, init + corr)


# ============================================================================================
# The cost of misbehaving: deterrence
# ============================================================================================

@dataclass(frozen=True)
class Deterrence:
    """Whether an attack pays, and the stake that would deter it.

    All amounts are in one token unit (the profit's and the stake's).

    Attributes
    ----------
    profit, detection_probability, penalty_fraction, reporter_share, stake, self_reporting
        The inputs.
    penalty_if_caught : float
        ``penalty_fraction * stake``: what is slashed when the attack is proven.
    net_loss_if_caught : float
        What the attacker really loses when caught. If it can report itself (self-reporting),
        it wins back the reporter's share: ``(1 - reporter_share) * penalty_if_caught``.
    expected_penalty : float
        ``detection_probability * net_loss_if_caught``: the cost of corruption.
    expected_gain : float
        ``profit - expected_penalty``.
    attack_pays : bool
        True when ``expected_gain > 0``.
    deterrent_stake : float
        Smallest stake with ``expected_penalty >= profit``:
        ``profit / (p * f * (1 - r))`` (``inf`` if nothing can be taken).
    """

    profit: float
    detection_probability: float
    penalty_fraction: float
    reporter_share: float
    stake: float
    self_reporting: bool
    penalty_if_caught: float
    net_loss_if_caught: float
    expected_penalty: float
    expected_gain: float
    attack_pays: bool
    deterrent_stake: float

    @property
    def loss_rate(self) -> float:
        """The expected loss per unit of stake, ``p * f * (1 - r)`` (``p * f`` without
        self-reporting)."""
        keep = (1.0 - self.reporter_share) if self.self_reporting else 1.0
        return self.detection_probability * self.penalty_fraction * keep


def deterrence(profit: float, detection_probability: float, penalty: float | Fraction |
               FixedFraction, reporter_share: float, stake: float, *,
               self_reporting: bool = True, offence: Offence = Offence.EQUIVOCATION) -> Deterrence:
    """Expected penalty of an attack, whether it pays, and the smallest stake that deters it.

    A rational attacker compares the profit ``G`` with the expected loss. With detection and
    proof probability ``p``, slashed fraction ``f`` of stake ``s`` and reporter share ``r``,
    an attacker who can report itself keeps ``r`` of what it loses, so

    .. math:: E[\\text{penalty}] = p\\, f\\, (1 - r)\\, s, \\qquad
              s^* = \\frac{G}{p\\, f\\, (1 - r)}.

    Without self-reporting the ``(1 - r)`` factor drops out.

    Parameters
    ----------
    profit : float
        What the attack earns, in token units (>= 0).
    detection_probability : float
        Probability that the attack is detected and proven, in [0, 1].
    penalty : float, fractions.Fraction or FixedFraction
        Share of the stake slashed when proven, in [0, 1] (a fixed penalty ``A`` on stake
        ``s`` is the fraction ``A / s``), or a :class:`FixedFraction` schedule.
    reporter_share : float
        Share of the slash paid to the reporter, in [0, 1].
    stake : float
        The attacker's stake, in token units (>= 0).
    self_reporting : bool, optional
        Whether the attacker can collect the reporter reward itself (default True: the
        protocol cannot tell its addresses apart).
    offence : Offence, optional
        Not used by a fixed fraction; kept for schedules priced by offence.

    Returns
    -------
    Deterrence

    Examples
    --------
    >>> d = deterrence(profit=1_000, detection_probability=0.5, penalty=0.5,
    ...                reporter_share=0.2, stake=2_000)
    >>> d.expected_penalty, d.attack_pays, d.deterrent_stake
    (400.0, True, 5000.0)
    """
    g = v.nonnegative("profit", profit)
    p = v.probability("detection_probability", detection_probability)
    if isinstance(penalty, FixedFraction):
        f = float(penalty.fraction(Offence(offence), OffenceState(0)))
    else:
        f = float(v.fraction("penalty", penalty, allow_float=True))
    r = v.probability("reporter_share", reporter_share)
    s = v.nonnegative("stake", stake)
    if not isinstance(self_reporting, bool):
        raise TypeError(f"self_reporting must be a bool, got {self_reporting!r}")
    keep = (1.0 - r) if self_reporting else 1.0
    rate = p * f * keep
    caught = f * s
    net = caught * keep
    expected = p * net
    if g == 0:
        needed = 0.0
    elif rate > 0:
        needed = g / rate
    else:
        needed = math.inf
    return Deterrence(g, p, f, r, s, self_reporting, caught, net, expected, g - expected,
                      g - expected > 0, needed)


@dataclass(frozen=True)
class DeterrenceCurve:
    """Expected penalty as a function of stake, for plotting (arrays in token units)."""

    stake: np.ndarray
    expected_penalty: np.ndarray
    profit: float
    deterrent_stake: float


def deterrence_curve(d: Deterrence, *, max_stake: float | None = None,
                     points: int = 101) -> DeterrenceCurve:
    """Expected penalty over a grid of stakes ``0 .. max_stake`` for the setting ``d``.

    ``max_stake`` defaults to twice the larger of the actual and the deterrent stake (or
    twice the actual stake if no stake deters).

    Examples
    --------
    >>> d = deterrence(1_000, 0.5, 0.5, 0.2, 2_000)
    >>> c = deterrence_curve(d, points=3)
    >>> c.stake.tolist(), c.expected_penalty.tolist()
    ([0.0, 5000.0, 10000.0], [0.0, 1000.0, 2000.0])
    """
    if not isinstance(d, Deterrence):
        raise TypeError(f"d must be a Deterrence, got {type(d).__name__}")
    points = v.count("points", points, lo=2, hi=MAX_POINTS)
    if max_stake is None:
        ref = max(d.stake, d.deterrent_stake if math.isfinite(d.deterrent_stake) else 0.0)
        max_stake = 2.0 * ref if ref > 0 else 1.0
    top = v.nonnegative("max_stake", max_stake)
    if top <= 0:
        raise ValueError(f"max_stake must be > 0, got {max_stake!r}")
    stakes = np.linspace(0.0, top, points)
    return DeterrenceCurve(stakes, d.loss_rate * stakes, d.profit, d.deterrent_stake)
