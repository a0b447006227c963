"""Which period each company's row shows: the peers panel's period modes.

A row reads one period, so a ratio and its parts (FCF and FCF margin), a change and its level,
and the playbook's conditions all come from the same quarter:

- `latest`: each company's own latest period (quarters first; actuals before forecasts);
- `quarter`: the latest calendar quarter every company of the group has reported, matched by
  the month its period ends in (a 52/53-week quarter ending 2025-09-27 is the September
  quarter). When no quarter is common to all, the latest one most of them reported;
- `ttm`: each company's latest trailing twelve months: reported TTM figures, else the sum of
  four consecutive quarters (core.peers.ttm). A fiscal year is never passed off as TTM.

Point-in-time columns (forward P/S) are not figures of a period: they show their latest value.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue
from capexwatch.core.figures.periods import nominal_month
from capexwatch.core.peers.columns import COLUMNS

Mode = Literal["latest", "quarter", "ttm"]
MODES: tuple[Mode, ...] = ("latest", "quarter", "ttm")
DEFAULT: Mode = "latest"
LABELS: dict[str, str] = {"latest": "latest", "quarter": "same quarter", "ttm": "TTM"}
DESCRIPTIONS: dict[str, str] = {
    "latest": "each company's latest period",
    "quarter": "the latest calendar quarter every company reported",
    "ttm": "trailing twelve months (four quarters summed where no TTM was reported)",
}
# How the grid's anchors frame looks (one row per company with a period).
ANCHOR_COLUMNS = ["company", "freq", "_month", "period", "period_end"]


def next_mode(mode: str) -> Mode:
    """The mode after `mode`, round the three."""
    index = MODES.index(mode) if mode in MODES else -1
    return MODES[(index + 1) % len(MODES)]


def month_index() -> pl.Expr:
    """The month a period is named for, as year × 12 + month (see periods.nominal_month): 52/53-
    week periods end a few days before or after the month's end and still match."""
    later = pl.col("period_end") + pl.duration(days=15)
    # Months counted from zero (January of year 0), one before the month 15 days later.
    return later.dt.year().cast(pl.Int32) * 12 + later.dt.month().cast(pl.Int32) - 2


def period_metrics() -> list[str]:
    """The metrics of the columns that read a period (all but point-in-time ones), and every
    metric they are computed from: a quarter with revenue alone is a reported quarter."""
    shown = dict.fromkeys(m for c in COLUMNS if not c.point_in_time for m in c.metrics)
    inputs = (sorted(catalogue.dependencies(m)) for m in shown)
    return list(dict.fromkeys([*shown, *(m for found in inputs for m in found)]))


def _candidates(rows: pl.DataFrame, companies: list[str]) -> pl.DataFrame:
    """Every (company, freq, period) with a figure in a period column or one of its inputs;
    `_actual` 1 where some figure of that period is an actual."""
    rows = rows.filter(
        pl.col("metric").is_in(period_metrics())
        & pl.col("company").is_in(companies)
        & pl.col("value").is_not_null()
        & pl.col("period_end").is_not_null()
    )
    rows = rows.with_columns(_month=month_index(), _actual=(pl.col("kind") == "actual"))
    return rows.group_by("company", "freq", "_month").agg(
        pl.col("_actual").any().cast(pl.Int8),
        pl.col("period").sort_by("period_end").last(),
        pl.col("period_end").max(),
    )


def _latest(found: pl.DataFrame, freqs: tuple[str, ...]) -> pl.DataFrame:
    """Per company: its preferred frequency, actuals first, then the latest period."""
    ranks = {f: i for i, f in enumerate(freqs)}
    found = found.filter(pl.col("freq").is_in(list(freqs))).with_columns(
        _rank=pl.col("freq").replace_strict(ranks, default=len(ranks), return_dtype=pl.Int8) * 2
        + (1 - pl.col("_actual"))
    )
    found = found.filter(pl.col("_rank") == pl.col("_rank").min().over("company"))
    found = found.filter(pl.col("_month") == pl.col("_month").max().over("company"))
    return found.unique("company", keep="last", maintain_order=True).select(ANCHOR_COLUMNS)


def _common_quarter(found: pl.DataFrame, companies: list[str]) -> pl.DataFrame:
    """The latest quarter (by the month it ends in) the most companies reported an actual for;
    every company of the group when such a quarter exists."""
    quarters = found.filter(pl.col("freq") == "Q")
    # A company with only forecasts for its quarters counts on those.
    has_actual = pl.col("_actual").max().over("company") == 1
    quarters = quarters.filter((pl.col("_actual") == 1) | ~has_actual)
    if quarters.is_empty():
        return quarters.select(ANCHOR_COLUMNS)
    counts = quarters.group_by("_month").agg(pl.col("company").n_unique().alias("_n"))
    best = counts.sort("_n", "_month", descending=True).row(0, named=True)["_month"]
    chosen = quarters.filter(pl.col("_month") == best).select(ANCHOR_COLUMNS)
    present = set(chosen.get_column("company").to_list())
    missing = [c for c in companies if c not in present]
    if not missing:
        return chosen
    # Companies without that quarter keep the quarter as their anchor: their cells stay empty
    # and the row says which quarter it lacks, rather than showing another quarter's figures.
    year, month = divmod(int(best), 12)  # month from zero
    end = _month_end(year, month + 1)
    blank = pl.DataFrame(
        {
            "company": missing,
            "freq": ["Q"] * len(missing),
            "_month": [int(best)] * len(missing),
            "period": [None] * len(missing),
            "period_end": [end] * len(missing),
        },
        schema={
            "company": pl.String,
            "freq": pl.String,
            "_month": pl.Int32,
            "period": pl.String,
            "period_end": pl.Date,
        },
    )
    return pl.concat([chosen.cast(blank.schema), blank], how="vertical")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def anchors(rows: pl.DataFrame, companies: list[str], mode: str) -> pl.DataFrame:
    """One row per company with a period to show in `mode`: company, freq, `_month` (the month
    the period is named for), its own period label (None where the company lacks the group's
    quarter) and period end. `rows`: observations or metric values."""
    found = _candidates(rows, companies)
    if mode == "quarter":
        return _common_quarter(found, companies)
    if mode == "ttm":
        return _latest(found, ("TTM",))
    return _latest(found, ("Q", "H", "TTM", "FY"))


def period_text(period: str | None, freq: str, end: dt.date | None) -> str:
    """'FY2026Q2 · Sep 2025', 'TTM · Dec 2025', or 'no Sep 2025 figures' for a missing quarter."""
    if end is None:
        return "—"
    year, month = nominal_month(end)
    calendar = dt.date(year, month, 1).strftime("%b %Y")
    if period is None:
        return f"no {calendar}"
    if freq == "TTM":
        return f"TTM · {calendar}"
    return f"{period} · {calendar}"
