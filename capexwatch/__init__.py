"""capexwatch: the daily review of AI-capex pressure, in the terminal.

The checkout keeps the rooms the design names at its top level (`core/`, `tui/`, `themes/`);
the distribution installs them as `capexwatch.core`, `capexwatch.tui` and `capexwatch.themes`
(see `package-dir` in pyproject.toml), so nothing generic lands in site-packages.
"""

__version__ = "0.1.0"
