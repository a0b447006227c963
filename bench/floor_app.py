"""The floor: a bare Textual app (Header, a 5×8 DataTable, Footer) that exits after its first frame.

capexwatch's first frame is measured against this, in the same run: nothing the app does can be
faster than Textual drawing a small table, so the ratio says how much capexwatch adds on top.
Run it as `python -m bench.floor_app` (headless).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

ROWS = 5
COLUMNS = 8


class FloorApp(App[None]):
    """Header, a 5×8 table and a Footer; exits once the table has been drawn."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(f"Column {c}" for c in range(COLUMNS)))
        for r in range(ROWS):
            table.add_row(*(f"{r * c:,}" for c in range(COLUMNS)))
        # Runs after the screen has processed its messages and painted: the first frame.
        self.call_after_refresh(self.exit)


def main() -> None:
    FloorApp().run(headless=True)


if __name__ == "__main__":
    main()
