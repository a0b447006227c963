"""Every side of a disputed figure, and the user's preference making one current."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from capexwatch.core.figures import disputes, metrics, observations
from tests.frames import obs, quarter

END = dt.date(2025, 9, 30)


def two_sources() -> list[dict[str, object]]:
    return [
        quarter(
            "A",
            "capex",
            "2025-07-01",
            "2025-09-30",
            v,
            unit="USD",
            source=s,
            published=p,
            period="Q3",
        )
        for v, s, p in ((10.0, "release", "2025-10-30"), (12.0, "article", "2025-11-02"))
    ]


def test_both_reported_sides_show_with_source_and_date_and_the_latest_is_current() -> None:
    found = disputes.sides(obs(*two_sources()), "A", "capex", "Q", END)
    assert [(s.value, s.source, s.current) for s in found] == [
        (10.0, "release", False),
        (12.0, "article", True),
    ]
    assert found[0].text == "10 USD · release · published 2025-10-30"
    assert found[1].text.endswith("published 2025-11-02 · current")


def test_a_reported_ratio_shows_its_derivation_beside_it() -> None:
    rows = [
        quarter("B", "operating_margin", "2025-07-01", "2025-09-30", -0.61, unit="ratio"),
        quarter("B", "operating_income", "2025-07-01", "2025-09-30", -15091.0, unit="CNY"),
        quarter("B", "revenue", "2025-07-01", "2025-09-30", 31174.0, unit="CNY"),
    ]
    found = disputes.sides(obs(*rows), "B", "operating_margin", "Q", END)
    assert [s.derived for s in found] == [False, True]
    assert found[1].value == pytest.approx(-15091 / 31174)  # −48%, not only the reported −61%
    assert found[1].source == "derived: operating_income / revenue" and not found[1].current


def test_a_preference_makes_the_older_source_current_everywhere(tmp_path: Path) -> None:
    imported = tmp_path / "observations.parquet"
    obs(*two_sources()).write_parquet(imported)
    path = disputes.path_for(imported)
    disputes.save(path, (disputes.Preference("A", "capex", "Q3", "RELEASE"),))
    data = observations.load(imported).filter(observations.pl.col("company") == "A")
    value = metrics.compute(data, ["capex"]).get_column("value").to_list()
    assert value == [10.0]  # the release, though the article was published later
    found = disputes.sides(data, "A", "capex", "Q", END)
    assert [(s.value, s.current, s.preferred) for s in found] == [
        (10.0, True, True),
        (12.0, False, False),
    ]
    assert found[0].text.endswith("current, preferred by you")
    disputes.save(path, disputes.replaced(disputes.load(path), None, "A", "capex", "Q3"))
    data = observations.load(imported).filter(observations.pl.col("company") == "A")
    assert metrics.compute(data, ["capex"]).get_column("value").to_list() == [12.0]


def test_preferring_the_derivation_replaces_the_reported_ratio(tmp_path: Path) -> None:
    imported = tmp_path / "observations.parquet"
    rows = [
        quarter("B", "operating_margin", "2025-07-01", "2025-09-30", -0.61, unit="ratio",
                period="Q3"),
        quarter("B", "operating_income", "2025-07-01", "2025-09-30", -48.0, unit="CNY",
                period="Q3"),
        quarter("B", "revenue", "2025-07-01", "2025-09-30", 100.0, unit="CNY", period="Q3"),
    ]  # fmt: skip
    obs(*rows).write_parquet(imported)
    choice = disputes.Preference("B", "operating_margin", "Q3", "derived")
    disputes.save(disputes.path_for(imported), (choice,))
    data = observations.load(imported).filter(observations.pl.col("company") == "B")
    margin = metrics.compute(data, ["operating_margin"])
    assert margin.get_column("value").to_list() == [pytest.approx(-0.48)]
    assert margin.get_column("conflict").to_list() == [True]  # still disputed, settled by you
    found = disputes.sides(data, "B", "operating_margin", "Q", END)
    assert [(s.derived, s.current, s.preferred) for s in found] == [
        (False, False, False),
        (True, True, True),
    ]


def test_a_damaged_preferences_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / disputes.FILE
    path.write_text("{not json")
    with pytest.raises(observations.DataError, match=r"preferences\.json: not capexwatch's"):
        disputes.load(path)


def test_many_figures_at_once_give_each_the_sides_it_gives_alone() -> None:
    # The peer table asks for every disputed cell at once (a market has thousands): the same
    # sides, reported and derived, preferences included, as asking one figure at a time.
    rows = [
        *two_sources(),
        quarter("B", "operating_margin", "2025-07-01", "2025-09-30", -0.61, unit="ratio"),
        quarter("B", "operating_income", "2025-07-01", "2025-09-30", -15091.0, unit="CNY"),
        quarter("B", "revenue", "2025-07-01", "2025-09-30", 31174.0, unit="CNY"),
        quarter("C", "capex", "2025-07-01", "2025-09-30", 5.0, unit="USD"),
    ]
    data = obs(*rows).with_columns(
        preferred=observations.pl.col("source") == "release", prefer_derived=False
    )
    keys = [("A", "capex", "Q", END), ("B", "operating_margin", "Q", END),
            ("C", "capex", "Q", END), ("A", "revenue", "Q", END)]  # fmt: skip
    together = disputes.sides_of(data, keys)
    for key in keys:
        assert together.get(key, []) == disputes.sides(data, *key), key
    assert [s.preferred for s in together[keys[0]]] == [True, False]
    assert [s.derived for s in together[keys[1]]] == [False, True]
    assert keys[3] not in together  # no figure: no sides
