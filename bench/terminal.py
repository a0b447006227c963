"""The start and the quit as a user meets them: in a real pseudo-terminal, not headless.

Headless Textual never writes its frames anywhere; in a terminal every frame is encoded as
escape sequences and written to the tty, and a start that draws more (or styles it more) pays
for it there. Each run spawns the app on a fresh pty of the given size, reads everything it
writes, and notes when a marker first appears in the text (escape sequences removed): for
capexwatch a status word of the watchlist's rows, for the floor its table's last cell. Once the
screen has been quiet for a moment (the user reads it), `q` is written to the terminal and the
time until the process has exited is the quit figure.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bench.measure import TIMEOUT_SECONDS, BenchError, environ

SIZE = (80, 24)  # columns, rows
# Escape sequences (CSI, OSC, two-character ones): what is left is the text on the screen.
ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# Quiet this long after the marker: the start's work after its first frame is done.
SETTLE_SECONDS = 1.5


@dataclass(frozen=True)
class Run:
    shown: float  # spawn to the marker on screen
    quit: float  # `q` written to the process gone


def run_once(
    argv: Sequence[str],
    marker: bytes,
    env: Mapping[str, str] | None = None,
    settle: float = SETTLE_SECONDS,
) -> Run:
    """Spawn `argv` on a pty, time the marker's appearance, then `q` to exit."""
    master, slave = os.openpty()
    columns, rows = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full = environ({"TERM": "xterm-256color", **(env or {})})
    for name in ("COLUMNS", "LINES", "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME", "TEXTUAL"):
        full.pop(name, None)  # the terminal says its size; the app runs as a user runs it
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=full, start_new_session=True
    )
    os.close(slave)
    screen = _Screen(master)
    try:
        shown = screen.wait_for(marker, start) - start
        screen.wait_quiet(settle)
        pressed = time.perf_counter()
        os.write(master, b"q")
        while proc.poll() is None:
            screen.read(0.005)
            if time.perf_counter() - pressed > 30:
                raise BenchError(f"{argv[0]} did not exit on q")
        return Run(shown, time.perf_counter() - pressed)
    finally:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)


class _Screen:
    """What the program wrote to the terminal so far, read as it comes."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.text = b""
        self.raw = 0
        self.last_output = time.perf_counter()

    def read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # the program closed the terminal
            return False
        self.raw += len(chunk)
        # Keep a tail: a marker split across two reads is still found.
        self.text = self.text[-4096:] + ESCAPES.sub(b"", chunk)
        self.last_output = time.perf_counter()
        return bool(chunk)

    def wait_for(self, marker: bytes, since: float) -> float:
        while marker not in self.text:
            self.read(0.05)
            if time.perf_counter() - since > TIMEOUT_SECONDS:
                raise BenchError(f"{marker!r} never appeared on the terminal")
        return self.last_output

    def wait_quiet(self, seconds: float) -> None:
        while time.perf_counter() - self.last_output < seconds:
            self.read(0.05)


def paired(
    floor: Sequence[str],
    floor_marker: bytes,
    measured: Sequence[str],
    marker: bytes,
    runs: int,
    env: Mapping[str, str] | None = None,
    warmup: int = 1,
    before: Callable[[], object] | None = None,
    settle: float = SETTLE_SECONDS,
) -> tuple[list[Run], list[Run]]:
    """The floor and the app alternately, each on its own pty (a burst of load elsewhere then
    slows both alike); `before` sets the app's scene before each of its runs, untimed."""

    def pair() -> tuple[Run, Run]:
        low = run_once(floor, floor_marker, env, settle)
        if before is not None:
            before()
        return low, run_once(measured, marker, env, settle)

    for _ in range(warmup):
        pair()
    pairs = [pair() for _ in range(max(runs, 1))]
    return [a for a, _ in pairs], [b for _, b in pairs]


def median(runs: list[Run], field: str) -> float:
    """The median of `field` (shown or quit) over `runs`."""
    return statistics.median(getattr(run, field) for run in runs)


def ratio(floors: list[Run], runs: list[Run], field: str) -> float:
    """The median of the per-pair ratios of `field` (shown or quit)."""
    return statistics.median(
        getattr(b, field) / getattr(a, field) for a, b in zip(floors, runs, strict=True)
    )
