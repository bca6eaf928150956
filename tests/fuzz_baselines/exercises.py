"""Fuzz baselines for seqlearn.exercises (the self-check helpers)."""
from fuzz_baselines import student

BASELINES = {
    "Feedback": dict(correct=False, message="Not yet: 3 is too low. Hint: add one"),
    "check_number": dict(answer=student(6.4), expected=6.4, rel_tol=0.01, hint="x"),
    "check_choice": dict(answer=student("b"), expected="b", options="abc", hint="x"),
    "check_function": dict(fn=student(lambda x: 2 * x), cases=[((1,), 2), ((2.5,), 5.0)],
                           hint="x"),
}
