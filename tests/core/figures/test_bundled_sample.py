"""The bundled sample: every row names its kind of source, and no row is a repository path or a
segment's figure passed off as the company's."""

from __future__ import annotations

import re

from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.figures import observations

PREFIXES = ("SEC filing (XBRL companyfacts) ", "company release: ", "article: ")


def _sample() -> pl.DataFrame:
    return observations.read_bundled()


def test_every_source_says_whether_it_is_primary() -> None:
    sources = _sample().get_column("source").to_list()
    unnamed = [s for s in sources if not s.startswith(PREFIXES)]
    assert unnamed == []


def test_no_source_carries_a_repository_or_file_path() -> None:
    path = re.compile(r"holdout/|github\.com|\.json\b|/work/|file [\w./-]+", re.IGNORECASE)
    bad = [s for s in _sample().get_column("source").to_list() if path.search(s)]
    assert bad == []


def test_amazon_capex_comes_from_its_filings_only() -> None:
    # The article's "AWS spent $28.3B" once stood as Amazon's total Q3 2025 capex.
    rows = _sample().filter((pl.col("company") == "AMZN") & (pl.col("metric") == "capex"))
    actuals = rows.filter(pl.col("kind") == "actual")
    assert all(s.startswith("SEC filing") for s in actuals.get_column("source").to_list())
    assert 28.3e9 not in actuals.get_column("value").to_list()


def test_the_sample_ends_where_the_readme_says() -> None:
    ends = _sample().filter(pl.col("freq") == "Q").get_column("period_end")
    assert (str(ends.min()), str(ends.max())) == ("2024-03-31", "2025-12-31")
