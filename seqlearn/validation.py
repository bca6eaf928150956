"""The one input-validation layer of seqlearn.

Every public model, plotting and widget function checks its arguments with these
helpers, so that bad input always raises a :class:`ValueError` or :class:`TypeError`
whose message has one form::

    <name> must be <what was expected>, got <value>

Sizes that allocate memory or drive a loop have an upper bound (:data:`MAX_COUNT`,
:data:`MAX_ELEMENTS`), so that no call can exhaust memory or run for hours; integers
beyond the float range are rejected by name instead of overflowing deep inside numpy.

Examples
--------
>>> real("vol", 0.6, lo=0.0, lo_open=True)
0.6
>>> real("vol", float("nan"))
Traceback (most recent call last):
...
ValueError: vol must be a finite real number, got nan
>>> count("n_paths", 10**12)
Traceback (most recent call last):
...
ValueError: n_paths must be an integer in [1, 10000000], got 1000000000000
>>> option("fork", "Cancun", ("cancun", "prague"))
Traceback (most recent call last):
...
ValueError: fork must be one of 'cancun', 'prague', got 'Cancun'
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence, TypeVar

import numpy as np

__all__ = [
    "MAX_COUNT",
    "MAX_ELEMENTS",
    "describe",
    "fail",
    "real",
    "positive",
    "nonnegative",
    "probability",
    "integer",
    "count",
    "whole",
    "wei",
    "boolean",
    "option",
    "text",
    "instance",
    "array",
    "curves",
    "marks",
    "budget",
    "seed",
    "rng",
    "fraction",
    "finite_result",
]

#: Upper bound for a count that sizes a loop or an array axis (paths, points, epochs...).
MAX_COUNT: int = 10_000_000
#: Upper bound for the number of elements one call may allocate (about 400 MB of float64).
MAX_ELEMENTS: int = 50_000_000

_T = TypeVar("_T")


def describe(value: Any, limit: int = 60) -> str:
    """A short ``repr`` of ``value`` for an error message (long reprs are cut)."""
    try:
        r = repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the real error
        r = f"<{type(value).__name__} object>"
    return r if len(r) <= limit else r[: limit - 3] + "..."


def fail(name: str, expected: str, value: Any, exc: type[Exception] = ValueError) -> Exception:
    """The error for argument ``name``: ``raise fail("n", "an integer >= 1", n)``."""
    return exc(f"{name} must be {expected}, got {describe(value)}")


def _interval(lo: float, hi: float, lo_open: bool, hi_open: bool) -> str:
    def fmt(x: float) -> str:
        return "inf" if x == math.inf else "-inf" if x == -math.inf else f"{x:g}"
    return f"{'(' if lo_open else '['}{fmt(lo)}, {fmt(hi)}{')' if hi_open else ']'}"


def _int_text(x: int) -> str:
    """A bound as text: exact when short, ``2**k``/``2**k - 1`` or ``1e+30`` when long."""
    if abs(x) < 10**12:
        return str(x)
    k = abs(x).bit_length()
    sign = "-" if x < 0 else ""
    if abs(x) == 1 << (k - 1):
        return f"{sign}2**{k - 1}"
    if abs(x) == (1 << k) - 1:
        return f"{sign}(2**{k} - 1)" if sign else f"2**{k} - 1"
    return f"{float(x):.3g}" if abs(x) < 10**300 else "about 10**" + str(len(str(abs(x))) - 1)


def real(name: str, value: Any, *, lo: float = -math.inf, hi: float = math.inf,
         lo_open: bool = False, hi_open: bool = False, allow_inf: bool = False) -> float:
    """A finite real number (``bool`` excluded) within ``[lo, hi]`` (ends open on request).

    ``allow_inf`` admits ``+inf``/``-inf`` when they are inside the bounds (never NaN).
    Integers too large for a float are rejected with a :class:`ValueError`.
    """
    what = "a finite real number" if not allow_inf else "a real number"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise fail(name, what, value, TypeError)
    try:
        x = float(value)
    except (OverflowError, ValueError):
        raise fail(name, what + " within the float range", value) from None
    if math.isnan(x) or (math.isinf(x) and not allow_inf):
        raise fail(name, what, value)
    if x < lo or x > hi or (lo_open and x == lo) or (hi_open and x == hi):
        if lo == -math.inf and hi == math.inf:
            raise fail(name, what, value)
        raise fail(name, f"{what} in {_interval(lo, hi, lo_open, hi_open)}", value)
    return x


def positive(name: str, value: Any, *, hi: float = math.inf) -> float:
    """A finite real number > 0 (and <= ``hi``)."""
    return real(name, value, lo=0.0, lo_open=True, hi=hi)


def nonnegative(name: str, value: Any, *, hi: float = math.inf) -> float:
    """A finite real number >= 0 (and <= ``hi``)."""
    return real(name, value, lo=0.0, hi=hi)


def probability(name: str, value: Any, *, lo_open: bool = False,
                hi_open: bool = False) -> float:
    """A probability in ``[0, 1]`` (either end open on request)."""
    return real(name, value, lo=0.0, hi=1.0, lo_open=lo_open, hi_open=hi_open)


def integer(name: str, value: Any, *, lo: int | None = None, hi: int | None = None) -> int:
    """An integer (Python or numpy; ``bool`` and floats excluded) in ``[lo, hi]``.

    Arbitrary-precision integers are fine, so wei amounts beyond the float range pass.
    """
    def what() -> str:  # built only for an error: _int_text of a long bound is slow
        if lo is None and hi is None:
            return "an integer"
        if hi is None:
            return f"an integer >= {_int_text(lo)}"
        if lo is None:
            return f"an integer <= {_int_text(hi)}"
        return f"an integer in [{_int_text(lo)}, {_int_text(hi)}]"

    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise fail(name, what(), value, TypeError)
    v = int(value)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise fail(name, what(), value)
    return v


def count(name: str, value: Any, *, lo: int = 1, hi: int = MAX_COUNT) -> int:
    """An integer count in ``[lo, hi]``: the upper bound keeps loops and arrays bounded."""
    return integer(name, value, lo=lo, hi=hi)


def whole(name: str, value: Any, *, lo: int = 0, hi: int = MAX_COUNT) -> int:
    """A whole number in ``[lo, hi]``, given as an integer or a float with no fractional
    part (``3.0`` from a float slider is 3 watchers); returned as an ``int``."""
    what = f"a whole number in [{_int_text(lo)}, {_int_text(hi)}]"
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        return integer(name, value, lo=lo, hi=hi)
    x = real(name, value)  # type and finiteness
    if x != math.floor(x) or not lo <= x <= hi:
        raise fail(name, what, value)
    return int(x)


def wei(name: str, value: Any, *, lo: int = 0, hi: int | None = None) -> int:
    """A whole amount in the smallest unit (wei, gas, gwei): a non-negative integer."""
    return integer(name, value, lo=lo, hi=hi)


def boolean(name: str, value: Any) -> bool:
    """``True`` or ``False`` (numpy booleans too); integers are not booleans here."""
    if not isinstance(value, (bool, np.bool_)):
        raise fail(name, "True or False", value, TypeError)
    return bool(value)


def option(name: str, value: Any, options: Iterable[_T]) -> _T:
    """One of ``options`` (compared with ``==``; strings are case-sensitive)."""
    opts = tuple(options)
    listed = ", ".join(repr(o) for o in opts)
    if isinstance(value, (list, dict, set, np.ndarray)):  # unhashable or ambiguous ==
        raise fail(name, f"one of {listed}", value, TypeError)
    for o in opts:
        if type(value) is type(o) and value == o:
            return o
    exc = ValueError if any(isinstance(value, type(o)) for o in opts) else TypeError
    raise fail(name, f"one of {listed}", value, exc)


def text(name: str, value: Any, *, allow_empty: bool = False) -> str:
    """A string (non-empty unless ``allow_empty``)."""
    if not isinstance(value, str):
        raise fail(name, "a string", value, TypeError)
    if not allow_empty and not value.strip():
        raise fail(name, "a non-empty string", value)
    return value


def instance(name: str, value: Any, cls: type[_T] | tuple[type, ...]) -> _T:
    """An instance of ``cls``."""
    if not isinstance(value, cls):
        names = (cls.__name__ if isinstance(cls, type)
                 else " or ".join(c.__name__ for c in cls))
        raise fail(name, f"a {names}", value, TypeError)
    return value  # type: ignore[return-value]


def budget(name: str, n_elements: int, *, hi: int = MAX_ELEMENTS) -> int:
    """Check that a call will allocate at most ``hi`` elements; ``name`` says which sizes."""
    n_elements = integer(name, n_elements, lo=0)
    if n_elements > hi:
        raise ValueError(f"{name} must need at most {hi:,} elements together, "
                         f"got {n_elements:,}")
    return n_elements


def array(name: str, value: Any, *, ndim: int | None = None,
          shape: Sequence[int | None] | None = None, lo: float = -math.inf,
          hi: float = math.inf, lo_open: bool = False, hi_open: bool = False,
          allow_empty: bool = False, allow_inf: bool = False,
          integer: bool = False, whole: bool = False,
          max_size: int = MAX_ELEMENTS) -> np.ndarray:
    """A numeric array (lists and scalars converted) of finite values within bounds.

    Returns a new float64 array (int64 when ``integer``). ``shape`` may hold ``None`` for an
    axis of any length. Booleans, strings, objects and complex numbers are rejected.
    ``whole`` asks for whole numbers (integers, or floats without a fractional part) and
    still returns float64.
    """
    kind = "integers" if integer else "finite real numbers"
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - ragged lists and exotic objects
        raise fail(name, f"an array of {kind}", value, TypeError) from None
    if arr.dtype == np.bool_ or arr.dtype.kind not in ("i", "u", "f"):
        if arr.dtype.kind == "O" and arr.size and all(
                isinstance(v, numbers.Integral) and not isinstance(v, bool)
                for v in arr.ravel()):
            raise fail(name, f"an array of {kind} within the int64 range", value)
        raise fail(name, f"an array of {kind}", value, TypeError)
    if integer and arr.dtype.kind == "f":
        raise fail(name, "an array of integers", value, TypeError)
    if arr.size > max_size:
        raise fail(name, f"an array of at most {max_size:,} elements", value)
    if ndim is not None and arr.ndim != ndim:
        raise fail(name, f"a {ndim}-dimensional array", value)
    if shape is not None:
        if arr.ndim != len(shape) or any(s is not None and s != a
                                         for s, a in zip(shape, arr.shape)):
            want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + \
                ("," if len(shape) == 1 else "") + ")"
            raise fail(name, f"an array of shape {want}", value)
    if arr.size == 0 and not allow_empty:
        raise fail(name, "a non-empty array", value)
    out = arr.astype(np.int64 if integer else np.float64, copy=True)
    if not integer:
        bad = np.isnan(out) if allow_inf else ~np.isfinite(out)
        if bad.any():
            raise fail(name, f"an array of {kind}", value)
    if whole and out.size and not np.all(out == np.floor(out)):
        raise fail(name, "an array of whole numbers", value)
    if out.size and (lo > -math.inf or hi < math.inf):
        mn, mx = out.min(), out.max()
        if mn < lo or mx > hi or (lo_open and mn == lo) or (hi_open and mx == hi):
            raise fail(name, f"an array with values in {_interval(lo, hi, lo_open, hi_open)}",
                       value)
    return out


def curves(name: str, value: Any, *, length: int | None = None, lo: float = -math.inf,
           hi: float = math.inf, allow_inf: bool = False,
           max_curves: int = 64) -> dict[str, np.ndarray]:
    """A non-empty mapping from labels (strings) to 1-d arrays of ``length`` numbers, as
    plotting functions take them; returns a new dict of float64 arrays."""
    if not isinstance(value, Mapping):
        raise fail(name, "a mapping from labels to arrays", value, TypeError)
    if not value or len(value) > max_curves:
        raise fail(name, f"a mapping with at least one (at most {max_curves}) labelled "
                   "array", value)
    out = {}
    for label, y in value.items():
        text(f"a label of {name}", label)
        out[label] = array(f"{name}[{label!r}]", y, ndim=1,
                           shape=None if length is None else (length,), lo=lo, hi=hi,
                           allow_inf=allow_inf)
    return out


def marks(name: str, value: Any, *, max_marks: int = 64) -> dict[str, float]:
    """``None`` or a mapping from labels to finite positions (vertical marks on a figure)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail(name, "None or a mapping from labels to numbers", value, TypeError)
    if len(value) > max_marks:
        raise fail(name, f"at most {max_marks} marks", value)
    return {text(f"a label of {name}", k): real(f"{name}[{k!r}]", x) for k, x in value.items()}


def seed(name: str, value: Any) -> int:
    """A seed for ``numpy.random.default_rng``: a non-negative integer (below 2**128)."""
    return integer(name, value, lo=0, hi=2**128 - 1)


def rng(name: str, value: Any) -> np.random.Generator:
    """A ``numpy.random.Generator`` as given, or a new one seeded with a non-negative int."""
    if isinstance(value, np.random.Generator):
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise fail(name, "a non-negative integer seed or a numpy.random.Generator", value,
                   TypeError)
    return np.random.default_rng(seed(name, value))


def fraction(name: str, value: Any, *, lo: Fraction | int = 0,
             hi: Fraction | int | None = 1, lo_open: bool = False,
             allow_float: bool = False) -> Fraction:
    """An exact fraction (``int`` or :class:`fractions.Fraction`; also ``Decimal``, and
    floats read as their shortest decimal when ``allow_float``) in ``[lo, hi]``.

    Ledgers that must conserve value exactly take shares as fractions: ``Fraction(1, 10)``.
    """
    kinds = "an int, Fraction or float" if allow_float else \
        "an exact fraction (an int or fractions.Fraction, e.g. Fraction(1, 10))"
    bounds = (f"{'(' if lo_open else '['}{lo}, {hi}]" if hi is not None
              else f"{'>' if lo_open else '>='} {lo}")
    if isinstance(value, (bool, np.bool_)):
        raise fail(name, kinds, value, TypeError)
    if isinstance(value, Fraction):
        f = value
    elif isinstance(value, numbers.Integral):
        f = Fraction(int(value))
    elif isinstance(value, Decimal) and allow_float:
        if not value.is_finite():
            raise fail(name, f"{kinds} in {bounds}", value)
        f = Fraction(value)
    elif isinstance(value, (float, np.floating)) and allow_float:
        if not math.isfinite(value):
            raise fail(name, f"{kinds} in {bounds}", value)
        f = Fraction(repr(float(value)))
    else:
        raise fail(name, kinds, value, TypeError)
    if f < lo or (lo_open and f == lo) or (hi is not None and f > hi):
        raise fail(name, f"{kinds} in {bounds}", value)
    return f


def finite_result(what: str, value: Any) -> Any:
    """Raise a :class:`ValueError` if a computed result holds NaN or infinity.

    For inputs that are valid one by one but overflow together (``sigma=1e308``):
    the caller learns which result broke instead of receiving NaN.
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except OverflowError:  # integers beyond the float range
        raise ValueError(f"the inputs give a {what} beyond the float range; use smaller "
                         f"magnitudes (got {describe(value)})") from None
    except Exception:  # noqa: BLE001 - anything that is not numbers
        raise TypeError(f"{what} must be numbers, got {describe(value)}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"the inputs give a non-finite {what}; "
                         f"use smaller magnitudes (got {describe(value)})")
    return value
