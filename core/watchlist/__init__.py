"""The watchlist file: companies, peer groups, FX rates, UI settings, the signal grammar.

Its modules, the public face of the room:

- `edit`: edit the signals and UI settings of a watchlist file the way the app does: keeping
  comments
- `model`: the watchlist file: companies, peer groups, FX rates, UI settings and signals
- `rules`: the `[[signal]]` tables of the watchlist: the Signal type and its strict parsing
"""
