"""`capexwatch import` of real filings against `python -c "import polars"`.

Each run imports into data that does not hold the file yet (the imported Parquet file is
removed before it), as a user's first import of a filing does; the watchlist names both
companies, as it must for an import to be taken.
"""

from __future__ import annotations

from pathlib import Path

from bench import measure
from bench.measure import python
from bench.table import Row, seconds

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FILES = (
    ("import, Snowflake companyfacts (JSON)", FIXTURES / "CIK0001640147_SNOW_companyfacts.json"),
    ("import, NVIDIA 10-Q (inline XBRL)", FIXTURES / "xbrl" / "nvda-10q-2025-08-27.htm"),
)
COMPANIES = """
[company.SNOW]
name = "Snowflake"
currency = "USD"
fiscal_year_end_month = 1
cik = 1640147

[company.NVDA]
name = "NVIDIA"
currency = "USD"
fiscal_year_end_month = 1
cik = 1045810
"""


def rows(capexwatch: list[str], env: dict[str, str], runs: int, warmup: int) -> list[Row]:
    """One row per file; `env` names fresh directories (the first run writes the defaults)."""
    measure.run_once([*capexwatch, "config"], env)  # writes the default watchlist and plan
    watchlist = Path(env["CAPEXWATCH_CONFIG_DIR"]) / "watchlist.toml"
    watchlist.write_text(watchlist.read_text(encoding="utf-8") + COMPANIES, encoding="utf-8")
    imported = Path(env["CAPEXWATCH_DATA_DIR"]) / "observations.parquet"
    out = []
    for label, path in FILES:
        try:
            low, high, ratio = measure.paired(
                python("-c", "import polars"),
                [*capexwatch, "import", str(path)],
                runs,
                env,
                warmup,
                before=lambda: imported.unlink(missing_ok=True),
            )
        except measure.BenchError as exc:
            # Until capexwatch reads the file's format, the row says so instead of a figure.
            out.append(Row(label, "not yet", target=measure.summary(exc), ok=False))
            continue
        floor = f"{seconds(low.seconds)} import polars"
        out.append(Row(label, seconds(high.seconds), floor, ratio))
    return out
