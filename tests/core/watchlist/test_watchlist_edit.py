"""Editing signals in a watchlist file keeps the file's comments and validates like the loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.safewrite import WriteConflict
from capexwatch.core.watchlist import edit
from capexwatch.core.watchlist import model as wl

KNOWN = frozenset({"cloud_revenue_yoy", "free_cash_flow", "capex_yoy"})


@pytest.fixture
def loaded(tmp_path: Path) -> wl.Watchlist:
    path = tmp_path / "watchlist.toml"
    wl.ensure_exists(path)
    return wl.load(path, KNOWN)


def _fields(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "new-signal",
        "title": "A new signal",
        "company": "BABA",
        "metric": "capex_yoy",
        "op": ">",
        "threshold": 0.1,
    }
    return {**base, **extra}


def test_add_appends_an_entry_and_keeps_comments(loaded: wl.Watchlist) -> None:
    editable = edit.open_for_edit(loaded)
    index = edit.add_signal(editable, _fields(note="", near=None))
    edit.save(editable, KNOWN)
    text = loaded.path.read_text()
    assert "# capexwatch watchlist" in text
    assert text.rstrip().endswith("threshold = 0.1")
    assert '\n\n[[signal]]\nid = "new-signal"' in text
    assert "note" not in text.split('id = "new-signal"')[1]  # empty values are not written
    reloaded = wl.load(loaded.path, KNOWN)
    assert reloaded.signals[index].title == "A new signal"


def test_update_changes_only_what_changed(loaded: wl.Watchlist) -> None:
    before = loaded.path.read_text()
    editable = edit.open_for_edit(loaded)
    current = loaded.signal("baba-cloud-growth")
    assert current is not None
    edit.update_signal(
        editable,
        "baba-cloud-growth",
        {
            "id": current.id,
            "title": "Cloud growth beyond 40%",
            "company": "BABA",
            "metric": current.metric,
            "op": ">",
            "threshold": 0.40,
            "note": current.note,
        },
    )
    edit.save(editable, KNOWN)
    after = loaded.path.read_text()
    changed = [b for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b]
    assert changed[:2] == ['title = "Cloud growth beyond 40%"', "threshold = 0.4"]
    assert "near = 0.02" not in after.split('id = "baba-cloud-margin-step-up"')[0]


def test_delete_and_mute(loaded: wl.Watchlist) -> None:
    editable = edit.open_for_edit(loaded)
    edit.delete_signal(editable, "tcehy-capex-growth")
    edit.set_muted(editable, "bidu-fcf-negative", True)
    saved = edit.save(editable, KNOWN)
    reloaded = wl.load(loaded.path, KNOWN)
    assert saved.text == reloaded.text  # the next edit can start from what save returned
    edit.open_for_edit(saved)
    assert reloaded.signal("tcehy-capex-growth") is None
    muted = reloaded.signal("bidu-fcf-negative")
    assert muted is not None and muted.muted
    editable = edit.open_for_edit(reloaded)
    edit.set_muted(editable, "bidu-fcf-negative", False)
    edit.save(editable, KNOWN)
    assert "muted" not in loaded.path.read_text()


def test_invalid_edit_is_not_written_and_problems_name_fields(loaded: wl.Watchlist) -> None:
    before = loaded.path.read_bytes()
    editable = edit.open_for_edit(loaded)
    index = edit.add_signal(
        editable, _fields(id="baba-cloud-growth", metric="cloud_revnue_yoy", company=None)
    )
    with pytest.raises(ConfigError) as caught:
        edit.save(editable, KNOWN)
    assert loaded.path.read_bytes() == before
    problems = edit.field_problems(editable, index, caught.value)
    assert "duplicate signal id" in problems["id"][0]
    assert "did you mean 'cloud_revenue_yoy'" in problems["metric"][0]
    assert "needs 'company'" in problems["company"][0]


def test_file_changed_outside_the_app_is_never_clobbered(loaded: wl.Watchlist) -> None:
    loaded.path.write_text(loaded.path.read_text() + "\n# edited by hand\n")
    with pytest.raises(WriteConflict):
        edit.open_for_edit(loaded)
    editable = edit.open_for_edit(wl.load(loaded.path, KNOWN))
    loaded.path.write_text(loaded.path.read_text() + "# and again\n")
    edit.set_theme(editable, "capexwatch-light")
    with pytest.raises(WriteConflict):
        edit.save(editable, KNOWN)
    assert loaded.path.read_text().endswith("# and again\n")


def test_set_theme_adds_ui_table_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text('# mine\n[company.X]\nname = "X"\ncurrency = "USD"\n')
    editable = edit.open_for_edit(wl.load(path))
    edit.set_theme(editable, "capexwatch-contrast")
    edit.save(editable, frozenset())
    assert wl.load(path).ui.theme == "capexwatch-contrast"
    assert path.read_text().startswith("# mine\n")


def test_add_to_a_file_without_signals(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text('[company.BABA]\ncurrency = "CNY"\n')
    editable = edit.open_for_edit(wl.load(path, KNOWN))
    edit.add_signal(editable, _fields())
    edit.save(editable, KNOWN)
    assert [s.id for s in wl.load(path, KNOWN).signals] == ["new-signal"]


def test_update_keeps_keys_the_editor_does_not_manage(loaded: wl.Watchlist) -> None:
    editable = edit.open_for_edit(loaded)
    edit.update_signal(
        editable,
        "baba-cloud-growth",
        {"id": "baba-cloud-growth", "title": "Only the title"},
        managed=("id", "title"),
    )
    edit.save(editable, KNOWN)
    signal = wl.load(loaded.path, KNOWN).signal("baba-cloud-growth")
    assert signal is not None and signal.title == "Only the title"
    assert signal.metric == "cloud_revenue_yoy" and signal.near == 0.02
