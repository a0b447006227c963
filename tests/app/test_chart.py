"""The history chart: an empty one says why in plain words, without drawing a plotext canvas."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from capexwatch.tui.widgets.chart import HistoryChart


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield HistoryChart()


def test_an_empty_chart_shows_its_reason_literally_and_a_plot_replaces_it() -> None:
    async def main() -> None:
        app = ChartApp()
        async with app.run_test(size=(60, 12)) as pilot:
            chart = app.query_one(HistoryChart)
            chart.clear_plot("reading [b]the data[/b]\x1b[31m…")
            await pilot.pause()
            lines = ["".join(s.text for s in chart.render_line(y)) for y in range(12)]
            shown = "\n".join(lines)
            assert "reading [b]the data[/b]␛[31m…" in shown  # literal, control char made visible
            assert "┌" not in shown  # no empty plot frame drawn around the words
            chart.plot(["Q1", "Q2", "Q3"], [1.0, 2.0, 3.0], "ratio")
            await pilot.pause()
            plotted = "\n".join("".join(s.text for s in chart.render_line(y)) for y in range(12))
            assert "reading" not in plotted and "300.0%" in plotted

    asyncio.run(main())
