"""JSON written by someone else (a download, a cached answer, a file to import): whatever is
wrong with it is one DataError naming where, never a ValueError or RecursionError."""

from __future__ import annotations

import json
import re
import sys

from capexwatch.core.base.errors import DataError


def loads(data: bytes | str, where: str, what: str, after: str = "") -> object:
    """The document in `data` (UTF-8, a byte-order mark allowed), or DataError
    `WHERE[:LINE:COL]: WHAT (reason)AFTER`."""
    text = ""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return json.loads(text)
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: {what} ({exc}){after}") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}:{exc.lineno}:{exc.colno}: {what} ({exc.msg}){after}") from None
    except RecursionError:
        raise DataError(f"{where}: {what} (nested too deeply){after}") from None
    except ValueError:
        # Python converts integers of at most sys.get_int_max_str_digits() digits (4,300);
        # json.loads says so without a position: the first longer run of digits is it.
        limit = sys.get_int_max_str_digits()
        found = re.search(rf"\d{{{limit + 1},}}", text) if limit else None
        if found is None:
            raise DataError(f"{where}: {what} (a number Python cannot read){after}") from None
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise DataError(
            f"{where}:{line}:{col}: {what} (an integer of {len(found.group()):,} digits; "
            f"at most {limit:,} are read){after}"
        ) from None
