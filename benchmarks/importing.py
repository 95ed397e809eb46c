"""Import of large and hostile workbooks: what `gaoxin import` costs before it refuses or plans them.

    python -m benchmarks.importing          (from the repository root; prints a table)

`cell_bomb` writes the workbook of issue 22, item 5: 20,000 rows × 200 numeric cells whose
sheet part is 60 MB of XML in a 145 KB file (each cell is the same `<c><v>7</v></c>`, so it
compresses to almost nothing), with no header row. `doctor_rows` writes a valid doctor sheet
of any number of rows. `peak` measures one planning in-process with tracemalloc (what the
tests bound); `benchmarks.run` times whole `gaoxin import` processes (time and peak RSS).
"""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import openpyxl

DOCTOR_HEADERS = ["编号", "姓名", "派出单位", "学位", "学科专业", "研究方向"]


def cell_bomb(path: Path, rows: int = 20_000, columns: int = 200) -> Path:
    """A tiny .xlsx whose only sheet holds rows × columns numeric cells (no <dimension>, no cell references)."""
    book = openpyxl.Workbook()
    book.active.append([1])
    buffer = io.BytesIO()
    book.save(buffer)
    row = "<row>" + "<c><v>7</v></c>" * columns + "</row>"
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + row * rows + "</sheetData></worksheet>")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            data = sheet.encode("utf-8") if info.filename == "xl/worksheets/sheet1.xml" else source.read(info.filename)
            out.writestr(info.filename, data)
    return path


def doctor_rows(path: Path, rows: int, university: str = "hncj") -> Path:
    """A doctor import sheet (.xlsx or .csv by the suffix) of `rows` valid rows, ids d100000 on."""
    lines = [DOCTOR_HEADERS] + [[f"d{100_000 + n}", "钱程", university, "博士", "物理学", "光学；激光"] for n in range(rows)]
    if path.suffix == ".csv":
        path.write_text("\n".join(",".join(line) for line in lines) + "\n", encoding="utf-8")
        return path
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("博士")
    for line in lines:
        sheet.append(line)
    book.save(path)
    return path


def peak(path: Path, records: Path, as_of: date, kind: str | None = "doctor") -> tuple[int, float, object]:
    """(peak bytes Python allocated, seconds, the plan) of planning one import in this process."""
    from generator.importing.plan import plan_import

    tracemalloc.start()
    started = time.perf_counter()
    try:
        plan = plan_import(path, kind, records, as_of)
        return tracemalloc.get_traced_memory()[1], time.perf_counter() - started, plan
    finally:
        tracemalloc.stop()


def main() -> int:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gaoxin-bench-import-"))
    records = Path(__file__).resolve().parent.parent / "records"
    files = {
        "20,000 × 200 cells, no headers (145 KB)": cell_bomb(folder / "bomb.xlsx"),
        "20,001 doctor rows (.xlsx)": doctor_rows(folder / "rows.xlsx", 20_001),
        "20,001 doctor rows (.csv)": doctor_rows(folder / "rows.csv", 20_001),
    }
    print("| file | size | refused with | seconds (tracemalloc on) | peak Python memory |")
    print("|---|---|---|---|---|")
    for title, path in files.items():
        used, seconds, plan = peak(path, records, date(2026, 11, 29))
        rules = ", ".join(sorted({problem.rule for problem in plan.errors})) or "—"
        print(f"| {title} | {path.stat().st_size / 1024:.0f} KB | {rules} | {seconds:.2f} | {used / 1024 / 1024:.1f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
