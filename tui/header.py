"""The header: the data's as-of date, signals counted by status, and changes since the review."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from capexwatch.core.base import clock
from capexwatch.core.base import format as fmt
from capexwatch.core.signals import calendar
from capexwatch.core.signals.evaluate import STATUSES
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.tui.widgets import status


class AppHeader(Static):
    """One line: `capexwatch · data to 2025-12-31 · ▲ 2 triggered ◆ 1 near …`, worded to fit.

    The "changes since review" part reads `snapshot.changes_since_review` (a count or a
    sequence of changes) once the snapshot carries one; until then it is left out.
    """

    DEFAULT_CSS = """
    AppHeader { height: 1; padding: 0 1; background: $panel; color: $foreground; }
    """

    def show(self, snapshot: Snapshot) -> None:
        """Draw the header for `snapshot`."""
        self.update(self.line_for(snapshot))

    def line_for(self, snapshot: Snapshot) -> Text:
        """The fullest wording that fits the header's width (see `VARIANTS`)."""
        width = (self.size.width or self.app.size.width) - 2  # padding
        return fitted(snapshot, width, lambda name: status.style(self.app, name))

    def on_resize(self) -> None:
        snapshot = getattr(self.app, "snapshot", None)
        if isinstance(snapshot, Snapshot):
            self.show(snapshot)


def changes_since_review(snapshot: Snapshot) -> int | None:
    """How many changes since the last review, if the snapshot knows (None: no review log)."""
    changes = getattr(snapshot, "changes_since_review", None)
    if changes is None:
        return None
    if isinstance(changes, int):
        return changes
    try:
        return len(changes)
    except TypeError:
        return None


# From the fullest to the most compact: (name, gap, review wording, count wording, date prefix).
# The name goes first, then the review part shortens, then the counts lose their words: the
# counts and what changed matter more than the app's name. The name is one wording at every
# width ("capexwatch · daily review" on a wide screen only read as a change of state).
VARIANTS = (
    ("capexwatch", "  ", "long", "words", "data to "),
    ("capexwatch", " ", "long", "words", "data to "),
    ("", " ", "long", "words", "data to "),
    ("", " ", "short", "words", "data to "),
    ("", " ", "tiny", "words", "data to "),
    ("", " ", "tiny", "tight", "data to "),
    ("", " ", "tiny", "tight", ""),
    ("", " ", "tiny", "symbols", ""),
)

# The wordings that also name the nearest report ("· AMZN reports in ~12d"), tried first.
WITH_REPORT = (
    *(v for v in VARIANTS if v[0]),
    ("capexwatch", " ", "short", "words", "data to "),
)


def review_words(snapshot: Snapshot, wording: str) -> str:
    """What changed since the review, in the given wording ("" when there is no review log)."""
    changes = changes_since_review(snapshot)
    if changes is not None:
        plural = "" if changes == 1 else "s"
        # The count leads to the Changes view: the key is said where there is room for it.
        return {
            "long": f"· {changes} change{plural} since review (c lists them)",
            "short": f"· {changes} change{plural} since review (c)",
            "tiny": f"· {changes} changed",
        }[wording]
    if getattr(snapshot, "review", None) is None:
        return ""
    return {
        "long": "· not reviewed yet (r marks it)",
        "short": "· not reviewed (r)",
        "tiny": "· not reviewed",
    }[wording]


def earlier_words(snapshot: Snapshot, wording: str) -> str:
    """What says the view is of an earlier day, while today's is computed ("" when today's):
    the first start of a day draws the view stored yesterday, then replaces it."""
    if snapshot.today >= clock.today():
        return ""
    days = (clock.today() - snapshot.today).days
    whose = "yesterday's view" if days == 1 else f"view of {fmt.date(snapshot.today)}"
    dated = f"{whose} ({fmt.date(snapshot.today)})" if days == 1 else whose
    return {
        "long": f"⟳ {dated}, updating ·",
        "short": f"⟳ {whose}, updating ·",
        "tiny": "⟳ updating ·",
    }[wording]


def line(
    snapshot: Snapshot,
    variant: tuple[str, str, str, str, str],
    style: Callable[[str], Style | str],
    with_report: bool = False,
) -> Text:
    """The header in one wording of `VARIANTS`."""
    name, gap, review, counts_as, date_prefix = variant
    out = Text("", end="")
    if name:
        out.append(name + gap, "bold")
    earlier = earlier_words(snapshot, review)
    if earlier:
        out.append(earlier + gap, "bold reverse")
    out.append(f"{date_prefix}{fmt.date(snapshot.data_as_of)}{gap}")
    counts = snapshot.counts()
    for which in STATUSES:
        space = " " if counts_as == "words" else ""
        out.append(f"{status.SYMBOLS[which]}{space}{counts[which]}", style=style(which))
        word = f" {status.WORDS[which].lower()}" if counts_as != "symbols" else ""
        out.append(f"{word}{gap}")
    out.append(review_words(snapshot, review), style="bold")
    if with_report and (report := report_words(snapshot)):
        out.append(f"{gap}{report}")
    out.rstrip()
    return out


def report_words(snapshot: Snapshot) -> str:
    """The nearest expected report ('· BABA reports in ~9d'), "" when none is known."""
    today = clock.today()
    nearest = calendar.nearest(snapshot.calendar, today)
    if nearest is None:
        return ""
    return f"· {nearest.company} {nearest.words(today).replace(' days', 'd').replace(' day', 'd')}"


def fitted(snapshot: Snapshot, width: int, style: Callable[[str], Style | str]) -> Text:
    """The fullest wording of the header that fits in `width` cells (the last one otherwise).

    The nearest report is named where it fits beside the name and the counts' words (the
    review part shortens for it); where it does not, the header reads as without it.
    """
    tries = [(v, True) for v in WITH_REPORT] + [(v, False) for v in VARIANTS]
    for variant, with_report in tries:
        text = line(snapshot, variant, style, with_report)
        if text.cell_len <= width:
            return text
    return text
