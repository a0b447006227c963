"""Run `make test` several times in a row while other processes keep every core busy.

    python scripts/test_under_load.py [RUNS]     (make test-under-load: 3 runs)

The suite must pass on a busy machine (tests wait for events, never for the clock): this is how
that is checked. Prints each run's result and wall time; exits 1 if any run failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

BURN = "while True: pass"


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(os.cpu_count() or 2)]
    failed = 0
    try:
        for run in range(1, runs + 1):
            start = time.monotonic()
            done = subprocess.run(["make", "test"], capture_output=True, text=True)
            took = time.monotonic() - start
            tail = [line for line in done.stdout.splitlines() if line.strip()][-1:]
            verdict = "passed" if done.returncode == 0 else f"FAILED ({done.returncode})"
            print(f"run {run}/{runs}: {verdict} in {took / 60:.1f} min  {''.join(tail)}")
            if done.returncode != 0:
                failed += 1
                print(done.stdout[-4000:], done.stderr[-2000:], sep="\n")
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
