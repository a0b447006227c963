"""Markdown that data cannot break: escaped inline text and pipe tables (GitHub flavour)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from capexwatch.core.base.text import clean

# Characters that start emphasis, code, links, HTML, strikethrough or end a table cell. Inline
# text never starts a line (callers put a marker or a cell border first), so `#`, `+`, `-` and
# `1.` cannot start a heading or a list and stay readable.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def inline(text: str) -> str:
    """`text` as literal inline Markdown: one line, controls made visible, markup escaped."""
    return _SPECIAL.sub(r"\\\1", clean(text))


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, escape: bool = True) -> str:
    """A pipe table; cells are escaped unless they are already Markdown (`escape=False`)."""

    def cell(text: str) -> str:
        return inline(text) if escape else text

    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
