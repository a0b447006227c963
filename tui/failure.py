"""Which of the user's files an error is about, and how to say so (the app and the launch).

No Textual here: `capexwatch` explains a file that stops the app from opening with it too.
"""

from __future__ import annotations

from pathlib import Path

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.locations import Locations


def failed_file(error: BaseException, where: Locations) -> Path | None:
    """The file `error` is about: a located problem's path, an OS error's file name, or the
    first of the workspace's files that the message names (None: no file is named)."""
    if isinstance(error, ConfigError) and error.problems:
        return Path(error.problems[0].path)
    if isinstance(error, OSError) and error.filename:
        return Path(str(error.filename))
    message = str(error)
    for path in (where.watchlist, where.plan, where.imported, where.events, where.review_log):
        if str(path) in message:
            return path
    return None


def banner_title(error: BaseException, where: Locations) -> str:
    """The error banner's first line during a reload: which file did not load."""
    path = failed_file(error, where)
    if path is None:
        return "The files did not load"
    return f"{path.name} did not load: fix it and save, the app picks the change up"


def launch_advice(error: BaseException, where: Locations) -> str:
    """The line after the located problems when the app cannot open: which file, how to fix."""
    path = failed_file(error, where)
    what = f"{path.name} ({path})" if path is not None else "a file"
    if path is None or path.suffix == ".toml":
        fix = (
            "Fix the line(s) above in a text editor and start again; `capexwatch check` lists "
            "the problems without opening the app."
        )
    else:  # data capexwatch wrote: not for a text editor
        fix = "Restore it from a backup, or move it aside and import the data again."
    return f"capexwatch did not open: {what} does not load. {fix} The file was left as it was."
