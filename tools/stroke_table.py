"""Write `generator/queries/strokes.txt`, the stroke count of every CJK ideograph, from Unihan.

    apt-get install unicode-data
    python -m tools.stroke_table > generator/queries/strokes.txt

The source is `kTotalStrokes` of Unihan_IRGSources.txt as Debian's `unicode-data` ships it.
Where Unihan gives two counts, the first is the simplified Chinese one (UAX #38), the one
mainland name lists count. `tests/test_name_order.py` regenerates the table and compares.
"""

from __future__ import annotations

import bz2
import sys
from collections.abc import Iterable
from pathlib import Path

SOURCE = Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
OFFSET = 32  # a count n is written as chr(32 + n): printable ASCII for every count Unihan has (1 to 84)

HEADER = """\
# Total strokes of every CJK ideograph: Unihan's kTotalStrokes, its first value where it has two
# (the count for simplified Chinese). Source: Unihan_IRGSources.txt of Unicode {version},
# as Debian's unicode-data package ships it. Copyright © 1991-2022 Unicode, Inc.; Unicode
# data files are distributed under the Unicode License (see the Unicode Consortium's terms of use).
# Written by tools/stroke_table.py; do not edit by hand.
# Each line: a first code point in hex, one space, then one character per code point from it on,
# chr(32 + strokes); a code point Unihan has no count for is a space.
"""


def counts(lines: Iterable[str]) -> dict[int, int]:
    """Code point -> total strokes, from the lines of Unihan_IRGSources.txt."""
    found = {}
    for line in lines:
        if line.startswith("U+"):
            code, field, value = line.rstrip("\n").split("\t")
            if field == "kTotalStrokes":
                found[int(code.removeprefix("U+"), 16)] = int(value.split()[0])
    return found


def version(lines: Iterable[str]) -> str:
    for line in lines:
        if line.startswith("# Unicode version:"):
            return line.split(":", 1)[1].strip()
    return "(unknown)"


def table(found: dict[int, int], unicode_version: str) -> str:
    """The file's text: runs of consecutive code points, one line each."""
    out = [HEADER.format(version=unicode_version)]
    points = sorted(found)
    start = previous = points[0]
    for point in [*points[1:], None]:
        if point is not None and point - previous < 64:  # short gaps are written as spaces
            previous = point
            continue
        run = "".join(chr(OFFSET + found[p]) if p in found else " " for p in range(start, previous + 1))
        out.append(f"{start:X} {run}\n")
        if point is not None:
            start = previous = point
    return "".join(out)


def main() -> None:
    with bz2.open(SOURCE, "rt", encoding="utf-8") as stream:
        lines = stream.readlines()
    sys.stdout.write(table(counts(lines), version(lines[:20])))


if __name__ == "__main__":
    main()
