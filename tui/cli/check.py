"""`capexwatch check`: every signal's status, as a table, JSON or CSV; the exit code tells cron.

`--notify` also runs the watchlist's `[notify] command` when something changed since the last
notified run (core.review.notify); exit 3 when that command failed or hung.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from capexwatch.core.base import format as fmt
from capexwatch.core.base import locations
from capexwatch.core.base.text import clean, json_safe
from capexwatch.core.signals.evaluate import SignalResult, status_label
from capexwatch.core.snapshot import picture as snap
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot import stored as viewcache
from capexwatch.core.snapshot.workspace import open_workspace

_FAIL_ON = {"triggered": {"triggered"}, "near": {"triggered", "near"}, "never": set()}


def register(commands: Any) -> None:
    sub = commands.add_parser(
        "check", help="print every signal's status; exit 1 when one is triggered"
    )
    from capexwatch.tui.cli import common

    common(sub)
    sub.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default=None,
        help="table (default), json, or csv (one row per signal, for a spreadsheet or a script)",
    )
    sub.add_argument("--json", action="store_true", help="the same as --format json")
    sub.add_argument(
        "--notify",
        action="store_true",
        help="run [notify] command of watchlist.toml with what changed since the last "
        "notified run (JSON on stdin); exit 3 when the command fails",
    )
    sub.add_argument(
        "--fail-on",
        choices=list(_FAIL_ON),
        default="triggered",
        help="exit 1 when an unmuted signal has this status or worse (default: triggered)",
    )
    sub.set_defaults(run=run)


CSV_COLUMNS = (
    "id", "title", "company", "metric", "status", "value", "threshold", "period", "as_of",
    "stale", "source", "muted", "reason", "kind", "unit",
)  # fmt: skip


def as_json(result: SignalResult) -> dict[str, Any]:
    """One signal in the JSON shape of `check --json`."""
    s = result.signal
    return {
        "id": s.id,
        "title": s.title,
        "company": s.company,
        "metric": s.metric,
        "status": result.status,
        "value": result.value,
        # The value's unit: a currency as reported (signals never convert; only the peer table
        # does, and the memo names its rates), or ratio, pp, x.
        "unit": result.unit,
        "threshold": result.threshold if result.threshold is not None else s.threshold,
        "period": result.period,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "stale": result.stale,
        "source": result.source,
        "muted": s.muted,
        "reason": result.reason,
        "kind": result.kind,  # actual, estimate or guidance (None without a figure)
        # A disputed latest figure: every competing value, the current one marked.
        "sides": [side.as_json() for side in result.sides],
    }


def compute(config: str | None) -> snap.Snapshot:
    """Evaluate every signal and gate from the files (only the signals' companies are read)."""
    return daily.build(open_workspace(config), peers=False, changes=False, signals_only=True)


def table(snapshot: snap.Snapshot) -> str:
    """The plain-text table of `check`."""
    rows = [("STATUS", "SIGNAL", "CO.", "LATEST", "THRESHOLD", "PERIOD", "AS OF")]
    for r in snapshot.sorted_results():
        status = status_label(r.status)
        if r.stale:
            status += " STALE"
        if r.signal.muted:
            status += " (muted)"
        threshold = r.signal.threshold if isinstance(r.signal.threshold, str) else None
        rows.append(
            (
                status,
                clean(r.signal.title),
                clean(r.signal.company or ""),  # a company id is a TOML key: any text
                _latest(r),
                threshold
                or fmt.value(
                    r.threshold,
                    "pp" if r.unit == "pp" else r.unit if r.unit in ("ratio", "x") else None,
                )
                if r.threshold is not None
                else "—",
                clean(r.period or "—"),
                fmt.date(r.as_of),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    counts = snapshot.counts()
    lines.append("")
    lines.append(
        ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items())
        + f" · data to {fmt.date(snapshot.data_as_of)}"
    )
    return "\n".join(lines)


def _latest(result: SignalResult) -> str:
    """'10.0% ~ estimate': a forecast says so beside its value."""
    if result.value is None:
        return "—"
    mark = result.kind_mark
    return fmt.value_with_unit(result.value, result.unit) + (f" {mark}" if mark else "")


def run(args: argparse.Namespace) -> int:
    # The last computed view answers when none of its inputs changed since (core.snapshot.stored:
    # the files' sizes and times, the code and today's date): the same statuses, computed by
    # the same code from the same files, without importing polars or reading data.
    where = locations.resolve(args.config)
    snapshot = viewcache.stored_view(where) or compute(args.config)
    shape = "json" if args.json else args.format or "table"
    if shape == "json":
        print(
            json_safe(
                json.dumps(
                    {
                        "generated_at": snapshot.generated_at.isoformat(),
                        "signals": [as_json(r) for r in snapshot.results],
                        "gates": [
                            {"id": g.id, "status": g.status, "detail": g.detail}
                            for g in snapshot.gates
                        ],
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        )
    elif shape == "csv":
        from capexwatch.tui.cli import csvout

        csvout.write(CSV_COLUMNS, (as_json(r) for r in snapshot.sorted_results()))
    else:
        print(table(snapshot))
    failing = _FAIL_ON[args.fail_on]
    hit = any(r.status in failing and not r.signal.muted for r in snapshot.results)
    if args.notify:
        from capexwatch.tui.cli.notify import notify

        if not notify(snapshot, where.state_dir):
            return 3
    return 1 if hit else 0
