"""The installed `capexwatch` in a real pseudo-terminal, on a workspace full of hostile text.

The app writes escape sequences of its own; the data's (OSC 0 title, OSC 52 clipboard, CSI
clear-screen, 8-bit CSI, BEL) must never be among them. Their visible pictures must be.
"""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import termios
import time
from pathlib import Path

from tests.robustness.conftest import DANGEROUS_BYTES
from tests.robustness.hostile_files import write_hostile_workspace
from tests.tui.test_end_to_end import installed_command, read_until

# Rows and their details, the edit form, the delete question, the record form, the history,
# peers, a plan card's form.
KEYS = [b"j"] * 6 + [b"e", b"\x1b", b"d", b"\x1b", b"n", b"\x1b", b"R", b"\x1b"]
KEYS += [b"2", b"j", b"j", b"3", b"\r", b"\x1b", b"1"]


def test_no_escape_from_the_data_reaches_the_terminal(config_dir: Path) -> None:
    write_hostile_workspace(config_dir)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}  # the CAPEXWATCH_* dirs come from conftest
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
        assert read_until(master, "␛".encode(), seen, 30), bytes(seen[-2000:])
        for key in KEYS:
            os.write(master, key)
            # A lone ESC followed at once by a key reads as alt+key: let it stand alone.
            read_until(master, b"\x00never", seen, 0.3 if key == b"\x1b" else 0.1)
        for _ in range(3):  # close whatever is open, then quit (a busy machine lags)
            os.write(master, b"\x1b")
            read_until(master, b"\x00never", seen, 0.4)
            os.write(master, b"q")
            deadline = time.monotonic() + 5
            while process.poll() is None and time.monotonic() < deadline:
                read_until(master, b"\x00never", seen, 0.2)
            if process.poll() is not None:
                break
        assert process.poll() == 0, bytes(seen[-2000:])
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    output = bytes(seen)
    for sequence in DANGEROUS_BYTES:
        assert sequence not in output, f"{sequence!r} from the data reached the terminal"
    assert "␛]0;pwned␇".encode() in output  # the hostile text was drawn, visibly
    assert b"[@click=app.quit]q[/]" in output
