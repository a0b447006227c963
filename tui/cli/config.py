"""`capexwatch config`: where the files are, and whether they load."""

from __future__ import annotations

import argparse
from typing import Any

from capexwatch.core.base import locations
from capexwatch.core.base.format import counted
from capexwatch.core.base.text import clean
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.core.watchlist.model import check_binding_ids


def register(commands: Any) -> None:
    sub = commands.add_parser("config", help="print the paths in use and validate the files")
    from capexwatch.tui.cli import common

    common(sub)
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    where = locations.resolve(args.config)
    # Paths come from arguments and the environment: any text, cleaned like data.
    print(f"config dir   {clean(str(where.config_dir))}")
    print(f"watchlist    {clean(str(where.watchlist))}")
    print(f"plan         {clean(str(where.plan))}")
    print(f"data dir     {clean(str(where.data_dir))}")
    print(f"state dir    {clean(str(where.state_dir))}")
    print(f"cache dir    {clean(str(where.cache_dir))}")
    # Both files are validated as `check` validates them: a located ConfigError when broken.
    workspace = open_workspace(args.config)
    from capexwatch.tui import commands  # the app's command ids, for [ui.keys]

    check_binding_ids(workspace.watchlist, commands.ids())
    wl = workspace.watchlist
    print(
        f"watchlist ok: {counted(len(wl.companies), 'company', 'companies')}, "
        f"{counted(len(wl.signals), 'signal')}, {counted(len(wl.peers), 'peer group')}"
    )
    plan = workspace.plan
    answered = sum(1 for entry in plan.entries.values() if entry.answer)
    print(f"plan ok: {counted(answered, 'answer')} given")
    return 0
