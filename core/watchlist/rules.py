"""The `[[signal]]` tables of the watchlist: the Signal type and its strict parsing.

A signal is a rule on one company's metric (`metric op threshold`), a combination of other
signals (`all`/`any`), an event signal (`event`, `within_days`) or a revision signal
(`change = "revision"`). `signals_of` validates every entry, collecting located problems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from capexwatch.core.base.text import suggest
from capexwatch.core.figures import catalogue
from capexwatch.core.figures.observations import FREQS
from capexwatch.core.files.validate import Checker

Op = Literal[">", ">=", "<", "<="]
OPS: tuple[Op, ...] = (">", ">=", "<", "<=")
DEFAULT_STALE_DAYS = 150  # a quarter plus the usual reporting lag


@dataclass(frozen=True)
class Signal:
    """A rule on a metric (`metric op threshold`) or a combination of other signals (all/any)."""

    id: str
    title: str
    company: str | None = None
    metric: str | None = None
    op: Op | None = None
    threshold: float | str | None = None
    near: float | None = None
    freq: str | None = None
    stale_after_days: int = DEFAULT_STALE_DAYS
    note: str = ""
    muted: bool = False
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    # An event signal (`event = "utilization_disclosure"`) triggers while a recorded event of
    # that kind is at most `within_days` old; a revision signal (`change = "revision"`) compares
    # the latest revision of `metric` (relative change, or pp for ratios) with the threshold.
    event: str | None = None
    within_days: int | None = None
    change: str | None = None

    @property
    def is_composite(self) -> bool:
        return bool(self.all or self.any)

    @property
    def is_event(self) -> bool:
        return self.event is not None

    @property
    def is_revision(self) -> bool:
        return self.change == "revision"

    @property
    def rule(self) -> str:
        """The rule as written: `cloud_revenue_yoy > 0.34 (near 0.02)`."""
        if self.all:
            return "all of " + ", ".join(self.all)
        if self.any:
            return "any of " + ", ".join(self.any)
        if self.event:
            return f"event {self.event} within {self.within_days} days"
        near = f" (near {self.near:g})" if self.near else ""
        threshold = self.threshold if isinstance(self.threshold, str) else f"{self.threshold:g}"
        if self.is_revision:
            return f"revision of {self.metric} {self.op} {threshold}{near}"
        return f"{self.metric} {self.op} {threshold}{near}"


SIGNAL_KEYS = (
    "id",
    "title",
    "company",
    "metric",
    "op",
    "threshold",
    "near",
    "freq",
    "stale_after_days",
    "note",
    "muted",
    "all",
    "any",
    "event",
    "within_days",
    "change",
)
DEFAULT_EVENT_DAYS = 90
CHANGES = ("revision",)


def company_ref(
    check: Checker, path: tuple[Any, ...], value: str, companies: Mapping[str, object]
) -> bool:
    if value in companies:
        return True
    check.problem(
        path,
        f"unknown company '{value}'{suggest(value, companies)} (add it as a [company.ID] table)",
    )
    return False


def signals_of(
    check: Checker,
    data: dict[str, Any],
    companies: Mapping[str, object],
    known_metrics: set[str] | frozenset[str],
) -> tuple[Signal, ...]:
    entries = check.get(data, (), "signal", list, default=[])
    out: list[Signal] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(entries):
        path = ("signal", index)
        if not isinstance(table, dict):
            check.problem(path, "each [[signal]] entry must be a table")
            continue
        check.keys(table, path, SIGNAL_KEYS)
        sid = check.get(table, path, "id", str, required=True, default=f"signal-{index + 1}")
        if sid in seen:
            check.problem(
                (*path, "id"), f"duplicate signal id '{sid}' (also signal {seen[sid] + 1})"
            )
        seen.setdefault(sid, index)
        signal = _signal(check, table, path, sid, companies, known_metrics)
        if signal is not None:
            out.append(signal)
    _check_combinations(check, out, entries)
    return tuple(out)


def _metric_ref(
    check: Checker, path: tuple[Any, ...], metric: str, known: set[str] | frozenset[str]
) -> bool:
    if catalogue.lookup(metric, known) is not None:
        return True
    choices = catalogue.known_ids(known)
    choices += [f"{m}_yoy" for m in choices] + [f"{m}_qoq" for m in choices]
    check.problem(path, f"unknown metric '{metric}'{suggest(metric, choices)}")
    return False


def _signal(
    check: Checker,
    table: dict[str, Any],
    path: tuple[Any, ...],
    sid: str,
    companies: Mapping[str, object],
    known: set[str] | frozenset[str],
) -> Signal | None:
    title = check.get(table, path, "title", str, default=sid)
    common = {
        "id": sid,
        "title": title,
        "note": check.get(table, path, "note", str, default=""),
        "muted": check.get(table, path, "muted", bool, default=False),
        "stale_after_days": check.get(
            table, path, "stale_after_days", int, default=DEFAULT_STALE_DAYS
        ),
    }
    if common["stale_after_days"] <= 0:
        check.problem(
            (*path, "stale_after_days"), "stale_after_days must be a positive number of days"
        )
    combined = {k: check.get(table, path, k, list, default=[]) for k in ("all", "any")}
    if combined["all"] or combined["any"]:
        if combined["all"] and combined["any"]:
            check.problem((*path, "any"), "a signal combines with 'all' or 'any', not both")
        rule_keys = [
            k
            for k in ("company", "metric", "op", "threshold", "near", "freq", "event", "change")
            if k in table
        ]
        if rule_keys:
            check.problem(
                (*path, rule_keys[0]),
                f"a combined signal (all/any) takes no '{rule_keys[0]}'",
                at_value=False,
            )
        for key, ids in combined.items():
            if not all(isinstance(i, str) for i in ids):
                check.problem((*path, key), f"'{key}' must be an array of signal ids (strings)")
                combined[key] = []
        return Signal(**common, all=tuple(combined["all"]), any=tuple(combined["any"]))
    if "event" in table:
        return _event_signal(check, table, path, common, companies)
    change = check.get(table, path, "change", str)
    if change is not None and change not in CHANGES:
        check.problem((*path, "change"), f"change must be one of {', '.join(CHANGES)}")
        change = None
    within = _within_days(check, table, path, None)
    if within is not None and change is None:
        check.problem(
            (*path, "within_days"),
            'within_days applies to event signals and to change = "revision"',
            at_value=False,
        )

    company = check.get(table, path, "company", str, required=True)
    metric = check.get(table, path, "metric", str, required=True)
    op = check.get(table, path, "op", str, required=True)
    threshold = check.get(table, path, "threshold", (float, str), required=True)
    near = check.get(table, path, "near", float)
    freq = check.get(table, path, "freq", str)
    ok = None not in (company, metric, op, threshold)
    if company is not None and not company_ref(check, (*path, "company"), company, companies):
        ok = False
    if metric is not None and not _metric_ref(check, (*path, "metric"), metric, known):
        ok = False
    if op is not None and op not in OPS:
        check.problem((*path, "op"), f"op must be one of {', '.join(OPS)}, not {op!r}")
        ok = False
    if isinstance(threshold, str) and change is not None:
        check.problem((*path, "threshold"), "a revision is compared with a number, not a metric")
        ok = False
    elif isinstance(threshold, str) and not _metric_ref(
        check, (*path, "threshold"), threshold, known
    ):
        ok = False
    if near is not None and near < 0:
        check.problem((*path, "near"), "near must be 0 or more (a band in the metric's units)")
        near = None
    if freq is not None and freq not in FREQS:
        check.problem((*path, "freq"), f"freq must be one of {', '.join(FREQS)}")
        freq = None
    if not ok:
        return None
    return Signal(
        **common,
        company=company,
        metric=metric,
        op=op,
        threshold=threshold,
        near=near,
        freq=freq,
        change=change,
        within_days=within,
    )


def _within_days(
    check: Checker, table: dict[str, Any], path: tuple[Any, ...], default: int | None
) -> int | None:
    days = check.get(table, path, "within_days", int, default=default)
    if days is not None and days <= 0:
        check.problem((*path, "within_days"), "within_days must be a positive number of days")
        return default
    return days


def _event_signal(
    check: Checker,
    table: dict[str, Any],
    path: tuple[Any, ...],
    common: dict[str, Any],
    companies: Mapping[str, object],
) -> Signal | None:
    """`event = KIND` for `company`: triggered while such an event is at most within_days old."""
    extra = [k for k in ("metric", "op", "threshold", "near", "freq", "change") if k in table]
    if extra:
        check.problem((*path, extra[0]), f"an event signal takes no '{extra[0]}'", at_value=False)
    company = check.get(table, path, "company", str, required=True)
    kind = check.get(table, path, "event", str, required=True)
    within = _within_days(check, table, path, DEFAULT_EVENT_DAYS)
    ok = company is not None and company_ref(check, (*path, "company"), company, companies)
    if kind is not None and not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", kind):
        check.problem((*path, "event"), "event must be a kind such as utilization_disclosure")
        ok = False
    if not ok or kind is None:
        return None
    return Signal(**common, company=company, event=kind, within_days=within)


def _check_combinations(check: Checker, signals: list[Signal], entries: list[Any]) -> None:
    by_id = {s.id: s for s in signals}
    index = {e.get("id"): i for i, e in enumerate(entries) if isinstance(e, dict)}
    for signal in signals:
        for key in ("all", "any"):
            for ref in getattr(signal, key):
                if ref not in by_id and ref not in index:
                    check.problem(
                        ("signal", index.get(signal.id, 0), key),
                        f"'{key}' names unknown signal '{ref}'{suggest(ref, by_id)}",
                    )

    # A combination that (through others) contains itself could never be evaluated. One
    # depth-first walk over the whole graph, iterative (a chain of thousands of combinations
    # must not exhaust Python's stack) and linear (each signal expanded once).
    for cycle in cycles(by_id):
        first = by_id[cycle[0]]
        check.problem(
            ("signal", index.get(first.id, 0), "all" if first.all else "any"),
            f"signal '{first.id}' combines itself through {_path(cycle)}",
        )


def cycles(by_id: dict[str, Signal]) -> list[tuple[str, ...]]:
    """Each cycle of combined signals found by one depth-first walk (`a → b → a` as
    ("a", "b", "a")); signals not in `by_id` are leaves. Linear in signals plus references."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[tuple[str, ...]] = []
    for root in by_id:
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        stack = [iter(_refs(by_id[root]))]
        while stack:
            ref = next(stack[-1], None)
            if ref is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(ref) == 1:
                found.append((*path[path.index(ref) :], ref))
            elif ref not in state and ref in by_id:
                state[ref] = 1
                path.append(ref)
                stack.append(iter(_refs(by_id[ref])))
    return found


def _refs(signal: Signal) -> tuple[str, ...]:
    return (*signal.all, *signal.any)


def _path(cycle: tuple[str, ...]) -> str:
    """`a → b → a`, the middle of a long cycle left out."""
    if len(cycle) <= 8:
        return " → ".join(cycle)
    return " → ".join((*cycle[:3], f"… {len(cycle) - 6} more …", *cycle[-3:]))
