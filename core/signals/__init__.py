"""Signals evaluated: statuses, event and revision kinds, crossings, provenance.

Its modules, the public face of the room:

- `crossings`: threshold crossings of a signal, with hysteresis so a value on the line does not
  flap
- `evaluate`: evaluate signals against metric values: triggered, near, ok or no_data, plus a stale
  flag
- `kinds`: event and revision signals: what was disclosed lately, and what revised an earlier
  figure
- `provenance`: where a figure comes from: the reported figures behind a derived one, the events
  behind an event signal, and the publications behind a revision
"""
