"""Counts read as words: `1 review`, `2 reviews`, never `1 reviews` or `problem(s)`."""

from __future__ import annotations

from capexwatch.core.base.format import counted


def test_the_noun_agrees_with_the_number() -> None:
    assert counted(1, "review") == "1 review"
    assert counted(2, "peer group") == "2 peer groups"
    assert counted(0, "problem") == "0 problems"
    assert counted(1, "company", "companies") == "1 company"
    assert counted(3, "company", "companies") == "3 companies"
