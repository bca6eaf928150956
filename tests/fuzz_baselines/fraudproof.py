"""Fuzz baselines for seqlearn.fraudproof."""
from fuzz_baselines import fixed, fresh
from seqlearn import fraudproof as fp

RESULT = "a result type: built by the model, not from user input"
PROTOCOL = "a typing.Protocol (an interface), not instantiable"
ALLOW_NONFINITE = {
    "play_bisection": "Move.remaining is inf when the game has no clock (no time limit)",
    "simulate_dispute": "Move.remaining is inf when the game has no clock (no time limit)",
}
SKIP = {"Machine": PROTOCOL, "Trace": PROTOCOL, "Strategy": PROTOCOL,
        "Move": RESULT, "Round": RESULT, "OneStepProof": RESULT, "Payouts": RESULT,
        "DisputeResult": RESULT, "BoldLevel": RESULT}

_SRC = "PUSH 2\nPUSH 3\nADD\nHALT"
_VM = fp.VM(_SRC)
_S = _VM.step(_VM.step(_VM.initial_state()))

BASELINES = {
    "Instruction": dict(op="PUSH", arg=7),
    "VMState": dict(pc=2, stack=(5,), memory=(0, 0), status="running"),
    "VM": dict(program=_SRC, memory_size=8),
    "VM.run": dict(max_steps=10),
    "VM.step": dict(state=_VM.initial_state()),
    "VM.commit": dict(state=_S),
    "assemble": dict(source="PUSH 1  # one\nDUP\nADD", memory_size=8),
    "validate_program": dict(program=(fp.Instruction("PUSH", 1), fp.Instruction("HALT")),
                             memory_size=8),
    "commit_state": dict(state=fp.VMState(0, (), (0,))),
    "SyntheticState": dict(label=b"honest", index=4),
    "SyntheticMachine": dict(label=b"honest"),
    "SyntheticMachine.step": dict(state=fp.SyntheticState(b"honest", 4)),
    "ExecutionTrace": dict(machine=_VM, n_steps=100, fault_step=3, checkpoint_every=16),
    "ExecutionTrace.state_at": dict(self=fresh(lambda: fp.ExecutionTrace(_VM, 100)),
                                    index=50),
    "SyntheticTrace": dict(n_steps=2**20, fault_step=1000, label=b"honest"),
    "SyntheticTrace.hash_at": dict(self=fresh(lambda: fp.SyntheticTrace(2**20)), index=999),
    "TracePlayer": dict(trace=fp.SyntheticTrace(16), delay=1.0),
    "TracePlayer.choose": dict(self=fresh(lambda: fp.TracePlayer(fp.SyntheticTrace(16))),
                               points=[0, 8, 16], hashes=[b"a" * 32, b"b" * 32, b"x" * 32]),
    "RandomLiar": dict(seed=0, delay=1.0),
    "MixedLiar": dict(traces=[fp.SyntheticTrace(16), fp.SyntheticTrace(16, fault_step=3)],
                      seed=0, delay=1.0),
    "ChessClock": dict(budget=302400, extension=10800),
    "split_points": dict(lo=0, hi=10, arity=4),
    "bisection_rounds": dict(n_steps=2**26, arity=8),
    "one_step_check": dict(machine=_VM,
                           pre_state=fixed(_S, "a liar may reveal anything: a garbage state "
                                           "is a failed proof (tests/test_fraudproof.py)"), pre_hash=_VM.commit(_S),
                           claimed_post_hash=_VM.commit(_VM.step(_S)), index=2),
    "play_bisection": dict(machine=fp.SyntheticMachine(),
                           asserter=fresh(lambda: fp.TracePlayer(
                               fp.SyntheticTrace(1024, fault_step=300))),
                           challenger=fresh(lambda: fp.TracePlayer(fp.SyntheticTrace(1024))),
                           n_steps=1024, arity=2, clock=fp.ChessClock(3600.0, 60.0),
                           bonds=(10, 10), burn_bps=100),
    "simulate_dispute": dict(n_steps=1000, fault_step=700, arity=10, liar="challenger",
                             honest_delay=1.0, liar_delay=2.0,
                             clock=fp.ChessClock(3600.0, 60.0)),
    "bold_levels": dict(arity=8),
    "op_dispute_bond": dict(depth=30, max_depth=73),
    "op_dispute_bond_eth": dict(depth=30, max_depth=73),
    "op_bond_curve": dict(max_depth=73),
    "op_clock_extension": dict(next_depth=72),
}
