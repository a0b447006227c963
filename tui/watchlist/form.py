"""The add/edit form for a signal. It validates by asking the loader (through `submit`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from capexwatch.core.base.text import clean, clean_multiline
from capexwatch.core.figures import catalogue
from capexwatch.core.figures.observations import FREQS
from capexwatch.core.watchlist.model import OPS, Signal
from capexwatch.tui.forms.screen import FormScreen
from capexwatch.tui.watchlist.fields import (
    KINDS,
    SHOWN,
    kind_of,
    parse_number,
    plain_message,
    shown,
)

# `submit(fields)` saves, or returns problems by field name ("" for the others).
Submit = Callable[[dict[str, Any]], Mapping[str, list[str]]]


class SignalForm(FormScreen[dict[str, Any]]):
    """Fields of one signal; ctrl+s saves, escape cancels; errors show under their field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Validate and save the signal"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self, heading: str, signal: Signal | None, companies: Mapping[str, str], submit: Submit
    ) -> None:
        super().__init__()
        self.heading = heading
        self.signal = signal
        self.companies = companies
        self.submit = submit
        self.opened: dict[str, Any] = {}

    def _field(self, key: str, label: str, widget: Input | Select[str] | Checkbox) -> ComposeResult:
        if isinstance(widget, Input | Select):
            widget.compact = True  # one line per field: the form fits 80×24
        with Horizontal(classes="field", id=f"field-{key}"):
            yield Label(label, classes="field-label")
            yield widget
        yield Static("", classes="field-error", id=f"error-{key}")

    def compose(self) -> ComposeResult:
        s = self.signal
        kind = kind_of(s)
        metrics = catalogue.known_ids()
        metrics += [f"{m}_yoy" for m in metrics] + [f"{m}_qoq" for m in metrics]
        with VerticalScroll(id="form-body"):
            yield Static(Text(clean(self.heading)), classes="form-heading")
            yield Static("", classes="field-error", id="error-")
            yield from self._field(
                "id",
                "Id",
                Input(clean(s.id) if s else "", id="id", placeholder="short-id-with-dashes"),
            )
            # Every value from the file is cleaned: controls in an id, a title or a note show as
            # pictures (saved so only if that field is edited: an unchanged field is not written).
            yield from self._field("title", "Title", Input(clean(s.title) if s else "", id="title"))
            yield from self._field(
                "kind", "Kind", Select(KINDS, value=kind, allow_blank=False, id="kind")
            )
            company_options = [
                (Text(clean(f"{cid} · {name}")), cid) for cid, name in self.companies.items()
            ]
            company = s.company if s and s.company and s.company in self.companies else Select.NULL
            yield from self._field(
                "company",
                "Company",
                Select(company_options, value=company, id="company", prompt="choose a company"),
            )
            yield from self._field(
                "metric",
                "Metric",
                Input(
                    shown(s.metric if s else None),
                    id="metric",
                    suggester=SuggestFromList(metrics, case_sensitive=False),
                    placeholder="e.g. cloud_revenue_yoy",
                ),
            )
            op = s.op if s and s.op else ">"
            yield from self._field(
                "op", "Compare", Select([(o, o) for o in OPS], value=op, allow_blank=False, id="op")
            )
            yield from self._field(
                "threshold",
                "Threshold",
                Input(
                    shown(s.threshold if s else None),
                    id="threshold",
                    placeholder="0.34, 34% or a metric id",
                ),
            )
            yield from self._field(
                "near",
                "Near band",
                Input(shown(s.near if s else None), id="near", placeholder="optional: 0.02 or 2pp"),
            )
            freq = s.freq if s and s.freq else Select.NULL
            yield from self._field(
                "freq",
                "Frequency",
                Select([(f, f) for f in FREQS], value=freq, id="freq", prompt="latest available"),
            )
            yield from self._field(
                "event",
                "Event kind",
                Input(
                    clean(s.event or "") if s else "",
                    id="event",
                    placeholder="utilization_disclosure",
                ),
            )
            yield from self._field(
                "within_days",
                "Within days",
                Input(shown(s.within_days if s else None), id="within_days", placeholder="days"),
            )
            combined = clean(", ".join((s.all or s.any) if s else ()))
            yield from self._field(
                "signals",
                "Signals",
                Input(combined, id="signals", placeholder="ids, comma-separated"),
            )
            yield from self._field(
                "stale_after_days",
                "Stale after",
                Input(
                    shown(s.stale_after_days if s else 150),
                    id="stale_after_days",
                    placeholder="days",
                ),
            )
            yield from self._field(
                "note", "Note", Input(clean_multiline(s.note) if s else "", id="note")
            )
            yield from self._field(
                "muted",
                "Muted",
                Checkbox("left out of the counts", s.muted if s else False, id="muted"),
            )
            with Horizontal(id="form-buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_kind()
        if not self.built_ahead:
            self.start()
        self.opened = self.values()  # what an edit compares with: only changes are saved

    def start(self) -> None:
        self.query_one("#title" if self.signal else "#id", Input).focus()

    @on(Select.Changed, "#kind")
    def _show_kind(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        for key in ("company", "metric", "op", "threshold", "near", "freq", "event"):
            self.query_one(f"#field-{key}").display = key in SHOWN[kind]
        self.query_one("#field-within_days").display = "within_days" in SHOWN[kind]
        self.query_one("#field-signals").display = "signals" in SHOWN[kind]

    def values(self) -> dict[str, Any]:
        """The fields as the file would hold them (empty fields left out)."""

        def text(key: str) -> str:
            return self.query_one(f"#{key}", Input).value.strip()

        def choice(key: str) -> Any:
            value = self.query_one(f"#{key}", Select).value
            return None if value is Select.NULL else value

        fields: dict[str, Any] = {"id": text("id"), "title": text("title")}
        kind = str(choice("kind"))
        shown = SHOWN[kind]
        if kind in ("all", "any"):
            fields[kind] = [i.strip() for i in text("signals").split(",") if i.strip()]
        for key in ("company", "op", "freq"):
            if key in shown:
                fields[key] = choice(key)
        for key in ("metric", "event"):
            if key in shown:
                fields[key] = text(key)
        for key in ("threshold", "near"):
            if key in shown:
                fields[key] = parse_number(text(key))
        if "within_days" in shown:
            fields["within_days"] = parse_number(text("within_days"), whole=True)
        fields["change"] = "revision" if kind == "revision" else None
        stale = parse_number(text("stale_after_days"), whole=True)
        fields["stale_after_days"] = None if stale == 150 else stale
        fields["note"] = self.query_one("#note", Input).value
        fields["muted"] = True if self.query_one("#muted", Checkbox).value else None
        return fields

    def action_save(self) -> None:
        fields = self.values()
        problems = self._placed(self.submit(fields))
        for error in self.query(".field-error").results(Static):
            messages = problems.get((error.id or "").removeprefix("error-"), [])
            error.update(Text("\n".join(clean(plain_message(m)) for m in messages)))
            error.display = bool(messages)
        if not any(problems.values()):
            self.dismiss(fields)
        elif problems.get(""):
            self.query_one("#form-body").scroll_home(animate=False)
        else:
            # The first field with a problem gets the cursor, even below the fold at 80×24.
            first = next(key for key, messages in problems.items() if messages)
            found = self.query(f"#{first}")
            if found:
                found.first().focus()

    def _placed(self, problems: Mapping[str, list[str]]) -> dict[str, list[str]]:
        """Problems by the field that shows them; those of a hidden field go on top."""
        out: dict[str, list[str]] = {}
        for key, messages in problems.items():
            field = "signals" if key in ("all", "any") else key  # the loader names all/any
            found = self.query(f"#field-{field}") if field else None
            if not found or not found.first().display:
                field = ""
            out.setdefault(field, []).extend(messages)
        return out
