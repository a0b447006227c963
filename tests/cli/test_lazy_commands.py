"""Only the command being run is imported: cron's `check` and the app skip the others' imports."""

from __future__ import annotations

import subprocess
import sys


def _loaded(argv: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from capexwatch.tui.cli import parser\n"
        f"parser({argv!r})\n"
        "print(' '.join(m for m in sys.modules if m.startswith('capexwatch.tui.cli.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_check_imports_only_its_own_module() -> None:
    assert _loaded(["--config", "x", "check", "--json"]) == {"capexwatch.tui.cli.check"}


def test_opening_the_app_imports_no_command_module() -> None:
    assert _loaded([]) == set()


def test_help_and_a_mistyped_command_still_know_every_command() -> None:
    assert {"capexwatch.tui.cli.fetch", "capexwatch.tui.cli.check"} <= _loaded(["--help"])
    assert {"capexwatch.tui.cli.fetch", "capexwatch.tui.cli.check"} <= _loaded(["chek"])
