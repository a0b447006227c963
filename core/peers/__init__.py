"""The peer comparison: columns, cells, the table, the sheet the grid draws, playbooks.

Its modules, the public face of the room:

- `cells`: peer-table cells from metric values, as polars expressions over every company at once
- `columns`: the peer table's columns, written once as data: what each shows and which way is
  better
- `playbook`: playbook labels: discipline, all-in or balanced, by rules written once here and shown
  as is
- `sheet`: A peer group's table as text: every cell as the grid shows it, and what the rows sort by
- `table`: the peer table: companies × metrics for a peer group, marked, labelled and sortable
"""
