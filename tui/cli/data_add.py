"""`capexwatch data add COMPANY METRIC PERIOD VALUE --source TEXT`: record one figure by hand."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

import polars as pl

from capexwatch.core.base import format as fmt
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean
from capexwatch.core.figures.observations import FREQS, KINDS
from capexwatch.core.ingest import record
from capexwatch.core.ingest.checks import Known, currency_warning
from capexwatch.core.snapshot.workspace import Workspace, open_workspace

# argparse reads `-21.8B` as an option (only plain numbers such as -21.8 are let through as
# values); a value as people write it (`-21.8B`, `-3%`, `-1,234`) is a value here.
NEGATIVE_VALUE = re.compile(r"^-[\d.,]+(?:[eE][-+]?\d+)?\s*[KMBTkmbt%]?$")


def metrics_in_data(workspace: Workspace) -> frozenset[str]:
    """Metric ids in the sample and the user's data: known besides the catalogue's."""
    found = workspace.source.select(pl.col("metric").unique()).collect().get_column("metric")
    return frozenset(m for m in found.to_list() if m)


def shown(row: dict[str, Any]) -> str:
    """A recorded figure in one line: what, when (freq and dates), how much, which kind."""
    return (
        f"{row['company']} {row['metric']} {clean(row['period'])} ({row['freq']}, "
        f"{row['period_start']}..{row['period_end']}) = "
        f"{fmt.value_with_unit(row['value'], row['unit'])} {row['kind']}"
    )


def shared_fields(args: argparse.Namespace) -> dict[str, str | None]:
    """The options every figure of one `data add` shares."""
    return {
        "company": args.company,
        "source": args.source,
        "published": args.published,
        "kind": args.kind,
        "freq": args.freq,
        "period_start": args.start,
        "period_end": args.end,
        "unit": args.unit,
        "note": args.note,
    }


def register(subs: Any) -> None:
    from capexwatch.tui.cli import common

    add = subs.add_parser(
        "add",
        help="record figures by hand (34%%, 39.8B and -21.8B are read as typed)",
        usage=(
            "capexwatch data add COMPANY METRIC PERIOD VALUE --source TEXT [options]\n"
            "       capexwatch data add COMPANY PERIOD METRIC=VALUE [METRIC=VALUE ...] "
            "--source TEXT [options]"
        ),
        description=(
            "Record one figure, or several of one period at once (a quarter's results: "
            "`data add BABA FY2027Q1 revenue=250.1B capex=38.6B`, all checked, then stored in "
            "one write, or none if one is wrong). freq and the period's dates are worked out "
            "from PERIOD "
            "(FY2026Q2, FY2026, FY2026H1, 'TTM to 2025-09-30') and the company's fiscal year, "
            "or given with --freq/--start/--end. The unit is the company's currency unless the "
            "value is a percentage or --unit says otherwise. Published today unless --published."
        ),
    )
    common(add)
    add.add_argument("company", metavar="COMPANY")
    add.add_argument(
        "figure",
        metavar="METRIC PERIOD VALUE | PERIOD METRIC=VALUE",
        nargs="+",
        help="one figure, or a period and several METRIC=VALUE",
    )
    add.add_argument("--source", metavar="TEXT", required=True, help="where the figures are from")
    add.add_argument("--published", metavar="DATE", help="publication date (default: today)")
    add.add_argument("--kind", choices=KINDS, default="actual")
    add.add_argument("--freq", choices=FREQS)
    add.add_argument("--start", metavar="DATE", help="period start (YYYY-MM-DD)")
    add.add_argument("--end", metavar="DATE", help="period end (YYYY-MM-DD)")
    add.add_argument("--unit", metavar="UNIT", help="currency code, ratio, pp, x or count")
    add.add_argument("--note", metavar="TEXT")
    add.add_argument(
        "--allow-new-metric",
        action="store_true",
        help="record METRIC even though neither the catalogue nor your data knows it",
    )
    # argparse has no public setting for this: its matcher (an attribute since Python 3.2)
    # is what decides whether a dash-word is an option or a value; see NEGATIVE_VALUE.
    add._negative_number_matcher = NEGATIVE_VALUE
    add.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if any("=" in word for word in args.figure):
        from capexwatch.tui.cli.data_quarter import run_quarter

        return run_quarter(args)
    if len(args.figure) != 3:
        raise DataError(
            "data add takes COMPANY METRIC PERIOD VALUE (one figure) or COMPANY PERIOD "
            f"METRIC=VALUE … (several); got {len(args.figure) + 1} words"
        )
    metric, period, value = args.figure
    workspace = open_workspace(args.config)
    # Read the metrics before writing: the workspace's lazy scan is of the file as it was.
    companies = workspace.watchlist.companies
    known = Known(companies, metrics_in_data(workspace), args.allow_new_metric)
    fields = {**shared_fields(args), "metric": metric, "period": period, "value": value}
    row = record.figure(known, fields)
    added = record.add_figure(workspace.locations.imported, row)
    print(f"recorded {shown(row)}" if added else f"already recorded: {shown(row)}")
    warning = currency_warning(row, companies)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return 0
