"""`capexwatch completion bash|zsh|tcsh [--install]`: shell completion generated from the
parser itself (shtab), so every command and option completes as it is defined."""

from __future__ import annotations

import argparse
from typing import Any

SHELLS = ("bash", "zsh", "tcsh")
HOW = {
    "bash": "completes in new shells (bash-completion loads it from there)",
    "zsh": "add `fpath=(~/.local/share/zsh/site-functions $fpath)` before compinit in ~/.zshrc",
    "tcsh": "add `source ~/.local/share/tcsh/capexwatch.completion` to ~/.tcshrc",
}


def register(commands: Any) -> None:
    from capexwatch.tui.cli import common

    sub = commands.add_parser(
        "completion",
        help="print (or --install) shell completion for bash, zsh or tcsh",
        description="Print the completion script for SHELL, e.g. "
        "`capexwatch completion bash > ~/.local/share/bash-completion/completions/capexwatch`, "
        "or write it there with --install.",
    )
    common(sub)
    sub.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or tcsh")
    sub.add_argument("--install", action="store_true", help="write it where the shell finds it")
    sub.set_defaults(run=run)


def script(shell: str) -> str:
    """The completion script for `shell`, covering every command."""
    import shtab  # only for this command

    from capexwatch.tui.cli import parser

    return str(shtab.complete(parser(), shell))


def run(args: argparse.Namespace) -> int:
    from capexwatch.tui.cli import install

    text = script(args.shell)
    if not args.install:
        print(text, end="" if text.endswith("\n") else "\n")
        return 0
    home = install.data_home()
    target = {
        "bash": home / "bash-completion" / "completions" / "capexwatch",
        "zsh": home / "zsh" / "site-functions" / "_capexwatch",
        "tcsh": home / "tcsh" / "capexwatch.completion",
    }[args.shell]
    install.install(target, text)
    print(f"wrote {target}: {HOW[args.shell]}")
    return 0
