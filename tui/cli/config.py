"""`capexwatch config`: where the files are, and whether they load."""

from __future__ import annotations

import argparse
from typing import Any

from capexwatch.core.base import locations
from capexwatch.core.snapshot.workspace import open_workspace


def register(commands: Any) -> None:
    sub = commands.add_parser("config", help="print the paths in use and validate the files")
    from capexwatch.tui.cli import common

    common(sub)
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    where = locations.resolve(args.config)
    print(f"config dir   {where.config_dir}")
    print(f"watchlist    {where.watchlist}")
    print(f"plan         {where.plan}")
    print(f"data dir     {where.data_dir}")
    print(f"state dir    {where.state_dir}")
    print(f"cache dir    {where.cache_dir}")
    workspace = open_workspace(args.config)  # raises a located ConfigError when broken
    wl = workspace.watchlist
    print(
        f"watchlist ok: {len(wl.companies)} companies, {len(wl.signals)} signals, "
        f"{len(wl.peers)} peer groups"
    )
    return 0
