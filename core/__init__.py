"""capexwatch core: data, metrics, the user's files and their evaluation. No UI imports here.

Rooms, lowest first (an import-linter `layers` contract in pyproject.toml keeps the order):
base → files → figures → watchlist → ingest → signals → plan → peers → review → snapshot → report.
"""
