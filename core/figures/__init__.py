"""Figures: observations, events, the metric catalogue, periods, derived metrics and FX.

Its modules, the public face of the room:

- `catalogue`: the metric catalogue: every metric id the app knows, its label, unit and how it is
  derived
- `cells`: read one typed-in cell: numbers as people write them, dates, and the small vocabularies
- `events`: events: dated, sourced qualitative facts (a GPU-utilization disclosure, capacity
  commentary)
- `fx`: convert amounts between currencies with the watchlist's FX table, and say when we did
- `metrics`: turn observations into metric values: pick the current figure, then derive what is
  missing
- `observations`: observations: one long polars table of sourced figures, and how duplicates and
  conflicts read
- `periods`: fiscal period labels and their calendar dates, by a company's fiscal-year-end month
- `store`: the user's own observations (Parquet in the data directory): add, list and remove by
  source
"""
