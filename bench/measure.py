"""Run a command several times and take the median wall time and peak memory.

Peak memory is the child's own maximum resident set size, read with `os.wait4` (the same figure
`/usr/bin/time -v` prints as "Maximum resident set size"), so no outside tool is needed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# A run that takes longer than this is stuck (e.g. an app that never reaches its first frame).
TIMEOUT_SECONDS = 300
# check exits 1 when a signal is triggered: that is an answer, not a failure.
OK_EXIT_CODES = (0, 1)


class BenchError(RuntimeError):
    """A measured command failed; the message carries its stderr."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_bytes: int


@dataclass(frozen=True)
class Figure:
    """The median of several samples (taken after a warm-up that is thrown away)."""

    samples: tuple[Sample, ...]

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_bytes(self) -> int:
        return int(statistics.median(s.peak_bytes for s in self.samples))


def run_once(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Sample:
    """Run `argv` to completion; its wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), env=environ(env), stdout=subprocess.DEVNULL, stderr=stderr
        )
        killer = threading.Timer(TIMEOUT_SECONDS, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in OK_EXIT_CODES:
            stderr.seek(0)
            tail = stderr.read().decode(errors="replace")[-2000:]
            raise BenchError(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    # ru_maxrss is in kilobytes on Linux.
    return Sample(elapsed, usage.ru_maxrss * 1024)


def repeat(sample: Callable[[], Sample], runs: int, warmup: int = 1) -> Figure:
    """Take `warmup` samples and discard them, then `runs` more."""
    for _ in range(warmup):
        sample()
    return Figure(tuple(sample() for _ in range(max(runs, 1))))


def command(
    argv: Sequence[str], runs: int, env: Mapping[str, str] | None = None, warmup: int = 1
) -> Figure:
    """The median of `runs` runs of a command after `warmup` runs."""
    return repeat(lambda: run_once(argv, env), runs, warmup)


def paired(
    floor: Sequence[str],
    measured: Sequence[str],
    runs: int,
    env: Mapping[str, str] | None = None,
    warmup: int = 1,
    before: Callable[[], object] | None = None,
) -> tuple[Figure, Figure, float]:
    """Run a floor and a command alternately: a burst of load elsewhere on the machine then
    slows both alike. Returns both figures and the median of the per-pair ratios.

    `before` runs (untimed) before each run of the command: it sets the scene the command
    must meet (yesterday's view stored, no data imported yet)."""

    def pair() -> tuple[Sample, Sample]:
        low = run_once(floor, env)
        if before is not None:
            before()
        return low, run_once(measured, env)

    for _ in range(warmup):
        pair()
    pairs = [pair() for _ in range(max(runs, 1))]
    ratio = statistics.median(b.seconds / a.seconds for a, b in pairs)
    return Figure(tuple(a for a, _ in pairs)), Figure(tuple(b for _, b in pairs)), ratio


def json_of(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Any:
    """Run a probe (bench.probe, bench.waits) to completion: the JSON of its last line."""
    done = subprocess.run(
        list(argv),
        env=environ(env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"{' '.join(argv[1:])} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def python(*args: str) -> list[str]:
    """argv for this interpreter (the project's venv)."""
    return [sys.executable, *args]


def environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment plus `extra`, with Python's bytecode cache on, as in a normal install.

    The floor (`import polars`) loads precompiled site-packages; with PYTHONDONTWRITEBYTECODE
    set, capexwatch's own modules would be compiled from source on every run instead.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


def summary(error: Exception, width: int = 70) -> str:
    """The last line of a failure (the exception of a traceback), short enough for the table."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return (lines[-1] if lines else type(error).__name__)[:width]
