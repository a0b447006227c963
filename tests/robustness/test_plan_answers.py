"""A Pressure-test card's save never writes into a multi-line answer: lines of the answer that
look like TOML (`[x]`, `# owner = …`, `key = …`) are the answer's, and the owner lands as a key
of the section, read back as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.core.plan import edit
from capexwatch.core.plan import model as plans

ANSWERS = [
    '"""\n[payback]\n# owner = "nobody"\nowner = "not me"\n"""',
    "'''\n# owner = \"x\"\n[[payback.market]]\nmax_months = 3\n'''",
    '"""first line\n  # owner = \\"esc\\"\nkey = 1 \\"\\"\\" still inside\n"""',
]


@pytest.mark.parametrize("answer", ANSWERS)
@pytest.mark.parametrize("place", ["before", "after"])
def test_an_owner_is_never_written_into_a_multiline_answer(
    config_dir: Path, answer: str, place: str
) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "plan.toml"
    text = plans.default_text()
    marker = "[payback]\n"
    assert marker in text
    if place == "before":  # the answer is the table's first key; commented examples follow
        text = text.replace(marker, f"{marker}answer = {answer}\n", 1)
    else:  # the answer is the table's last key
        text = text.replace("# max_months = 18", f"# max_months = 18\nanswer = {answer}", 1)
    path.write_text(text, encoding="utf-8")
    plan = plans.load(path)
    before = plan.entry("payback").answer
    edit.save_section(plan, "payback", {"owner": "CFO", "max_months": "24"})
    again = plans.load(path)
    assert again.entry("payback").owner == "CFO"
    assert again.entry("payback").answer == before  # every line of the answer kept
    assert again.number("payback", "max_months") == 24
