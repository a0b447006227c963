"""Pressure-test panel: the five questions and the stage gates as cards, editable in place."""

from __future__ import annotations

import re
from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from capexwatch.core.base.errors import CapexwatchError, ConfigError
from capexwatch.core.plan import model as plans
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import known_metrics
from capexwatch.tui import commands
from capexwatch.tui.messages import Saved
from capexwatch.tui.pressure.card import GateCard
from capexwatch.tui.review.commands import PRESSURE as PANEL_ID  # registers the panel's commands
from capexwatch.tui.unloaded import refused

# The plan editor (core.plan.edit, with tomlkit) and the form are imported where they are used:
# importing them with the app cost its first frame ~7 ms.


def field_problems(section_id: str, error: ConfigError) -> dict[str, str]:
    """The loader's problems by form field ("" for those about no single field)."""
    from capexwatch.core.plan.edit import form_fields

    out: dict[str, str] = {}
    for problem in error.problems:
        found = re.search(rf"'{section_id}\.(\w+)'", problem.message)
        key = found.group(1) if found and found.group(1) in form_fields(section_id) else ""
        out[key] = (out[key] + "\n" if key in out else "") + problem.message
    return out


class PressurePanel(VerticalScroll):
    """The pressure-test questions and the operator gates."""

    HELP = (
        "Pressure test: each card is one question of your plan (plan.toml, beside "
        "watchlist.toml) and the gate computed from its inputs: ✔ PASS, ✘ FAIL, or ○ OPEN "
        "while inputs are missing. 'Flips' is the break-even: the value of the deciding input "
        "at which the verdict changes. Enter or e edits the selected card (ctrl+s saves, "
        "keeping the file's comments), including the payback markets and the GPU workloads; "
        "the app also picks up edits made to plan.toml in another editor."
    )
    BINDINGS = commands.bindings(PANEL_ID)
    DEFAULT_CSS = """
    PressurePanel { height: 1fr; padding: 0 1; }
    PressurePanel #pressure-summary { height: auto; margin: 0 0 1 0; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id=PANEL_ID, can_focus=False)
        self.snapshot: Snapshot | None = None
        self.revealed = False

    def compose(self) -> ComposeResult:
        # The cards come with `reveal()`, when the panel is first shown: mounting and drawing
        # them for a hidden tab cost the app's first frame ~25 ms.
        yield Static("", id="pressure-summary", markup=False)

    def reveal(self) -> None:
        """Mount the cards, drawn from the last snapshot (the app calls this as the panel is
        shown, before the frame is drawn, so no frame shows the panel without them)."""
        if self.revealed:
            return
        self.revealed = True
        self.mount_all(GateCard(section.id) for section in plans.SECTIONS)
        if self.snapshot is not None:
            self.show(self.snapshot)

    def show(self, snapshot: Snapshot) -> None:
        """Draw `snapshot` (called by the app after every refresh)."""
        self.snapshot = snapshot
        summary = self.query_one("#pressure-summary", Static)
        if not snapshot.gates:
            summary.update("No plan loaded: plan.toml is created beside watchlist.toml.")
            return
        review = snapshot.review
        reviewed = f"{review.since:%Y-%m-%d}" if review and review.since else "never"
        counts = snapshot.gate_counts()
        summary.update(
            f"✘ {counts['fail']} fail  ○ {counts['open']} open  ✔ {counts['pass']} pass"
            f"  ·  last review {reviewed}  ·  enter edits the selected card"
        )
        if not self.revealed:
            return
        for gate in snapshot.gates:
            history = snapshot.gate_history.get(gate.id, ())
            self.query_one(f"#card-{gate.id}", GateCard).show(
                gate, snapshot.plan, reviewed, history
            )

    def _cards(self) -> list[GateCard]:
        self.reveal()
        return list(self.query(GateCard))

    def _move(self, step: int) -> None:
        cards = self._cards()
        focused = self.screen.focused
        index = cards.index(focused) if isinstance(focused, GateCard) else -1
        target = cards[max(0, min(len(cards) - 1, index + step))]
        target.focus()
        target.scroll_visible()

    def action_next_card(self) -> None:
        self._move(1)

    def action_previous_card(self) -> None:
        self._move(-1)

    def action_edit_card(self) -> None:
        """Open the form for the selected card (the first one when none is selected)."""
        from capexwatch.core.plan import edit as plan_edit
        from capexwatch.tui.pressure.form import PlanForm

        snapshot = self.snapshot
        if snapshot is None or snapshot.plan is None:
            self.app.notify("No plan loaded yet.", severity="warning")
            return
        if refused(self.app, snapshot.plan.path, "the edit"):
            return
        focused = self.screen.focused
        card = focused if isinstance(focused, GateCard) else self._cards()[0]
        plan = snapshot.plan
        section_id = card.section_id

        def submit(typed: dict[str, str], rows: list[dict[str, str]] | None) -> Mapping[str, str]:
            # The plan as last loaded: after a reload (a change on disk) the same form saves.
            now = self.snapshot if self.snapshot and self.snapshot.plan else snapshot
            assert now.plan is not None
            try:
                plan_edit.save_section(
                    now.plan,
                    section_id,
                    typed,
                    now.watchlist.companies,
                    known_metrics(now.observations),
                    rows=list(rows) if rows is not None else None,
                )
            except plan_edit.FieldErrors as error:
                return error.fields
            except ConfigError as error:
                return field_problems(section_id, error)
            except CapexwatchError as error:
                return {"": f"Not saved (your edit is still here): {error}"}
            return {}

        def saved(done: bool | None) -> None:
            if done:
                self.post_message(Saved("plan.toml saved", title="Pressure test"))

        from capexwatch.core.plan.setting import typed_rows

        companies = {cid: c.name for cid, c in snapshot.watchlist.companies.items()}
        form = PlanForm(
            section_id, plan.entry(section_id), submit, typed_rows(plan, section_id), companies
        )
        self.app.push_screen(form, saved)
