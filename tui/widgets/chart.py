"""A metric's history as a line chart with its threshold drawn across (textual-plotext).

plotext is imported when a chart is first drawn, not with this module: it costs ~15 ms, and a
chart the app draws just after its first frame (`wait_for_first_frame`) keeps it out of that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.align import Align
from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual.widget import Widget

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import clean
from capexwatch.tui import private

if TYPE_CHECKING:
    from textual_plotext.plot import Plot


def scale_for(unit: str | None, values: Sequence[float]) -> tuple[float, str]:
    """Divisor and axis suffix so the chart's numbers read like the table's (%, B, M…)."""
    if unit in ("ratio", "pp"):
        return 0.01, "%" if unit == "ratio" else "pp"
    peak = max((abs(v) for v in values), default=0.0)
    for divisor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if peak >= divisor:
            return divisor, suffix
    return 1.0, ""


class HistoryChart(Widget):
    """Call `plot()` with periods, values and an optional threshold; `clear_plot()` empties it.

    A chart made with `wait_for_first_frame=True` stays blank until `first_frame_drawn()`.
    """

    DEFAULT_CSS = """
    HistoryChart { width: 1fr; height: 1fr; min-height: 6; }
    """
    _drawn = 0  # counts plot()/clear_plot() calls: the chart's content changed
    _rendered: tuple[object, Text] | None = None
    _empty: str | None = None  # why there is nothing to draw (set by clear_plot)

    def __init__(self, *, id: str | None = None, wait_for_first_frame: bool = False) -> None:
        super().__init__(id=id)
        self.waiting = wait_for_first_frame
        self._plot: Plot | None = None
        # What plot() was given: drawn with plotext when rendered.
        self._figure = Figure([], [], None, None, 40)

    def first_frame_drawn(self) -> None:
        """Draw the chart now (it was left blank in the app's first frame).

        Built here rather than at the next render, ahead of what the app starts next (reading
        the data in a thread), which would otherwise share the interpreter with plotext's import.
        """
        if self.waiting:
            self.waiting = False
            if self._empty is None and self.display and self.size:
                self._current()
            self.refresh()

    def render(self) -> RenderResult:
        if self._empty is not None:
            # Just the words: plotext would build a whole empty canvas for them (~10 ms, again
            # on every size change while a tab is laid out).
            return Align.center(Text(self._empty, style="dim"), vertical="middle")
        if self.waiting:
            return ""
        return self._current()

    def _current(self) -> Text:
        # Textual asks again on every layout pass (twice before the first frame) and plotext
        # builds the same chart each time (~20 ms): keep it until the data, size or theme change.
        key = (self._drawn, self.size, self.app.theme)
        if self._rendered is None or self._rendered[0] != key:
            self._rendered = (key, self._build())
        return self._rendered[1]

    def _build(self) -> Text:
        """The chart as plotext draws it (what textual-plotext's PlotextPlot renders)."""
        plt = self._plotter()
        self._draw(plt)
        plt.plotsize(self.size.width, self.size.height)
        private.set_plot_size(plt, self.size.width, self.size.height)
        plt.theme(self._plotext_theme())
        return Text.from_ansi(plt.build())

    def _plotter(self) -> Plot:
        if self._plot is None:
            from textual_plotext.plot import Plot

            self._plot = Plot()
        return self._plot

    def _plotext_theme(self) -> str:
        """The app theme's background and foreground as a plotext theme (PlotextPlot's "auto")."""
        themes = private.plotext_themes()
        name = f"textual-auto-{self.app.theme}"
        if name not in themes:
            variables = self.app.theme_variables
            surface = Color.parse(variables.get("surface", "black")).rgb
            foreground = Color.parse(variables.get("foreground", "white")).rgb
            themes[name] = private.rgb_plot_theme(surface, foreground)
        return name

    def plot(
        self,
        periods: Sequence[str],
        values: Sequence[float | None],
        unit: str | None,
        threshold: float | None = None,
        against: tuple[str, Sequence[float | None]] | None = None,
    ) -> None:
        """Draw the history; missing values are left out, the threshold is a horizontal line.

        `against` is (label, values): a threshold that is another metric, drawn as its own line
        through the same periods instead of a level."""
        self._empty = None
        # The axis labels fit the width the chart has now (40 before its first layout).
        self._figure = Figure(
            list(periods), list(values), unit, threshold, self.size.width or 40, against
        )
        self._drawn += 1
        self.refresh()

    def _draw(self, plt: Plot) -> None:
        periods, values, unit, threshold, width, against = self._figure
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        line = [(i, v) for i, v in enumerate(against[1]) if v is not None] if against else []
        if against is not None:
            threshold = None  # a line of its own, not a level
        plt.clear_data()
        plt.clear_figure()
        known = [v for _, v in points + line] + ([threshold] if threshold is not None else [])
        divisor, _suffix = scale_for(unit, known)
        if points:
            plt.plot(
                [i for i, _ in points],
                [v / divisor for _, v in points],
                marker="braille",
            )
        if against is not None:
            if line:
                plt.plot(
                    [i for i, _ in line],
                    [v / divisor for _, v in line],
                    marker="braille",
                    color=self._threshold_color(),
                )
            plt.title(f"── against {clean(against[0])}")
        if threshold is not None:
            plt.hline(threshold / divisor, self._threshold_color())
            plt.title(f"── threshold {fmt.value(threshold, unit)}")
        if known:
            # Ticks at the lowest, the highest and the threshold: the line sits at its label.
            levels = sorted(
                {min(known), max(known), *([threshold] if threshold is not None else [])}
            )
            plt.yticks([t / divisor for t in levels], [fmt.value(t, unit) for t in levels])
        ticks = tick_positions(len(periods), width)
        plt.xticks([float(i) for i in ticks], [short_period(periods[i]) for i in ticks])

    def _threshold_color(self) -> tuple[int, int, int]:
        # The line takes the theme's "triggered" colour: crossing it is what triggers.
        value = self.app.theme_variables.get("signal-triggered", "red")
        return Color.parse(value).rgb

    def clear_plot(self, message: str = "no history") -> None:
        """An empty chart saying why (by default: no history to show)."""
        self._empty = clean(message)
        self._drawn += 1
        self.refresh()


class Figure(NamedTuple):
    """What `HistoryChart.plot` was given: drawn with plotext when rendered."""

    periods: list[str]
    values: list[float | None]
    unit: str | None
    threshold: float | None
    width: int
    against: tuple[str, Sequence[float | None]] | None = None


def short_period(period: str) -> str:
    """A period label short enough for an axis: FY2026Q2 → 26Q2, TTM to 2025-09-30 → TTM 25-09,
    2026-01-11 → 26-01-11."""
    period = clean(period)
    fiscal = re.fullmatch(r"(?:FY)?20(\d\d)([QH]\d)", period)
    if fiscal:
        return fiscal.group(1) + fiscal.group(2)
    year = re.fullmatch(r"FY20(\d\d)", period)
    if year:
        return f"FY{year.group(1)}"
    years = re.fullmatch(r"FY20(\d\d)-FY20(\d\d)", period)  # a multi-year plan
    if years:
        return f"FY{years.group(1)}-{years.group(2)}"
    day = re.fullmatch(r"20(\d\d-\d\d-\d\d)", period)  # a dated point (a revision)
    if day:
        return day.group(1)
    ending = re.fullmatch(r"(\w+) to 20(\d\d-\d\d)-\d\d", period)
    if ending:
        return f"{ending.group(1)} {ending.group(2)}"
    return period[:7]


def tick_positions(count: int, width: int) -> list[int]:
    """Which of `count` periods get a label on an axis `width` columns wide (first and last)."""
    room = max(2, width // 9)
    if count <= room:
        return list(range(count))
    step = (count - 1) / (room - 1)
    return sorted({round(i * step) for i in range(room)})
