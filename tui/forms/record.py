"""Record a figure or an event by hand, in the app: the same checks as `data add` / `event add`.

`RecordForm(locations, companies, company=None, metric=None)` is a self-contained modal: it
validates through `ingest.record`, writes through `figures.store` / `figures.events`
(atomically), and dismisses with a one-line description of what it recorded (None when
cancelled). The app reloads when the data files change, so the affected signals move on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from capexwatch.core.base import clock
from capexwatch.core.base import format as fmt
from capexwatch.core.base.errors import CapexwatchError
from capexwatch.core.base.locations import Locations
from capexwatch.core.base.text import clean
from capexwatch.core.figures import catalogue, events, store
from capexwatch.core.figures.observations import KINDS
from capexwatch.core.ingest import quarter, record
from capexwatch.core.ingest.checks import Known, currency_warning
from capexwatch.core.watchlist.model import Company
from capexwatch.tui.forms.quarter import Hints, QuarterFields
from capexwatch.tui.forms.screen import FormScreen

WHAT = (("a figure", "figure"), ("a quarter's figures", "quarter"), ("an event", "event"))
# The quarter mode shows these of the figure's fields, then a line per metric (tui.forms.quarter).
QUARTER_FIELDS = ("period", "kind", "published")
FIGURE_FIELDS = (
    "metric",
    "period",
    "value",
    "unit",
    "kind",
    "published",
    "period_start",
    "period_end",
)
EVENT_FIELDS = ("event_kind", "text", "date")
# (id, label, placeholder) in the form's order; what, company and kind are choices.
FIELDS = (
    ("what", "Record", ""),
    ("company", "Company", ""),
    ("metric", "Metric", "e.g. capex, cloud_revenue_yoy"),
    ("period", "Period", "FY2026Q3, FY2026, FY2026H1"),
    ("value", "Value", "39.8B, -21.8B, 34%"),
    ("event_kind", "Event", "utilization_disclosure"),
    ("text", "What", "what was said or disclosed"),
    ("date", "Date", "YYYY-MM-DD"),
    # Right after the figure (or the event): what is typed every time comes first, so the day's
    # figure is company, metric, period, value, source; the optional fields follow.
    ("source", "Source", "release, call, page"),
    ("unit", "Unit", "optional: the company's currency, ratio for %"),
    ("kind", "Kind", ""),
    ("published", "Published", "YYYY-MM-DD"),
    ("period_start", "Starts", "optional: from the period"),
    ("period_end", "Ends", "optional: from the period"),
    ("note", "Note", "optional"),
)
# capexwatch.core.ingest.record names event problems by its own words; the form's fields have ids.
_EVENT_FIELD = {"kind": "event_kind", "text": "text", "date": "date", "company": "company"}


class RecordForm(FormScreen[str]):
    """One figure or one event; ctrl+s records, escape cancels; problems show under fields."""

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm #record-body {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RecordForm .record-heading { text-style: bold; margin-bottom: 1; }
    RecordForm .record-field { height: auto; }
    RecordForm .record-label { width: 13; padding: 0 1 0 0; text-align: right; }
    RecordForm .record-field Input, RecordForm .record-field Select { width: 1fr; }
    RecordForm .record-error { display: none; color: $error; padding-left: 13; }
    RecordForm #record-error- { padding-left: 0; }
    RecordForm #record-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    RecordForm #record-buttons Button { margin-left: 2; }
    """

    SAVE_BUTTON, CANCEL_BUTTON = "record-save", "record-cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Record", id="record.save", tooltip="Check and record it"),
        Binding("escape", "cancel", "Cancel", id="record.cancel", tooltip="Close, record nothing"),
    ]

    def __init__(
        self,
        locations: Locations,
        companies: Mapping[str, Company],
        company: str | None = None,
        metric: str | None = None,
        event: str | None = None,
        hints: Hints | None = None,
    ) -> None:
        """`event`: start on recording an event of this kind (from an event signal); `hints`:
        a company's metrics with their last values, for the quarter mode (none: no such mode)."""
        super().__init__()
        self.hints = hints
        self.locations = locations
        self.companies = dict(companies)
        self.company = company if company in self.companies else None
        self.metric = metric
        self.event = event

    def _field(self, key: str, label: str, widget: Input | Select[str]) -> ComposeResult:
        widget.compact = True  # one line per field: the form fits 80×24
        with Horizontal(classes="record-field", id=f"record-field-{key}"):
            yield Label(label, classes="record-label")
            yield widget
        yield Static("", classes="record-error", id=f"record-error-{key}")

    def compose(self) -> ComposeResult:
        companies = [(Text(clean(f"{c.id} · {c.name}")), c.id) for c in self.companies.values()]
        today = clock.today().isoformat()
        initial = {
            "metric": clean(self.metric or ""),  # ids from the data: any text
            "event_kind": clean(self.event or ""),
            "published": today,
            "date": today,
        }
        suggest = {
            "metric": SuggestFromList(catalogue.known_ids(), case_sensitive=False),
            "event_kind": SuggestFromList(record.EVENT_KINDS, case_sensitive=False),
        }
        choices: dict[str, Select[str]] = {
            "what": Select(
                [w for w in WHAT if self.hints or w[1] != "quarter"],
                value="event" if self.event else "figure",
                allow_blank=False,
                id="what",
            ),
            "company": Select(companies, value=self.company or Select.NULL, id="company"),
            "kind": Select([(k, k) for k in KINDS], value="actual", allow_blank=False, id="kind"),
        }
        with VerticalScroll(id="record-body"):
            yield Static(Text("Record by hand"), classes="record-heading")
            yield Static("", classes="record-error", id="record-error-")
            for key, label, placeholder in FIELDS:
                widget = choices.get(key) or Input(
                    initial.get(key, ""),
                    id=key,
                    placeholder=placeholder,
                    suggester=suggest.get(key),
                )
                yield from self._field(key, label, widget)
            if self.hints is not None:
                yield QuarterFields(self.hints)
            with Horizontal(id="record-buttons"):
                yield Button("Cancel (esc)", id="record-cancel")
                yield Button("Record (ctrl+s)", id="record-save", variant="primary")

    async def on_mount(self) -> None:
        await self._show_what()
        if not self.built_ahead:
            self.start()

    def start(self) -> None:
        # Start where the typing starts: the period when company and metric are preset.
        first = "#company" if not self.company else "#period" if self.metric else "#metric"
        if self.event and self.company:
            first = "#text"
        self.query_one(first).focus()

    def preset(self, company: str | None, metric: str | None, event: str | None) -> None:
        """A form built ahead (tui.forms.spare), before it is pushed: the fields as a form
        made for this selection (and today) starts with them."""
        self.company = company if company in self.companies else None
        self.metric, self.event = metric, event
        today = clock.today().isoformat()
        initial = {"metric": metric, "event_kind": event, "published": today, "date": today}
        for key, value in initial.items():
            self.query_one(f"#{key}", Input).value = clean(value or "")
        self.query_one("#company", Select).value = self.company or Select.NULL
        what = "event" if event else "figure"
        self.query_one("#what", Select).value = what
        self._show_fields(what)  # in this frame: the Select says it changed a message later

    @on(Select.Changed, "#what")
    async def _show_what(self) -> None:
        what = self.query_one("#what", Select).value
        self._show_fields(what)
        for fields in self.query(QuarterFields):
            fields.display = what == "quarter"
            if what == "quarter":
                await fields.show(self._choice("company"))

    def _show_fields(self, what: object) -> None:
        """The fields of a figure, a quarter's figures or an event."""
        for key in (*FIGURE_FIELDS, "note"):
            shown = what == "figure" or (what == "quarter" and key in QUARTER_FIELDS)
            self.query_one(f"#record-field-{key}").display = shown
        for key in EVENT_FIELDS:
            self.query_one(f"#record-field-{key}").display = what == "event"

    @on(Select.Changed, "#company")
    async def _company_changed(self) -> None:
        if self._choice("what") == "quarter":
            await self.query_one(QuarterFields).show(self._choice("company"))

    def _text(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value

    def _choice(self, key: str) -> str:
        value = self.query_one(f"#{key}", Select).value
        return "" if value is Select.NULL else str(value)

    def _show_problems(self, problems: dict[str, list[str]]) -> None:
        shown = {(e.id or "").removeprefix("record-error-") for e in self.query(".record-error")}
        for key in [k for k in problems if k not in shown]:  # e.g. freq: no field of its own
            problems.setdefault("", []).extend(f"{key}: {m}" for m in problems.pop(key))
        for error in self.query(".record-error").results(Static):
            key = (error.id or "").removeprefix("record-error-")
            messages = problems.get(key, [])
            error.update(Text("\n".join(clean(m) for m in messages)))
            error.display = bool(messages)

    def _record_quarter(self) -> str:
        fields: dict[str, str | None] = {k: self._text(k) for k in QUARTER_FIELDS if k != "kind"}
        fields |= {
            "company": self._choice("company"),
            "kind": self._choice("kind"),
            "source": self._text("source"),
        }
        values = self.query_one(QuarterFields).values()
        if not values:
            raise CapexwatchError("column value: fill at least one metric's figure")
        mine = store.read(self.locations.imported).get_column("metric").unique().to_list()
        try:
            rows = quarter.figures(Known(self.companies, frozenset(mine)), values, fields)
        except quarter.QuarterError as error:
            self.query_one(QuarterFields).show_problems(error.by_metric)
            raise CapexwatchError("\n".join(error.shared) or "see the figures below") from None
        added = quarter.add_figures(self.locations.imported, rows)
        again = f", {len(rows) - added} already recorded" if added < len(rows) else ""
        listed = ", ".join(
            f"{r['metric']} {fmt.value_with_unit(r['value'], r['unit'])}" for r in rows
        )
        return f"recorded {rows[0]['company']} {rows[0]['period']} in one write{again}: {listed}"

    def _record(self) -> str:
        if self._choice("what") == "quarter":
            return self._record_quarter()
        if self._choice("what") == "event":
            recorded = events.load(self.locations.events).get_column("kind").unique()
            event = record.event(
                self.companies,
                self._choice("company"),
                self._text("event_kind"),
                self._text("text"),
                self._text("source"),
                self._text("date"),
                kinds=[k for k in recorded.to_list() if k],
            )
            added = events.add(self.locations.events, event)
            what = f"{event['company']} {event['kind']} on {event['date']}"
        else:
            fields = {k: self._text(k) for k in (*FIGURE_FIELDS, "source", "note") if k != "kind"}
            fields |= {"company": self._choice("company"), "kind": self._choice("kind")}
            # The user's own metrics, recorded before, are known like the catalogue's.
            mine = store.metric_ids(self.locations.imported)
            row = record.figure(Known(self.companies, mine), fields)
            added = record.add_figure(self.locations.imported, row)
            value = fmt.value_with_unit(row["value"], row["unit"])
            warning = currency_warning(row, self.companies)
            what = f"{row['company']} {row['metric']} {row['period']} = {value}" + (
                f" (note: {warning})" if warning else ""
            )
        return f"recorded {what}" if added else f"already recorded: {what}"

    def action_save(self) -> None:
        try:
            done = self._record()
        except CapexwatchError as error:
            self._show_problems(problems_by_field(str(error)))
            return
        self.dismiss(done)


def problems_by_field(message: str) -> dict[str, list[str]]:
    """`column value: …` / `kind: …` lines of an ingest.record error, keyed by field id."""
    out: dict[str, list[str]] = {}
    for line in message.splitlines():
        head, sep, rest = line.partition(": ")
        if head.startswith("column "):
            key = head.removeprefix("column ")
        elif sep and (head in _EVENT_FIELD or head == "source"):
            key = _EVENT_FIELD.get(head, head)
        else:
            key, rest = "", line
        out.setdefault(key, []).append(rest)
    return out
