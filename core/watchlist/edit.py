"""Edit the signals and UI settings of a watchlist file the way the app does: keeping comments.

Every edit goes through an `EditableToml` opened with `open_for_edit`, which refuses when the file
on disk is no longer the one the app loaded (a change made outside the app is never clobbered).
`save` validates the edited text exactly as `core.watchlist.model` loads it and only then writes it,
atomically. `field_problems` tells a form which of its fields a validation problem is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.base.safewrite import WriteConflict
from capexwatch.core.files import tomledit, tomlfile
from capexwatch.core.files.tomledit import MISSING, EditableToml, differs
from capexwatch.core.watchlist.model import Watchlist, from_document
from capexwatch.core.watchlist.rules import SIGNAL_KEYS

Fields = Mapping[str, Any]
_NEEDS = re.compile(r"needs '(\w+)'")


def open_for_edit(watchlist: Watchlist) -> EditableToml:
    """The watchlist's file, ready to edit, if it is still exactly what `watchlist` was read from.

    Raises WriteConflict when the file changed on disk (or ConfigError if it no longer parses).
    """
    editable = EditableToml.open(watchlist.path)
    current = tomlfile.parse(watchlist.path, editable.raw).text
    if current != watchlist.text:
        raise WriteConflict(
            f"{watchlist.path}: changed on disk since it was loaded; not saved "
            "(the app reloads it within a second, or on ctrl+r; then save again)"
        )
    return editable


def _entries(editable: EditableToml) -> AoT | Array | None:
    entries = editable.document.get("signal")
    return entries if isinstance(entries, AoT | Array) else None


def signal_index(editable: EditableToml, signal_id: str) -> int:
    """Position of the `[[signal]]` entry with `signal_id`; KeyError when there is none."""
    for index, entry in enumerate(_entries(editable) or ()):
        if isinstance(entry, Mapping) and entry.get("id") == signal_id:
            return index
    raise KeyError(signal_id)


def _clean_fields(fields: Fields) -> dict[str, Any]:
    # Keys in the file's documented order; empty values mean "not set".
    return {
        key: fields[key]
        for key in SIGNAL_KEYS
        if key in fields and fields[key] is not None and fields[key] != ""
    }


def add_signal(editable: EditableToml, fields: Fields) -> int:
    """Append a `[[signal]]` entry with `fields`; returns its index."""
    values = _clean_fields(fields)
    entries = _entries(editable)
    if entries is None:
        entries = tomlkit.aot()
        editable.document.append("signal", entries)
    if isinstance(entries, AoT):
        table = tomlkit.table()
        for key, value in values.items():
            table[key] = value
        if len(entries):
            last = entries[-1]
            # A blank line between entries, as a person would write it.
            if not tomlkit.dumps(last).endswith("\n\n"):
                last.add(tomlkit.nl())
        entries.append(table)
    else:
        inline = tomlkit.inline_table()
        inline.update(values)
        entries.append(inline)
    editable.expect(("signal", len(entries) - 1), values)
    return len(entries) - 1


def update_signal(
    editable: EditableToml,
    signal_id: str,
    fields: Fields,
    managed: Iterable[str] = SIGNAL_KEYS,
) -> int:
    """Set the signal's keys to `fields`; returns its index.

    Keys in `managed` that `fields` leaves empty are removed; other keys are kept as they are
    (a form that does not know a key never drops it). Values that did not change are left
    untouched, with their comments and formatting.
    """
    index = signal_index(editable, signal_id)
    entries = _entries(editable)
    assert entries is not None
    entry = entries[index]
    values = _clean_fields(fields)
    managed = set(managed)
    for key in SIGNAL_KEYS:
        if key not in values and key not in managed:
            continue
        if key not in values:
            if key in entry:
                del entry[key]
        elif key not in entry or differs(entry[key], values[key]):
            entry[key] = values[key]
        editable.expect(("signal", index, key), values.get(key, MISSING))
    return index


def delete_signal(editable: EditableToml, signal_id: str) -> None:
    """Remove the signal's entry (its comments inside the entry go with it)."""
    index = signal_index(editable, signal_id)
    entries = _entries(editable)
    assert entries is not None
    del entries[index]
    editable.expect(("signal", index), MISSING)


def set_muted(editable: EditableToml, signal_id: str, muted: bool) -> None:
    """Mute or unmute a signal (`muted = true`; unmuting removes the key)."""
    entries = _entries(editable)
    assert entries is not None
    index = signal_index(editable, signal_id)
    entry = entries[index]
    if muted:
        entry["muted"] = True
    elif "muted" in entry:
        del entry["muted"]
    editable.expect(("signal", index, "muted"), True if muted else MISSING)


def set_theme(editable: EditableToml, theme: str) -> None:
    """Set `[ui] theme` (the `[ui]` table added if the file has none; `ui = {...}` or
    `ui.theme` kept as written)."""
    tomledit.set_keys(editable, "ui", {"theme": theme})


def validate(editable: EditableToml, known_metrics: set[str] | frozenset[str]) -> Watchlist:
    """The edited document as the loader would see it; raises its located ConfigError."""
    return from_document(tomlfile.parse(editable.path, editable.render()), known_metrics)


def save(editable: EditableToml, known_metrics: set[str] | frozenset[str]) -> Watchlist:
    """Validate like the loader, then write atomically (see EditableToml.save for errors).

    Returns the watchlist as saved, so a further edit can start from it at once.
    """
    saved: list[Watchlist] = []
    editable.save(lambda document: saved.append(from_document(document, known_metrics)))
    return saved[0]


def field_problems(editable: EditableToml, index: int, error: ConfigError) -> dict[str, list[str]]:
    """Group the problems of signal `index` by its key ("" for problems not on one of its keys)."""
    locator = tomlfile.parse(editable.path, editable.render()).locator
    lines: dict[int, str] = {}
    for key in SIGNAL_KEYS:
        path = ("signal", index, key)
        if path in locator.keys:
            lines[locator.keys[path][0]] = key
    out: dict[str, list[str]] = {}
    for problem in error.problems:
        key = lines.get(problem.line, "")
        missing = _NEEDS.search(problem.message)
        if not key and missing:  # a missing key is reported at the entry's header
            key = missing.group(1)
        out.setdefault(key, []).append(problem.message)
    return out
