"""Properties of every loader and of the rewrite path, whatever the bytes.

- each loader (watchlist, plan, CSV, companyfacts) raises only CapexwatchError subclasses;
- load → save → load gives back what was saved;
- a document saved without a change is written back byte-identical.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.files.tomledit import EditableToml
from capexwatch.core.ingest import importer
from capexwatch.core.plan import edit as plan_edit
from capexwatch.core.plan import model as plan
from capexwatch.core.watchlist import edit as watchlist_edit
from capexwatch.core.watchlist import model as watchlist

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
WATCHLIST = watchlist.default_text().encode()
PLAN = plan.default_text().encode()


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` with a few bytes replaced, inserted or deleted: almost-right files."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["replace", "insert", "delete"]))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from(TOML_BITS))
        if how == "delete":
            del data[at : at + len(chunk)]
        elif how == "insert":
            data[at:at] = chunk
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


TOML_BITS = [b"[", b"]", b"=", b'"', b"'''", b"\n", b"[[signal]]\n", b"nan", b"1e999"]
TOML_BITS += [b"\x00", b"\xff", b"\xef\xbb\xbf", b"{", b"}", b",", b"#", b"9" * 30, b"2026-13-45"]
ANY_BYTES = st.binary(max_size=400)


def _write(tmp: pytest.TempPathFactory, name: str, data: bytes) -> Path:
    path = tmp.mktemp("f") / name
    path.write_bytes(data)
    return path


@SETTINGS
@given(ANY_BYTES | mutated(WATCHLIST))
def test_the_watchlist_loader_raises_only_its_own_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory, "watchlist.toml", data)
    try:
        watchlist.load(path)
    except CapexwatchError as exc:
        assert str(exc).startswith(f"{path}:")
    assert path.read_bytes() == data


@SETTINGS
@given(ANY_BYTES | mutated(PLAN))
def test_the_plan_loader_raises_only_its_own_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory, "plan.toml", data)
    try:
        plan.load(path, {"BABA"})
    except CapexwatchError as exc:
        assert str(exc).startswith(f"{path}:")
    assert path.read_bytes() == data


NESTED = st.integers(1, 450).map(lambda depth: b"[ui]\nx = " + b"[" * depth + b"]" * depth)


@SETTINGS
@given(ANY_BYTES | mutated(WATCHLIST) | NESTED)
def test_opening_a_file_for_edit_raises_only_its_own_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory, "watchlist.toml", data)
    with contextlib.suppress(CapexwatchError):
        EditableToml.open(path).save()  # opened, unchanged: written back as it was
    assert path.read_bytes() == data


FIXTURE = Path(__file__).parent.parent / "fixtures" / "CIK0001640147_SNOW_companyfacts.json"
COMPANYFACTS = FIXTURE.read_bytes()[:6000]  # a prefix: mutations then break the JSON too
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


FACT_KEYS = ["start", "end", "val", "fy", "fp", "form", "filed", "accn"]
FACT = st.dictionaries(st.sampled_from(FACT_KEYS), JSONISH, max_size=8)
UNITS = st.dictionaries(st.sampled_from(["USD", "CNY"]), st.lists(FACT, max_size=3))
CONCEPTS = st.dictionaries(
    st.sampled_from(["PaymentsToAcquirePropertyPlantAndEquipment", "Revenues"]),
    st.fixed_dictionaries({"units": UNITS}),
    max_size=2,
)


@st.composite
def companyfacts_like(draw: st.DrawFn) -> bytes:
    """A companyfacts document with odd values in its structure."""
    document = {
        "cik": draw(st.integers(-5, 10**12) | st.text(max_size=5)),
        "entityName": draw(st.text(max_size=10)),
        "facts": draw(st.dictionaries(st.sampled_from(["us-gaap", "ifrs-full", "x"]), CONCEPTS)),
    }
    return json.dumps(document).encode()


IMPORTS = ANY_BYTES | mutated(
    b"company,metric,period,value,unit,source\nBABA,capex,FY2025Q1,1,CNY,x\n"
)
IMPORTS |= mutated(COMPANYFACTS) | companyfacts_like()


@SETTINGS
@given(IMPORTS)
def test_the_importers_raise_only_their_own_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = _write(tmp_path_factory, "figures.csv", data)
    companies = watchlist.load(_write(tmp_path_factory, "w.toml", WATCHLIST))
    with contextlib.suppress(CapexwatchError):
        importer.read_any(path, companies, "test")


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@SETTINGS
@given(title=TEXT.filter(str.strip), note=TEXT, muted=st.booleans())
def test_watchlist_edits_load_back_as_saved(
    tmp_path_factory: pytest.TempPathFactory, title: str, note: str, muted: bool
) -> None:
    path = _write(tmp_path_factory, "watchlist.toml", WATCHLIST)
    loaded = watchlist.load(path)
    editable = watchlist_edit.open_for_edit(loaded)
    fields = {"id": "new-signal", "title": title, "company": "BABA", "metric": "capex", "op": ">",
              "threshold": 1.0, "note": note, "muted": muted or None}  # fmt: skip
    watchlist_edit.add_signal(editable, fields)
    saved = watchlist_edit.save(editable, frozenset())
    again = watchlist.load(path)
    signal = again.signal("new-signal")
    assert signal is not None and saved.signal("new-signal") == signal
    assert (signal.title, signal.note, signal.muted) == (title, note, muted)
    before = path.read_bytes()
    EditableToml.open(path).save()  # unchanged: the same bytes
    assert path.read_bytes() == before


@SETTINGS
@given(answer=TEXT, owner=TEXT)
def test_plan_edits_load_back_as_saved(
    tmp_path_factory: pytest.TempPathFactory, answer: str, owner: str
) -> None:
    path = _write(tmp_path_factory, "plan.toml", PLAN)
    plan_edit.save_section(plan.load(path), "payback", {"answer": answer, "owner": owner})
    entry = plan.load(path).entry("payback")
    # A blank field means "not set"; an answer is kept as typed, a one-line owner trimmed.
    assert entry.answer == (answer if answer.strip() else "")
    assert entry.owner == owner.strip()
    before = path.read_bytes()
    EditableToml.open(path).save()
    assert path.read_bytes() == before


@SETTINGS
@given(
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    comment=TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " ")),
    kind=st.sampled_from(["watchlist", "plan"]),
)
def test_an_unchanged_document_is_written_back_byte_identical(
    tmp_path_factory: pytest.TempPathFactory, newline: str, bom: bool, comment: str, kind: str
) -> None:
    text = (WATCHLIST if kind == "watchlist" else PLAN).decode()
    text = f"# {comment}\n{text}".replace("\n", newline)
    data = ("\ufeff" if bom else "").encode() + text.encode()
    path = _write(tmp_path_factory, f"{kind}.toml", data)
    try:
        (watchlist.load if kind == "watchlist" else plan.load)(path)  # type: ignore[operator]
    except CapexwatchError:
        return  # a comment that is not valid TOML (a control character): never rewritten
    EditableToml.open(path).save()
    assert path.read_bytes() == data


UNSAFE = (
    "".join(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))) + "\u200b\u200d\u202e\u2066\ufeff"
)


@SETTINGS
@given(st.text(st.characters(exclude_categories=["Cs"]) | st.sampled_from(UNSAFE), max_size=60))
def test_clean_shows_every_character_and_obeys_none(text: str) -> None:
    from capexwatch.core.base.text import clean, json_safe

    shown = clean(text)
    assert not any(ch in UNSAFE for ch in shown)
    assert len(shown) == len(text)  # one visible character for each: nothing hidden or dropped
    assert clean(shown) == shown
    encoded = json_safe(json.dumps(text, ensure_ascii=False))
    assert json.loads(encoded) == text and not any(ch in encoded for ch in UNSAFE[0x20:])
