"""The review memo: signals and what changed, the peer table, and the pressure-test cards.

`markdown()` reads well on GitHub; every piece of data goes through core.base.markdown so a
company name, note or answer cannot break a table. `as_json()` carries the same content.
"""

from __future__ import annotations

from typing import Any

from capexwatch.core.base import format as fmt
from capexwatch.core.base import markdown as md
from capexwatch.core.base.text import clean
from capexwatch.core.figures.observations import kind_mark
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.verdict import SYMBOL, Gate
from capexwatch.core.report import peer_table as memo_peers
from capexwatch.core.report.sources import Footnotes
from capexwatch.core.review.diff import ReviewDiff
from capexwatch.core.review.log import Review
from capexwatch.core.signals import crossings, thresholds
from capexwatch.core.signals.evaluate import SYMBOLS, Point, SignalResult, status_label
from capexwatch.core.snapshot.picture import Snapshot


def status_word(result: SignalResult) -> str:
    word = status_label(result.status)
    return word + (" · STALE" if result.stale else "") + (" (muted)" if result.signal.muted else "")


def _value(number: float | None, unit: str | None) -> str:
    return fmt.value_with_unit(number, unit) if number is not None else "—"


def _header(snapshot: Snapshot, diff: ReviewDiff, last: Review | None) -> list[str]:
    counts = snapshot.counts()
    signals = " · ".join(f"{SYMBOLS[k]} {n} {k.replace('_', ' ')}" for k, n in counts.items())
    gates = " · ".join(f"{SYMBOL[s]} {n} {s}" for s, n in snapshot.gate_counts().items())
    since = (
        f"last review {diff.since:%Y-%m-%d %H:%M} UTC · {diff.summary()}"
        if diff.since
        else "not reviewed yet"
    )
    note = [] if last is None or not last.note else [
        f"> **Review note ({last.at:%Y-%m-%d}):** " + md.inline(last.note).replace("\n", " "), ""
    ]  # fmt: skip
    return [
        f"# capexwatch review memo — {snapshot.today.isoformat()}",
        "",
        *note,
        f"Data to {fmt.date(snapshot.data_as_of)} · signals: {signals}"
        + (f" · gates: {gates}" if snapshot.gates else ""),
        "",
        f"_{md.inline(since)}_",
    ]


def _changes(diff: ReviewDiff, notes: Footnotes) -> list[str]:
    lines = ["", "## Changes since the last review", ""]
    if diff.since is None:
        return [*lines, "No review recorded yet: `capexwatch review --mark` records one."]
    if not diff.changes:
        return [*lines, "Nothing changed."]
    return lines + [
        f"- **{c.kind.replace('_', ' ')}** — {md.inline(c.text)}{notes.cite(c.source)}"
        for c in diff.changes
    ]


def _code(text: str) -> str:
    """A code span inside a table cell: no backticks, pipes escaped (GitHub reads `\\|`)."""
    return "`" + clean(text).replace("`", "'").replace("|", "\\|") + "`"


def last_crossing(result: SignalResult) -> str:
    """The latest threshold crossing in the signal's history (with hysteresis), in words."""
    _side, found = crossings.of_result(result)
    if not found:
        return "—"
    last = found[-1]
    return f"{'crossed' if last.side == 'past' else 'back'} {last.period}"


def marks(point: Point | None) -> str:
    """The app's marks after a figure: ! sources disagree (every side is in the app's details),
    '~ estimate' or '~ guidance' for a forecast."""
    if point is None:
        return ""
    kind = kind_mark(point.kind)
    return ("!" if point.conflict else "") + (f" {kind}" if kind else "")


def figure(value: float | None, unit: str | None, point: Point | None, notes: Footnotes) -> str:
    """`34.0% FY2026Q2 [1]`: a number with its period and its numbered source."""
    if value is None:
        return "—"
    period = f" {point.period}" if point is not None and point.period else ""
    source = notes.cite(point.source) if point is not None else ""
    return md.inline(f"{_value(value, unit)}{marks(point)}{period}") + source


def _signals(snapshot: Snapshot, diff: ReviewDiff, notes: Footnotes) -> list[str]:
    changed = {c.subject for c in diff.changes}
    rows = []
    for r in snapshot.sorted_results():
        known = [p for p in r.history if p.value is not None]
        latest = known[-1] if known and known[-1].period == r.period else None
        before = known[-2] if latest is not None and len(known) > 1 else None
        if latest is None and r.value is not None:  # a figure without history: its own source
            shown = f"{_value(r.value, r.unit)} {r.kind_mark} {r.period or ''}"
            latest_text = md.inline(" ".join(shown.split()))
            latest_text += notes.cite(r.source)
        else:
            latest_text = figure(r.value, r.unit, latest, notes)
        rows.append(
            [
                status_word(r),
                md.inline(r.signal.title) + (" **(changed)**" if r.signal.id in changed else ""),
                md.inline(r.signal.company or ""),
                latest_text,
                figure(r.previous, r.unit, before, notes) if r.previous is not None else "—",
                md.inline(thresholds.rule_text(r)),
                fmt.date(r.as_of),
                md.inline(last_crossing(r)),
            ]
        )
    header = ["Status", "Signal", "Co.", "Latest", "Previous", "Rule", "As of", "Last crossing"]
    legend = (
        "Each figure: value, period and [source] (listed at the end); ! its sources disagree "
        "(the app's details show every side). Rules in the figures' units."
    )
    disputed = [
        f"- {md.inline(r.signal.title)} ({md.inline(r.period or '')}): "
        + "; ".join(md.inline(side.text) for side in r.sides)
        for r in snapshot.sorted_results()
        if r.sides
    ]
    if disputed:  # every side of a disputed figure, so the reader can judge (data prefer)
        disputed = ["", "Disputed figures, every side (current marked):", "", *disputed]
    return ["", "## Signals", "", md.table(header, rows, escape=False), "", legend, *disputed]


def _inputs(gate_id: str, snapshot: Snapshot) -> list[list[str]]:
    assert snapshot.plan is not None
    entry = snapshot.plan.entry(gate_id)
    rows = []
    for item in plans.BY_ID[gate_id].inputs:
        value = entry.values.get(item.key)
        shown = "—" if value is None else show_input(item.kind, value)
        # Input keys are ours (letters and underscores): a code span reads better than escapes.
        rows.append([f"`{item.key}`", md.inline(item.label), md.inline(shown)])
    return rows


def show_input(kind: str, value: float | str) -> str:
    """An input as the cards show it: 0.85 as 85.0%, 12000000 as 12.0M."""
    if isinstance(value, str):
        return value
    if kind == "ratio":
        return fmt.value(value, "ratio")
    if kind == "amount":
        return fmt.amount(value)
    return f"{value:g}"


def _card(gate: Gate, snapshot: Snapshot, reviewed: str) -> list[str]:
    assert snapshot.plan is not None
    section = plans.BY_ID[gate.id]
    entry = snapshot.plan.entry(gate.id)
    number = f"{section.number}. " if section.number else "Stage gate: "
    lines = ["", f"### {number}{md.inline(section.question)}", ""]
    lines.append(
        f"**{gate.label}** · owner: {md.inline(entry.owner) or '_none named_'} · "
        f"last review: {reviewed}"
    )
    lines += ["", f"> {md.inline(entry.answer)}" if entry.answer.strip() else "> _no answer yet_"]
    if section.inputs:
        lines += [
            "",
            md.table(["Input", "Meaning", "Value"], _inputs(gate.id, snapshot), escape=False),
        ]
    if gate.markets:
        rows = [
            [md.inline(m.name), f"{SYMBOL[m.status]} {m.status.upper()}", md.inline(m.detail)]
            for m in gate.markets
        ]
        lines += ["", md.table(["Market", "Status", "Payback"], rows, escape=False)]
    lines += ["", f"- **Arithmetic:** {md.inline(gate.detail)}"]
    if gate.break_even:
        lines.append(f"- **Break-even:** {md.inline(gate.break_even)}")
    return lines


def markdown(snapshot: Snapshot, diff: ReviewDiff, last: Review | None) -> str:
    """The memo as GitHub-flavoured Markdown."""
    notes = Footnotes()
    lines = (
        _header(snapshot, diff, last)
        + _changes(diff, notes)
        + _signals(snapshot, diff, notes)
        + memo_peers.markdown_section(snapshot, notes)
    )
    if snapshot.gates:
        reviewed = f"{last.at:%Y-%m-%d}" if last else "never"
        plan = snapshot.plan.path.name if snapshot.plan is not None else "plan.toml"
        lines += ["", "## Pressure test", "", f"Inputs from {md.inline(plan)}, as of today."]
        for gate in snapshot.gates:
            lines += _card(gate, snapshot, reviewed)
    lines += notes.markdown()
    return "\n".join(lines) + "\n"


def as_json(snapshot: Snapshot, diff: ReviewDiff, last: Review | None) -> dict[str, Any]:
    """The memo's content as plain data."""
    plan = snapshot.plan
    return {
        "date": snapshot.today.isoformat(),
        "data_as_of": fmt.date(snapshot.data_as_of),
        "last_review": last.at.isoformat() if last else None,
        "note": last.note if last else "",
        "changes": [{"kind": c.kind, "subject": c.subject, "text": c.text} for c in diff.changes],
        "signals": [
            {
                "id": r.signal.id,
                "title": r.signal.title,
                "company": r.signal.company,
                "status": r.status,
                "stale": r.stale,
                "value": r.value,
                "previous": r.previous,
                "unit": r.unit,
                "period": r.period,
                "kind": r.kind,
                "sides": [side.as_json() for side in r.sides],
                "rule": r.signal.rule,
                "rule_text": thresholds.rule_text(r),
                "source": r.source,
                "crossings": [
                    {"period": c.period, "side": c.side, "value": c.value}
                    for c in crossings.of_result(r)[1]
                ],
            }
            for r in snapshot.sorted_results()
        ],
        "peers": memo_peers.as_json(snapshot),
        "gates": [
            {
                "id": g.id,
                "question": plans.BY_ID[g.id].question,
                "answer": plan.entry(g.id).answer if plan else "",
                "owner": plan.entry(g.id).owner if plan else "",
                "status": g.status,
                "detail": g.detail,
                "break_even": g.break_even,
                "break_even_value": g.break_even_value,
                "to_pause": list(g.to_pause),
            }
            for g in snapshot.gates
        ],
    }
