"""The palette shows each command's key and only our own names; README lists every key."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import TabbedContent

from capexwatch.tui import commands
from capexwatch.tui.app import CapexwatchApp  # registers every panel's commands
from tests.app.conftest import MakeApp

README = Path(__file__).parents[2] / "README.md"


def test_readme_key_table_names_every_key() -> None:
    assert CapexwatchApp.BINDINGS
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | what it does |") :].split("\n\n")[0]
    named = set(re.findall(r"`([^`]+)`", table))
    missing = set()
    for command in commands.COMMANDS:
        if not command.key or command.scope == "text-scroll":
            continue
        shown = {k.strip() for k in command.key.split(",")}
        names = {commands.key_label(command), *shown}
        aliases = {"question_mark": "?", "slash": "/", "pagedown": "PgDn", "pageup": "PgUp",
                   "home": "Home", "end": "End", "shift+down": "shift+↓", "shift+up": "shift+↑",
                   "R": "shift+r", "f1": "?", "escape": "escape"}  # fmt: skip
        names |= {aliases.get(k, k) for k in shown}
        if not names & named and "escape" not in shown:
            missing.add(command.id)
    assert not missing, f"README's key table misses {sorted(missing)}"


async def test_palette_entries_show_their_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        add = next(c for c in commands.COMMANDS if c.id == "watchlist.add")
        shown = commands.with_key(commands.Content(add.palette_title), add)
        assert shown.plain == "Add signal  a"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        # Textual's "Keys", "Theme", "Quit" are ours ("?", "t", "q"); the rest in our words.
        assert not {"Keys", "Theme", "Quit", "Screenshot", "Maximize"} & set(titles)
        assert "Save a screenshot (SVG)" in titles


async def test_g_with_one_peer_group_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "peers"
        await pilot.press("g")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("only one peer group" in m for m in said), said
