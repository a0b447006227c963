"""The morning start: the first start of a day, with yesterday's view stored.

A daily-review user starts capexwatch once a day, so the start that counts is the one that finds
the view stored by yesterday's run. The scene is set once (a start dated yesterday computes and
stores its view; the cache directory is copied aside) and put back before every measured run,
which is dated today (`CAPEXWATCH_TODAY`): each run meets exactly what a user meets in the
morning, whatever the run before it stored.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from bench import measure

TODAY = "CAPEXWATCH_TODAY"


def dates() -> tuple[str, str]:
    """(yesterday, today) as ISO dates: the real ones, so staleness is what a user sees."""
    today = dt.date.today()
    return (today - dt.timedelta(days=1)).isoformat(), today.isoformat()


def scene(argv: list[str], env: Mapping[str, str]) -> tuple[dict[str, str], Callable[[], None]]:
    """Store yesterday's view under `env`'s cache directory; returns today's environment and
    the step that puts yesterday's view back before a run."""
    yesterday, today = dates()
    cache = Path(env["CAPEXWATCH_CACHE_DIR"])
    shutil.rmtree(cache, ignore_errors=True)
    # Dated yesterday, nothing stored: it computes, and stores its view before exiting.
    measure.run_once(argv, {**env, TODAY: yesterday, "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"})
    if not (cache / "view.pickle").is_file():
        raise measure.BenchError(f"a start dated {yesterday} stored no view in {cache}")
    kept = cache.with_name(cache.name + ".yesterday")
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(cache, kept)  # copy2 keeps the files' modes (read only when 0600)

    def restore() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(kept, cache)

    return {**env, TODAY: today}, restore


def store_today(argv: list[str], env: Mapping[str, str]) -> None:
    """Leave today's view stored, as the morning's start does once it has computed it (the
    measured runs exit after their first frame, before that)."""
    shutil.rmtree(env["CAPEXWATCH_CACHE_DIR"], ignore_errors=True)
    measure.run_once(argv, {**env, "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"})
