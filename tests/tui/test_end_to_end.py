"""The installed `capexwatch` in a real pseudo-terminal: draws the watchlist, takes keys, quits."""

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
from pathlib import Path

import pytest


def installed_command() -> str:
    """The `capexwatch` script next to this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "capexwatch"
    found = str(beside) if beside.exists() else shutil.which("capexwatch")
    if found is None:
        pytest.skip("capexwatch is not installed in this environment")
    return found


def read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float) -> bool:
    """Read the terminal's output into `seen` until `wanted` shows up or time runs out."""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen.extend(os.read(fd, 65536))
            except OSError:  # the program closed its terminal
                break
    return wanted in seen


def test_capexwatch_in_a_pseudo_terminal() -> None:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
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
    seen = bytearray()
    try:
        assert read_until(master, b"TRIGGERED", seen, 30), seen[-2000:]
        assert b"Watchlist" in seen
        for key in (b"2", b"1", b"j", b"?"):
            os.write(master, key)
            time.sleep(0.3)
        assert read_until(master, b"Help \xc2\xb7 Watchlist", seen, 10)
        os.write(master, b"\x1b")  # escape closes the help
        time.sleep(0.3)
        os.write(master, b"q")
        deadline = time.monotonic() + 15
        while process.poll() is None and time.monotonic() < deadline:
            read_until(master, b"\x00never", seen, 0.2)  # keep draining the terminal
        assert process.poll() == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def test_exit_after_first_frame_hook() -> None:
    env = {**os.environ, "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"}
    started = time.monotonic()
    done = subprocess.run(
        [installed_command()], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert time.monotonic() - started < 30
