"""The watchlist file: companies, peer groups, FX rates, UI settings and signals.

`load(path, known_metrics)` returns a frozen `Watchlist` or raises ConfigError listing every
problem as `PATH:LINE:COL: message`. A missing file is created from the commented defaults;
an existing file is never written here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from core import catalogue, safewrite, tomlfile
from core.observations import FREQS
from core.validate import Checker

Op = Literal[">", ">=", "<", "<="]
OPS: tuple[Op, ...] = (">", ">=", "<", "<=")
DEFAULT_STALE_DAYS = 150  # a quarter plus the usual reporting lag
THEMES = ("capexwatch-dark", "capexwatch-light", "capexwatch-contrast")


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    currency: str
    fiscal_year_end_month: int = 12
    cik: int | None = None


@dataclass(frozen=True)
class PeerGroup:
    id: str
    title: str
    companies: tuple[str, ...]


@dataclass(frozen=True)
class FxRate:
    """1 unit of `source_currency` is `rate` units of `target_currency`."""

    source_currency: str
    target_currency: str
    rate: float
    as_of: dt.date | None = None
    source: str = ""


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


@dataclass(frozen=True)
class UiSettings:
    theme: str = THEMES[0]
    currency: str = "USD"
    peer_group: str = "all"


@dataclass(frozen=True)
class Watchlist:
    path: Path
    companies: dict[str, Company]
    peers: dict[str, PeerGroup]
    fx: tuple[FxRate, ...]
    ui: UiSettings
    signals: tuple[Signal, ...]
    text: str = field(default="", repr=False)

    def signal(self, signal_id: str) -> Signal | None:
        return next((s for s in self.signals if s.id == signal_id), None)


TOP_KEYS = ("company", "peers", "fx", "ui", "signal")
COMPANY_KEYS = ("name", "currency", "fiscal_year_end_month", "cik")
PEER_KEYS = ("title", "companies")
FX_KEYS = ("from", "to", "rate", "as_of", "source")
UI_KEYS = ("theme", "currency", "peer_group")
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


def default_text() -> str:
    """The commented default watchlist written on first run."""
    return resources.files("core.data").joinpath("watchlist.default.toml").read_text("utf-8")


def ensure_exists(path: Path) -> bool:
    """Write the default watchlist if (and only if) there is no file; True when it wrote one."""
    if path.exists() or path.is_symlink():
        return False
    return safewrite.create_new(path, default_text())


def load(path: Path, known_metrics: set[str] | frozenset[str] = frozenset()) -> Watchlist:
    """Read and validate `path` (see module doc). `known_metrics`: metric ids found in the data."""
    document, _raw = tomlfile.read(path)
    return from_document(document, known_metrics)


def from_document(
    document: tomlfile.TomlDocument, known_metrics: set[str] | frozenset[str] = frozenset()
) -> Watchlist:
    """Validate an already parsed document (the app re-validates edits through here)."""
    check = Checker(document)
    data = document.data
    check.keys(data, (), TOP_KEYS)

    companies = _companies(check, data)
    peers = _peers(check, data, companies)
    fx = _fx(check, data)
    ui = _ui(check, data, peers)
    signals = _signals(check, data, companies, known_metrics)
    check.raise_if_any()
    return Watchlist(document.path, companies, peers, fx, ui, signals, document.text)


def _table(
    check: Checker, data: dict[str, Any], key: str, path: tuple[str, ...] = ()
) -> dict[str, Any]:
    value = check.get(data, path, key, dict, default={})
    return value if isinstance(value, dict) else {}


def _companies(check: Checker, data: dict[str, Any]) -> dict[str, Company]:
    out: dict[str, Company] = {}
    for cid, table in _table(check, data, "company").items():
        path = ("company", cid)
        if not isinstance(table, dict):
            check.problem(path, f"'company.{cid}' must be a table like [company.{cid}]")
            continue
        check.keys(table, path, COMPANY_KEYS)
        name = check.get(table, path, "name", str, default=cid)
        currency = check.get(table, path, "currency", str, required=True, default="USD")
        month = check.get(table, path, "fiscal_year_end_month", int, default=12)
        if not 1 <= month <= 12:
            check.problem((*path, "fiscal_year_end_month"), "fiscal_year_end_month must be 1 to 12")
            month = 12
        cik = check.get(table, path, "cik", int)
        if cik is not None and cik <= 0:
            check.problem((*path, "cik"), "cik must be a positive integer")
            cik = None
        out[cid] = Company(cid, name, currency.upper(), month, cik)
    return out


def _company_ref(
    check: Checker, path: tuple[Any, ...], value: str, companies: dict[str, Company]
) -> bool:
    if value in companies:
        return True
    check.problem(
        path,
        f"unknown company '{value}'{catalogue.suggest(value, companies)}"
        " (add it as a [company.ID] table)",
    )
    return False


def _peers(
    check: Checker, data: dict[str, Any], companies: dict[str, Company]
) -> dict[str, PeerGroup]:
    out: dict[str, PeerGroup] = {}
    for gid, table in _table(check, data, "peers").items():
        path = ("peers", gid)
        if not isinstance(table, dict):
            check.problem(path, f"'peers.{gid}' must be a table like [peers.{gid}]")
            continue
        check.keys(table, path, PEER_KEYS)
        members = check.get(table, path, "companies", list, required=True, default=[])
        good = []
        for member in members:
            if not isinstance(member, str):
                check.problem((*path, "companies"), "peer companies must be strings (company ids)")
            elif _company_ref(check, (*path, "companies"), member, companies):
                good.append(member)
        out[gid] = PeerGroup(gid, check.get(table, path, "title", str, default=gid), tuple(good))
    return out


def _fx(check: Checker, data: dict[str, Any]) -> tuple[FxRate, ...]:
    rates = check.get(data, (), "fx", list, default=[])
    out = []
    for index, table in enumerate(rates):
        path = ("fx", index)
        if not isinstance(table, dict):
            check.problem(path, "each [[fx]] entry must be a table")
            continue
        check.keys(table, path, FX_KEYS)
        rate = check.get(table, path, "rate", float, required=True)
        if rate is not None and rate <= 0:
            check.problem((*path, "rate"), "an FX rate must be greater than 0")
            rate = None
        source = check.get(table, path, "from", str, required=True)
        target = check.get(table, path, "to", str, required=True)
        as_of = check.get(table, path, "as_of", dt.date)
        if rate is not None and source and target:
            out.append(
                FxRate(
                    source.upper(),
                    target.upper(),
                    rate,
                    as_of,
                    check.get(table, path, "source", str, default=""),
                )
            )
    return tuple(out)


def _ui(check: Checker, data: dict[str, Any], peers: dict[str, PeerGroup]) -> UiSettings:
    table = _table(check, data, "ui")
    path = ("ui",)
    check.keys(table, path, UI_KEYS)
    theme = check.get(table, path, "theme", str, default=THEMES[0])
    if theme not in THEMES:
        check.problem(
            (*path, "theme"),
            f"unknown theme '{theme}'{catalogue.suggest(theme, THEMES)}"
            f" (one of {', '.join(THEMES)})",
        )
        theme = THEMES[0]
    group = check.get(table, path, "peer_group", str, default=next(iter(peers), "all"))
    if peers and group not in peers:
        check.problem(
            (*path, "peer_group"), f"unknown peer group '{group}'{catalogue.suggest(group, peers)}"
        )
    return UiSettings(theme, check.get(table, path, "currency", str, default="USD").upper(), group)


def _signals(
    check: Checker,
    data: dict[str, Any],
    companies: dict[str, Company],
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
    check.problem(path, f"unknown metric '{metric}'{catalogue.suggest(metric, choices)}")
    return False


def _signal(
    check: Checker,
    table: dict[str, Any],
    path: tuple[Any, ...],
    sid: str,
    companies: dict[str, Company],
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
    if company is not None and not _company_ref(check, (*path, "company"), company, companies):
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
    companies: dict[str, Company],
) -> Signal | None:
    """`event = KIND` for `company`: triggered while such an event is at most within_days old."""
    extra = [k for k in ("metric", "op", "threshold", "near", "freq", "change") if k in table]
    if extra:
        check.problem((*path, extra[0]), f"an event signal takes no '{extra[0]}'", at_value=False)
    company = check.get(table, path, "company", str, required=True)
    kind = check.get(table, path, "event", str, required=True)
    within = _within_days(check, table, path, DEFAULT_EVENT_DAYS)
    ok = company is not None and _company_ref(check, (*path, "company"), company, companies)
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
                        f"'{key}' names unknown signal '{ref}'{catalogue.suggest(ref, by_id)}",
                    )

    # A combination that (through others) contains itself could never be evaluated.
    def visit(sid: str, trail: tuple[str, ...]) -> None:
        signal = by_id.get(sid)
        if signal is None:
            return
        for ref in (*signal.all, *signal.any):
            if ref in trail:
                check.problem(
                    ("signal", index.get(trail[0], 0), "all" if signal.all else "any"),
                    f"signal '{trail[0]}' combines itself through {' → '.join((*trail, ref))}",
                )
                return
            visit(ref, (*trail, ref))

    for signal in signals:
        if signal.is_composite:
            visit(signal.id, (signal.id,))
