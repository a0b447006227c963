"""Edit a user's TOML file through its document model (tomlkit), and save it safely.

An `EditableToml` remembers the exact bytes it was read from; `save()` renders the edited
document, validates it exactly as the loader would, and writes it only if the file on disk is
unchanged. A document that was not edited is written back byte-identical (BOM included).

`set_keys` and `set_rows` edit a table's keys and its rows on the document, never on lines of
text: a multi-line string is one value whatever its lines look like, and a table may be written
with a header, inline (`t = {k = 1}`), with dotted keys (`t.k = 1`) or split around its rows.
Each records what the file must read once saved (`expect`); `save()` reads the rendered text back
and refuses, located, when any value differs from what was asked or anything else changed, so a
shape the editor cannot handle is refused, never saved with a value silently not applied.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container, OutOfOrderTableProxy
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import (
    AoT,
    Array,
    Comment,
    InlineTable,
    Item,
    Null,
    String,
    StringType,
    Table,
    Whitespace,
)
from tomlkit.toml_document import TOMLDocument

from capexwatch.core.base import safewrite
from capexwatch.core.base.errors import ConfigError
from capexwatch.core.files import tomlfile
from capexwatch.core.files.tomlfile import BOM, KeyPath

MISSING: Any = object()  # `expect(path, MISSING)`: the key must be absent once saved
# tomlkit has no public way to insert a key at a position in a table; this one private method
# (tomlkit's own `append` uses it) places a key where a person would. tests check it exists.
INSERT_AT = "_insert_at"


@dataclass
class EditableToml:
    path: Path
    raw: bytes
    document: TOMLDocument
    had_bom: bool
    data: dict[str, Any] = field(default_factory=dict, repr=False)  # as read (or last saved)
    expected: dict[str, Any] | None = field(default=None, repr=False)  # what the edits ask for
    edited: list[KeyPath] = field(default_factory=list, repr=False)  # the paths they set

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
        return cls(path, raw, document, parsed.had_bom, parsed.data)

    @property
    def newline(self) -> str:
        """The file's line end, for the lines an edit adds."""
        return "\r\n" if b"\r\n" in self.raw else "\n"

    def expect(self, path: KeyPath, value: Any) -> None:
        """Once saved, the value at `path` must read `value` (MISSING: no such key, or no such
        row for an index). An index one past a list's end is a row added at its end."""
        if self.expected is None:
            self.expected = dict(self.data)  # copied only along the paths edited: cheap
        self.edited.append(path)
        node: Any = self.expected
        for depth, part in enumerate(path[:-1]):
            child = _at(node, (part,))
            if child is MISSING and value is MISSING:
                return
            if isinstance(child, dict | list):
                child = type(child)(child)
            elif child is MISSING and not isinstance(node, list):
                child = [] if isinstance(path[depth + 1], int) else {}
            else:
                return  # not a table: the read-back reports the difference
            node[part] = child
            node = child
        last = path[-1]
        if isinstance(node, dict):
            if value is MISSING:
                node.pop(last, None)
            else:
                node[last] = copy.deepcopy(value)
        elif isinstance(node, list) and isinstance(last, int) and last <= len(node):
            if value is MISSING and last < len(node):
                del node[last]
            elif value is not MISSING:
                node[last : last + 1] = [copy.deepcopy(value)]

    def render(self) -> bytes:
        """The document as bytes, exactly as it would be saved."""
        text = tomlkit.dumps(self.document)
        return ((BOM if self.had_bom else "") + text).encode("utf-8")

    def save(self, validate: Callable[[tomlfile.TomlDocument], object] | None = None) -> None:
        """Check the edit read back, validate it like the loader would, then write it atomically.

        Raises ConfigError if the edited text does not read back as asked or makes the file
        invalid (nothing written), WriteConflict if the file changed on disk since it was read,
        WriteFailed if the system refuses.
        """
        data = self.render()
        parsed = tomlfile.parse(self.path, data)
        if self.expected is not None:
            _check_read_back(parsed, self.expected, self.edited)
        if validate is not None:
            validate(parsed)
        safewrite.write_atomic(self.path, data, expected=self.raw)
        self.raw, self.data, self.expected, self.edited = data, parsed.data, None, []


def differs(old: Any, new: Any) -> bool:
    """Whether a stored value must be rewritten (`true == 1` in Python, not in TOML)."""
    return old != new or isinstance(old, bool) != isinstance(new, bool)


def _first_difference(got: Any, want: Any, path: KeyPath = ()) -> KeyPath | None:
    if isinstance(got, dict) and isinstance(want, dict):
        for key in [*want, *(k for k in got if k not in want)]:
            found = _first_difference(got.get(key, MISSING), want.get(key, MISSING), (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for index, (a, b) in enumerate(zip(got, want, strict=True)):
            found = _first_difference(a, b, (*path, index))
            if found is not None:
                return found
        return None
    return None if got is not MISSING and not differs(got, want) else path


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        in_table = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if not (in_table or in_list):
            return MISSING
        data = data[part]
    return data


def _shown(value: Any) -> str:
    if value is MISSING:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_read_back(
    parsed: tomlfile.TomlDocument, expected: dict[str, Any], edited: list[KeyPath]
) -> None:
    """Raise a located ConfigError unless `parsed` reads exactly `expected`."""
    # `==` runs at C speed (a large watchlist); as `true == 1` for it, the values edited are
    # compared again by type. The walk names the first difference.
    if parsed.data == expected and not any(
        differs(_at(parsed.data, path), _at(expected, path)) for path in edited
    ):
        return
    where = _first_difference(parsed.data, expected)
    if where is None:
        return
    line, col = parsed.locator.key(where)
    name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where)[1:]
    got, want = _shown(_at(parsed.data, where)), _shown(_at(expected, where))
    raise ConfigError.at(
        parsed.path,
        line,
        col,
        f"'{name}' would read {got} instead of {want}: this file's layout cannot be edited "
        "here, so nothing was saved (edit the file by hand)",
    )


def _refused(editable: EditableToml, path: KeyPath, exc: Exception) -> ConfigError:
    line, col = tomlfile.Locator(editable.raw.decode("utf-8", "replace")).key(path)
    name = ".".join(str(p) for p in path)
    return ConfigError.at(
        editable.path,
        line,
        col,
        f"'{name}' cannot be edited in this file's layout ({exc}); nothing was saved "
        "(edit the file by hand)",
    )


def _commented(key: str) -> re.Pattern[str]:
    # `# threshold = 0.85   # what it means`: the commented example of a key, and its comment.
    return re.compile(rf"^#\s*{re.escape(key)}\s*=\s*.*?(?:(\s+)(#\s.*))?$")


_COMMENTED_HEADER = re.compile(r"^#\s*\[")


def _example(body: list[tuple[Any, Item]], key: str) -> int | None:
    """The index of the table's commented example of `key`, before any commented header."""
    pattern = _commented(key)
    for index, (name, item) in enumerate(body):
        if name is not None or not isinstance(item, Comment):
            continue
        text = item.trivia.comment.rstrip("\r\n")
        if _COMMENTED_HEADER.match(text):
            return None  # what follows is the example of a row or of another table
        if pattern.match(text):
            return index
    return None


def _line_ended(container: Container, newline: str) -> None:
    """Make the last line of `container` (or of its last table) end, so a line can follow."""
    items = [item for _, item in container.body if not isinstance(item, Null)]
    if not items:
        return
    last = items[-1]
    if isinstance(last, AoT) and len(last):
        last = last[-1]
    if isinstance(last, Table | AoT):
        if isinstance(last, Table) and not last.is_super_table() and not last.value.body:
            if "\n" not in last.trivia.trail:
                last.trivia.trail += newline
        elif isinstance(last, Table):
            _line_ended(last.value, newline)
        return
    if isinstance(last, Whitespace):
        return
    if "\n" not in last.trivia.trail:
        last.trivia.trail += newline


def _value_like(old: Any, value: Any) -> Any:
    # A multi-line answer stays a multi-line string when its new text has several lines.
    if (
        isinstance(old, String)
        and old.type in (StringType.MLB, StringType.MLL)
        and isinstance(value, str)
        and "\n" in value
        and "\r" not in value
    ):
        return tomlkit.string(value, multiline=True)
    return value


def _set(table: Any, key: str, value: Any, newline: str, examples: bool) -> None:
    """Set, add or (None) remove one key of a table, an inline table or a split table."""
    if value is None:
        if key in table:
            del table[key]
        return
    if key in table:
        if differs(table[key], value):
            old = table.value.item(key) if isinstance(table, Table | InlineTable) else None
            table[key] = _value_like(old, value)
        return
    item = tomlkit.item(value)
    if isinstance(table, InlineTable):
        table[key] = item  # inside the braces: no line of its own
        return
    item.trivia.trail = newline
    if not isinstance(table, Table) or table.is_super_table():
        table[key] = item  # dotted keys or a table split around its rows: tomlkit places it
        return
    body = table.value.body
    example = _example(body, key) if examples else None
    if example is not None:
        comment = body[example][1]
        found = _commented(key).match(comment.trivia.comment.rstrip("\r\n"))
        assert found is not None
        item.trivia.indent = comment.trivia.indent
        if found.group(2):
            item.trivia.comment_ws, item.trivia.comment = found.group(1), found.group(2)
        item.trivia.trail = comment.trivia.trail or newline
        getattr(table.value, INSERT_AT)(example, key, item)
        body[example + 1] = (None, Null())  # the example, replaced by its key
        return
    # After the table's last key (its value may span lines), before its sub-tables and rows.
    keys = [i for i, (k, v) in enumerate(body) if k is not None and not isinstance(v, Table | AoT)]
    at = keys[-1] + 1 if keys else 0
    if at and "\n" not in body[at - 1][1].trivia.trail:
        body[at - 1][1].trivia.trail += newline
    if not at and "\n" not in table.trivia.trail:
        table.trivia.trail += newline
    if at < len(body):
        getattr(table.value, INSERT_AT)(at, key, item)
    else:
        table.append(key, item)


def _new_table(document: TOMLDocument, name: str, newline: str) -> Table:
    """A `[name]` table added at the end of the document, after a blank line."""
    _line_ended(document, newline)
    table = tomlkit.table()
    table.trivia.indent = newline if document.body else ""
    table.trivia.trail = newline
    document.append(name, table)
    return table


def set_keys(editable: EditableToml, table: str, values: Mapping[str, Any]) -> None:
    """Set, add or (for None) remove keys of the top-level `table`, where a person would.

    A key already set is changed in place (its comment kept). A new key replaces its commented
    example (`# key = ...`) when the table has one, keeping the example's trailing comment;
    otherwise it goes after the table's last key, before any sub-table. A missing table is
    added at the end. Raises a located ConfigError for a layout tomlkit cannot edit.
    """
    document = editable.document
    for key, value in values.items():
        editable.expect((table, key), MISSING if value is None else value)
    try:
        current = document.get(table)
        if current is None:
            if all(value is None for value in values.values()):
                return
            current = _new_table(document, table, editable.newline)
        if not isinstance(current, Table | InlineTable | OutOfOrderTableProxy):
            raise TOMLKitError(f"{table} is not a table")
        for key, value in values.items():
            _set(current, key, value, editable.newline, examples=True)
    except (TOMLKitError, KeyError, ValueError, TypeError) as exc:
        raise _refused(editable, (table,), exc) from None


def _tail(container: Container) -> list[tuple[Any, Item]]:
    """Take the comments ending `container` (they introduce what follows it) and the blank
    lines before them off its end."""
    body = container.body
    end = len(body)
    while end and body[end - 1][0] is None and isinstance(body[end - 1][1], Comment | Null):
        end -= 1
    while end and body[end - 1][0] is None and isinstance(body[end - 1][1], Whitespace | Null):
        end -= 1
    taken = body[end:]
    del body[end:]  # keyless items at the end: no key's position moves
    return taken


def _drop_blank_line(body: list[tuple[Any, Item]], index: int | None = None) -> None:
    """Remove one blank line from the whitespace at `index` (default: the last item that is not
    a removed one), the blank line before a removed row's header."""
    if index is None:
        index = len(body) - 1
        while index >= 0 and isinstance(body[index][1], Null):
            index -= 1
    if index < 0 or body[index][0] is not None or not isinstance(body[index][1], Whitespace):
        return
    text = body[index][1].as_string()
    if "\n" not in text:
        return
    cut = text.rfind("\n", 0, len(text) - 1) + 1 if text.count("\n") > 1 else 0
    body[index] = (None, Whitespace(text[:cut]) if cut else Null())


def _row_table(row: Mapping[str, Any], newline: str) -> Table:
    table = tomlkit.table()
    table.trivia.trail = newline
    for name, value in row.items():
        if value is not None:
            item = tomlkit.item(value)
            item.trivia.trail = newline
            table.append(name, item)
    return table


def _followed(document: TOMLDocument, table: Table) -> bool:
    """Whether a header comes after `table` in the document."""
    body = document.body
    index = next((i for i, (_, item) in enumerate(body) if item is table), None)
    return index is not None and any(isinstance(v, Table | AoT) for _, v in body[index + 1 :])


def _add_aot(
    document: TOMLDocument, parent: Table, key: str, rows: list[Table], newline: str
) -> None:
    """Rows of a table that had none: after its keys and commented examples, before the
    comments that introduce the next table."""
    body = parent.value.body
    tail = _tail(parent.value) if _followed(document, parent) else []
    if not tail:  # only blank lines at the end: they stay after the rows
        end = len(body)
        while end and body[end - 1][0] is None and isinstance(body[end - 1][1], Whitespace):
            end -= 1
        tail = body[end:]
        del body[end:]
    _line_ended(parent.value, newline)
    if not body and "\n" not in parent.trivia.trail:
        parent.trivia.trail += newline
    rows[0].trivia.indent = newline
    aot = tomlkit.aot()
    for row in rows:
        aot.append(row)
    parent.append(key, aot)
    body.extend(tail)


def _aot_rows(
    document: TOMLDocument,
    parent: Any,
    key: str,
    found: AoT | None,
    rows: Sequence[Mapping[str, Any]],
    newline: str,
) -> None:
    entries = list(found) if found is not None else []
    for entry, row in zip(entries, rows, strict=False):
        for name, value in row.items():
            _set(entry, name, value, newline, examples=False)
    if len(entries) == len(rows):
        return
    if found is None:
        if isinstance(parent, Table) and not parent.is_super_table():
            _add_aot(document, parent, key, [_row_table(row, newline) for row in rows], newline)
        else:  # an inline or dotted table takes its rows inline: `t.key = [{...}]`
            array = tomlkit.array()
            _array_rows(array, rows, newline)
            if not isinstance(parent, InlineTable):
                array.trivia.trail = newline
            parent[key] = array
        return
    # The comments after the last row introduce what follows the rows: they stay last.
    tail = _tail(found[-1].value)
    while len(found) > len(rows):
        removed = found[-1]
        del found[-1]
        if len(found) and "\n" not in removed.trivia.indent:
            _drop_blank_line(found[-1].value.body)
    if not len(found):
        _remove_rows(parent, key, found, tail)
        return
    for row in rows[len(found) :]:
        _line_ended(found[-1].value, newline)
        found[-1].value.body.append((None, Whitespace(newline)))
        found.append(_row_table(row, newline))
    found[-1].value.body.extend(tail)


def _remove_rows(parent: Any, key: str, found: AoT, tail: list[tuple[Any, Item]]) -> None:
    """Remove the emptied array of tables; its closing comments stay where its rows were."""
    if not isinstance(parent, Table):
        del parent[key]
        return
    body = parent.value.body
    index = next(i for i, (_, item) in enumerate(body) if item is found)
    last = all(isinstance(v, Null | Whitespace | Comment) for _, v in body[index + 1 :])
    parent.remove(key)
    if index:
        _drop_blank_line(body, index - 1)  # the blank line before the first row's header
    if last:
        body.extend(tail)


def _array_rows(found: Array, rows: Sequence[Mapping[str, Any]], newline: str) -> None:
    """Rows written as an inline array of inline tables."""
    for entry, row in zip(list(found), rows, strict=False):
        for name, value in row.items():
            _set(entry, name, value, newline, examples=False)
    while len(found) > len(rows):
        del found[len(found) - 1]
    for row in rows[len(found) :]:
        inline = tomlkit.inline_table()
        inline.update({k: v for k, v in row.items() if v is not None})
        found.append(inline)


def set_rows(
    editable: EditableToml, table: str, key: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Make the rows `table.key` (`[[table.key]]`, or an inline array) hold `rows`, matched to
    the existing ones by position: those are changed in place (a None value removes its key),
    surplus ones are removed, and new ones are added after the last. New rows of a table that
    had none go after its commented examples, before the comments that introduce the next
    table; comments are never removed with a row. A missing `[table]` is added at the end.
    Raises a located ConfigError for a layout tomlkit cannot edit."""
    document = editable.document
    before = _at(editable.data, (table, key))
    old = before if isinstance(before, list) else []
    expected = [
        {
            **{
                n: v
                for n, v in (old[i] if i < len(old) else {}).items()
                if row.get(n, 0) is not None
            },
            **{n: v for n, v in row.items() if v is not None},
        }
        for i, row in enumerate(rows)
    ]
    try:
        parent = document.get(table)
        if parent is None:
            if not rows:
                return
            parent = _new_table(document, table, editable.newline)
        if not isinstance(parent, Table | InlineTable | OutOfOrderTableProxy):
            raise TOMLKitError(f"{table} is not a table")
        found = parent.get(key)
        if found is None or isinstance(found, AoT):
            keep_empty = False
            _aot_rows(document, parent, key, found, rows, editable.newline)
        elif isinstance(found, Array):
            keep_empty = True
            _array_rows(found, rows, editable.newline)
        else:
            raise TOMLKitError(f"{table}.{key} is not a list of rows")
    except (TOMLKitError, KeyError, ValueError, TypeError, StopIteration) as exc:
        raise _refused(editable, (table, key), exc) from None
    editable.expect((table, key), expected if rows or keep_empty else MISSING)
