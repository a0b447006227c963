"""Read a user's text file as UTF-8, or say which encoding it looks like instead.

A UTF-8 byte-order mark (Excel's "CSV UTF-8") is accepted; UTF-16 (with or without a mark) and
latin-1/Windows-1252 are named in the error with the line and column of the first bad byte, so
the user knows what to re-save.
"""

from __future__ import annotations

from pathlib import Path

from capexwatch.core.base.errors import DataError


def decode(path: Path, data: bytes) -> str:
    """The text of a UTF-8 file (BOM allowed); DataError naming the encoding it looks like."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            f"{path}:1:1: the file is UTF-16 (it has a UTF-16 byte-order mark); "
            "save it as UTF-8 (CSV UTF-8 in spreadsheet programs)"
        )
    head = data[:2000]
    if head and head.count(0) > len(head) // 4:
        raise DataError(
            f"{path}:1:1: the file looks like UTF-16 (every other byte is zero); save it as UTF-8"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        around = data[max(exc.start - 30, data.rfind(b"\n", 0, exc.start) + 1) : exc.start + 30]
        shown = around.split(b"\n")[0].decode("cp1252", errors="replace").strip()
        raise DataError(
            f"{path}:{line}:{col}: byte 0x{data[exc.start]:02X} is not UTF-8; the file looks "
            f"like latin-1/Windows-1252 (read that way: {shown!r}); save it as UTF-8"
        ) from None
