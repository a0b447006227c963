"""Observations: one long polars table of sourced figures, and how duplicates and conflicts read.

Schema (see README): company, metric, period, freq, period_start, period_end, value, unit, kind,
published, source, note. Values are in base units (39.8e9, not "39.8B"); ratios are fractions.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from capexwatch.core.base import frames, readfile
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.lazy_polars import pl

# The column names and their polars types; the types are built on first use (`schema()`)
# so that importing this module does not import polars (capexwatch.core.base.lazy_polars).
COLUMNS = [
    "company",
    "metric",
    "period",
    "freq",
    "period_start",
    "period_end",
    "value",
    "unit",
    "kind",
    "published",
    "source",
    "note",
]


@cache
def schema() -> dict[str, pl.DataType]:
    """Every column's polars type, in COLUMNS order."""
    return {
        "company": pl.String(),
        "metric": pl.String(),
        "period": pl.String(),
        "freq": pl.String(),
        "period_start": pl.Date(),
        "period_end": pl.Date(),
        "value": pl.Float64(),
        "unit": pl.String(),
        "kind": pl.String(),
        "published": pl.Date(),
        "source": pl.String(),
        "note": pl.String(),
    }


FREQS = ("Q", "H", "FY", "TTM")
KINDS = ("actual", "estimate", "guidance")


def kind_mark(kind: str | None) -> str:
    """'~ estimate' or '~ guidance' for a forecast, '' for an actual (or an unknown kind): the
    mark every place a forecast drives something shows beside it."""
    return f"~ {kind}" if kind in KINDS and kind != "actual" else ""


RATIO_UNITS = ("ratio", "pp")

# Two figures for the same period within this relative distance are one figure from two sources.
DUPLICATE_TOLERANCE = 0.005
# Reported ratios are usually rounded to a whole percent, so a derived ratio within half a
# percentage point of a reported one agrees with it.
RATIO_ABS_TOLERANCE = 0.005

KEY = ["company", "metric", "freq", "period_end"]
DATES = ("period_start", "period_end", "published")
# Dates a figure can have: outside these years a date is a typo (9999-12-31, FY9999) or beyond
# the calendar's reach (Python's dates end in 9999 and a period's arithmetic goes past its end).
FIRST_YEAR, LAST_YEAR = 1900, 2999
# What a stored file may hold (written before those bounds, or by another program): the years
# Python's dates hold, less one at each end for a period's arithmetic (a TTM reaches back 11
# months). A wider range than new input gets: a store with a typo of 3025 still opens, and
# `data remove` can take the row out.
HELD_YEARS = (2, 9998)
# Far beyond a market's worth of figures (6 million rows take ~200 MB), short of a sparse giant.
MAX_IMPORTED_BYTES = 4 * 2**30


def empty() -> pl.DataFrame:
    """An observation table with no rows."""
    return pl.DataFrame(schema=schema())


def bundled_path() -> Path:
    """The sample dataset shipped with the package."""
    # Installed as files (setuptools package data) in core/data: importlib.resources would
    # find the same path at ~2 ms of the app's start (its readers, zipfile).
    return Path(__file__).parent.parent / "data" / "seed_figures.csv"


def read_bundled() -> pl.DataFrame:
    """The bundled sample figures (trusted file: read straight into the schema)."""
    frame = pl.read_csv(
        bundled_path(),
        schema_overrides={
            k: v
            for k, v in schema().items()
            if k not in ("period_start", "period_end", "published")
        },
        try_parse_dates=False,
        columns=COLUMNS,
    )
    return frame.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d", strict=False)
        for c in ("period_start", "period_end", "published")
    ).select(COLUMNS)


def read_imported(path: Path) -> pl.DataFrame:
    """Observations the user imported (Parquet in the data directory), or none."""
    if not path.exists():
        return empty()
    _check_readable(path)
    return checked(pl.read_parquet(path).select(COLUMNS).cast(schema()), path)  # type: ignore[arg-type]


def checked(frame: pl.DataFrame, path: Path | None) -> pl.DataFrame:
    """`frame` (observations read from `path`), or a DataError for a date outside HELD_YEARS in
    it (`frames.dates_outside`)."""
    outside = frames.dates_outside(frame, DATES, *HELD_YEARS)
    if outside is not None:
        raise DataError(
            f"{path}: not capexwatch's imported data ({outside}); restore it or move it away"
        )
    return frame


def scan(imported: Path | None = None) -> pl.LazyFrame:
    """Bundled sample data plus whatever the user imported, as a lazy query.

    A filter on it (companies, metrics) reaches the Parquet reader, which then skips the row
    groups and columns it does not need: a command that reads three companies of a
    6-million-row import stays fast and small.
    """
    frames = [read_bundled().lazy()]
    if imported is not None and imported.exists():
        _check_readable(imported)
        frames.append(pl.scan_parquet(imported).select(COLUMNS).cast(schema()))  # type: ignore[arg-type]
    found = pl.concat(frames, how="vertical")
    if imported is None:
        return found
    from capexwatch.core.figures import disputes  # the user's choices between sources

    preferences = disputes.load(disputes.path_for(imported))
    return disputes.mark(found, preferences) if preferences else found


def _check_readable(path: Path) -> None:
    # The scan is lazy: a damaged file would otherwise fail later, deep inside a query. A pipe
    # or a device would block the reader or never end: only a regular file is scanned.
    try:
        readfile.check(path, MAX_IMPORTED_BYTES)
        columns = pl.read_parquet_schema(path)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the imported data ({exc.strerror or exc})") from None
    except pl.exceptions.PolarsError as exc:
        raise DataError(f"{path}: cannot read the imported data ({exc})") from None
    mismatch = frames.schema_mismatch(columns, schema())
    if mismatch is not None:
        raise DataError(
            f"{path}: not capexwatch's imported data ({mismatch}); restore it or move it away"
        )


def load(imported: Path | None = None) -> pl.DataFrame:
    """Bundled sample data plus whatever the user imported."""
    return checked(scan(imported).collect(), imported)


def _agree(values: pl.Expr) -> pl.Expr:
    spread = values.max() - values.min()
    scale = values.abs().max()
    return spread <= scale * DUPLICATE_TOLERANCE


def collapse(frame: pl.DataFrame) -> pl.DataFrame:
    """Collapse same-period duplicates and mark conflicts and revisions.

    Rows for one company, metric, freq, period end and kind whose values agree within 0.5% become
    one row carrying every source (joined by " | ") and the latest publication date. Rows that
    disagree all stay: the latest-published one is current, and every row of the group is marked
    `conflict`. Adds `conflict` (bool), `sources` (number of sources) and `current` (bool).
    """
    group = [*KEY, "kind"]
    # The user's choice between disagreeing sources (core.figures.disputes), when there is one.
    chosen = "preferred" in frame.columns
    extra = ["prefer_derived"] if "prefer_derived" in frame.columns else []
    frame = frame.with_row_index("_order")
    # Most figures have one source: those rows pass through as they are, and only the groups
    # with several rows are aggregated (a 6-million-row import is nearly all single rows).
    alone = (pl.len().over(group) == 1) & pl.all_horizontal(pl.col(group).is_not_null())
    single = frame.filter(alone & pl.col("value").is_not_null()).with_columns(
        pl.col("source").fill_null(""),
        pl.when(pl.col("note") == "").then(None).otherwise(pl.col("note")).alias("note"),
        pl.lit(1, dtype=pl.UInt32).alias("sources"),
        pl.lit(False).alias("conflict"),
        pl.lit(True).alias("current"),
    )
    frame = frame.filter(~alone)
    agreeing = frame.group_by(group).agg(_agree(pl.col("value")).alias("_agree"))
    frame = frame.join(agreeing, on=group, how="left")
    same = frame.filter(pl.col("_agree"))
    collapsed = same.group_by(group, maintain_order=True).agg(
        pl.col("_order").min(),
        pl.col("period").first(),
        pl.col("period_start").first(),
        # The latest-published figure's value wins; the others only add their sources.
        pl.col("value").sort_by(pl.col("published"), nulls_last=False).last(),
        pl.col("unit").first(),
        pl.col("published").max(),
        pl.col("source").unique(maintain_order=True).str.join(" | "),
        pl.col("note").drop_nulls().unique(maintain_order=True).str.join(" | "),
        pl.len().alias("sources"),
        *(pl.col(c).any() for c in extra),
    )
    collapsed = collapsed.with_columns(
        pl.lit(False).alias("conflict"),
        pl.lit(True).alias("current"),
        pl.when(pl.col("note") == "").then(None).otherwise(pl.col("note")).alias("note"),
    )
    differing = (
        frame.filter(~pl.col("_agree"))
        .with_row_index("_row")
        .with_columns(
            pl.lit(True).alias("conflict"),
            pl.lit(1, dtype=pl.UInt32).alias("sources"),
            # The latest-published row is current; unknown dates count as oldest, and among
            # equals the later row in the file wins.
            (
                pl.col("_row")
                == pl.col("_row")
                # The file's order breaks ties: sort_by alone does not keep it among equals.
                # A row the user preferred beats every publication date.
                .sort_by(
                    *([pl.col("preferred")] if chosen else []),
                    pl.col("published"),
                    pl.col("_order"),
                    nulls_last=False,
                )
                .last()
                .over(group)
            ).alias("current"),
        )
    )
    columns = [*COLUMNS, "conflict", "sources", "current", *extra]
    # Collapsed groups keep the order in which they first appear, single rows included.
    collapsed = pl.concat(
        [single.select(*columns, "_order"), collapsed.select(*columns, "_order")],
        how="vertical_relaxed",
    ).sort("_order")
    return pl.concat([collapsed.select(columns), differing.select(columns)], how="vertical_relaxed")
