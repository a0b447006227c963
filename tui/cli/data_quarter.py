"""`capexwatch data add COMPANY PERIOD METRIC=VALUE …`: a quarter's figures in one go.

Every figure is checked as `data add` checks one; all are stored in one write, or none.
"""

from __future__ import annotations

import argparse
import sys

from capexwatch.core.base.errors import DataError
from capexwatch.core.ingest import quarter
from capexwatch.core.ingest.checks import Known, currency_warning
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.cli.data_add import metrics_in_data, shared_fields, shown


def run_quarter(args: argparse.Namespace) -> int:
    period, *pairs = args.figure
    if "=" in period:
        raise DataError(
            f"{period!r}: the period comes first, then METRIC=VALUE words "
            "(data add BABA FY2027Q1 revenue=250.1B capex=38.6B)"
        )
    values = quarter.parse_pairs(pairs)
    workspace = open_workspace(args.config)
    companies = workspace.watchlist.companies
    known = Known(companies, metrics_in_data(workspace), args.allow_new_metric)
    rows = quarter.figures(known, values, {**shared_fields(args), "period": period})
    added = quarter.add_figures(workspace.locations.imported, rows)
    again = f" ({len(rows) - added} already recorded)" if added < len(rows) else ""
    print(f"recorded {added} figure{'' if added == 1 else 's'} in one write{again}:")
    for row in rows:
        print(f"  {shown(row)}")
    for row in rows:
        warning = currency_warning(row, companies)
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
    return 0
