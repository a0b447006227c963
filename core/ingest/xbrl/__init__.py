"""Reading SEC XBRL documents: an instance (.xml) or inline XBRL (the primary .htm document).

Its modules, the public face of the sub-room (lxml is imported here, so only by an import of a
filing, never on the app's first frame):

- `document`: `read(data, name) -> Document(facts, dei, skipped)`, `is_xbrl`, `member_matches`
- `inline`: the walk over an inline document's ix: facts (format, then scale, then sign)
- `formats`: the display-text transforms of `format=` (ixt:num-dot-decimal, ixt:fixed-zero, …)
"""
