"""Base helpers every room may use; imports nothing else of capexwatch.

Its modules, the public face of the room:

- `clock`: today's date and now, in one place so tests and benchmarks can pin them
- `deferred`: A value read on first use, standing in for it meanwhile (a stored snapshot's
  observations)
- `encoding`: read a user's text file as UTF-8, or say which encoding it looks like instead
- `errors`: one error type for every mistake in a user's file, located by path, line and column
- `format`: how numbers read on screen and in reports, in one place so table, chart and memo agree
- `frames`: small polars helpers shared by the metric engine and the signals
- `lazy_polars`: polars, imported on its first use rather than when a module that mentions it is
  imported
- `locations`: where capexwatch keeps its files: one place, each directory overridable for tests
  and users
- `markdown`: markdown that data cannot break: escaped inline text and pipe tables (GitHub flavour)
- `safewrite`: write a user's file so that nothing is ever lost
- `text`: make text from outside safe to show: no control sequence from data ever reaches a
  terminal
"""
