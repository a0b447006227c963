"""Record one figure or one event by hand: the checks behind `data add`, `event add`, the form.

A figure is checked exactly like an imported CSV row (`ingest.rows.check_row`), so `34%`, `39.8B`
and `-21.8B` are accepted as typed. It is published today unless a date is given: that is what
makes a later figure for the same period a revision of an earlier one.

An event's kind is one capexwatch or the user already uses (a did-you-mean otherwise, unless a
new kind is allowed on purpose), and its date is not in the future: an event is something that
happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from capexwatch.core.base import clock
from capexwatch.core.base.errors import DataError
from capexwatch.core.base.text import clean, suggest
from capexwatch.core.figures import events, store
from capexwatch.core.figures.cells import CellError
from capexwatch.core.figures.cells import company as company_id
from capexwatch.core.figures.cells import date as parse_date
from capexwatch.core.ingest.checks import Known
from capexwatch.core.watchlist.model import Company

# Event kinds capexwatch knows before the user records any (the watchlist's event signals and
# the events already recorded add theirs).
EVENT_KINDS = (
    "utilization_disclosure",
    "capacity_commentary",
    "guidance_change",
    "pricing_change",
    "supply_constraint",
)
NEW_KIND_HINT = "--new-kind records a kind of your own on purpose"


def figure(
    known: Known | Mapping[str, Company],
    fields: Mapping[str, str | None],
) -> dict[str, Any]:
    """The checked observation for typed `fields` (company, metric, period, value, source, …).

    `known` is the watchlist's companies, or those with the metrics in the user's data.
    Raises DataError listing every problem as `column NAME: message`.
    """
    from capexwatch.core.ingest.rows import check_row

    cells = {k: v for k, v in fields.items() if v is not None}
    if not (cells.get("published") or "").strip():
        cells["published"] = clock.today().isoformat()
    row, problems = check_row(cells, known)
    if row is None:
        raise DataError("\n".join(f"column {column}: {message}" for column, message in problems))
    return row


def add_figure(path: Path, row: Mapping[str, Any]) -> bool:
    """Store one checked figure; False when exactly this figure was already recorded."""
    return store.add(path, store.to_frame([dict(row)])) == 1


def event(
    companies: Mapping[str, Company],
    company: str,
    kind: str,
    text: str,
    source: str,
    date: str | None = None,
    *,
    kinds: Iterable[str] = (),
    new_kind: bool = False,
) -> dict[str, Any]:
    """A checked event: a dated, sourced qualitative fact (today unless `date` is given).

    `kinds` are the kinds in use besides EVENT_KINDS (signals, recorded events); `new_kind`
    accepts one outside them.
    """
    problems: list[str] = []
    try:
        who = company_id(clean(company))
        if who not in companies:
            problems.append(f"company: {who!r} is not in the watchlist")
    except CellError as exc:
        problems.append(f"company: {exc}")
        who = ""
    what = clean(kind).strip().lower().replace(" ", "_").replace("-", "_")
    known = sorted({*EVENT_KINDS, *kinds})
    if not events.KIND.match(what):
        problems.append(
            f"kind: {kind.strip()!r} is not an event kind (a word such as utilization_disclosure)"
        )
    elif what not in known and not new_kind:
        problems.append(
            f"kind: {what!r} is not an event kind in use{suggest(what, known)} "
            f"(known: {', '.join(known)}; {NEW_KIND_HINT})"
        )
    body = clean(text).strip()
    if not body:
        problems.append("text: is empty (what was said or disclosed)")
    said_by = clean(source).strip()
    if not said_by:
        problems.append("source: is empty (where it was said: a call, a release, a page)")
    day: dt.date = clock.today()
    if date and date.strip():
        try:
            day = parse_date(date)
        except CellError as exc:
            problems.append(f"date: {exc}")
    if day > clock.today():
        problems.append(
            f"date: {day.isoformat()} is in the future (today is {clock.today().isoformat()}); "
            "an event is something that happened: record guidance as a figure of kind guidance"
        )
    if problems:
        raise DataError("\n".join(problems))
    return {"company": who, "kind": what, "date": day, "text": body, "source": said_by}
