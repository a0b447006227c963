"""The watchlist file: companies, peer groups, FX rates, UI settings and signals
(the `[[signal]]` grammar itself is in core/signal_rules.py).

`load(path, known_metrics)` returns a frozen `Watchlist` or raises ConfigError listing every
problem as `PATH:LINE:COL: message`. A missing file is created from the commented defaults;
an existing file is never written here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capexwatch.core.base import safewrite
from capexwatch.core.base.text import suggest
from capexwatch.core.figures.fx import FxRate  # re-exported: part of the Watchlist type
from capexwatch.core.files import tomlfile
from capexwatch.core.files.validate import Checker
from capexwatch.core.watchlist.notify import NotifySettings
from capexwatch.core.watchlist.notify import parse as notify_settings

# re-exported: the Signal type belongs to the watchlist's API
from capexwatch.core.watchlist.rules import (
    DEFAULT_STALE_DAYS,
    OPS,
    Op,
    Signal,
    company_ref,
    signals_of,
)

__all__ = ["DEFAULT_STALE_DAYS", "OPS", "Company", "FxRate", "Op", "PeerGroup", "Signal",
           "UiSettings", "Watchlist", "from_document", "load"]  # fmt: skip

THEMES = ("capexwatch-dark", "capexwatch-light", "capexwatch-contrast")


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    currency: str
    fiscal_year_end_month: int = 12
    cik: int | None = None
    # key -> XBRL member on the segment axis: `cloud` gives cloud_revenue, cloud_operating_income
    segments: tuple[tuple[str, str], ...] = ()
    next_report: dt.date | None = None  # set by hand; wins over the calendar's expectation


@dataclass(frozen=True)
class PeerGroup:
    id: str
    title: str
    companies: tuple[str, ...]


@dataclass(frozen=True)
class UiSettings:
    theme: str = THEMES[0]
    currency: str = "USD"
    peer_group: str = "all"
    # `[ui.keys]`: binding id → keys ("watchlist.mute" = "M"), as Textual's App.set_keymap takes.
    keys: tuple[tuple[str, str], ...] = ()


# A key as Textual names it: "m", "M", "f5", "ctrl+r", "shift+down", "question_mark".
KEY_NAME = re.compile(r"^((ctrl|shift|alt|meta|super|hyper)\+)*([A-Za-z0-9]|[a-z][a-z0-9_]*)$")


@dataclass(frozen=True)
class Watchlist:
    path: Path
    companies: dict[str, Company]
    peers: dict[str, PeerGroup]
    fx: tuple[FxRate, ...]
    ui: UiSettings
    signals: tuple[Signal, ...]
    text: str = field(default="", repr=False)
    notify: NotifySettings = field(default_factory=NotifySettings)  # [notify]: check --notify

    def signal(self, signal_id: str) -> Signal | None:
        return next((s for s in self.signals if s.id == signal_id), None)


TOP_KEYS = ("company", "peers", "fx", "ui", "signal", "notify")
COMPANY_KEYS = ("name", "currency", "fiscal_year_end_month", "cik", "segments", "next_report")
PEER_KEYS = ("title", "companies")
FX_KEYS = ("from", "to", "rate", "as_of", "source")
UI_KEYS = ("theme", "currency", "peer_group", "keys")


def default_text() -> str:
    """The commented default watchlist written on first run."""
    from importlib import resources  # only for a first run: not on every start (~1 ms)

    return (
        resources.files("capexwatch.core.data")
        .joinpath("watchlist.default.toml")
        .read_text("utf-8")
    )


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
    signals = signals_of(check, data, companies, known_metrics)
    notify = notify_settings(check, data)
    check.raise_if_any()
    return Watchlist(document.path, companies, peers, fx, ui, signals, document.text, notify)


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
        segments = _segments(check, table, path)
        next_report = check.get(table, path, "next_report", dt.date)
        out[cid] = Company(cid, name, currency.upper(), month, cik, segments, next_report)
    return out


SEGMENT_KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
MEMBER = re.compile(r"^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$")


def _segments(
    check: Checker, table: dict[str, Any], path: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """`segments = { cloud = "AmazonWebServicesSegmentMember" }`: metric stem -> XBRL member."""
    mapping = check.get(table, path, "segments", dict, default={})
    out = []
    for key, member in mapping.items():
        where = (*path, "segments", key)
        if not SEGMENT_KEY.match(key):
            check.problem(
                where,
                f"segment key '{key}' must be lower-case letters, digits and _ (it names the "
                f"metrics {key}_revenue and {key}_operating_income)",
                at_value=False,
            )
        elif not isinstance(member, str) or not MEMBER.match(member.strip()):
            check.problem(
                where,
                "a segment is the XBRL member of the segment axis, as a string such as "
                '"AmazonWebServicesSegmentMember" or "amzn:AmazonWebServicesSegmentMember"',
            )
        else:
            out.append((key, member.strip()))
    return tuple(out)


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
            elif company_ref(check, (*path, "companies"), member, companies):
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
            f"unknown theme '{theme}'{suggest(theme, THEMES)} (one of {', '.join(THEMES)})",
        )
        theme = THEMES[0]
    group = check.get(table, path, "peer_group", str, default=next(iter(peers), "all"))
    if peers and group not in peers:
        check.problem((*path, "peer_group"), f"unknown peer group '{group}'{suggest(group, peers)}")
    currency = check.get(table, path, "currency", str, default="USD").upper()
    return UiSettings(theme, currency, group, _keys(check, table, path))


def _keys(
    check: Checker, table: dict[str, Any], path: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """`[ui.keys]`: each binding id's keys, comma-separated key names (ids are checked against
    the app's commands by `check_binding_ids`, which only the app and `config` know)."""
    keys = check.get(table, path, "keys", dict, default={})
    out = []
    for binding, value in keys.items():
        where = (*path, "keys", binding)
        if not isinstance(value, str) or not all(
            KEY_NAME.match(k.strip()) for k in value.split(",")
        ):
            check.problem(
                where,
                f"'ui.keys.{binding}' must be key names separated by commas, like \"M\", "
                '"ctrl+m" or "f5,m"',
            )
            continue
        out.append((binding, ",".join(k.strip() for k in value.split(","))))
    return tuple(out)


def check_binding_ids(watchlist: Watchlist, known: Iterable[str]) -> None:
    """Raise a located ConfigError for every `[ui.keys]` id that names no command of the app
    (`known`: the app's binding ids), with a did-you-mean."""
    known = sorted(known)
    unknown = [binding for binding, _ in watchlist.ui.keys if binding not in known]
    if not unknown:
        return
    check = Checker(tomlfile.parse(watchlist.path, watchlist.text.encode("utf-8")))
    for binding in unknown:
        check.problem(
            ("ui", "keys", binding),
            f"no command has the id '{binding}'{suggest(binding, known)} "
            '(README\'s "Remapping keys" lists every id)',
            at_value=False,
        )
    check.raise_if_any()
