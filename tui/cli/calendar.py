"""`capexwatch calendar [--json]`: every watched company's last period, last report and next."""

from __future__ import annotations

import argparse
import json
from typing import Any

from capexwatch.core.base import clock
from capexwatch.core.base.text import clean
from capexwatch.core.signals import calendar
from capexwatch.core.snapshot.workspace import open_workspace


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    sub = commands.add_parser(
        "calendar",
        help="when each watched company reports next (expected from its cadence, or set)",
        description=(
            "Every watched company with its last period, last report and the next report: "
            "expected from the cadence of its past reports (period ends and publication dates "
            "in the data and the filings fetch edgar recorded), or next_report = DATE in "
            "[company.ID], which wins; 'overdue' once past, 'unknown' with the reason."
        ),
    )
    common(sub)
    sub.add_argument("--json", action="store_true", help="as JSON, one object per company")
    sub.set_defaults(run=run)


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    today = clock.today()
    entries = calendar.build(
        workspace.watchlist.companies, workspace.observations, workspace.filings, today
    )
    if args.json:
        out = [
            {
                "company": e.company,
                "last_period": _iso(e.last_period),
                "last_report": _iso(e.last_report),
                "next_report": _iso(e.next_report),
                "state": e.state,
                "days": e.days_until(today),
                "why": e.reason,
            }
            for e in entries
        ]
        print(json.dumps(out, indent=2))
        return 0
    print(f"{'CO.':<8} {'LAST PERIOD':<11}  {'LAST REPORT':<11}  {'NEXT REPORT':<11}  WHEN")
    for e in entries:
        when = e.words(today) if e.state != "unknown" else f"unknown: {e.reason}"
        if e.state == "set":
            when += " (set by hand)"
        cells = [_iso(d) or "—" for d in (e.last_period, e.last_report, e.next_report)]
        print(clean(f"{e.company:<8} {cells[0]:<11}  {cells[1]:<11}  {cells[2]:<11}  {when}"))
    return 0
