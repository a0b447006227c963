"""`capexwatch event add COMPANY KIND TEXT --source TEXT`: record a dated qualitative fact."""

from __future__ import annotations

import argparse
from typing import Any

import polars as pl

from capexwatch.core.base.text import clean
from capexwatch.core.figures import events
from capexwatch.core.ingest import record
from capexwatch.core.snapshot.workspace import Workspace, open_workspace


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    top = commands.add_parser("event", help="record events (disclosures, commentary) by hand")
    subs = top.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    add = subs.add_parser(
        "add",
        help="record one event",
        description=(
            "Record a dated, sourced qualitative fact, e.g. "
            "`capexwatch event add BABA utilization_disclosure 'GPUs fully utilized' "
            "--source 'Q2 call'`. A signal with event = KIND triggers while one is recent."
        ),
    )
    common(add)
    add.add_argument("company", metavar="COMPANY")
    add.add_argument("kind", metavar="KIND", help="e.g. utilization_disclosure, capacity")
    add.add_argument("text", metavar="TEXT", help="what was said or disclosed")
    add.add_argument("--source", metavar="TEXT", required=True, help="where it was said")
    add.add_argument("--date", metavar="DATE", help="when (YYYY-MM-DD; default: today)")
    add.add_argument(
        "--new-kind",
        action="store_true",
        help="record KIND even though no signal or recorded event uses it yet",
    )
    add.set_defaults(run=run_add)

    listing = subs.add_parser("list", help="recorded events, newest first")
    common(listing)
    listing.add_argument("company", metavar="COMPANY", nargs="?", help="only this company")
    listing.add_argument("--kind", metavar="KIND", help="only events of this kind")
    listing.set_defaults(run=run_list)


def kinds_in_use(workspace: Workspace) -> set[str]:
    """Event kinds the watchlist's signals and the recorded events use."""
    used = {s.event for s in workspace.watchlist.signals if s.event}
    recorded = events.load(workspace.locations.events).get_column("kind").unique().to_list()
    return used | {k for k in recorded if k}


def run_add(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    event = record.event(
        workspace.watchlist.companies,
        args.company,
        args.kind,
        args.text,
        args.source,
        args.date,
        kinds=kinds_in_use(workspace),
        new_kind=args.new_kind,
    )
    added = events.add(workspace.locations.events, event)
    what = f"{event['company']} {event['kind']} on {event['date']}: {event['text']}"
    print(f"recorded {what}" if added else f"already recorded: {what}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    found = events.load(workspace.locations.events)
    if args.company:
        found = found.filter(pl.col("company") == args.company)
    if args.kind:
        found = found.filter(pl.col("kind") == args.kind)
    if found.is_empty():
        print("no events recorded (capexwatch event add COMPANY KIND TEXT --source TEXT)")
        return 0
    for e in found.sort("date", descending=True).iter_rows(named=True):
        # Every field is outside text: the Parquet file may come from another program.
        print(clean(f"{e['date']}  {e['company']}  {e['kind']}  {e['text']}  [{e['source']}]"))
    return 0
