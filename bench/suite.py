"""What `make bench` measures, in one run on one machine, each figure beside its floor."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import generate, interactive, measure
from bench.measure import Figure, python
from bench.table import Row, mebibytes, seconds

FIRST_FRAME_RATIO = 1.25  # the app's first frame against a bare Textual app
CHECK_RATIO = 1.5  # `capexwatch check` against `python -c "import polars"`
LARGE_CHECK_SECONDS = 1.5  # `check` on 6 million observations
LARGE_CHECK_BYTES = 2**30
PEERS_RATIO = 1.5  # the 5,000-company peers table against the sample-data first frame
KEY_SECONDS = 0.050  # any key press to the next frame
LARGE = 5_000
TERMINAL = {"COLUMNS": "80", "LINES": "24"}
SIZES = (5, 500, LARGE)


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...] = SIZES
    runs: int = 5
    warmup: int = 1


def capexwatch(*args: str) -> list[str]:
    """argv for the installed `capexwatch` command of this environment."""
    script = Path(sys.executable).with_name("capexwatch")
    if script.exists():
        return [str(script), *args]
    return python("-c", "from capexwatch.tui.cli import main; raise SystemExit(main())", *args)


def isolated(root: Path) -> dict[str, str]:
    """Fresh config, data, state and cache directories under `root` (the sample data only)."""
    return generate.Market(root, 0).env()


def nothing_stored(root: Path) -> dict[str, str]:
    """A cache directory that cannot exist (under a file): every start computes its snapshot,
    as the first start after any change to the inputs does (capexwatch.core.snapshot.stored)."""
    blocker = root / "no-cache"
    blocker.touch()
    return {"CAPEXWATCH_CACHE_DIR": str(blocker / "cache")}


def run(options: Options, progress: Callable[[str], None]) -> list[Row]:
    """Measure everything; a measurement that fails becomes a failing row, not a traceback."""
    rows: list[Row] = []

    def figure(label: str, argv: list[str], env: dict[str, str] | None = None) -> Figure | None:
        progress(label)
        try:
            return measure.command(argv, options.runs, env, options.warmup)
        except measure.BenchError as exc:
            rows.append(Row(label, "error", target=measure.summary(exc), ok=False))
            return None

    def against_floor(
        label: str,
        floor_name: str,
        floor: list[str],
        argv: list[str],
        env: dict[str, str],
        limit: float | None,
    ) -> Figure | None:
        progress(label)
        try:
            low, high, ratio = measure.paired(floor, argv, options.runs, env, options.warmup)
        except measure.BenchError as exc:
            rows.append(Row(label, "error", target=measure.summary(exc), ok=False))
            return None
        floor_text = f"{seconds(low.seconds)} {floor_name}"
        target, ok = (f"≤ {limit}×", ratio <= limit) if limit else ("—", None)
        rows.append(Row(label, seconds(high.seconds), floor_text, ratio, target, ok))
        return high

    with tempfile.TemporaryDirectory(prefix="capexwatch-bench-") as tmp:
        root = Path(tmp)
        sample = {**isolated(root / "sample"), "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"}
        # Both headless apps are told the terminal's size, as a real terminal tells an app:
        # otherwise Textual starts at Rich's default 80×25 while its headless driver reports
        # 80×24, and lays the screen out three times before the first frame.
        sample |= TERMINAL
        frame = against_floor(
            "first frame, sample data",
            "bare Textual",
            python("-m", "bench.floor_app"),
            capexwatch(),
            sample,
            FIRST_FRAME_RATIO,
        )
        cold = {**sample, **nothing_stored(root)}
        progress("first frame, sample data, nothing stored")
        try:
            fresh = measure.command(capexwatch(), options.runs, cold, options.warmup)
            rows.append(against_sample("  … with nothing stored", fresh.seconds, frame, None))
        except measure.BenchError as exc:
            rows.append(Row("  … with nothing stored", "error", target=measure.summary(exc)))
        # The runs above left the sample's view stored: `check` answers from it, as it does
        # whenever nothing changed since the app (or a reload) last computed.
        against_floor(
            "check, sample data",
            "import polars",
            python("-c", "import polars"),
            capexwatch("check"),
            sample,
            CHECK_RATIO,
        )
        against_floor(
            "  … with nothing stored",
            "import polars",
            python("-c", "import polars"),
            capexwatch("check"),
            cold,
            None,
        )
        for n in options.sizes:
            progress(f"generating {n:,} companies")
            market = _generate(root / f"market-{n}", n)
            rows += _market(market, options, figure, frame)
    return rows


def _generate(root: Path, n: int) -> generate.Market:
    """Write a market in a child process, so this one never holds millions of rows."""
    measure.run_once(python("-m", "bench.generate", str(n), str(root)))
    return generate.Market(root, n)


def _market(
    market: generate.Market,
    options: Options,
    figure: Callable[[str, list[str], dict[str, str] | None], Figure | None],
    sample_frame: Figure | None,
) -> list[Row]:
    n = market.companies
    size = f"{n:,} cos × 40 q × 30 m = {market.observations:,} obs"
    large = n == LARGE
    rows = [Row(size, "")]
    # Computed, not read from a stored view: what `check` costs at this scale.
    check = figure(
        f"  check ({n:,})", capexwatch("check"), {**market.env(), **nothing_stored(market.root)}
    )
    if check:
        rows.append(
            Row(
                "  check",
                seconds(check.seconds),
                target=f"≤ {LARGE_CHECK_SECONDS} s" if large else "—",
                ok=check.seconds <= LARGE_CHECK_SECONDS if large else None,
            )
        )
        rows.append(
            Row(
                "  check peak memory",
                mebibytes(check.peak_bytes),
                target="≤ 1 GiB" if large else "—",
                ok=check.peak_bytes <= LARGE_CHECK_BYTES if large else None,
            )
        )
    env = {**market.env(), "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1", **TERMINAL}
    frame = figure(f"  first frame ({n:,})", capexwatch(), env)
    if frame:
        rows.append(against_sample("  first frame", frame.seconds, sample_frame, None))
    cold = {**env, **nothing_stored(market.root)}
    fresh = figure(f"  first frame, nothing stored ({n:,})", capexwatch(), cold)
    if fresh:
        rows.append(against_sample("  … with nothing stored", fresh.seconds, sample_frame, None))
    rows += interactive.rows(market, options, sample_frame)
    return rows


def against_sample(label: str, value: float, sample: Figure | None, limit: float | None) -> Row:
    if sample is None:
        return Row(label, seconds(value))
    ratio = value / sample.seconds
    return Row(
        label,
        seconds(value),
        f"{seconds(sample.seconds)} sample first frame",
        ratio,
        f"≤ {limit}×" if limit else "—",
        ratio <= limit if limit else None,
    )
