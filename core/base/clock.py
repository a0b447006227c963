"""Today's date and now, in one place so tests and benchmarks can pin them.

`CAPEXWATCH_TODAY=YYYY-MM-DD` fixes the date (staleness depends on it), so a test's expected
output does not change with the calendar.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY_ENV = "CAPEXWATCH_TODAY"


def today() -> dt.date:
    """The date staleness is measured against."""
    pinned = os.environ.get(TODAY_ENV)
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            from capexwatch.core.base.errors import CapexwatchError

            raise CapexwatchError(
                f"${TODAY_ENV}: {pinned!r} is not a date (YYYY-MM-DD, as 2026-01-20)"
            ) from None
    return dt.date.today()


def now() -> dt.datetime:
    """The current time (UTC, second precision); pinned to noon of TODAY when that is set."""
    if os.environ.get(TODAY_ENV):
        return dt.datetime.combine(today(), dt.time(12, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
