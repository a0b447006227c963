"""The peer table: companies × metrics for a peer group, marked, labelled and sortable.

`build(watchlist, observations)` computes every metric for every peer company in one
`metrics.compute` call (quarters, and TTM sums of four quarters, core.peers.ttm), and makes one
table per peer group and period mode (core.peers.modes): each company's row reads one period,
amounts are converted into `ui.currency`, best and worst are marked per column and each
company's playbook is labelled on that period (core.peers.playbook). Everything is vectorised;
nothing loops per company.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from capexwatch.core.base.deferred import pending as viewcache_pending
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue, disputes, fx, metrics
from capexwatch.core.figures.fx import FxRate
from capexwatch.core.figures.observations import schema
from capexwatch.core.peers import cells as peer_cells
from capexwatch.core.peers import modes, playbook, ttm
from capexwatch.core.peers import sheet as peer_sheet
from capexwatch.core.peers.columns import BY_ID, COLUMNS, COMPANY, metric_ids
from capexwatch.core.peers.sheet import PeerSheet
from capexwatch.core.signals.evaluate import FREQ_PREFERENCE, Point
from capexwatch.core.watchlist.model import PeerGroup, Watchlist

# How far back from the end of each series the table's figures can reach (see `recent`): a TTM
# a year before the latest one starts 23 months before the latest quarter ends.
RECENT_MONTHS = 24


@dataclass(frozen=True)
class Cell:
    """One company's figure in one column, traceable to its period and source."""

    company: str
    column: str
    metric: str
    value: float | None
    unit: str | None
    period: str
    freq: str
    period_end: dt.date
    kind: str
    source: str
    derived: bool
    conflict: bool
    converted: bool
    unconverted: bool
    original_value: float | None
    original_unit: str | None
    mark: str | None
    fx_note: str | None = None  # the rate and date that converted it (`figures.fx`)
    fx_source: str | None = None  # a watchlist rate's own source text


@dataclass(frozen=True)
class History:
    """A metric's figures for one company, oldest first, amounts in the display currency."""

    company: str
    metric: str
    label: str
    freq: str | None
    points: tuple[Point, ...]
    converted: bool


@dataclass(frozen=True)
class PeerTable:
    """One peer group's table. `table`: company, one value per column, playbook."""

    group: PeerGroup
    currency: str
    cells: pl.DataFrame = field(repr=False)
    table: pl.DataFrame = field(repr=False)
    values: pl.DataFrame = field(repr=False)
    rates: tuple[FxRate, ...] = ()
    # Every observation, for `history` (the table itself is computed from recent ones only).
    observations: pl.DataFrame | None = field(default=None, repr=False)
    mode: str = modes.DEFAULT
    # Each company's period in this mode (core.peers.modes.anchors).
    anchors: pl.DataFrame | None = field(default=None, repr=False)
    _histories: dict[tuple[str, str], History] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def companies(self) -> tuple[str, ...]:
        return self.group.companies

    def cell(self, company: str, column_id: str) -> Cell | None:
        """The figure behind one table cell, or None where the company has none."""
        rows = self.cells.filter((pl.col("company") == company) & (pl.col("column") == column_id))
        return Cell(**_fields(rows.row(0, named=True))) if rows.height else None

    def sides(self, cell: Cell) -> list[disputes.Side]:
        """Every competing value behind a disputed cell (in the company's own currency), or []
        when it is not disputed or the observations are not at hand."""
        if not cell.conflict or self.observations is None or viewcache_pending(self.observations):
            return []
        return disputes.sides(
            self.observations, cell.company, cell.metric, cell.freq, cell.period_end
        )

    def disputed(self) -> dict[tuple[str, str], list[disputes.Side]]:
        """`sides` of every disputed cell, by (company, column id), found in one pass
        (`disputes.sides_of`): a market can have thousands."""
        if self.observations is None or viewcache_pending(self.observations):
            return {}
        rows = self.cells.filter(pl.col("conflict")).select(
            "company", "column", "metric", "freq", "period_end"
        )
        cells = {(c, m, f, end): column for c, column, m, f, end in rows.iter_rows()}
        found = disputes.sides_of(self.observations, cells)
        return {(key[0], cells[key]): sides for key, sides in found.items() if sides}

    def period(self, company: str) -> str:
        """The period `company`'s row reads in this mode ('FY2026Q2 · Sep 2025'), or '—'."""
        return self.periods().get(company, modes.period_text(None, "Q", None))

    def periods(self) -> dict[str, str]:
        """Every company's period text, by company id."""
        if self.anchors is None:
            return {}
        return {
            r["company"]: modes.period_text(r["period"], r["freq"], r["period_end"])
            for r in self.anchors.iter_rows(named=True)
        }

    def playbook(self, company: str) -> tuple[str, str]:
        """(label, the rule that fired with its numbers, on the row's period) for `company`."""
        rows = self.cells.filter(pl.col("company") == company)
        figures = {
            r["column"]: (r["value"], r["unit"], r["period"]) for r in rows.iter_rows(named=True)
        }
        label, why = playbook.explain(figures)
        return label, f"{why} · on {self.period(company)}"

    def history(self, company: str, metric_or_column: str) -> History:
        """The history behind a column (or of a metric) for the chart, amounts converted."""
        metric = metric_or_column
        if metric_or_column in BY_ID:
            found = self.cell(company, metric_or_column)
            metric = found.metric if found else BY_ID[metric_or_column].metrics[0]
            entry = catalogue.lookup(metric)
            if entry is not None and entry.change is not None:
                metric = entry.change[0]  # a change column charts the level it changes
        key = (company, metric)
        if key not in self._histories:
            self._histories[key] = self._history(company, metric)
        return self._histories[key]

    def _history(self, company: str, metric: str) -> History:
        if self.observations is None:
            rows = self.values.filter(pl.col("company") == company)
        else:  # one company's observations: a small computation, done when first asked
            mine = self.observations.filter(pl.col("company") == company)
            rows = metrics.compute(mine, [metric])
        rows = rows.filter(
            (pl.col("metric") == metric)
            & pl.col("value").is_not_null()
            & pl.col("period_end").is_not_null()
        )
        freqs = set(rows.get_column("freq").to_list())
        freq = next((f for f in FREQ_PREFERENCE if f in freqs), None)
        rows = rows.filter(pl.col("freq") == freq) if freq else rows.clear()
        rows = fx.convert_frame(rows, self.rates, self.currency).sort("period_end")
        points = tuple(
            Point(r["period"], r["period_end"], r["value"], r["unit"], r["source"] or "",
                  r["published"], bool(r["derived"]), bool(r["conflict"]))
            for r in rows.iter_rows(named=True)
        )  # fmt: skip
        entry = catalogue.lookup(metric)
        label = entry.label if entry else metric
        converted = bool(rows.get_column("converted").any()) if rows.height else False
        return History(company, metric, label, freq, points, converted)


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    names = Cell.__dataclass_fields__
    # .get: a table stored by an earlier version may lack a later, optional column.
    return {k: (row[k] or "" if k in ("source", "period") else row.get(k)) for k in names}


@dataclass(frozen=True)
class Peers:
    """Every peer group's table; `default` is the group the watchlist's `ui.peer_group` names.

    `groups`: the group ids in the watchlist's order, known without reading any table. A
    group's sheet (its table as text, core.peers.sheet) comes from `sheets` when stored there,
    else it is made from the table when first asked; `names` label the companies in it.
    """

    tables: Mapping[str, PeerTable]  # by `key(group, mode)`
    default: str
    groups: tuple[str, ...]
    names: Mapping[str, str]
    sheets: Mapping[str, PeerSheet] = field(default_factory=dict)  # by `key(group, mode)`
    _made: dict[str, PeerSheet] = field(default_factory=dict, repr=False, compare=False)

    def table(self, group_id: str | None = None, mode: str | None = None) -> PeerTable:
        """The table of a group (the default one) in a period mode (`modes.DEFAULT`)."""
        return self.tables[key(group_id or self.default, mode)]

    def sheet(self, group_id: str | None = None, mode: str | None = None) -> PeerSheet:
        """The table as text, stored with the view or made from the table when first asked."""
        name = key(group_id or self.default, mode)
        stored = self.sheets.get(name)
        if stored is not None:
            return stored
        if name not in self._made:
            self._made[name] = peer_sheet.of(self.tables[name], self.names)
        return self._made[name]


def key(group_id: str, mode: str | None = None) -> str:
    """The name a group's table in one mode is kept under ('all' for the default mode)."""
    mode = mode or modes.DEFAULT
    return group_id if mode == modes.DEFAULT else f"{group_id}\x1f{mode}"


def groups_of(watchlist: Watchlist) -> dict[str, PeerGroup]:
    """The watchlist's peer groups, or one group of every company when it defines none."""
    if watchlist.peers:
        return dict(watchlist.peers)
    return {"all": PeerGroup("all", "All companies", tuple(watchlist.companies))}


def build_table(group: PeerGroup, values: pl.DataFrame, rates: tuple[FxRate, ...],
                currency: str, observations: pl.DataFrame | None = None,
                mode: str = modes.DEFAULT,
                periods: pl.DataFrame | None = None) -> PeerTable:  # fmt: skip
    """The table of one group in one period mode from values computed for (at least) its
    companies; `periods`: the observations (and TTM sums) they came from, whose periods say
    which quarters each company reported (the values alone lack the inputs, revenue alone)."""
    # A company listed twice in a group is one row of the table.
    group = replace(group, companies=tuple(dict.fromkeys(group.companies)))
    companies = list(group.companies)
    anchors = modes.anchors(values if periods is None else periods, companies, mode)
    mine = peer_cells.marks(peer_cells.cells(values, anchors, rates, currency))
    table = peer_cells.wide(mine, group.companies).with_columns(playbook.label_expr())
    return PeerTable(group, currency, mine, table, values, rates, observations, mode, anchors)


def recent(observations: pl.DataFrame, companies: list[str]) -> pl.DataFrame:
    """The rows the table's latest figures can depend on: the peers' rows of the needed metrics
    within RECENT_MONTHS of the end of their own series (each company, metric and frequency).

    That keeps each series' latest figure, the figure a year before it (YoY) and the one
    before it (Margin Δ), and spares a 6-million-row market the full derivation. A ratio whose
    two inputs stopped more than RECENT_MONTHS apart is left n/a rather than shown years old.
    """
    needed = set().union(*(catalogue.dependencies(m) for m in metric_ids()))
    # Two filters, the selective one first: the company test then sees a fraction of the rows.
    rows = observations.filter(pl.col("metric").is_in(list(needed)))
    rows = rows.filter(pl.col(COMPANY).is_in(companies))
    end = pl.col("period_end").max().over(COMPANY, "metric", "freq")
    return rows.filter(pl.col("period_end") >= end.dt.offset_by(f"-{RECENT_MONTHS}mo"))


def build(watchlist: Watchlist, observations: pl.DataFrame) -> Peers:
    """Every peer group's table from one computation over all peer companies."""
    groups = groups_of(watchlist)
    companies = list(dict.fromkeys(c for g in groups.values() for c in g.companies))
    rows = recent(observations, companies)
    sums = ttm.sums(rows, metric_ids()).cast(schema())  # type: ignore[arg-type]
    rows = pl.concat([rows, sums], how="diagonal_relaxed")
    values = metrics.compute(rows, metric_ids())
    currency = watchlist.ui.currency
    tables = {
        key(gid, mode): build_table(
            group, values, watchlist.fx, currency, observations, mode, periods=rows
        )
        for gid, group in groups.items()
        for mode in modes.MODES
    }
    default = watchlist.ui.peer_group if watchlist.ui.peer_group in groups else next(iter(groups))
    return Peers(tables, default, tuple(groups), names_of(watchlist))


def names_of(watchlist: Watchlist) -> dict[str, str]:
    """Each company's name by id, as the peer sheets label them."""
    return {cid: c.name for cid, c in watchlist.companies.items()}


__all__ = ["COLUMNS", "Cell", "History", "PeerTable", "Peers", "build", "build_table"]
