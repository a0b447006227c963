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
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capexwatch.core.base import format as fmt
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.lazy_polars import pl
from capexwatch.core.base.safewrite import current_bytes, write_atomic

if TYPE_CHECKING:
    from capexwatch.core.figures.catalogue import Metric

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
    except (ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError) as exc:
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


# One figure: company, metric, frequency and period end (observations.KEY).
Key = tuple[str, str, str, dt.date]


def sides(
    observations: pl.DataFrame, company: str, metric_id: str, freq: str, period_end: dt.date
) -> list[Side]:
    """Every competing value of one company's metric for one period: each reported one (the
    current one marked) and, for a computed metric, its derivation. [] without a figure."""
    key = (company, metric_id, freq, period_end)
    return sides_of(observations, [key]).get(key, [])


def sides_of(observations: pl.DataFrame, keys: Iterable[Key]) -> dict[Key, list[Side]]:
    """`sides` of many figures at once, by key (figures without any are left out): the
    observations are filtered, and their sources collapsed, once for all of them, where a
    market's thousands of disputed peer cells asked one by one took ~7 ms each."""
    from capexwatch.core.figures import catalogue, metrics
    from capexwatch.core.figures.observations import KEY, collapse

    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    companies = list({k[0] for k in keys})
    mine = observations.filter(pl.col("company").is_in(companies))
    schema = {"company": pl.String, "metric": pl.String, "freq": pl.String, "period_end": pl.Date}
    wanted = pl.DataFrame(keys, schema=schema, orient="row")
    rows = mine.join(wanted, on=KEY, how="semi", maintain_order="left")
    chosen: dict[Key, set[str | None]] = {}
    if "preferred" in rows.columns:
        for c, m, f, end, source in (
            rows.filter(pl.col("preferred")).select(*KEY, "source").iter_rows()
        ):
            chosen.setdefault((c, m, f, end), set()).add(source)
    prefer: set[Key] = set()
    if "prefer_derived" in rows.columns:
        prefer = set(rows.filter(pl.col("prefer_derived")).select(KEY).iter_rows())
    found: dict[Key, list[Side]] = {}
    for r in collapse(rows).iter_rows(named=True):
        key = (r["company"], r["metric"], r["freq"], r["period_end"])
        picks, source = chosen.get(key, set()), r["source"] or ""
        found.setdefault(key, []).append(
            Side(r["value"], r["unit"], source, r["published"], r["kind"] or "actual",
                 r["current"] and key not in prefer,
                 preferred=any(c and c in source for c in picks))
        )  # fmt: skip
    # A computed metric's derivation is one more side: its inputs computed once per metric.
    by_metric: dict[str, list[Key]] = {}
    for key in found:
        entry = catalogue.lookup(key[1])
        if entry is not None and entry.formula is not None:
            by_metric.setdefault(key[1], []).append(key)
    for metric_id, todo in by_metric.items():
        entry = catalogue.lookup(metric_id)
        assert entry is not None and entry.formula is not None
        a_id, _op, b_id = entry.formula
        owners = list({k[0] for k in todo})
        own = mine.filter(pl.col("company").is_in(owners)).select(observations.columns)
        values = {
            (r["company"], r["metric"], r["freq"], r["period_end"]): r
            for r in metrics.compute(own, [a_id, b_id]).iter_rows(named=True)
        }
        for key in todo:
            company, _metric, freq, end = key
            a, b = values.get((company, a_id, freq, end)), values.get((company, b_id, freq, end))
            derived = _derivation(entry, a, b, key in prefer)
            if derived is not None:
                found[key].append(derived)
    return found


def _derivation(
    entry: Metric, a: dict[str, Any] | None, b: dict[str, Any] | None, prefer_derived: bool
) -> Side | None:
    """The side a computed metric's own derivation gives, from its inputs' rows."""
    assert entry.formula is not None
    _a_id, op, _b_id = entry.formula
    if a is None or b is None or a["value"] is None or b["value"] is None:
        return None
    if op == "-":
        value, unit = a["value"] - b["value"], a["unit"]
    elif b["value"]:
        value, unit = a["value"] / b["value"], "ratio"
    else:
        return None
    dates = [d for d in (a["published"], b["published"]) if d is not None]
    return Side(value, unit, f"derived: {entry.derivation}", max(dates) if dates else None,
                a["kind"] if a["kind"] != "actual" else b["kind"], prefer_derived, derived=True,
                preferred=prefer_derived)  # fmt: skip
