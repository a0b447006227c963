"""The user's plan (plan.toml beside watchlist.toml): answers to the pressure-test questions
and the inputs of the operator gates.

The questions and the inputs each gate takes are data (`SECTIONS`), so the loader, the gates,
the cards, the edit form and the memo all agree on them. `load()` is strict like the watchlist:
unknown keys get a did-you-mean, every problem is reported as `PATH:LINE:COL: message`.
Missing inputs are not errors: the gate that needs them is simply open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capexwatch.core.base import safewrite
from capexwatch.core.base.text import suggest
from capexwatch.core.figures import catalogue
from capexwatch.core.files import tomlfile
from capexwatch.core.files.tomlfile import KeyPath
from capexwatch.core.files.validate import Checker
from capexwatch.core.plan.sections import BY_ID, REVENUE, ROWS, SECTIONS, Input, Kind, Section
from capexwatch.core.watchlist.model import OPS

__all__ = ["BY_ID", "REVENUE", "ROWS", "SECTIONS", "Entry", "Input", "Kind", "Plan", "Section"]

MARKET_KEYS = ("name", "investment", "monthly_contribution")
WORKLOAD_KEYS = ("name", "rank", "revenue")


@dataclass(frozen=True)
class Market:
    name: str
    investment: float | None = None
    monthly_contribution: float | None = None


@dataclass(frozen=True)
class Workload:
    name: str
    rank: int | None = None
    revenue: str | None = None


@dataclass(frozen=True)
class Entry:
    """What the user wrote for one section: answer, owner and the inputs given (others absent)."""

    answer: str = ""
    owner: str = ""
    values: dict[str, float | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    path: Path
    entries: dict[str, Entry]
    markets: tuple[Market, ...] = ()
    workloads: tuple[Workload, ...] = ()
    source_text: str = field(default="", repr=False)  # as loaded, to refuse stale edits

    def entry(self, section_id: str) -> Entry:
        return self.entries.get(section_id) or Entry()

    def number(self, section_id: str, key: str) -> float | None:
        """An input as a number, or None when it is not given."""
        value = self.entry(section_id).values.get(key)
        return float(value) if isinstance(value, int | float) else None

    def text(self, section_id: str, key: str) -> str | None:
        value = self.entry(section_id).values.get(key)
        return value if isinstance(value, str) and value.strip() else None


def empty(path: Path) -> Plan:
    """A plan with nothing filled in (every gate open)."""
    return Plan(path, {s.id: Entry() for s in SECTIONS})


def default_text() -> str:
    """The commented plan written on first run."""
    from importlib import resources  # only for a first run: not on every start (~1 ms)

    return resources.files("capexwatch.core.data").joinpath("plan.default.toml").read_text("utf-8")


def ensure_exists(path: Path) -> bool:
    """Write the commented plan if (and only if) there is no file; True when it wrote one."""
    if path.exists() or path.is_symlink():
        return False
    return safewrite.create_new(path, default_text())


def load(
    path: Path,
    companies: frozenset[str] | set[str] | dict[str, Any] = frozenset(),
    known_metrics: frozenset[str] | set[str] = frozenset(),
) -> Plan:
    """Read and validate `path`; `companies`: the watchlist's, for the tripwire (none: any)."""
    document, _raw = tomlfile.read(path)
    return from_document(document, companies, known_metrics)


def from_document(
    document: tomlfile.TomlDocument,
    companies: frozenset[str] | set[str] | dict[str, Any] = frozenset(),
    known_metrics: frozenset[str] | set[str] = frozenset(),
) -> Plan:
    """Validate a parsed document (the edit form re-validates through here before saving)."""
    check = Checker(document)
    data = document.data
    check.keys(data, (), BY_ID)
    entries: dict[str, Entry] = {}
    markets: tuple[Market, ...] = ()
    workloads: tuple[Workload, ...] = ()
    for section in SECTIONS:
        table = check.get(data, (), section.id, dict, default={})
        path = (section.id,)
        rows = ROWS.get(section.id)
        extra = (rows,) if rows else ()
        check.keys(table, path, ("answer", "owner", *(i.key for i in section.inputs), *extra))
        values: dict[str, float | str] = {}
        for item in section.inputs:
            kind = str if item.kind in ("text", "op") else float
            value = check.get(table, path, item.key, kind)
            if item.kind == "ratio" and isinstance(value, float) and not -1 <= value <= 1:
                check.problem(
                    (*path, item.key),
                    f"'{section.id}.{item.key}' is a fraction: write 85% as 0.85, not {value:g}",
                )
                value = None
            if value is not None:
                values[item.key] = value
        entries[section.id] = Entry(
            check.get(table, path, "answer", str, default=""),
            check.get(table, path, "owner", str, default=""),
            values,
        )
        if rows == "market":
            markets = _markets(check, table, path)
        elif rows == "workload":
            workloads = _workloads(check, table, path)
    _check_tripwire(check, entries["tripwire"], companies, known_metrics)
    check.raise_if_any()
    return Plan(document.path, entries, markets, workloads, document.text)


def _rows(check: Checker, table: dict[str, Any], path: tuple[str, ...], key: str) -> list[Any]:
    rows = check.get(table, path, key, list, default=[])
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            check.problem((*path, key, index), f"each [[{path[0]}.{key}]] entry must be a table")
    return rows


def _named(check: Checker, row: dict[str, Any], where: KeyPath, seen: set[str]) -> str | None:
    name = check.get(row, where, "name", str, required=True)
    if name is not None and name in seen:
        check.problem((*where, "name"), f"'{name}' appears twice; names must differ")
    if name is not None:
        seen.add(name)
    return name


def _markets(check: Checker, table: dict[str, Any], path: tuple[str, ...]) -> tuple[Market, ...]:
    out: list[Market] = []
    seen: set[str] = set()
    for index, row in enumerate(_rows(check, table, path, "market")):
        if not isinstance(row, dict):
            continue
        where: KeyPath = (*path, "market", index)
        check.keys(row, where, MARKET_KEYS)
        name = _named(check, row, where, seen)
        investment = check.get(row, where, "investment", float)
        contribution = check.get(row, where, "monthly_contribution", float)
        if name is not None:
            out.append(Market(name, investment, contribution))
    return tuple(out)


def _workloads(
    check: Checker, table: dict[str, Any], path: tuple[str, ...]
) -> tuple[Workload, ...]:
    out: list[Workload] = []
    seen: set[str] = set()
    for index, row in enumerate(_rows(check, table, path, "workload")):
        if not isinstance(row, dict):
            continue
        where: KeyPath = (*path, "workload", index)
        check.keys(row, where, WORKLOAD_KEYS)
        name = _named(check, row, where, seen)
        rank = check.get(row, where, "rank", int)
        if rank is not None and rank < 1:
            check.problem((*where, "rank"), "rank must be 1 or more (1 is served first)")
            rank = None
        revenue = check.get(row, where, "revenue", str)
        if revenue is not None and revenue not in REVENUE:
            check.problem(
                (*where, "revenue"),
                f"revenue must be one of {', '.join(REVENUE)}, not {revenue!r}"
                f"{suggest(revenue, REVENUE)}",
            )
            revenue = None
        if name is not None:
            out.append(Workload(name, rank, revenue))
    return tuple(out)


def _check_tripwire(
    check: Checker,
    entry: Entry,
    companies: frozenset[str] | set[str] | dict[str, Any],
    known_metrics: frozenset[str] | set[str],
) -> None:
    path = ("tripwire",)
    op = entry.values.get("op")
    if op is not None and op not in OPS:
        check.problem((*path, "op"), f"op must be one of {', '.join(OPS)}, not {op!r}")
        del entry.values["op"]
    company = entry.values.get("company")
    if isinstance(company, str) and companies and company not in companies:
        check.problem(
            (*path, "company"),
            f"unknown company '{company}'{suggest(company, companies)}"
            " (the tripwire watches a company of watchlist.toml)",
        )
    metric = entry.values.get("metric")
    if isinstance(metric, str) and catalogue.lookup(metric, known_metrics) is None:
        choices = catalogue.known_ids(known_metrics)
        choices += [f"{m}_yoy" for m in choices] + [f"{m}_qoq" for m in choices]
        check.problem((*path, "metric"), f"unknown metric '{metric}'{suggest(metric, choices)}")
