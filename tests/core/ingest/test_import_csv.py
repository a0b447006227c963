"""`capexwatch import` of CSV and Parquet: every bad row named, all or nothing, idempotent."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import observations, store
from capexwatch.tui.cli import main

HEADER = "company,metric,period,freq,period_start,period_end,value,unit,kind,published,source,note"
GOOD = "BABA,capex,FY2026Q3,Q,2025-10-01,2025-12-31,41000000000,CNY,actual,2026-02-20,release,"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, *lines: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored() -> pl.DataFrame:
    return store.read(resolve().imported)


# (data line, expected message after "data.csv:2:COL: ") — one broken cell each.
BROKEN = [
    (GOOD.replace("41000000000", "N/A"), "45: column value: 'N/A' is not a number"),
    (GOOD.replace("41000000000", "NaN"), "45: column value: 'NaN' is not a number (NaN and"),
    (GOOD.replace("41000000000", "inf"), "45: column value: 'inf' is not a number (NaN and"),
    (GOOD.replace("41000000000", "-Infinity"), "45: column value: '-Infinity' is not a number"),
    (GOOD.replace("41000000000", '"$41,000"'), "45: column value: '$41,000' has a currency '$'"),
    (GOOD.replace("41000000000", '"1,23"'), "45: column value: '1,23' is not a number (thousands"),
    (GOOD.replace("41000000000", "(41)"), "45: column value: '(41)': write a negative number"),
    (GOOD.replace("41000000000", "34%"), "45: column value: '34%' is a percentage but the unit"),
    (GOOD.replace("41000000000", ""), "45: column value: is empty (a number is needed)"),
    (
        GOOD.replace("2025-10-01", "2025/10/01"),
        "23: column period_start: '2025/10/01' is not a date",
    ),
    (GOOD.replace("2025-12-31", "2025-02-30"), "34: column period_end: '2025-02-30' is not a real"),
    (GOOD.replace(",Q,", ",Quarter,"), "21: column freq: 'Quarter' is not a frequency"),
    (GOOD.replace("actual", "actuals"), "61: column kind: 'actuals' is not a kind"),
    (GOOD.replace("CNY", "yuan"), "57: column unit: 'yuan' is not a unit"),
    (GOOD.replace("BABA", "BA BA"), "1: column company: 'BA BA' is not a company id"),
    (GOOD.replace("capex", "Capex"), "6: column metric: 'Capex' is not a metric id"),
    (GOOD.replace("release", ""), "79: column source: is empty"),
    (GOOD.replace("2026-02-20", "20.2.2026"), "68: column published: '20.2.2026' is not a date"),
    (GOOD.rsplit(",", 2)[0], "78: 10 fields where the header has 12 (no source, note)"),
    (GOOD + ",extra", "88: 13 fields where the header has 12"),
]


@pytest.mark.parametrize(("line", "expected"), BROKEN)
def test_a_broken_row_is_named_with_line_column_and_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, line: str, expected: str
) -> None:
    path = write(tmp_path, HEADER, GOOD, line)
    code, _out, err = run(capsys, "import", str(path))
    assert code == 2
    assert f"{path}:3:{expected}" in err
    assert "nothing imported" in err
    assert stored().is_empty()


def test_every_bad_row_is_reported_and_nothing_is_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = GOOD.replace("41000000000", "N/A")
    path = write(
        tmp_path,
        HEADER,
        GOOD,
        bad,
        GOOD.replace("FY2026Q3", "FY2026Q2"),
        bad.replace("capex", "Capex"),
    )
    code, _out, err = run(capsys, "import", str(path))
    assert code == 2
    assert f"{path}:3:45: column value: 'N/A'" in err
    assert f"{path}:5:6: column metric: 'Capex'" in err
    assert f"{path}:5:45: column value: 'N/A'" in err
    assert "2 bad rows; nothing imported" in err
    assert not resolve().imported.exists()


def test_skip_bad_rows_imports_the_rest_and_lists_what_it_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER, GOOD, GOOD.replace("41000000000", "N/A"))
    code, out, err = run(capsys, "import", str(path), "--skip-bad-rows")
    assert code == 0
    assert "1 new row" in out
    assert f"{path}:3:45: column value: 'N/A' is not a number" in err
    assert stored().get_column("value").to_list() == [41e9]


def test_importing_the_same_file_twice_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER, GOOD, GOOD.replace("FY2026Q3", "FY2026Q2"))
    assert run(capsys, "import", str(path))[0] == 0
    first = resolve().imported.read_bytes()
    code, out, _ = run(capsys, "import", str(path))
    assert code == 0
    assert "0 new rows" in out and "(2 already there)" in out
    assert resolve().imported.read_bytes() == first
    merged = observations.load(resolve().imported)
    assert merged.filter(pl.col("source") == "release").get_column("value").to_list() == [
        41e9,
        41e9,
    ]


def test_numbers_as_people_write_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [
        GOOD.replace("41000000000", '" 41,000,000,000 "'),
        GOOD.replace("41000000000", "39.8B").replace("FY2026Q3", "a"),
        GOOD.replace("41000000000", "-21.8 b").replace("FY2026Q3", "b"),
        GOOD.replace("41000000000", "34%")
        .replace("CNY", "ratio")
        .replace("capex", "capex_intensity")
        .replace("FY2026Q3", "c"),
        GOOD.replace("41000000000", "1.5e3").replace("FY2026Q3", "d"),
    ]
    path = write(tmp_path, HEADER, *rows)
    assert run(capsys, "import", str(path))[0] == 0
    values = dict(stored().select("period", "value").iter_rows())
    assert values == {"FY2026Q3": 41e9, "a": 39.8e9, "b": -21.8e9, "c": 0.34, "d": 1500.0}


def test_a_utf8_bom_is_accepted_and_other_encodings_are_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\n{GOOD}\n".encode())
    assert run(capsys, "import", str(bom))[0] == 0

    utf16 = tmp_path / "utf16.csv"
    utf16.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-16")
    code, _, err = run(capsys, "import", str(utf16))
    assert code == 2 and "UTF-16" in err and "save it as UTF-8" in err

    latin = tmp_path / "latin.csv"
    latin.write_bytes(f"{HEADER}\n{GOOD.replace('release', 'communiqué')}\n".encode("latin-1"))
    code, _, err = run(capsys, "import", str(latin))
    assert code == 2
    assert f"{latin}:2:" in err and "latin-1" in err and "communiqué" in err


def test_header_problems_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.replace("value", "valeu"), GOOD)
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert "unknown column 'valeu'; did you mean 'value'?" in err
    assert "the header has no column 'value'" in err


def test_control_characters_from_a_file_are_made_visible(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER, GOOD.replace("release", "rel\x1b]0;pwned\x07ease"))
    assert run(capsys, "import", str(path))[0] == 0
    assert stored().get_column("source").to_list() == ["rel␛]0;pwned␇ease"]


def test_source_option_fills_empty_sources(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER, GOOD.replace("release", ""))
    assert run(capsys, "import", str(path), "--source", "my sheet")[0] == 0
    assert stored().get_column("source").to_list() == ["my sheet"]


def test_parquet_rows_are_checked_like_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    frame = pl.DataFrame(
        {
            "company": ["BABA", "BABA"],
            "metric": ["capex", "capex"],
            "period": ["FY2026Q3", "FY2026Q2"],
            "value": [41e9, float("nan")],
            "unit": ["CNY", "CNY"],
            "source": ["release", "release"],
        }
    )
    path = tmp_path / "data.parquet"
    frame.write_parquet(path)
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert f"{path}: row 2, column value: 'nan' is not a number" in err
    frame.head(1).write_parquet(path)
    assert run(capsys, "import", str(path))[0] == 0
    row = stored().row(0, named=True)
    # freq and dates worked out from the label and Alibaba's March fiscal year.
    assert (row["freq"], str(row["period_start"]), str(row["period_end"])) == (
        "Q",
        "2025-10-01",
        "2025-12-31",
    )


def test_an_unclosed_quote_is_located(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, GOOD, GOOD.replace("release", '"release'))
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert (
        f"{path}:3:1: not valid CSV (unexpected end of data; a quote that is never closed?)" in err
    )
    assert stored().is_empty()


def test_a_quoted_note_over_two_lines_keeps_the_line_numbers_right(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    two_lines = GOOD.rstrip(",") + ',"first line\nsecond line"'
    path = write(tmp_path, HEADER, two_lines, "", GOOD.replace("41000000000", "N/A"))
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert f"{path}:5:45: column value: 'N/A' is not a number" in err
