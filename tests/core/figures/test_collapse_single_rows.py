"""collapse(): single-source figures pass straight through, in order, beside duplicates."""

from __future__ import annotations

import polars as pl

from capexwatch.core.figures import observations


def test_single_rows_and_duplicates_keep_their_first_order_and_meaning() -> None:
    sample = observations.load(None).head(4).with_columns(company=pl.lit("ZZ"))
    twin = sample.slice(1, 1).with_columns(pl.col("value") * 1.001, source=pl.lit("second"))
    empty = sample.slice(3, 1).with_columns(value=pl.lit(None, dtype=pl.Float64))
    frame = pl.concat([sample.head(3), twin, empty])
    out = observations.collapse(frame)
    assert out.get_column("metric").to_list() == sample.head(3).get_column("metric").to_list()
    assert out.get_column("sources").to_list() == [1, 2, 1]
    assert " | second" in out.row(1, named=True)["source"]
    assert not out.get_column("conflict").any()
    assert out.get_column("current").all()  # a figure without a value is not a figure
