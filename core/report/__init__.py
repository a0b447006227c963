"""The review memo (Markdown) and its peer table.

Its modules, the public face of the room:

- `memo`: the review memo: signals and what changed, the peer table, and the pressure-test cards
- `peer_table`: the memo's peer table: the app's peer sheet in Markdown, each figure with its
  marks, period and numbered source, and the FX rates that converted its amounts
- `sources`: the memo's numbered sources, shared by every section
"""
