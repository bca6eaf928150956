"""seqlearn.data: the outage record, row by row against the fact sheets.

The fact sheets (``../shared/FACTS.md`` §6 and ``../shared/FACTS-ch7-11.md`` §1.3) are read
where they sit beside the checkout (or in ``$SEQLEARN_FACTS_DIR``); without them the
fact-sheet tests are skipped with the reason, and the pinned values below still run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from seqlearn import data, params


def _facts_dir() -> Path | None:
    env = os.environ.get("SEQLEARN_FACTS_DIR")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" for p in Path(__file__).resolve().parents[1:4]]
    for c in candidates:
        if (c / "FACTS.md").exists() and (c / "FACTS-ch7-11.md").exists():
            return c
    return None


FACTS_DIR = _facts_dir()
needs_facts = pytest.mark.skipif(
    FACTS_DIR is None,
    reason="../shared/FACTS.md and ../shared/FACTS-ch7-11.md are not beside this checkout "
           "(set SEQLEARN_FACTS_DIR to their folder)")


def _table(path: Path, heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading``, as lists of cells."""
    text = path.read_text(encoding="utf-8")
    section = text[text.index(heading):]
    rows, started = [], False
    for line in section.splitlines()[1:]:
        if line.startswith("|"):
            started = True
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not set(cells[0]) <= {"-", ":", " "} and cells[0] != "chain":
                rows.append(cells)
        elif started:
            break
    return rows


def _fact_rows() -> list[list[str]]:
    assert FACTS_DIR is not None
    return (_table(FACTS_DIR / "FACTS.md", "## 6. Documented sequencer outages")
            + _table(FACTS_DIR / "FACTS-ch7-11.md", "### 1.3 Outage records"))


def _durations_stated(cell: str) -> set[float]:
    """Every duration in minutes that a fact-sheet cell states (numbers, hours, "an hour")."""
    found = {float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", cell)}
    found |= {60.0 * float(h) for h in re.findall(r"(\d+(?:\.\d+)?) hours?\b", cell)}
    if "an hour" in cell:
        found.add(60.0)
    return found


def _expected_kind(row_text: str) -> str:
    if "batch-poster" in row_text:
        return "batch-stall"
    if "**deliberate**" in row_text:
        return "pause"
    if any(w in row_text for w in ("intermittent", "slow block creation", "the reorg reverted")):
        return "intermittent"
    return "halt"


def _match(fact_row: list[str]) -> data.OutageRecord:
    chain, date = fact_row[0], fact_row[1][:10]
    hits = [o for o in data.outages() if o.chain == chain and o.date == date]
    assert len(hits) == 1, f"no single outages.csv row for {chain} {date}: {hits}"
    return hits[0]


# ------------------------------------------------------------------------------------------
# every row against the fact sheets
# ------------------------------------------------------------------------------------------
@needs_facts
def test_every_fact_sheet_outage_has_exactly_one_row_and_nothing_else():
    facts = _fact_rows()
    assert len(facts) == 20  # 18 in FACTS §6, 2 in FACTS-ch7-11 §1.3
    keys = {(r[0], r[1][:10]) for r in facts}
    # §1.3's Arbitrum One 2022-01-09 row supports the §6 row's start time: one outage
    assert len(keys) == 19
    assert keys == {(o.chain, o.date) for o in data.outages()}
    for r in facts:
        _match(r)


@needs_facts
def test_every_row_agrees_with_the_fact_sheet_text():
    for r in _fact_rows():
        o = _match(r)
        label = f"{o.chain} {o.date}"
        duration, conf, text = r[3], r[-1], " | ".join(r)
        assert re.search(rf"\b{o.confidence}\b", conf), (label, conf)
        if r[0] == "Arbitrum One" and "forklog" in r[-2]:
            continue  # §1.3's supporting row: kind and duration come from §6
        if o.known:
            stated = _durations_stated(duration)
            assert o.minutes_low in stated and o.minutes_high in stated, (label, stated)
        else:
            assert "UNVERIFIED" in duration, label
        assert o.kind == _expected_kind(text), label


# ------------------------------------------------------------------------------------------
# the loader and the pinned corrections (run without the fact sheets too)
# ------------------------------------------------------------------------------------------
def test_loader_reads_every_row_once_with_its_fields():
    rows = data.outages()
    assert rows is data.outages()
    assert len(rows) == 19
    assert [o.date for o in rows] == sorted(o.date for o in rows)
    assert {o.kind for o in rows} == set(data.KINDS)
    assert {o.confidence for o in rows} == {"H", "M", "L"}
    for o in rows:
        assert o.cause and o.source_low and o.source_high
        if o.known:
            assert 0 < o.minutes_low <= o.minutes <= o.minutes_high
        else:
            assert o.minutes_high is None and o.minutes is None and "UNVERIFIED" in o.cause


def _row(chain: str, date: str) -> data.OutageRecord:
    return next(o for o in data.outages() if o.chain == chain and o.date == date)


def test_polygon_zkevm_lasted_14_hours_longer_than_the_op_sequencing_window():
    # correction 1: the team's post-mortem, "down for a total of 14 hours" (not ~600 min)
    o = _row("Polygon zkEVM", "2024-03-22")
    assert (o.minutes_low, o.minutes_high, o.kind, o.confidence) == (840, 840, "halt", "H")
    assert "14 hours" in o.source_low and "forum.polygon.technology" in o.source_low
    assert "forced batches were disabled" in o.cause
    window_h = params.value("op.seq_window_size") * params.value("ethereum.slot_seconds")
    assert o.minutes_low / 60 > window_h / 3600 == 12


def test_starknet_2025_09_02_keeps_both_measures_with_their_sources():
    # correction 4: press estimate of the hard halt vs the incident report's window
    o = _row("Starknet", "2025-09-02")
    assert (o.minutes_low, o.minutes_high, o.kind) == (133, 680, "intermittent")
    assert "press" in o.source_low and "incident report" in o.source_high
    assert "two reorgs" in o.cause


def test_disagreeing_sources_keep_both_ends():
    assert (_row("Arbitrum One", "2022-01-09").minutes_low,
            _row("Arbitrum One", "2022-01-09").minutes_high) == (420, 600)
    assert (_row("Arbitrum One", "2023-12-15").minutes_low,
            _row("Arbitrum One", "2023-12-15").minutes_high) == (78, 88)
    assert _row("Arbitrum One", "2023-06-07").kind == "batch-stall"
    assert _row("Linea", "2024-06-02").kind == "pause"


@pytest.mark.parametrize("line, message", [
    ("X,2024-01-01,60,30,halt,c,a,b,H", "line 2: minutes_high must be .* in \\[60, inf\\]"),
    ("X,2024-01-01,60,,halt,c,a,b,H", "line 2: minutes_high must be None exactly"),
    ("X,2024-01-01,-5,5,halt,c,a,b,H", "line 2: minutes_low must be"),
    ("X,2024-01-01,nan,5,halt,c,a,b,H", "line 2: minutes_low must be a finite"),
    ("X,2024-01-01,ten,5,halt,c,a,b,H", "line 2: minutes_low must be"),
    ("X,2024-01-01,5,5,crash,c,a,b,H", "line 2: kind must be one of"),
    ("X,2024-01-01,5,5,halt,c,a,b,X", "line 2: confidence must be one of"),
    ("X,2024-01-01,5,5,halt,,a,b,H", "line 2: cause must be a non-empty"),
    ("X,1 Jan 2024,5,5,halt,c,a,b,H", "line 2: date must be an ISO date"),
])
def test_a_bad_row_is_rejected_by_name(monkeypatch, line, message):
    header = ",".join(data._COLUMNS)

    class _Files:
        def joinpath(self, name):
            return self

        def read_text(self, encoding):
            return header + "\n" + line + "\n"

    monkeypatch.setattr(data.resources, "files", lambda package: _Files())
    data.outages.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            data.outages()
    finally:
        monkeypatch.undo()
        data.outages.cache_clear()
    assert len(data.outages()) == 19
