"""`capexwatch fetch edgar TICKER|CIK --user-agent "Name email"`: download, then import."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from capexwatch.core.base.errors import CapexwatchError, DataError
from capexwatch.core.ingest import fetch as edgarfetch
from capexwatch.core.ingest import importer
from capexwatch.core.snapshot.workspace import open_workspace
from capexwatch.tui.cli.importfile import describe

USER_AGENT_ENV = "CAPEXWATCH_USER_AGENT"


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    top = commands.add_parser("fetch", help="download figures from a public source and import them")
    subs = top.add_subparsers(dest="fetch_source", metavar="SOURCE", required=True)
    sub = subs.add_parser(
        "edgar",
        help="SEC EDGAR XBRL companyfacts for a watchlist company (by ticker) or a CIK",
        description=(
            "Download https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json following "
            "the SEC's fair-access rules (a User-Agent naming you, at most 10 requests a "
            "second, backoff when asked), keep it in the cache directory and import it."
        ),
    )
    common(sub)
    sub.add_argument("target", metavar="TICKER|CIK", nargs="?")
    sub.add_argument(
        "--all", action="store_true", help="every watchlist company with a cik, one after another"
    )
    sub.add_argument(
        "--user-agent",
        metavar="TEXT",
        default=os.environ.get(USER_AGENT_ENV),
        help=f'"Your Name you@example.com" (required by the SEC; or ${USER_AGENT_ENV})',
    )
    sub.add_argument(
        "--base-url",
        metavar="URL",
        help=f"companyfacts base URL (default: ${edgarfetch.BASE_URL_ENV} or the SEC's)",
    )
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    agent = edgarfetch.check_user_agent(args.user_agent)
    companies = workspace.watchlist.companies
    if args.all == bool(args.target):
        raise DataError("name one company (TICKER or CIK) or pass --all")
    if args.target:
        ciks = [edgarfetch.resolve_cik(args.target, companies)[0]]
    else:
        ciks = [c.cik for c in companies.values() if c.cik is not None]
        if not ciks:
            raise DataError("no watchlist company has a cik; add `cik = N` to a [company.ID]")
    failed = 0
    for cik in ciks:
        # One by one, so a failure names its company and the others still arrive.
        try:
            cached = edgarfetch.fetch_companyfacts(
                cik, agent, workspace.locations.cache_dir, args.base_url
            )
            report = importer.import_file(cached, workspace.locations.imported, workspace.watchlist)
        except CapexwatchError as error:
            if len(ciks) == 1:
                raise
            failed += 1
            print(f"CIK {cik}: {error}", file=sys.stderr)
            continue
        print(describe(report))
    return 2 if failed else 0
