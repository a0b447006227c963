"""A signal in words: its rule, its latest figure, its sources and where sources disagree."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from capexwatch.core.base import format as fmt
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue, disputes
from capexwatch.core.signals import hysteresis
from capexwatch.core.signals.evaluate import Point, SignalResult
from capexwatch.core.watchlist.model import Signal

if (
    TYPE_CHECKING
):  # types only: capexwatch.core.signals.provenance is imported once the data is read
    from capexwatch.core.signals.provenance import Contribution, Revision

_OP_WORDS = {">": "above", ">=": "at or above", "<": "below", "<=": "at or below"}


def metric_unit(metric_id: str | None) -> str | None:
    """The display unit of a metric ("ratio", "pp", or None for an amount)."""
    metric = catalogue.lookup(metric_id) if metric_id else None
    if metric is None or metric.unit in ("amount", "count"):
        return None
    return metric.unit


def _band(near: float, unit: str | None) -> str:
    if unit in ("ratio", "pp"):
        return f"{near * 100:.1f}pp"
    return fmt.amount(near)


def rule_in_words(
    signal: Signal, unit: str | None = None, titles: Mapping[str, str] | None = None
) -> str:
    """`Triggers when Cloud revenue YoY is above 34.0% (near within 2.0pp).`; a combined
    signal names its parts by `titles` (signal id → title) where known, not by id."""
    if signal.is_composite:
        which = "all" if signal.all else "any"
        parts = [f"“{(titles or {}).get(p, p)}”" for p in (signal.all or signal.any)]
        return f"Triggers when {which} of these trigger: {', '.join(parts)}."
    if signal.event:
        kind = signal.event.replace("_", " ")
        return f"Triggers while a recorded {kind} event is at most {signal.within_days} days old."
    if not (signal.metric and signal.op):
        return signal.rule
    unit = unit or metric_unit(signal.metric)
    if isinstance(signal.threshold, str):
        threshold = f"its {catalogue.label(signal.threshold)}"
    else:
        threshold = fmt.value(signal.threshold, unit)
    near = f" (near within {_band(signal.near, unit)})" if signal.near else ""
    words = _OP_WORDS.get(signal.op, signal.op)
    what = catalogue.label(signal.metric)
    if signal.change == "revision":
        what = f"the latest revision of {what}"
    return f"Triggers when {what} is {words} {threshold}{near}."


def against(result: SignalResult) -> tuple[str, tuple[float | None, ...]] | None:
    """For a rule against another metric: that metric's label and its value at each period of
    the history (the chart draws it as a line); None for a fixed threshold."""
    line = result.signal.threshold
    if not isinstance(line, str) or not result.thresholds:
        return None
    return catalogue.label(line), result.thresholds


def _held(result: SignalResult) -> bool:
    """Triggered though the rule no longer holds: held by the band (core.signals.hysteresis)."""
    op, line = result.signal.op, result.threshold
    if result.status != "triggered" or op is None or line is None or result.value is None:
        return False
    return not hysteresis.COMPARE[op](result.value, line)


def _clears(result: SignalResult) -> str:
    """`back under 40.0% but not clearly: it clears below 39.6%`."""
    assert result.threshold is not None and result.signal.op is not None
    width = hysteresis.band(result.signal, result.threshold)
    upward = result.signal.op in (">", ">=")
    edge = result.threshold - width if upward else result.threshold + width
    back = "under" if upward else "over"
    return (
        f"back {back} {fmt.value_with_unit(result.threshold, result.unit)} but not clearly: "
        f"it clears {'below' if upward else 'above'} {fmt.value_with_unit(edge, result.unit)}"
    )


def latest_line(result: SignalResult) -> str:
    """`Latest 34.0% (FY2026Q2, to 2025-09-30) · previous 26.0%`."""
    if result.signal.event:  # no figure: the reason names the latest event, if any
        return result.reason[:1].upper() + result.reason[1:] + "."
    if result.value is None:
        return f"No figure yet: {result.reason}."
    mark = f" {result.kind_mark}" if result.kind_mark else ""
    line = (
        f"Latest {fmt.value_with_unit(result.value, result.unit)}{mark} "
        f"({result.period}, to {fmt.date(result.period_end)})"
    )
    if mark:  # a forecast drives this status: say so before anything else is read into it
        line += f"\nThe latest figure is {result.kind_mark[2:]}, not a reported actual."
    if result.previous is not None:
        line += f" · previous {fmt.value_with_unit(result.previous, result.unit)}"
    if result.threshold is not None:
        line += f" · threshold {fmt.value_with_unit(result.threshold, result.unit)}"
    if _held(result):
        line += f"\nStill TRIGGERED: {_clears(result)}."
    if result.status == "no_data" and result.reason:  # a figure, yet nothing to judge it by
        line += f"\nNo status: {result.reason}."
    return line


def sources(
    history: tuple[Point, ...], trace: Callable[[Point], list[Contribution]] | None = None
) -> list[str]:
    """Every source of the history, latest period first: `FY2026Q2  company release, 2025-11-25`.

    A derived point lists the figures it was computed from (`trace`, see signals.provenance), each
    with its own sources and date, instead of only its formula."""
    out = []
    for point in reversed(history):
        inputs = trace(point) if trace is not None and point.derived else []
        if inputs:
            how = point.source.removeprefix("derived: ") if point.source else "its inputs"
            out.append(f"{point.period}  computed: {how}, from")
            out.extend(_input_lines(inputs))
            continue
        if point.derived and not point.source:
            out.append(f"{point.period}  computed from reported figures")
            continue
        published = f", published {fmt.date(point.published)}" if point.published else ""
        for source in (point.source or "unknown source").split(" | "):
            out.append(f"{point.period}  {source}{published}")
    return out


def _input_lines(inputs: list[Contribution]) -> list[str]:
    out = []
    for figure in inputs:
        indent = "    " * figure.depth
        value = fmt.value_with_unit(figure.value, figure.unit)
        out.append(f"{indent}{catalogue.label(figure.metric)} {figure.period} = {value}")
        if figure.derived:
            continue  # its own inputs follow, one level deeper
        published = f", published {fmt.date(figure.published)}" if figure.published else ""
        for source in (figure.source or "unknown source").split(" | "):
            out.append(f"{indent}  {source}{published}")
    return out


def event_lines(found: list[dict[str, object]]) -> list[str]:
    """Recorded events, latest first: `2026-01-20  utilization_disclosure: text · source`."""
    return [f"{e['date']}  {e['kind']}: {e['text']} · {e['source']}" for e in found]


def revision_lines(found: list[Revision]) -> list[str]:
    """Each revision: `FY2026 120.0B (published 2025-08-01, src) → 100.0B (published …, src)`."""
    out = []
    for r in found:
        old = fmt.value_with_unit(r.old, r.unit)
        new = fmt.value_with_unit(r.new, r.unit)
        out.append(f"{r.period}  {old} → {new}")
        out.append(f"    was published {fmt.date(r.old_published)} · {r.old_source or '—'}")
        out.append(f"    revised {fmt.date(r.new_published)} · {r.new_source or '—'}")
    return out


def conflicts(result: SignalResult, observations: pl.DataFrame) -> list[str]:
    """For periods whose figure is disputed: every side, with its source and publication date,
    the current one marked (core.figures.disputes; `data prefer` settles one)."""
    out: list[str] = []
    signal = result.signal
    if not (signal.company and signal.metric):
        return out
    for point in result.history:
        if not point.conflict:
            continue
        latest = point is result.history[-1] and result.sides
        found = (
            list(result.sides)
            if latest
            else disputes.sides(
                observations, signal.company, signal.metric, result.freq or "Q", point.period_end
            )
        )
        if not found:
            out.append(f"{point.period}: sources disagree ({point.source})")
            continue
        out.append(f"{point.period}:")
        out.extend(f"  · {side.text}" for side in found)
    if out:
        what = f"{signal.company} {signal.metric} PERIOD"
        out.append(f"Settle one: capexwatch data prefer {what} --source TEXT")
    return out
