"""The memo's numbered sources: each distinct source gets a number the first time a figure
cites it (`34.0% FY2026Q2 [1]`), and the memo ends with the list of them."""

from __future__ import annotations

from capexwatch.core.base import markdown as md


class Footnotes:
    """Numbers sources in order of first citation; the same source keeps its number."""

    def __init__(self) -> None:
        self.sources: list[str] = []

    def cite(self, source: str | None) -> str:
        """` [n]` for `source` ("" when there is none)."""
        text = (source or "").strip()
        if not text:
            return ""
        if text not in self.sources:
            self.sources.append(text)
        return f" [{self.sources.index(text) + 1}]"

    def markdown(self) -> list[str]:
        """The Sources section (nothing when no figure was cited)."""
        if not self.sources:
            return []
        lines = ["", "## Sources", ""]
        return lines + [f"{n}. {md.inline(s)}" for n, s in enumerate(self.sources, 1)]
