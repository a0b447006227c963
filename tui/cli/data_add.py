"""`capexwatch data add COMPANY METRIC PERIOD VALUE --source TEXT`: record one figure by hand."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import polars as pl

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import clean, suggest
from capexwatch.core.figures import catalogue
from capexwatch.core.figures.observations import FREQS, KINDS
from capexwatch.core.ingest import record
from capexwatch.core.snapshot.workspace import open_workspace


def register(subs: Any) -> None:
    from capexwatch.tui.cli import common

    add = subs.add_parser(
        "add",
        help="record one figure by hand (34%%, 39.8B and -21.8B are read as typed)",
        description=(
            "Record one figure. freq and the period's dates are worked out from PERIOD "
            "(FY2026Q2, FY2026, FY2026H1, 'TTM to 2025-09-30') and the company's fiscal year, "
            "or given with --freq/--start/--end. The unit is the company's currency unless the "
            "value is a percentage or --unit says otherwise. Published today unless --published."
        ),
    )
    common(add)
    add.add_argument("company", metavar="COMPANY")
    add.add_argument("metric", metavar="METRIC")
    add.add_argument("period", metavar="PERIOD")
    add.add_argument("value", metavar="VALUE")
    add.add_argument("--source", metavar="TEXT", required=True, help="where the figure is from")
    add.add_argument("--published", metavar="DATE", help="publication date (default: today)")
    add.add_argument("--kind", choices=KINDS, default="actual")
    add.add_argument("--freq", choices=FREQS)
    add.add_argument("--start", metavar="DATE", help="period start (YYYY-MM-DD)")
    add.add_argument("--end", metavar="DATE", help="period end (YYYY-MM-DD)")
    add.add_argument("--unit", metavar="UNIT", help="currency code, ratio, pp, x or count")
    add.add_argument("--note", metavar="TEXT")
    add.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    row = record.figure(
        workspace.watchlist.companies,
        {
            "company": args.company,
            "metric": args.metric,
            "period": args.period,
            "value": args.value,
            "source": args.source,
            "published": args.published,
            "kind": args.kind,
            "freq": args.freq,
            "period_start": args.start,
            "period_end": args.end,
            "unit": args.unit,
            "note": args.note,
        },
    )
    # Read the metrics before writing: the workspace's lazy scan is of the file as it was.
    found = workspace.source.select(pl.col("metric").unique()).collect().get_column("metric")
    others = set(found.to_list())
    added = record.add_figure(workspace.locations.imported, row)
    shown = (
        f"{row['company']} {row['metric']} {clean(row['period'])} ({row['freq']}, "
        f"{row['period_start']}..{row['period_end']}) = "
        f"{fmt.value_with_unit(row['value'], row['unit'])} {row['kind']}"
    )
    print(f"recorded {shown}" if added else f"already recorded: {shown}")
    if catalogue.lookup(row["metric"], others) is None:
        hint = suggest(row["metric"], catalogue.known_ids(others))
        print(
            f"note: {row['metric']!r} is a new metric (not in the catalogue or your data){hint}",
            file=sys.stderr,
        )
    return 0
