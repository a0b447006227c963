"""`python -m bench` (`make bench`): measure, then print one table of figures, floors and ratios.

python -m bench            # N = 5, 500 and 5,000 companies; median of 5 runs after a warm-up
python -m bench --quick    # the sample data's rows only, one run, no warm-up: the CI smoke
python -m bench --parts sample,waits  # only some parts (sample, waits, imports, markets)
python -m bench --markdown # the table as Markdown (for the README)
"""

from __future__ import annotations

import argparse
import sys

from bench import suite
from bench.table import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny data, one run (CI smoke)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument(
        "--sizes", help="comma-separated company counts (default 5,500,5000)", default=None
    )
    parser.add_argument(
        "--parts", help=f"comma-separated parts (default {','.join(suite.PARTS)})", default=None
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else suite.SIZES
    parts = tuple(args.parts.split(",")) if args.parts else suite.PARTS
    unknown = set(parts) - set(suite.PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    options = (
        suite.Options(sizes=(), runs=1, warmup=0, parts=("sample",), settle=0.2)
        if args.quick
        else suite.Options(sizes=sizes, runs=args.runs, warmup=1, parts=parts)
    )
    rows = suite.run(options, progress=lambda what: print(f"… {what}", file=sys.stderr))
    print(render(rows, markdown=args.markdown))
    failed = [r for r in rows if r.ok is False]
    print(f"\n{len(failed)} of {sum(r.ok is not None for r in rows)} targets missed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
