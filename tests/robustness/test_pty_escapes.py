"""The installed `capexwatch` in a real pseudo-terminal, on a workspace full of hostile text.

The app writes escape sequences of its own; the data's (OSC 0 title, OSC 52 clipboard, CSI
clear-screen, 8-bit CSI, BEL) must never be among them. Their visible pictures must be.
"""

from __future__ import annotations

from pathlib import Path

from tests.robustness.conftest import DANGEROUS_BYTES
from tests.robustness.hostile_files import write_hostile_workspace
from tests.terminal import capexwatch_in_a_terminal

# Rows and their details, the edit form, the delete question, the record form, the history,
# peers, a plan card's form.
KEYS = [b"j"] * 6 + [b"e", b"\x1b", b"d", b"\x1b", b"n", b"\x1b", b"R", b"\x1b"]
KEYS += [b"2", b"j", b"j", b"3", b"\r", b"\x1b", b"1"]


def test_no_escape_from_the_data_reaches_the_terminal(config_dir: Path) -> None:
    write_hostile_workspace(config_dir)
    with capexwatch_in_a_terminal(50, 200) as terminal:
        assert terminal.read_until("␛".encode(), 30), terminal.tail()
        for key in KEYS:
            # A lone ESC followed at once by a key reads as alt+key: let it stand alone.
            terminal.press(key, 0.3 if key == b"\x1b" else 0.1)
        for _ in range(3):  # close whatever is open, then quit (a busy machine lags)
            terminal.press(b"\x1b", 0.4)
            terminal.press(b"q", 0.2)
            if terminal.wait_exit(60) is not None:
                break
        assert terminal.process.poll() == 0, terminal.tail()
    output = bytes(terminal.seen)
    for sequence in DANGEROUS_BYTES:
        assert sequence not in output, f"{sequence!r} from the data reached the terminal"
    assert "␛]0;pwned␇".encode() in output  # the hostile text was drawn, visibly
    assert b"[@click=app.quit]q[/]" in output
