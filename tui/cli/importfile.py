"""`capexwatch import FILE`: CSV, Parquet or SEC EDGAR companyfacts JSON into the user's data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.format import counted
from capexwatch.core.base.text import clean
from capexwatch.core.ingest import importer
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.cli.data_add import metrics_in_data


def register(commands: Any) -> None:
    sub = commands.add_parser(
        "import",
        help="import observations from a CSV, Parquet, SEC EDGAR companyfacts JSON or XBRL file",
        description=(
            "Import observations. Every row is checked first; a file with a bad row imports "
            "nothing (exit 2) unless --skip-bad-rows. Importing a file twice changes nothing. "
            "An XBRL filing (an instance .xml or the inline .htm of a 10-K, 10-Q or 20-F) gives "
            "its revenue, operating income, operating cash flow and capex, and the segments "
            'mapped in the watchlist (segments = { cloud = "…SegmentMember" }).'
        ),
    )
    from capexwatch.tui.cli import common

    common(sub)
    sub.add_argument(
        "file", metavar="FILE", type=Path, help="the file to import ('-': standard input)"
    )
    sub.add_argument(
        "--source", metavar="TEXT", help="source for rows whose source column is empty"
    )
    sub.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows and list the bad ones instead of importing nothing",
    )
    sub.add_argument(
        "--allow-new-metric",
        action="store_true",
        help="accept metric ids that neither the catalogue nor your data knows",
    )
    sub.set_defaults(run=run)


def describe(report: importer.ImportReport) -> str:
    """One line saying what an import did."""
    who = f" for {report.company}" if report.company else ""
    same = report.rows - report.added
    already = f" ({same} already there)" if same else ""
    unread = (
        f"; {report.unreadable} fact{'s' if report.unreadable != 1 else ''} could not be read "
        "(no valid dates or value) and were left out"
        if report.unreadable
        else ""
    )
    # The file's name and the company id are the user's text: cleaned like any data.
    return clean(
        f"{report.path}: {report.added} new row{'s' if report.added != 1 else ''}{who} "
        f"from {report.kind}{already}{unread}"
    )


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    path, data = args.file, None
    if str(path) == "-":
        path, data = Path("<stdin>"), _standard_input()
    report = importer.import_file(
        path,
        workspace.locations.imported,
        workspace.watchlist,
        source=args.source,
        skip_bad_rows=args.skip_bad_rows,
        metrics=metrics_in_data(workspace),
        allow_new_metric=args.allow_new_metric,
        data=data,
        pipes=True,  # `import <(…)` and `import /dev/stdin` are read once, like a file
    )
    print(describe(report))
    for warning in report.warnings:
        print(f"warning: {clean(warning)}", file=sys.stderr)
    if report.skipped:
        print(f"skipped {counted(len(report.skipped), 'problem')} in bad rows:", file=sys.stderr)
        for problem in report.skipped:
            print(f"  {clean(problem)}", file=sys.stderr)
    return 0


def _standard_input() -> bytes:
    data = sys.stdin.buffer.read(importer.MAX_BYTES + 1)
    if len(data) > importer.MAX_BYTES:
        raise DataError(f"<stdin>: more than {importer.MAX_BYTES // 2**20} MiB; import a file")
    return data
