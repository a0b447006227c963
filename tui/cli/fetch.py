"""`capexwatch fetch edgar TICKER|CIK|--all --user-agent "Name email"`: download, then import.

For each company: its companyfacts, then its filing list (every filing recorded) and the primary
documents of its last periodic reports (headline and segment figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from functools import partial
from typing import Any

from capexwatch.core.base.errors import CapexwatchError, DataError
from capexwatch.core.base.text import clean, clean_multiline
from capexwatch.core.ingest import fetch as edgarfetch
from capexwatch.core.ingest import filing_fetch, importer
from capexwatch.core.ingest.fetch import Hosts
from capexwatch.core.snapshot.workspace import Workspace, open_workspace
from capexwatch.core.watchlist.model import Company
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
            "Download a company's companyfacts, its filing list and the primary documents of "
            "its last 10-K, 10-Q, 20-F and 40-F filings following the SEC's fair-access rules "
            "(a User-Agent naming you, at most 10 requests a second, backoff when asked); keep "
            "them in the cache directory (asked again only if changed; used when offline), "
            "record every filing (see `capexwatch filings`) and import the figures, segments "
            "included."
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
        help=f"one server standing in for every SEC host (default: ${edgarfetch.BASE_URL_ENV} "
        "or the SEC's own)",
    )
    sub.add_argument(
        "--last",
        metavar="N",
        type=int,
        default=filing_fetch.DEFAULT_LAST,
        help="read the primary documents of the last N 10-K, 10-Q, 20-F and 40-F filings "
        f"(default {filing_fetch.DEFAULT_LAST})",
    )
    sub.add_argument(
        "--since",
        metavar="DATE",
        type=_date,
        help="instead of --last: every such filing filed on or after DATE (YYYY-MM-DD)",
    )
    sub.set_defaults(run=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    agent = edgarfetch.check_user_agent(args.user_agent)
    hosts = edgarfetch.hosts(args.base_url)
    companies = workspace.watchlist.companies
    if args.all == bool(args.target):
        raise DataError("name one company (TICKER or CIK) or pass --all")
    if args.target:
        targets = [edgarfetch.resolve_cik(args.target, companies)]
    else:
        targets = [(c.cik, c.id) for c in companies.values() if c.cik is not None]
        if not targets:
            raise DataError("no watchlist company has a cik; add `cik = N` to a [company.ID]")
    failed = 0
    for cik, company_id in targets:
        # One by one, so a failure names its company and the others still arrive.
        steps = [partial(_companyfacts, workspace, cik, agent, args.base_url)]
        if company_id is not None:
            steps.append(partial(_filings, workspace, companies[company_id], agent, hosts, args))
        for step in steps:
            try:
                step()
            except CapexwatchError as error:
                failed += 1
                who = company_id or f"CIK {cik}"
                print(clean_multiline(f"{who}: {error}"), file=sys.stderr)
    return 2 if failed else 0


def _progress(line: str) -> None:
    print(clean(line), file=sys.stderr, flush=True)


def _companyfacts(workspace: Workspace, cik: int, agent: str, url: str | None) -> None:
    got = edgarfetch.fetch_companyfacts(cik, agent, workspace.locations.cache_dir, url)
    if got.how == "offline":
        _progress(f"CIK {cik}: offline, importing the companyfacts cached earlier ({got.reason})")
    elif got.how == "not modified":
        _progress(f"CIK {cik}: companyfacts not modified since the last fetch")
    report = importer.import_file(
        got.path,
        workspace.locations.imported,
        workspace.watchlist,
        metrics=workspace.known_metrics,
    )
    print(describe(report))


def _filings(
    workspace: Workspace, company: Company, agent: str, hosts: Hosts, args: argparse.Namespace
) -> None:
    where = workspace.locations
    found = filing_fetch.fetch_company(
        company, agent, hosts, where.cache_dir, where.filings,
        last=args.last, since=args.since, progress=_progress,
    )  # fmt: skip
    for note in found.notes:
        _progress(f"note: {note}")
    if not found.rows:
        return
    report = importer.import_filing_rows(
        found.rows,
        where.imported,
        workspace.watchlist,
        name=f"{company.id} filings",
        company=company.id,
        metrics=workspace.known_metrics,
    )
    print(describe(report))
    for warning in (*report.warnings, *report.skipped):
        _progress(f"warning: {warning}")
