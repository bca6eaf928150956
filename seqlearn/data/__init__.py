"""Small data sets bundled with seqlearn, each row with its source.

``outages.csv``
    Documented sequencer outages whose duration is known with high (H) or medium (M)
    confidence, from the book's checked fact sheet; incidents whose duration rests on one
    secondary source, or on sources that disagree, are left out.

Examples
--------
>>> rows = outages()
>>> rows[0].chain, rows[0].minutes, rows[0].confidence
('Arbitrum One', 45, 'H')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["OutageRecord", "outages"]

_COLUMNS = ["chain", "date", "minutes", "approximate", "cause", "source", "confidence"]


@dataclass(frozen=True)
class OutageRecord:
    """A documented sequencer outage.

    Attributes
    ----------
    chain : str
        The rollup.
    date : str
        Day it started, ISO format (UTC).
    minutes : int or float
        Duration in minutes (an estimate where ``approximate``).
    approximate : bool
        Whether ``minutes`` is an estimate ("about").
    cause : str
        Short cause, as stated by the team or the press.
    source : str
        Where the duration comes from.
    confidence : str
        ``"H"`` (primary source: team post-mortem or status page) or ``"M"`` (an official
        statement passed on by a secondary outlet).
    """

    chain: str
    date: str
    minutes: float
    approximate: bool
    cause: str
    source: str
    confidence: str


@lru_cache(maxsize=None)
def outages() -> tuple[OutageRecord, ...]:
    """Load ``outages.csv`` as records, in date order.

    Raises
    ------
    ValueError
        If the file's columns or a row's values are not as documented.
    """
    text = resources.files(__package__).joinpath("outages.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != _COLUMNS:
        raise ValueError(f"outages.csv must have columns {_COLUMNS}, got {reader.fieldnames}")
    rows = []
    for i, row in enumerate(reader, start=2):
        if row["approximate"] not in ("yes", "no") or row["confidence"] not in ("H", "M"):
            raise ValueError(f"outages.csv line {i}: approximate must be yes/no and "
                             f"confidence H/M, got {row['approximate']!r}, {row['confidence']!r}")
        minutes = row["minutes"]
        rows.append(OutageRecord(row["chain"], row["date"],
                                 int(minutes) if minutes.isdigit() else float(minutes),
                                 row["approximate"] == "yes", row["cause"], row["source"],
                                 row["confidence"]))
    return tuple(sorted(rows, key=lambda o: o.date))
