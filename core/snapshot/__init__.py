"""The workspace, the one build recipe, the picture it produces and the stored view.

Its modules, the public face of the room:

- `picture`: one immutable picture of everything the app and the commands show, computed in one
  place
- `recipe`: the daily review's full picture: signals, the plan's gates and what changed since the
  review
- `stored`: the last computed view, kept so the next start can draw its first frame before reading
  data
- `workspace`: everything a command or the app starts from: the paths, the data and the validated
  watchlist
"""
