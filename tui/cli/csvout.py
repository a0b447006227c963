"""CSV on standard output for `--format csv`: a header, then one row per item, cells cleaned
of terminal controls (a spreadsheet or `cut` reads it; data is never a control sequence)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from capexwatch.core.base.text import clean


def cell(value: Any) -> str:
    """A value as CSV text: empty for None, true/false, ISO dates, full-precision numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return clean(str(value))


def write(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Print `rows` as CSV with `columns` as the header (RFC 4180 quoting, \\n line ends)."""
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    for row in rows:
        out.writerow([cell(row.get(c)) for c in columns])
