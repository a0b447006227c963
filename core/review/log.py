"""The review log: what every signal and gate said when the user last marked the review done.

One JSON object per line in the user state directory (`Locations.review_log`), never in the
user's TOML. A review records the time, every signal's status, value and side of its threshold
(see signals.crossings), every gate's status, and a fingerprint of the data (the current value of
every figure of the companies the signals read, with its source), so the next review can say
what is new or revised; each gate's inputs (so a card can show the gate's history) and the
user's note, what they concluded.
A damaged line (a crash mid-write) is skipped, not fatal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capexwatch.core.base import clock, readfile
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.base.typed import typed_mark
from capexwatch.core.plan import tripwire
from capexwatch.core.plan.deciding import deciding, numeric_inputs
from capexwatch.core.plan.model import Plan
from capexwatch.core.plan.verdict import Gate
from capexwatch.core.signals import crossings
from capexwatch.core.signals.evaluate import SignalResult

if TYPE_CHECKING:  # a type only: the snapshot room sits above this one
    from capexwatch.core.snapshot.picture import Snapshot

LOG_VERSION = 1
MAX_LOG_BYTES = 2**31  # years of daily reviews of thousands of signals


@dataclass(frozen=True)
class SignalMark:
    id: str
    title: str
    status: str
    value: float | None
    unit: str | None
    period: str | None
    stale: bool
    side: str | None
    rule: str
    # What the Changes view names for each line (absent in logs written before them).
    company: str | None = None
    metric: str | None = None
    source: str | None = None
    as_of: str | None = None  # the latest figure's period end, ISO


@dataclass(frozen=True)
class GateMark:
    id: str
    status: str
    detail: str
    # The gate's history (core.plan.deciding): its numeric inputs at this review, and the
    # deciding one's value and break-even. Empty/None in logs written before them.
    inputs: dict[str, float] = field(default_factory=dict)
    deciding: str | None = None
    value: float | None = None
    break_even: float | None = None


@dataclass(frozen=True)
class Review:
    """One marked review (or the state right now, captured the same way to compare with)."""

    at: dt.datetime
    signals: dict[str, SignalMark]
    gates: dict[str, GateMark]
    # "company|metric|freq|period_end|kind" → (value, period label, unit, source)
    data: dict[str, tuple[float, str, str, str]] = field(repr=False)
    changes: tuple[str, ...] = ()  # what had changed since the review before, as acknowledged
    note: str = ""  # what the user concluded, as typed when marking the review

    def status_counts(self) -> dict[str, int]:
        """The watchlist's signals by status; the plan's tripwire is recorded with them but
        counted as a gate (as the app's header does), not as a signal."""
        counts: dict[str, int] = {}
        for sid, mark in self.signals.items():
            if sid != tripwire.SIGNAL_ID:
                counts[mark.status] = counts.get(mark.status, 0) + 1
        return counts

    def gate_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for mark in self.gates.values():
            counts[mark.status] = counts.get(mark.status, 0) + 1
        return counts


def _signal_mark(result: SignalResult) -> SignalMark:
    side, _ = crossings.of_result(result)
    s = result.signal
    return SignalMark(
        s.id,
        s.title,
        result.status,
        result.value,
        result.unit,
        result.period,
        result.stale,
        side,
        s.rule,
        s.company,
        s.metric,
        result.source,
        result.period_end.isoformat() if result.period_end else None,
    )


def _gate_mark(gate: Gate, plan: Plan | None) -> GateMark:
    found = deciding(gate, plan)
    return GateMark(
        gate.id,
        gate.status,
        gate.detail,
        numeric_inputs(plan, gate.id),
        found.key if found else None,
        found.value if found else None,
        found.break_even if found else None,
    )


def data_marks(
    observations: pl.DataFrame, companies: list[str]
) -> dict[str, tuple[float, str, str, str]]:
    """The current value of every figure of `companies` (the latest-published one wins)."""
    rows = observations.filter(pl.col("company").is_in(companies) & pl.col("value").is_not_null())
    if rows.is_empty():
        return {}
    latest = (
        rows.sort("published", nulls_last=False)
        .group_by(["company", "metric", "freq", "period_end", "kind"], maintain_order=True)
        .agg(
            pl.col("value").last(),
            pl.col("period").last(),
            pl.col("unit").last(),
            pl.col("source").last(),
        )
    )
    # Built column-wise: a row-by-row loop took half a minute for a 6-million-row import.
    key = pl.concat_str(
        [pl.col(c).cast(pl.String).fill_null("None") for c in ("company", "metric", "freq")]
        + [
            pl.col("period_end").cast(pl.String).fill_null("None"),
            pl.col("kind").fill_null("None"),
        ],
        separator="|",
    )
    columns = latest.select(
        key.alias("key"),
        pl.col("value").cast(pl.Float64),
        pl.col("period").cast(pl.String).fill_null("None"),
        pl.col("unit").cast(pl.String).fill_null("None"),
        pl.col("source").cast(pl.String).fill_null(""),
    )
    return dict(
        zip(
            columns.get_column("key").to_list(),
            zip(
                columns.get_column("value").to_list(),
                columns.get_column("period").to_list(),
                columns.get_column("unit").to_list(),
                columns.get_column("source").to_list(),
                strict=True,
            ),
            strict=True,
        )
    )


def capture(snapshot: Snapshot, at: dt.datetime | None = None) -> Review:
    """What `snapshot` says, in the shape of a review."""
    results = list(snapshot.results)
    if snapshot.tripwire is not None:
        results.append(snapshot.tripwire)
    return Review(
        at or clock.now(),
        {r.signal.id: _signal_mark(r) for r in results},
        {g.id: _gate_mark(g, snapshot.plan) for g in snapshot.gates},
        # Only the companies a signal or the tripwire reads: a watchlist may follow thousands.
        data_marks(snapshot.observations, sorted({r.signal.company or "" for r in results} - {""})),
    )


def to_json(review: Review) -> dict[str, Any]:
    return {
        "version": LOG_VERSION,
        "at": review.at.isoformat(),
        "signals": {k: asdict(v) for k, v in review.signals.items()},
        "gates": {k: asdict(v) for k, v in review.gates.items()},
        "data": {k: list(v) for k, v in review.data.items()},
        "changes": list(review.changes),
        "note": review.note,
    }


def from_json(data: dict[str, Any]) -> Review:
    """A review from one log line; raises KeyError/TypeError/ValueError when malformed."""
    return Review(
        dt.datetime.fromisoformat(data["at"]),
        {str(k): typed_mark(SignalMark, v) for k, v in data["signals"].items()},
        {str(k): typed_mark(GateMark, v) for k, v in data["gates"].items()},
        {k: _data_mark(v) for k, v in data.get("data", {}).items()},
        tuple(str(c) for c in data.get("changes", ())),
        str(data.get("note") or ""),
    )


def _data_mark(item: list[Any]) -> tuple[float, str, str, str]:
    # The source came later: a log line from before holds three items.
    return (float(item[0]), str(item[1]), str(item[2]), str(item[3]) if len(item) > 3 else "")


def history(path: Path) -> list[Review]:
    """Every review in the log, oldest first; damaged lines are skipped (see `read`)."""
    return read(path)[0]


def read(path: Path) -> tuple[list[Review], list[str]]:
    """Every review in the log, oldest first, and a `PATH:LINE: …` message for each damaged
    line read past (a crash mid-write, a line another program wrote)."""
    try:
        raw = readfile.read_bytes(path, MAX_LOG_BYTES)
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        raise CapexwatchError(f"{path}: cannot read the review log ({exc.strerror})") from None
    out, damaged = [], []
    for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
            damaged.append(f"{path}:{number}: not a review, skipped ({type(exc).__name__}: {exc})")
    return out, damaged


def last(path: Path) -> Review | None:
    """The latest review, or None before the first."""
    reviews = history(path)
    return reviews[-1] if reviews else None


def append(path: Path, review: Review) -> None:
    """Add `review` to the log as one line, flushed to disk."""
    line = json.dumps(to_json(review), ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a+b") as handle:
            # A failed append (disk full) can leave a partial line: start on a fresh one, or
            # this review would be glued to it and never read back.
            end = handle.seek(0, os.SEEK_END)
            if end and os.pread(handle.fileno(), 1, end - 1) != b"\n":
                line = "\n" + line
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise CapexwatchError(f"{path}: could not record the review ({exc.strerror})") from None
