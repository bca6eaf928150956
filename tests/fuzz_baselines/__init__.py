"""Valid baseline calls for the fuzz test of the public API (tests/test_fuzz_api.py).

Each module ``seqlearn.<path>`` with an ``__all__`` has a file here named after its path
with dots as underscores (``seqlearn.risk`` -> ``risk.py``, ``seqlearn.plotting.staking``
-> ``plotting_staking.py``, ``seqlearn.plotting`` -> ``plotting.py``). See README.md for
the format; this package holds the markers those files use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["Fixed", "Fresh", "Student", "fixed", "fresh", "student"]


@dataclass(frozen=True)
class Fixed:
    """An argument that is passed as ``value`` and never replaced by hostile values."""

    value: Any
    reason: str


@dataclass(frozen=True)
class Fresh:
    """An argument built anew by ``factory()`` for every call (mutable objects)."""

    factory: Callable[[], Any]


@dataclass(frozen=True)
class Student:
    """An argument that holds a student's answer: the callable must not raise at all."""

    value: Any


def fixed(value: Any, reason: str) -> Fixed:
    """Pass ``value`` and do not fuzz this argument; ``reason`` says why (required)."""
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("fixed() needs a reason")
    return Fixed(value, reason)


def fresh(factory: Callable[[], Any]) -> Fresh:
    """Build this argument anew for every call (a registry, a generator...); still fuzzed."""
    return Fresh(factory)


def student(value: Any) -> Student:
    """A student's answer: fuzzed, and any exception (even ValueError) is a failure."""
    return Student(value)
