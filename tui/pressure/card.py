"""One pressure-test card: the question, the user's answer and owner, the inputs and the gate."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from capexwatch.core.base import format as fmt
from capexwatch.core.base.text import clean, clean_multiline
from capexwatch.core.figures import catalogue
from capexwatch.core.plan import model as plans
from capexwatch.core.plan.model import Plan
from capexwatch.core.plan.verdict import SYMBOL, Gate
from capexwatch.core.report.memo import show_input
from capexwatch.core.review.gate_history import GatePoint
from capexwatch.tui.pressure.history_line import history_line
from capexwatch.tui.widgets import status

# Gate statuses borrow the signal colours of the theme: fail reads like triggered, open like
# no data. The word and the symbol are always there, so colour is never the only cue.
_COLOUR = {"pass": "ok", "fail": "triggered", "open": "no_data"}


class GateCard(Static, can_focus=True):
    """A card for one section of the plan; `enter` (handled by the panel) edits it."""

    DEFAULT_CSS = """
    GateCard {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        border: round $panel-lighten-2;
        border-title-color: $foreground;
        border-subtitle-color: $text-muted;
    }
    GateCard.-pass { border: round $signal-ok; }
    GateCard.-fail { border: round $signal-triggered; }
    GateCard.-open { border: round $signal-no-data; }
    GateCard:focus { background: $boost; border-title-style: bold reverse; }
    """

    def __init__(self, section_id: str) -> None:
        super().__init__(id=f"card-{section_id}", classes="gate-card")
        self.section_id = section_id

    def show(
        self, gate: Gate, plan: Plan | None, reviewed: str, history: tuple[GatePoint, ...] = ()
    ) -> None:
        """Draw `gate` with the plan's answer and inputs; `reviewed` is the last review's date;
        `history` the deciding input at past reviews (core.review.gate_history)."""
        for name in ("pass", "fail", "open"):
            self.set_class(gate.status == name, f"-{name}")
        section = plans.BY_ID[self.section_id]
        entry = plan.entry(self.section_id) if plan else plans.Entry()
        self.border_title = (
            f"{section.number}. {section.title}"
            if section.number
            else f"Stage gate · {section.title}"
        )
        self.border_subtitle = f"last review {reviewed}"
        out = Text(end="")
        out.append(gate.label, style=status.style(self.app, _COLOUR[gate.status], bold=True))
        out.append(f"  {section.question}\n", style="bold")
        out.append("Answer     ", style="dim")
        out.append(clean_multiline(entry.answer.strip()) or "—  (enter to write it)")
        out.append("\nOwner      ", style="dim")
        out.append(clean(entry.owner.strip()) or "—")
        if section.inputs:
            out.append("\nInputs     ", style="dim")
            shown = [
                f"{item.key} {_input(self.section_id, item.key, item.kind, entry)}"
                if item.key in entry.values
                else f"{item.key} —"
                for item in section.inputs
            ]
            out.append(clean(" · ".join(shown)))
        for row in _rows(self.section_id, plan, gate):
            out.append("\n           " + row)
        out.append("\nGate       ", style="dim")
        out.append(clean(gate.detail))
        if gate.break_even:
            out.append("\nBreak-even ", style="dim")
            out.append(clean(gate.break_even))
        past = history_line(gate, plan, history)
        if past:
            out.append("\nHistory    ", style="dim")
            out.append(past)
        self.update(out)


def _input(section_id: str, key: str, kind: str, entry: plans.Entry) -> str:
    """An input as typed, read like the gate reads it: the tripwire's threshold in its
    metric's unit (0.25 of a ratio is 25.0%, as the Gate line says)."""
    value = entry.values[key]
    metric = entry.values.get("metric")
    if section_id == "tripwire" and key == "threshold" and isinstance(metric, str):
        known = catalogue.lookup(metric)
        if known is not None and not isinstance(value, str):
            return fmt.value(value, known.unit if known.unit in ("ratio", "pp") else None)
    return show_input(kind, value)


def _rows(section_id: str, plan: Plan | None, gate: Gate) -> list[str]:
    """Markets and workloads, one line each (edited in plan.toml by hand)."""
    if section_id == "payback":
        return [
            f"{SYMBOL[m.status]} {m.status.upper()} {clean(m.name)}: {clean(m.detail)}"
            for m in gate.markets
        ]
    if section_id == "gpu_priority" and plan is not None:
        return [
            f"{w.rank if w.rank is not None else '?'}. {clean(w.name)} ({w.revenue or '?'})"
            for w in sorted(plan.workloads, key=lambda w: (w.rank or 10**9, w.name))
        ]
    return []
