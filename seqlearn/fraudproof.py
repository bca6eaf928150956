"""Fraud proofs: a toy virtual machine, committed execution traces and the bisection game.

An optimistic rollup posts a claim about the result of a computation and lets anyone
dispute it. A dispute does not re-run the computation on L1: the two parties bisect
their execution traces until they disagree about a single step, and the L1 contract
(the *referee*) executes that one step. This module models each piece:

- a small deterministic stack machine (:class:`VM`) whose states are committed by
  SHA-256 hashes of a canonical serialization (:func:`commit_state`);
- execution traces behind one interface (:class:`Trace`): the VM's trace
  (:class:`ExecutionTrace`, lazy, with checkpoints) and an abstract trace
  (:class:`SyntheticTrace`) whose hash at any step costs O(1), for games over 2^20 steps
  and more;
- players (:class:`TracePlayer`, :class:`RandomLiar`, :class:`MixedLiar`) and the
  referee (:func:`play_bisection`), with bonds and chess clocks (:class:`ChessClock`);
- the real protocols' numbers: Arbitrum BoLD's levels (:func:`bold_levels`) and the
  OP Stack dispute game's bond curve (:func:`op_dispute_bond`).

Examples
--------
>>> vm = VM("PUSH 2\\nPUSH 3\\nADD\\nHALT")
>>> honest = ExecutionTrace(vm, 8)
>>> faulty = ExecutionTrace(vm, 8, fault_step=3)
>>> result = play_bisection(vm, TracePlayer(faulty), TracePlayer(honest), 8)
>>> result.winner, result.interval, result.n_rounds
('challenger', (2, 3), 3)
"""

from __future__ import annotations

import hashlib
import math
import operator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, localcontext
from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np

from seqlearn import params
from seqlearn import validation as v

__all__ = [
    "OPCODES",
    "WORD_MODULUS",
    "MAX_STACK",
    "MAX_STEPS",
    "MAX_RUN_STEPS",
    "MAX_ARITY",
    "MAX_GAME_DEPTH",
    "MAX_SECONDS",
    "Instruction",
    "VMState",
    "VM",
    "assemble",
    "validate_program",
    "commit_state",
    "Machine",
    "SyntheticState",
    "SyntheticMachine",
    "Trace",
    "ExecutionTrace",
    "SyntheticTrace",
    "Strategy",
    "TracePlayer",
    "RandomLiar",
    "MixedLiar",
    "ChessClock",
    "Move",
    "Round",
    "OneStepProof",
    "Payouts",
    "DisputeResult",
    "split_points",
    "bisection_rounds",
    "one_step_check",
    "play_bisection",
    "simulate_dispute",
    "op_clock_extension",
    "BoldLevel",
    "bold_levels",
    "op_dispute_bond",
    "op_dispute_bond_eth",
    "op_bond_curve",
]

WORD_MODULUS: int = 2**64
"""Machine words are integers modulo 2^64; arithmetic wraps around."""

MAX_STACK: int = 1024
"""A push onto a full stack of this many words is a runtime error."""

OPCODES: Mapping[str, bool] = {
    "PUSH": True, "POP": False, "ADD": False, "SUB": False, "MUL": False, "DUP": False,
    "SWAP": False, "JMP": True, "JUMPI": True, "LOAD": True, "STORE": True, "HALT": False,
}
"""Map from each opcode of the instruction set to whether it takes an argument."""

_STATUSES = ("running", "halted", "error")
_JUMPS = ("JMP", "JUMPI")
_MEMORY_OPS = ("LOAD", "STORE")
_NEEDS = {"POP": 1, "DUP": 1, "JUMPI": 1, "STORE": 1, "ADD": 2, "SUB": 2, "MUL": 2, "SWAP": 2}


#: Most steps a trace may have (2**128 - 1: the synthetic machine commits to 16-byte step
#: indices); a game over n steps takes about log2(n) rounds.
MAX_STEPS: int = 2**128 - 1
#: Most steps :meth:`VM.run` executes in one call (about a second of Python).
MAX_RUN_STEPS: int = 1_000_000
#: Largest arity of a bisection game (points per round = arity + 1).
MAX_ARITY: int = 2**16
#: Deepest OP-style dispute game :func:`op_bond_curve` and friends accept.
MAX_GAME_DEPTH: int = 256
#: Longest delay or clock, in s, a player or a clock may have (about 31,700 years).
MAX_SECONDS: float = 1e12


# --------------------------------------------------------------------------------------
# The virtual machine
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    """One VM instruction: an opcode from :data:`OPCODES` and, for some, an argument.

    ``PUSH x`` pushes the word ``x``; ``JMP t`` and ``JUMPI t`` jump to instruction ``t``
    (``JUMPI`` pops a condition and jumps if it is non-zero); ``LOAD a`` pushes memory
    cell ``a`` and ``STORE a`` pops into it. ``ADD``, ``SUB`` and ``MUL`` pop ``b`` (the
    top) then ``a`` and push ``a op b`` modulo 2^64. ``DUP`` copies the top, ``SWAP``
    exchanges the two top words, ``POP`` drops the top, ``HALT`` stops the machine.

    Raises
    ------
    ValueError
        If the opcode is unknown, an argument is missing or out of range, or given to an
        opcode that takes none.
    TypeError
        If the argument is not an int.

    Examples
    --------
    >>> str(Instruction("PUSH", 7))
    'PUSH 7'
    >>> Instruction("ADD", 1)
    Traceback (most recent call last):
    ...
    ValueError: ADD takes no argument, got arg=1
    """

    op: str
    arg: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.op, str) or self.op.upper() not in OPCODES:
            raise ValueError(f"op must be one of {sorted(OPCODES)}, got {self.op!r}")
        object.__setattr__(self, "op", self.op.upper())
        if OPCODES[self.op]:
            if self.arg is None:
                raise ValueError(f"{self.op} needs an argument, got arg=None")
            arg = v.integer(f"the argument of {self.op}", self.arg, lo=0, hi=WORD_MODULUS - 1)
            object.__setattr__(self, "arg", arg)
        elif self.arg is not None:
            raise ValueError(f"{self.op} takes no argument, got arg={self.arg!r}")

    def __str__(self) -> str:
        return self.op if self.arg is None else f"{self.op} {self.arg}"


def _parse_item(item: Any, index: int) -> Instruction:
    if isinstance(item, Instruction):
        return item
    if isinstance(item, str):
        parts = item.split()
        if not parts or len(parts) > 2:
            raise ValueError(f"instruction {index} must look like 'ADD' or 'PUSH 3', got {item!r}")
        if len(parts) == 2:
            try:
                arg: int | None = int(parts[1], 0)
            except ValueError:
                raise ValueError(f"instruction {index}: argument {parts[1]!r} is not an "
                                 f"integer") from None
        else:
            arg = None
        return Instruction(parts[0], arg)
    if isinstance(item, tuple) and 1 <= len(item) <= 2:
        return Instruction(*item)
    raise TypeError(f"instruction {index} must be an Instruction, a string such as 'PUSH 3' or "
                    f"a tuple such as ('PUSH', 3), got {type(item).__name__} {item!r}")


def validate_program(program: Sequence[Instruction], *, memory_size: int = 8
                     ) -> tuple[Instruction, ...]:
    """Check a program and return it as a tuple of :class:`Instruction`.

    Parameters
    ----------
    program : tuple of Instruction
        The instructions, indexed from 0.
    memory_size : int
        Number of memory cells of the machine that will run it.

    Returns
    -------
    tuple of Instruction

    Raises
    ------
    ValueError
        If the program is empty, a jump target is not an instruction index, or a memory
        address is not below ``memory_size``.
    TypeError
        If ``program`` is not a sequence of instructions.

    Examples
    --------
    >>> validate_program((Instruction("JMP", 5),))
    Traceback (most recent call last):
    ...
    ValueError: instruction 0 (JMP 5): jump target 5 is not an instruction index in [0, 1)
    """
    if isinstance(program, (str, bytes)) or not isinstance(program, Sequence):
        raise TypeError(f"program must be a tuple of Instruction, got {type(program).__name__}")
    memory_size = v.count("memory_size", memory_size, hi=4096)
    if len(program) == 0:
        raise ValueError("program must have at least one instruction, got an empty program")
    out = []
    for i, ins in enumerate(program):
        if not isinstance(ins, Instruction):
            raise TypeError(f"instruction {i} must be an Instruction, got {type(ins).__name__} "
                            f"{ins!r} (use assemble() to parse strings and tuples)")
        if ins.op in _JUMPS and not 0 <= ins.arg < len(program):  # type: ignore[operator]
            raise ValueError(f"instruction {i} ({ins}): jump target {ins.arg} is not an "
                             f"instruction index in [0, {len(program)})")
        if ins.op in _MEMORY_OPS and not 0 <= ins.arg < memory_size:  # type: ignore[operator]
            raise ValueError(f"instruction {i} ({ins}): memory address {ins.arg} is not in "
                             f"[0, {memory_size}) (memory_size={memory_size})")
        out.append(ins)
    return tuple(out)


def assemble(source: str | Sequence[Any], *, memory_size: int = 8) -> tuple[Instruction, ...]:
    """Parse and validate a program.

    Parameters
    ----------
    source : str or list
        Either text with one instruction per line (``#`` starts a comment; blank lines
        are skipped), or a sequence whose items are :class:`Instruction` objects, strings
        such as ``"PUSH 3"`` or tuples such as ``("PUSH", 3)``.
    memory_size : int
        Number of memory cells, to check ``LOAD``/``STORE`` addresses.

    Returns
    -------
    tuple of Instruction

    Raises
    ------
    ValueError, TypeError
        With the index of the offending instruction (see :func:`validate_program`).

    Examples
    --------
    >>> [str(i) for i in assemble("PUSH 1  # one\\nDUP\\nADD")]
    ['PUSH 1', 'DUP', 'ADD']
    >>> assemble(["PUSH 1", "FOO"])
    Traceback (most recent call last):
    ...
    ValueError: op must be one of ['ADD', 'DUP', 'HALT', 'JMP', 'JUMPI', 'LOAD', 'MUL', 'POP', 'PUSH', 'STORE', 'SUB', 'SWAP'], got 'FOO'
    """
    if isinstance(source, str):
        items: list[Any] = [line.split("#", 1)[0].strip() for line in source.splitlines()]
        items = [line for line in items if line]
    elif isinstance(source, Sequence) and not isinstance(source, bytes):
        items = list(source)
    else:
        raise TypeError(f"source must be a str or a sequence of instructions, "
                        f"got {type(source).__name__}")
    return validate_program(tuple(_parse_item(it, i) for i, it in enumerate(items)),
                            memory_size=memory_size)


@dataclass(frozen=True)
class VMState:
    """The full state of the VM: program counter, stack, memory and status.

    ``status`` is ``"running"``, ``"halted"`` (after ``HALT`` or after the last
    instruction) or ``"error"`` (stack underflow or overflow). A halted or failed state
    steps to itself, so a trace can be padded to any length.

    Examples
    --------
    >>> print(VMState(pc=2, stack=(5,), memory=(0, 0)))
    pc=2 stack=[5] memory=[0, 0] running
    """

    pc: int
    stack: tuple[int, ...]
    memory: tuple[int, ...]
    status: str = "running"

    def __post_init__(self) -> None:
        v.integer("pc", self.pc, lo=0, hi=2**32 - 1)
        v.option("status", self.status, _STATUSES)
        for name in ("stack", "memory"):
            words = v.instance(name, getattr(self, name), tuple)
            for i, w in enumerate(words):
                v.integer(f"{name}[{i}]", w, lo=0, hi=WORD_MODULUS - 1)
        if len(self.stack) > MAX_STACK:
            raise ValueError(f"stack holds at most {MAX_STACK} words, got {len(self.stack)}")

    def __str__(self) -> str:
        return (f"pc={self.pc} stack={list(self.stack)} memory={list(self.memory)} "
                f"{self.status}")


def _state(pc: int, stack: tuple[int, ...], memory: tuple[int, ...], status: str) -> VMState:
    """Build a VMState without re-validating it (the VM only produces valid states)."""
    s = object.__new__(VMState)
    s.__dict__.update(pc=pc, stack=stack, memory=memory, status=status)
    return s


def commit_state(state: VMState) -> bytes:
    """Return the 32-byte SHA-256 commitment to a VM state.

    The canonical serialization is a version tag, then the program counter (4 bytes),
    the status (1 byte), the stack length (4 bytes) and words (8 bytes each, big-endian,
    bottom first), then the memory length and words. Two states have the same
    commitment exactly when they are equal (up to SHA-256 collisions).

    Raises
    ------
    TypeError
        If ``state`` is not a :class:`VMState`.

    Examples
    --------
    >>> commit_state(VMState(0, (), (0,))).hex()[:16]
    'f3713333fc20fb9b'
    """
    if not isinstance(state, VMState):
        raise TypeError(f"state must be a VMState, got {type(state).__name__}")
    h = hashlib.sha256(b"seqlearn.vm.v1")
    h.update(state.pc.to_bytes(4, "big"))
    h.update(_STATUSES.index(state.status).to_bytes(1, "big"))
    for words in (state.stack, state.memory):
        h.update(len(words).to_bytes(4, "big"))
        h.update(b"".join(w.to_bytes(8, "big") for w in words))
    return h.digest()


@runtime_checkable
class Machine(Protocol):
    """What the referee needs of a machine: a start state, one step and a commitment."""

    def initial_state(self) -> Any:
        """The agreed state before the first step."""

    def step(self, state: Any) -> Any:
        """The state after executing one step from ``state``."""

    def commit(self, state: Any) -> bytes:
        """The 32-byte commitment to ``state``."""

    def is_terminal(self, state: Any) -> bool:
        """Whether ``state`` steps to itself (lets traces skip padding)."""

    def corrupt(self, state: Any) -> Any:
        """A different state: what a faulty executor writes instead of ``state``."""


@dataclass(frozen=True)
class VM:
    """A deterministic stack machine running one program.

    Parameters
    ----------
    program : str or list
        The program, in any form :func:`assemble` accepts; it is stored validated, as a
        tuple of :class:`Instruction`.
    memory_size : int
        Number of memory cells (words), all zero at the start.

    Examples
    --------
    >>> vm = VM("PUSH 6\\nPUSH 7\\nMUL\\nSTORE 0\\nHALT", memory_size=1)
    >>> print(vm.run(10))
    pc=4 stack=[] memory=[42] halted
    """

    program: tuple[Instruction, ...]
    memory_size: int = 8

    def __post_init__(self) -> None:
        size = v.count("memory_size", self.memory_size, hi=4096)
        object.__setattr__(self, "memory_size", size)
        object.__setattr__(self, "program", assemble(self.program, memory_size=size))

    def initial_state(self) -> VMState:
        """Return the start state: ``pc=0``, empty stack, zeroed memory."""
        return VMState(0, (), (0,) * self.memory_size)

    def commit(self, state: VMState) -> bytes:
        """Return :func:`commit_state` of ``state`` (checks the memory size too)."""
        if isinstance(state, VMState) and len(state.memory) != self.memory_size:
            raise ValueError(f"state has {len(state.memory)} memory cells, this VM has "
                             f"{self.memory_size}")
        return commit_state(state)

    def is_terminal(self, state: VMState) -> bool:
        """Return True if ``state`` is halted or failed (it then steps to itself)."""
        return state.status != "running"

    def corrupt(self, state: VMState) -> VMState:
        """Return a wrong state close to ``state``: the top of the stack (or, if the
        stack is empty, memory cell 0) plus one. Used to inject a fault into a trace."""
        if state.stack:
            top = (state.stack[-1] + 1) % WORD_MODULUS
            return _state(state.pc, state.stack[:-1] + (top,), state.memory, state.status)
        mem = ((state.memory[0] + 1) % WORD_MODULUS,) + state.memory[1:]
        return _state(state.pc, state.stack, mem, state.status)

    def step(self, state: VMState) -> VMState:
        """Execute the instruction at ``state.pc`` and return the new state.

        This is the one-step transition the referee runs. Underflow and overflow give
        an ``"error"`` state; running past the last instruction halts.

        Raises
        ------
        TypeError
            If ``state`` is not a :class:`VMState`.
        ValueError
            If its memory does not have ``memory_size`` cells.
        """
        if not isinstance(state, VMState):
            raise TypeError(f"state must be a VMState, got {type(state).__name__}")
        if len(state.memory) != self.memory_size:
            raise ValueError(f"state has {len(state.memory)} memory cells, this VM has "
                             f"{self.memory_size}")
        if state.status != "running":
            return state
        pc, stack, mem = state.pc, state.stack, state.memory
        if pc >= len(self.program):
            return _state(pc, stack, mem, "halted")
        ins = self.program[pc]
        op, arg = ins.op, ins.arg
        need = _NEEDS.get(op, 0)
        grow = op in ("PUSH", "DUP", "LOAD")
        if len(stack) < need or (grow and len(stack) >= MAX_STACK):
            return _state(pc, stack, mem, "error")
        nxt = pc + 1
        if op == "PUSH":
            stack = stack + (arg,)
        elif op == "POP":
            stack = stack[:-1]
        elif op in ("ADD", "SUB", "MUL"):
            a, b = stack[-2], stack[-1]
            r = a + b if op == "ADD" else a - b if op == "SUB" else a * b
            stack = stack[:-2] + (r % WORD_MODULUS,)
        elif op == "DUP":
            stack = stack + (stack[-1],)
        elif op == "SWAP":
            stack = stack[:-2] + (stack[-1], stack[-2])
        elif op == "JMP":
            nxt = arg  # type: ignore[assignment]
        elif op == "JUMPI":
            cond, stack = stack[-1], stack[:-1]
            if cond != 0:
                nxt = arg  # type: ignore[assignment]
        elif op == "LOAD":
            stack = stack + (mem[arg],)  # type: ignore[index]
        elif op == "STORE":
            mem = mem[:arg] + (stack[-1],) + mem[arg + 1:]  # type: ignore[operator]
            stack = stack[:-1]
        else:  # HALT
            return _state(pc, stack, mem, "halted")
        return _state(nxt, stack, mem, "running")

    def run(self, max_steps: int) -> VMState:
        """Run from the start state for at most ``max_steps`` steps (stops when halted)."""
        max_steps = v.count("max_steps", max_steps, lo=0, hi=MAX_RUN_STEPS)
        s = self.initial_state()
        for _ in range(max_steps):
            if self.is_terminal(s):
                break
            s = self.step(s)
        return s


# --------------------------------------------------------------------------------------
# An abstract machine for large games
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyntheticState:
    """A state of the :class:`SyntheticMachine`: a label and a step index."""

    label: bytes
    index: int

    def __post_init__(self) -> None:
        v.instance("label", self.label, bytes)
        object.__setattr__(self, "index", v.integer("index", self.index, lo=0, hi=MAX_STEPS))


@dataclass(frozen=True)
class SyntheticMachine:
    """An abstract machine whose step maps ``(label, i)`` to ``(label, i + 1)``.

    Its commitments cost one SHA-256 each, so a trace of 2^40 steps can be queried at any
    index without running it. A faulty trace switches label at the fault step: the one
    transition a referee can catch, exactly as with an injected fault in the VM.

    Examples
    --------
    >>> m = SyntheticMachine()
    >>> m.step(SyntheticState(b"honest", 4))
    SyntheticState(label=b'honest', index=5)
    """

    label: bytes = b"honest"

    def __post_init__(self) -> None:
        v.instance("label", self.label, bytes)

    def initial_state(self) -> SyntheticState:
        """The state ``(label, 0)``."""
        return SyntheticState(self.label, 0)

    def step(self, state: SyntheticState) -> SyntheticState:
        """Return ``(label, index + 1)``."""
        if not isinstance(state, SyntheticState):
            raise TypeError(f"state must be a SyntheticState, got {type(state).__name__}")
        return SyntheticState(state.label, state.index + 1)

    def commit(self, state: SyntheticState) -> bytes:
        """SHA-256 of the label and the index."""
        if not isinstance(state, SyntheticState) or not isinstance(state.label, bytes):
            raise TypeError(f"state must be a SyntheticState, got {type(state).__name__}")
        return hashlib.sha256(b"seqlearn.synthetic.v1|" + state.label + b"|"
                              + int(state.index).to_bytes(16, "big")).digest()

    def is_terminal(self, state: SyntheticState) -> bool:
        """Never: the synthetic machine runs forever."""
        return False

    def corrupt(self, state: SyntheticState) -> SyntheticState:
        """Relabel the state, so that it differs from the honest one."""
        return SyntheticState(state.label + b"/fault@" + str(state.index).encode(), state.index)


# --------------------------------------------------------------------------------------
# Traces
# --------------------------------------------------------------------------------------


@runtime_checkable
class Trace(Protocol):
    """An execution trace of ``n_steps`` steps: states 0 to ``n_steps`` and their hashes.

    The game machinery only ever asks for the hash (and, for the one-step proof, the
    state) at a few indices, so a trace may compute them lazily.
    """

    n_steps: int

    def hash_at(self, index: int) -> bytes:
        """The commitment to state ``index`` (0 <= index <= n_steps)."""

    def state_at(self, index: int) -> Any:
        """State ``index`` itself (the preimage of :meth:`hash_at`)."""


def _fault_step(fault_step: Any, n_steps: int) -> int | None:
    return None if fault_step is None else v.integer("fault_step", fault_step, lo=1,
                                                       hi=n_steps)


class ExecutionTrace:
    """The trace of a :class:`Machine` (such as the :class:`VM`), computed lazily.

    States are recomputed on demand from checkpoints stored every ``checkpoint_every``
    steps, so a long trace holds ``n_steps / checkpoint_every`` states, not ``n_steps``.
    Once the machine halts (and no fault is still to come), every later index is
    answered at once.

    Parameters
    ----------
    machine : Machine
        The machine; it defines the start state, the step and the commitment.
    n_steps : int
        Number of steps; the trace has states 0 to ``n_steps``.
    fault_step : int, optional
        If given, the trace of a faulty executor: state ``fault_step`` is
        ``machine.corrupt(step(state fault_step - 1))``, and execution continues
        correctly from that wrong state. Every step but that one is valid.
    checkpoint_every : int
        Spacing of the stored checkpoints.

    Examples
    --------
    >>> vm = VM("PUSH 1\\nPUSH 2\\nADD\\nHALT")
    >>> t = ExecutionTrace(vm, 1000)
    >>> print(t.state_at(1000))
    pc=3 stack=[3] memory=[0, 0, 0, 0, 0, 0, 0, 0] halted
    >>> ExecutionTrace(vm, 1000, fault_step=3).state_at(3).stack
    (4,)
    """

    def __init__(self, machine: Machine, n_steps: int, *, fault_step: int | None = None,
                 checkpoint_every: int = 256) -> None:
        if not isinstance(machine, Machine):
            raise TypeError(f"machine must implement the Machine protocol, got "
                            f"{type(machine).__name__}")
        self.machine = machine
        self.n_steps = v.integer("n_steps", n_steps, lo=1, hi=MAX_STEPS)
        self.fault_step = _fault_step(fault_step, self.n_steps)
        self._every = v.count("checkpoint_every", checkpoint_every)
        self._checkpoints: list[Any] = [machine.initial_state()]
        self._frontier = (0, self._checkpoints[0])
        self._fixed: tuple[int, Any] | None = None
        self._hashes: dict[int, bytes] = {}
        self._note_fixed(0, self._checkpoints[0])

    def __repr__(self) -> str:
        return (f"ExecutionTrace(n_steps={self.n_steps}, fault_step={self.fault_step}, "
                f"machine={type(self.machine).__name__})")

    def _note_fixed(self, i: int, state: Any) -> None:
        if (self._fixed is None and self.machine.is_terminal(state)
                and (self.fault_step is None or self.fault_step <= i)):
            self._fixed = (i, state)

    def _next(self, i: int, state: Any) -> Any:
        """State i + 1 from state i."""
        nxt = self.machine.step(state)
        if self.fault_step == i + 1:
            nxt = self.machine.corrupt(nxt)
        return nxt

    def state_at(self, index: int) -> Any:
        """Return state ``index`` (0 <= index <= n_steps)."""
        i = v.integer("index", index, lo=0, hi=self.n_steps)
        if self._fixed is not None and i >= self._fixed[0]:
            return self._fixed[1]
        j, s = self._frontier
        if i < j:  # replay from the checkpoint below i
            j = (i // self._every) * self._every
            s = self._checkpoints[i // self._every]
            while j < i:
                s, j = self._next(j, s), j + 1
            return s
        while j < i:
            s, j = self._next(j, s), j + 1
            if j % self._every == 0:
                self._checkpoints.append(s)
            self._note_fixed(j, s)
            if self._fixed is not None:
                break
        self._frontier = (j, s)
        return s

    def hash_at(self, index: int) -> bytes:
        """Return the commitment to state ``index``."""
        i = v.integer("index", index, lo=0, hi=self.n_steps)
        h = self._hashes.get(i)
        if h is None:
            if len(self._hashes) > 65536:
                self._hashes.clear()
            h = self._hashes[i] = self.machine.commit(self.state_at(i))
        return h


class SyntheticTrace:
    """A trace of the :class:`SyntheticMachine` of any length, with O(1) look-ups.

    The honest trace has state ``(label, i)`` at step ``i``. With ``fault_step = d``,
    states from ``d`` on carry a different label: the trace agrees with the honest one
    before ``d`` and disagrees from ``d`` on, and only the transition into ``d`` is
    invalid.

    Parameters
    ----------
    n_steps : int
        Number of steps (any positive int; 2^20 or 2^60 cost the same).
    fault_step : int, optional
        First divergent step, in [1, n_steps].
    label : bytes
        Label of the honest states (the machine's label).

    Examples
    --------
    >>> honest, liar = SyntheticTrace(2**20), SyntheticTrace(2**20, fault_step=1000)
    >>> honest.hash_at(999) == liar.hash_at(999), honest.hash_at(1000) == liar.hash_at(1000)
    (True, False)
    """

    def __init__(self, n_steps: int, *, fault_step: int | None = None,
                 label: bytes = b"honest") -> None:
        if not isinstance(label, bytes):
            raise TypeError(f"label must be bytes, got {type(label).__name__}")
        self.n_steps = v.integer("n_steps", n_steps, lo=1, hi=MAX_STEPS)
        self.fault_step = _fault_step(fault_step, self.n_steps)
        self.machine = SyntheticMachine(label)
        self._fault_label = (label if self.fault_step is None
                             else self.machine.corrupt(SyntheticState(label, self.fault_step)).label)

    def __repr__(self) -> str:
        return f"SyntheticTrace(n_steps={self.n_steps}, fault_step={self.fault_step})"

    def state_at(self, index: int) -> SyntheticState:
        """Return state ``index``."""
        i = v.integer("index", index, lo=0, hi=self.n_steps)
        if self.fault_step is not None and i >= self.fault_step:
            return SyntheticState(self._fault_label, i)
        return SyntheticState(self.machine.label, i)

    def hash_at(self, index: int) -> bytes:
        """Return the commitment to state ``index``."""
        return self.machine.commit(self.state_at(index))


# --------------------------------------------------------------------------------------
# Players
# --------------------------------------------------------------------------------------


@runtime_checkable
class Strategy(Protocol):
    """A player in the bisection game, in either role.

    As asserter it answers :meth:`claim` (the hash it claims at a step) and, at the end,
    :meth:`reveal` (a pre-state for the one-step proof). As challenger it answers
    :meth:`claim` for the final step (to decide whether to dispute) and :meth:`choose`
    (which sub-interval to dispute). :meth:`delay` is the time it takes per move, in
    seconds, charged to its chess clock.
    """

    def claim(self, index: int) -> bytes:
        """The hash this player claims for state ``index``."""

    def choose(self, points: Sequence[int], hashes: Sequence[bytes]) -> int:
        """Index ``j`` of the sub-interval ``[points[j], points[j+1]]`` to dispute."""

    def reveal(self, index: int, commitment: bytes) -> Any:
        """A state at ``index`` that should hash to ``commitment``."""

    def delay(self, move: int) -> float:
        """Seconds this player takes for its ``move``-th move (0-based)."""


class TracePlayer:
    """A player that answers every question from one trace.

    Honest if the trace is the true one; a liar with a consistent story if the trace is
    corrupted (for example ``ExecutionTrace(vm, n, fault_step=j)``).

    Parameters
    ----------
    trace : Trace
        The trace the player believes (or pretends to believe).
    delay : float
        Seconds per move.

    Examples
    --------
    >>> p = TracePlayer(SyntheticTrace(16))
    >>> p.choose([0, 8, 16], [p.claim(0), p.claim(8), b"x" * 32])
    1
    """

    def __init__(self, trace: Trace, *, delay: float = 0.0) -> None:
        if not isinstance(trace, Trace):
            raise TypeError(f"trace must implement the Trace protocol, got {type(trace).__name__}")
        self.trace = trace
        self._delay = v.nonnegative("delay", delay, hi=MAX_SECONDS)

    def __repr__(self) -> str:
        return f"TracePlayer({self.trace!r}, delay={self._delay})"

    def claim(self, index: int) -> bytes:
        """The trace's hash at ``index``."""
        return self.trace.hash_at(index)

    def choose(self, points: Sequence[int], hashes: Sequence[bytes]) -> int:
        """The first sub-interval whose right end disagrees with this trace."""
        if isinstance(points, (str, bytes)) or not isinstance(points, Sequence) \
                or len(points) < 2:
            raise v.fail("points", "a sequence of at least two step indices", points,
                         TypeError)
        if isinstance(hashes, (str, bytes)) or not isinstance(hashes, Sequence) \
                or len(hashes) != len(points):
            raise v.fail("hashes", f"a sequence of {len(points)} hashes, one per point",
                         hashes, TypeError)
        for j in range(1, len(points)):
            if hashes[j] != self.trace.hash_at(points[j]):
                return j - 1
        return len(points) - 2

    def reveal(self, index: int, commitment: bytes) -> Any:
        """The trace's state at ``index``."""
        return self.trace.state_at(index)

    def delay(self, move: int) -> float:
        """The same delay for every move."""
        return self._delay


class RandomLiar:
    """A liar with no story at all: random hashes, random choices, no valid preimage.

    It answers inconsistently (two questions about the same step get different
    answers). The referee must still end the game against it.

    Parameters
    ----------
    seed : int
        Seed of its random answers.
    delay : float
        Seconds per move.
    """

    def __init__(self, seed: int = 0, *, delay: float = 0.0) -> None:
        self._rng = np.random.default_rng(seed)
        self._delay = v.nonnegative("delay", delay, hi=MAX_SECONDS)

    def claim(self, index: int) -> bytes:
        """Random 32 bytes."""
        return self._rng.bytes(32)

    def choose(self, points: Sequence[int], hashes: Sequence[bytes]) -> int:
        """A random sub-interval."""
        return int(self._rng.integers(len(points) - 1))

    def reveal(self, index: int, commitment: bytes) -> Any:
        """Random bytes, which are not a state."""
        return self._rng.bytes(8)

    def delay(self, move: int) -> float:
        """The same delay for every move."""
        return self._delay


class MixedLiar:
    """A liar that switches between several traces at random, answer by answer.

    Each claim and each choice comes from a randomly picked trace; a reveal returns a
    state from any of its traces that matches the commitment, if one does. With the
    honest trace among its traces it can tell the truth whenever that helps it.

    Parameters
    ----------
    traces : list of Trace
        The stories it mixes.
    seed : int
        Seed of its choices.
    delay : float
        Seconds per move.
    """

    def __init__(self, traces: Sequence[Trace], seed: int = 0, *, delay: float = 0.0) -> None:
        if not traces or not all(isinstance(t, Trace) for t in traces):
            raise TypeError("traces must be a non-empty sequence of Trace objects")
        self.traces = tuple(traces)
        self._rng = np.random.default_rng(seed)
        self._delay = v.nonnegative("delay", delay, hi=MAX_SECONDS)

    def _pick(self) -> Trace:
        return self.traces[int(self._rng.integers(len(self.traces)))]

    def claim(self, index: int) -> bytes:
        """The hash at ``index`` in a randomly chosen trace."""
        return self._pick().hash_at(index)

    def choose(self, points: Sequence[int], hashes: Sequence[bytes]) -> int:
        """As :class:`TracePlayer`, with a randomly chosen trace."""
        return TracePlayer(self._pick()).choose(points, hashes)

    def reveal(self, index: int, commitment: bytes) -> Any:
        """A state that matches ``commitment`` if any trace has one."""
        for t in self.traces:
            if t.hash_at(index) == commitment:
                return t.state_at(index)
        return self._pick().state_at(index)

    def delay(self, move: int) -> float:
        """The same delay for every move."""
        return self._delay


# --------------------------------------------------------------------------------------
# The game
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChessClock:
    """Chess clocks for the two parties, as in the real dispute games.

    Each party has ``budget`` seconds for all its moves together; a party whose move
    would take longer than what is left on its clock loses on time. The OP Stack rule
    is modelled too: after a move, a clock with less than ``extension`` seconds left is
    topped up to exactly ``extension``.

    Examples
    --------
    >>> ChessClock(302400, extension=10800).budget
    302400.0
    """

    budget: float
    extension: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "budget", v.positive("budget", self.budget, hi=MAX_SECONDS))
        object.__setattr__(self, "extension",
                           v.nonnegative("extension", self.extension, hi=MAX_SECONDS))
        if self.extension > self.budget:
            raise ValueError(f"extension must not exceed budget={self.budget}, "
                             f"got {self.extension}")


@dataclass(frozen=True)
class Move:
    """One move: who moved, what kind of move, how long it took and the clock after it."""

    number: int
    party: str
    kind: str
    seconds: float
    remaining: float


@dataclass(frozen=True)
class Round:
    """One bisection round: the interval before, the points the asserter committed to,
    the sub-interval the challenger disputed and the interval after."""

    number: int
    lo: int
    hi: int
    points: tuple[int, ...]
    choice: int
    new_lo: int
    new_hi: int


@dataclass(frozen=True)
class OneStepProof:
    """The referee's check of a single step ``index -> index + 1``.

    ``preimage_ok`` says whether the revealed pre-state hashes to the agreed
    ``pre_hash``; ``valid`` whether, in addition, one step from it gives the asserter's
    ``claimed_post_hash``.
    """

    index: int
    pre_hash: bytes
    claimed_post_hash: bytes
    computed_post_hash: bytes | None
    preimage_ok: bool
    valid: bool
    pre_state: Any = None
    post_state: Any = None


@dataclass(frozen=True)
class Payouts:
    """Where the bonds go: to each party, and the part burned. Sums to the bonds posted."""

    asserter: int
    challenger: int
    burned: int

    @property
    def total(self) -> int:
        """All the value accounted for."""
        return self.asserter + self.challenger + self.burned


@dataclass(frozen=True)
class DisputeResult:
    """The outcome of :func:`play_bisection`.

    ``reason`` is ``"unchallenged"``, ``"one-step proof"``, ``"timeout"`` or
    ``"invalid move"``; ``interval`` is the last ``(lo, hi)`` the game narrowed to;
    ``claimed_hash`` is the asserter's claim about the final state.
    """

    n_steps: int
    arity: int
    winner: str
    loser: str | None
    reason: str
    interval: tuple[int, int]
    rounds: tuple[Round, ...]
    moves: tuple[Move, ...]
    one_step: OneStepProof | None
    payouts: Payouts
    clock: ChessClock | None
    claimed_hash: bytes | None = None

    @property
    def n_rounds(self) -> int:
        """Number of bisection rounds played."""
        return len(self.rounds)

    def summary(self) -> str:
        """A few readable lines: rounds, interval, one-step check, winner, payouts."""
        lines = [f"{self.n_steps:,}-step trace, {self.arity}-ary bisection: "
                 f"{self.n_rounds} rounds"]
        for r in self.rounds:
            lines.append(f"  round {r.number:2d}: [{r.lo:,}, {r.hi:,}] -> "
                         f"[{r.new_lo:,}, {r.new_hi:,}]")
        if self.one_step is not None:
            p = self.one_step
            lines.append(f"one-step proof of step {p.index:,} -> {p.index + 1:,}: "
                         f"preimage {'ok' if p.preimage_ok else 'WRONG'}, "
                         f"transition {'valid' if p.valid else 'INVALID'}")
        lines.append(f"winner: {self.winner} ({self.reason})")
        lines.append(f"payouts: asserter {self.payouts.asserter}, "
                     f"challenger {self.payouts.challenger}, burned {self.payouts.burned}")
        return "\n".join(lines)


def split_points(lo: int, hi: int, arity: int = 2) -> tuple[int, ...]:
    """Return the points that cut ``[lo, hi]`` into ``min(arity, hi - lo)`` near-equal parts.

    The first point is ``lo`` and the last ``hi``; no part is longer than
    ``ceil((hi - lo) / arity)``.

    Examples
    --------
    >>> split_points(0, 10, 4)
    (0, 2, 5, 7, 10)
    >>> split_points(3, 5, 8)
    (3, 4, 5)
    """
    lo, hi = v.integer("lo", lo), v.integer("hi", hi)
    arity = v.integer("arity", arity, lo=2, hi=MAX_ARITY)
    if not 0 <= lo < hi:
        raise ValueError(f"need 0 <= lo < hi, got lo={lo}, hi={hi}")
    m = hi - lo
    k = min(arity, m)
    return tuple(lo + (i * m) // k for i in range(k + 1))


def bisection_rounds(n_steps: int, arity: int = 2) -> int:
    """Return ``ceil(log_arity(n_steps))``: the rounds a k-ary bisection game needs.

    Computed in integers, so it is exact for any size (``arity ** r >= n_steps`` for the
    returned ``r`` and ``arity ** (r - 1) < n_steps``).

    Parameters
    ----------
    n_steps : int
        Length of the disputed trace, >= 1.
    arity : int
        Number of sub-intervals per round, >= 2.

    Examples
    --------
    >>> bisection_rounds(2**26), bisection_rounds(2**26, arity=8)
    (26, 9)
    >>> bisection_rounds(1)
    0
    """
    n = v.integer("n_steps", n_steps, lo=1, hi=MAX_STEPS)
    k = v.integer("arity", arity, lo=2, hi=MAX_ARITY)
    r, reach = 0, 1
    while reach < n:
        r, reach = r + 1, reach * k
    return r


def one_step_check(machine: Machine, pre_state: Any, pre_hash: bytes, claimed_post_hash: bytes,
                   index: int = 0) -> OneStepProof:
    """The referee's one-step proof: execute one step from an agreed pre-state.

    The revealed ``pre_state`` must hash to the agreed ``pre_hash``; the referee then
    runs ``machine.step`` once and compares the commitment of the result with
    ``claimed_post_hash``. A pre-state that is not a state of the machine counts as a
    failed proof (it is not an error: a liar may reveal anything).

    Returns
    -------
    OneStepProof

    Examples
    --------
    >>> vm = VM("PUSH 2\\nPUSH 3\\nADD")
    >>> s = vm.step(vm.step(vm.initial_state()))
    >>> one_step_check(vm, s, vm.commit(s), vm.commit(vm.step(s))).valid
    True
    >>> one_step_check(vm, s, vm.commit(s), vm.commit(s)).valid
    False
    """
    index = v.integer("index", index, lo=0)
    v.instance("pre_hash", pre_hash, bytes)
    v.instance("claimed_post_hash", claimed_post_hash, bytes)
    try:
        preimage_ok = machine.commit(pre_state) == pre_hash
    except (TypeError, ValueError, AttributeError):  # a liar may reveal anything
        preimage_ok = False
    if not preimage_ok:
        return OneStepProof(index, pre_hash, claimed_post_hash, None, False, False, pre_state)
    post = machine.step(pre_state)
    computed = machine.commit(post)
    return OneStepProof(index, pre_hash, claimed_post_hash, computed, True,
                        computed == claimed_post_hash, pre_state, post)


_PARTIES = ("asserter", "challenger")


class _Loss(Exception):
    def __init__(self, party: str, reason: str) -> None:
        super().__init__(party, reason)
        self.party, self.reason = party, reason


def _is_hash(h: Any) -> bool:
    return isinstance(h, bytes) and len(h) == 32


def play_bisection(machine: Machine, asserter: Strategy, challenger: Strategy, n_steps: int,
                   *, arity: int = 2, initial_hash: bytes | None = None,
                   clock: ChessClock | None = None, bonds: tuple[int, int] = (1, 1),
                   burn_bps: int = 0) -> DisputeResult:
    """Play the interactive bisection game with the referee enforcing the rules.

    1. The asserter claims the hash of state ``n_steps`` and posts its bond.
    2. The challenger compares with its own; if they agree there is no dispute
       (``"unchallenged"``). Otherwise it posts its bond and the game starts on
       ``[lo, hi] = [0, n_steps]``: both agree on state 0 (``initial_hash``) and disagree
       on state ``n_steps``.
    3. Each round the asserter commits to the hashes at the points that cut ``[lo, hi]``
       into ``arity`` parts; the challenger picks a part ``[a, b]`` whose left end it
       accepts and whose right end it disputes. The referee only keeps the asserter's
       commitments, so every answer is pinned down once given.
    4. When ``hi = lo + 1`` the asserter reveals state ``lo`` and the referee runs
       :func:`one_step_check`. A valid step wins for the asserter, an invalid one for
       the challenger.

    A malformed answer loses at once (``"invalid move"``; a malformed assertion is simply
    rejected and its bond returned). The chess clocks start with the challenge: every
    later move (the challenge, each bisection, each choice, the proof) is charged to
    the mover's clock, and a move that takes longer than what is left loses on time
    (``"timeout"``). The loser's bond goes to the winner, less ``burn_bps`` basis points
    that are burned.

    Parameters
    ----------
    machine : Machine
        The agreed machine (the referee's copy of the VM).
    asserter, challenger : Strategy
        The players.
    n_steps : int
        Length of the disputed trace.
    arity : int
        Parts per round: 2 is bisection, k > 2 the k-ary game.
    initial_hash : bytes, optional
        The agreed commitment to state 0; by default that of ``machine.initial_state()``.
    clock : ChessClock, optional
        Chess clocks; without them time does not matter.
    bonds : tuple of int
        Bonds posted by the asserter and the challenger (in any integer unit, such as wei).
    burn_bps : int
        Share of the loser's bond that is burned, in basis points (0 to 10,000).

    Returns
    -------
    DisputeResult

    Raises
    ------
    ValueError
        If an argument is out of range.

    Examples
    --------
    >>> n = 2**20
    >>> liar, honest = SyntheticTrace(n, fault_step=12345), SyntheticTrace(n)
    >>> r = play_bisection(SyntheticMachine(), TracePlayer(liar), TracePlayer(honest), n)
    >>> r.winner, r.interval, r.n_rounds
    ('challenger', (12344, 12345), 20)
    """
    n = v.integer("n_steps", n_steps, lo=1, hi=MAX_STEPS)
    k = v.integer("arity", arity, lo=2, hi=MAX_ARITY)
    if not isinstance(machine, Machine):
        raise TypeError(f"machine must implement the Machine protocol, got "
                        f"{type(machine).__name__}")
    for name, s in (("asserter", asserter), ("challenger", challenger)):
        if not isinstance(s, Strategy):
            raise TypeError(f"{name} must implement the Strategy protocol, got "
                            f"{type(s).__name__}")
    if clock is not None:
        v.instance("clock", clock, ChessClock)
    if not isinstance(bonds, tuple) or len(bonds) != 2:
        raise ValueError(f"bonds must be a tuple (asserter_bond, challenger_bond), got {bonds!r}")
    bond = {p: v.wei(f"bonds[{i}]", b) for i, (p, b) in enumerate(zip(_PARTIES, bonds))}
    burn = v.integer("burn_bps", burn_bps, lo=0, hi=10_000)
    if initial_hash is None:
        initial_hash = machine.commit(machine.initial_state())
    if not _is_hash(initial_hash):
        raise ValueError(f"initial_hash must be 32 bytes, got {initial_hash!r}")

    players = {"asserter": asserter, "challenger": challenger}
    remaining = {p: (clock.budget if clock else math.inf) for p in _PARTIES}
    moves: list[Move] = []
    counts = {p: 0 for p in _PARTIES}
    rounds: list[Round] = []
    lo, hi = 0, n
    proof: OneStepProof | None = None

    def tick(party: str, kind: str) -> None:
        try:
            secs = v.nonnegative(f"{party}.delay()", players[party].delay(counts[party]),
                                 hi=MAX_SECONDS)
        except (TypeError, ValueError):
            raise _Loss(party, "invalid move") from None
        counts[party] += 1
        if secs > remaining[party]:
            moves.append(Move(len(moves), party, kind, secs, 0.0))
            raise _Loss(party, "timeout")
        remaining[party] -= secs
        if clock is not None and remaining[party] < clock.extension:
            remaining[party] = clock.extension
        moves.append(Move(len(moves), party, kind, secs, remaining[party]))

    def result(winner: str, reason: str, challenged: bool = True) -> DisputeResult:
        loser = "challenger" if winner == "asserter" else "asserter"
        if not challenged:
            pay = Payouts(bond["asserter"], 0, 0)
        else:
            forfeit = bond[loser]
            burned = forfeit * burn // 10_000
            won = bond[winner] + forfeit - burned
            pay = Payouts(**{winner: won, loser: 0}, burned=burned)
        return DisputeResult(n, k, winner, loser if challenged else None, reason, (lo, hi),
                             tuple(rounds), tuple(moves), proof, pay, clock, final)

    # 1-2: assertion and challenge (the clocks start with the challenge)
    final = asserter.claim(n)
    if not _is_hash(final):  # the referee rejects the assertion and returns the bond
        return DisputeResult(n, k, "challenger", "asserter", "invalid move", (lo, hi), (),
                             (), None, Payouts(bond["asserter"], 0, 0), clock, None)
    own = challenger.claim(n)
    if own == final:
        return result("asserter", "unchallenged", challenged=False)
    commits = {0: initial_hash, n: final}
    try:
        tick("challenger", "challenge")
        # 3: narrowing rounds
        while hi - lo > 1:
            pts = split_points(lo, hi, k)
            tick("asserter", "bisect")
            hashes = [commits[lo]]
            for p in pts[1:-1]:
                h = asserter.claim(p)
                if not _is_hash(h):
                    raise _Loss("asserter", "invalid move")
                hashes.append(h)
            hashes.append(commits[hi])
            tick("challenger", "choose")
            j = challenger.choose(pts, tuple(hashes))
            if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not (
                    0 <= j < len(pts) - 1):
                raise _Loss("challenger", "invalid move")
            j = int(j)
            new_lo, new_hi = pts[j], pts[j + 1]
            commits = {new_lo: hashes[j], new_hi: hashes[j + 1]}
            rounds.append(Round(len(rounds) + 1, lo, hi, pts, j, new_lo, new_hi))
            lo, hi = new_lo, new_hi
        # 4: one-step proof
        tick("asserter", "prove")
        pre = asserter.reveal(lo, commits[lo])
    except _Loss as loss:
        return result(_PARTIES[1 - _PARTIES.index(loss.party)], loss.reason)
    proof = one_step_check(machine, pre, commits[lo], commits[hi], index=lo)
    return result("asserter" if proof.valid else "challenger", "one-step proof")


def simulate_dispute(n_steps: int, fault_step: int | None = None, *,
                     fault_fraction: float | None = None, arity: int = 2,
                     liar: str = "asserter", honest_delay: float = 0.0,
                     liar_delay: float = 0.0, clock: ChessClock | None = None
                     ) -> DisputeResult:
    """Play a dispute over a synthetic trace in which one party lies from ``fault_step``.

    The liar answers from a trace that agrees with the truth before the fault and
    differs from it on; the honest party answers from the true trace.

    Parameters
    ----------
    n_steps : int
        Trace length (any size: hashes are computed on demand).
    fault_step : int, optional
        First step at which the liar's trace differs, in [1, n_steps].
    fault_fraction : float, optional
        Alternatively, the fault's position as a fraction of the trace in [0, 1]
        (rounded to a step, at least 1). Give exactly one of the two.
    arity : int
        Parts per round.
    liar : str
        ``"asserter"`` or ``"challenger"``.
    honest_delay, liar_delay : float
        Seconds each takes per move (only matter with a ``clock``).
    clock : ChessClock, optional
        Chess clocks.

    Returns
    -------
    DisputeResult

    Examples
    --------
    >>> r = simulate_dispute(1000, 700, arity=10, liar="challenger")
    >>> r.winner, r.interval, r.n_rounds
    ('asserter', (699, 700), 3)
    """
    n = v.integer("n_steps", n_steps, lo=1, hi=MAX_STEPS)
    if (fault_step is None) == (fault_fraction is None):
        raise ValueError("give exactly one of fault_step and fault_fraction, got "
                         f"fault_step={fault_step!r}, fault_fraction={fault_fraction!r}")
    if fault_fraction is not None:
        fault_fraction = v.probability("fault_fraction", fault_fraction)
        fault_step = min(n, max(1, round(fault_fraction * n)))
    liar = v.option("liar", liar, _PARTIES)
    honest = TracePlayer(SyntheticTrace(n), delay=honest_delay)
    lying = TracePlayer(SyntheticTrace(n, fault_step=fault_step), delay=liar_delay)
    a, c = (lying, honest) if liar == "asserter" else (honest, lying)
    return play_bisection(SyntheticMachine(), a, c, n, arity=arity, clock=clock)


# --------------------------------------------------------------------------------------
# The real protocols' numbers
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoldLevel:
    """One level of Arbitrum BoLD's challenge: its leaf size, mini-bond and rounds."""

    name: str
    leaf_size: int
    mini_stake_eth: int
    rounds: int


def bold_levels(arity: int = 2) -> tuple[BoldLevel, ...]:
    """Return Arbitrum BoLD's three challenge levels with the rounds each needs.

    Leaf sizes and mini-bonds come from :mod:`seqlearn.params` (``arbitrum.bold.*``,
    Arbitrum One). BoLD bisects in two (``arity=2``), so a level with ``2^m`` leaves
    takes ``m`` rounds; other arities show what a k-ary game would need.

    Parameters
    ----------
    arity : int
        Parts per round.

    Returns
    -------
    tuple of BoldLevel
        Block level, big-step level, small-step level.

    Examples
    --------
    >>> [(lv.name, lv.rounds) for lv in bold_levels()]
    [('block', 26), ('big-step', 19), ('small-step', 23)]
    >>> sum(lv.rounds for lv in bold_levels(arity=8))
    24
    """
    spec = (("block", "block_leaf_size", "mini_stake_block_level"),
            ("big-step", "big_step_leaf_size", "mini_stake_big_step"),
            ("small-step", "small_step_leaf_size", "mini_stake_small_step"))
    levels = tuple(
        BoldLevel(name, int(params.value(f"arbitrum.bold.{leaf}")),
                  int(params.value(f"arbitrum.bold.{stake}")),
                  bisection_rounds(int(params.value(f"arbitrum.bold.{leaf}")), arity))
        for name, leaf, stake in spec)
    if len(levels) != params.value("arbitrum.bold.levels"):  # pragma: no cover - registry guard
        raise RuntimeError("arbitrum.bold.levels does not match the leaf sizes registered")
    return levels


def _op_max_depth(max_depth: int | None) -> int:
    if max_depth is None:
        return int(params.value("op.fdg.max_game_depth"))
    return v.count("max_depth", max_depth, hi=MAX_GAME_DEPTH)


def op_clock_extension(next_depth: int) -> int:
    """Return the OP fault dispute game's clock extension for a move, in seconds.

    A move that would leave the potential grandchild's clock with less than the extension
    sets it to exactly the extension (``FaultDisputeGame.move``). The extension depends on
    the depth ``next_depth`` of the claim the move creates, in the standard configuration
    (``op.fdg.*`` params):

    - ``SPLIT_DEPTH - 1``: twice ``CLOCK_EXTENSION`` (6 h), time to build the first
      execution trace before the trace bisection begins;
    - ``MAX_GAME_DEPTH - 1``: ``CLOCK_EXTENSION`` plus the preimage oracle's challenge
      period (3 h + 24 h = 27 h), because the next move is a ``step`` that may first need
      a large preimage loaded and left unchallenged;
    - any other depth: ``CLOCK_EXTENSION`` (3 h).

    The clocks belong to branches of the claim tree, not to two sides: a new claim's clock
    continues its grandparent's (the previous claim of the same side along that path).

    Parameters
    ----------
    next_depth : int
        Depth of the claim the move creates, 1 to ``op.fdg.max_game_depth``.

    Returns
    -------
    int
        Extension in seconds.

    Raises
    ------
    ValueError, TypeError
        If ``next_depth`` is not an integer in range.

    Examples
    --------
    >>> [op_clock_extension(d) // 3600 for d in (5, 29, 72)]
    [3, 6, 27]
    """
    max_depth = int(params.value("op.fdg.max_game_depth"))
    d = v.integer("next_depth", next_depth, lo=1, hi=max_depth)
    ext = int(params.value("op.fdg.clock_extension"))
    if d == max_depth - 1:
        return ext + int(params.value("op.fdg.preimage_challenge_period"))
    if d == int(params.value("op.fdg.split_depth")) - 1:
        return 2 * ext
    return ext


_WAD = 10**18  # 18-decimal fixed point, as in solady FixedPointMathLib


def _wad_ln(x: int) -> int:
    """``ln(x / 1e18)`` in 18-decimal fixed point, truncated toward zero (``x`` > 0)."""
    with localcontext() as ctx:
        ctx.prec = 80
        return int((Decimal(x).scaleb(-18).ln() * _WAD).to_integral_value(rounding=ROUND_DOWN))


def _wad_exp(x: int) -> int:
    """``exp(x / 1e18)`` in 18-decimal fixed point, truncated toward zero."""
    with localcontext() as ctx:
        ctx.prec = 80
        return int((Decimal(x).scaleb(-18).exp() * _WAD).to_integral_value(rounding=ROUND_DOWN))


def _sdiv(a: int, b: int) -> int:
    """Integer division truncated toward zero, as the EVM's ``sdiv``."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def op_dispute_bond(depth: int, *, max_depth: int | None = None) -> int:
    """Return the OP Stack fault dispute game's required bond at ``depth``, in wei.

    The formula of the specification ("Big Bonds v1.5", ``bond-incentives.md``),

    .. math:: \\text{bond}(d) = f \\cdot g_0 \\,(g_1 / g_0)^{d/D},

    with the assumed base fee ``f`` = 200 gwei, ``g_0`` = 400,000 gas at depth 0,
    ``g_1`` = 300,000,000 gas at the maximum depth ``D`` = 73 (``op.fdg.*`` params),
    evaluated as ``FaultDisputeGame.getRequiredBond`` evaluates it: in 18-decimal fixed
    point ("wad"), step by step, each step truncated as the contract truncates it::

        a = g1 // g0                            # 750
        lnA = lnWad(a * 1e18)
        base = expWad(lnA * (1e36 // (D * 1e18)) // 1e18)
        rawGas = powWad(base, d * 1e18)         # expWad(lnWad(base) * d * 1e18 / 1e18)
        bond = f * (g0 * rawGas // 1e18)

    Solady's ``lnWad`` and ``expWad`` are rational approximations accurate to about one
    unit in the 18th decimal; here they are replaced by exact logarithms and exponentials
    truncated to 18 decimals. Against a direct evaluation of solady's integer arithmetic
    this agrees to the wei at every depth 0 to 73 (see ``tests/test_fraudproof.py``).
    The truncations leave the multiplier a hair below ``750**(1/73)``, so at the maximum
    depth the bond is 299,999,999 gas, 59.9999998 ETH, not the 60 ETH of the exact
    formula; at every other depth the two agree to the wei.

    Parameters
    ----------
    depth : int
        Depth of the move's position in the game tree, 0 to ``max_depth``.
    max_depth : int, optional
        The game's maximum depth; by default ``op.fdg.max_game_depth`` (73).

    Returns
    -------
    int
        Bond in wei.

    Raises
    ------
    ValueError
        If ``depth`` is outside ``[0, max_depth]``.
    TypeError
        If ``depth`` is not an int.

    Examples
    --------
    >>> op_dispute_bond(0), op_dispute_bond(73)
    (80000000000000000, 59999999800000000000)
    >>> op_dispute_bond(74)
    Traceback (most recent call last):
    ...
    ValueError: depth must be in [0, 73] (the game's max_depth), got 74
    """
    big_d = _op_max_depth(max_depth)
    d = v.integer("depth", depth)
    if not 0 <= d <= big_d:
        raise v.fail("depth", f"in [0, {big_d}] (the game's max_depth)", d)
    fee_wei = int(params.value("op.fdg.bond_assumed_base_fee")) * 10**9
    g0 = int(params.value("op.fdg.bond_base_gas"))
    a = int(params.value("op.fdg.bond_high_gas")) // g0
    ln_a = _wad_ln(a * _WAD)
    b_over_c = _WAD * _WAD // (big_d * _WAD)
    base = _wad_exp(ln_a * b_over_c // _WAD)
    raw_gas = _wad_exp(_sdiv(_wad_ln(base) * (d * _WAD), _WAD))
    return fee_wei * (g0 * raw_gas // _WAD)


def op_dispute_bond_eth(depth: int, *, max_depth: int | None = None) -> float:
    """Return :func:`op_dispute_bond` in ETH (a float, for tables and figures).

    Examples
    --------
    >>> round(op_dispute_bond_eth(30), 4)
    1.2151
    """
    return op_dispute_bond(depth, max_depth=max_depth) / 10**18


def op_bond_curve(max_depth: int | None = None) -> np.ndarray:
    """Return the bond in ETH at every depth 0, 1, ..., ``max_depth`` (default 73).

    Examples
    --------
    >>> curve = op_bond_curve()
    >>> len(curve), float(curve[0]), float(curve[-1])
    (74, 0.08, 59.9999998)
    """
    big_d = _op_max_depth(max_depth)
    return np.array([op_dispute_bond_eth(d, max_depth=big_d) for d in range(big_d + 1)])
