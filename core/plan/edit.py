"""Edit one section of plan.toml the way the app's form does: typed text in, comments kept.

`parse_fields` reads what was typed (`85%`, `12M`, `1,200,000`, or empty for "not set") and
names the field of every mistake; `save_section` writes through `EditableToml`, validating the
edited file exactly as `core.plan.model` loads it, and refuses when the file changed on disk since
the plan was loaded. Nothing is written unless the whole edit is valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.safewrite import WriteConflict
from capexwatch.core.figures import cells
from capexwatch.core.files import tomledit, tomlfile
from capexwatch.core.files.tomledit import EditableToml
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.model import Plan
from capexwatch.core.watchlist.model import OPS


class FieldErrors(CapexwatchError):
    """Typed values that do not read; `fields` maps each field to what is wrong with it."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))


def form_fields(section_id: str) -> tuple[str, ...]:
    """The fields the form shows for a section, in file order."""
    return ("answer", "owner", *(i.key for i in plans.BY_ID[section_id].inputs))


def parse_fields(section_id: str, typed: Mapping[str, str]) -> dict[str, Any]:
    """Typed text to TOML values (None: remove the key). Raises FieldErrors naming the fields."""
    kinds = {i.key: i.kind for i in plans.BY_ID[section_id].inputs}
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for key, raw in typed.items():
        text = raw.strip()
        kind = kinds.get(key, "text")
        if not text:
            out[key] = None
        elif kind == "text":
            out[key] = raw if key in ("answer", "decision") else text
        elif kind == "op":
            if text not in OPS:
                problems[key] = f"must be one of {', '.join(OPS)}"
            out[key] = text
        else:
            try:
                value, percent = cells.number(text)
            except cells.CellError as exc:
                problems[key] = str(exc)
                continue
            if percent and kind not in ("ratio", "number"):
                problems[key] = f"{text!r} is a percentage; this input is not"
            # 12M is written 12000000, not 12000000.0; fractions stay fractions.
            whole = kind != "ratio" and value.is_integer() and abs(value) < 2**53
            out[key] = int(value) if whole else value
    if problems:
        raise FieldErrors(problems)
    return out


ROW_INPUTS: dict[str, tuple[tuple[str, str], ...]] = {
    "market": (("name", "text"), ("investment", "amount"), ("monthly_contribution", "amount")),
    "workload": (("name", "text"), ("rank", "rank"), ("revenue", "text")),
}


def parse_rows(section_id: str, typed: list[Mapping[str, str]]) -> list[dict[str, Any]]:
    """Typed rows ([[payback.market]], [[gpu_priority.workload]]) to values; a row whose name
    is empty is left out (removed). Errors are keyed `row-N-field`, N counted from 0."""
    fields = ROW_INPUTS[plans.ROWS[section_id]]
    out: list[dict[str, Any]] = []
    problems: dict[str, str] = {}
    for index, row in enumerate(typed):
        if not row.get("name", "").strip():
            continue
        values: dict[str, Any] = {}
        for key, kind in fields:
            text = row.get(key, "").strip()
            if not text or kind == "text":
                values[key] = text or None
                continue
            try:
                number, percent = cells.number(text)
            except cells.CellError as exc:
                problems[f"row-{index}-{key}"] = str(exc)
                continue
            if percent or (kind == "rank" and not number.is_integer()):
                problems[f"row-{index}-{key}"] = f"{text!r}: a whole number is needed"
                continue
            values[key] = int(number) if number.is_integer() and abs(number) < 2**53 else number
        out.append(values)
    if problems:
        raise FieldErrors(problems)
    return out


def open_for_edit(plan: Plan) -> EditableToml:
    """plan.toml ready to edit, if it is still exactly what `plan` was loaded from."""
    editable = EditableToml.open(plan.path)
    if tomlfile.parse(plan.path, editable.raw).text != plan.source_text:
        raise WriteConflict(
            f"{plan.path}: changed on disk since it was loaded; not saved "
            "(the app reloads it within a second, or on ctrl+r; then save again)"
        )
    return editable


def apply(editable: EditableToml, section_id: str, values: Mapping[str, Any]) -> None:
    """Set (or remove, for None) each value in the section's table, where a person would."""
    tomledit.set_keys(editable, section_id, values)


def save_section(
    plan: Plan,
    section_id: str,
    typed: Mapping[str, str],
    companies: Any = frozenset(),
    known_metrics: frozenset[str] | set[str] = frozenset(),
    rows: list[Mapping[str, str]] | None = None,
) -> None:
    """Parse, apply and save one section (and its rows, when given) in one write. Raises
    FieldErrors, ConfigError (the edited file would not load; nothing written) or
    WriteConflict/WriteFailed (file unchanged)."""
    values = parse_fields(section_id, typed)
    parsed_rows = parse_rows(section_id, rows) if rows is not None else None
    editable = open_for_edit(plan)
    apply(editable, section_id, values)
    if parsed_rows is not None:
        tomledit.set_rows(editable, section_id, plans.ROWS[section_id], parsed_rows)
    editable.save(lambda parsed: plans.from_document(parsed, companies, known_metrics))
