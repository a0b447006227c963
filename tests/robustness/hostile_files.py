"""Write a workspace whose every outside string is hostile (see conftest.HOSTILE).

Signal titles and notes, company names and ids, peer group titles, FX sources, plan answers,
owners, market and workload names, imported figures' sources and notes, and recorded events.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from pathlib import Path

import tomlkit

from capexwatch.core.base.locations import resolve
from capexwatch.core.figures import events, store
from capexwatch.core.plan import model as plan
from capexwatch.core.watchlist import model as watchlist
from tests.robustness.conftest import HOSTILE, LONG

STRINGS = [*HOSTILE.values(), LONG]
ODD_COMPANY = "[Inc]\x1b]0;pwned\x07"  # an id (a TOML key) is outside text too
ODD_CURRENCY = "\x9b1m$\x1b]0;pwned\x07"
ODD_METRIC = "m[b]\x1b]0;pwned\x07"  # a metric id only the imported data knows
ODD_SIGNAL = "[b]id\x1b]52;c;aWQ=\x07\u202e"


def write_hostile_workspace(config_dir: Path) -> None:
    """Hostile watchlist.toml, plan.toml, imported figures and events under `config_dir`."""
    config_dir.mkdir(parents=True, exist_ok=True)
    where = resolve(config_dir)
    text = cycle(STRINGS)

    doc = tomlkit.parse(watchlist.default_text())
    for company in doc["company"].values():  # type: ignore[union-attr]
        company["name"] = next(text)
    doc["company"][ODD_COMPANY] = {"name": next(text), "currency": ODD_CURRENCY}  # type: ignore[index]
    doc["ui"]["currency"] = ODD_CURRENCY  # type: ignore[index]
    doc["peers"]["all"]["title"] = next(text)  # type: ignore[index]
    doc["peers"]["all"]["companies"].append(ODD_COMPANY)  # type: ignore[index, union-attr]
    doc["fx"][0]["source"] = next(text)  # type: ignore[index]
    for signal in doc["signal"]:  # type: ignore[union-attr]
        signal["title"] = next(text)
        signal["note"] = next(text) + "\nsecond line " + next(text)
    on_odd_metric = {"id": "odd-metric", "title": "odd", "company": "BABA", "metric": ODD_METRIC}
    doc["signal"].append({**on_odd_metric, "op": "<", "threshold": 0})  # type: ignore[union-attr]
    extra = {"id": ODD_SIGNAL, "title": next(text), "company": ODD_COMPANY, "metric": "capex"}
    doc["signal"].append({**extra, "op": ">", "threshold": 0})  # type: ignore[union-attr]
    where.watchlist.write_text(tomlkit.dumps(doc), encoding="utf-8")

    answers = tomlkit.parse(plan.default_text())
    for section in answers.values():
        section["answer"] = next(text)  # type: ignore[index]
        section["owner"] = next(text)  # type: ignore[index]
    answers["payback"]["market"] = tomlkit.aot()  # type: ignore[index]
    answers["gpu_priority"]["workload"] = tomlkit.aot()  # type: ignore[index]
    for rank in (1, 2):
        answers["payback"]["market"].append(  # type: ignore[index, union-attr]
            {"name": next(text), "investment": 100.0, "monthly_contribution": 10.0}
        )
        answers["gpu_priority"]["workload"].append(  # type: ignore[index, union-attr]
            {"name": next(text), "rank": rank, "revenue": "contracted"}
        )
    answers["tripwire"].update(  # type: ignore[union-attr]
        {"company": ODD_COMPANY, "metric": "capex", "op": ">", "threshold": 0}
    )
    where.plan.write_text(tomlkit.dumps(answers), encoding="utf-8")

    # Files another program wrote: nothing was cleaned on the way in.
    rows = []
    for company, metric in (("BABA", "capex"), (ODD_COMPANY, "capex"), ("BABA", ODD_METRIC)):
        for quarter, end in enumerate(("2025-03-31", "2025-06-30", "2025-09-30"), start=1):
            rows.append(
                {
                    "company": company,
                    "metric": metric,
                    "period": f"FY2025Q{quarter}",
                    "freq": "Q",
                    "period_end": dt.date.fromisoformat(end),
                    "value": 1e9 * quarter,
                    "unit": "USD",
                    "kind": "actual",
                    "published": dt.date(2025, 12, 1),
                    "source": next(text),
                    "note": next(text),
                }
            )
    store.add(where.imported, store.to_frame(rows))
    for company in ("BABA", ODD_COMPANY):
        events.add(
            where.events,
            {
                "company": company,
                "kind": "utilization_disclosure",
                "date": dt.date(2026, 1, 10),
                "text": next(text),
                "source": next(text),
            },
        )


def write_hostile_csv(path: Path) -> Path:
    """A CSV with hostile sources and notes, and bad rows whose cells are hostile too."""
    path.write_text(
        "company,metric,period,value,unit,source,note\n"
        "BABA,capex,FY2024Q1,1,CNY,\x1b]52;c;eA==\x07,\u202enote\n"
        "BABA,capex,FY2024Q2,\x1b]0;pwned\x07,CNY,src,\x9b2J\n"
        "\x1b[2J,capex,FY2024Q3,1,CNY,src,\n",
        encoding="utf-8",
    )
    return path
