"""Cells of text for the virtual grid (tui.widgets.grid): their width in terminal cells, and
a cell cut or padded to a column's width. Everything from the data goes through core.base.text.clean
first, so no control character reaches the terminal; printable ASCII, the usual case, skips it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size

from capexwatch.core.base.text import clean


def fit(text: str, width: int, align: str = "left") -> str:
    """`text`, cleaned, padded or cropped to exactly `width` cells; … marks a crop."""
    if not (text.isascii() and text.isprintable()):
        text = clean(text)
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…" if width > 0 else ""
    padding = " " * (width - length)
    return padding + text if align == "right" else text + padding


def text_width(text: str) -> int:
    """The cells `text` takes once cleaned (a fast path for printable ASCII, the usual case)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return cell_len(clean(text))


def measure(labels: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """The cell width of each column: its widest label or cell (reads every row)."""
    widths = [text_width(label) for label in labels]
    for row in rows:
        for index, cell in zip(range(len(widths)), row, strict=False):
            width = text_width(cell)
            if width > widths[index]:
                widths[index] = width
    return widths
