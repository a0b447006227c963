"""A one-line trend from block characters: the last periods of a metric at a glance."""

from __future__ import annotations

import math
from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], width: int = 8) -> str:
    """The last `width` values as blocks, lowest ▁ to highest █; a gap for a missing value."""
    recent = list(values)[-width:]
    known = [v for v in recent if v is not None and math.isfinite(v)]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    out = []
    for value in recent:
        if value is None or not math.isfinite(value):
            out.append(" ")
        elif span == 0:
            out.append(BLOCKS[3])
        else:
            out.append(BLOCKS[round((value - low) / span * (len(BLOCKS) - 1))])
    return "".join(out)
