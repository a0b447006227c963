"""Figures coming in: CSV and Parquet, SEC EDGAR files and downloads, entries by hand.

Its modules, the public face of the room:

- `companyfacts`: turn companyfacts facts into discrete quarters and fiscal years for a watchlist
  company
- `edgar`: map an SEC EDGAR XBRL `companyfacts` response to observations
- `fetch`: download a companyfacts response from SEC EDGAR, politely, into the user cache directory
- `importer`: import a file into the user's observations: CSV, Parquet or an SEC EDGAR companyfacts
  JSON
- `record`: record one figure or one event by hand: the checks behind `data add`, `event add`, the
  form
- `rows`: validate one observation typed as text (a CSV row, `data add`, the in-app form)
- `tabular`: read a user's CSV or Parquet file of observations, checking every row before anything
  is kept
"""
