"""The table editor works on tomlkit's document model: keys and rows are placed by the model, a
multi-line string is one value, and an edit that does not read back as asked is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from tomlkit.container import Container

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.files import tomledit
from capexwatch.core.files.tomledit import MISSING, EditableToml


def _edit(tmp_path: Path, text: str, **values: object) -> str:
    path = tmp_path / "f.toml"
    path.write_bytes(text.encode())
    editable = EditableToml.open(path)
    tomledit.set_keys(editable, "t", values)
    editable.save()
    return path.read_bytes().decode()


def test_the_private_tomlkit_method_the_editor_uses_exists() -> None:
    assert callable(getattr(Container, tomledit.INSERT_AT))


def test_a_commented_example_is_filled_in_keeping_its_comment(tmp_path: Path) -> None:
    text = '[t]\n# a = 1   # what a is\n#b=""\n\n# [[t.row]]\n# c = 2\n'
    out = _edit(tmp_path, text, a=5, b="x", c=3)
    assert out == '[t]\na = 5   # what a is\nb = "x"\nc = 3\n\n# [[t.row]]\n# c = 2\n'


def test_a_key_set_twice_in_the_answer_is_the_answers(tmp_path: Path) -> None:
    # Lines inside a multi-line string that look like a header, a key or an example are text.
    text = '[t]\nanswer = """\n[t]\n# owner = ""\nowner = "no"\n"""\n# x = 1\n'
    out = _edit(tmp_path, text, owner="CFO")
    assert (
        out == '[t]\nanswer = """\n[t]\n# owner = ""\nowner = "no"\n"""\nowner = "CFO"\n# x = 1\n'
    )


def test_a_multiline_answer_stays_multiline_and_a_comment_stays(tmp_path: Path) -> None:
    text = '[t]\nanswer = """\none\n"""  # mine\nn = 1 # kept\n'
    out = _edit(tmp_path, text, answer="two\nlines", n=2)
    assert out == '[t]\nanswer = """two\nlines"""  # mine\nn = 2 # kept\n'


def test_crlf_and_a_missing_final_newline(tmp_path: Path) -> None:
    assert _edit(tmp_path, "[t]\r\na = 1", b=2) == "[t]\r\na = 1\r\nb = 2\r\n"
    assert _edit(tmp_path, "x = 1", a=1) == "x = 1\n\n[t]\na = 1\n"
    assert _edit(tmp_path, "[t]", a=1) == "[t]\na = 1\n"


def test_inline_dotted_and_quoted_tables(tmp_path: Path) -> None:
    assert _edit(tmp_path, "t = { a = 1 }\n", a=2, b=3) == "t = { a = 2, b = 3}\n"
    assert _edit(tmp_path, "t.a = 1\n", b=3) == "t.a = 1\nt.b = 3\n"
    assert _edit(tmp_path, "[\"t\"]\n'a' = 1\n", a=2) == "[\"t\"]\n'a' = 2\n"


def test_removing_keys_and_nothing_to_remove(tmp_path: Path) -> None:
    assert _edit(tmp_path, "[t]\na = 1 # c\nb = 2\n", a=None) == "[t]\nb = 2\n"
    assert _edit(tmp_path, "x = 1\n", a=None) == "x = 1\n"


def test_an_edit_that_does_not_read_back_is_refused_located(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"[t]\na = 1\n")
    editable = EditableToml.open(path)
    editable.expect(("t", "a"), 2)  # asked for, but the document was not changed
    with pytest.raises(ConfigError) as caught:
        editable.save()
    assert str(caught.value).startswith(f"{path}:2:1: 't.a' would read 1 instead of 2")
    editable.expect(("t", "a"), 1)
    editable.expect(("t", "b"), MISSING)
    editable.save()
    assert path.read_bytes() == b"[t]\na = 1\n"


def test_anything_else_changed_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"[t]\na = 1\n[u]\nb = 1\n")
    editable = EditableToml.open(path)
    tomledit.set_keys(editable, "t", {"a": 2})
    editable.document["u"]["b"] = 5  # a stray change the edit did not ask for
    with pytest.raises(ConfigError, match=r":4:1: 'u.b' would read 5 instead of 1"):
        editable.save()
    assert path.read_bytes() == b"[t]\na = 1\n[u]\nb = 1\n"


def test_rows_keep_the_comments_that_follow_them(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    text = '[t]\na = 1\n# [[t.row]]\n# n = "x"\n\n# next\n[u]\nb = 1\n'
    path.write_bytes(text.encode())
    editable = EditableToml.open(path)
    tomledit.set_rows(editable, "t", "row", [{"n": "A"}, {"n": "B", "v": 2}])
    editable.save()
    added = (
        '[t]\na = 1\n# [[t.row]]\n# n = "x"\n\n[[t.row]]\nn = "A"\n\n[[t.row]]\nn = "B"\nv = 2\n'
    )
    assert path.read_text() == added + "\n# next\n[u]\nb = 1\n"
    tomledit.set_rows(editable, "t", "row", [{"n": "A", "v": 1}])
    editable.save()
    assert path.read_text() == text.replace("a = 1\n", "a = 1\n", 1).replace(
        '# n = "x"\n\n', '# n = "x"\n\n[[t.row]]\nn = "A"\nv = 1\n\n', 1
    )
    tomledit.set_rows(editable, "t", "row", [])
    editable.save()
    assert path.read_text() == text


def test_rows_of_an_inline_array(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b'[t]\nrow = [{ n = "A", v = 1 }, { n = "B" }]\n')
    editable = EditableToml.open(path)
    tomledit.set_rows(editable, "t", "row", [{"n": "A", "v": None}])
    editable.save()
    assert (
        path.read_text() == '[t]\nrow = [{ n = "A"  }]\n'
    )  # tomlkit keeps the removed pair's spaces
    tomledit.set_rows(editable, "t", "row", [])
    editable.save()
    assert path.read_text() == "[t]\nrow = []\n"


def test_a_table_that_is_not_one_is_refused_located(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"x = 1\nt = 5\n")
    editable = EditableToml.open(path)
    with pytest.raises(ConfigError, match=r":2:1: 't' cannot be edited"):
        tomledit.set_keys(editable, "t", {"a": 1})
    with pytest.raises(ConfigError, match=r":2:1: 't.row' cannot be edited"):
        tomledit.set_rows(editable, "t", "row", [{"n": "A"}])


def test_true_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"[t]\na = 1\n")
    editable = EditableToml.open(path)
    editable.expect(("t", "a"), True)  # `1 == True` in Python: the read-back tells them apart
    with pytest.raises(ConfigError, match=r"'t\.a' would read 1 instead of True"):
        editable.save()
