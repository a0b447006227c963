"""Writes users can trust: comments kept, byte-identical round trips, no clobbering, symlinks
and permissions kept, and invalid edits never written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capexwatch.core.base import safewrite
from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.safewrite import WriteConflict
from capexwatch.core.files import tomledit
from capexwatch.core.files.tomledit import EditableToml
from capexwatch.core.plan import edit as plan_edit
from capexwatch.core.plan import model as plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    plan.ensure_exists(path)
    return path


def test_unchanged_document_is_written_back_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    raw = (
        "\ufeff# odd spacing\r\n[a]  # c\r\nx   =   1\r\ny = 'lit'\r\n\r\n[[b]]\r\nz=[1,2 , 3]\r\n"
    )
    path.write_bytes(raw.encode("utf-8"))
    editable = EditableToml.open(path)
    editable.save()
    assert path.read_bytes() == raw.encode("utf-8")


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
        st.one_of(st.integers(-(10**9), 10**9), st.text(max_size=20), st.booleans()),
        max_size=6,
    )
)
def test_round_trip_of_any_simple_document_is_byte_identical(
    tmp_path_factory: pytest.TempPathFactory, data: dict
) -> None:
    import tomlkit

    path = tmp_path_factory.mktemp("rt") / "f.toml"
    raw = ("# a comment\n[t]\n" + tomlkit.dumps(data)).encode("utf-8")
    path.write_bytes(raw)
    EditableToml.open(path).save()
    assert path.read_bytes() == raw


def test_edit_keeps_comments_and_fills_the_commented_example(plan_file: Path) -> None:
    before = plan_file.read_text("utf-8")
    plan_edit.save_section(
        plan.load(plan_file), "utilization", {"threshold": "85%", "current": "0.78", "owner": "VP"}
    )
    after = plan_file.read_text("utf-8")
    assert "threshold = 0.85   # the utilization that greenlights new capacity\n" in after
    assert 'owner = "VP"\n' in after
    # Every other line is untouched: only the three example lines changed.
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 3
    loaded = plan.load(plan_file)
    assert loaded.number("utilization", "threshold") == 0.85
    assert loaded.entry("utilization").owner == "VP"


def test_new_key_without_example_goes_before_sub_tables(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text('[payback]\nmax_months = 12\n\n[[payback.market]]\nname = "N"\n', "utf-8")
    plan_edit.save_section(plan.load(path), "payback", {"capex": "12M"})
    assert path.read_text("utf-8") == (
        '[payback]\nmax_months = 12\ncapex = 12000000\n\n[[payback.market]]\nname = "N"\n'
    )
    plan_edit.save_section(plan.load(path), "attach_rate", {"current": "20%"})
    assert path.read_text("utf-8").endswith("\n[attach_rate]\ncurrent = 0.2\n")


def test_refused_after_an_outside_change_and_the_file_is_kept(plan_file: Path) -> None:
    loaded = plan.load(plan_file)
    plan_file.write_text(plan_file.read_text("utf-8") + "\n# edited elsewhere\n", "utf-8")
    outside = plan_file.read_bytes()
    with pytest.raises(WriteConflict, match="changed on disk"):
        plan_edit.save_section(loaded, "utilization", {"threshold": "0.9"})
    assert plan_file.read_bytes() == outside


def test_conflict_between_open_and_save_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    editable = EditableToml.open(path)
    tomledit.set_keys(editable, "t", {"b": 2})
    path.write_text("a = 2\n")
    with pytest.raises(WriteConflict):
        editable.save()
    assert path.read_text() == "a = 2\n"


def test_invalid_edit_is_not_written(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    with pytest.raises(plan_edit.FieldErrors) as info:
        plan_edit.save_section(plan.load(plan_file), "payback", {"capex": "$5M", "max_months": "x"})
    assert set(info.value.fields) == {"capex", "max_months"}
    with pytest.raises(ConfigError, match="unknown company 'NOPE'"):
        plan_edit.save_section(plan.load(plan_file), "tripwire", {"company": "NOPE"}, {"BABA"})
    assert plan_file.read_bytes() == before


def test_a_file_that_does_not_parse_is_never_written(plan_file: Path) -> None:
    loaded = plan.load(plan_file)
    plan_file.write_text("[utilization\n", "utf-8")
    with pytest.raises((ConfigError, WriteConflict)):
        plan_edit.save_section(loaded, "utilization", {"threshold": "0.9"})
    assert plan_file.read_text("utf-8") == "[utilization\n"


def test_symlinked_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "plan.toml"
    plan.ensure_exists(real)
    link = tmp_path / "config" / "plan.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    plan_edit.save_section(plan.load(link), "attach_rate", {"threshold": "0.25"})
    assert link.is_symlink()
    assert "threshold = 0.25" in real.read_text("utf-8")


def test_permissions_are_kept(plan_file: Path) -> None:
    os.chmod(plan_file, 0o600)
    plan_edit.save_section(plan.load(plan_file), "attach_rate", {"current": "0.1"})
    assert stat.S_IMODE(plan_file.stat().st_mode) == 0o600
    assert not list(plan_file.parent.glob(".plan.toml.*"))  # no temp file left behind


def test_write_atomic_refuses_to_create_over_a_file_that_appeared(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    path.write_text("someone else's\n")
    with pytest.raises(WriteConflict):
        safewrite.write_atomic(path, b"mine\n", expected=None)
    assert path.read_text() == "someone else's\n"


def test_rows_are_added_changed_and_removed_keeping_every_comment(plan_file: Path) -> None:
    original = plan_file.read_text("utf-8")
    markets = [
        {"name": "North", "investment": "3M", "monthly_contribution": "120K"},
        {"name": "South", "investment": "1M", "monthly_contribution": "10K"},
    ]
    plan_edit.save_section(plan.load(plan_file), "payback", {"max_months": "18"}, rows=markets)
    loaded = plan.load(plan_file)
    assert [m.name for m in loaded.markets] == ["North", "South"]
    assert loaded.markets[0].investment == 3_000_000
    text = plan_file.read_text("utf-8")
    # New rows go after the commented example, before the next question's heading.
    assert text.index('name = "North"') < text.index("# ── 4. Which workloads")
    assert text.index('# name = "Southeast Asia"') < text.index('name = "North"')
    # Remove South (an empty name) and change North: the heading after it stays.
    markets = [{"name": "North", "investment": "3M", "monthly_contribution": "150K"}, {"name": ""}]
    plan_edit.save_section(loaded, "payback", {}, rows=markets)
    loaded = plan.load(plan_file)
    assert [(m.name, m.monthly_contribution) for m in loaded.markets] == [("North", 150_000)]
    text = plan_file.read_text("utf-8")
    kept = [
        line
        for line in original.splitlines()
        if line.startswith("#") and not line.startswith("# max_months")  # filled in above
    ]
    assert all(line in text.splitlines() for line in kept)
    # Removing the last row leaves the file as it was, but for max_months.
    plan_edit.save_section(loaded, "payback", {"max_months": ""}, rows=[])
    assert plan_file.read_text("utf-8") == original.replace(
        "# max_months = 18                  # the longest payback the plan accepts\n", ""
    )


def test_row_mistakes_name_their_row_and_nothing_is_written(plan_file: Path) -> None:
    before = plan_file.read_bytes()
    rows = [{"name": "API", "rank": "1.5", "revenue": "contracted"}]
    with pytest.raises(plan_edit.FieldErrors) as info:
        plan_edit.save_section(plan.load(plan_file), "gpu_priority", {}, rows=rows)
    assert set(info.value.fields) == {"row-0-rank"}
    rows = [{"name": "API", "rank": "1", "revenue": "contractd"}]
    with pytest.raises(ConfigError, match="did you mean 'contracted'"):
        plan_edit.save_section(plan.load(plan_file), "gpu_priority", {}, rows=rows)
    assert plan_file.read_bytes() == before


@settings(max_examples=30, deadline=None)
@given(
    threshold=st.integers(1, 100),
    capex=st.integers(1, 10**12),
    owner=st.text(min_size=1, max_size=30).filter(lambda t: t.strip()),
)
def test_save_then_load_is_stable(
    tmp_path_factory: pytest.TempPathFactory, threshold: int, capex: int, owner: str
) -> None:
    path = tmp_path_factory.mktemp("stable") / "plan.toml"
    plan.ensure_exists(path)
    typed = {"threshold": f"{threshold}%", "owner": owner}
    plan_edit.save_section(plan.load(path), "utilization", typed)
    plan_edit.save_section(plan.load(path), "payback", {"capex": str(capex)})
    loaded = plan.load(path)
    assert loaded.number("utilization", "threshold") == pytest.approx(threshold / 100)
    assert loaded.entry("utilization").owner == owner.strip()
    assert loaded.number("payback", "capex") == capex
    # Saving the same values again changes nothing, byte for byte.
    before = path.read_bytes()
    plan_edit.save_section(loaded, "utilization", typed)
    assert path.read_bytes() == before
