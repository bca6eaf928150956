"""A property-based fuzz test of the whole public API of seqlearn.

Every callable in the ``__all__`` of every seqlearn module (models, params, data, plotting,
widgets, exercises, ...) is called from a valid baseline (``tests/fuzz_baselines``) with one
argument at a time replaced by a hostile value: NaN, infinities, negative and zero values,
integers beyond the float range, tiny and huge floats, wrong types, numpy values. Each call
must either return a result without NaN/inf (dataclasses, sequences, mappings and arrays are
walked; ``*prob*`` fields must lie in [0, 1]) or raise a ``ValueError``/``TypeError``, and it
must return within :data:`CALL_TIMEOUT` seconds of CPU time (a SIGPROF timer). A
self-check must not raise at all for a student's answer. Hypothesis draws more values per callable (derandomized: the same every run).

A public callable without a baseline fails :func:`test_every_public_callable_has_a_baseline`,
so a new module cannot escape. The number of calls and the time are written to
``_build/fuzz-report.json`` and printed at the end of the run (tests/conftest.py).
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import json
import math
import numbers
import os
import pkgutil
import resource
import signal
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import seqlearn
from fuzz_baselines import Fixed, Fresh, Student

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "_build" / "fuzz-report.json"

#: A call that uses more than this many seconds of CPU is a failure ("never returns"). CPU
#: time (``ITIMER_PROF``), not wall time: on a loaded machine a call's wall time says more
#: about the neighbours than about the call.
CALL_TIMEOUT: float = 4.0
#: Hypothesis examples per callable, on top of the fixed hostile values.
HYPOTHESIS_EXAMPLES: int = 6
#: Extra address space the fuzzed calls may take (a runaway allocation becomes MemoryError).
MEMORY_HEADROOM: int = 3 * 2**30


class CallTimeout(BaseException):
    """Raised by the alarm inside a call that runs too long (BaseException: not swallowed
    by ``except Exception`` in the code under test)."""


def _student_fn_array(*_a: Any, **_k: Any) -> Any:
    return np.array([1.0, 2.0])


def _student_fn_huge(*_a: Any, **_k: Any) -> Any:
    return 10**400


def _student_fn_raises(*_a: Any, **_k: Any) -> Any:
    raise RuntimeError("student bug")


class _Weird:
    """An object whose comparisons and conversions all fail."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no ==")

    __hash__ = object.__hash__

    def __float__(self) -> float:
        raise RuntimeError("no float")

    def __repr__(self) -> str:
        return "<weird>"


#: The fixed hostile values, tried for every fuzzed argument.
HOSTILE: list[tuple[str, Callable[[], Any]]] = [
    ("nan", lambda: float("nan")),
    ("inf", lambda: float("inf")),
    ("-inf", lambda: float("-inf")),
    ("-1", lambda: -1),
    ("0", lambda: 0),
    ("2.5", lambda: 2.5),
    ("-1e308", lambda: -1e308),
    ("1e308", lambda: 1e308),
    ("1e-300", lambda: 1e-300),
    ("10**7", lambda: 10**7),
    ("10**30", lambda: 10**30),
    ("10**400", lambda: 10**400),
    ("-10**400", lambda: -10**400),
    ("True", lambda: True),
    ("None", lambda: None),
    ("''", lambda: ""),
    ("'x'", lambda: "x"),
    ("[]", lambda: []),
    ("[1.0]", lambda: [1.0]),
    ("[nan]", lambda: [float("nan")]),
    ("{}", lambda: {}),
    ("object()", lambda: object()),
    ("weird", lambda: _Weird()),
    ("np.float64(nan)", lambda: np.float64("nan")),
    ("np.int64(-1)", lambda: np.int64(-1)),
    ("np.array([1., 2.])", lambda: np.array([1.0, 2.0])),
    ("fn->array", lambda: _student_fn_array),
]

#: Tried as well for a student's answer (``student(...)`` in a baseline).
HOSTILE_STUDENT: list[tuple[str, Callable[[], Any]]] = [
    ("fn->10**400", lambda: _student_fn_huge),
    ("fn raises", lambda: _student_fn_raises),
    ("fn->None", lambda: (lambda *a, **k: None)),
]


def _near(value: Any) -> list[tuple[str, Any]]:
    """Values of the baseline's own type, pushed to extremes (they often pass validation)."""
    if isinstance(value, (bool, np.bool_)):
        return [("not baseline", not value)]
    if isinstance(value, numbers.Integral):
        v = int(value)
        return [("-baseline", -v), ("baseline*10**6", v * 10**6 if v else 10**6),
                ("baseline+1", v + 1)]
    if isinstance(value, numbers.Real):
        v = float(value)
        return [("-baseline", -v), ("baseline*1e6", v * 1e6 if v else 1e6),
                ("baseline*1e-6", v * 1e-6), ("baseline*1e300", v * 1e300 if v else 1e300)]
    if isinstance(value, str):
        return [("baseline.upper()+'?'", value.upper() + "?"), ("' '*3", "   ")]
    if isinstance(value, (list, tuple)) and value:
        return [("baseline*1000", list(value) * 1000), ("baseline[:1]", list(value)[:1]),
                ("reversed", list(value)[::-1])]
    if isinstance(value, np.ndarray) and value.size:
        out: list[tuple[str, Any]] = [("array*1000 rows", np.concatenate([value] * 1000))]
        if value.dtype.kind in "fi":
            out += [("-array", -value), ("array*1e300", value * 1e300)]
        return out
    return []


# Hypothesis: anything a user might type, and more.
ANY_VALUE = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**12, max_value=10**12),
    st.integers(min_value=-10**500, max_value=10**500),
    st.text(max_size=8),
    st.none(),
    st.booleans(),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=4),
    st.lists(st.integers(min_value=-10**20, max_value=10**20), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.integers(-5, 5), st.integers(-5, 5)),
)


# ----------------------------------------------------------------------------- discovery

WITHOUT_ALL: list[str] = []


def public_modules() -> list[Any]:
    """Every importable seqlearn module (submodules included) with an ``__all__``; the
    ones without one that define public functions or classes are listed in
    :data:`WITHOUT_ALL` (a failure). Data-only modules (quiz questions) need none."""
    mods = []
    for info in pkgutil.walk_packages(seqlearn.__path__, "seqlearn."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        mod = importlib.import_module(info.name)
        if hasattr(mod, "__all__"):
            mods.append(mod)
        elif any(callable(obj) and getattr(obj, "__module__", None) == info.name
                 for name, obj in vars(mod).items() if not name.startswith("_")):
            WITHOUT_ALL.append(info.name)  # defines public callables nobody would fuzz
    return sorted(mods, key=lambda m: m.__name__)


def baseline_name(module_name: str) -> str:
    """``seqlearn.plotting.staking`` -> ``plotting_staking``."""
    return module_name.removeprefix("seqlearn.").replace(".", "_")


def public_callables(mod: Any) -> dict[str, Any]:
    """Names in ``mod.__all__`` that this module must fuzz (defined here, callable)."""
    out = {}
    for name in mod.__all__:
        obj = getattr(mod, name)
        if inspect.ismodule(obj) or not callable(obj):
            continue
        if isinstance(obj, type) and issubclass(obj, BaseException):
            continue  # exception classes are raised, not called with user input
        home = getattr(obj, "__module__", "") or ""
        if not home.startswith("seqlearn"):
            continue  # third-party objects re-exported as constants (bit generators ...)
        if home != mod.__name__:
            owner = sys.modules.get(home)
            if owner is not None and name in getattr(owner, "__all__", ()):
                continue  # fuzzed in the module that defines it
        out[name] = obj
    return out


def load_baselines(mod: Any) -> Any | None:
    try:
        return importlib.import_module(f"fuzz_baselines.{baseline_name(mod.__name__)}")
    except ModuleNotFoundError as exc:
        if exc.name == f"fuzz_baselines.{baseline_name(mod.__name__)}":
            return None
        raise


MODULES = public_modules()


@dataclasses.dataclass
class Target:
    module: str
    name: str  # "func", "Class" or "Class.method"
    obj: Any  # the callable (for a method: the function on the class)
    spec: dict[str, Any]
    make_self: Callable[[], Any] | None
    allow_nonfinite: bool


_IMMUTABLE = (int, float, complex, str, bytes, bool, type(None), type, Fraction)


def _copy(value: Any) -> Any:
    """A deep copy, so that a call that mutates its argument cannot change the baseline;
    frozen results are shared (their arrays are read-only), and objects that cannot be
    copied (mapping proxies inside frozen views) are shared too."""
    if isinstance(value, _IMMUTABLE) or callable(value) and not hasattr(value, "__dict__"):
        return value
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:  # type: ignore
        return value
    if isinstance(value, np.ndarray):
        return value.copy()
    if type(value) is list:
        return [_copy(x) for x in value]
    if type(value) is tuple:
        return tuple(_copy(x) for x in value)
    if type(value) is dict:
        return {k: _copy(x) for k, x in value.items()}
    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - read-only objects
        return value


def _materialize(v: Any) -> Any:
    if isinstance(v, Fixed):
        return _copy(v.value)
    if isinstance(v, Fresh):
        return v.factory()
    if isinstance(v, Student):
        return _copy(v.value)
    return _copy(v)


def targets() -> list[Target]:
    out = []
    for mod in MODULES:
        base = load_baselines(mod)
        if base is None:
            continue
        baselines = getattr(base, "BASELINES", {})
        allow = getattr(base, "ALLOW_NONFINITE", {})
        skip = getattr(base, "SKIP", {})
        for key, spec in baselines.items():
            if key in skip:
                continue
            cls_name, _, meth = key.partition(".")
            obj = getattr(mod, cls_name, None)
            if obj is None:
                continue  # reported by the coverage test
            make_self = None
            spec = dict(spec)
            static = meth and isinstance(inspect.getattr_static(obj, meth, None),
                                         (classmethod, staticmethod))
            if meth and static:
                obj = getattr(obj, meth)  # no instance needed
            elif meth:
                self_spec = spec.pop("self", None)
                if self_spec is not None:
                    make_self = (lambda s=self_spec: _materialize(s))
                else:
                    cls_spec = baselines.get(cls_name, {})
                    make_self = (lambda c=obj, s=cls_spec:
                                 c(**{k: _materialize(v) for k, v in s.items()}))
                obj = getattr(obj, meth, None)
                if obj is None:
                    continue
            out.append(Target(mod.__name__, key, obj, spec, make_self, key in allow))
    return out


TARGETS = targets()


# ------------------------------------------------------------------------------- calling

class Failure(Exception):
    pass


@dataclasses.dataclass
class Stats:
    calls: int = 0
    accepted: int = 0
    rejected: int = 0
    seconds: float = 0.0
    slowest: list = dataclasses.field(default_factory=list)
    per_target: dict = dataclasses.field(default_factory=dict)
    failing: set = dataclasses.field(default_factory=set)
    started: float = dataclasses.field(default_factory=time.perf_counter)


STATS = Stats()


def _on_alarm(signum: int, frame: Any) -> None:
    raise CallTimeout()


def _walk(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Yield ``(path, leaf)`` for numeric leaves of a result (bounded walk)."""
    if depth > 6:
        return
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        return
    if isinstance(value, (numbers.Number, np.ndarray, np.generic)):
        yield path, value
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{path}.{f.name}", depth + 1)
        return
    if isinstance(value, dict):
        for i, (k, v) in enumerate(value.items()):
            if i >= 200:
                break
            yield from _walk(v, f"{path}[{k!r}]", depth + 1)
        return
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value[:200]):
            yield from _walk(v, f"{path}[{i}]", depth + 1)


def check_result(result: Any, allow_nonfinite: bool) -> str | None:
    """A description of what is wrong with ``result``, or ``None``."""
    for path, leaf in _walk(result, "result"):
        if isinstance(leaf, numbers.Integral) and not isinstance(leaf, np.generic):
            continue
        arr = np.asarray(leaf)
        if arr.dtype.kind not in "fc":
            continue
        if arr.dtype.kind == "c":
            return f"{path} is complex"
        bad = np.isnan(arr) if allow_nonfinite else ~np.isfinite(arr)
        if bad.any():
            return f"{path} holds non-finite values ({np.asarray(arr).ravel()[:4]})"
        last = path.rsplit(".", 1)[-1].lower()
        if "prob" in last and arr.size and (arr.min() < 0 or arr.max() > 1):
            return f"{path} is a probability outside [0, 1] ({arr.min()}..{arr.max()})"
    return None


def call(target: Target, kwargs: dict[str, Any]) -> tuple[str, Any]:
    """Call with a timeout; returns ``("ok", result)``, ``("rejected", exc)`` or
    ``("error", exc)``/``("timeout", seconds)``."""
    import matplotlib.pyplot as plt

    fn = target.obj
    args: tuple = ()
    if target.make_self is not None:
        args = (target.make_self(),)
    old = signal.signal(signal.SIGPROF, _on_alarm)
    t0 = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_PROF, CALL_TIMEOUT)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with np.errstate(all="ignore"):
                    result = fn(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        outcome: tuple[str, Any] = ("ok", result)
    except CallTimeout:
        outcome = ("timeout", time.perf_counter() - t0)
    except (ValueError, TypeError) as exc:
        outcome = ("rejected", exc)
    except Exception as exc:  # noqa: BLE001 - the failure being looked for
        outcome = ("error", exc)
    finally:
        signal.signal(signal.SIGPROF, old)
        if plt.get_fignums():
            plt.close("all")
    if target.module == "selftest":
        return outcome
    dt = time.perf_counter() - t0
    STATS.calls += 1
    STATS.seconds += dt
    rec = STATS.per_target.setdefault(f"{target.module}.{target.name}", [0, 0.0])
    rec[0] += 1
    rec[1] += dt
    if outcome[0] == "ok":
        STATS.accepted += 1
    elif outcome[0] == "rejected":
        STATS.rejected += 1
    return outcome


def fuzzed_parameters(target: Target) -> list[str]:
    sig = inspect.signature(target.obj)
    names = []
    for i, (name, p) in enumerate(sig.parameters.items()):
        if target.make_self is not None and i == 0:
            continue  # self
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if isinstance(target.spec.get(name), Fixed):
            continue
        if p.kind is p.POSITIONAL_ONLY:
            continue  # cannot be given by keyword; fuzzed values would need positions
        names.append(name)
    return names


def baseline_kwargs(target: Target) -> dict[str, Any]:
    return {k: _materialize(v) for k, v in target.spec.items()}


def judge(target: Target, param: str | None, label: str, outcome: tuple[str, Any],
          student: bool) -> str | None:
    where = f"{target.module}.{target.name}({param}={label})" if param else \
        f"{target.module}.{target.name}(baseline)"
    kind, payload = outcome
    if kind == "timeout":
        return f"{where}: did not return within {CALL_TIMEOUT:g} s of CPU time"
    if kind == "error":
        return f"{where}: raised {type(payload).__name__}: {str(payload)[:200]}"
    if kind == "rejected":
        if student or param is None:
            return f"{where}: raised {type(payload).__name__}: {str(payload)[:200]}"
        return None
    bad = check_result(payload, target.allow_nonfinite)
    if bad:
        return f"{where}: returned garbage: {bad}"
    return None


def _write_report() -> None:
    slow = sorted(STATS.per_target.items(), key=lambda kv: -kv[1][1])[:10]
    data = dict(calls=STATS.calls, accepted=STATS.accepted, rejected=STATS.rejected,
                seconds_in_calls=round(STATS.seconds, 2),
                seconds_wall=round(time.perf_counter() - STATS.started, 1),
                callables=len(STATS.per_target),
                slowest=[dict(callable=k, calls=n, seconds=round(s, 2)) for k, (n, s) in slow],
                failures=len(STATS.failing), failing=sorted(STATS.failing)[:50],
                call_timeout=CALL_TIMEOUT, run=os.environ.get("SEQLEARN_FUZZ_RUN"))
    try:
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(json.dumps(data, indent=1) + "\n")
    except OSError:
        pass


@pytest.fixture(scope="module", autouse=True)
def _memory_guard() -> Iterator[None]:
    """Lower the address-space limit while fuzzing: a runaway allocation raises
    MemoryError (a failure) instead of waking the OOM killer."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as f:
            vm = int(f.read().split()[0]) * resource.getpagesize()
        limit = vm + MEMORY_HEADROOM
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass
    STATS.started = time.perf_counter()
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    _write_report()


# --------------------------------------------------------------------------------- tests

def _fake(fn: Callable[..., Any]) -> Target:
    return Target("selftest", fn.__name__, fn, {}, None, False)


def test_the_harness_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge flags a hang, a crash, NaN, an out-of-range probability and a raising
    self-check; and accepts a clean rejection."""
    monkeypatch.setattr(sys.modules[__name__], "CALL_TIMEOUT", 0.3)

    def spins() -> None:
        while True:
            pass

    def crashes() -> None:
        raise KeyError("x")

    def lies() -> Any:
        return {"value": float("nan")}

    def odds() -> Any:
        return {"prob_fail": 1.5}

    def rejects() -> None:
        raise ValueError("x must be a number, got 'y'")

    for fn, needle in ((spins, "did not return"), (crashes, "KeyError"),
                       (lies, "non-finite"), (odds, "probability outside")):
        t = _fake(fn)
        bad = judge(t, "x", "1", call(t, {}), False)
        assert bad is not None and needle in bad, bad
    t = _fake(rejects)
    assert judge(t, "x", "1", call(t, {}), False) is None
    assert judge(t, "x", "1", call(t, {}), True) is not None  # a self-check must not raise


def test_every_public_callable_has_a_baseline() -> None:
    problems = [f"{name} has no __all__: list its public names (house style), so that the "
                f"fuzz test can find them" for name in WITHOUT_ALL]
    for mod in MODULES:
        if mod.__name__ == "seqlearn":
            continue  # the package only re-exports names from its modules
        need = public_callables(mod)
        file = f"tests/fuzz_baselines/{baseline_name(mod.__name__)}.py"
        base = load_baselines(mod)
        if base is None:
            if need:
                problems.append(f"{file} is missing: write BASELINES for {sorted(need)} "
                                f"(format: tests/fuzz_baselines/README.md)")
            continue
        baselines = getattr(base, "BASELINES", None)
        if not isinstance(baselines, dict):
            problems.append(f"{file} must define BASELINES = {{name: dict(...)}}")
            continue
        skip = getattr(base, "SKIP", {})
        for name, reason in skip.items():
            if not isinstance(reason, str) or not reason.strip():
                problems.append(f"{file}: SKIP[{name!r}] needs a reason")
        missing = sorted(set(need) - set(baselines) - set(skip))
        if missing:
            problems.append(f"{file}: no baseline for public callable(s) {missing} of "
                            f"{mod.__name__} (add BASELINES entries, or SKIP with a reason)")
        for key in list(baselines) + list(skip):
            cls_name, _, meth = key.partition(".")
            if cls_name not in need:
                problems.append(f"{file}: {key!r} is not a public callable of {mod.__name__}")
            elif meth and not callable(getattr(need[cls_name], meth, None)):
                problems.append(f"{file}: {key!r}: {cls_name} has no method {meth!r}")
            elif not isinstance(baselines.get(key, {}), dict):
                problems.append(f"{file}: BASELINES[{key!r}] must be a dict of arguments")
    assert not problems, "fuzz baselines incomplete:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("target", TARGETS, ids=[f"{t.module}.{t.name}" for t in TARGETS])
def test_public_api_survives_hostile_input(target: Target) -> None:
    failures: list[str] = []
    students = {k for k, v in target.spec.items() if isinstance(v, Student)}

    base = call(target, baseline_kwargs(target))
    bad = judge(target, None, "", base, False)
    if bad is not None:
        STATS.failing.add(f"{target.module}.{target.name}")
        _write_report()
    assert bad is None, f"the baseline call must succeed and be finite: {bad}"

    params = fuzzed_parameters(target)
    for param in params:
        original = target.spec.get(param)
        hostile = HOSTILE + HOSTILE_STUDENT if param in students else HOSTILE
        values = [(label, make()) for label, make in hostile]
        if original is not None:
            raw = original.value if isinstance(original, Student) else original
            if not isinstance(raw, Fresh):
                values += _near(raw)
        for label, value in values:
            kwargs = baseline_kwargs(target)
            kwargs[param] = value
            bad = judge(target, param, label, call(target, kwargs), param in students)
            if bad:
                failures.append(bad)

    if params:
        @settings(max_examples=HYPOTHESIS_EXAMPLES, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(data=st.data())
        def more(data: st.DataObject) -> None:
            param = data.draw(st.sampled_from(params))
            value = data.draw(ANY_VALUE)
            kwargs = baseline_kwargs(target)
            kwargs[param] = value
            bad = judge(target, param, repr(value)[:40], call(target, kwargs),
                        param in students)
            if bad:
                failures.append(bad)

        more()

    if failures:
        STATS.failing.add(f"{target.module}.{target.name}")
    _write_report()
    assert not failures, f"{len(failures)} bad call(s):\n  " + "\n  ".join(
        sorted(set(failures))[:40])
