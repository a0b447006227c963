"""Waiting for the app in tests: for an event to show, never for a length of time.

How fast the app reacts is measured in bench/; a test only needs to know that it did react. The
bound stops a test that would otherwise hang, and is generous because CI machines get busy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

BOUND = 120.0  # seconds: against a hang only


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (fails only if it never does)."""
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, "the app never showed what the test waited for"
        await pilot.pause(0.05)
