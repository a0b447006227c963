"""The rows of one generated market: `check`, its memory, the first frames, peers and keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench import interactive
from bench.table import Row, mebibytes, seconds

if TYPE_CHECKING:
    from bench.generate import Market
    from bench.measure import Figure
    from bench.suite import Bench


def measure(bench: Bench, market: Market, sample_frame: Figure | None) -> None:
    """Append the market's rows to `bench` (`sample_frame`: the sample's first-frame row)."""
    from bench import suite

    n = market.companies
    large = n == suite.LARGE
    bench.rows.append(Row(f"{n:,} cos × 40 q × 30 m = {market.observations:,} obs", ""))
    cold = suite.nothing_stored(market.root)
    # Computed, not read from a stored view: what `check` costs at this scale.
    check = bench.figure(f"  check ({n:,})", suite.capexwatch("check"), {**market.env(), **cold})
    if check:
        bench.rows += [
            Row("  check", seconds(check.seconds),
                target=f"≤ {suite.LARGE_CHECK_SECONDS} s" if large else "—",
                ok=check.seconds <= suite.LARGE_CHECK_SECONDS if large else None),
            Row("  check peak memory", mebibytes(check.peak_bytes),
                target="≤ 1 GiB" if large else "—",
                ok=check.peak_bytes <= suite.LARGE_CHECK_BYTES if large else None),
        ]  # fmt: skip
    env = {**market.env(), **suite.EXIT_AFTER_FIRST_FRAME, **suite.TERMINAL}
    frame = bench.figure(f"  first frame ({n:,})", suite.capexwatch(), env)
    if frame:
        bench.rows.append(against_sample("  first frame (today's view stored)", frame.seconds,
                                         sample_frame, None))  # fmt: skip
    bench.new_day(env, suite.NEW_DAY_LARGE_RATIO if large else None, indent="  ")
    fresh = bench.figure(f"  first frame, nothing stored ({n:,})", suite.capexwatch(),
                         {**env, **cold})  # fmt: skip
    if fresh:
        bench.rows.append(against_sample("  … with nothing stored", fresh.seconds, sample_frame,
                                         None))  # fmt: skip
    bench.rows += interactive.rows(market, bench.options, sample_frame)


def against_sample(label: str, value: float, sample: Figure | None, limit: float | None) -> Row:
    """`value` against the sample's first frame (today's view stored), measured in this run."""
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
