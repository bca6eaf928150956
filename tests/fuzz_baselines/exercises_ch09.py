"""Fuzz baselines for seqlearn.exercises.ch09."""
from fuzz_baselines import student

BASELINES = {
    "expected_reserve_price": dict(),
    "check_reserve_price": dict(answer=student(1e9)),
    "expected_op_fee": dict(),
    "check_op_fee": dict(answer=student(1000)),
    "expected_auction_price": dict(),
    "check_auction_price": dict(answer=student(0.03)),
    "expected_min_l1_share": dict(),
    "check_min_l1_share": dict(answer=student(60.0)),
    "check_blob_fee_after": dict(fn=student(lambda *a: 1)),
    "check_floor_concept": dict(answer=student("a")),
}
