"""The distribution: one namespaced package, `capexwatch`, and nothing generic beside it.

The wheel is built offline from this checkout and installed into a folder of its own; another
distribution's top-level `core`, `tui` or `themes` (PyPI has a `themes`) must not shadow it.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_wheel(out: Path) -> Path:
    """The wheel of this checkout, built offline. One test builds it: setuptools writes its
    build folders inside the checkout, so two builds at once (two test workers) would collide."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return next(out.glob("capexwatch-*.whl"))


def test_the_wheel_is_one_package_that_runs_beside_generic_ones(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "wheel")
    holds_one_package_and_its_data(wheel)
    runs_beside_generic_packages(wheel, tmp_path)


def holds_one_package_and_its_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"capexwatch"}
    for needed in (
        "capexwatch/__main__.py",
        "capexwatch/core/data/seed_figures.csv",
        "capexwatch/core/data/watchlist.default.toml",
        "capexwatch/core/snapshot/recipe.py",
        "capexwatch/tui/app.tcss",
        "capexwatch/themes/__init__.py",
    ):
        assert needed in names, needed
    # Every room of the checkout is in the wheel (a new subpackage must be listed in pyproject).
    rooms = {
        p.parent.relative_to(ROOT).as_posix()
        for top in ("core", "tui", "themes")
        for p in (ROOT / top).rglob("__init__.py")
    }
    for room in rooms:
        assert f"capexwatch/{room}/__init__.py" in names, f"{room} is missing from the wheel"


def runs_beside_generic_packages(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    assert not any((target / name).exists() for name in ("core", "tui", "themes"))
    # Another distribution's generic top-level packages, as PyPI's `themes` would install.
    for name in ("core", "tui", "themes"):
        (target / name).mkdir()
        (target / name / "__init__.py").write_text("raise ImportError('not capexwatch')\n")
    code = (
        "import capexwatch, capexwatch.core.snapshot.recipe, capexwatch.themes\n"
        "from capexwatch.tui.cli import main\n"
        "print(capexwatch.__file__)\n"
        "raise SystemExit(main(['--version']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r})\n{code}"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(target / "capexwatch")), done.stdout
    assert "capexwatch 0." in done.stdout
