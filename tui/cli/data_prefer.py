"""`capexwatch data prefer COMPANY METRIC PERIOD --source TEXT`: settle a disputed figure.

The choice is kept in the data directory (core.figures.disputes) and makes the chosen value the
current one everywhere: signals, peers, the memo. `--source derived` prefers the figure computed
from its inputs over the reported one; `--clear` forgets the choice.
"""

from __future__ import annotations

import argparse
from typing import Any

import polars as pl

from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean, suggest
from capexwatch.core.figures import disputes
from capexwatch.core.snapshot.workspace import open_workspace


def register(subs: Any) -> None:
    from capexwatch.tui.cli import common

    prefer = subs.add_parser(
        "prefer",
        help="settle a disputed figure: which source's value is current",
        description=(
            "Make the value of one source current for COMPANY's METRIC in PERIOD (as `data show` "
            "lists them), wherever it is read. --source derived prefers the value computed from "
            "its inputs; --clear forgets the choice."
        ),
    )
    common(prefer)
    prefer.add_argument("company", metavar="COMPANY")
    prefer.add_argument("metric", metavar="METRIC")
    prefer.add_argument("period", metavar="PERIOD", help="the period label, e.g. FY2025Q3")
    choice = prefer.add_mutually_exclusive_group(required=True)
    choice.add_argument("--source", metavar="TEXT", help="part of the preferred source, or derived")
    choice.add_argument("--clear", action="store_true", help="forget the preference")
    prefer.set_defaults(run=run_prefer)


def run_prefer(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    path = disputes.path_for(workspace.locations.imported)
    saved = disputes.load(path)
    company, metric, period = args.company, args.metric, args.period
    if args.clear:
        kept = disputes.replaced(saved, None, company, metric, period)
        if kept == saved:
            raise DataError(f"no preference for {clean(company)} {clean(metric)} {clean(period)}")
        disputes.save(path, kept)
        print(f"forgot the preference for {clean(company)} {clean(metric)} {clean(period)}")
        return 0
    rows = workspace.observations.filter(
        (pl.col("company") == company) & (pl.col("metric") == metric) & (pl.col("period") == period)
    )
    if rows.is_empty():
        known = (
            workspace.observations.filter(
                (pl.col("company") == company) & (pl.col("metric") == metric)
            )
            .get_column("period")
            .unique()
            .to_list()
        )
        raise DataError(
            f"no {clean(metric)} figures of {clean(company)} for {clean(period)!r}"
            f"{suggest(period, known)}"
        )
    text = args.source.strip()
    sources = [s or "" for s in rows.get_column("source").to_list()]
    if text.casefold() != disputes.DERIVED and not any(
        text.casefold() in s.casefold() for s in sources
    ):
        listed = "; ".join(clean(s) for s in dict.fromkeys(sources))
        raise DataError(f"no source of that figure contains {clean(text)!r}; its sources: {listed}")
    new = disputes.Preference(company, metric, period, text)
    disputes.save(path, disputes.replaced(saved, new, company, metric, period))
    what = f"{clean(company)} {clean(metric)} {clean(period)}"
    print(f"{what}: {clean(text)!r} preferred by you (undo: capexwatch data prefer {what} --clear)")
    return 0
