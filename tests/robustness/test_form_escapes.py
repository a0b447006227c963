"""Ids are outside text too: a signal's id, metric, threshold (another metric), event kind and
combined signals, and a company id, shown in the signal form and the record form, must never
reach the terminal as controls (ESC ] 2 sets the title, ESC ] 52 writes the clipboard)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import tomlkit

from capexwatch.core.base.locations import resolve
from capexwatch.core.base.text import clean
from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.watchlist.table import SignalsTable
from tests.robustness.hostile_files import ODD_METRIC, ODD_SIGNAL, write_hostile_workspace
from tests.robustness.test_hostile_text import screen_text

TITLE = "odd\x1b]2;pwned\x1b\\"
COMBINED = "both\x1b]52;c;cHduZWQ=\x1b\\\u2028"


def _more_hostile_signals(config_dir: Path) -> None:
    path = resolve(config_dir).watchlist
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    signals: list[dict[str, object]] = doc["signal"]  # type: ignore[assignment]
    rule = {"company": "BABA", "metric": "capex", "op": ">", "threshold": ODD_METRIC}
    signals.append({"id": TITLE, "title": "t", **rule})
    signals.append({"id": COMBINED, "title": "c", "all": [ODD_SIGNAL, TITLE]})
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")


def _drawn_cleanly(app: CapexwatchApp) -> str:
    text = screen_text(app)
    for line in text.splitlines():
        assert clean(line) == line, f"a control or invisible character on screen: {line!r}"
    return text


async def test_every_signal_form_and_the_record_form_show_ids_cleanly(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    write_hostile_workspace(config_dir)
    _more_hostile_signals(config_dir)
    app = start_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        rows = len(app.query_one(SignalsTable).results)
        seen = ""
        for _ in range(rows):
            await pilot.press("e")
            await pilot.pause()
            seen += _drawn_cleanly(app)
            await pilot.press("escape", "n")  # the record form, preset to the row's company
            await pilot.pause()
            seen += _drawn_cleanly(app)
            await pilot.press("escape", "j")
            await pilot.pause()
        assert "odd␛]2;pwned␛\\" in seen  # the id, drawn visibly in its form
        assert "both␛]52;c;cHduZWQ=␛\\\ufffd" in seen
        assert clean(ODD_METRIC) in seen
