"""Self-contained modal forms the app opens: recording figures and events, importing a file."""
