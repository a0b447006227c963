"""`plan set PATH VALUE`: one input of plan.toml by its dotted path, through the app's editor.

A path is `SECTION.KEY` (`utilization.current`, `tripwire.decision`, `payback.owner`) or a row's
field, the row by index from 0 or by name: `payback.market[SEA].monthly_contribution`,
`gpu_priority.workload[0].rank`. The value is typed as in the app's form (`81%`, `0.81`, `12M`;
empty removes the input). It is written by `core.plan.edit.save_section`, so comments are kept,
the edited file must load, and a file changed on disk since it was read is not overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.text import suggest
from capexwatch.core.plan import edit
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.model import Plan

_PATH = re.compile(r"^(?P<section>\w+)\.(?:(?P<rows>\w+)\[(?P<row>[^\]]*)\]\.)?(?P<key>\w+)$")


@dataclass(frozen=True)
class PlanPath:
    """Where a value goes: a section's key, or a field of one of its rows."""

    section: str
    key: str
    row: str | None = None  # an index ("0") or a row's name; None for the section's own key

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.section}.{self.key}"
        return f"{self.section}.{plans.ROWS[self.section]}[{self.row}].{self.key}"


def typed(value: float | int | str | None) -> str:
    """A stored value as one would type it back (12000000 for 12000000.0; "" for none)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def typed_rows(plan: Plan, section_id: str) -> list[dict[str, str]] | None:
    """The section's rows as typed text (None: the section has no rows)."""
    kind = plans.ROWS.get(section_id)
    if kind is None:
        return None
    source = plan.markets if kind == "market" else plan.workloads
    fields = [key for key, _ in edit.ROW_INPUTS[kind]]
    return [{key: typed(getattr(row, key)) for key in fields} for row in source]


def paths() -> list[str]:
    """Every settable path, rows written with [N] (for help and did-you-mean)."""
    out = [f"{s.id}.{key}" for s in plans.SECTIONS for key in edit.form_fields(s.id)]
    for section, kind in plans.ROWS.items():
        out += [f"{section}.{kind}[N].{key}" for key, _ in edit.ROW_INPUTS[kind]]
    return out


def parse_path(text: str) -> PlanPath:
    """`text` as a PlanPath; raises CapexwatchError naming what was expected."""
    found = _PATH.match(text.strip())
    if found is None:
        raise CapexwatchError(
            f"{text!r}: expected SECTION.KEY or SECTION.ROWS[INDEX or NAME].KEY, such as "
            "utilization.current or payback.market[SEA].monthly_contribution"
        )
    section, rows, row, key = found["section"], found["rows"], found["row"], found["key"]
    if section not in plans.BY_ID:
        raise CapexwatchError(f"unknown section {section!r}{suggest(section, plans.BY_ID)}")
    if rows is None:
        keys = edit.form_fields(section)
        if key not in keys:
            raise CapexwatchError(f"[{section}] has no input {key!r}{suggest(key, keys)}")
        return PlanPath(section, key)
    kind = plans.ROWS.get(section)
    if kind is None or rows != kind:
        where = f"{section}.{kind}[…]" if kind else "no rows"
        raise CapexwatchError(f"[{section}] has {where}, not {rows}[…]")
    fields = [k for k, _ in edit.ROW_INPUTS[kind]]
    if key not in fields:
        raise CapexwatchError(f"a {kind} row has no {key!r}{suggest(key, fields)}")
    return PlanPath(section, key, row.strip())


def _row_index(rows: list[dict[str, str]], path: PlanPath) -> int:
    assert path.row is not None
    if path.row.isdigit():
        index = int(path.row)
        if index < len(rows):
            return index
        raise CapexwatchError(f"{path}: there are {len(rows)} rows (0 to {len(rows) - 1})")
    names = [r["name"] for r in rows]
    if path.row in names:
        return names.index(path.row)
    listed = ", ".join(names) or "none yet"
    raise CapexwatchError(f"{path}: no row named {path.row!r} (rows: {listed})")


def set_value(
    plan: Plan,
    path: PlanPath,
    value: str,
    companies: object = frozenset(),
    known_metrics: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Write `value` at `path` (see module doc). Raises CapexwatchError (a bad path or value,
    a located ConfigError when the edited file would not load, WriteConflict when the file
    changed on disk); nothing is written then."""
    try:
        if path.row is None:
            edit.save_section(plan, path.section, {path.key: value}, companies, known_metrics)
            return
        rows = typed_rows(plan, path.section) or []
        rows[_row_index(rows, path)][path.key] = value
        every: list[Mapping[str, str]] = list(rows)
        edit.save_section(plan, path.section, {}, companies, known_metrics, rows=every)
    except edit.FieldErrors as error:
        # The form's field names; here the user typed a path.
        raise CapexwatchError(
            "; ".join(f"{path}: {message}" for message in error.fields.values())
        ) from None
