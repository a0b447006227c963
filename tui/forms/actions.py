"""What the data-entry forms start from: the record form is preset to what the user is looking
at (the selected signal's company and metric on the watchlist, the selected company and
column's metric on the peers panel). Plain functions: the App opens the forms."""

from __future__ import annotations

from capexwatch.core.figures import catalogue

EVENT = "event:"  # a panel's preset metric for an event signal: `event:<kind>`


def recordable(metric_id: str | None) -> str | None:
    """The metric one records to move `metric_id`: itself when reported, the stem of a change
    (capex for capex_yoy), none for a formula (capex / revenue has two inputs to choose from)."""
    metric = catalogue.lookup(metric_id) if metric_id else None
    if metric is None:
        return metric_id
    if metric.change:
        return recordable(metric.change[0])
    return None if metric.formula else metric_id


def preset(company: str | None, metric: str | None) -> tuple[str | None, str | None, str | None]:
    """(company, metric, event kind) for the record form, from a panel's selection."""
    if metric and metric.startswith(EVENT):
        return company, None, metric.removeprefix(EVENT)
    return company, recordable(metric), None
