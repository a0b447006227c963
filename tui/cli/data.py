"""`capexwatch data list|remove|show|add`: what the user imported or recorded, and by whom."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

import polars as pl

from capexwatch.core.base import format as fmt
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.format import counted
from capexwatch.core.base.text import clean, json_safe, suggest
from capexwatch.core.figures import catalogue, disputes, metrics, store
from capexwatch.core.figures.observations import COLUMNS
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.cli import data_add, data_prefer

# How every source of an SEC EDGAR import starts (`ingest.edgar.Fact.source`).
EDGAR_SOURCE = "SEC EDGAR "
# Every observation column but the free-text note, in schema order.
JSON_KEYS = tuple(c for c in COLUMNS if c != "note")


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    top = commands.add_parser("data", help="list, show, add or remove your own observations")
    subs = top.add_subparsers(dest="data_command", metavar="ACTION", required=True)

    listing = subs.add_parser("list", help="sources of imported and recorded rows")
    common(listing)
    listing.set_defaults(run=run_list)

    remove = subs.add_parser(
        "remove",
        help="remove every row of one source, or of one company",
        description=(
            "Remove imported or recorded rows: those of SOURCE (as `data list` shows it), of "
            "every source starting with it (--prefix), and of one company only (--company). "
            "`data remove --company AMZN --edgar` takes out every SEC EDGAR figure of AMZN."
        ),
    )
    common(remove)
    remove.add_argument(
        "source", metavar="SOURCE", nargs="?", help="the source, as `data list` shows it"
    )
    remove.add_argument(
        "--prefix", action="store_true", help="remove every source that starts with SOURCE"
    )
    remove.add_argument("--company", metavar="ID", help="only this company's rows")
    remove.add_argument(
        "--edgar",
        action="store_true",
        help=f"only rows imported from SEC EDGAR (sources starting {EDGAR_SOURCE!r})",
    )
    remove.set_defaults(run=run_remove)

    show = subs.add_parser("show", help="a company's figures, reported and derived")
    common(show)
    show.add_argument("company", metavar="COMPANY")
    show.add_argument("--metric", metavar="M", help="only this metric (e.g. capex, capex_yoy)")
    show.add_argument(
        "--format", choices=("table", "json", "csv"), help="table (default), json or csv"
    )
    show.add_argument("--json", action="store_true", help="the same as --format json")
    show.set_defaults(run=run_show)

    data_add.register(subs)
    data_prefer.register(subs)


def run_list(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    summaries = store.sources(workspace.locations.imported)
    if not summaries:
        print("no imported or recorded data yet (capexwatch import FILE, capexwatch data add)")
        return 0
    rows = [("ROWS", "COMPANIES", "PERIODS", "SOURCE")]
    for s in summaries:
        span = f"{fmt.date(s.first)}..{fmt.date(s.last)}"
        rows.append((str(s.rows), ",".join(s.companies), span, clean(s.source)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        # Company ids come from the Parquet file too: the whole line is outside text.
        print(clean("  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[3]])))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    path = workspace.locations.imported
    source, prefix = args.source, args.prefix
    if args.edgar:
        if source is not None and not source.startswith(EDGAR_SOURCE):
            raise DataError(f"--edgar takes no SOURCE that does not start with {EDGAR_SOURCE!r}")
        source, prefix = source or EDGAR_SOURCE, True
    if source is None and args.company is None:
        raise DataError("name a SOURCE (as `data list` shows it) or --company ID")
    if prefix and source is not None and args.company is None:
        # Filing agents number many companies' filings: a prefix must not reach past one.
        touched = store.companies_matching(path, source, prefix=True)
        if len(touched) > 1:
            raise DataError(
                f"{clean(source)!r} starts sources of {len(touched)} companies "
                f"({', '.join(clean(c) for c in touched)}); add --company ID to say whose"
            )
    which = store.rows_by_source(path, source, prefix=prefix, company=args.company)
    removed = store.remove(path, source, prefix=prefix, company=args.company)
    what = f" of {clean(source)!r}" if source is not None and not prefix else ""
    whose = f" for {clean(args.company)}" if args.company else ""
    if removed:
        print(f"removed {counted(removed, 'row')}{what}{whose}")
        if prefix or source is None:  # name what went, not only the prefix asked for
            for name, rows in which.items():
                print(f"  {clean(name or '(no source)')}: {counted(rows, 'row')}")
        return 0
    if args.company is not None and source is None:
        raise DataError(f"no imported or recorded rows for company {clean(args.company)!r}")
    similar = [s.source for s in store.sources(path) if s.source.startswith(source)]
    hint = (
        f"; {counted(len(similar), 'source')} start{'s' if len(similar) == 1 else ''} with it "
        "(add --prefix to remove them all)"
        if similar and not prefix
        else suggest(source, [s.source for s in store.sources(path)])
    )
    raise DataError(f"no rows with source {clean(source)!r}{whose}{hint}")


def _values(observations: pl.DataFrame, company: str, metric: str | None) -> pl.DataFrame:
    mine = observations.filter(pl.col("company") == company)
    if mine.is_empty():
        known = observations.get_column("company").unique().to_list()
        raise DataError(f"no figures for company {company!r}{suggest(company, known)}")
    extra = set(mine.get_column("metric").unique().to_list())
    if metric is not None:
        if catalogue.lookup(metric, extra) is None:
            raise DataError(f"unknown metric {metric!r}{suggest(metric, extra)}")
        ids = [metric]
    else:
        ids = catalogue.known_ids(extra)
    values = metrics.compute(observations, ids, [company])
    return values.filter(pl.col("value").is_not_null()).sort("metric", "freq", "period_end")


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _sides(observations: pl.DataFrame | None, row: dict[str, Any]) -> list[disputes.Side]:
    """Every competing value of a disputed row (core.figures.disputes); [] otherwise."""
    if observations is None or not row["conflict"] or row["period_end"] is None:
        return []
    return disputes.sides(
        observations, row["company"], row["metric"], row["freq"], row["period_end"]
    )


def as_json(values: pl.DataFrame, observations: pl.DataFrame | None = None) -> dict[str, Any]:
    """The JSON shape of `data show --json`: a disputed figure lists every side in `sides`."""
    out = []
    for row in values.iter_rows(named=True):
        item = {k: _json_value(row[k]) for k in JSON_KEYS}
        item["derived"] = bool(row["derived"])
        item["conflict"] = bool(row["conflict"])
        if row["conflict"]:
            item["sides"] = [s.as_json() for s in _sides(observations, row)]
        out.append(item)
    return {"observations": out}


def run_show(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    values = _values(workspace.observations, args.company, args.metric)
    shape = "json" if args.json else args.format or "table"
    if shape == "json":
        shown = as_json(values, workspace.observations)
        print(json_safe(json.dumps(shown, indent=2, ensure_ascii=False)))
        return 0
    if shape == "csv":
        from capexwatch.tui.cli import csvout

        csvout.write((*JSON_KEYS, "derived", "conflict"), as_json(values)["observations"])
        return 0
    rows = [("METRIC", "PERIOD", "FREQ", "END", "VALUE", "KIND", "SOURCE")]
    disputed: dict[int, list[disputes.Side]] = {}
    for r in values.iter_rows(named=True):
        if r["conflict"]:  # every side, under the figure: the user decides (data prefer)
            disputed[len(rows)] = _sides(workspace.observations, r)
        mark = " (derived)" if r["derived"] else " (conflict)" if r["conflict"] else ""
        rows.append(
            (
                r["metric"],
                clean(r["period"] or ""),
                r["freq"],
                fmt.date(r["period_end"]),
                fmt.value_with_unit(r["value"], r["unit"]),
                r["kind"] or "",
                clean(r["source"] or "") + mark,
            )
        )
    widths = [max(len(line[i]) for line in rows) for i in range(6)]
    for number, line in enumerate(rows):
        print(
            clean("  ".join([*(c.ljust(w) for c, w in zip(line, widths, strict=False)), line[6]]))
        )
        for side in disputed.get(number, []):
            print(clean(f"    · {side.text}"))
    return 0
