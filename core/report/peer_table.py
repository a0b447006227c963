"""The memo's peer table: one peer group's companies × columns, best and worst marked."""

from __future__ import annotations

from typing import Any

from capexwatch.core.base import format as fmt
from capexwatch.core.base import markdown as md
from capexwatch.core.peers import modes
from capexwatch.core.peers.columns import COLUMNS, COMPANY, PLAYBOOK
from capexwatch.core.snapshot.picture import Snapshot


def markdown_section(snapshot: Snapshot) -> list[str]:
    if snapshot.peers is None or not snapshot.peers.tables:
        return []
    table = snapshot.peers.table()
    header = ["Company", "Period", *(c.label for c in COLUMNS), "Playbook"]
    periods = table.periods()
    # One pass over the cells (a peer group can hold thousands of companies).
    cells = {(c["company"], c["column"]): c for c in table.cells.iter_rows(named=True)}
    labels = dict(table.table.select(COMPANY, PLAYBOOK).iter_rows())
    rows = []
    for company in table.companies:
        row = [md.inline(company), md.inline(periods.get(company, "—"))]
        for column in COLUMNS:
            cell = cells.get((company, column.id))
            text = "—"
            if cell is not None and cell["value"] is not None:
                text = md.inline(fmt.value(cell["value"], cell["unit"]))
                text += "\\*" if cell["converted"] else ""
                text = f"**{text}** (best)" if cell["mark"] == "best" else text
                text = f"{text} (worst)" if cell["mark"] == "worst" else text
            row.append(text)
        row.append(md.inline(str(labels.get(company) or "")))
        rows.append(row)
    mode = modes.LABELS.get(table.mode, table.mode)
    title = f"Peers — {table.group.title}, {mode} (amounts in {table.currency})"
    note = (
        f"Period mode: {mode}, {modes.DESCRIPTIONS.get(table.mode, '')}; each row reads the "
        "period it names (forward P/S: its latest figure). Margin Δ YoY: against the same "
        "period a year earlier. \\* converted with the watchlist's FX rates."
    )
    return [
        "",
        "## " + md.inline(title),
        "",
        md.table(header, rows, escape=False),
        "",
        note,
    ]


def as_json(snapshot: Snapshot) -> dict[str, Any] | None:
    if snapshot.peers is None or not snapshot.peers.tables:
        return None
    table = snapshot.peers.table()
    rows: dict[str, dict[str, Any]] = {c: {} for c in table.companies}
    for cell in table.cells.iter_rows(named=True):
        if cell["company"] in rows:
            rows[cell["company"]][cell["column"]] = {
                k: cell[k] for k in ("value", "unit", "period", "kind", "converted", "mark")
            }
    labels = dict(table.table.select(COMPANY, PLAYBOOK).iter_rows())
    periods = table.periods()
    return {
        "group": table.group.id,
        "currency": table.currency,
        "mode": table.mode,
        "companies": [
            {"company": c, "period": periods.get(c), "playbook": labels.get(c), "columns": rows[c]}
            for c in table.companies
        ],
    }
