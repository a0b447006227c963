"""The `capexwatch` command: resolves configuration, then runs the app or a headless command.

Headless commands never import Textual, so cron jobs start fast. Every user mistake ends in a
located message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core import __version__
from core.errors import CapexwatchError
from tui.cli import check, config, data, event, export, fetch, importfile, review

COMMANDS = (check, config, importfile, data, event, fetch, review, export)


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    top = argparse.ArgumentParser(
        prog="capexwatch",
        description="Daily review of AI-capex pressure. With no command, opens the app.",
    )
    top.add_argument("--version", action="version", version=f"capexwatch {__version__}")
    top.add_argument(
        "--config",
        metavar="DIR",
        help="config directory (default: $CAPEXWATCH_CONFIG_DIR or the platform's)",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 signals matched --fail-on, 2 user error)."""
    args = parser().parse_args(argv)
    try:
        if args.command is None:
            from tui import launch  # imports Textual: only for the app itself

            return launch.run(args.config)
        return int(args.run(args))
    except CapexwatchError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def common(sub: argparse.ArgumentParser) -> None:
    """Options every subcommand takes (also accepted after the command name)."""
    sub.add_argument("--config", metavar="DIR", default=argparse.SUPPRESS, help="config directory")
