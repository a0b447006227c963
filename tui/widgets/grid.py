"""A virtual grid of plain-text cells, for tables too big to build up front (5,000 peers × 12).

Why it exists: Textual's DataTable measures and stores every cell before its first frame, and
textual-fastdatatable imports pyarrow and polars (~150 ms) first. This grid is virtual: `rows`
is any Sequence, a row is read only when it is drawn, and a frame draws only the visible lines
(Textual's Line API, with a small cache of rendered lines). It imports nothing heavier than
textual, rich and capexwatch.core.base.text.

Cells are plain strings, never markup, and every cell and label goes through core.base.text.clean,
so no control character from the data reaches the terminal.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from capexwatch.tui.widgets.grid_text import fit, measure

LineKey = tuple[int, int, int, int, bool, int]


class Grid(ScrollView, can_focus=True):
    """Rows × columns of plain text under a pinned header, with a cell cursor.

    The first `fixed_columns` columns stay put when scrolling sideways. Style it with the
    component classes grid--header, grid--fixed, grid--even-row, grid--odd-row, grid--cursor.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--header",
        "grid--fixed",
        "grid--even-row",
        "grid--odd-row",
        "grid--cursor",
    }

    # The look of Textual's DataTable, so the grid matches the rest of the app.
    DEFAULT_CSS = """
    Grid {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .grid--header { background-tint: $foreground 5%; }
        }
        &:dark > .grid--even-row { background: $surface-darken-1 40%; }
        & > .grid--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .grid--header { background: ansi_bright_blue; color: ansi_default; }
        & > .grid--fixed { background: $secondary-muted; color: $foreground; }
        & > .grid--even-row { background: $surface-lighten-1 50%; }
        & > .grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    # A generic widget: its keys are not app commands (tui/commands.py), so they are plain
    # bindings hidden from the footer; the ids still let a keymap remap them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="grid.up", tooltip="Previous row"),
        Binding("down", "cursor_down", "Down", show=False, id="grid.down", tooltip="Next row"),
        Binding("left", "cursor_left", "Left", show=False, id="grid.left", tooltip="Column left"),
        Binding(
            "right", "cursor_right", "Right", show=False, id="grid.right", tooltip="Column right"
        ),
        Binding("home", "first_row", "First", show=False, id="grid.first", tooltip="First row"),
        Binding("end", "last_row", "Last", show=False, id="grid.last", tooltip="Last row"),
        Binding("pageup", "page_up", "Page up", show=False, id="grid.page-up", tooltip="A page up"),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="grid.page-down",
            tooltip="A page down",
        ),
    ]

    class CellHighlighted(Message):
        """The cursor is on (row, column): sent when it moves, after mount and after set_rows."""

        def __init__(self, grid: Grid, row: int, column: int) -> None:
            super().__init__()
            self.grid = grid
            self.row = row
            self.column = column

        @property
        def coordinate(self) -> Coordinate:
            """The highlighted cell."""
            return Coordinate(self.row, self.column)

        @property
        def control(self) -> Grid:
            return self.grid

    class HeaderSelected(Message):
        """A column's label was clicked (e.g. to sort by it)."""

        def __init__(self, grid: Grid, column_index: int) -> None:
            super().__init__()
            self.grid = grid
            self.column_index = column_index

        @property
        def control(self) -> Grid:
            return self.grid

    def __init__(
        self,
        labels: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[int] | None = None,
        *,
        align: Sequence[str] | None = None,
        fixed_columns: int = 1,
        cursor: tuple[int, int] = (0, 0),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`rows`: any Sequence of rows (read lazily); `widths`: cell widths per column, measured
        from every row when None; `align`: "left" or "right" per column (default left)."""
        super().__init__(name=name, id=id, classes=classes)
        self._labels: tuple[str, ...] = ()
        self._rows: Sequence[Sequence[str]] = ()
        self._widths: tuple[int, ...] = ()
        self._align = tuple(align or ())
        self._pinned = fixed_columns  # as asked; _fixed_columns is that, within the columns
        self._fixed_columns = 0
        self._starts: list[int] = []  # x of each column's slot: its gap, then the cell
        self._gaps: list[int] = []  # spaces before each cell (see `_replace`)
        self._cursor = Coordinate(*cursor)
        self._lines: LRUCache[LineKey, Strip] = LRUCache(512)
        self._generation = 0  # bumped whenever cached lines go stale
        self._replace(rows, labels, widths)
        self._cursor = self._clamp(self._cursor)

    # --- data -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """The number of data rows (the header not counted)."""
        return len(self._rows)

    @property
    def column_count(self) -> int:
        """The number of columns."""
        return len(self._labels)

    @property
    def cursor_row(self) -> int:
        """The cursor's row (0 in an empty grid, where nothing is highlighted)."""
        return self._cursor.row

    @property
    def cursor_column(self) -> int:
        """The cursor's column."""
        return self._cursor.column

    @property
    def cursor_coordinate(self) -> Coordinate:
        """The cursor's cell."""
        return self._cursor

    def get_row_at(self, index: int) -> tuple[str, ...]:
        """The cells of row `index`, as given (not cleaned)."""
        return tuple(self._rows[index])

    def get_cell_at(self, coordinate: Coordinate) -> str:
        """The cell at `coordinate`, as given; "" where a row is shorter than the header."""
        row, column = coordinate
        if not 0 <= column < self.column_count:
            raise IndexError(f"no column {column}")
        cells = self._rows[row]
        return cells[column] if column < len(cells) else ""

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        labels: Sequence[str] | None = None,
        widths: Sequence[int] | None = None,
        cursor_row: int | None = None,
    ) -> None:
        """Show `rows` in place (e.g. after a sort): focus and cursor column stay, the cursor goes
        to `cursor_row` (or stays on its row number). `widths` None: measured from every row."""
        self._replace(rows, labels, widths)
        row = self.cursor_row if cursor_row is None else cursor_row
        self._cursor = self._clamp(Coordinate(row, self.cursor_column))
        self.refresh()
        if self.is_mounted:
            self._scroll_cursor_into_view()
            self._announce()

    def set_labels(self, labels: Sequence[str]) -> None:
        """New header labels, one per column; the widths stay (a longer label is cropped)."""
        if len(labels) != self.column_count:
            raise ValueError(f"{len(labels)} labels for {self.column_count} columns")
        self._labels = tuple(labels)
        self._invalidate()

    def _replace(
        self,
        rows: Sequence[Sequence[str]],
        labels: Sequence[str] | None,
        widths: Sequence[int] | None,
    ) -> None:
        if labels is not None:
            self._labels = tuple(labels)
        count = len(self._labels)
        self._rows = rows
        self._widths = tuple(measure(self._labels, rows) if widths is None else widths)
        if len(self._widths) != count:
            raise ValueError(f"{len(self._widths)} widths for {count} columns")
        self._align = (self._align + ("left",) * count)[:count]
        self._fixed_columns = min(max(self._pinned, 0), count)
        self._starts, self._gaps = [], []
        x = 0
        for index, width in enumerate(self._widths):
            if index == self._fixed_columns and index > 0:
                x += 1  # the pinned columns' edge: scrolled cells never touch their text
            after_number = index > 0 and (self._align[index - 1], self._align[index]) == (
                "right",
                "left",
            )
            gap = 2 if after_number else 1  # "Fwd P/S  Playbook", not "Fwd P/S Playbook"
            self._starts.append(x)
            self._gaps.append(gap)
            x += gap + width
        self._fixed_width = self._starts[self._fixed_columns] if self._fixed_columns < count else x
        self._total_width = x
        self.virtual_size = Size(x + 1, len(rows) + 1)
        self._invalidate()

    def _invalidate(self) -> None:
        self._generation += 1
        self._lines.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme, CSS or focus changed: the cached lines carry old colours."""
        super().notify_style_update()
        self._invalidate()

    # --- cursor ---------------------------------------------------------------------------

    def _clamp(self, coordinate: Coordinate) -> Coordinate:
        row = min(max(coordinate.row, 0), max(self.row_count - 1, 0))
        column = min(max(coordinate.column, 0), max(self.column_count - 1, 0))
        return Coordinate(row, column)

    def move_cursor(
        self, row: int | None = None, column: int | None = None, animate: bool = False
    ) -> None:
        """Move the cursor (clamped to the grid) and scroll it into view."""
        old = self._cursor
        new = self._clamp(
            Coordinate(old.row if row is None else row, old.column if column is None else column)
        )
        self._cursor = new
        if new != old:
            self.refresh_line(old.row + 1)
            self.refresh_line(new.row + 1)
            self._announce()
        self._scroll_cursor_into_view(animate)

    def _announce(self) -> None:
        if self.row_count and self.column_count:
            self.post_message(self.CellHighlighted(self, self.cursor_row, self.cursor_column))

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        if not self.column_count:
            return
        row, column = self._cursor
        region = Region(self._starts[column], row + 1, self._gaps[column] + self._widths[column], 1)
        self.scroll_to_region(
            region,
            spacing=Spacing(1, 0, 0, self._fixed_width),  # the header and the pinned columns
            animate=animate,
            force=True,
            x_axis=column >= self._fixed_columns,  # a pinned column is always in view
            immediate=True,
        )

    def _on_mount(self, _: events.Mount) -> None:
        self._announce()
        self.call_after_refresh(self._scroll_cursor_into_view)

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Screen line `y`: the header on line 0, then the rows from the scroll position."""
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        row = -1 if y == 0 else y - 1 + scroll_y
        if row >= self.row_count:
            return Strip.blank(width, self.rich_style)
        cursor = self.cursor_column if row == self.cursor_row and row >= 0 else -1
        key = (row, cursor, scroll_x, width, self.has_focus, self._generation)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = self._render_row(row, cursor, scroll_x, width)
        return strip

    def _render_row(self, row: int, cursor: int, scroll_x: int, width: int) -> Strip:
        style = self.get_component_rich_style
        if row < 0:
            cells: Sequence[str] = self._labels
            fixed_style = row_style = style("grid--header")
        else:
            cells = self._rows[row]
            fixed_style = style("grid--fixed")
            row_style = style("grid--odd-row" if row % 2 else "grid--even-row")
        cursor_style = style("grid--cursor")
        pinned: list[Segment] = []
        scrolled: list[Segment] = []
        for index, (cell_width, align) in enumerate(zip(self._widths, self._align, strict=True)):
            is_fixed = index < self._fixed_columns
            base = fixed_style if is_fixed else row_style
            text = fit(cells[index] if index < len(cells) else "", cell_width, align)
            segments = pinned if is_fixed else scrolled
            segments.append(Segment(" " * self._gaps[index], base))
            segments.append(Segment(text, base + cursor_style if index == cursor else base))
        room = width - self._fixed_width
        more_left = scroll_x > 0
        more_right = self._total_width - self._fixed_width - scroll_x > room
        if self._fixed_columns and self._fixed_columns < len(self._widths):
            # The edge of the pinned columns; on the header it says columns are scrolled away.
            edge = "‹" if row < 0 and more_left else " "
            pinned.append(Segment(edge, fixed_style))
        visible = Strip(scrolled).crop(scroll_x, scroll_x + room)
        line = Strip([*pinned, *visible]).adjust_cell_length(width, row_style)
        if row < 0 and more_right and width > 0:  # more columns to the right: → or l
            line = line.crop(0, width - 1).adjust_cell_length(width - 1, row_style)
            line = Strip([*line, Segment("›", row_style)])
        return line.simplify()

    # --- keys and mouse -------------------------------------------------------------------

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_up(self) -> None:
        """One row up."""
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        """One row down."""
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        """One column left."""
        self.move_cursor(column=self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        """One column right."""
        self.move_cursor(column=self.cursor_column + 1)

    def action_first_row(self) -> None:
        """To the first row."""
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        """To the last row."""
        self.move_cursor(row=self.row_count - 1)

    def action_page_up(self) -> None:
        """A page up: the view and the cursor move together."""
        self.scroll_to(y=self.scroll_offset.y - self._page(), animate=False, force=True)
        self.move_cursor(row=self.cursor_row - self._page())

    def action_page_down(self) -> None:
        """A page down: the view and the cursor move together."""
        self.scroll_to(y=self.scroll_offset.y + self._page(), animate=False, force=True)
        self.move_cursor(row=self.cursor_row + self._page())

    def column_at(self, x: int) -> int | None:
        """The column under screen column `x` (pinned columns first), or None past the last."""
        virtual_x = x if x < self._fixed_width else x + self.scroll_offset.x
        index = bisect_right(self._starts, virtual_x) - 1
        if index < 0 or virtual_x >= self._starts[index] + self._gaps[index] + self._widths[index]:
            return None
        return index

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        column = self.column_at(offset.x)
        if column is None:
            return
        event.stop()
        if offset.y == 0:
            self.post_message(self.HeaderSelected(self, column))
            return
        row = offset.y - 1 + self.scroll_offset.y
        if row < self.row_count:
            self.move_cursor(row=row, column=column)
