"""capexwatch core: data, metrics, the user's files and their evaluation. No UI imports here."""

__version__ = "0.1.0"
