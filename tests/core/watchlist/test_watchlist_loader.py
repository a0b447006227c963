"""The watchlist loader: defaults on first run, and every mistake located by line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.watchlist import model as watchlist

KNOWN = {"opex_yoy"}
GOOD = """\
[company.BABA]
name = "Alibaba"
currency = "CNY"

[[signal]]
id = "growth"
title = "Cloud growth"
company = "BABA"
metric = "cloud_revenue_yoy"
op = ">"
threshold = 0.34
"""


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "watchlist.toml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def test_first_run_writes_commented_defaults_and_they_load(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "watchlist.toml"
    assert watchlist.ensure_exists(path)
    text = path.read_text()
    assert text.startswith("#")
    loaded = watchlist.load(path, KNOWN)
    assert set(loaded.companies) == {"BABA", "TCEHY", "BIDU", "AMZN", "MSFT"}
    assert {c.cik for c in loaded.companies.values()} == {1577552, None, 1329099, 1018724, 789019}
    assert loaded.peers["all"].companies == ("BABA", "TCEHY", "BIDU", "AMZN", "MSFT")
    assert loaded.fx[0].source_currency == "CNY" and loaded.fx[0].as_of is not None
    assert any(s.threshold == "revenue_yoy" for s in loaded.signals)
    assert any(s.all for s in loaded.signals)


def test_an_existing_file_is_never_rewritten(tmp_path: Path) -> None:
    path = write(tmp_path, "# mine\n")
    assert not watchlist.ensure_exists(path)
    assert path.read_text() == "# mine\n"


BROKEN = [
    # (what is wrong, text, line, column, words in the message)
    ("syntax", GOOD.replace('op = ">"', 'op = ">" x'), 10, 10, "invalid TOML"),
    ("unknown top key", "[compnay.X]\nname = 'x'\n", 1, 1, "did you mean 'company'"),
    (
        "unknown signal key",
        GOOD.replace("threshold", "threshhold"),
        11,
        1,
        "did you mean 'threshold'",
    ),
    (
        "wrong type",
        GOOD.replace("threshold = 0.34", "threshold = true"),
        11,
        13,
        "must be a number or a string",
    ),
    ("unknown op", GOOD.replace('op = ">"', 'op = "=>"'), 10, 6, "op must be one of"),
    (
        "unknown company",
        GOOD.replace('company = "BABA"', 'company = "BABX"'),
        8,
        11,
        "did you mean 'BABA'",
    ),
    (
        "unknown metric",
        GOOD.replace("cloud_revenue_yoy", "cloud_revenu_yoy"),
        9,
        10,
        "did you mean 'cloud_revenue_yoy'",
    ),
    (
        "unknown threshold metric",
        GOOD.replace("0.34", '"revenu_yoy"'),
        11,
        13,
        "did you mean 'revenue_yoy'",
    ),
    ("missing key", GOOD.replace('op = ">"\n', ""), 5, 1, "needs 'op'"),
    ("duplicate id", GOOD + GOOD[GOOD.index("[[signal]]") :], 13, 6, "duplicate signal id"),
    ("duplicate key", GOOD.replace('op = ">"', 'op = ">"\nop = "<"'), 11, 9, "invalid TOML"),
    ("nan", GOOD.replace("0.34", "nan"), 11, 13, "finite number"),
    ("huge integer", GOOD.replace("0.34", "99999999999999999999"), 11, 13, "too large"),
    (
        "bad month",
        GOOD.replace('currency = "CNY"', 'currency = "CNY"\nfiscal_year_end_month = 13'),
        4,
        25,
        "1 to 12",
    ),
    (
        "combine unknown",
        GOOD + '\n[[signal]]\nid = "both"\nall = ["growth", "margin"]\n',
        15,
        7,
        "unknown signal 'margin'",
    ),
    (
        "combine self",
        GOOD + '\n[[signal]]\nid = "loop"\nany = ["loop"]\n',
        15,
        7,
        "combines itself",
    ),
    ("unknown theme", GOOD + '\n[ui]\ntheme = "darkk"\n', 14, 9, "unknown theme"),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "col", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_file_is_located_and_left_alone(
    tmp_path: Path, case: str, text: str, line: int, col: int, words: str
) -> None:
    path = write(tmp_path, text)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as caught:
        watchlist.load(path, KNOWN)
    found = [p for p in caught.value.problems if words in p.message]
    assert found, str(caught.value)
    assert (found[0].line, found[0].col) == (line, col), str(caught.value)
    assert f"{path}:{line}:{col}: " in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"a = 1\n\x00", "NUL byte"),
        (b'[ui]\ntheme = "caf\xe9"\n', "not valid UTF-8"),
    ],
)
def test_bytes_that_are_not_toml_text(tmp_path: Path, raw: bytes, words: str) -> None:
    path = write(tmp_path, raw)
    with pytest.raises(ConfigError, match=words):
        watchlist.load(path, KNOWN)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff" + GOOD)
    assert watchlist.load(path, KNOWN).signals[0].id == "growth"


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = GOOD.replace('op = ">"', 'op = "=>"').replace("threshold", "threshhold")
    with pytest.raises(ConfigError) as caught:
        watchlist.load(write(tmp_path, text), KNOWN)
    assert len(caught.value.problems) >= 2


def test_metric_from_the_users_own_data_is_accepted(tmp_path: Path) -> None:
    text = GOOD.replace("cloud_revenue_yoy", "token_revenue")
    assert (
        watchlist.load(write(tmp_path, text), {"token_revenue"}).signals[0].metric
        == "token_revenue"
    )
