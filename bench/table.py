"""The one table `make bench` prints: each figure beside its floor, the ratio and the target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

HEADER = ("Measure", "Figure", "Floor", "Ratio", "Target", "Result")


@dataclass(frozen=True)
class Row:
    """One measured figure; `ok` is None when the figure has no target (shown for context)."""

    measure: str
    figure: str
    floor: str = "—"
    ratio: float | None = None
    target: str = "—"
    ok: bool | None = None

    def cells(self) -> tuple[str, ...]:
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        result = "—" if self.ok is None else ("pass" if self.ok else "FAIL")
        return (self.measure, self.figure, self.floor, ratio, self.target, result)


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def mebibytes(value: int) -> str:
    return f"{value / 2**20:,.0f} MiB"


def render(rows: Sequence[Row], markdown: bool = False) -> str:
    """A plain aligned table, or a Markdown one for the README."""
    table = [HEADER, *(row.cells() for row in rows)]
    if markdown:
        # Markdown drops leading spaces: a market's rows are marked with ↳ instead.
        marked = [
            (c[0].replace("  ", "↳ ", 1) if c[0].startswith("  ") else c[0], *c[1:]) for c in table
        ]
        lines = ["| " + " | ".join(cells) + " |" for cells in marked]
        lines.insert(1, "|" + "|".join(" --- " for _ in HEADER) + "|")
        return "\n".join(lines)
    widths = [max(len(cells[i]) for cells in table) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) for cells in table]
    lines.insert(1, "  ".join("─" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
