"""`capexwatch fetch edgar TICKER|CIK --user-agent "Name email"`: download, then import."""

from __future__ import annotations

import argparse
import os
from typing import Any

from core import edgarfetch, importer
from core.workspace import open_workspace
from tui.cli.importfile import describe

USER_AGENT_ENV = "CAPEXWATCH_USER_AGENT"


def register(commands: Any) -> None:
    from tui.cli import common

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
    sub.add_argument("target", metavar="TICKER|CIK")
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
    cik, _company = edgarfetch.resolve_cik(args.target, workspace.watchlist.companies)
    cached = edgarfetch.fetch_companyfacts(cik, agent, workspace.locations.cache_dir, args.base_url)
    report = importer.import_file(cached, workspace.locations.imported, workspace.watchlist)
    print(describe(report))
    return 0
