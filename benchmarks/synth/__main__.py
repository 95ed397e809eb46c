"""Generate a seeded synthetic records tree for benchmarks and end-to-end tests.

    python -m benchmarks.synth --doctors N [--seed S] [--as-of YYYY-MM-DD] [--faults] [--force] --out DIR

Run from the repository root. Prints the counts per kind, then (with ``--faults``) the
(rule id, file) pairs a validator must report, one per line; skipped faults go to standard error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__.split("\n")[0])
    parser.add_argument("--doctors", type=int, required=True, help="number of doctors")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 29),
                        help="the date the tree must be clean as of (YYYY-MM-DD)")
    parser.add_argument("--faults", action="store_true", help="inject the documented faults")
    parser.add_argument("--force", action="store_true", help="replace a non-empty --out")
    parser.add_argument("--out", type=Path, required=True, help="the records folder to write")
    args = parser.parse_args(argv)
    try:
        counts = generate(args.out, args.doctors, args.seed, args.as_of, args.faults, args.force)
    except (FileExistsError, ValueError, LookupError) as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    injected, skipped = counts.pop("faults"), counts.pop("skipped_faults")
    print(" ".join(f"{kind}={n}" for kind, n in counts.items()))
    for rule, path in injected:
        print(f"{rule}\t{path}")
    for rule, what in skipped:
        print(f"synth: skipped {rule} ({what}): no record fits", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
