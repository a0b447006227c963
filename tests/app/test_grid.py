"""The virtual grid: what it draws, how its cursor moves, and that it reads rows only when drawn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.message import Message

from capexwatch.tui.widgets.grid import Grid
from capexwatch.tui.widgets.grid_text import fit, measure

LABELS = ["Company", *(f"Col{i}" for i in range(1, 12))]


def table(count: int) -> list[list[str]]:
    return [[f"Co{r:05d}", *(f"r{r}c{c}" for c in range(1, 12))] for r in range(count)]


class GridApp(App[None]):
    def __init__(self, grid: Grid) -> None:
        super().__init__()
        self.grid = grid
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.grid

    def on_grid_cell_highlighted(self, message: Grid.CellHighlighted) -> None:
        self.messages.append(message)

    def on_grid_header_selected(self, message: Grid.HeaderSelected) -> None:
        self.messages.append(message)

    def highlighted(self) -> list[tuple[int, int]]:
        return [(m.row, m.column) for m in self.messages if isinstance(m, Grid.CellHighlighted)]


def line(grid: Grid, y: int) -> str:
    return "".join(segment.text for segment in grid.render_line(y))


class CountingRows(Sequence[Sequence[str]]):
    """A 100,000-row table that counts how many rows were read."""

    def __init__(self, count: int) -> None:
        self.size = count
        self.reads = 0

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> Sequence[str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[str]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[str] | Sequence[Sequence[str]]:
        if isinstance(index, slice):
            raise AssertionError("the grid must not slice the rows")
        if not 0 <= index < self.size:
            raise IndexError(index)
        self.reads += 1
        return (f"Co{index:06d}", f"{index * 1.5:,.1f}")


def test_widths_count_terminal_cells_of_the_cleaned_text() -> None:
    assert measure(["Name", "x"], [["日本語", "a\x1bb"], ["ab"]]) == [6, 3]  # ␛ is one cell
    assert fit("日本語", 5) == "日本…" and fit("abc", 5, "right") == "  abc"
    assert fit("a\tb", 3) == "a␉b" and fit("abc", 0) == ""


async def test_header_and_rows_are_drawn_with_measured_widths() -> None:
    rows = [["Alphabet", "1.0"], ["Meta", "22,000.5"]]
    app = GridApp(Grid(["Company", "Capex"], rows, align=["left", "right"]))
    async with app.run_test(size=(40, 8)):
        grid = app.grid
        assert line(grid, 0).startswith(" Company      Capex")  # the pinned edge: one more space
        assert line(grid, 1).startswith(" Alphabet       1.0")  # the number right-aligned
        assert line(grid, 2).startswith(" Meta      22,000.5")
        assert line(grid, 3).strip() == ""
        assert grid.row_count == 2 and grid.get_row_at(1) == ("Meta", "22,000.5")
        assert grid.get_cell_at(Coordinate(0, 1)) == "1.0"


async def test_the_first_column_stays_while_scrolled_right() -> None:
    app = GridApp(Grid(LABELS, table(50)))
    async with app.run_test(size=(40, 12)) as pilot:
        grid = app.grid
        assert "Col1" in line(grid, 0)
        await pilot.press(*["right"] * 11)
        await pilot.pause()
        assert grid.cursor_column == 11 and grid.scroll_offset.x > 0
        header, first = line(grid, 0), line(grid, 1)
        assert header.startswith(" Company") and "Col11" in header and "Col1 " not in header
        assert first.startswith(" Co00000") and "r0c11" in first


async def test_end_goes_to_the_last_row_home_and_page_up_come_back() -> None:
    app = GridApp(Grid(LABELS, table(500)))
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.grid
        await pilot.press("end")
        await pilot.pause()
        assert grid.cursor_row == 499
        assert line(grid, 0).startswith(" Company")  # the header stays pinned
        bottom = grid.scrollable_content_region.height - 1
        assert line(grid, bottom).startswith(" Co00499")
        await pilot.press("pageup")
        await pilot.pause()
        page = grid.scrollable_content_region.height - 1
        assert grid.cursor_row == 499 - page
        assert any(line(grid, y).startswith(f" Co{499 - page:05d}") for y in range(1, bottom + 1))
        await pilot.press("pagedown", "down", "up", "home")
        await pilot.pause()
        assert grid.cursor_row == 0 and line(grid, 1).startswith(" Co00000")


async def test_clicks_select_a_cell_or_post_the_header() -> None:
    app = GridApp(Grid(LABELS, table(20), fixed_columns=1))
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.grid
        x = line(grid, 0).index("Col2")
        await pilot.click(Grid, offset=(x, 0))
        await pilot.click(Grid, offset=(x + 1, 3))
        await pilot.pause()
        headers = [m for m in app.messages if isinstance(m, Grid.HeaderSelected)]
        assert [(m.grid, m.column_index) for m in headers] == [(grid, 2)]
        assert grid.cursor_coordinate == Coordinate(2, 2)


async def test_cell_highlighted_after_mount_and_on_each_move() -> None:
    app = GridApp(Grid(LABELS, table(20), cursor=(3, 1)))
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        await pilot.press("down", "right", "up")
        await pilot.pause()
        assert app.highlighted() == [(3, 1), (4, 1), (4, 2), (3, 2)]
        await pilot.press("home")  # from row 3: it moves
        await pilot.press("home")  # already on row 0: no message
        await pilot.pause()
        assert app.highlighted()[-1] == (0, 2) and len(app.highlighted()) == 5


async def test_cells_are_never_markup_nor_control_sequences() -> None:
    rows = [["[bold]x[/]", "\x1b[31mred\x1b[0m"], ["tab\there", "ok"]]
    app = GridApp(Grid(["[i]name[/i]", "note\x07"], rows))
    async with app.run_test(size=(60, 8)):
        grid = app.grid
        assert "[i]name[/i]" in line(grid, 0)
        assert "[bold]x[/]" in line(grid, 1)
        assert "␛[31mred" in line(grid, 1)
        assert "tab␉here" in line(grid, 2)
        texts = [segment.text for y in range(4) for segment in grid.render_line(y)]
        assert not any(ch in text for text in texts for ch in "\x1b\x07\t")


async def test_only_the_visible_rows_are_read() -> None:
    rows = CountingRows(100_000)
    grid = Grid(["Company", "Value"], rows, widths=[8, 12], align=["left", "right"])
    app = GridApp(grid)
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        assert line(grid, 1).startswith(" Co000000           0.0")
        assert rows.reads <= 2 * 20, rows.reads
        before = rows.reads
        await pilot.press("end")
        await pilot.pause()
        assert grid.cursor_row == 99_999 and line(grid, 19).startswith(" Co099999")
        assert rows.reads - before <= 2 * 20, rows.reads - before


async def test_set_rows_keeps_focus_and_the_cursor_column() -> None:
    app = GridApp(Grid(LABELS, table(30), cursor=(5, 3)))
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.grid
        grid.focus()
        reversed_rows = table(30)[::-1]
        grid.set_rows(reversed_rows, labels=[*LABELS[:-1], "Col11 ↓"], cursor_row=24)
        await pilot.pause()
        assert grid.has_focus and grid.cursor_coordinate == Coordinate(24, 3)
        assert grid.get_cell_at(grid.cursor_coordinate) == "r5c3"  # the same company, moved
        assert app.highlighted()[-1] == (24, 3)
        assert any("r5c3" in line(grid, y) for y in range(1, 11))
        grid.set_labels(["Name", *LABELS[1:]])
        await pilot.pause()
        assert line(grid, 0).startswith(" Name ")


async def test_the_cursor_is_highlighted_and_dimmer_unfocused() -> None:
    app = GridApp(Grid(["A", "B"], [["a1", "b1"], ["a2", "b2"]], cursor=(0, 1)))
    async with app.run_test(size=(30, 6)) as pilot:
        grid = app.grid

        def cursor_style() -> object:
            return next(s.style for s in grid.render_line(1) if "b1" in s.text)

        def plain_style() -> object:
            return next(s.style for s in grid.render_line(2) if "b2" in s.text)

        grid.focus()
        await pilot.pause()
        focused = cursor_style()
        assert focused != plain_style()
        grid.blur()
        await pilot.pause()
        assert cursor_style() not in (focused, plain_style())


async def test_an_empty_grid_shows_its_header_and_ignores_keys() -> None:
    app = GridApp(Grid(["Company", "Capex"], []))
    async with app.run_test(size=(40, 8)) as pilot:
        grid = app.grid
        grid.focus()
        await pilot.press("down", "up", "end", "home", "pagedown", "pageup", "right", "left")
        await pilot.click(Grid, offset=(3, 2))
        await pilot.pause()
        assert line(grid, 0).startswith(" Company  Capex")
        assert line(grid, 1).strip() == ""
        assert grid.row_count == 0 and grid.cursor_coordinate == Coordinate(0, 0)
        assert app.highlighted() == []


async def test_a_theme_change_repaints_in_the_new_colours() -> None:
    app = GridApp(Grid(["A", "B"], [["a1", "b1"], ["a2", "b2"]]))
    async with app.run_test(size=(30, 6)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        dark = [segment.style for segment in app.grid.render_line(1)]
        app.theme = "textual-light"
        await pilot.pause()
        assert [segment.style for segment in app.grid.render_line(1)] != dark


async def test_a_starting_cursor_far_down_and_right_is_scrolled_into_view() -> None:
    app = GridApp(Grid(LABELS, table(500), cursor=(400, 10)))
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        grid = app.grid
        shown = [line(grid, y) for y in range(1, grid.scrollable_content_region.height)]
        assert any(text.startswith(" Co00400") and "r400c10" in text for text in shown)
        # Scrolled right, a click on the pinned column still picks the company column.
        y = next(y for y, text in enumerate(shown, start=1) if text.startswith(" Co00398"))
        await pilot.click(Grid, offset=(2, y))
        await pilot.pause()
        assert grid.cursor_coordinate == Coordinate(398, 0) and grid.scroll_offset.x > 0


async def test_scrolled_cells_never_touch_the_pinned_column_and_more_is_shown() -> None:
    labels = ["Company", "Fwd P/S", "Playbook", *(f"Col{i}" for i in range(8))]
    rows = [["Tencent Holdings", "2.35x", "balanced", *("12.7%" for _ in range(8))]]
    align = ["left", "right", "left", *("right" for _ in range(8))]
    grid = Grid(labels, rows, align=align)
    async with GridApp(grid).run_test(size=(40, 6)) as pilot:
        header = line(grid, 0)
        assert header.rstrip().endswith("›")  # more columns to the right
        assert "Fwd P/S  Playbook" in header and "2.35x  balanced" in line(grid, 1)
        for x in range(1, 12):  # any scroll position, even mid-cell
            grid.scroll_to(x=x, animate=False)
            await pilot.pause()
            row = line(grid, 1)
            assert row.startswith(" Tencent Holdings "), row  # a space always follows it
            pinned = len(" Tencent Holdings")
            assert line(grid, 0)[pinned] == "‹", line(grid, 0)  # columns scrolled away
