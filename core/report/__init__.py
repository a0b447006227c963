"""The review memo (Markdown) and its peer table.

Its modules, the public face of the room:

- `memo`: the review memo: signals and what changed, the peer table, and the pressure-test cards
- `peer_table`: the memo's peer table: one peer group's companies × columns, best and worst marked
"""
