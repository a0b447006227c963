"""What changed since the last review: crossings, status transitions, rules, gates and data.

`compare(previous, current)` takes two reviews (the current one captured from a snapshot but
not recorded) and lists the changes in words, most important first. `mark()` records a review
with the changes it acknowledges.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import clean_multiline
from capexwatch.core.figures.filings import RESULTS_FORMS, FiledReport
from capexwatch.core.review import log as review
from capexwatch.core.review.log import Review, SignalMark
from capexwatch.core.signals.evaluate import status_word

if TYPE_CHECKING:  # a type only: the snapshot room sits above this one
    from capexwatch.core.snapshot.picture import Snapshot

Kind = Literal[
    "crossed", "status", "rule", "added", "removed", "gate", "new_data", "revised", "filing"
]
ORDER: tuple[Kind, ...] = (
    "crossed",
    "status",
    "filing",
    "gate",
    "rule",
    "added",
    "removed",
    "revised",
    "new_data",
)


@dataclass(frozen=True)
class Change:
    """One change in words (`text`), with the details the Changes view lists and jumps by."""

    kind: Kind
    subject: str  # a signal id, a gate id, or "COMPANY metric"
    text: str
    company: str = ""
    metric: str = ""
    period: str = ""
    old: str = ""  # as shown: "34.0%", "FAIL"; "" when there was nothing before
    new: str = ""
    source: str = ""
    when: str = ""  # ISO date the change is as of (a period end), for newest first
    # Where `enter` in the Changes view goes: "signal", "gate", "figure" (a peer cell) or "".
    target: str = ""

    @property
    def details(self) -> dict[str, str]:
        """The details, for JSON (empty ones left out)."""
        fields = ("company", "metric", "period", "old", "new", "source", "when", "target")
        return {k: getattr(self, k) for k in fields if getattr(self, k)}


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
    return status_word(status)


def _latest(mark: SignalMark) -> str:
    if mark.value is None:
        return "no data"
    return f"{fmt.value_with_unit(mark.value, mark.unit)} ({mark.period})"


def _shown(mark: SignalMark) -> str:
    return "no data" if mark.value is None else fmt.value_with_unit(mark.value, mark.unit)


def _on_signal(now: SignalMark, was: SignalMark | None) -> dict[str, str]:
    """The details of a change to signal `now` (was: the same signal at the last review)."""
    old = "" if was is None else f"{_shown(was)} {_word(was.status)}"
    return {
        "company": now.company or "",
        "metric": now.metric or "",
        "period": now.period or "",
        "old": old,
        "new": f"{_shown(now)} {_word(now.status)}",
        "source": now.source or "",
        "when": now.as_of or "",
        "target": "signal",
    }


def _signal_changes(before: dict[str, SignalMark], after: dict[str, SignalMark]) -> list[Change]:
    out: list[Change] = []
    for sid, now in after.items():
        was = before.get(sid)
        if was is None:
            text = f"{now.title}: new signal, {_word(now.status)}"
            out.append(Change("added", sid, text, **_on_signal(now, None)))
            continue
        moved = f"{_word(was.status)} → {_word(now.status)}"
        details = _on_signal(now, was)
        if was.side and now.side and was.side != now.side:
            way = "crossed its line" if now.side == "past" else "fell back across its line"
            text = f"{now.title}: {way} ({now.rule}), {moved}, latest {_latest(now)}"
            out.append(Change("crossed", sid, text, **details))
        elif was.status != now.status:
            text = f"{now.title}: {moved}, latest {_latest(now)}"
            out.append(Change("status", sid, text, **details))
        if was.rule != now.rule:
            text = f"{now.title}: rule {was.rule} → {now.rule}"
            out.append(Change("rule", sid, text, **(details | {"old": was.rule, "new": now.rule})))
    for sid, was in before.items():
        if sid not in after:
            details = _on_signal(was, None) | {"old": _word(was.status), "new": "", "target": ""}
            out.append(Change("removed", sid, f"{was.title}: signal removed", **details))
    return out


def _gate_changes(before: Review, after: Review) -> list[Change]:
    out = []
    for gid, now in after.gates.items():
        was = before.gates.get(gid)
        if was is not None and was.status != now.status:
            text = f"gate {gid}: {_word(was.status)} → {_word(now.status)}: {now.detail}"
            old, new = _word(was.status), _word(now.status)
            if now.deciding and was.value is not None and now.value is not None:
                old += f" ({now.deciding} {was.value:g})"
                new += f" ({now.deciding} {now.value:g})"
            out.append(
                Change(
                    "gate",
                    gid,
                    text,
                    metric=now.deciding or "",
                    old=old,
                    new=new,
                    source="plan.toml",
                    when=after.at.date().isoformat(),
                    target="gate",
                )
            )
    return out


def _data_changes(before: Review, after: Review) -> list[Change]:
    # subject → [(period end, period, value as shown, source)] of figures not there before
    new: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    out: list[Change] = []
    for key, (value, period, unit, source) in after.data.items():
        company, metric, _freq, end, kind = key.split("|")
        subject = f"{company} {metric}" + ("" if kind == "actual" else f" ({kind})")
        old = before.data.get(key)
        shown = fmt.value_with_unit(value, unit)
        if old is None:
            new[subject].append((end, period, shown, source))
        elif abs(old[0] - value) > 1e-12 * max(abs(old[0]), abs(value), 1.0):
            was = fmt.value_with_unit(old[0], unit)
            out.append(
                Change(
                    "revised",
                    subject,
                    f"{subject} {period} revised: {was} → {shown}",
                    company,
                    metric,
                    period,
                    was,
                    shown,
                    source,
                    end,
                    "figure",
                )
            )
    for subject, figures in new.items():
        figures.sort()
        periods = [f[1] for f in figures]
        listed = ", ".join(periods[-4:]) + (
            f" and {len(periods) - 4} more" if len(periods) > 4 else ""
        )
        end, period, shown, source = figures[-1]  # the latest: what the line shows
        company, _, metric = subject.partition(" ")
        out.append(
            Change(
                "new_data",
                subject,
                f"{subject}: new figures for {listed}",
                company,
                metric.split(" (")[0],
                period,
                "",
                shown,
                source,
                end,
                "figure",
            )
        )
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
    return ReviewDiff(previous.at, tuple(ordered(changes)))


def filing_changes(filed: Iterable[FiledReport], since: dt.datetime) -> list[Change]:
    """Filings fetch edgar first saw after `since` (the last review), in words: a 6-K or 8-K
    may carry the results ("BABA filed 6-K on 2026-11-25 — results?")."""
    out = []
    for f in filed:
        seen = f.seen if f.seen.tzinfo else f.seen.replace(tzinfo=dt.UTC)
        if seen <= since:
            continue
        form = f.form.split("/")[0]
        tail = " — results?" if form in RESULTS_FORMS else ""
        if f.periodic and f.period:
            tail = f" for the period to {f.period.isoformat()}"
        text = f"{f.company} filed {f.form} on {f.filed.isoformat()}{tail}"
        out.append(
            Change(
                "filing", f"{f.company} {f.form} {f.accession}", text, f.company,
                period=f.period.isoformat() if f.period else "", new=f.form, source=f.link,
                when=f.filed.isoformat(),
            )
        )  # fmt: skip
    return out


def with_filings(diff: ReviewDiff, filed: Iterable[FiledReport]) -> ReviewDiff:
    """`diff` with the filings that arrived since its review (none before a first review)."""
    if diff.since is None:
        return diff
    since = diff.since if diff.since.tzinfo else diff.since.replace(tzinfo=dt.UTC)
    news = filing_changes(filed, since)
    return replace(diff, changes=tuple(ordered([*diff.changes, *news]))) if news else diff


def ordered(changes: list[Change]) -> list[Change]:
    """Grouped by kind (most important first, kinds this module does not know last), newest
    first within a group (a change with no date after the dated ones)."""
    by_date = sorted(changes, key=lambda c: c.when, reverse=True)
    return sorted(by_date, key=lambda c: ORDER.index(c.kind) if c.kind in ORDER else len(ORDER))


def since_last(log: Path, snapshot: Snapshot) -> ReviewDiff:
    """What changed between the last recorded review and `snapshot`."""
    return compare(review.last(log), review.capture(snapshot))


def mark(log: Path, snapshot: Snapshot, note: str = "") -> tuple[Review, ReviewDiff]:
    """Record a review of `snapshot` (with the changes it acknowledges and the user's `note`,
    what they concluded) and return it."""
    current = review.capture(snapshot)
    diff = compare(review.last(log), current)
    if snapshot.review is not None:  # the filings it listed are acknowledged too
        filed = [c for c in snapshot.review.changes if c.kind == "filing"]
        diff = replace(diff, changes=tuple(ordered([*diff.changes, *filed])))
    recorded = replace(
        current, changes=tuple(c.text for c in diff.changes), note=clean_multiline(note).strip()
    )
    review.append(log, recorded)
    return recorded, diff
