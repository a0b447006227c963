"""Evaluate signals against metric values: triggered, near, ok or no_data, plus a stale flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from capexwatch.core.base.frames import split_by
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue, disputes, metrics, observations
from capexwatch.core.signals import hysteresis
from capexwatch.core.watchlist.model import Signal

Status = Literal["triggered", "near", "ok", "no_data"]
STATUSES: tuple[Status, ...] = ("triggered", "near", "ok", "no_data")
SEVERITY: dict[Status, int] = {"triggered": 0, "near": 1, "ok": 2, "no_data": 3}
# How a status reads everywhere (app, check, memo, review, alerts): a symbol and a word, so it
# never depends on colour.
SYMBOLS: dict[Status, str] = {"triggered": "▲", "near": "◆", "ok": "●", "no_data": "○"}
WORDS: dict[Status, str] = {
    "triggered": "TRIGGERED",
    "near": "NEAR",
    "ok": "OK",
    "no_data": "NO DATA",
}


def status_label(status: Status) -> str:
    """`▲ TRIGGERED`: readable without colour."""
    return f"{SYMBOLS[status]} {WORDS[status]}"


def status_word(status: str | None) -> str:
    """`NO DATA` for a status id (an unknown or missing one reads as its name, or "NONE")."""
    for known, word in WORDS.items():
        if status == known:
            return word
    return (status or "none").upper().replace("_", " ")


FREQ_PREFERENCE = ("Q", "H", "TTM", "FY")
HISTORY_POINTS = 8
# 0.10 − 0.08 is 0.020000000000000004 in floating point; a value on the band's edge is near.
_EPSILON = 1e-9

_COMPARE = hysteresis.COMPARE


@dataclass(frozen=True)
class Point:
    """One period of a metric: enough to draw it and to trace it to its source."""

    period: str
    period_end: dt.date
    value: float | None
    unit: str
    source: str
    published: dt.date | None
    derived: bool
    conflict: bool
    kind: str = "actual"  # or estimate, guidance (observations.KINDS)

    @classmethod
    def from_row(cls, row: dict[str, Any], *, flags: bool = True) -> Point:
        """A Point from a metric-value row; `flags=False` for rows without derived/conflict."""
        return cls(
            row["period"],
            row["period_end"],
            row["value"],
            row["unit"],
            row["source"] or "",
            row["published"],
            flags and bool(row["derived"]),
            flags and bool(row["conflict"]),
            str(row.get("kind") or "actual"),
        )


@dataclass(frozen=True)
class SignalResult:
    """What a signal says today, and why."""

    signal: Signal
    status: Status
    stale: bool
    reason: str
    value: float | None = None
    previous: float | None = None
    threshold: float | None = None
    unit: str | None = None
    period: str | None = None
    period_end: dt.date | None = None
    source: str | None = None
    history: tuple[Point, ...] = ()
    kind: str | None = None  # the latest figure's kind: an estimate or guidance is marked
    # When the latest figure is disputed: every competing value (core.figures.disputes).
    sides: tuple[disputes.Side, ...] = ()
    freq: str | None = None  # the frequency of the series the signal read
    # Against another metric: its value at each point of `history` (None where it has none),
    # so a chart draws the line the value was judged against, not only its latest level.
    thresholds: tuple[float | None, ...] = ()

    @property
    def kind_mark(self) -> str:
        """'~ estimate' or '~ guidance' when the latest figure is a forecast, else ''."""
        return observations.kind_mark(self.kind)

    @property
    def as_of(self) -> dt.date | None:
        """The date the latest figure is as of (its period end)."""
        return self.period_end

    @property
    def distance(self) -> float | None:
        """How far the value is from the threshold (0 on the line), for sorting."""
        if self.value is None or self.threshold is None:
            return None
        return abs(self.value - self.threshold)

    @property
    def sort_key(self) -> tuple[int, float, str]:
        """Severity first, then closest to its threshold; muted signals last."""
        severity = SEVERITY[self.status] + (10 if self.signal.muted else 0)
        distance = self.distance
        return (severity, distance if distance is not None else float("inf"), self.signal.title)


def metric_ids(signals: Iterable[Signal]) -> set[str]:
    """Every metric id the signals read (their metric and metric thresholds)."""
    ids: set[str] = set()
    for signal in signals:
        if signal.metric:
            ids.add(signal.metric)
        if isinstance(signal.threshold, str):
            ids.add(signal.threshold)
    return ids


def signal_companies(signals: Iterable[Signal]) -> set[str]:
    """Every company the signals read (composites read none of their own)."""
    return {s.company for s in signals if s.company}


def _series(
    values: dict[tuple[str, str], pl.DataFrame], company: str, metric: str
) -> pl.DataFrame | None:
    return values.get((company, metric))


def _choose_freq(series: pl.DataFrame, wanted: str | None) -> str | None:
    freqs = set(series.filter(pl.col("value").is_not_null()).get_column("freq").to_list())
    if wanted:
        return wanted if wanted in freqs else None
    return next((f for f in FREQ_PREFERENCE if f in freqs), None)


def _points(frame: pl.DataFrame) -> tuple[Point, ...]:
    return tuple(Point.from_row(r) for r in frame.iter_rows(named=True))


Histories = dict[tuple[str, str, str | None], tuple[str | None, tuple[Point, ...]]]


def _history(
    values: dict[tuple[str, str], pl.DataFrame], company: str, metric: str, wanted: str | None
) -> tuple[str | None, tuple[Point, ...]]:
    """(frequency, latest points) of one series; (None, ()) without figures."""
    series = _series(values, company, metric)
    freq = _choose_freq(series, wanted) if series is not None else None
    if series is None or freq is None:
        return None, ()
    rows = series.filter((pl.col("freq") == freq) & pl.col("value").is_not_null()).sort(
        "period_end"
    )
    return freq, _points(rows.tail(HISTORY_POINTS))


def _aligned(
    other: pl.DataFrame | None, freq: str, history: tuple[Point, ...]
) -> tuple[float | None, ...]:
    """`other`'s value (same frequency) at each period end of `history`; None where missing."""
    if other is None:
        return tuple(None for _ in history)
    known = other.filter((pl.col("freq") == freq) & pl.col("value").is_not_null())
    by_end = dict(zip(known.get_column("period_end"), known.get_column("value"), strict=True))
    return tuple(float(by_end[p.period_end]) if p.period_end in by_end else None for p in history)


def _evaluate_rule(
    signal: Signal,
    values: dict[tuple[str, str], pl.DataFrame],
    today: dt.date,
    histories: Histories | None = None,
) -> SignalResult:
    assert signal.company and signal.metric and signal.op and signal.threshold is not None
    # Signals on the same series (thresholds, near bands) share its history: computed once.
    key = (signal.company, signal.metric, signal.freq)
    if histories is not None and key in histories:
        freq, history = histories[key]
    else:
        freq, history = _history(values, *key)
        if histories is not None:
            histories[key] = (freq, history)
    if freq is None or not history:
        return SignalResult(
            signal, "no_data", False, f"no {signal.metric} figures for {signal.company} yet"
        )
    latest = history[-1]
    previous = history[-2].value if len(history) > 1 else None
    stale = (today - latest.period_end).days > signal.stale_after_days
    found = SignalResult(
        signal,
        "no_data",
        stale,
        "",
        value=latest.value,
        previous=previous,
        unit=latest.unit,
        period=latest.period,
        period_end=latest.period_end,
        source=latest.source,
        history=history,
        kind=latest.kind,
        freq=freq,
    )
    if isinstance(signal.threshold, str):
        thresholds = _aligned(_series(values, signal.company, signal.threshold), freq, history)
        found = replace(found, thresholds=thresholds)
        if thresholds[-1] is None:
            what = catalogue.label(signal.threshold)
            return replace(found, reason=f"no {what} for {latest.period} to compare with")
        threshold = thresholds[-1]
    else:
        threshold = float(signal.threshold)
    assert latest.value is not None
    value = latest.value
    lines = result_lines(signal, found)
    if _COMPARE[signal.op](value, threshold):
        status: Status = "triggered"
        reason = f"{value:.4g} {signal.op} {threshold:.4g}"
    elif hysteresis.held(signal, zip((p.value for p in history), lines, strict=True)):
        # Back over the line, but not clearly: still triggered (see core.signals.hysteresis).
        status = "triggered"
        width = hysteresis.band(signal, threshold)
        reason = (
            f"{value:.4g} is not {signal.op} {threshold:.4g} but within the {width:.4g} band "
            "of the line: held since it triggered"
        )
    elif signal.near is not None and abs(value - threshold) <= signal.near + _EPSILON:
        status = "near"
        reason = f"{value:.4g} is within {signal.near:g} of {threshold:.4g}"
    else:
        status = "ok"
        reason = f"{value:.4g} is not {signal.op} {threshold:.4g}"
    return replace(found, status=status, reason=reason, threshold=threshold)


def result_lines(signal: Signal, result: SignalResult) -> tuple[float | None, ...]:
    """The threshold at each point of the result's history (another metric's value there, or
    the signal's fixed number)."""
    if result.thresholds:
        return result.thresholds
    assert isinstance(signal.threshold, int | float)
    return tuple(float(signal.threshold) for _ in result.history)


def _combine(signal: Signal, children: list[SignalResult]) -> SignalResult:
    statuses = [c.status for c in children]
    stale = any(c.stale for c in children)
    if signal.all:
        if "ok" in statuses:
            status: Status = "ok"
        elif "no_data" in statuses:
            status = "no_data"
        elif "near" in statuses:
            status = "near"
        else:
            status = "triggered"
        word = "all"
    else:
        status = min(statuses, key=lambda s: SEVERITY[s]) if statuses else "no_data"
        word = "any"
    # In words: each part's title and status ("Cloud growth beyond 34%: no data").
    parts = ", ".join(f"{c.signal.title}: {c.status.replace('_', ' ')}" for c in children)
    return SignalResult(signal, status, stale, f"{word} of: {parts}")


def evaluate(
    signals: Iterable[Signal],
    values: pl.DataFrame,
    today: dt.date,
    *,
    observations: pl.DataFrame | None = None,
    events: pl.DataFrame | None = None,
) -> tuple[SignalResult, ...]:
    """Results for `signals`, in their file order. `values` comes from `metrics.compute`.

    Revision signals read the raw `observations` (every publication), event signals `events`.
    """
    from capexwatch.core.signals import kinds as signal_kinds  # builds on this module's types

    signals = list(signals)
    by_key: dict[tuple[str, str], pl.DataFrame] = {}
    if not values.is_empty():
        by_key = {
            (str(key[0]), str(key[1])): frame
            for key, frame in split_by(values, "company", "metric").items()
        }
    by_id = {s.id: s for s in signals}
    done: dict[str, SignalResult] = {}
    histories: Histories = {}

    def leaf(signal: Signal) -> SignalResult:
        if signal.is_event:
            return signal_kinds.evaluate_event(signal, events, today)
        if signal.is_revision:
            return signal_kinds.evaluate_revision(signal, observations, today)
        return _evaluate_rule(signal, by_key, today, histories)

    def result(root: Signal) -> SignalResult:
        # Combined signals in topological order, each evaluated once, without recursion: a
        # chain of thousands of combinations must not exhaust Python's stack.
        stack: list[tuple[Signal, bool]] = [(root, False)]
        expanded: set[str] = set()
        while stack:
            signal, parts_done = stack.pop()
            if signal.id in done or (not parts_done and signal.id in expanded):
                continue
            if not signal.is_composite:
                done[signal.id] = leaf(signal)
                continue
            refs = [by_id[r] for r in (*signal.all, *signal.any) if r in by_id]
            if parts_done:
                # A part still missing closes a cycle (the loader refuses those): left out.
                done[signal.id] = _combine(signal, [done[r.id] for r in refs if r.id in done])
                continue
            expanded.add(signal.id)
            stack.append((signal, True))
            stack.extend((r, False) for r in refs if r.id not in done)
        return done[root.id]

    return tuple(result(s) for s in signals)


def evaluate_with_data(
    signals: Iterable[Signal],
    observations: pl.DataFrame,
    today: dt.date,
    events: pl.DataFrame | None = None,
) -> tuple[SignalResult, ...]:
    """Compute the metrics the signals need from raw observations, then evaluate them."""
    signals = list(signals)
    values = metrics.compute(observations, metric_ids(signals), signal_companies(signals))
    results = evaluate(signals, values, today, observations=observations, events=events)
    return tuple(_with_sides(r, observations) for r in results)


def _with_sides(result: SignalResult, observations: pl.DataFrame) -> SignalResult:
    """`result` with every side of its latest figure when that figure is disputed."""
    latest = result.history[-1] if result.history else None
    signal = result.signal
    if latest is None or not latest.conflict or not (signal.company and signal.metric):
        return result
    freq = result.freq or "Q"
    found = disputes.sides(observations, signal.company, signal.metric, freq, latest.period_end)
    return replace(result, sides=tuple(found))
