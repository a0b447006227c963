"""Turn observations into metric values: pick the current figure, then derive what is missing.

`compute(observations, ids)` returns one row per company, metric, frequency and period end for
every requested metric, reported or derived. It only touches the rows the requested metrics
depend on, so asking for two metrics of a 6-million-row table stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable

from capexwatch.core.base.frames import split_by
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import catalogue
from capexwatch.core.figures.observations import (
    COLUMNS,
    DUPLICATE_TOLERANCE,
    KEY,
    RATIO_ABS_TOLERANCE,
    collapse,
)

VALUE_COLUMNS = [*COLUMNS, "derived", "conflict", "sources"]
PREFER_DERIVED = "prefer_derived"  # core.figures.disputes: the user chose the derivation
_KIND_RANK = {"actual": 0, "estimate": 1, "guidance": 2}
_SERIES_KEY = ["company", "freq", "period_end"]


# A period a year (or a quarter) earlier ends within this many days of that date, and lasts
# as long within LENGTH_DAYS (a 53-week year's extra week).
MATCH_DAYS = 7
LENGTH_DAYS = 10


def current(observations: pl.DataFrame) -> pl.DataFrame:
    """One row per company, metric, freq and period end: the current figure, actual first.

    Duplicates are collapsed and conflicts marked (see `observations.collapse`); between kinds an
    actual beats an estimate, which beats guidance.
    """
    collapsed = collapse(observations).filter(pl.col("current"))
    rank = pl.col("kind").replace_strict(_KIND_RANK, default=3, return_dtype=pl.Int8)
    best = collapsed.with_columns(_rank=rank).filter(
        pl.col("_rank") == pl.col("_rank").min().over(KEY)
    )
    return (
        best.unique(KEY, keep="last", maintain_order=True)
        .drop("_rank", "current")
        .with_columns(derived=pl.lit(False))
    )


class _Engine:
    def __init__(self, reported: pl.DataFrame, extra: set[str]) -> None:
        # Each metric's reported rows, split once: a filter per metric costs a query each
        # (~0.2 ms), and a signal check asks for twenty-odd metrics and their inputs.
        flag = [PREFER_DERIVED] if PREFER_DERIVED in reported.columns else []
        reported = reported.select(*VALUE_COLUMNS, *flag)
        self.none = reported.clear()
        self.reported = {str(key[0]): rows for key, rows in split_by(reported, "metric").items()}
        self.extra = extra
        self.memo: dict[str, pl.DataFrame] = {}

    def series(self, metric_id: str) -> pl.DataFrame:
        if metric_id not in self.memo:
            self.memo[metric_id] = self._build(metric_id)
        return self.memo[metric_id]

    def _build(self, metric_id: str) -> pl.DataFrame:
        reported = self.reported.get(metric_id, self.none)
        metric = catalogue.lookup(metric_id, self.extra)
        if metric is None or not metric.derived:
            return reported.select(VALUE_COLUMNS)
        derived = self._formula(metric) if metric.formula else self._change(metric)
        return _merge(reported, derived.select(VALUE_COLUMNS), metric).select(VALUE_COLUMNS)

    def _formula(self, metric: catalogue.Metric) -> pl.DataFrame:
        assert metric.formula is not None
        a_id, op, b_id = metric.formula
        a = self.series(a_id)
        b = self.series(b_id).select(
            *_SERIES_KEY,
            pl.col("value").alias("b_value"),
            pl.col("unit").alias("b_unit"),
            pl.col("kind").alias("b_kind"),
            pl.col("published").alias("b_published"),
        )
        joined = a.join(b, on=_SERIES_KEY, how="inner")
        same_unit = pl.col("unit") == pl.col("b_unit")
        if op == "-":
            value = pl.when(same_unit).then(pl.col("value") - pl.col("b_value"))
            unit = pl.col("unit")
        else:
            # A zero or missing denominator is n/a (null), never inf or 0.
            value = pl.when(same_unit & (pl.col("b_value") != 0)).then(
                pl.col("value") / pl.col("b_value")
            )
            unit = pl.lit("ratio")
        worse_kind = (
            pl.when(pl.col("kind") == "actual").then(pl.col("b_kind")).otherwise(pl.col("kind"))
        )
        return joined.with_columns(
            value=value,
            unit=unit,
            kind=worse_kind,
            published=pl.max_horizontal("published", "b_published"),
            source=pl.lit(f"derived: {metric.derivation}"),
            note=pl.lit(None, dtype=pl.String),
            metric=pl.lit(metric.id),
            derived=pl.lit(True),
            conflict=pl.lit(False),
            sources=pl.lit(0, dtype=pl.UInt32),
        )

    def _change(self, metric: catalogue.Metric) -> pl.DataFrame:
        assert metric.change is not None
        stem_id, which = metric.change
        stem = self.series(stem_id).filter(pl.col("period_end").is_not_null())
        if which == "qoq":
            stem = stem.filter(pl.col("freq") == "Q")
        # The period a year (or a quarter) earlier is the one of the same frequency ending
        # nearest to that date, at most a week off: Alibaba's March year and Microsoft's June
        # year compare like with like whatever the row order, and so do 52/53-week years, whose
        # 13-week quarters end on the last Sunday of a month (2024-07-28 against 2023-07-30).
        lag = "-1y" if which == "yoy" else "-3mo"
        stem = stem.with_columns(
            _target=pl.col("period_end").dt.offset_by(lag),
            _days=(pl.col("period_end") - pl.col("period_start")).dt.total_days(),
        )
        previous = stem.select(
            "company",
            "freq",
            pl.col("period_end").alias("_prev_end"),
            pl.col("_days").alias("_prev_days"),
            pl.col("value").alias("prev"),
            pl.col("unit").alias("prev_unit"),
        ).sort("_prev_end")
        joined = (
            stem.sort("_target")
            .join_asof(
                previous,
                left_on="_target",
                right_on="_prev_end",
                by=["company", "freq"],
                strategy="nearest",
                tolerance=f"{MATCH_DAYS}d",
                # Both sides are sorted by their date above; polars cannot verify it per group.
                check_sortedness=False,
            )
            .filter(pl.col("_prev_end").is_not_null())
            # Same length too: a 53rd week is within it, a nine-month transition year is not.
            .filter(
                ((pl.col("_days") - pl.col("_prev_days")).abs() <= LENGTH_DAYS)
                | pl.col("_days").is_null()
                | pl.col("_prev_days").is_null()
            )
        )
        if metric.unit == "pp":
            value = pl.col("value") - pl.col("prev")
        else:
            value = pl.when((pl.col("prev") != 0) & (pl.col("unit") == pl.col("prev_unit"))).then(
                (pl.col("value") - pl.col("prev")) / pl.col("prev").abs()
            )
        return joined.with_columns(
            value=value,
            unit=pl.lit(metric.unit),
            source=pl.lit(f"derived: {metric.derivation}"),
            note=pl.lit(None, dtype=pl.String),
            metric=pl.lit(metric.id),
            derived=pl.lit(True),
            conflict=pl.lit(False),
            sources=pl.lit(0, dtype=pl.UInt32),
        )


def _merge(reported: pl.DataFrame, derived: pl.DataFrame, metric: catalogue.Metric) -> pl.DataFrame:
    """Reported figures stand; derived ones fill the gaps. A reported figure that disagrees with
    its derivation is marked as a conflict (Baidu's reported −61% against −48% derived)."""
    if reported.is_empty():
        return derived
    check = derived.select(*_SERIES_KEY, pl.col("value").alias("_derived"))
    reported = reported.join(check, on=_SERIES_KEY, how="left")
    tolerance = pl.max_horizontal(
        pl.col("_derived").abs() * DUPLICATE_TOLERANCE,
        pl.lit(RATIO_ABS_TOLERANCE if metric.unit in ("ratio", "pp") else 0.0),
    )
    disagrees = (pl.col("value") - pl.col("_derived")).abs() > tolerance
    reported = reported.with_columns(conflict=pl.col("conflict") | disagrees.fill_null(False))
    if PREFER_DERIVED in reported.columns:
        # The user preferred the derivation (core.figures.disputes): the reported figure steps
        # aside where a derived one exists, and the derived one carries the dispute.
        aside = pl.col(PREFER_DERIVED) & pl.col("_derived").is_not_null()
        overruled = reported.filter(aside).select(*_SERIES_KEY, _overruled=pl.lit(True))
        reported = reported.filter(~aside)
        derived = (
            derived.join(overruled, on=_SERIES_KEY, how="left")
            .with_columns(conflict=pl.col("conflict") | pl.col("_overruled").fill_null(False))
            .drop("_overruled")
        )
    reported = reported.drop("_derived")
    gaps = derived.join(reported.select(_SERIES_KEY), on=_SERIES_KEY, how="anti")
    return pl.concat([reported, gaps], how="diagonal_relaxed")


def compute(
    observations: pl.DataFrame,
    metric_ids: Iterable[str],
    companies: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Values of `metric_ids` (reported or derived), sorted by company, metric and period end."""
    ids = list(dict.fromkeys(metric_ids))
    extra = set(observations.get_column("metric").unique().to_list()) if ids else set()
    needed: set[str] = set()
    for metric_id in ids:
        needed |= catalogue.dependencies(metric_id, extra)
    wanted = pl.col("metric").is_in(list(needed))
    if companies is not None:
        # One pass over the rows: a 6-million-row table is scanned once, not twice.
        wanted = wanted & pl.col("company").is_in(list(companies))
    rows = observations.filter(wanted)
    engine = _Engine(current(rows), extra)
    frames = [engine.series(metric_id) for metric_id in ids]
    if not frames:
        return pl.DataFrame(schema={c: rows.schema.get(c, pl.Boolean) for c in VALUE_COLUMNS})
    out = pl.concat(frames, how="vertical_relaxed").sort("company", "metric", "period_end")
    # An overflow (1.7e308 minus -1.7e308) is no figure: n/a, like a zero denominator.
    finite = pl.when(pl.col("value").is_finite()).then(pl.col("value")).otherwise(None)
    return out.with_columns(finite.alias("value"))
