"""Add, edit, delete and mute signals from the watchlist panel, through the safe editor.

Each edit opens watchlist.toml afresh (refusing if it changed since the app loaded it), applies
one change, validates the result exactly as the loader would, and only then writes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.widget import Widget

from capexwatch.core.base.errors import CapexwatchError, ConfigError
from capexwatch.core.base.text import clean, clean_multiline
from capexwatch.core.snapshot.picture import Snapshot
from capexwatch.core.snapshot.workspace import known_metrics
from capexwatch.tui.forms import spare
from capexwatch.tui.messages import Saved
from capexwatch.tui.unloaded import refused
from capexwatch.tui.watchlist import rows
from capexwatch.tui.watchlist.fields import MANAGED
from capexwatch.tui.watchlist.table import SignalsTable

# The editor (core.watchlist.edit, with tomlkit) and the forms are imported by the actions that
# use them: importing them with the app cost its first frame ~8 ms.


class SignalEdits(Widget):
    """The panel's edit actions; the panel provides `snapshot` and `table`."""

    snapshot: Snapshot | None

    @property
    def table(self) -> SignalsTable:
        return self.query_one(SignalsTable)

    # Edits: each opens the file afresh, applies one change, validates it as the loader would.
    def _save(self, change: Any, *args: Any) -> dict[str, list[str]]:
        from capexwatch.core.watchlist import edit as watchlist_edit

        assert self.snapshot is not None
        editable, index = None, None
        try:
            editable = watchlist_edit.open_for_edit(self.snapshot.watchlist)
            index = change(editable, *args)
            saved = watchlist_edit.save(editable, known_metrics(self.snapshot.observations))
        except ConfigError as error:
            if editable is not None and index is not None:
                return watchlist_edit.field_problems(editable, index, error)
            return {"": [str(error)]}
        except KeyError as error:  # removed from the file since the app showed it
            return {"": [f"signal {error} is no longer in {self.snapshot.watchlist.path}"]}
        except (CapexwatchError, OSError) as error:
            return {"": [str(error)]}
        # Edit the saved file next, even before the reload has finished.
        self.snapshot = replace(self.snapshot, watchlist=saved)
        return {}

    def _saved(self, fields: dict[str, Any] | None) -> None:
        if fields is not None:
            assert self.snapshot is not None
            self.post_message(Saved(watchlist=self.snapshot.watchlist, select=fields.get("id")))

    def _companies(self) -> dict[str, str]:
        assert self.snapshot is not None
        return {cid: c.name for cid, c in self.snapshot.watchlist.companies.items()}

    def add_form(self) -> Any:
        """The add-signal form (made when `a` is pressed, or ahead: tui.forms.spare)."""
        from capexwatch.core.watchlist import edit as watchlist_edit
        from capexwatch.tui.watchlist.form import SignalForm

        return SignalForm(
            "Add a signal",
            None,
            self._companies(),
            lambda f: self._save(watchlist_edit.add_signal, f),
        )

    def action_add_signal(self) -> None:
        if self.snapshot is None or self._refused("adding a signal"):
            return
        companies = self._companies()
        form = spare.take(self.app, "add", lambda f: f.companies == companies)
        if form is not None:
            form.start()
        self.app.push_screen(form or self.add_form(), self._saved)

    def _refused(self, what: str) -> bool:
        """watchlist.toml does not load: say so, change nothing (tui.unloaded)."""
        return self.snapshot is not None and refused(self.app, self.snapshot.watchlist.path, what)

    def _in_plan(self, what: str) -> bool:
        """The tripwire row lives in plan.toml: say where to change it instead of acting."""
        if not rows.is_tripwire(self.table.selected, self.snapshot):
            return False
        assert self.snapshot is not None and self.snapshot.plan is not None
        self.app.notify(
            clean(
                f"The plan tripwire lives in {self.snapshot.plan.path} ([tripwire]), not in "
                f"watchlist.toml: {what} it on the Pressure test panel (press 3, then enter on "
                "the tripwire card)."
            ),
            title="Not in the watchlist",
            severity="warning",
            markup=False,
        )
        return True

    def action_edit_signal(self) -> None:
        from capexwatch.core.watchlist import edit as watchlist_edit
        from capexwatch.tui.watchlist.form import SignalForm

        selected = self.table.selected
        if selected is None or self.snapshot is None or self._in_plan("edit"):
            return
        if self._refused("the edit"):
            return
        signal = selected.signal

        def submit(fields: dict[str, Any]) -> dict[str, list[str]]:
            # Only the fields changed in the form: a change made meanwhile to another key (by
            # another capexwatch or an editor, picked up by a reload) is kept.
            opened = form.opened
            changed = {k: v for k, v in fields.items() if k not in opened or opened[k] != v}
            # A field hidden by a change of kind (a rule's metric, once it is an event) goes.
            dropped = {k for k in opened if k not in fields}
            managed = [key for key in MANAGED if key in changed or key in dropped]
            return self._save(watchlist_edit.update_signal, signal.id, changed, managed)

        form = SignalForm(f"Edit “{signal.title}”", signal, self._companies(), submit)
        self.app.push_screen(form, self._saved)

    def action_delete_signal(self) -> None:
        from capexwatch.core.watchlist import edit as watchlist_edit
        from capexwatch.tui.widgets.confirm import ConfirmDialog

        selected = self.table.selected
        if selected is None or self.snapshot is None or self._in_plan("remove or change"):
            return
        if self._refused("the delete"):
            return
        signal = selected.signal
        question = (
            f"Delete the signal “{clean(signal.title)}” ({clean(signal.id)}) "
            f"from {self.snapshot.watchlist.path}?\nIts entry and the comments inside it go."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._report(self._save(watchlist_edit.delete_signal, signal.id), None)

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_toggle_mute(self) -> None:
        from capexwatch.core.watchlist import edit as watchlist_edit

        selected = self.table.selected
        if selected is None or self._in_plan("change") or self._refused("the mute"):
            return
        assert self.snapshot is not None
        # As saved last (a second m before the reload finished is an undo, not a second mute).
        saved = self.snapshot.watchlist.signal(selected.signal.id) or selected.signal
        problems = self._save(watchlist_edit.set_muted, saved.id, not saved.muted)
        # The cursor follows the signal as it sinks or rises (the table keeps it by id, never
        # by row: by row, a second m muted the signal that moved up into its place).
        self._report(problems, None)

    def _report(self, problems: dict[str, list[str]], select: str | None) -> None:
        if problems:
            message = "\n".join(m for ms in problems.values() for m in ms)
            self.app.notify(
                clean_multiline(message), title="Not saved", severity="error", markup=False
            )
        else:
            assert self.snapshot is not None
            self.post_message(Saved(watchlist=self.snapshot.watchlist, select=select))
