"""Small data sets bundled with seqlearn, each row with its source.

``outages.csv``
    Every documented sequencer outage in the book's checked fact sheets (``FACTS.md`` §6
    and ``FACTS-ch7-11.md`` §1.3), including those whose duration is uncertain. Columns:

    ``chain``, ``date``
        The rollup and the day the outage started (ISO, UTC).
    ``minutes_low``, ``minutes_high``
        The duration in minutes. Where sources disagree, or give different measures
        (a hard halt and a longer window of intermittent service), both ends are kept, each
        with its own source; where they agree the two are equal. Both are empty when no
        source within reach states a duration (the fact sheet marks it UNVERIFIED). Where
        a team's post-mortem and the press differ, the post-mortem's figure is kept (Base
        2023-09-05: 29 min, not the later press's 43; Polygon zkEVM 2024-03-22: "down for a
        total of 14 hours", not the explorer gap "over 10 hours").
    ``kind``
        ``"halt"`` (no blocks), ``"batch-stall"`` (the batch poster stalled while soft
        confirmations continued), ``"pause"`` (a deliberate stop by the operator) or
        ``"intermittent"`` (degraded or on-and-off service, possibly with reorgs).
    ``cause``
        Short cause, as stated by the team or the press.
    ``source_low``, ``source_high``
        Where each end of the duration comes from; for a row without a duration, where the
        event is documented.
    ``confidence``
        ``"H"`` (primary source: post-mortem, status page, incident report), ``"M"`` (an
        official statement passed on by a secondary outlet, or two agreeing secondaries) or
        ``"L"`` (one secondary source, or sources that disagree). It rates the duration
        (its weaker end) where one is given, otherwise the event itself.

    The Arbitrum One row of ``FACTS-ch7-11.md`` §1.3 (2022-01-09) is the same outage as the
    §6 row and only supports its start time, so it adds no row.

Examples
--------
>>> rows = outages()
>>> rows[0].chain, rows[0].minutes_low, rows[0].minutes_high, rows[0].kind
('Arbitrum One', 45.0, 45.0, 'halt')
>>> stark = [o for o in rows if o.date == "2025-09-02"][0]
>>> stark.minutes_low, stark.minutes_high, stark.kind, stark.confidence
(133.0, 680.0, 'intermittent', 'M')
>>> [o.chain for o in rows if o.minutes is None]
['zkSync Era', 'Arbitrum One', 'Linea', 'Starknet']
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from seqlearn import validation as v

__all__ = ["KINDS", "OutageRecord", "outages"]

#: The kinds of outage in ``outages.csv``.
KINDS: tuple[str, ...] = ("halt", "batch-stall", "pause", "intermittent")

_COLUMNS = ["chain", "date", "minutes_low", "minutes_high", "kind", "cause", "source_low",
            "source_high", "confidence"]


@dataclass(frozen=True)
class OutageRecord:
    """A documented sequencer outage.

    Attributes
    ----------
    chain : str
        The rollup.
    date : str
        Day it started, ISO format (UTC).
    minutes_low, minutes_high : float or None
        Duration range in minutes (equal where the sources agree); ``None`` when no
        source states a duration.
    kind : str
        One of :data:`~seqlearn.data.KINDS` ("halt", "batch-stall", "pause", "intermittent").
    cause : str
        Short cause, as stated by the team or the press.
    source_low, source_high : str
        Where each end of the duration comes from (or, with no duration, the event).
    confidence : str
        ``"H"``, ``"M"`` or ``"L"`` (see the module docstring).

    Examples
    --------
    >>> o = OutageRecord("X", "2024-01-01", 60.0, 120.0, "halt", "bug", "a", "b", "L")
    >>> o.minutes, o.known, o.uncertain
    (90.0, True, True)
    >>> OutageRecord("X", "2024-01-01", 60.0, 30.0, "halt", "bug", "a", "b", "L")
    Traceback (most recent call last):
    ...
    ValueError: minutes_high must be a finite real number in [60, inf], got 30.0
    """

    chain: str
    date: str
    minutes_low: float | None
    minutes_high: float | None
    kind: str
    cause: str
    source_low: str
    source_high: str
    confidence: str

    def __post_init__(self) -> None:
        for name in ("chain", "cause", "source_low", "source_high"):
            v.text(name, getattr(self, name))
        date = v.text("date", self.date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise v.fail("date", "an ISO date YYYY-MM-DD", date)
        low, high = self.minutes_low, self.minutes_high
        if (low is None) != (high is None):
            raise v.fail("minutes_high", "None exactly when minutes_low is None "
                         "(both empty or both given)", high)
        if low is not None:
            low = v.positive("minutes_low", low)
            high = v.real("minutes_high", high, lo=low)
            object.__setattr__(self, "minutes_low", low)
            object.__setattr__(self, "minutes_high", high)
        v.option("kind", self.kind, KINDS)
        v.option("confidence", self.confidence, ("H", "M", "L"))

    @property
    def known(self) -> bool:
        """Whether a duration is stated (both ends present)."""
        return self.minutes_low is not None

    @property
    def uncertain(self) -> bool:
        """Whether the sources give a range rather than one figure."""
        return self.known and self.minutes_low != self.minutes_high

    @property
    def minutes(self) -> float | None:
        """The midpoint of the range, a convenience for tables; ``None`` if unknown."""
        if self.minutes_low is None or self.minutes_high is None:
            return None
        return (self.minutes_low + self.minutes_high) / 2.0


def _number(text: str) -> float | str | None:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text  # rejected by name in OutageRecord


@lru_cache(maxsize=None)
def outages() -> tuple[OutageRecord, ...]:
    """Load ``outages.csv`` as records, in date order (read once, then cached).

    Returns
    -------
    tuple of OutageRecord
        Every documented outage, with uncertain and unknown durations kept.

    Raises
    ------
    ValueError
        If the file's columns or a row's values are not as documented.

    Examples
    --------
    >>> rows = outages()
    >>> poly = [o for o in rows if o.chain == "Polygon zkEVM"][0]
    >>> poly.minutes / 60, poly.confidence
    (14.0, 'H')
    >>> sorted({o.kind for o in rows}) == sorted(KINDS)
    True
    """
    text = resources.files(__package__).joinpath("outages.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != _COLUMNS:
        raise ValueError(f"outages.csv must have columns {_COLUMNS}, got {reader.fieldnames}")
    rows = []
    for i, row in enumerate(reader, start=2):
        fields = {**row, "minutes_low": _number(row["minutes_low"]),
                  "minutes_high": _number(row["minutes_high"])}
        try:
            rows.append(OutageRecord(**fields))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"outages.csv line {i}: {exc}") from None
    return tuple(sorted(rows, key=lambda o: o.date))
