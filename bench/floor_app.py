"""The floor: a bare Textual app (Header, a 5×8 DataTable, Footer).

capexwatch's first frame is measured against this, in the same run: nothing the app does can be
faster than Textual drawing a small table, so the ratio says how much capexwatch adds on top.

    python -m bench.floor_app             # headless: exits once the table has been drawn
    python -m bench.floor_app --terminal  # in the terminal until `q`, as capexwatch runs
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header

ROWS = 5
COLUMNS = 8
# The table's last cell: bench.terminal waits for it to be on screen.
LAST_CELL = f"end {ROWS - 1}"


class FloorApp(App[None]):
    """Header, a 5×8 table and a Footer; exits once drawn, or on `q` (`exit_after_frame`)."""

    BINDINGS = [Binding("q", "quit", "Quit")]  # noqa: RUF012 (typed by App)

    def __init__(self, exit_after_frame: bool = True) -> None:
        super().__init__()
        self.exit_after_frame = exit_after_frame

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(f"Column {c}" for c in range(COLUMNS)))
        for r in range(ROWS):
            table.add_row(*(f"{r * c:,}" for c in range(COLUMNS - 1)), f"end {r}")
        if self.exit_after_frame:
            # Runs after the screen has processed its messages and painted: the first frame.
            self.call_after_refresh(self.exit)


def main() -> None:
    terminal = "--terminal" in sys.argv[1:]
    FloorApp(exit_after_frame=not terminal).run(headless=not terminal)


if __name__ == "__main__":
    main()
