"""The review log written by a crash or by another program: a partial line, a line of the wrong
shape or types. Nothing recorded is lost, and nothing in the log is fatal."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from capexwatch.core.review import log as review
from tests.terminal import installed_command


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [installed_command(), *args], capture_output=True, timeout=120, check=False
    )


def test_a_review_after_a_partial_line_is_recorded_on_a_fresh_line(isolated_dirs: Path) -> None:
    assert _run("review", "--mark").returncode == 0
    path = isolated_dirs / "state" / "reviews.jsonl"
    first = path.read_bytes()
    path.write_bytes(first + first[: len(first) // 2])  # disk full halfway through an append
    done = _run("review", "--mark", "--note", "after the crash")
    assert done.returncode == 0, done.stderr
    reviews, damaged = review.read(path)
    assert [r.note for r in reviews] == ["", "after the crash"]  # read back, not glued on
    assert damaged == [f"{path}:2: " + damaged[0].split(":2: ", 1)[1]]
    assert b"reviews.jsonl:2: not a review" in done.stderr  # named, read past


def test_a_line_with_wrong_field_types_is_named_and_skipped(isolated_dirs: Path) -> None:
    assert _run("review", "--mark").returncode == 0
    path = isolated_dirs / "state" / "reviews.jsonl"
    good = json.loads(path.read_text(encoding="utf-8"))
    bad = dict(good)
    some = next(iter(good["signals"]))
    bad["signals"] = {some: {**good["signals"][some], "status": 5, "value": "12"}}
    gates = dict(good, gates={"x": {"id": 1, "status": [], "detail": {}}})
    lines = [json.dumps(bad), json.dumps(gates), json.dumps([1]), json.dumps(good)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reviews, damaged = review.read(path)
    assert len(reviews) == 1
    assert [d.split(": ")[0] for d in damaged] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    for command in (["review"], ["review", "--history"], ["export"], ["check"]):
        done = _run(*command)
        assert b"Traceback" not in done.stderr, done.stderr
        assert done.returncode in (0, 1), done.stderr
