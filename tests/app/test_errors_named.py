"""A file that stops loading is named: in the app's banner and when the app cannot open."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.tui.widgets.banner import ErrorBanner
from tests.app.conftest import MakeApp

BROKEN_PLAN = '[tripwire]\nthreshold = "x"\n'


async def test_a_broken_plan_during_reload_names_plan_toml(
    make_app: MakeApp, config_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        (config_dir / "plan.toml").write_text(BROKEN_PLAN, encoding="utf-8")
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        banner = str(app.query_one(ErrorBanner).render())
        assert banner.startswith("⚠ plan.toml did not load"), banner
        assert "watchlist did not load" not in banner
        assert f"{config_dir / 'plan.toml'}:2:" in banner


def test_starting_on_a_broken_plan_names_it_and_says_what_to_do(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from capexwatch.tui.cli import main

    assert main(["config"]) == 0  # writes the default watchlist
    plan = config_dir / "plan.toml"
    plan.write_text(BROKEN_PLAN, encoding="utf-8")
    capsys.readouterr()
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{plan}:2:")
    assert f"capexwatch did not open: plan.toml ({plan}) does not load." in err
    assert "text editor" in err and "capexwatch check" in err
    assert plan.read_text(encoding="utf-8") == BROKEN_PLAN


async def test_putting_the_file_back_as_it_was_clears_the_banner(
    make_app: MakeApp, config_dir: Path
) -> None:
    import asyncio

    app = make_app()
    plan = config_dir / "plan.toml"
    good = plan.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        banner = app.query_one(ErrorBanner)
        plan.write_text(BROKEN_PLAN, encoding="utf-8")
        for _ in range(30):
            await asyncio.sleep(0.1)
            await pilot.pause()
            if banner.has_class("-visible"):
                break
        assert banner.has_class("-visible")
        plan.write_bytes(good)  # undone in the editor: the same bytes the app last loaded
        for _ in range(30):
            await asyncio.sleep(0.1)
            await pilot.pause()
            if not banner.has_class("-visible"):
                break
        assert not banner.has_class("-visible"), "the banner stayed after the fix"
