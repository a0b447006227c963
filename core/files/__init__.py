"""The user's TOML files as documents: strict reading, located errors, comment-keeping edits.

Its modules, the public face of the room:

- `tomledit`: edit a user's TOML file keeping its comments and ordering (tomlkit), and save it
  safely
- `tomlfile`: read a user's TOML file strictly, and point at the line and column of any key in it
- `validate`: strict checks on a parsed TOML table, collecting located problems instead of stopping
  at one
"""
