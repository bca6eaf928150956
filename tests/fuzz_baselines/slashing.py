"""Fuzz baselines for seqlearn.slashing."""
from fractions import Fraction

from fuzz_baselines import fixed, fresh
from seqlearn import fraudproof
from seqlearn import slashing as s
from seqlearn.staking import StakingRegistry

RESULT = "a result type: built by the model, not from user input"
SKIP = {"Evidence": "a typing.Protocol (an interface), not instantiable",
        "FraudProofOutcome": "a typing.Protocol (an interface), not instantiable",
        "PenaltySchedule": "an abstract base class",
        "Verdict": RESULT, "SlashRecord": RESULT, "EthereumSlashingPenalty": RESULT,
        "EthereumPenaltyCurve": RESULT, "Deterrence": RESULT, "DeterrenceCurve": RESULT}
CLAIM = ("a claim built from anything an accuser submits; its verify() is the judge and "
         "rejects malformed claims (fuzzed through the .verify baselines; "
         "tests/test_slashing.py builds malformed ones on purpose)")
SKIP.update({"EquivocationEvidence": CLAIM, "InvalidStateTransitionEvidence": CLAIM,
             "DataWithholdingEvidence": CLAIM, "DowntimeEvidence": CLAIM,
             "CensorshipEvidence": CLAIM, "FraudVerdict": CLAIM})
ALLOW_NONFINITE = {"deterrence": "deterrent_stake is inf when no stake deters (documented)",
                   "deterrence_curve": "deterrent_stake is inf when no stake deters"}

_K = s.derive_key("s", 0)
_B1 = s.sign_batch(_K, "s", 7, ["tx1", "tx2"])
_B2 = s.sign_batch(_K, "s", 7, ["tx1", "tx3"])
_C = s.commit_data(_K, "s", 1, [b"a", b"b"])
_CH = s.DAChallenge(_C, index=1, issued_slot=10)
_REQ = s.ForcedInclusionRequest(tx="tx9", submitted_slot=3)
_VIEW = s.ChainView(keys={"s": _K}, now_slot=200, schedule={i: "s" for i in range(64)},
                    posted={7: _B1}, da_challenges=(_CH,), forced_requests=(_REQ,))
_D = s.deterrence(1_000, 0.5, 0.5, 0.2, 2_000)


def _registry():
    reg = StakingRegistry(min_stake=100, max_stake=10_000, unbonding_period=10)
    reg.bond("s", 1_000, now=0)
    return reg


BASELINES = {
    "Offence": dict(value="downtime"),
    "derive_key": dict(sequencer="seq-A", seed=1),
    "SignedBatch": dict(sequencer="s", slot=7, txs=("a",), state_root="0x1",
                        signature="00" * 32),
    "sign_batch": dict(key=_K, sequencer="s", slot=3, txs=["a", "b"], state_root="0x1"),
    "verify_signature": dict(batch=_B1, keys={"s": _K}),
    "merkle_root": dict(chunks=[b"a", b"b", b"c"]),
    "merkle_proof": dict(chunks=[b"a", b"b", b"c"], index=2),
    "verify_merkle_proof": dict(root=s.merkle_root([b"a", b"b", b"c"]), index=2, chunk=b"c",
                                proof=s.merkle_proof([b"a", b"b", b"c"], 2)),
    "DACommitment": dict(sequencer="s", slot=1, root=_C.root, n_chunks=2,
                         signature=_C.signature),
    "commit_data": dict(key=_K, sequencer="s", slot=4, chunks=[b"a", b"b"]),
    "DAChallenge": dict(commitment=_C, index=1, issued_slot=10),
    "DAResponse": dict(challenge=_CH, chunk=b"b", proof=tuple(s.merkle_proof([b"a", b"b"], 1)),
                       answered_slot=12),
    "ForcedInclusionRequest": dict(tx="tx9", submitted_slot=3),
    "ChainView": dict(keys={"s": _K}, now_slot=200, schedule={1: "s"}, posted={7: _B1},
                      da_challenges=(_CH,), da_responses=(), forced_requests=(_REQ,),
                      da_response_window=16, forced_inclusion_window=64,
                      downtime_epoch_slots=32, downtime_tolerance=4),
    "EquivocationEvidence.verify": dict(self=fixed(s.EquivocationEvidence(_B1, _B2), "data"),
                                        view=_VIEW),
    "FraudVerdict.from_dispute": dict(
        result=fixed(fraudproof.simulate_dispute(1_000, 700), "a model result"),
        accused="seq-A", disputed_root="0xroot"),
    "DataWithholdingEvidence.verify": dict(self=fixed(s.DataWithholdingEvidence(_CH), "data"),
                                           view=_VIEW),
    "DowntimeEvidence.verify": dict(self=fixed(s.DowntimeEvidence("s", 1), "data"),
                                    view=_VIEW),
    "CensorshipEvidence.verify": dict(self=fixed(s.CensorshipEvidence("s", _REQ), "data"),
                                      view=_VIEW),
    "OffenceState": dict(stake=1_000, prior_offences=1, slashed_in_window=100,
                         total_stake=10_000),
    "FixedFraction": dict(share=Fraction(1, 10)),
    "FixedFraction.penalty": dict(offence="downtime", state=s.OffenceState(stake=1_000)),
    "EscalatingSchedule": dict(steps=(0.01, 0.1, 1)),
    "CorrelationSchedule": dict(base=Fraction(1, 100), multiplier=3),
    "PerOffence": dict(schedules={s.Offence.DOWNTIME: s.FixedFraction(0.01)},
                       default=s.FixedFraction(1)),
    "penalty_shares": dict(schedule=s.EscalatingSchedule((0.01, 0.1, 1)), offence="downtime",
                           states=[s.OffenceState(1_000, prior_offences=k) for k in range(3)]),
    "SlashingHistory": dict(window=86_400),
    "SlashingHistory.slashed_in_window": dict(self=fresh(s.SlashingHistory), now=100),
    "apply_slash": dict(registry=fresh(_registry),
                        evidence=s.EquivocationEvidence(s.sign_batch(_K, "s", 1, ["a"]),
                                                        s.sign_batch(_K, "s", 1, ["b"])),
                        schedule=s.FixedFraction(Fraction(1, 2)),
                        view=s.ChainView(keys={"s": _K}), now=5, reporter="r",
                        history=fresh(s.SlashingHistory), reward_fraction=Fraction(1, 10)),
    "ethereum_slashing_penalty": dict(effective_balance=32 * 10**9,
                                      total_slashed=32 * 10**9,
                                      total_active=30_720_000 * 10**9, fork="electra"),
    "ethereum_correlation_threshold": dict(fork="bellatrix", effective_balance=32 * 10**9,
                                           total_active=30_720_000 * 10**9),
    "ethereum_penalty_curve": dict(fork="bellatrix", effective_balance=32 * 10**9,
                                   total_active=30_720_000 * 10**9,
                                   max_share=Fraction(1, 10), points=21),
    "deterrence": dict(profit=1_000, detection_probability=0.5, penalty=0.5,
                       reporter_share=0.2, stake=2_000, self_reporting=True,
                       offence=s.Offence.EQUIVOCATION),
    "deterrence_curve": dict(d=_D, max_stake=10_000.0, points=21),
}
