"""The installed `capexwatch` in a real pseudo-terminal, for the tests that type at it as a person
would: start it at a given size, send keys, read what it drew, and see it quit."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NEVER = b"\x00never"  # read_until(NEVER, t): just drain the terminal for t seconds


def installed_command() -> str:
    """The `capexwatch` script next to this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "capexwatch"
    found = str(beside) if beside.exists() else shutil.which("capexwatch")
    if found is None:
        pytest.skip("capexwatch is not installed in this environment")
    return found


class Terminal:
    """A running capexwatch and everything it has written to its terminal so far (`seen`)."""

    def __init__(self, process: subprocess.Popen[bytes], master: int) -> None:
        self.process = process
        self.master = master
        self.seen = bytearray()

    def read_until(self, wanted: bytes, timeout: float) -> bool:
        """Read the output until `wanted` shows up or time runs out."""
        deadline = time.monotonic() + timeout
        while wanted not in self.seen and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.seen.extend(os.read(self.master, 65536))
                except OSError:  # the program closed its terminal
                    break
        return wanted in self.seen

    def press(self, key: bytes, settle: float = 0.1) -> None:
        """Type `key`, then read until the app has drawn its answer: at least `settle` seconds,
        then until the output has been quiet that long (a busy machine draws late)."""
        os.write(self.master, key)
        self.settle(settle)

    def settle(self, quiet: float, bound: float = 60.0) -> None:
        """Read until nothing new has been written for `quiet` seconds (at most `bound`)."""
        deadline = time.monotonic() + bound
        while time.monotonic() < deadline:
            before = len(self.seen)
            self.read_until(NEVER, quiet)
            if len(self.seen) == before:
                return

    def wait_exit(self, timeout: float) -> int | None:
        """The exit code once the program ends (None if it is still running after `timeout`);
        the terminal is drained meanwhile so the program never blocks writing to it."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read_until(NEVER, 0.2)
        return self.process.poll()

    def tail(self) -> bytes:
        """The last output, for an assertion's message."""
        return bytes(self.seen[-2000:])


@contextmanager
def capexwatch_in_a_terminal(rows: int, columns: int) -> Iterator[Terminal]:
    """Start the installed capexwatch in a pseudo-terminal of `rows` × `columns` (the
    CAPEXWATCH_* directories come from the environment); it is killed if still running after."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("CAPEXWATCH_EXIT_AFTER_FIRST_FRAME", None)
    process = subprocess.Popen(
        [installed_command()],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    try:
        yield Terminal(process, master)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
