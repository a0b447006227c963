"""Hostile text in every field that reaches the screen, the memo and the command line.

Markup must show literally (never become a link, a click action or a style), and terminal
controls must show as visible pictures or U+FFFD: nothing from the data is obeyed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Checkbox, Input

from capexwatch.tui.app import CapexwatchApp
from capexwatch.tui.cli import main
from tests.robustness.hostile_files import write_hostile_csv, write_hostile_workspace
from tests.waiting import wait_for

# Controls, C1, bidi and zero-width characters: none may be drawn or printed as they are.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
    "\u2028\u2029\u061c\u00ad\U000e0000-\U000e007f]"
)
LITERAL = ("[@click=app.quit]q[/]", "x[/red]", "[link=https://x]y[/link]", "[Inc]", "阿里巴巴")
VISIBLE = ("␛]0;pwned␇", "␛]52;c;cHduZWQ=␇", "over␍write", "ding␇")


def screen_text(app: CapexwatchApp) -> str:
    """What the screen shows now; fails on a link or click action that came from the data."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None:
                assert not style.link, f"a link reached the screen: {style.link}"
                click = str(style.meta.get("@click", ""))
                assert "app.quit" not in click, f"a click action from data: {click}"
        lines.append(strip.text)
    text = "\n".join(lines)
    bad = UNSAFE.findall(text)
    assert not bad, f"control characters on screen: {bad!r} " + repr(
        [line for line in lines if UNSAFE.search(line)][:3]
    )
    return text


def widget_texts(app: CapexwatchApp) -> None:
    """Tooltips and border titles of every widget on the screen are safe too."""
    for widget in app.screen.query(Widget):
        for value in (widget.tooltip, widget.border_title, widget.border_subtitle):
            shown = str(value) if value is not None else ""
            assert not UNSAFE.search(shown), (widget, shown[:80])


async def test_hostile_text_is_shown_literally_everywhere(
    start_app: Callable[[], CapexwatchApp], config_dir: Path
) -> None:
    write_hostile_workspace(config_dir)
    app = start_app()
    seen: list[str] = []

    async def look() -> None:
        await app_pilot.pause()
        assert app.is_running and app.return_code is None
        seen.append(screen_text(app))
        widget_texts(app)

    async with app.run_test(size=(200, 50)) as app_pilot:
        await look()
        for _ in range(6):  # six signals' details show every hostile string in their notes
            await app_pilot.press("j")
            await look()
        for key in ("e", "d", "question_mark"):  # the edit form, the delete question, help
            await app_pilot.press(key)
            await look()
            await app_pilot.press("escape")
        await app_pilot.press("c")  # the Changes view
        await look()
        await app_pilot.press("escape")
        await app_pilot.press("r", "enter", "R")  # mark reviewed (no note), then the history
        await look()
        await app_pilot.press("escape", "2")
        await look()
        for key in ("j", "g", "s"):
            await app_pilot.press(key)
            await look()
        await app_pilot.press("3")
        await look()  # every card's answer and owner
        await app_pilot.press("j", "j")
        for _ in range(2):  # the forms with market rows, then workload rows
            await app_pilot.press("enter")
            await look()
            await app_pilot.press("escape", "j")
        await look()
        await app_pilot.press("1", "n")  # the record form, preset to a hostile company
        await look()
        await app_pilot.press("escape", "i")  # importing a hostile CSV: problems, then rows
        await wait_for(app_pilot, lambda: bool(app.screen.query("#path")))
        form = app.screen
        form.query_one("#path", Input).value = str(write_hostile_csv(config_dir / "x.csv"))
        await app_pilot.press("ctrl+s")
        # The file is read in a worker: wait for its answer on screen (a busy machine is slow).
        # (A long temporary path wraps the located problem's line: look for its words.)
        await wait_for(app_pilot, lambda: "is not a number" in screen_text(app))
        await look()
        # Line 3's problem (its path may wrap anywhere in the dialog: the message is matched).
        assert "'␛]0;pwned␇' is not a number" in seen[-1], "the import problems are not shown"
        form.query_one("#skip", Checkbox).value = True
        await app_pilot.press("ctrl+s")
        await look()
        await app.workers.wait_for_complete()
        # A broken edit with a hostile key: the banner and the refused edit's notification.
        path = config_dir / "watchlist.toml"
        path.write_text(
            path.read_text("utf-8").replace("[ui]", '[ui]\n"x\\u001b]0;pwned\\u0007" = 1'),
            "utf-8",
        )
        app.reload()
        await app.workers.wait_for_complete()
        await app_pilot.press("m")
        await look()
        assert "unknown key" in seen[-1]
    everything = "\n".join(seen)
    for text in (*LITERAL, *VISIBLE):
        assert text in everything, f"{text!r} is not shown literally"


def test_the_memo_and_the_check_command_print_no_control_characters(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_hostile_workspace(config_dir)
    csv = write_hostile_csv(config_dir.parent / "hostile.csv")
    commands = [
        ["check"],
        ["check", "--json"],
        ["export"],
        ["export", "--format", "json"],
        ["event", "list"],
    ]
    commands += [["data", "list"], ["data", "show", "BABA"], ["data", "show", "BABA", "--json"]]
    commands += [["import", str(csv)], ["import", str(csv), "--skip-bad-rows"], ["data", "list"]]
    commands += [["review", "--mark"], ["review", "--history"], ["review", "--json"]]
    for argv in commands:
        main(argv)
        out, err = capsys.readouterr()
        bad = UNSAFE.findall(out.replace("\t", "") + err)
        assert not bad, (argv, bad[:5])
    main(["export"])
    markdown = capsys.readouterr().out
    # Markdown escapes brackets, so a Markdown viewer shows them literally too.
    assert "\\[@click=app.quit\\]q\\[/\\]" in markdown and "␛\\]0;pwned␇" in markdown


def test_a_hostile_key_in_an_error_is_printed_visibly(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "watchlist.toml").write_text(
        '[company."\\u001b]0;pwned\\u0007"]\nname = "\\u009b2J"\ncurrency = "USD"\n'
        '[ui]\n"\\u001b]52;c;eA==\\u0007" = 1\n',
        "utf-8",
    )
    for argv in (["check"], ["config"], ["export"], ["review"], ["data", "list"], []):
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        assert not UNSAFE.findall(out + err), (argv, (out + err)[:300])
        assert "␛]52;c;eA==␇" in err, argv
