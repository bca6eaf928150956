"""Fuzz baselines for seqlearn.exercises.ch04."""
from fuzz_baselines import student

BASELINES = {
    "block_leaf_size": dict(),
    "expected_block_rounds": dict(),
    "check_block_rounds": dict(binary=student(26), eight_ary=student(9)),
    "expected_op_bond_split": dict(),
    "check_op_bond_split": dict(answer=student(1.0)),
    "one_step_cases": dict(),
    "check_one_step": dict(fn=student(lambda *a: True)),
    "check_liar_reason": dict(answer=student("a")),
}
