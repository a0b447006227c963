"""The watchlist's UI settings and mute are set through the document model, whatever the
shape of `[ui]`, and an edit that would not read back is refused before anything is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.watchlist import edit, model

UI = {
    "header": '[ui]\ntheme = "capexwatch-dark"\n',
    "inline": 'ui = { theme = "capexwatch-dark" }\n',
    "dotted": 'ui.theme = "capexwatch-dark"\n',
    "none": "",
}


def _file(config_dir: Path, ui: str) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    text = re.sub(r"(?m)^\[ui\][\s\S]*?(?=^\[|\Z)", "", model.default_text())
    path = config_dir / "watchlist.toml"
    path.write_text(ui + text if not ui.startswith("[") else text + "\n" + ui, "utf-8")
    return path


@pytest.mark.parametrize("shape", list(UI))
def test_theme_and_mute_land_in_every_shape_of_ui(config_dir: Path, shape: str) -> None:
    path = _file(config_dir, UI[shape])
    editable = edit.open_for_edit(model.load(path))
    edit.set_theme(editable, "capexwatch-light")
    first = model.load(path).signals[0].id
    edit.set_muted(editable, first, True)
    edit.save(editable, set())
    loaded = model.load(path)
    assert loaded.ui.theme == "capexwatch-light"
    assert [s.muted for s in loaded.signals][:2] == [True, False]


def test_a_mute_that_would_not_read_back_is_refused(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(config_dir, "")
    before = path.read_bytes()
    editable = edit.open_for_edit(model.load(path))
    first = model.load(path).signals[0].id
    edit.set_muted(editable, first, True)
    del editable.document["signal"][0]["muted"]  # as if the edit had been lost on the way
    with pytest.raises(ConfigError, match=r"'signal\[0\]\.muted' would read nothing instead"):
        edit.save(editable, set())
    assert path.read_bytes() == before
