"""Which lines of a TOML text lie inside a multi-line string.

The table editor (core.files.tomledit) places new keys and rows by looking at lines: headers,
`key =` lines and commented examples (`# owner = ""`). A multi-line answer may hold lines that
look exactly like those; this tells them apart, so that nothing is written into a string.
"""

from __future__ import annotations

BASIC, LITERAL = '"""', "'''"


def string_lines(lines: list[str]) -> frozenset[int]:
    """The indices of the lines that begin inside a multi-line basic or literal string."""
    inside: set[int] = set()
    quote = ""  # the multi-line string still open at the end of the previous line
    for number, line in enumerate(lines):
        if quote:
            inside.add(number)
        quote = _scan(line, quote)
    return frozenset(inside)


def _scan(line: str, quote: str) -> str:
    """The multi-line string open at the end of `line`, given the one open at its start."""
    i = 0
    while i < len(line):
        if quote:
            if quote == BASIC and line[i] == "\\":
                i += 2  # an escape: \" does not close the string
            elif line.startswith(quote, i):
                i += 3
                while line.startswith(quote[0], i):  # up to two quotes may end the value
                    i += 1
                quote = ""
            else:
                i += 1
            continue
        ch = line[i]
        if ch == "#":
            break  # a comment runs to the end of the line
        if line.startswith((BASIC, LITERAL), i):
            quote = line[i : i + 3]
            i += 3
        elif ch in "\"'":
            i = _string_end(line, i)
        else:
            i += 1
    return quote


def _string_end(line: str, start: int) -> int:
    quote, i = line[start], start + 1
    while i < len(line) and line[i] != quote:
        i += 2 if quote == '"' and line[i] == "\\" else 1
    return i + 1
