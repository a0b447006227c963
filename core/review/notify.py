"""Alerts out: `check --notify` runs the user's `[notify] command` when something changed.

What was last notified (each unmuted signal's status and side of its line, each gate's status)
is kept in the state directory (`notified.json`), never in the user's TOML. A change is a
signal's status, a threshold crossing or a gate's status since then; the first run notifies
every triggered signal. The command gets the changes as JSON on standard input and a one-line
summary as its last argument. The state moves on only when the command succeeded: a command
that fails or hangs (stopped after its timeout) is reported, and the same changes are sent on
the next run.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capexwatch.core.base import clock, safewrite
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.signals import crossings
from capexwatch.core.signals.evaluate import status_word
from capexwatch.core.watchlist.notify import NotifySettings

if TYPE_CHECKING:  # a type only: the snapshot room sits above this one
    from capexwatch.core.snapshot.picture import Snapshot

STATE_VERSION = 1
SUMMARY_CHARS = 200


class NotifyFailed(CapexwatchError):
    """The command could not run, failed or hung; nothing was marked as notified."""


@dataclass(frozen=True)
class State:
    """What the last successful notification said: signal id → (status, side); gate → status."""

    signals: dict[str, tuple[str, str | None]]
    gates: dict[str, str]


def state_path(state_dir: Path) -> Path:
    return state_dir / "notified.json"


def read_state(path: Path) -> State | None:
    """The last notified state; None before the first (or when the file is unreadable)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        signals = {k: (str(v[0]), v[1]) for k, v in data["signals"].items()}
        return State(signals, {k: str(v) for k, v in data["gates"].items()})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None  # damaged: notify as on a first run rather than never again


def current(snapshot: Snapshot) -> State:
    """The state `snapshot` shows (muted signals left out: they do not alert)."""
    signals: dict[str, tuple[str, str | None]] = {
        r.signal.id: (str(r.status), crossings.of_result(r)[0])
        for r in snapshot.results
        if not r.signal.muted
    }
    return State(signals, {g.id: str(g.status) for g in snapshot.gates})


def _word(status: str | None) -> str:
    return status_word(status)


def changes(snapshot: Snapshot, before: State | None) -> list[dict[str, Any]]:
    """What changed since `before` (None: every triggered signal), one dict per change."""
    out: list[dict[str, Any]] = []
    for result in snapshot.sorted_results():
        s = result.signal
        if s.muted:
            continue
        side = crossings.of_result(result)[0]
        was = before.signals.get(s.id) if before is not None else None
        if before is None:
            if result.status != "triggered":
                continue
            kind = "triggered"
        elif was is not None and was[1] and side and was[1] != side:
            kind = "crossed"
        elif was is None or was[0] != result.status:
            kind = "status"
        else:
            continue
        out.append(
            {
                "kind": kind,
                "id": s.id,
                "title": clean(s.title),
                "company": s.company,
                "metric": s.metric,
                "from": was[0] if was else None,
                "to": result.status,
                "value": result.value,
                "unit": result.unit,
                "period": result.period,
                "source": result.source,
                "text": f"{clean(s.title)}: "
                + (f"{_word(was[0])} → " if was else "")
                + _word(result.status),
            }
        )
    if before is not None:
        for gate in snapshot.gates:
            old = before.gates.get(gate.id)
            if old is not None and old != gate.status:
                text = f"gate {gate.id}: {_word(old)} → {_word(gate.status)}"
                out.append(
                    {"kind": "gate", "id": gate.id, "from": old, "to": gate.status,
                     "detail": clean(gate.detail), "text": text}
                )  # fmt: skip
    return out


def summary(found: list[dict[str, Any]]) -> str:
    """One line for the command's last argument: 'capexwatch: 2 changes: A; B'."""
    head = f"capexwatch: {len(found)} change{'' if len(found) == 1 else 's'}: "
    line = head + "; ".join(c["text"] for c in found)
    return line if len(line) <= SUMMARY_CHARS else line[: SUMMARY_CHARS - 1] + "…"


def send(settings: NotifySettings, found: list[dict[str, Any]], first_run: bool) -> None:
    """Run the command with the changes on stdin; raises NotifyFailed saying why."""
    payload = {
        "generated_at": clock.now().isoformat(),
        "first_run": first_run,
        "count": len(found),
        "changes": found,
    }
    data = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    argv = [*settings.command, summary(found)]
    name = settings.command[0]
    try:
        done = subprocess.run(
            argv, input=data, capture_output=True, timeout=settings.timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise NotifyFailed(
            f"notify: {name} did not finish within {settings.timeout:g} s and was stopped"
        ) from None
    except OSError as exc:
        raise NotifyFailed(f"notify: cannot run {name!r} ({exc.strerror or exc})") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = clean(lines[-1]) if lines else ""  # a program says why on its last line
        raise NotifyFailed(
            f"notify: {name} failed with exit code {done.returncode}"
            + (f": {said}" if said else "")
        )


def write_state(path: Path, state: State) -> None:
    data = {
        "version": STATE_VERSION,
        "signals": {k: list(v) for k, v in state.signals.items()},
        "gates": state.gates,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    safewrite.write_atomic(path, text.encode("utf-8"), expected=safewrite.current_bytes(path))


def notify(snapshot: Snapshot, settings: NotifySettings, state_dir: Path) -> list[dict[str, Any]]:
    """Send what changed since the last notification, if anything; returns what was sent.
    Raises NotifyFailed (the state is left as it was, so the next run sends it again)."""
    path = state_path(state_dir)
    before = read_state(path)
    found = changes(snapshot, before)
    if found:
        send(settings, found, before is None)
    now = current(snapshot)
    if found or before != now:  # a first quiet run, a gate added: the new baseline
        write_state(path, now)
    return found
