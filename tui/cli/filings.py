"""`capexwatch filings [COMPANY] [--json]`: the filings `fetch edgar` has seen, newest first."""

from __future__ import annotations

import argparse
import json
from typing import Any

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.locations import resolve
from capexwatch.core.base.text import clean, suggest
from capexwatch.core.figures import filings


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    sub = commands.add_parser(
        "filings",
        help="the SEC filings fetch edgar has seen for watched companies, newest first",
        description=(
            "Every filing `capexwatch fetch edgar` has seen for a watched company, any form "
            "(10-K, 10-Q, 20-F, 40-F, 6-K, 8-K, …): form, filing date, period and link."
        ),
    )
    common(sub)
    sub.add_argument("company", metavar="COMPANY", nargs="?", help="only this company")
    sub.add_argument("--json", action="store_true", help="as JSON, one object per filing")
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    where = resolve(getattr(args, "config", None))
    found = filings.load(where.filings)
    if args.company:
        mine = filings.of_company(found, args.company)
        if not mine and found:
            known = sorted({f.company for f in found})
            raise DataError(
                f"no filings recorded for {clean(args.company)!r}"
                f"{suggest(args.company.upper(), known)} (recorded: {', '.join(known)})"
            )
        found = mine
    if args.json:
        print(json.dumps([f.to_json() for f in found], indent=2))
        return 0
    if not found:
        print("no filings recorded yet: `capexwatch fetch edgar --all` lists them")
        return 0
    print(f"{'CO.':<6} {'FORM':<8} {'FILED':<10}  {'PERIOD':<10}  {'ACCESSION':<20}  LINK")
    for f in found:
        period = f.period.isoformat() if f.period else "—"
        line = f"{f.company:<6} {f.form:<8} {f.filed}  {period:<10}  {f.accession:<20}  {f.link}"
        print(clean(line))
    return 0
