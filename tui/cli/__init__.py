"""The `capexwatch` command: resolves configuration, then runs the app or a headless command.

Headless commands never import Textual, so cron jobs start fast. Every user mistake ends in a
located message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from capexwatch import __version__
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean_multiline
from capexwatch.tui import output

# Command name → its module under tui.cli. Only the module of the command being run is imported
# (all of them for --help or a mistyped name), so `check` from cron does not pay for the HTTP
# client of `fetch` or the memo of `export`.
COMMAND_MODULES = {
    "check": "check",
    "config": "config",
    "import": "importfile",
    "data": "data",
    "event": "event",
    "fetch": "fetch",
    "filings": "filings",
    "calendar": "calendar",
    "review": "review",
    "export": "export",
    "plan": "plan",
    "completion": "completion",
    "man": "manpage",
}


def _modules(argv: Sequence[str] | None) -> list[ModuleType]:
    if argv is None or any(a in ("-h", "--help") for a in argv):
        names = list(COMMAND_MODULES)
    else:
        wanted = _command_in(argv)
        if wanted is None:
            names = []  # no command: the app opens, and no command module is needed
        else:
            names = [wanted] if wanted in COMMAND_MODULES else list(COMMAND_MODULES)
    return [importlib.import_module(f"capexwatch.tui.cli.{COMMAND_MODULES[n]}") for n in names]


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of `argv` (skipping --config DIR), or None."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--config":
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered (only argv's command, if given)."""
    top = argparse.ArgumentParser(
        prog="capexwatch",
        description="Daily review of AI-capex pressure. With no command, opens the app.",
    )
    top.add_argument("--version", action="version", version=f"capexwatch {__version__}")
    top.add_argument(
        "--config",
        metavar="DIR",
        type=directory_name,
        help="config directory (default: $CAPEXWATCH_CONFIG_DIR or the platform's)",
    )
    top.add_argument("--init", action="store_true", help=INIT_HELP)
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    for module in _modules(argv):
        module.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 signals matched --fail-on, 2 user error)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(argv).parse_args(argv)
    try:
        config_exists(args)
        if args.command is None:
            from capexwatch.tui import launch  # imports Textual: only for the app itself

            return launch.run(args.config)
        with output.guarded():
            return int(args.run(args))
    except output.OutputFailed as failure:
        return output.report(failure)
    except CapexwatchError as exc:
        # Messages quote the user's files: keys and values may hold terminal controls.
        print(clean_multiline(str(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def common(sub: argparse.ArgumentParser) -> None:
    """Options every subcommand takes (also accepted after the command name)."""
    sub.add_argument(
        "--config",
        metavar="DIR",
        type=directory_name,
        default=argparse.SUPPRESS,
        help="config directory",
    )
    sub.add_argument("--init", action="store_true", default=argparse.SUPPRESS, help=INIT_HELP)


INIT_HELP = "create the --config directory, with the default files, if it does not exist"


def config_exists(args: argparse.Namespace) -> None:
    """A `--config DIR` that does not exist is a mistyped path until `--init` says otherwise:
    without this check a typo silently became a new config with the sample watchlist."""
    given = getattr(args, "config", None)
    if given is None or getattr(args, "init", False):
        return
    path = Path(given).expanduser()
    if not path.exists():
        raise CapexwatchError(
            f"{path}: no such config directory. Check the path, or add --init to create it "
            "with the default watchlist.toml and plan.toml."
        )


def directory_name(text: str) -> str:
    """An argparse type: a directory named by a non-empty argument (`--config ""` would
    otherwise mean the current directory without a word)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty directory name; give a path")
    return text
