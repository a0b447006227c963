"""`capexwatch export`: the review memo as Markdown (or JSON), to stdout or a file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from capexwatch.core.base import safewrite
from capexwatch.core.base.text import clean, json_safe
from capexwatch.core.report import memo
from capexwatch.core.review import log as review
from capexwatch.core.snapshot import recipe as daily
from capexwatch.core.snapshot.workspace import open_workspace


def register(commands: Any) -> None:
    sub = commands.add_parser("export", help="write the review memo (Markdown or JSON)")
    from capexwatch.tui.cli import common

    common(sub)
    sub.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.config)
    snapshot = daily.build(workspace)
    last = review.last(workspace.locations.review_log)  # its note heads the memo
    diff = snapshot.review
    assert diff is not None  # build() compares with the last review
    if args.format == "json":
        text = json.dumps(memo.as_json(snapshot, diff, last), indent=2, ensure_ascii=False)
        text = json_safe(text) + "\n"
    else:
        text = memo.markdown(snapshot, diff, last)
    if args.output is None:
        print(text, end="")
        return 0
    target = Path(args.output).expanduser()
    if safewrite.is_stream(target):  # a FIFO or /dev/stdout: written into, as `>` would
        safewrite.write_stream(target, text.encode("utf-8"))
    else:
        # A memo is ours to replace: overwrite whatever is there now, atomically (a directory
        # is refused by current_bytes).
        data = text.encode("utf-8")
        safewrite.write_atomic(target, data, expected=safewrite.current_bytes(target))
    print(f"memo written to {clean(str(target))}")
    return 0
