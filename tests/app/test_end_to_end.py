"""The installed `capexwatch` in a real pseudo-terminal: draws the watchlist, takes keys, quits."""

from __future__ import annotations

import os
import subprocess
import time

from tests.terminal import capexwatch_in_a_terminal, installed_command


def test_capexwatch_in_a_pseudo_terminal() -> None:
    with capexwatch_in_a_terminal(24, 80) as terminal:
        assert terminal.read_until(b"TRIGGERED", 30), terminal.tail()
        assert b"Watchlist" in terminal.seen
        for key in (b"2", b"1", b"j", b"?"):
            terminal.press(key, 0.3)
        assert terminal.read_until(b"Help \xc2\xb7 Watchlist", 10)
        terminal.press(b"\x1b", 0.3)  # escape closes the help
        terminal.press(b"q")
        assert terminal.wait_exit(15) == 0


def test_exit_after_first_frame_hook() -> None:
    env = {**os.environ, "CAPEXWATCH_EXIT_AFTER_FIRST_FRAME": "1"}
    started = time.monotonic()
    done = subprocess.run(
        [installed_command()], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert time.monotonic() - started < 30
