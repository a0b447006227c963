"""What `make bench` measures, in one run on one machine, each figure beside its floor."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bench import floor_app, generate, imports, market, measure, newday, responses, terminal
from bench.measure import Figure, python
from bench.table import Row, seconds

FIRST_FRAME_RATIO = 1.25  # the app's first frame (today's view stored) against a bare Textual app
NEW_DAY_RATIO = 1.3  # the first start of a day (yesterday's view stored), sample data
NEW_DAY_LARGE_RATIO = 1.5  # the same at 6 million observations
CHECK_RATIO = 1.5  # `capexwatch check` answering from the stored view, against `import polars`
CHECK_COMPUTED_RATIO = 1.3  # `capexwatch check` when it must compute (new day, changed input)
QUIT_RATIO = 1.2  # `q` to the process gone, against the bare Textual app's
LARGE_CHECK_SECONDS = 1.5  # `check` on 6 million observations
LARGE_CHECK_BYTES = 2**30
PEERS_RATIO = 1.5  # the 5,000-company peers table against the sample-data first frame
KEY_SECONDS = 0.050  # any key press to the next frame
LARGE = 5_000
TERMINAL = {"COLUMNS": "80", "LINES": "24"}
SIZES = (5, 500, LARGE)
PARTS = ("sample", "waits", "imports", "markets")
EXIT_AFTER_FIRST_FRAME = {"CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"}
# What says the watchlist's rows are on a terminal: a status word of a row (the header says
# them in lower case), and the floor's last table cell.
ROWS_MARKER = b"TRIGGERED"
FLOOR = python("-m", "bench.floor_app")
POLARS = python("-c", "import polars")


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...] = SIZES
    runs: int = 5
    warmup: int = 1
    parts: tuple[str, ...] = PARTS
    # Quiet seconds after the start in a terminal before `q` (bench.terminal.SETTLE_SECONDS).
    settle: float = terminal.SETTLE_SECONDS


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


@dataclass
class Bench:
    """The rows measured so far; a measurement that fails becomes a failing row."""

    options: Options
    progress: Callable[[str], None]
    rows: list[Row] = field(default_factory=list)

    def figure(self, label: str, argv: list[str], env: Mapping[str, str]) -> Figure | None:
        self.progress(label)
        try:
            return measure.command(argv, self.options.runs, env, self.options.warmup)
        except measure.BenchError as exc:
            self.rows.append(Row(label, "error", target=measure.summary(exc), ok=False))
            return None

    def against_floor(
        self,
        label: str,
        floor_name: str,
        floor: list[str],
        argv: list[str],
        env: Mapping[str, str],
        limit: float | None,
        before: Callable[[], object] | None = None,
    ) -> Figure | None:
        """`argv` and its floor alternately; the row holds the median of the pairs' ratios."""
        self.progress(label.strip())
        runs, warmup = self.options.runs, self.options.warmup
        try:
            low, high, ratio = measure.paired(floor, argv, runs, env, warmup, before)
        except measure.BenchError as exc:
            self.rows.append(Row(label, "error", target=measure.summary(exc), ok=False))
            return None
        self.rows.append(ratio_row(label, high.seconds, f"{seconds(low.seconds)} {floor_name}",
                                   ratio, limit))  # fmt: skip
        return high

    def new_day(
        self, env: Mapping[str, str], limit: float | None, indent: str = ""
    ) -> tuple[dict[str, str], Callable[[], None]] | None:
        """The first frame of a new day against the bare Textual app; returns the scene."""
        label = f"{indent}first frame, new day (yesterday's view stored)"
        try:
            today, yesterday = newday.scene(capexwatch(), env)
        except measure.BenchError as exc:
            self.rows.append(Row(label, "error", target=measure.summary(exc), ok=False))
            return None
        self.against_floor(label, "bare Textual", FLOOR, capexwatch(), today, limit, yesterday)
        newday.store_today(capexwatch(), today)
        return today, yesterday

    def in_terminal(self, env: Mapping[str, str], before: Callable[[], object]) -> None:
        """The start and `q` in a pseudo-terminal, against the bare Textual app's."""
        self.progress("start and quit in a terminal")
        runs, warmup = self.options.runs, self.options.warmup
        floor = [*FLOOR, "--terminal"]
        try:
            low, high = terminal.paired(floor, floor_app.LAST_CELL.encode(), capexwatch(),
                                        ROWS_MARKER, runs, env, warmup, before,
                                        self.options.settle)  # fmt: skip
        except (measure.BenchError, OSError) as exc:
            self.rows.append(Row("terminal", "error", target=measure.summary(exc), ok=False))
            return
        for label, name, limit in (
            ("  start in a terminal: rows on screen", "shown", None),
            ("q → process exit (in a terminal)", "quit", QUIT_RATIO),
        ):
            median = terminal.median(high, name)
            floor_text = f"{seconds(terminal.median(low, name))} bare Textual"
            ratio = terminal.ratio(low, high, name)
            self.rows.append(ratio_row(label, median, floor_text, ratio, limit))


def ratio_row(label: str, value: float, floor: str, ratio: float, limit: float | None) -> Row:
    target, ok = (f"≤ {limit}×", ratio <= limit) if limit else ("—", None)
    return Row(label, seconds(value), floor, ratio, target, ok)


def run(options: Options, progress: Callable[[str], None]) -> list[Row]:
    """Measure everything, the sample data first, then each generated market."""
    bench = Bench(options, progress)
    with tempfile.TemporaryDirectory(prefix="capexwatch-bench-") as tmp:
        root = Path(tmp)
        sample_frame = _sample(bench, root) if "sample" in options.parts else None
        if "waits" in options.parts:
            progress("waits in the app")
            bench.rows += responses.rows(capexwatch(), isolated(root / "waits"), options.runs,
                                         options.warmup)  # fmt: skip
        if "imports" in options.parts:
            progress("imports")
            bench.rows += imports.rows(capexwatch(), isolated(root / "imports"), options.runs,
                                       options.warmup)  # fmt: skip
        for n in options.sizes if "markets" in options.parts else ():
            progress(f"generating {n:,} companies")
            generated = _generate(root / f"market-{n}", n)
            market.measure(bench, generated, sample_frame)
    return bench.rows


def _sample(bench: Bench, root: Path) -> Figure | None:
    """The sample data's rows; returns its first frame (today's view stored)."""
    # Both headless apps are told the terminal's size, as a real terminal tells an app:
    # otherwise Textual starts at Rich's default 80×25 while its headless driver reports
    # 80×24, and lays the screen out three times before the first frame.
    sample = {**isolated(root / "sample"), **EXIT_AFTER_FIRST_FRAME, **TERMINAL}
    frame = bench.against_floor("first frame, sample data (today's view stored)", "bare Textual",
                                FLOOR, capexwatch(), sample, FIRST_FRAME_RATIO)  # fmt: skip
    # The runs above left today's view stored: `check` answers from it, as it does whenever
    # nothing changed since the app (or a reload) last computed on the same day.
    bench.against_floor("check, sample data (today's view stored)", "import polars", POLARS,
                        capexwatch("check"), sample, CHECK_RATIO)  # fmt: skip
    cold = {**sample, **nothing_stored(root)}
    bench.against_floor("  … must compute (new day, changed input)", "import polars", POLARS,
                        capexwatch("check"), cold, CHECK_COMPUTED_RATIO)  # fmt: skip
    scene = bench.new_day(sample, NEW_DAY_RATIO)
    bench.against_floor("  … with nothing stored", "bare Textual", FLOOR, capexwatch(), cold,
                        None)  # fmt: skip
    if scene:
        bench.in_terminal(*scene)
    return frame


def _generate(root: Path, n: int) -> generate.Market:
    """Write a market in a child process, so this one never holds millions of rows."""
    measure.run_once(python("-m", "bench.generate", str(n), str(root)))
    return generate.Market(root, n)
