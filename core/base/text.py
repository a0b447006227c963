"""Make text from outside safe to show: no control sequence from data ever reaches a terminal.

Control characters become their visible Unicode "control picture" (ESC shows as ␛), 8-bit C1
controls and every invisible format character (Unicode categories Cf, Zl and Zp: direction and
zero-width marks, the soft hyphen, tag characters, line and paragraph separators) become U+FFFD,
so that a hostile note is shown for what it is rather than obeyed or hidden. Lone surrogates (a
file name that is not UTF-8) become U+FFFD too: no output encoder can write them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Every character of Unicode categories Cf (format), Zl and Zp (line/paragraph separators), as
# ranges: bidi overrides/isolates, zero-width characters and tags can reorder, hide or smuggle
# text on screen. (A test checks this list against unicodedata for the running Python.)
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "\ud800-\udfff"  # lone surrogates (undecodable bytes of a file name)
)
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def clean(text: str) -> str:
    """`text` with every control, C1, bidi and zero-width character replaced visibly.

    Tabs and newlines are replaced too: a cell or a title is one line.
    """
    return _UNSAFE.sub(_visible, text)


def clean_multiline(text: str) -> str:
    """Like `clean`, but keeps newlines (for notes shown in a detail pane)."""
    return "\n".join(clean(line) for line in text.replace("\r\n", "\n").split("\n"))


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def json_safe(text: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with DEL, C1, bidi and zero-width
    characters written as `\\uXXXX` escapes: the same data, and nothing a terminal would obey
    (json.dumps escapes only the characters below 0x20)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def cells(text: str) -> int:
    """How many terminal cells `text` takes: East Asian wide and full-width characters take
    two, combining marks none (as terminals draw them; cleaned text has no controls)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean …?)' hint, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
