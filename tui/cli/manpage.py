"""`capexwatch man [--install]`: the manual page, generated from the parser (argparse-manpage),
so it lists every command and option as they are defined."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    sub = commands.add_parser(
        "man",
        help="print (or --install) the manual page",
        description="Print the manual page as roff (`capexwatch man | man -l -`), or write it "
        "to ~/.local/share/man/man1/capexwatch.1 with --install (then `man capexwatch`).",
    )
    common(sub)
    sub.add_argument("--install", action="store_true", help="write it where man finds it")
    sub.set_defaults(run=run)


def page() -> str:
    """The manual page, every command included."""
    from argparse_manpage.manpage import Manpage  # only for this command

    from capexwatch import __version__
    from capexwatch.tui.cli import parser

    top = parser()
    top.prog = "capexwatch"
    page = Manpage(top)
    # Its documented way to name the source and the manual is to set them after construction.
    page.source = f"capexwatch {__version__}"
    page.manual = "capexwatch manual"
    # argparse reads help text as a %-format (34%% prints 34%); argparse-manpage prints it raw.
    return str(page).replace("%%", "%")


def run(args: argparse.Namespace) -> int:
    from capexwatch.tui.cli import install

    text = page()
    if not args.install:
        print(text, end="" if text.endswith("\n") else "\n")
        return 0
    target = install.install(install.data_home() / "man" / "man1" / "capexwatch.1", text)
    print(f"wrote {target}: `man capexwatch` reads it (~/.local/share/man is on man's path)")
    return 0
