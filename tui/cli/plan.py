"""`capexwatch plan set PATH VALUE`: one plan input from the command line (core.plan.setting)."""

from __future__ import annotations

import argparse
from typing import Any

from capexwatch.core.base.text import clean
from capexwatch.core.plan import setting
from capexwatch.core.snapshot.workspace import open_workspace


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    top = commands.add_parser("plan", help="set an input of plan.toml (comments kept)")
    subs = top.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    sub = subs.add_parser(
        "set",
        help="set one input: plan set utilization.current 0.81",
        description=(
            "Set one input of plan.toml as the app's form does: comments and order kept, the "
            "edited file checked before it is written, never over a change made elsewhere. "
            "PATH is SECTION.KEY (utilization.current, tripwire.decision) or a row's field, "
            "the row by index from 0 or by name (payback.market[SEA].monthly_contribution). "
            "VALUE as typed in the app: 0.81 or 81%%, 12M, 1,200,000; '' removes the input."
        ),
        epilog="paths: " + ", ".join(setting.paths()),
    )
    common(sub)
    sub.add_argument("path", metavar="PATH")
    sub.add_argument("value", metavar="VALUE")
    # A negative contribution (-1.5M) is a value, not an option: as in `data add`.
    from capexwatch.tui.cli.data_add import NEGATIVE_VALUE

    sub._negative_number_matcher = NEGATIVE_VALUE
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = setting.parse_path(args.path)  # a mistyped path is said before any file is read
    workspace = open_workspace(args.config)
    known = workspace.known_metrics
    plan = workspace.plan
    setting.set_value(plan, path, args.value, workspace.watchlist.companies, known)
    shown = clean(args.value) if args.value.strip() else "(removed)"
    print(f"{workspace.locations.plan}: {path} = {shown}")
    return 0
