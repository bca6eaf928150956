"""Self-checks for the exercises of the chapter on optimistic proofs.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.fraudproof`, which
reads the protocol constants from :mod:`seqlearn.params`.

Examples
--------
>>> check_block_rounds(26, 9)
Correct.
>>> check_block_rounds("26", 9)
Not yet: binary: expected a number, got str.
Hint: each round keeps one of k parts: how many rounds until one block is
left?
>>> check_op_bond_split(None)
Not yet: you have not answered yet: replace None with your answer.
Hint: the bond grows geometrically with depth, from the base bond at the
root to the largest at the maximum depth; read the constants from
seqlearn.params
>>> check_one_step(lambda vm, pre, pre_hash, post_hash: True)
Not yet: for the case 'wrong post-state' it returned True, expected False.
Hint: the referee trusts nothing but hashes: check that the state you are
given is the agreed one, then run exactly one step
"""

from __future__ import annotations

from typing import Any, Callable

from seqlearn import fraudproof, params
from seqlearn.exercises import BLANK, Feedback, check_choice, check_number
from seqlearn.validation import describe

__all__ = [
    "block_leaf_size",
    "expected_block_rounds",
    "check_block_rounds",
    "SPLIT_DEPTH",
    "expected_op_bond_split",
    "check_op_bond_split",
    "EXERCISE_PROGRAM",
    "one_step_cases",
    "check_one_step",
    "check_liar_reason",
]


def block_leaf_size() -> int:
    """Exercise 1: the L2 blocks one BoLD assertion can cover (``arbitrum.bold.block_leaf_size``)."""
    return int(params.value("arbitrum.bold.block_leaf_size"))


def expected_block_rounds() -> tuple[int, int]:
    """Exercise 1: rounds to narrow the block level to one block, binary and 8-ary."""
    n = block_leaf_size()
    return fraudproof.bisection_rounds(n, 2), fraudproof.bisection_rounds(n, 8)


def check_block_rounds(binary: Any, eight_ary: Any) -> Feedback:
    """Exercise 1: rounds at BoLD's block level with binary and with 8-ary bisection."""
    hint = "each round keeps one of k parts: how many rounds until one block is left?"
    want = expected_block_rounds()
    for name, got, exp in (("binary", binary, want[0]), ("8-ary", eight_ary, want[1])):
        fb = check_number(got, exp, rel_tol=0, abs_tol=1e-9, hint=hint)
        if not fb:
            return Feedback(False, fb.message.replace("Not yet: ", f"Not yet: {name}: ", 1))
    return Feedback(True, "Correct.")


#: Exercise 2: the depth asked about, OP Stack's split depth (``op.fdg.split_depth``).
SPLIT_DEPTH: int = int(params.value("op.fdg.split_depth"))


def expected_op_bond_split() -> float:
    """Exercise 2: the OP dispute game's required bond at the split depth, in ETH."""
    return fraudproof.op_dispute_bond_eth(SPLIT_DEPTH)


def check_op_bond_split(answer: Any) -> Feedback:
    """Exercise 2: the bond (ETH) for a move at depth 30, to 0.1%."""
    return check_number(answer, expected_op_bond_split(), rel_tol=1e-3,
                        hint="the bond grows geometrically with depth, from the base bond "
                             "at the root to the largest at the maximum depth; read the "
                             "constants from seqlearn.params")


#: Exercise 3: the program the one-step checker is tested on (sum of 3 + 2 + 1, then a
#: stack underflow on purpose at the end).
EXERCISE_PROGRAM: str = """
PUSH 3
STORE 0
LOAD 1
LOAD 0
ADD
STORE 1
LOAD 0
PUSH 1
SUB
DUP
STORE 0
JUMPI 2
ADD
"""


def one_step_cases() -> list[tuple[str, tuple, bool]]:
    """Exercise 3: named cases ``(name, (vm, pre_state, pre_hash, claimed_post_hash), ok)``."""
    vm = fraudproof.VM(EXERCISE_PROGRAM, memory_size=2)
    trace = fraudproof.ExecutionTrace(vm, 64)
    s7, s8, s9 = trace.state_at(7), trace.state_at(8), trace.state_at(9)
    last = trace.state_at(64)  # the error state after the underflow: it steps to itself
    wrong = vm.corrupt(s8)
    return [
        ("honest step", (vm, s7, vm.commit(s7), vm.commit(s8)), True),
        ("wrong post-state", (vm, s7, vm.commit(s7), vm.commit(wrong)), False),
        ("pre-state does not match the agreed hash", (vm, s8, vm.commit(s7), vm.commit(s9)),
         False),
        ("claim skips a step", (vm, s7, vm.commit(s7), vm.commit(s9)), False),
        ("terminal state", (vm, last, vm.commit(last), vm.commit(last)), True),
    ]


def check_one_step(fn: Any) -> Feedback:
    """Exercise 3: ``fn(vm, pre_state, pre_hash, claimed_post_hash)`` must return True
    exactly when ``pre_state`` hashes to ``pre_hash`` and one step from it gives a state
    that hashes to ``claimed_post_hash``."""
    hint = ("the referee trusts nothing but hashes: check that the state you are given is "
            "the agreed one, then run exactly one step")
    if fn is None:
        return Feedback(False, f"Not yet: {BLANK}. Hint: {hint}")
    if not callable(fn):
        return Feedback(False, f"Not yet: expected a function, got "
                               f"{type(fn).__name__}. Hint: {hint}")
    cases = one_step_cases()
    call: Callable[..., Any] = fn
    for name, args, want in cases:
        try:
            got = call(*args)
        except Exception as exc:  # noqa: BLE001 - any student error becomes feedback
            return Feedback(False, f"Not yet: for the case {name!r} it raised "
                                   f"{type(exc).__name__}: {exc}. Hint: {hint}")
        if not (isinstance(got, bool) or type(got).__name__ == "bool_") or bool(got) != want:
            return Feedback(False, f"Not yet: for the case {name!r} it returned "
                                   f"{describe(got, 300)}, expected {want}. Hint: {hint}")
    return Feedback(True, f"Correct. All {len(cases)} cases pass.")


def check_liar_reason(answer: Any) -> Feedback:
    """Exercise 4: why can a liar not win against an honest party that answers in time?

    Options: (a) the referee re-executes the whole trace when the parties disagree;
    (b) each answer is pinned to a commitment, the honest party always keeps an interval
    whose left end is true and whose right end is disputed, and one step from a true state
    is checked exactly by the referee; (c) the liar's bond is larger than its possible
    gain; (d) the honest party may ask for more rounds than the liar.
    """
    return check_choice(answer, "b", options="abcd",
                        hint="what does the honest party know about the interval's two ends "
                        "after every round?")
