"""`python -m capexwatch`: the same entry point as the `capexwatch` command."""

from capexwatch.tui.cli import main

raise SystemExit(main())
