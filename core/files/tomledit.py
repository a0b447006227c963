"""Edit a user's TOML file keeping its comments and ordering (tomlkit), and save it safely.

An `EditableToml` remembers the exact bytes it was read from; `save()` renders the edited
document, validates it exactly as the loader would, and writes it only if the file on disk is
unchanged. A document that was not edited is written back byte-identical (BOM included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from capexwatch.core.base import safewrite
from capexwatch.core.base.errors import ConfigError
from capexwatch.core.files import tomlfile
from capexwatch.core.files.tomlfile import BOM
from capexwatch.core.files.tomllines import string_lines


@dataclass
class EditableToml:
    path: Path
    raw: bytes
    document: TOMLDocument
    had_bom: bool

    @classmethod
    def open(cls, path: Path) -> EditableToml:
        """Read `path`; a file that does not parse raises a located ConfigError."""
        parsed, raw = tomlfile.read(path)
        try:
            document = tomlkit.parse(parsed.text)
        except (ParseError, RecursionError) as exc:
            # tomlkit is stricter than tomli in places (it nests at most 100 levels deep).
            line, col = getattr(exc, "line", 1), getattr(exc, "col", 1)
            message = f"cannot edit this file: {exc}"
            raise ConfigError.at(path, line, col, message) from None
        return cls(path, raw, document, parsed.had_bom)

    def render(self) -> bytes:
        """The document as bytes, exactly as it would be saved."""
        text = tomlkit.dumps(self.document)
        return ((BOM if self.had_bom else "") + text).encode("utf-8")

    def save(self, validate: Callable[[tomlfile.TomlDocument], object] | None = None) -> None:
        """Validate the edited text like the loader would, then write it atomically.

        Raises ConfigError if the edit makes the file invalid (nothing written), WriteConflict if
        the file changed on disk since it was read, WriteFailed if the system refuses.
        """
        data = self.render()
        parsed = tomlfile.parse(self.path, data)
        if validate is not None:
            validate(parsed)
        safewrite.write_atomic(self.path, data, expected=self.raw)
        self.raw = data


_HEADER_LINE = re.compile(r"^\s*\[")


def _header(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]\s*(#.*)?$")


def _commented(key: str) -> re.Pattern[str]:
    # `# threshold = 0.85   # what it means`: the commented example of a key, and its comment.
    return re.compile(rf"^(\s*)#\s?{re.escape(key)}\s*=\s*.*?(\s+#\s.*)?$")


def _key_line(line: str) -> bool:
    return bool(re.match(r"^\s*[A-Za-z0-9_\-\"']+\s*=", line))


def set_keys(editable: EditableToml, table: str, values: Mapping[str, Any]) -> None:
    """Set, add or (for None) remove keys of the top-level `[table]`, where a person would.

    A key already set is changed in place (its comment kept). A new key replaces its commented
    example (`# key = ...`) when the table has one, keeping the example's trailing comment;
    otherwise it goes after the table's last key, before any sub-table. A missing table is
    added at the end.
    """
    document = editable.document
    current = document.get(table)
    existing = current if isinstance(current, Table) else None
    added: dict[str, Any] = {}
    for key, value in values.items():
        if existing is not None and key in existing:
            if value is None:
                del existing[key]
            elif existing[key] != value:
                existing[key] = value
        elif value is not None:
            added[key] = value
    if not added:
        return
    text = tomlkit.dumps(document)
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if text.endswith("\r\n") or "\r\n" in text else "\n"
    strings = string_lines(lines)  # never look for TOML inside a multi-line answer
    start = next(
        (i for i, line in enumerate(lines) if i not in strings and _header(table).match(line)),
        None,
    )
    if start is None:
        tail = "" if not lines or lines[-1].endswith("\n") else newline
        block = [f"{tail}{newline}[{table}]{newline}"]
        block += [f"{k} = {tomlkit.item(v).as_string()}{newline}" for k, v in added.items()]
        lines += block
    else:
        end = next(
            (
                i
                for i in range(start + 1, len(lines))
                if i not in strings and _HEADER_LINE.match(lines[i])
            ),
            len(lines),
        )
        for key, value in added.items():
            literal = tomlkit.item(value).as_string()
            example = next(
                (
                    i
                    for i in range(start + 1, end)
                    if i not in strings and _commented(key).match(lines[i].rstrip("\r\n"))
                ),
                None,
            )
            if example is not None:
                match = _commented(key).match(lines[example].rstrip("\r\n"))
                assert match is not None
                comment = match.group(2) or ""
                lines[example] = f"{match.group(1)}{key} = {literal}{comment}{newline}"
                continue
            last_key = max(
                (i for i in range(start + 1, end) if i not in strings and _key_line(lines[i])),
                default=start,
            )
            # After the last key's value: a multi-line one continues on the lines below it.
            after = last_key + 1
            while after < end and after in strings:
                after += 1
            lines.insert(after, f"{key} = {literal}{newline}")
            strings = string_lines(lines)
            end += 1
    editable.document = tomlkit.parse("".join(lines))


def _row_text(table: str, key: str, row: Mapping[str, Any], newline: str) -> str:
    body = "".join(
        f"{k} = {tomlkit.item(v).as_string()}{newline}" for k, v in row.items() if v is not None
    )
    return f"{newline}[[{table}.{key}]]{newline}{body}"


def set_rows(
    editable: EditableToml, table: str, key: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Make the array of tables `[[table.key]]` hold `rows`, matched to the existing ones by
    position: those are changed in place (a None value removes its key), surplus ones are
    removed, and new ones are added after the table's last entry, before the comments that
    introduce the next table (comments are never removed with a row). A missing `[table]`
    is added at the end."""
    document = editable.document
    parent = document.get(table)
    if parent is None:
        parent = tomlkit.table()
        document.add(table, parent)
    if not isinstance(parent, Table):
        raise KeyError(table)
    found = parent.get(key)
    entries = list(found) if isinstance(found, AoT) else []
    for entry, row in zip(entries, rows, strict=False):
        for name, value in row.items():
            if value is None:
                if name in entry:
                    del entry[name]
            elif entry.get(name) != value:
                entry[name] = value
    if len(entries) == len(rows):
        return
    text = tomlkit.dumps(document)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    row_header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\.{re.escape(key)}\s*\]\]")
    strings = string_lines(lines)
    headers = [i for i, line in enumerate(lines) if i not in strings and row_header.match(line)]
    for index in reversed(headers[len(rows) :]):
        end = _block_end(lines, index, lambda line: _HEADER_LINE.match(line) is not None)
        begin = index - 1 if index > 0 and not lines[index - 1].strip() else index
        del lines[begin:end]
    added = rows[len(entries) :]
    if added:
        strings = string_lines(lines)
        start = next(
            i for i, line in enumerate(lines) if i not in strings and _header(table).match(line)
        )
        end = _block_end(
            lines,
            start,
            lambda line: _HEADER_LINE.match(line) is not None and not _inside(line, table),
        )
        lines.insert(end, "".join(_row_text(table, key, row, newline) for row in added))
    editable.document = tomlkit.parse("".join(lines))


def _block_end(lines: list[str], start: int, ends: Callable[[str], bool]) -> int:
    """Where the block starting at `start` ends: before the next line that `ends` it, less the
    comments introducing that next block and the blank lines before them (lines inside a
    multi-line string are the value's, never a header or a comment)."""
    strings = string_lines(lines)
    end = next(
        (i for i in range(start + 1, len(lines)) if i not in strings and ends(lines[i])),
        len(lines),
    )
    if end < len(lines):
        while (
            end > start + 1 and end - 1 not in strings and lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
    while end > start + 1 and end - 1 not in strings and not lines[end - 1].strip():
        end -= 1
    return end


def _inside(header_line: str, table: str) -> bool:
    # `[table.x]` and `[[table.x]]` belong to `[table]`; `[other]` starts the next table.
    name = header_line.strip().lstrip("[").split("]")[0].strip()
    return name.startswith(f"{table}.")
