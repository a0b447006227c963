"""Edit one card's answer, owner and inputs; saved to plan.toml through `core.plan.edit`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from capexwatch.core.base.text import clean, clean_multiline
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.edit import ROW_INPUTS
from capexwatch.core.plan.model import Entry
from capexwatch.core.watchlist.model import OPS

# `submit(typed, rows)` saves and returns {} or problems by field ("" for the whole form,
# `row-N-field` for a row); `rows` is None for a section without rows.
Submit = Callable[[dict[str, str], list[dict[str, str]] | None], Mapping[str, str]]
BLANK_ROWS = 2  # empty rows to add markets or workloads
_ROW_HINT = {
    "name": "name",
    "investment": "investment, e.g. 3M",
    "monthly_contribution": "per month, e.g. 120K",
    "rank": "rank (1 first)",
    "revenue": "contracted, committed or experimental",
}
_HINT = {
    "ratio": "a fraction or a percentage: 0.85 or 85%",
    "amount": "a number: 12000000, 12M or 12,000,000",
    "months": "months, e.g. 18",
    "number": "a number",
    "op": ">, >=, < or <=",
    "text": "",
}


def _typed(value: float | str | None) -> str:
    """A stored value as the user would type it: 12000000, 0.85, <."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def input_label(key: str, label: str) -> str:
    """A field's label in words, with the plan.toml key when the words do not say it:
    "Threshold", "Gate utilization (gate)"."""
    words = label[:1].upper() + label[1:]
    return words if key.replace("_", " ") == label.casefold() else f"{words} ({key})"


class PlanForm(ModalScreen[bool]):
    """Fields of one plan section; ctrl+s saves, escape cancels; errors show under fields."""

    DEFAULT_CSS = """
    PlanForm { align: center middle; }
    PlanForm > VerticalScroll {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PlanForm .plan-label { color: $text-muted; }
    PlanForm .plan-error { color: $error; height: auto; display: none; }
    PlanForm .plan-error.-shown { display: block; }
    PlanForm #form-error { color: $error; height: auto; }
    PlanForm #form-buttons { height: auto; margin-top: 1; }
    PlanForm .plan-row { height: auto; }
    PlanForm .plan-row Input { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="plan-form.save", tooltip="Validate and save"),
        Binding("escape", "cancel", "Cancel", id="plan-form.cancel", tooltip="Close, no save"),
    ]

    def __init__(
        self,
        section_id: str,
        entry: Entry,
        submit: Submit,
        rows: list[dict[str, str]] | None = None,
        companies: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.companies = dict(companies or {})  # id → name: a company input is a dropdown
        self.section = plans.BY_ID[section_id]
        self.entry = entry
        self.submit = submit
        # What the fields held when the form opened (set on mount): only changes are saved.
        self.opened: tuple[dict[str, str], list[dict[str, str]] | None] = ({}, None)
        # Existing rows as typed text, plus blank ones to add; None: the section has no rows.
        self.rows = None if rows is None else [*rows, *({} for _ in range(BLANK_ROWS))]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(clean(self.section.question), classes="form-heading", markup=False)
            yield from self._field("answer", "Answer", self.entry.answer, "")
            yield from self._field("owner", "Owner (who signs off)", self.entry.owner, "")
            for item in self.section.inputs:
                value = _typed(self.entry.values.get(item.key))
                yield from self._field(
                    item.key, input_label(item.key, item.label), value, item.kind
                )
            if self.rows is not None:
                yield from self._rows(self.rows)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):  # in the order of every other form
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def _field(self, key: str, label: str, value: str, kind: str) -> ComposeResult:
        yield Label(clean(label), classes="plan-label", markup=False)
        yield self._control(key, value, kind)
        yield Static("", id=f"error-{key}", classes="plan-error", markup=False)

    def _control(self, key: str, value: str, kind: str) -> Input | Select[str]:
        """A dropdown where the choices are known (the comparison, a watchlist company), as
        in the signal form; a text field otherwise."""
        if kind == "op":
            chosen = value if value in OPS else Select.NULL
            return Select([(o, o) for o in OPS], value=chosen, id=f"field-{key}", prompt="choose")
        if key == "company" and self.companies:
            options = [(clean(f"{cid} · {name}"), cid) for cid, name in self.companies.items()]
            if value and value not in self.companies:  # kept, so a save does not drop it
                options.append((clean(f"{value} (not in the watchlist)"), value))
            return Select(
                options, value=value or Select.NULL, id=f"field-{key}", prompt="choose a company"
            )
        return Input(
            clean_multiline(value).replace("\n", " "),
            placeholder=_HINT.get(kind, ""),
            id=f"field-{key}",
        )

    def _rows(self, rows: list[dict[str, str]]) -> ComposeResult:
        kind = plans.ROWS[self.section.id]
        fields = [key for key, _ in ROW_INPUTS[kind]]
        yield Label(
            f"{kind.capitalize()}s: {' · '.join(fields)} (empty the name to remove a row)",
            classes="plan-label",
            markup=False,
        )
        for index, row in enumerate(rows):
            with Horizontal(classes="plan-row"):
                for key in fields:
                    yield Input(
                        clean(row.get(key, "")),
                        placeholder=_ROW_HINT.get(key, key),
                        id=f"row-{index}-{key}",
                    )
            yield Static("", id=f"error-row-{index}", classes="plan-error", markup=False)

    def row_values(self) -> list[dict[str, str]] | None:
        """What is typed in every row (None for a section without rows)."""
        if self.rows is None:
            return None
        fields = [key for key, _ in ROW_INPUTS[plans.ROWS[self.section.id]]]
        return [
            {key: self.query_one(f"#row-{index}-{key}", Input).value for key in fields}
            for index in range(len(self.rows))
        ]

    def on_mount(self) -> None:
        self.query_one("#field-answer", Input).focus()
        self.opened = (self.values(), self.row_values())

    def values(self) -> dict[str, str]:
        """What is typed in every field."""
        keys = ("answer", "owner", *(i.key for i in self.section.inputs))
        out = {}
        for key in keys:
            field = self.query_one(f"#field-{key}")
            if isinstance(field, Select):
                out[key] = "" if field.value is Select.NULL else str(field.value)
            else:
                assert isinstance(field, Input)
                out[key] = field.value
        return out

    def action_save(self) -> None:
        # Only what was changed here is saved: a value the form shows on one line (a multi-line
        # answer) is not flattened, and a change made on disk to another key is kept.
        typed, rows = self.values(), self.row_values()
        before, rows_before = self.opened
        changed = {key: value for key, value in typed.items() if value != before.get(key)}
        problems = self.submit(changed, None if rows == rows_before else rows)
        for widget in self.query(".plan-error").results(Static):
            widget.update("")
            widget.remove_class("-shown")
        self.query_one("#form-error", Static).update("")
        if not problems:
            self.dismiss(True)
            return
        for key, message in problems.items():
            key = "-".join(key.split("-")[:2]) if key.startswith("row-") else key
            target = self.query(f"#error-{key}")
            where = target.first(Static) if target else self.query_one("#form-error", Static)
            where.update(clean_multiline(message))
            where.add_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
