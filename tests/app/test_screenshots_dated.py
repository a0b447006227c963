"""The README's pictures say the date they were drawn at (every status depends on it)."""

from __future__ import annotations

from pathlib import Path

from capexwatch.tui.screenshots import PINNED_TODAY, SHOTS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_screenshot_title_names_its_date() -> None:
    for name, *_ in SHOTS:
        svg = (DOCS / f"{name}.svg").read_text("utf-8").replace("&#160;", " ")
        assert f"capexwatch · {name} · drawn as of {PINNED_TODAY}" in svg, name
