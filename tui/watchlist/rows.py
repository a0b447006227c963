"""What the signals table shows for each result: cells, sort orders and the `/` filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual.app import App

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import clean
from capexwatch.core.plan import tripwire
from capexwatch.core.signals.evaluate import SignalResult
from capexwatch.core.signals.thresholds import threshold_text  # the Threshold column's words
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.tui.widgets import status
from capexwatch.tui.widgets.sparkline import sparkline

COLUMNS = ("Status", "Signal", "Co.", "Rule", "Latest", "Threshold", "Prev.", "Trend", "As of")
# Every width shows the value beside the threshold it is judged against (with the operator:
# "> 40.0%"); the rule in full is in the details, and in its own column from VERY_WIDE.
WIDE_COLUMNS = tuple(c for c in COLUMNS if c != "Rule")
NARROW_COLUMNS = ("Status", "Signal", "Co.", "Latest", "Threshold", "As of")
SMALL_COLUMNS = ("Status", "Signal", "Latest", "Threshold")
VERY_WIDE = 150  # from this width on, the table has every column
WIDE = 100  # from this width on, the previous value and the trend
NARROW = 72  # below this, the company and the date go too
# Columns that keep their width; "Signal" (and "Rule") share what is left. An amount has room
# for its currency ("-21.8B CNY").
FIXED_WIDTHS = {
    "Status": 11, "Co.": 5, "Latest": 10, "Threshold": 11, "Prev.": 10, "Trend": 8, "As of": 11,
}  # fmt: skip
NARROW_THRESHOLD = 9  # below WIDE: "> 40.0%", "< 12.0B…"
WIRE_TITLE = "Plan tripwire: "  # capexwatch.core.plan.tripwire's title for its signal
CELL_PADDING = 2  # DataTable pads every cell by one column each side


def columns_for(total: int) -> tuple[str, ...]:
    """The columns that fit a table `total` columns wide (the detail pane has the rest)."""
    if total >= VERY_WIDE:
        return COLUMNS
    if total >= WIDE:
        return WIDE_COLUMNS
    return NARROW_COLUMNS if total >= NARROW else SMALL_COLUMNS


def widths(total: int) -> dict[str, int]:
    """Every shown column's width for a table `total` columns wide."""
    columns = columns_for(total)
    out = {c: FIXED_WIDTHS[c] for c in columns if c in FIXED_WIDTHS}
    if total >= WIDE:
        out["As of"] = 16  # room for "STALE"
    else:
        out["Threshold"] = NARROW_THRESHOLD
    free = max(total - sum(out.values()) - CELL_PADDING * len(columns) - 2, 10)  # 2: scrollbar
    if "Rule" in columns:
        out["Signal"] = max(10, round(free * 0.58))
        out["Rule"] = max(8, free - out["Signal"])
    else:
        out["Signal"] = free
    return out


SORTS: dict[str, Callable[[SignalResult], tuple[object, ...]]] = {
    "severity": lambda r: r.sort_key,
    "title": lambda r: (r.signal.title.casefold(),),
    "company": lambda r: (r.signal.company or "~", r.sort_key),
    "as-of": lambda r: (-(r.as_of or dt.date.min).toordinal(), r.sort_key),
}


SORT_BY_COLUMN = {"Status": "severity", "Signal": "title", "Co.": "company", "As of": "as-of"}


def sort(results: Sequence[SignalResult], order: str) -> list[SignalResult]:
    """Results in `order` (one of SORTS); severity is most severe first, then closest."""
    return sorted(results, key=SORTS[order])


def matches(result: SignalResult, query: str) -> bool:
    """Whether a signal's title, id, company, rule, note or status contains `query`."""
    if not query.strip():
        return True
    signal = result.signal
    haystack = (
        " ".join((signal.title, signal.id, signal.company or "", signal.rule, signal.note))
        + " "
        + status.label(result.status)
    )
    return all(word in haystack.casefold() for word in query.casefold().split())


def with_tripwire(snapshot: Snapshot) -> list[SignalResult]:
    """The watchlist's results and, when plan.toml gives one, the plan's tripwire as a row
    (left out if a watchlist signal already uses its id: rows are keyed by id)."""
    results = list(snapshot.results)
    wire = snapshot.tripwire
    if wire is not None and all(r.signal.id != wire.signal.id for r in results):
        results.append(wire)
    return results


def is_tripwire(result: SignalResult | None, snapshot: Snapshot | None) -> bool:
    """Whether `result` is the plan's tripwire row (it lives in plan.toml, not the watchlist)."""
    wire = snapshot.tripwire if snapshot is not None else None
    return result is not None and wire is not None and result.signal == wire.signal


def title(result: SignalResult) -> str:
    """The title as the table shows it; the tripwire row says it comes from plan.toml."""
    if result.signal.id == tripwire.SIGNAL_ID and result.signal.title.startswith(WIRE_TITLE):
        return "plan.toml tripwire: " + result.signal.title.removeprefix(WIRE_TITLE)
    return ("muted · " if result.signal.muted else "") + result.signal.title


def title_cell(result: SignalResult, width: int) -> str:
    """The title fitted to `width`, ending '· ~ estimate' (or guidance) when a forecast drives
    the row: the title is cut, never the mark."""
    kind = f" · {result.kind_mark}" if result.kind_mark else ""
    if not kind or width <= len(kind) + 4:
        return _fit(title(result), width)
    return _fit(title(result), width - len(kind)) + kind


def _fit(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _number(
    number: float | None, result: SignalResult, width: int, style: Style, *, latest: bool = False
) -> Text:
    """A value with its currency when there is room ("-21.8B CNY"), else without ("-21.8B");
    the latest value of a forecast starts with ~ ("~10.0%")."""
    mark = "~" if latest and result.kind_mark and number is not None else ""
    text = mark + fmt.value_with_unit(number, result.unit)
    if len(text) > width:
        text = mark + fmt.value(number, result.unit)
    return Text(text, style=style, justify="right", end="")


def threshold_cell(app: App[object], result: SignalResult, width: int, style: Style) -> Text:
    """The Threshold column's cell (see `threshold_text`), fitted to `width`."""
    text = threshold_text(result)
    if text == "missing":
        style = status.style(app, "no_data") + style
    elif len(text) > width:
        text = text.removesuffix(f" {result.unit}")  # the currency goes first
    return Text(_fit(text, width), style=style, justify="right", end="")


def cells(app: App[object], result: SignalResult, width: dict[str, int]) -> tuple[Text, ...]:
    """The row for `result` in the columns of `width`; text from the data is never markup."""
    signal = result.signal
    dim = Style(dim=True) if signal.muted else Style()
    as_of = Text(fmt.date(result.as_of), style=dim, end="")
    if result.stale:
        word = " STALE" if width.get("As of", 0) >= 16 else "⚑"
        as_of = Text(fmt.date(result.as_of) + word, style=status.style(app, "stale"), end="")
    every = {
        "Status": status.text(app, result.status, muted=signal.muted),
        "Signal": Text(title_cell(result, width["Signal"]), style=dim, end=""),
        "Co.": Text(_fit(signal.company or "—", width.get("Co.", 0)), style=dim, end=""),
        "Rule": Text(_fit(signal.rule, width.get("Rule", 0)), style=dim, end=""),
        "Latest": _number(result.value, result, width.get("Latest", 0), dim, latest=True),
        "Threshold": threshold_cell(app, result, width.get("Threshold", 0), dim),
        "Prev.": _number(result.previous, result, width.get("Prev.", 0), dim),
        "Trend": Text(
            sparkline([p.value for p in result.history]),
            style=status.style(app, result.status),
            end="",
        ),
        "As of": as_of,
    }
    return tuple(every[column] for column in width_order(width))


def width_order(width: dict[str, int]) -> list[str]:
    """The shown columns in table order."""
    return [c for c in COLUMNS if c in width]
