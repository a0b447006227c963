"""Standard output as a Unix tool treats it.

- A reader that goes away (`capexwatch check | head -1`) ends the command quietly with 141, the
  code a shell reports for a command stopped by SIGPIPE: never 1, which `check` uses for
  "triggered".
- A refused write (`check > /dev/full`) is one line on stderr and exit 2, not a traceback at
  interpreter exit (which Python reports as 120).
- An output that cannot encode the status symbols (ASCII-only or latin-1 locale) gets plain ones
  (`^` for ▲, `^[` for the ␛ picture) instead of a UnicodeEncodeError.
- Nothing a command prints, on stdout or stderr, reaches the terminal as a control: whatever a
  command forgot to clean (an id, a path, a warning quoting the data) is cleaned here as it is
  written (newlines kept), so the promise holds for every command at once.

SIGPIPE stays ignored (Python's default) rather than restored: a reset handler would also kill
`fetch` silently when the server closes its socket.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import Any, TextIO

from capexwatch.core.base.text import clean_multiline

PIPE_CLOSED = 141  # 128 + SIGPIPE, as a shell reports `yes | head -1`
WRITE_FAILED = 2

# What the status marks and pictures look like on an output that cannot show them.
_PLAIN = {
    "▲": "^",
    "◆": "*",
    "●": "o",
    "○": "-",
    "…": "...",
    "→": "->",
    "←": "<-",
    "—": "-",
    "–": "-",
    "−": "-",
    "·": ".",
    "×": "x",
    "✓": "v",
    "✗": "x",
    "\ufffd": "?",
    "\u2421": "^?",  # ␡
}
_ERRORS = "capexwatch-plain"


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for ch in error.object[error.start : error.end]:
        code = ord(ch)
        if 0x2400 <= code < 0x2420:  # control pictures ␀…␟ → caret notation ^@…^_
            out.append("^" + chr(code - 0x2400 + 0x40))
        else:
            out.append(_PLAIN.get(ch) or ch.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(out), error.end


codecs.register_error(_ERRORS, _plain)


class OutputFailed(Exception):
    """Writing to standard output failed; `code` is the exit code to end with."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.code = PIPE_CLOSED if isinstance(error, BrokenPipeError) else WRITE_FAILED


class _Guarded:
    """A text stream that cleans what is written to it and whose write errors become
    OutputFailed, so that they can be told apart from errors on the user's files (which carry
    their own messages). On stderr (`quiet`) a write error is dropped: there is nowhere left to
    say it."""

    def __init__(self, stream: TextIO, quiet: bool = False) -> None:
        self._stream = stream
        self._quiet = quiet

    def write(self, text: str) -> int:
        try:
            return self._stream.write(clean_multiline(text))
        except OSError as exc:
            if self._quiet:
                return len(text)
            raise OutputFailed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            if not self._quiet:
                raise OutputFailed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _plain_when_needed(stream: Any) -> None:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "▲◆●○␛…→—−".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors=_ERRORS)


@contextlib.contextmanager
def guarded() -> Any:
    """Run a headless command with stdout guarded; yields nothing, restores stdout after."""
    original, errors = sys.stdout, sys.stderr
    for stream in (sys.stdout, sys.stderr):
        _plain_when_needed(stream)
    sys.stdout = _Guarded(original)
    sys.stderr = _Guarded(errors, quiet=True)
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout, sys.stderr = original, errors


def report(failure: OutputFailed) -> int:
    """Say why output failed (nothing when the reader left) and return the exit code."""
    if failure.code != PIPE_CLOSED:
        with contextlib.suppress(OSError, ValueError):
            print(f"capexwatch: cannot write the output: {failure}", file=sys.stderr)
    # Python flushes stdout once more at exit, and what is still buffered cannot be written
    # either: point the descriptor at /dev/null so that last flush finds nothing to complain of.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return failure.code
