"""The user's plan (plan.toml), its editor, the operator gates and the tripwire.

Its modules, the public face of the room:

- `deciding`: each gate's deciding input, the number whose value against the break-even flips it
- `edit`: edit one section of plan.toml the way the app's form does: typed text in, comments kept
- `gates`: the operator gates: each reads plan inputs and says pass, fail or open, and why
- `model`: the user's plan (plan.toml beside watchlist.toml): answers to the pressure-test
  questions
- `row_gates`: the gates that read rows of the plan: payback (with its markets) and GPU priority
- `sections`: the pressure-test questions and the inputs of each gate, written once as data
- `tripwire`: the plan's tripwire as a signal: one metric, one threshold, one decision, on live
  data
- `verdict`: what a gate says: the types every gate returns, and the small helpers they share
"""
