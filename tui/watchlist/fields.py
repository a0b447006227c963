"""What the signal form knows about signals: their kinds, which fields each shows, and how
typed text becomes a TOML value (validation itself is the loader's)."""

from __future__ import annotations

import re

from capexwatch.core.base.text import clean
from capexwatch.core.watchlist.model import Signal

KINDS = (
    ("a rule on a metric", "rule"),
    ("a revision of a figure", "revision"),
    ("a recorded event", "event"),
    ("all of other signals", "all"),
    ("any of other signals", "any"),
)
_ENTRY = re.compile(r"^\[signal\[\d+\]\] ")
_KEY = re.compile(r"'signal\[\d+\]\.(\w+)'")
RULE_KEYS = ("company", "metric", "op", "threshold", "near", "freq")
# The fields each kind of signal shows; the others are hidden (and left out when saving).
SHOWN: dict[str, tuple[str, ...]] = {
    "rule": RULE_KEYS,
    "revision": (*RULE_KEYS, "within_days"),
    "event": ("company", "event", "within_days"),
    "all": ("signals",),
    "any": ("signals",),
}
# Every key the form edits: `update_signal` leaves any other key of the entry alone.
MANAGED: tuple[str, ...] = (*RULE_KEYS, "id", "title", "stale_after_days", "note", "muted")
MANAGED = (*MANAGED, "all", "any", "event", "within_days", "change")


def kind_of(signal: Signal | None) -> str:
    """Which of KINDS `signal` is."""
    if signal is None:
        return "rule"
    if signal.all or signal.any:
        return "all" if signal.all else "any"
    if signal.event:
        return "event"
    return "revision" if signal.change == "revision" else "rule"


def parse_number(text: str, *, whole: bool = False) -> float | int | str | None:
    """`0.34`, `34%`, `2pp` → a number; empty → None; anything else stays text for the loader."""
    typed = text.strip()
    if not typed:
        return None
    text = typed.replace("_", "")  # 1_000 reads as in TOML; a metric id keeps its underscores
    divisor = 1
    for suffix in ("%", "pp"):
        if text.endswith(suffix):
            text, divisor = text[: -len(suffix)].strip(), 100
    try:
        if whole and divisor == 1 and text.lstrip("+-").isdigit():
            return int(text)
        # Divide, not multiply by 0.01: 57 / 100 is 0.57, 57 * 0.01 is 0.5700000000000001.
        return float(text) / divisor
    except ValueError:
        return typed


def plain_message(message: str) -> str:
    """A loader message without the file's key path, which the form's layout already says."""
    message = _ENTRY.sub("", message)
    return _KEY.sub(lambda m: f"'{m.group(1)}'", message)


def shown(value: object) -> str:
    """A field's value as a form shows it (cleaned: a metric id is the user's text)."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else clean(str(value))
