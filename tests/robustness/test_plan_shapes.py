"""A card's save lands exactly, whatever valid TOML shape plan.toml has, or is refused, located.

The same table can be written in many valid ways: a `[payback]` header (quoted, spaced, tabbed),
an inline table, dotted keys, quoted keys, rows before or after their table, rows as an inline
array, CRLF line ends, a BOM, no newline at the end, a multi-line answer whose lines look like
TOML. Saving the card's owner, answer, inputs and rows must change exactly those values, read
back by the loader, and every other value must stay as it was; the one other outcome allowed is a
refusal naming the file with a line and column, with the file left byte for byte as it was.
Never "saved" with a value silently not applied.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from capexwatch.core.base.errors import ConfigError
from capexwatch.core.plan import edit, setting
from capexwatch.core.plan import model as plans

AROUND = (
    '[utilization]\nthreshold = 0.8\nowner = "VP"\n\n{payback}\n[gpu_priority]\nowner = "Council"\n'
)
ANSWER = '"""\n[payback]\n# owner = "nobody"\nowner = "not me"\n"""'
SHAPES = {
    "header": '[payback]\nowner = "x"\nmax_months = 12\n',
    "header-examples": '[payback]\n# owner = "x"\n# max_months = 18   # months\n',
    "no-examples-empty": "[payback]\n",
    "quoted-header": '["payback"]\nowner = "x"\n# max_months = 18\n',
    "spaced-header": '[ payback ]\t# the third question\n\towner\t=\t"x"   \n  max_months=12\n',
    "quoted-keys": "[payback]\n\"owner\" = 'x'\n'max_months' = 12\n",
    # Keys of the document itself come before its first header.
    "inline": 'payback = { owner = "x", max_months = 12 }\n',
    "inline-answer": f'payback = {{ answer = {ANSWER}, owner = "x" }}\n',
    "dotted-top": 'payback.owner = "x"\npayback.max_months = 12\n',
    "example-no-space": '[payback]\n#owner=""\n#\tmax_months = 18\n',
    "answer-first": f'[payback]\nanswer = {ANSWER}\n# owner = "x"\n',
    "answer-last": f'[payback]\n# owner = "x"\nanswer = {ANSWER}\n',
    "literal-answer": "[payback]\nanswer = '''\n# owner = \"x\"\n[[payback.market]]\n'''\n",
    "rows-first": '[[payback.market]]\nname = "A"\n\n[payback]\nowner = "x"\n',
    "rows-later": '[payback]\nowner = "x"\n',  # and [[payback.market]] at the end: below
    "rows-only": '[[payback.market]]\nname = "A"\ninvestment = 100\n',
    "rows-inline": '[payback]\nowner = "x"\nmarket = [{ name = "A", investment = 100 }]\n',
    "missing": "",
}


TOP = ("inline", "inline-answer", "dotted-top")


def _text(shape: str) -> str:
    if shape in TOP:
        return SHAPES[shape] + "\n" + AROUND.format(payback="")
    text = AROUND.format(payback=SHAPES[shape])
    if shape == "rows-later":
        text += '\n[[payback.market]]\nname = "A"\n'
    return text


def _variants(text: str, variant: str) -> bytes:
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    elif variant == "no-final-newline":
        text = text.rstrip("\n")
    elif variant == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    return text.encode()


VARIANTS = ["lf", "crlf", "no-final-newline", "bom"]
TYPED = {"owner": "CFO", "answer": 'first\n# owner = "no"\n[payback]\nkey = 1', "max_months": "24"}


def _saved_or_refused(path: Path, typed: dict[str, str], rows: list[dict[str, str]] | None) -> bool:
    """True when saved; False when refused, located, with the file unchanged."""
    plan = plans.load(path)
    before = path.read_bytes()
    try:
        edit.save_section(plan, "payback", typed, rows=rows)
    except ConfigError as error:
        assert path.read_bytes() == before
        first = error.problems[0]
        assert first.path == str(path) and first.line >= 1 and first.col >= 1, str(error)
        return False
    return True


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_card_save_lands_exactly_in_every_shape(
    config_dir: Path, shape: str, variant: str
) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "plan.toml"
    path.write_bytes(_variants(_text(shape), variant))
    before = plans.load(path)
    assert _saved_or_refused(path, TYPED, None), "every one of these shapes can be edited"
    after = plans.load(path)
    entry = after.entry("payback")
    assert (entry.owner, entry.answer, after.number("payback", "max_months")) == (
        "CFO",
        TYPED["answer"],
        24,
    )
    # Nothing else changed: the other sections, the rows, the values not typed.
    for section in ("utilization", "gpu_priority"):
        assert after.entry(section) == before.entry(section)
    assert after.markets == before.markets
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (variant == "bom")
    if variant == "crlf":  # the lines the edit added end as the file's do (a string's own: its)
        outside = re.sub(r'"""[\s\S]*?"""', "", path.read_bytes().decode())
        assert re.search(r"(?<!\r)\n", outside) is None, outside
    # Saving the same values again writes the same bytes.
    written = path.read_bytes()
    assert _saved_or_refused(path, TYPED, None)
    assert path.read_bytes() == written


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_rows_land_exactly_in_every_shape(config_dir: Path, shape: str, variant: str) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "plan.toml"
    path.write_bytes(_variants(_text(shape), variant))
    before = plans.load(path)
    rows = [
        {"name": "North", "investment": "3M", "monthly_contribution": "120K"},
        {"name": "South", "investment": "1M", "monthly_contribution": ""},
    ]
    assert _saved_or_refused(path, {"owner": "CFO"}, rows)
    after = plans.load(path)
    assert [(m.name, m.investment, m.monthly_contribution) for m in after.markets] == [
        ("North", 3_000_000, 120_000),
        ("South", 1_000_000, None),
    ]
    assert after.entry("payback").owner == "CFO"
    assert after.entry("payback").answer == before.entry("payback").answer
    # Fewer rows: the surplus goes, the rest stays; then none at all.
    assert _saved_or_refused(path, {}, rows[1:])
    assert [m.name for m in plans.load(path).markets] == ["South"]
    assert _saved_or_refused(path, {}, [])
    again = plans.load(path)
    assert again.markets == ()
    assert again.entry("payback").owner == "CFO"
    for section in ("utilization", "gpu_priority"):
        assert again.entry(section) == before.entry(section)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_plan_set_lands_exactly_in_every_shape(config_dir: Path, shape: str) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "plan.toml"
    path.write_bytes(_variants(_text(shape), "lf"))
    for where, value in (("payback.owner", "CFO"), ("payback.max_months", "30")):
        setting.set_value(plans.load(path), setting.parse_path(where), value)
    if plans.load(path).markets:
        where = "payback.market[0].investment"
        setting.set_value(plans.load(path), setting.parse_path(where), "2M")
    after = plans.load(path)
    assert (after.entry("payback").owner, after.number("payback", "max_months")) == ("CFO", 30)
    assert all(m.investment == 2_000_000 for m in after.markets[:1])
