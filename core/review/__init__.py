"""The review log and what changed since the last review.

Its modules, the public face of the room:

- `diff`: what changed since the last review: crossings, status transitions, rules, gates and data
- `log`: the review log: what every signal and gate said when the user last marked the review done
"""
