"""Edit a user's TOML file keeping its comments and ordering (tomlkit), and save it safely.

An `EditableToml` remembers the exact bytes it was read from; `save()` renders the edited
document, validates it exactly as the loader would, and writes it only if the file on disk is
unchanged. A document that was not edited is written back byte-identical (BOM included).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.toml_document import TOMLDocument

from core import safewrite, tomlfile
from core.tomlfile import BOM


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
        return cls(path, raw, tomlkit.parse(parsed.text), parsed.had_bom)

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
