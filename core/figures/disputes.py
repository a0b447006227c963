"""Disputed figures: every side of a conflict, and the user's preference between them.

A figure is disputed when its sources disagree (observations.collapse) or when a reported ratio
disagrees with its own derivation (metrics: Baidu's reported −61% operating margin against
−48% from operating loss over revenue). `sides` lists every competing value of one period with
its source and publication date, the current one marked. `capexwatch data prefer` keeps the
user's choice in `preferences.json` in the data directory; `scan` marks the preferred rows
(`preferred`), and `collapse` makes such a row current wherever the figure is read. A
preference for "derived" sets the derivation over the reported figures of that period
(`prefer_derived`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from capexwatch.core.base import format as fmt
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.base.safewrite import current_bytes, write_atomic

FILE = "preferences.json"
DERIVED = "derived"  # the --source that prefers the derivation over what was reported


@dataclass(frozen=True)
class Preference:
    """The user's choice for one company, metric and period: the row whose source contains
    `source` (case-insensitive), or the derivation when `source` is 'derived'."""

    company: str
    metric: str
    period: str
    source: str

    @property
    def derived(self) -> bool:
        return self.source.strip().casefold() == DERIVED


@dataclass(frozen=True)
class Side:
    """One competing value of a disputed figure."""

    value: float | None
    unit: str | None
    source: str
    published: dt.date | None
    kind: str
    current: bool
    derived: bool = False
    preferred: bool = False

    @property
    def text(self) -> str:
        """'-61.0% · article: … · published 2026-01-11 · current, preferred by you'."""
        marks = [w for w, on in (("current", self.current), ("preferred by you", self.preferred))
                 if on]  # fmt: skip
        when = f"published {fmt.date(self.published)}" if self.published else "no publication date"
        tail = f" · {', '.join(marks)}" if marks else ""
        return f"{fmt.value_with_unit(self.value, self.unit)} · {self.source} · {when}{tail}"

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        return out


def path_for(imported: Path) -> Path:
    """The preferences file beside the imported data (the data directory)."""
    return imported.with_name(FILE)


def load(path: Path) -> tuple[Preference, ...]:
    """The saved preferences; none when the file does not exist. A damaged file is named."""
    raw = current_bytes(path)
    if raw is None:
        return ()
    try:
        items = json.loads(raw.decode("utf-8"))
        return tuple(Preference(**{k: str(i[k]) for k in Preference.__dataclass_fields__})
                     for i in items)  # fmt: skip
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not capexwatch's preferences ({exc})") from None


def save(path: Path, preferences: tuple[Preference, ...]) -> None:
    """Write the preferences atomically (a change made meanwhile elsewhere is refused)."""
    expected = current_bytes(path)
    text = json.dumps([asdict(p) for p in preferences], indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"), expected=expected)


def replaced(
    preferences: tuple[Preference, ...], new: Preference | None, company: str, metric: str,
    period: str,
) -> tuple[Preference, ...]:  # fmt: skip
    """The preferences without any for that company, metric and period, plus `new`."""
    key = (company, metric, period)
    kept = tuple(p for p in preferences if (p.company, p.metric, p.period) != key)
    return (*kept, new) if new is not None else kept


def mark(frame: pl.LazyFrame, preferences: tuple[Preference, ...]) -> pl.LazyFrame:
    """`frame` with `preferred` (this row wins its conflict) and `prefer_derived` (the
    derivation wins over this reported row), both False without preferences."""
    preferred: pl.Expr = pl.lit(False)
    derived: pl.Expr = pl.lit(False)
    for p in preferences:
        same = (
            (pl.col("company") == p.company)
            & (pl.col("metric") == p.metric)
            & (pl.col("period") == p.period)
        )
        if p.derived:
            derived = derived | same
        else:
            chosen = pl.col("source").str.to_lowercase().str.contains(p.source.lower(),
                                                                       literal=True)  # fmt: skip
            preferred = preferred | (same & chosen.fill_null(False))
    return frame.with_columns(preferred=preferred, prefer_derived=derived)


def sides(
    observations: pl.DataFrame, company: str, metric_id: str, freq: str, period_end: dt.date
) -> list[Side]:
    """Every competing value of one company's metric for one period: each reported one (the
    current one marked) and, for a computed metric, its derivation. [] without a figure."""
    from capexwatch.core.figures import catalogue, metrics
    from capexwatch.core.figures.observations import collapse

    mine = observations.filter(pl.col("company") == company)
    rows = mine.filter(
        (pl.col("metric") == metric_id)
        & (pl.col("freq") == freq)
        & (pl.col("period_end") == period_end)
    )
    chosen = set()
    if "preferred" in rows.columns:
        chosen = set(rows.filter(pl.col("preferred")).get_column("source").to_list())
    prefer_derived = "prefer_derived" in rows.columns and bool(rows["prefer_derived"].any())
    found = [
        Side(r["value"], r["unit"], r["source"] or "", r["published"], r["kind"] or "actual",
             r["current"] and not prefer_derived,
             preferred=any(c and c in (r["source"] or "") for c in chosen))
        for r in collapse(rows).iter_rows(named=True)
    ]  # fmt: skip
    entry = catalogue.lookup(metric_id)
    if entry is None or entry.formula is None or not found:
        return found
    a_id, op, b_id = entry.formula
    inputs = metrics.compute(mine.select(observations.columns), [a_id, b_id])
    at = inputs.filter((pl.col("freq") == freq) & (pl.col("period_end") == period_end))
    values = {r["metric"]: r for r in at.iter_rows(named=True)}
    a, b = values.get(a_id), values.get(b_id)
    if a is None or b is None or a["value"] is None or b["value"] is None:
        return found
    if op == "-":
        value, unit = a["value"] - b["value"], a["unit"]
    elif b["value"]:
        value, unit = a["value"] / b["value"], "ratio"
    else:
        return found
    dates = [d for d in (a["published"], b["published"]) if d is not None]
    found.append(
        Side(value, unit, f"derived: {entry.derivation}", max(dates) if dates else None,
             a["kind"] if a["kind"] != "actual" else b["kind"], prefer_derived, derived=True,
             preferred=prefer_derived)
    )  # fmt: skip
    return found
