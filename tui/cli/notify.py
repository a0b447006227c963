"""`check --notify`: send what changed to the user's `[notify] command`, and say how it went."""

from __future__ import annotations

import sys
from pathlib import Path

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import clean
from capexwatch.core.review import notify as alerts
from capexwatch.core.snapshot.picture import Snapshot


def notify(snapshot: Snapshot, state_dir: Path) -> bool:
    """Notify (see core.review.notify); False, said on stderr, when the command failed."""
    settings = snapshot.watchlist.notify
    if not settings.command:
        raise CapexwatchError(
            f"{snapshot.watchlist.path}: --notify needs a command to run: add\n"
            '[notify]\ncommand = ["notify-send", "capexwatch"]'
        )
    try:
        sent = alerts.notify(snapshot, settings, state_dir)
    except alerts.NotifyFailed as error:
        print(f"{clean(str(error))}; the changes will be sent again on the next run",
              file=sys.stderr)  # fmt: skip
        return False
    if sent:
        print(f"notified: {clean(alerts.summary(sent))}", file=sys.stderr)
    return True
