"""What changed since the last review: crossings, status transitions, rules, gates and data.

`compare(previous, current)` takes two reviews (the current one captured from a snapshot but
not recorded) and lists the changes in words, most important first. `mark()` records a review
with the changes it acknowledges.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from capexwatch.core.base import format as fmt
from capexwatch.core.review import log as review
from capexwatch.core.review.log import Review, SignalMark

if TYPE_CHECKING:  # a type only: the snapshot room sits above this one
    from capexwatch.core.snapshot.picture import Snapshot

Kind = Literal["crossed", "status", "rule", "added", "removed", "gate", "new_data", "revised"]
ORDER: tuple[Kind, ...] = (
    "crossed",
    "status",
    "gate",
    "rule",
    "added",
    "removed",
    "revised",
    "new_data",
)


@dataclass(frozen=True)
class Change:
    kind: Kind
    subject: str  # a signal id, a gate id, or "COMPANY metric"
    text: str


@dataclass(frozen=True)
class ReviewDiff:
    since: dt.datetime | None  # the last review's time; None before the first review
    changes: tuple[Change, ...]

    @property
    def count(self) -> int:
        return len(self.changes)

    def summary(self) -> str:
        """For the header: '3 changes since review' or 'not reviewed yet'."""
        if self.since is None:
            return "not reviewed yet"
        return f"{self.count} change{'' if self.count == 1 else 's'} since review"


def _word(status: str) -> str:
    return status.upper().replace("_", " ")


def _latest(mark: SignalMark) -> str:
    if mark.value is None:
        return "no data"
    return f"{fmt.value_with_unit(mark.value, mark.unit)} ({mark.period})"


def _signal_changes(before: dict[str, SignalMark], after: dict[str, SignalMark]) -> list[Change]:
    out: list[Change] = []
    for sid, now in after.items():
        was = before.get(sid)
        if was is None:
            out.append(Change("added", sid, f"{now.title}: new signal, {_word(now.status)}"))
            continue
        moved = f"{_word(was.status)} → {_word(now.status)}"
        if was.side and now.side and was.side != now.side:
            way = "crossed its line" if now.side == "past" else "fell back across its line"
            out.append(
                Change(
                    "crossed",
                    sid,
                    f"{now.title}: {way} ({now.rule}), {moved}, latest {_latest(now)}",
                )
            )
        elif was.status != now.status:
            out.append(Change("status", sid, f"{now.title}: {moved}, latest {_latest(now)}"))
        if was.rule != now.rule:
            out.append(Change("rule", sid, f"{now.title}: rule {was.rule} → {now.rule}"))
    for sid, was in before.items():
        if sid not in after:
            out.append(Change("removed", sid, f"{was.title}: signal removed"))
    return out


def _gate_changes(before: Review, after: Review) -> list[Change]:
    out = []
    for gid, now in after.gates.items():
        was = before.gates.get(gid)
        if was is not None and was.status != now.status:
            out.append(
                Change(
                    "gate",
                    gid,
                    f"gate {gid}: {_word(was.status)} → {_word(now.status)}: {now.detail}",
                )
            )
    return out


def _data_changes(before: Review, after: Review) -> list[Change]:
    new: dict[str, list[str]] = defaultdict(list)
    out: list[Change] = []
    for key, (value, period, unit) in after.data.items():
        company, metric, _freq, _end, kind = key.split("|")
        subject = f"{company} {metric}" + ("" if kind == "actual" else f" ({kind})")
        old = before.data.get(key)
        if old is None:
            new[subject].append(period)
        elif abs(old[0] - value) > 1e-12 * max(abs(old[0]), abs(value), 1.0):
            out.append(
                Change(
                    "revised",
                    subject,
                    f"{subject} {period} revised: {fmt.value_with_unit(old[0], unit)} → "
                    f"{fmt.value_with_unit(value, unit)}",
                )
            )
    for subject, periods in new.items():
        shown = ", ".join(periods[-4:]) + (
            f" and {len(periods) - 4} more" if len(periods) > 4 else ""
        )
        out.append(Change("new_data", subject, f"{subject}: new figures for {shown}"))
    return out


def compare(previous: Review | None, current: Review) -> ReviewDiff:
    """Everything that changed between `previous` and `current` (nothing before a first review)."""
    if previous is None:
        return ReviewDiff(None, ())
    changes = (
        _signal_changes(previous.signals, current.signals)
        + _gate_changes(previous, current)
        + _data_changes(previous, current)
    )
    changes.sort(key=lambda c: ORDER.index(c.kind))
    return ReviewDiff(previous.at, tuple(changes))


def since_last(log: Path, snapshot: Snapshot) -> ReviewDiff:
    """What changed between the last recorded review and `snapshot`."""
    return compare(review.last(log), review.capture(snapshot))


def mark(log: Path, snapshot: Snapshot) -> tuple[Review, ReviewDiff]:
    """Record a review of `snapshot` (with the changes it acknowledges) and return it."""
    current = review.capture(snapshot)
    diff = compare(review.last(log), current)
    recorded = replace(current, changes=tuple(c.text for c in diff.changes))
    review.append(log, recorded)
    return recorded, diff
