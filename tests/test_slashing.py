"""Tests of seqlearn.slashing, its figures, its explorer and the chapter 3 self-checks.

Ethereum's slashing arithmetic is checked three ways: against hand-computed values from the
consensus specification's formulas (shared/FACTS.md §1.5, cases A-D, at every fork), against
an independent re-implementation of the spec's code written here with the spec's constants
typed in (not read from seqlearn.params), and with hypothesis properties.
"""

from __future__ import annotations

import math
from fractions import Fraction

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seqlearn import params
from seqlearn import slashing as sl
from seqlearn.exercises import ch03
from seqlearn.plotting.slashing import (plot_deterrence, plot_ethereum_penalties,
                                        plot_penalty_schedules)
from seqlearn.staking import StakingRegistry
from explorer_helpers import explorer_controls

matplotlib.use("Agg")

GWEI = 10**9
ETH = GWEI
T_FACTS = 30_720_000 * ETH  # 960,000 validators x 32 ETH
EB32 = 32 * ETH
FORKS = ("phase0", "altair", "bellatrix", "electra")

# The specification's constants, typed in from specs/{fork}/beacon-chain.md
# (ethereum/consensus-specs a08d8a6e2b45), independent of seqlearn.params.
SPEC = {
    "phase0": dict(min_q=128, mult=1, wb_q=512),
    "altair": dict(min_q=64, mult=2, wb_q=512),
    "bellatrix": dict(min_q=32, mult=3, wb_q=512),
    "electra": dict(min_q=4096, mult=3, wb_q=4096),
}


def spec_reference(eb: int, s: int, t: int, fork: str) -> tuple[int, int, int, int]:
    """The spec's slash_validator + process_slashings arithmetic, transcribed."""
    c = SPEC[fork]
    increment = 10**9
    initial = eb // c["min_q"]
    adjusted_total_slashing_balance = min(s * c["mult"], t)
    if fork == "electra":
        penalty_per_effective_balance_increment = adjusted_total_slashing_balance // (t // increment)
        effective_balance_increments = eb // increment
        corr = penalty_per_effective_balance_increment * effective_balance_increments
    else:
        penalty_numerator = eb // increment * adjusted_total_slashing_balance
        corr = penalty_numerator // t * increment
    wb = eb // c["wb_q"]
    proposer = wb // 8 if fork == "phase0" else wb * 8 // 64
    return initial, corr, wb, proposer


def as_tuple(p: sl.EthereumSlashingPenalty) -> tuple[int, int, int, int]:
    return p.initial_penalty, p.correlation_penalty, p.whistleblower_reward, p.proposer_reward


# =============================================================================================
# Ethereum: known values (FACTS §1.5)
# =============================================================================================

def test_params_match_the_specification():
    for fork, c in SPEC.items():
        assert params.value(f"ethereum.{fork}.min_slashing_penalty_quotient") == c["min_q"]
        assert params.value(f"ethereum.{fork}.proportional_slashing_multiplier") == c["mult"]
        assert params.value(f"ethereum.{fork}.whistleblower_reward_quotient") == c["wb_q"]
    assert params.value("ethereum.phase0.proposer_reward_quotient") == 8
    assert params.value("ethereum.altair.proposer_weight") == 8
    assert params.value("ethereum.altair.weight_denominator") == 64
    for key in ("ethereum.phase0.proposer_reward_quotient", "ethereum.altair.proposer_weight",
                "ethereum.altair.weight_denominator"):
        p = params.get(key)
        assert p.source.startswith("ethereum/consensus-specs") and p.confidence == "H"


# Case A: one 32-ETH validator slashed alone (S = 32 ETH): initial, correlation, W, proposer.
CASE_A = {
    "phase0": (250_000_000, 0, 62_500_000, 7_812_500),
    "altair": (500_000_000, 0, 62_500_000, 7_812_500),
    "bellatrix": (1_000_000_000, 0, 62_500_000, 7_812_500),
    # 0.0078125 ETH x 8/64 = 976,562.5 gwei, floored by the spec's integer division
    "electra": (7_812_500, 100_000, 7_812_500, 976_562),
}


@pytest.mark.parametrize("fork", FORKS)
def test_case_a_lone_validator(fork):
    p = sl.ethereum_slashing_penalty(EB32, EB32, T_FACTS, fork)
    assert as_tuple(p) == CASE_A[fork]
    assert p.fork == fork and p.effective_balance == EB32
    assert p.total_penalty == CASE_A[fork][0] + CASE_A[fork][1]
    assert p.reporter_share == CASE_A[fork][2] - CASE_A[fork][3]


@pytest.mark.parametrize("fork,corr_eth", [("phase0", 10), ("altair", 21), ("bellatrix", 32),
                                           ("electra", 32)])
def test_case_b_one_third_slashed(fork, corr_eth):
    p = sl.ethereum_slashing_penalty(EB32, 10_240_000 * ETH, T_FACTS, fork)
    assert p.correlation_penalty == corr_eth * ETH


@pytest.mark.parametrize("share_s,expected", [
    (307_200, {"phase0": 0, "altair": 0, "bellatrix": 0, "electra": 960_000_000}),       # 1%
    (921_600, {"phase0": 0, "altair": ETH, "bellatrix": 2 * ETH, "electra": 2_880_000_000}),  # 3%
])
@pytest.mark.parametrize("fork", FORKS)
def test_case_c_one_and_three_percent(share_s, expected, fork):
    p = sl.ethereum_slashing_penalty(EB32, share_s * ETH, T_FACTS, fork)
    assert p.correlation_penalty == expected[fork]


def test_case_d_electra_compounding_validator():
    p = sl.ethereum_slashing_penalty(2048 * ETH, 2048 * ETH, T_FACTS, "electra")
    assert p.initial_penalty == ETH // 2
    assert p.whistleblower_reward == ETH // 2
    assert p.proposer_reward == ETH // 16
    assert p.correlation_penalty == 409_600_000  # 200,000 gwei per ETH x 2048


def test_case_d_is_rejected_before_electra():
    for fork in ("phase0", "altair", "bellatrix"):
        with pytest.raises(ValueError, match="effective_balance"):
            sl.ethereum_slashing_penalty(2048 * ETH, 2048 * ETH, T_FACTS, fork)


@pytest.mark.parametrize("fork", FORKS)
@pytest.mark.parametrize("eb_eth,s_eth,t_eth", [
    (32, 32, 30_720_000), (32, 10_240_000, 30_720_000), (32, 307_200, 30_720_000),
    (31, 500_000, 29_999_999), (1, 1, 1), (17, 123_457, 1_000_003), (0, 1, 64),
    (32, 50_000_000, 30_720_000),  # more slashed than is active: capped at T
])
def test_matches_the_spec_transcription(fork, eb_eth, s_eth, t_eth):
    got = sl.ethereum_slashing_penalty(eb_eth * ETH, s_eth * ETH, t_eth * ETH, fork)
    assert as_tuple(got) == spec_reference(eb_eth * ETH, s_eth * ETH, t_eth * ETH, fork)


# The pre-Electra cliff: a 32-ETH validator pays no correlation penalty until 32*M*S >= T.
@pytest.mark.parametrize("fork,threshold_eth", [("phase0", 960_000), ("altair", 480_000),
                                                ("bellatrix", 320_000)])
def test_cliff_threshold_at_facts_network(fork, threshold_eth):
    s_star = sl.ethereum_correlation_threshold(fork, EB32, T_FACTS)
    assert s_star == threshold_eth * ETH
    below = sl.ethereum_slashing_penalty(EB32, s_star - 1, T_FACTS, fork)
    at = sl.ethereum_slashing_penalty(EB32, s_star, T_FACTS, fork)
    assert below.correlation_penalty == 0
    assert at.correlation_penalty == ETH  # exactly one whole ETH, by the rounding
    # the share: 1/32, 1/64, 1/96 of total stake
    assert Fraction(s_star, T_FACTS) == Fraction(1, 32 * SPEC[fork]["mult"])


@pytest.mark.parametrize("fork", ("phase0", "altair", "bellatrix"))
@pytest.mark.parametrize("t_eth", [29_999_999, 1_000_003, 777])
def test_cliff_threshold_awkward_totals(fork, t_eth):
    t = t_eth * ETH
    s_star = sl.ethereum_correlation_threshold(fork, EB32, t)
    raw = -(-t // (32 * SPEC[fork]["mult"]))  # ceil in integers
    assert s_star == max(EB32, raw)
    assert sl.ethereum_slashing_penalty(EB32, s_star, t, fork).correlation_penalty > 0
    if s_star > EB32:
        assert sl.ethereum_slashing_penalty(EB32, s_star - 1, t, fork).correlation_penalty == 0
    else:  # a tiny network: the validator's own slashing already crosses the cliff
        assert t_eth == 777


def test_electra_has_no_cliff():
    s_star = sl.ethereum_correlation_threshold("electra", EB32, T_FACTS)
    assert s_star == EB32  # the validator's own slashing already costs something
    assert sl.ethereum_slashing_penalty(EB32, EB32, T_FACTS, "electra").correlation_penalty > 0
    # with a tiny network the Electra threshold can exceed one balance; check it is exact
    t = 10**6 * ETH
    s_star = sl.ethereum_correlation_threshold("electra", ETH, t)
    assert s_star == max(ETH, -(-(t // ETH) // 3))
    assert sl.ethereum_slashing_penalty(ETH, s_star, t, "electra").correlation_penalty > 0


@pytest.mark.parametrize("bad,exc,match", [
    (dict(fork="capella"), ValueError, "phase0"),
    (dict(fork=None), TypeError, "fork"),
    (dict(effective_balance=32.0 * ETH), TypeError, "effective_balance"),
    (dict(effective_balance=True), TypeError, "effective_balance"),
    (dict(effective_balance=-ETH), ValueError, "effective_balance"),
    (dict(effective_balance=32 * ETH + 1), ValueError, "multiple"),
    (dict(effective_balance=33 * ETH), ValueError, "effective_balance"),
    (dict(total_slashed=31 * ETH), ValueError, "total_slashed"),
    (dict(total_slashed="1"), TypeError, "total_slashed"),
    (dict(total_active=0), ValueError, "total_active"),
    (dict(total_active=T_FACTS + 1), ValueError, "total_active"),
])
def test_bad_inputs(bad, exc, match):
    kwargs = dict(effective_balance=EB32, total_slashed=EB32, total_active=T_FACTS,
                  fork="bellatrix")
    kwargs.update(bad)
    with pytest.raises(exc, match=match):
        sl.ethereum_slashing_penalty(**kwargs)


def test_unknown_fork_message_lists_the_forks():
    with pytest.raises(ValueError) as info:
        sl.ethereum_slashing_penalty(EB32, EB32, T_FACTS, "deneb")
    for fork in FORKS:
        assert fork in str(info.value)


def test_result_is_frozen():
    p = sl.ethereum_slashing_penalty(EB32, EB32, T_FACTS, "electra")
    with pytest.raises(AttributeError):
        p.initial_penalty = 0  # type: ignore[misc]


def test_penalty_curve_matches_pointwise_and_shows_the_cliff():
    c = sl.ethereum_penalty_curve("bellatrix", points=97, max_share=Fraction(1, 24))
    assert c.total_slashed[0] == EB32  # the grid starts at the validator itself
    for i in (0, 10, 24, 25, 96):
        p = sl.ethereum_slashing_penalty(EB32, int(c.total_slashed[i]), T_FACTS, "bellatrix")
        assert c.total_penalty[i] == p.total_penalty
    # flat at the initial penalty until 1/96 of stake, then steps up
    assert set(c.correlation_penalty[c.share < 1 / 96].tolist()) == {0}
    assert c.correlation_penalty[-1] == 4 * ETH
    assert np.all(np.diff(c.total_penalty) >= 0)


# =============================================================================================
# Ethereum: properties
# =============================================================================================

forks = st.sampled_from(FORKS)


@st.composite
def eth_inputs(draw):
    fork = draw(forks)
    max_eb = 2048 if fork == "electra" else 32
    eb = draw(st.integers(0, max_eb)) * ETH
    t = draw(st.integers(1, 50_000_000)) * ETH
    s = draw(st.integers(eb, eb + 60_000_000 * ETH))
    return eb, s, t, fork


@settings(max_examples=150, deadline=None)
@given(eth_inputs(), st.integers(0, 10**16))
def test_monotone_in_total_slashed(inp, extra):
    eb, s, t, fork = inp
    a = sl.ethereum_slashing_penalty(eb, s, t, fork)
    b = sl.ethereum_slashing_penalty(eb, s + extra, t, fork)
    assert b.correlation_penalty >= a.correlation_penalty
    assert b.total_penalty >= a.total_penalty


@settings(max_examples=150, deadline=None)
@given(eth_inputs())
def test_never_more_than_the_effective_balance(inp):
    eb, s, t, fork = inp
    p = sl.ethereum_slashing_penalty(eb, s, t, fork)
    assert 0 <= p.correlation_penalty <= eb
    assert 0 <= p.initial_penalty <= eb
    assert 0 <= p.proposer_reward <= p.whistleblower_reward <= eb
    assert as_tuple(p) == spec_reference(eb, s, t, fork)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 64), st.integers(1, 32), st.integers(1, 50_000_000),
       st.integers(0, 60_000_000))
def test_electra_is_proportional_to_balance(k, n, t_eth, extra_eth):
    """Electra charges the same per ETH: k times the balance, k times the penalty."""
    t = t_eth * ETH
    s = k * n * ETH + extra_eth * ETH
    small = sl.ethereum_slashing_penalty(n * ETH, s, t, "electra")
    big = sl.ethereum_slashing_penalty(k * n * ETH, s, t, "electra")
    assert big.correlation_penalty == k * small.correlation_penalty
    # the initial penalty is proportional up to the floor of one division
    assert abs(big.initial_penalty - k * small.initial_penalty) <= k


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(("phase0", "altair", "bellatrix")), st.integers(1, 32),
       st.integers(1, 50_000_000))
def test_pre_electra_threshold_is_exact(fork, eb_eth, t_eth):
    eb, t = eb_eth * ETH, t_eth * ETH
    s_star = sl.ethereum_correlation_threshold(fork, eb, t)
    assert sl.ethereum_slashing_penalty(eb, s_star, t, fork).correlation_penalty > 0
    if s_star > eb:
        assert sl.ethereum_slashing_penalty(eb, s_star - 1, t, fork).correlation_penalty == 0


# =============================================================================================
# Evidence
# =============================================================================================

KA, KB = sl.derive_key("A", 1), sl.derive_key("B", 2)
KEYS = {"A": KA, "B": KB}


def test_signatures():
    b = sl.sign_batch(KA, "A", 3, ["t1", "t2"], state_root="0x1")
    assert sl.verify_signature(b, KEYS)
    assert not sl.verify_signature(b, {"A": KB})
    assert not sl.verify_signature(b, {})
    assert not sl.verify_signature("not a batch", KEYS)
    forged = sl.SignedBatch("A", 3, ("t1", "t3"), "0x1", b.signature)  # content changed
    assert not sl.verify_signature(forged, KEYS)
    moved = sl.SignedBatch("A", 4, b.txs, b.state_root, b.signature)  # slot changed
    assert not sl.verify_signature(moved, KEYS)
    # a signature by B cannot be passed off as A's
    by_b = sl.sign_batch(KB, "B", 3, ["t1", "t2"], state_root="0x1")
    assert not sl.verify_signature(sl.SignedBatch("A", 3, by_b.txs, "0x1", by_b.signature), KEYS)
    # length prefixes: ("ab", "c") and ("a", "bc") are different batches
    assert sl.sign_batch(KA, "A", 1, ["ab", "c"]).batch_hash != \
        sl.sign_batch(KA, "A", 1, ["a", "bc"]).batch_hash


@pytest.mark.parametrize("bad", [dict(key="k"), dict(sequencer=""), dict(slot=-1),
                                 dict(txs="abc"), dict(txs=[1, 2]), dict(state_root=5)])
def test_sign_batch_rejects_bad_input(bad):
    kwargs = dict(key=KA, sequencer="A", slot=1, txs=["x"], state_root="")
    kwargs.update(bad)
    with pytest.raises((TypeError, ValueError)):
        sl.sign_batch(**kwargs)


def test_equivocation_valid_and_bogus():
    view = sl.ChainView(keys=KEYS)
    b1 = sl.sign_batch(KA, "A", 7, ["x", "y"])
    b2 = sl.sign_batch(KA, "A", 7, ["y", "x"])  # same txs, other order: a different batch
    ev = sl.EquivocationEvidence(b1, b2)
    v = ev.verify(view)
    assert v and v.valid and "slot 7" in v.reason
    assert ev.offence is sl.Offence.EQUIVOCATION and ev.sequencer == "A"
    assert isinstance(ev, sl.Evidence)
    assert ev.evidence_id == sl.EquivocationEvidence(b2, b1).evidence_id  # order-free id
    # same root, different state root also conflicts
    r1 = sl.sign_batch(KA, "A", 8, ["x"], state_root="0x1")
    r2 = sl.sign_batch(KA, "A", 8, ["x"], state_root="0x2")
    assert sl.EquivocationEvidence(r1, r2).verify(view)

    bogus = {
        "identical": sl.EquivocationEvidence(b1, b1),
        "different slots": sl.EquivocationEvidence(b1, sl.sign_batch(KA, "A", 8, ["z"])),
        "different sequencers": sl.EquivocationEvidence(b1, sl.sign_batch(KB, "B", 7, ["z"])),
        "forged": sl.EquivocationEvidence(b1, sl.SignedBatch("A", 7, ("z",), "", "00" * 32)),
        "wrong type": sl.EquivocationEvidence(b1, "batch"),  # type: ignore[arg-type]
    }
    for name, e in bogus.items():
        verdict = e.verify(view)
        assert not verdict and not verdict.valid, name
        assert verdict.reason
    # unknown signer
    assert not ev.verify(sl.ChainView(keys={"B": KB}))


def test_invalid_state_transition():
    view = sl.ChainView(keys=KEYS)
    b = sl.sign_batch(KA, "A", 2, ["x"], state_root="0xbad")
    ok = sl.InvalidStateTransitionEvidence(b, sl.FraudVerdict("A", "0xbad", True))
    assert ok.verify(view) and ok.offence is sl.Offence.INVALID_STATE_TRANSITION
    assert isinstance(sl.FraudVerdict("A", "r", True), sl.FraudProofOutcome)

    class Duck:  # any object with the three attributes plugs in
        accused, disputed_root, fraud_proven = "A", "0xbad", True

    assert sl.InvalidStateTransitionEvidence(b, Duck()).verify(view)
    bogus = [
        sl.InvalidStateTransitionEvidence(b, sl.FraudVerdict("A", "0xbad", False)),   # lost game
        sl.InvalidStateTransitionEvidence(b, sl.FraudVerdict("B", "0xbad", True)),    # other party
        sl.InvalidStateTransitionEvidence(b, sl.FraudVerdict("A", "0xgood", True)),   # other root
        sl.InvalidStateTransitionEvidence(b, sl.FraudVerdict("A", "0xbad", 1)),       # not True
        sl.InvalidStateTransitionEvidence(b, object()),                               # malformed
        sl.InvalidStateTransitionEvidence(sl.sign_batch(KA, "A", 2, ["x"]),           # no root
                                          sl.FraudVerdict("A", "", True)),
        sl.InvalidStateTransitionEvidence(sl.SignedBatch("A", 2, ("x",), "0xbad", "ff"),
                                          sl.FraudVerdict("A", "0xbad", True)),       # forged
    ]
    for e in bogus:
        assert not e.verify(view), e


def test_fraud_verdict_from_a_played_dispute():
    from seqlearn.fraudproof import simulate_dispute

    lied = simulate_dispute(4_096, 1_000, liar="asserter")
    honest = simulate_dispute(4_096, 1_000, liar="challenger")
    assert sl.FraudVerdict.from_dispute(lied, "A", "0xbad").fraud_proven
    assert not sl.FraudVerdict.from_dispute(honest, "A", "0xbad").fraud_proven
    b = sl.sign_batch(KA, "A", 2, ["x"], state_root="0xbad")
    view = sl.ChainView(keys=KEYS)
    assert sl.InvalidStateTransitionEvidence(b, sl.FraudVerdict.from_dispute(lied, "A", "0xbad")
                                             ).verify(view)
    assert not sl.InvalidStateTransitionEvidence(
        b, sl.FraudVerdict.from_dispute(honest, "A", "0xbad")).verify(view)
    if isinstance(lied.claimed_hash, bytes):
        v = sl.FraudVerdict.from_dispute(lied, "A")
        assert v.disputed_root == "0x" + lied.claimed_hash.hex()
    with pytest.raises(ValueError, match="winner"):
        sl.FraudVerdict.from_dispute(object(), "A", "0x1")


def test_merkle_proofs():
    for n in range(1, 10):
        chunks = [bytes([i]) * 3 for i in range(n)]
        root = sl.merkle_root(chunks)
        for i in range(n):
            proof = sl.merkle_proof(chunks, i)
            assert sl.verify_merkle_proof(root, i, chunks[i], proof)
            assert not sl.verify_merkle_proof(root, i, b"junk", proof)
            if n > 1:
                j = (i + 1) % n
                if chunks[j] != chunks[i]:
                    assert not sl.verify_merkle_proof(root, j, chunks[i], proof) or i == j
    assert not sl.verify_merkle_proof("zz", 0, b"a", ["nothex"])
    with pytest.raises(ValueError):
        sl.merkle_root([])
    with pytest.raises(ValueError):
        sl.merkle_proof([b"a"], 1)


def _da_setup():
    chunks = [b"c0", b"c1", b"c2", b"c3", b"c4"]
    c = sl.commit_data(KA, "A", 10, chunks)
    ch = sl.DAChallenge(c, index=3, issued_slot=100)
    return chunks, c, ch


def test_data_withholding():
    chunks, c, ch = _da_setup()
    window = 16
    late = 100 + window + 1
    base = dict(keys=KEYS, da_challenges=(ch,), da_response_window=window)
    ev = sl.DataWithholdingEvidence(ch)
    assert ev.verify(sl.ChainView(now_slot=late, **base))
    assert ev.offence is sl.Offence.DATA_WITHHOLDING and ev.sequencer == "A"
    # too early: the deadline slot itself still allows an answer
    assert not ev.verify(sl.ChainView(now_slot=100 + window, **base))
    # answered in time with the right chunk
    good = sl.DAResponse(ch, chunks[3], sl.merkle_proof(chunks, 3), answered_slot=110)
    assert not ev.verify(sl.ChainView(now_slot=late, da_responses=(good,), **base))
    # answered in time but with a wrong chunk: still withheld
    wrong = sl.DAResponse(ch, b"garbage", sl.merkle_proof(chunks, 3), answered_slot=110)
    assert ev.verify(sl.ChainView(now_slot=late, da_responses=(wrong,), **base))
    # answered too late: still withheld
    tardy = sl.DAResponse(ch, chunks[3], sl.merkle_proof(chunks, 3), answered_slot=117)
    assert ev.verify(sl.ChainView(now_slot=late, da_responses=(tardy,), **base))
    # challenge never registered on L1
    assert not ev.verify(sl.ChainView(keys=KEYS, now_slot=late))
    # index outside the commitment
    out = sl.DAChallenge(c, index=5, issued_slot=100)
    assert not sl.DataWithholdingEvidence(out).verify(
        sl.ChainView(keys=KEYS, now_slot=late, da_challenges=(out,)))
    # commitment not signed by A
    fake = sl.DACommitment("A", 10, c.root, 5, "00" * 32)
    fch = sl.DAChallenge(fake, 3, 100)
    assert not sl.DataWithholdingEvidence(fch).verify(
        sl.ChainView(keys=KEYS, now_slot=late, da_challenges=(fch,)))
    assert not sl.DataWithholdingEvidence("x").verify(sl.ChainView(keys=KEYS))  # type: ignore


def _schedule_view(now: int, posted_slots, *, tolerance: int = 4, epoch_slots: int = 32, **kw):
    schedule = {s: ("A" if s % 2 == 0 else "B") for s in range(200)}
    posted = {s: sl.sign_batch(KEYS[schedule[s]], schedule[s], s, [f"tx{s}"])
              for s in posted_slots}
    return sl.ChainView(keys=KEYS, now_slot=now, schedule=schedule, posted=posted,
                        downtime_tolerance=tolerance, downtime_epoch_slots=epoch_slots, **kw)


def test_downtime():
    # epoch 1 = slots 32..63; A holds the 16 even slots. A posts 11 of them: 5 missed > 4.
    a_slots = list(range(32, 64, 2))
    posted = a_slots[:11] + list(range(33, 64, 2))
    ev = sl.DowntimeEvidence("A", 1)
    assert ev.verify(_schedule_view(64, posted))
    assert "missed 5 of 16" in ev.verify(_schedule_view(64, posted)).reason
    assert not ev.verify(_schedule_view(64, a_slots[:12]))       # 4 missed: within tolerance
    assert not ev.verify(_schedule_view(63, posted))             # epoch not over
    assert not sl.DowntimeEvidence("B", 1).verify(_schedule_view(64, posted))  # B did its job
    assert not sl.DowntimeEvidence("C", 1).verify(_schedule_view(64, posted))  # unknown
    assert not sl.DowntimeEvidence("A", -1).verify(_schedule_view(64, posted))
    # a batch posted by someone else in A's slot does not count for A
    view = _schedule_view(64, posted)
    forged_posted = dict(view.posted)
    for s in a_slots[11:]:
        forged_posted[s] = sl.sign_batch(KB, "B", s, ["x"])
    assert ev.verify(sl.ChainView(keys=KEYS, now_slot=64, schedule=view.schedule,
                                  posted=forged_posted))


def test_censorship():
    req = sl.ForcedInclusionRequest("force-1", submitted_slot=10)
    posted = list(range(0, 120))
    base = dict(forced_requests=(req,), forced_inclusion_window=20)
    ev = sl.CensorshipEvidence("A", req)
    assert ev.verify(_schedule_view(31, posted, **base))
    assert ev.offence is sl.Offence.CENSORSHIP
    assert not ev.verify(_schedule_view(30, posted, **base))     # deadline not passed
    # included by B at slot 21: not censored
    view = _schedule_view(31, posted, **base)
    incl = dict(view.posted)
    incl[21] = sl.sign_batch(KB, "B", 21, ["force-1"])
    assert not ev.verify(sl.ChainView(keys=KEYS, now_slot=31, schedule=view.schedule,
                                      posted=incl, **base))
    # included after the deadline does not help
    incl2 = dict(view.posted)
    incl2[31] = sl.sign_batch(KB, "B", 31, ["force-1"])
    assert ev.verify(sl.ChainView(keys=KEYS, now_slot=32, schedule=view.schedule,
                                  posted=incl2, **base))
    # a forged inclusion does not help the accused
    incl3 = dict(view.posted)
    incl3[20] = sl.SignedBatch("A", 20, ("force-1",), "", "00" * 32)
    assert ev.verify(sl.ChainView(keys=KEYS, now_slot=31, schedule=view.schedule,
                                  posted=incl3, **base))
    # request not in the L1 queue
    assert not ev.verify(_schedule_view(31, posted, forced_inclusion_window=20))
    # the accused had no turn in the window
    only_b = {s: "B" for s in range(200)}
    assert not ev.verify(sl.ChainView(keys=KEYS, now_slot=31, schedule=only_b, **base))


def test_chain_view_validation_and_immutability():
    with pytest.raises(TypeError, match="keys"):
        sl.ChainView(keys=[("A", KA)])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="downtime_epoch_slots"):
        sl.ChainView(keys=KEYS, downtime_epoch_slots=0)
    with pytest.raises(ValueError, match="now_slot"):
        sl.ChainView(keys=KEYS, now_slot=-1)
    keys = dict(KEYS)
    v = sl.ChainView(keys=keys)
    keys["C"] = b"x"
    assert "C" not in v.keys  # a copy, not a view of the caller's dict
    with pytest.raises(TypeError):
        v.keys["D"] = b"y"  # type: ignore[index]


# =============================================================================================
# Penalty schedules
# =============================================================================================

def test_fixed_fraction():
    s = sl.FixedFraction(Fraction(1, 3))
    assert s.penalty(sl.Offence.DOWNTIME, sl.OffenceState(stake=10)) == 3
    assert sl.FixedFraction(0.1).share == Fraction(1, 10)  # floats read as decimals
    assert sl.FixedFraction(1).penalty("equivocation", sl.OffenceState(stake=7)) == 7
    for bad in (-0.1, 1.5, float("nan"), "0.1", True):
        with pytest.raises((TypeError, ValueError)):
            sl.FixedFraction(bad)


def test_escalating():
    s = sl.EscalatingSchedule((Fraction(1, 100), Fraction(1, 10), 1))
    got = [s.penalty(sl.Offence.CENSORSHIP, sl.OffenceState(10_000, prior_offences=k))
           for k in range(5)]
    assert got == [100, 1_000, 10_000, 10_000, 10_000]
    with pytest.raises(ValueError, match="decrease"):
        sl.EscalatingSchedule((0.5, 0.1))
    with pytest.raises(ValueError, match="steps"):
        sl.EscalatingSchedule(())


def test_correlation():
    s = sl.CorrelationSchedule(base=Fraction(1, 100), multiplier=3)
    lone = s.penalty(sl.Offence.EQUIVOCATION, sl.OffenceState(100, total_stake=10_000))
    assert lone == 4  # 1% + 3 x 1%
    third = sl.OffenceState(100, slashed_in_window=3_233, total_stake=10_000)
    assert s.penalty(sl.Offence.EQUIVOCATION, third) == 100  # 1% + 3 x 33.33% >= 100%
    assert s.fraction(sl.Offence.EQUIVOCATION, sl.OffenceState(0, total_stake=0)) == \
        Fraction(1, 100)


def test_per_offence():
    s = sl.PerOffence({sl.Offence.DOWNTIME: sl.FixedFraction(0.01)},
                      default=sl.FixedFraction(1))
    assert s.penalty(sl.Offence.DOWNTIME, sl.OffenceState(1_000)) == 10
    assert s.penalty(sl.Offence.EQUIVOCATION, sl.OffenceState(1_000)) == 1_000
    no_default = sl.PerOffence({"downtime": sl.FixedFraction(0.01)})
    with pytest.raises(ValueError, match="censorship"):
        no_default.penalty(sl.Offence.CENSORSHIP, sl.OffenceState(1))
    with pytest.raises(TypeError):
        sl.PerOffence({sl.Offence.DOWNTIME: 0.1})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        sl.PerOffence({"speeding": sl.FixedFraction(0.1)})


def test_offence_state_validation():
    assert sl.OffenceState(5).total_stake == 5
    with pytest.raises(ValueError, match="total_stake"):
        sl.OffenceState(5, total_stake=4)
    with pytest.raises(TypeError, match="stake"):
        sl.OffenceState(5.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="prior_offences"):
        sl.OffenceState(5, prior_offences=-1)


def test_penalty_shares():
    states = [sl.OffenceState(0), sl.OffenceState(10, prior_offences=1)]
    got = sl.penalty_shares(sl.EscalatingSchedule((0.1, 0.5)), "censorship", states)
    assert got.tolist() == [0.0, 0.5]
    with pytest.raises(TypeError, match=r"states\[0\]"):
        sl.penalty_shares(sl.FixedFraction(0.1), "censorship", [5])
    with pytest.raises(ValueError):
        sl.penalty_shares(sl.FixedFraction(0.1), "jaywalking", states)


def test_slashing_params_added_for_this_chapter():
    p = params.get("aztec.v5_excused_window_slashed")
    assert p.value == 370_000 and p.unit == "AZTEC" and p.confidence == "M"
    assert "unverified" in p.holds_for


schedules = st.one_of(
    st.fractions(0, 1).map(sl.FixedFraction),
    st.lists(st.fractions(0, 1), min_size=1, max_size=4).map(
        lambda xs: sl.EscalatingSchedule(tuple(sorted(xs)))),
    st.tuples(st.fractions(0, 1), st.integers(0, 5)).map(
        lambda t: sl.CorrelationSchedule(t[0], t[1])),
)


@st.composite
def offence_states(draw):
    stake = draw(st.integers(0, 10**24))
    total = stake + draw(st.integers(0, 10**25))
    return sl.OffenceState(stake, draw(st.integers(0, 10)), draw(st.integers(0, total)), total)


@settings(max_examples=200, deadline=None)
@given(schedules, offence_states(), st.sampled_from(list(sl.Offence)))
def test_penalty_between_zero_and_stake(schedule, state, offence):
    p = schedule.penalty(offence, state)
    assert isinstance(p, int) and 0 <= p <= state.stake


@settings(max_examples=200, deadline=None)
@given(st.fractions(0, 1), st.integers(0, 5), offence_states(), st.integers(0, 10**25))
def test_correlation_grows_with_slashed_stake(base, mult, state, more):
    s = sl.CorrelationSchedule(base, mult)
    bigger = sl.OffenceState(state.stake, state.prior_offences,
                             min(state.slashed_in_window + more, state.total_stake),
                             state.total_stake)
    assert s.penalty(sl.Offence.EQUIVOCATION, bigger) >= \
        s.penalty(sl.Offence.EQUIVOCATION, state)


# =============================================================================================
# apply_slash through the staking registry
# =============================================================================================

def _registry(reward=Fraction(1, 10)):
    reg = StakingRegistry(min_stake=100, max_stake=100_000, unbonding_period=1_000,
                          reporter_reward_fraction=reward)
    reg.bond("A", 10_000, now=0)
    reg.bond("B", 30_000, now=0)
    return reg


def _equivocation(slot=1):
    return sl.EquivocationEvidence(sl.sign_batch(KA, "A", slot, ["x"]),
                                   sl.sign_batch(KA, "A", slot, ["y"]))


def test_apply_slash_routes_burn_and_reward():
    reg = _registry()
    rec = sl.apply_slash(reg, _equivocation(), sl.FixedFraction(Fraction(1, 2)),
                         sl.ChainView(keys=KEYS), now=10, reporter="watcher")
    assert (rec.penalty, rec.slashed, rec.burned, rec.reporter_reward) == (5_000, 5_000, 4_500, 500)
    assert rec.offence is sl.Offence.EQUIVOCATION and rec.sequencer == "A"
    assert rec.state.stake == 10_000 and rec.state.total_stake == 40_000
    assert reg.at_stake("A") == 5_000 and reg.rewards_to("watcher") == 500
    t = reg.totals()
    assert t.burned == 4_500 and t.rewards_paid == 500 and t.conserved()
    # no reporter: everything is burned
    rec2 = sl.apply_slash(reg, _equivocation(2), sl.FixedFraction(Fraction(1, 2)),
                          sl.ChainView(keys=KEYS), now=11)
    assert rec2.burned == 2_500 and rec2.reporter_reward == 0


def test_apply_slash_reaches_unbonding_stake():
    reg = _registry()
    reg.request_unbond("A", 10_000, now=5)  # trying to leave does not dodge the penalty
    rec = sl.apply_slash(reg, _equivocation(), sl.FixedFraction(1), sl.ChainView(keys=KEYS),
                         now=6)
    assert rec.slashed == 10_000 and reg.at_stake("A") == 0


def test_apply_slash_rejects_bogus_and_reused_evidence():
    reg = _registry()
    before = reg.snapshot()
    b = sl.sign_batch(KA, "A", 1, ["x"])
    with pytest.raises(sl.EvidenceRejected, match="identical"):
        sl.apply_slash(reg, sl.EquivocationEvidence(b, b), sl.FixedFraction(1),
                       sl.ChainView(keys=KEYS), now=1)
    assert reg.snapshot() == before  # nothing happened
    hist = sl.SlashingHistory()
    sl.apply_slash(reg, _equivocation(), sl.FixedFraction(0.1), sl.ChainView(keys=KEYS), now=1,
                   history=hist)
    with pytest.raises(sl.EvidenceRejected, match="already used"):
        sl.apply_slash(reg, _equivocation(), sl.FixedFraction(0.1), sl.ChainView(keys=KEYS),
                       now=2, history=hist)
    # the swapped pair is the same evidence
    swapped = sl.EquivocationEvidence(_equivocation().second, _equivocation().first)
    with pytest.raises(sl.EvidenceRejected):
        sl.apply_slash(reg, swapped, sl.FixedFraction(0.1), sl.ChainView(keys=KEYS), now=2,
                       history=hist)


def test_apply_slash_escalates_with_history():
    reg = _registry(reward=Fraction(0))
    hist = sl.SlashingHistory()
    sched = sl.EscalatingSchedule((Fraction(1, 100), Fraction(1, 10), Fraction(1)))
    view = sl.ChainView(keys=KEYS)
    amounts = [sl.apply_slash(reg, _equivocation(slot), sched, view, now=slot,
                              history=hist).slashed for slot in (1, 2, 3)]
    assert amounts == [100, 990, 8_910]  # 1% of 10,000; 10% of 9,900; all of 8,910
    assert reg.at_stake("A") == 0 and hist.prior_offences("A") == 3
    assert hist.prior_offences("B") == 0 and len(hist.records) == 3


def test_apply_slash_correlation_window():
    reg = _registry(reward=Fraction(0))
    hist = sl.SlashingHistory(window=100)
    sched = sl.CorrelationSchedule(base=0, multiplier=1)
    view = sl.ChainView(keys=KEYS)
    kb = sl.EquivocationEvidence(sl.sign_batch(KB, "B", 1, ["x"]), sl.sign_batch(KB, "B", 1, ["y"]))
    rb = sl.apply_slash(reg, kb, sched, view, now=10, history=hist)
    assert rb.slashed == 30_000 * 30_000 // 40_000  # its own share: 3/4 of its stake
    ra = sl.apply_slash(reg, _equivocation(), sched, view, now=50, history=hist)
    # within the window: A's share counts B's slash too, capped at everything
    assert ra.state.slashed_in_window == 22_500 and ra.slashed == 10_000
    # outside the window the earlier slash no longer counts
    assert hist.slashed_in_window(10 + 100) == 10_000
    assert hist.slashed_in_window(50 + 100) == 0


def test_apply_slash_zero_penalty_touches_nothing():
    reg = _registry()
    before = reg.snapshot()
    rec = sl.apply_slash(reg, _equivocation(), sl.FixedFraction(0), sl.ChainView(keys=KEYS),
                         now=5)
    assert rec.slashed == 0 and reg.snapshot() == before


def test_apply_slash_checks_its_arguments():
    reg = _registry()
    view = sl.ChainView(keys=KEYS)

    class Greedy:
        def penalty(self, offence, state):
            return state.stake + 1

    class Floaty:
        def penalty(self, offence, state):
            return 1.5

    for sched in (Greedy(), Floaty()):
        with pytest.raises(ValueError, match="penalty"):
            sl.apply_slash(reg, _equivocation(), sched, view, now=1)
    with pytest.raises(TypeError, match="schedule"):
        sl.apply_slash(reg, _equivocation(), 0.5, view, now=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="evidence"):
        sl.apply_slash(reg, "proof", sl.FixedFraction(1), view, now=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="view"):
        sl.apply_slash(reg, _equivocation(), sl.FixedFraction(1), KEYS, now=1)  # type: ignore
    with pytest.raises(TypeError, match="now"):
        sl.apply_slash(reg, _equivocation(), sl.FixedFraction(1), view, now=1.5)  # type: ignore


def test_self_reporting_recoups_the_reward():
    """An attacker that reports itself from a second address gets the reporter share back."""
    reg = _registry(reward=Fraction(1, 2))
    rec = sl.apply_slash(reg, _equivocation(), sl.FixedFraction(1), sl.ChainView(keys=KEYS),
                         now=1, reporter="A-sybil")
    assert rec.slashed == 10_000 and reg.rewards_to("A-sybil") == 5_000
    net_loss = rec.slashed - reg.rewards_to("A-sybil")
    d = sl.deterrence(0, 1.0, 1, 0.5, 10_000)
    assert net_loss == d.net_loss_if_caught


# =============================================================================================
# Deterrence
# =============================================================================================

def test_deterrence_closed_form():
    d = sl.deterrence(profit=1_000, detection_probability=0.5, penalty=0.5, reporter_share=0.2,
                      stake=2_000)
    assert d.penalty_if_caught == 1_000 and d.net_loss_if_caught == 800
    assert d.expected_penalty == 400 and d.expected_gain == 600 and d.attack_pays
    assert d.deterrent_stake == pytest.approx(1_000 / (0.5 * 0.5 * 0.8))
    assert d.loss_rate == pytest.approx(0.2)
    no_self = sl.deterrence(1_000, 0.5, 0.5, 0.2, 2_000, self_reporting=False)
    assert no_self.expected_penalty == 500 and no_self.deterrent_stake == pytest.approx(4_000)
    # a FixedFraction schedule works as the penalty
    assert sl.deterrence(1_000, 0.5, sl.FixedFraction(0.5), 0.2, 2_000) == d


def test_deterrence_edges():
    assert sl.deterrence(1_000, 0.0, 0.5, 0.1, 1e9).deterrent_stake == math.inf
    assert sl.deterrence(1_000, 0.5, 0.5, 1.0, 1e9).deterrent_stake == math.inf  # all paid back
    assert sl.deterrence(1_000, 0.5, 0.5, 1.0, 1e9, self_reporting=False).deterrent_stake == 4_000
    z = sl.deterrence(0, 0.5, 0.5, 0.1, 100)
    assert z.deterrent_stake == 0 and not z.attack_pays
    for bad in (dict(profit=-1), dict(detection_probability=1.1), dict(penalty=2),
                dict(reporter_share=-0.1), dict(stake=float("inf")), dict(profit="1")):
        kwargs = dict(profit=1.0, detection_probability=0.5, penalty=0.5, reporter_share=0.1,
                      stake=1.0)
        kwargs.update(bad)
        with pytest.raises((TypeError, ValueError), match=next(iter(bad))):
            sl.deterrence(**kwargs)


@settings(max_examples=200, deadline=None)
@given(st.floats(1, 1e9), st.floats(0.01, 1), st.floats(0.01, 1), st.floats(0, 0.99),
       st.booleans())
def test_deterrent_stake_is_the_break_even(profit, p, f, r, self_rep):
    s_star = sl.deterrence(profit, p, f, r, 0.0, self_reporting=self_rep).deterrent_stake
    at = sl.deterrence(profit, p, f, r, s_star * (1 + 1e-9), self_reporting=self_rep)
    below = sl.deterrence(profit, p, f, r, s_star * (1 - 1e-6), self_reporting=self_rep)
    assert not at.attack_pays and below.attack_pays
    assert at.expected_penalty == pytest.approx(profit, rel=1e-6)


def test_deterrence_curve():
    d = sl.deterrence(1_000, 0.5, 0.5, 0.2, 2_000)
    c = sl.deterrence_curve(d, points=11)
    assert c.stake[-1] == 10_000 and c.expected_penalty[-1] == pytest.approx(2_000)
    assert np.allclose(c.expected_penalty, 0.2 * c.stake)
    inf = sl.deterrence(1_000, 0.0, 0.5, 0.2, 2_000)
    assert sl.deterrence_curve(inf).stake[-1] == 4_000
    with pytest.raises(TypeError):
        sl.deterrence_curve("d")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_stake"):
        sl.deterrence_curve(d, max_stake=0)


# =============================================================================================
# Figures, explorer, self-checks
# =============================================================================================

def test_plot_ethereum_penalties():
    curves = [sl.ethereum_penalty_curve(f, points=41, max_share=Fraction(2, 5)) for f in FORKS]
    fig = plot_ethereum_penalties(curves, zoom_share=0.05)
    left, right = fig.axes
    assert "ETH" in left.get_ylabel() and "%" in left.get_xlabel()
    assert len(left.get_lines()) == 4 and left.get_xlim()[1] == pytest.approx(5)
    plt.close(fig)
    with pytest.raises(TypeError):
        plot_ethereum_penalties([])


def test_plot_penalty_schedules():
    k = np.arange(4)
    x = np.linspace(0, 0.5, 11)
    fig = plot_penalty_schedules(k, {"fixed": np.full(4, 0.1)}, x, {"corr": np.minimum(1, 3 * x)})
    assert fig.axes[0].get_ylabel() == "penalty (% of stake)"
    plt.close(fig)
    with pytest.raises(ValueError, match="shape"):
        plot_penalty_schedules(k, {"fixed": np.zeros(3)}, x, {"c": x})


def test_plot_deterrence_both_verdicts():
    for stake in (2_000, 6_000):
        d = sl.deterrence(1_000, 0.5, 0.5, 0.2, stake)
        fig = plot_deterrence(d, sl.deterrence_curve(d), unit="METIS")
        ax = fig.axes[0]
        assert ax.get_xlabel() == "attacker stake (METIS)" and ax.get_ylabel() == "amount (METIS)"
        assert ("pays" in ax.get_title(loc="left")) == d.attack_pays
        plt.close(fig)
    d = sl.deterrence(1_000, 0.0, 0.5, 0.2, 2_000)  # nothing deters
    plt.close(plot_deterrence(d, sl.deterrence_curve(d)))


def test_explorer_builds_and_renders():
    from seqlearn.widgets import slashing as wsl

    fig = wsl.render(**wsl.DEFAULTS)
    assert fig.axes[0].get_xlabel() == f"attacker stake ({wsl.UNIT})"
    plt.close(fig)
    assert wsl.STAKE == params.value("metis.min_lock")
    box = wsl.deterrence_explorer()
    assert len(explorer_controls(box)) == 4
    plt.close("all")


def test_exercise_checks():
    assert ch03.check_bellatrix_correlation(1)
    assert not ch03.check_bellatrix_correlation(1.92)  # the Electra answer, not Bellatrix's
    assert not ch03.check_bellatrix_correlation(None)
    assert not ch03.check_bellatrix_correlation("1")

    def electra(eb, s, t):
        return min(3 * s, t) // (t // 10**9) * (eb // 10**9)

    def floaty(eb, s, t):
        return min(3 * s, t) / (t / 10**9) * (eb / 10**9)

    def pre_electra(eb, s, t):
        return eb // 10**9 * min(3 * s, t) // t * 10**9

    assert ch03.check_electra_rule(electra)
    assert not ch03.check_electra_rule(floaty)
    assert not ch03.check_electra_rule(pre_electra)
    assert not ch03.check_electra_rule(None)
    assert not ch03.check_electra_rule(lambda *a: 1 / 0)

    assert ch03.check_electra_reason("b") and ch03.check_electra_reason(" B ")
    assert not ch03.check_electra_reason("a") and not ch03.check_electra_reason(2)

    s = 30_000 / (0.6 * 0.5 * 0.9)
    assert ch03.expected_deterrent_stake() == pytest.approx(s)
    assert ch03.check_deterrent_stake(s) and ch03.check_deterrent_stake(111_111)
    assert not ch03.check_deterrent_stake(100_000)
    assert not ch03.check_deterrent_stake([s])


def test_ch03_verdicts_fit_the_book_column():
    """A "Not yet" verdict prints as short lines, so it does not run past the page."""
    verdicts = [ch03.check_bellatrix_correlation(None), ch03.check_bellatrix_correlation(7),
                ch03.check_electra_rule(lambda eb, s, t: None), ch03.check_electra_rule(3),
                ch03.check_electra_reason(None), ch03.check_electra_reason("z"),
                ch03.check_deterrent_stake("a lot")]
    for fb in verdicts:
        assert not fb and fb.message.startswith("Not yet")
        assert "\nHint: " in fb.message
        assert max(len(line) for line in fb.message.splitlines()) <= 76, fb.message


# --- Issue 7: verifiers and curves take no garbage ----------------------------------------

@pytest.mark.parametrize("slot", [float("nan"), -1, 2.5, True, 10**400])
def test_challenges_and_requests_need_real_slots(slot):
    k = sl.derive_key("A", 0)
    c = sl.commit_data(k, "A", 1, [b"a", b"b"])
    with pytest.raises((ValueError, TypeError), match="issued_slot"):
        sl.DAChallenge(c, index=1, issued_slot=slot)
    with pytest.raises((ValueError, TypeError), match="submitted_slot"):
        sl.ForcedInclusionRequest("tx", submitted_slot=slot)


def test_verifiers_reject_a_forged_slot_that_slipped_past_the_constructor():
    k = sl.derive_key("A", 0)
    c = sl.commit_data(k, "A", 1, [b"a", b"b"])
    ch = sl.DAChallenge(c, index=1, issued_slot=10)
    object.__setattr__(ch, "issued_slot", float("nan"))
    view = sl.ChainView(keys={"A": k}, now_slot=10**6, da_challenges=(ch,))
    assert not sl.DataWithholdingEvidence(ch).verify(view)


def test_merkle_proof_index_must_be_an_integer():
    chunks = [b"a", b"b", b"c"]
    root, proof = sl.merkle_root(chunks), sl.merkle_proof(chunks, 2)
    assert sl.verify_merkle_proof(root, 2, b"c", proof)
    with pytest.raises(TypeError, match="index"):
        sl.verify_merkle_proof(root, 2.5, b"c", proof)
    with pytest.raises(ValueError, match="index"):
        sl.verify_merkle_proof(root, -1, b"c", proof)


def test_penalty_curve_points_are_bounded():
    import time
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="points"):
        sl.ethereum_penalty_curve("bellatrix", points=10**9)
    assert time.perf_counter() - t0 < 1.0
