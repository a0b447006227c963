"""`capexwatch review`: what changed since the last review; `--mark` records one; `--history`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.review import diff as review_diff
from capexwatch.core.review import log as review
from capexwatch.core.review.diff import ReviewDiff
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot.workspace import open_workspace

_KIND_WORD = {
    "crossed": "crossed",
    "status": "status",
    "gate": "gate",
    "rule": "rule",
    "added": "added",
    "removed": "removed",
    "revised": "revised",
    "new_data": "new data",
    "filing": "filed",
}


def register(commands: Any) -> None:
    sub = commands.add_parser(
        "review", help="show what changed since the last review; --mark records a review"
    )
    from capexwatch.tui.cli import common

    common(sub)
    what = sub.add_mutually_exclusive_group()
    what.add_argument("--mark", action="store_true", help="record that the review is done")
    what.add_argument("--history", action="store_true", help="list past reviews")
    sub.add_argument(
        "--note",
        metavar="TEXT",
        help="with --mark: what you concluded, kept in the review log (shown by --history)",
    )
    sub.add_argument("--json", action="store_true", help="print JSON instead of text")
    sub.set_defaults(run=run)


def kind_word(kind: str) -> str:
    """A change's kind in words (kinds added later read as their name)."""
    return _KIND_WORD.get(kind, kind.replace("_", " "))


def diff_json(diff: ReviewDiff) -> dict[str, Any]:
    return {
        "last_review": diff.since.isoformat() if diff.since else None,
        "count": diff.count,
        "changes": [
            {"kind": c.kind, "subject": c.subject, "text": c.text, **c.details}
            for c in diff.changes
        ],
    }


def diff_text(diff: ReviewDiff) -> str:
    if diff.since is None:
        return "Not reviewed yet: `capexwatch review --mark` records the first review."
    lines = [f"Last review {diff.since:%Y-%m-%d %H:%M} UTC · {diff.summary()}"]
    width = max((len(kind_word(c.kind)) for c in diff.changes), default=0)
    lines += [f"  {kind_word(c.kind).ljust(width)}  {clean(c.text)}" for c in diff.changes]
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items())) or "none"


def history_text(reviews: list[review.Review]) -> str:
    if not reviews:
        return "No reviews recorded yet."
    lines = []
    for item in reversed(reviews):
        lines.append(
            f"{item.at:%Y-%m-%d %H:%M} UTC  signals: {_counts(item.status_counts())}"
            f"  gates: {_counts(item.gate_counts())}  {len(item.changes)} changes acknowledged"
        )
        lines += [f"    note: {clean(line)}" for line in item.note.splitlines()]
        lines += [f"    {clean(text)}" for text in item.changes]
    return "\n".join(lines)


def history_json(reviews: list[review.Review]) -> list[dict[str, Any]]:
    return [
        {
            "at": r.at.isoformat(),
            "signals": r.status_counts(),
            "gates": r.gate_counts(),
            "changes": list(r.changes),
            "note": r.note,
        }
        for r in reviews
    ]


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    log = workspace.locations.review_log
    for damaged in review.read(log)[1]:  # read past, and named: nothing else is lost
        print(f"warning: {clean(damaged)}", file=sys.stderr)
    if args.history:
        reviews = review.history(log)
        out = json.dumps(history_json(reviews), indent=2, ensure_ascii=False)
        print(out if args.json else history_text(reviews))
        return 0
    if args.note is not None and not args.mark:
        raise CapexwatchError("--note goes with --mark: capexwatch review --mark --note TEXT")
    # With its changes: the filings fetch edgar saw since the last review are among them.
    snapshot = daily.build(workspace)
    if args.mark:
        recorded, diff = review_diff.mark(log, snapshot, args.note or "")
        if args.json:
            done = {"recorded": recorded.at.isoformat(), "note": recorded.note, **diff_json(diff)}
            print(json.dumps(done, indent=2, ensure_ascii=False))
        else:
            print(
                f"Review recorded at {recorded.at:%Y-%m-%d %H:%M} UTC "
                f"({diff.count} changes acknowledged)"
            )
        return 0
    diff = snapshot.review or review_diff.since_last(log, snapshot)
    print(
        json.dumps(diff_json(diff), indent=2, ensure_ascii=False) if args.json else diff_text(diff)
    )
    return 0
