"""core must never pull in the UI: importing every core module leaves textual and rich unloaded."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import capexwatch.core


def core_modules() -> list[str]:
    """Every module of capexwatch.core, its rooms' modules included."""
    found = pkgutil.walk_packages(capexwatch.core.__path__, prefix="capexwatch.core.")
    return ["capexwatch.core", *(m.name for m in found)]


def test_core_modules_do_not_import_textual_or_rich() -> None:
    modules = core_modules()
    assert len(modules) > 10  # the walk found the package, so the check below means something
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_headless_cli_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from capexwatch.tui.cli import parser\n"
        "parser()\n"
        "print(any(m.startswith('textual') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
