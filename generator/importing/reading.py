"""Read a spreadsheet into rows of cells that know where they stand (row number, column letter).

.xlsx goes through openpyxl: it exposes what an import must refuse, merged cells and
formulas, and tells real date cells from text. .csv is UTF-8 (with or without a BOM) or the
GBK/GB18030 that Excel writes on Chinese Windows. Anything else, and anything too large, is
refused with a message saying what to do.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import ExportError, UsageError

MAX_BYTES = 4 * 1024 * 1024  # a 1,000-row sheet with long texts is well under 1 MB
MAX_UNZIPPED = 64 * 1024 * 1024  # an .xlsx is a zip: refuse one that would expand past this
MAX_ROWS, MAX_COLUMNS = 20_000, 200
SAVE_AS_UTF8 = ("请用 Excel 打开后“另存为”，文件类型选“CSV UTF-8（逗号分隔）(*.csv)”；"
                "WPS 表格选“另存为 → CSV”并在编码中选 UTF-8")


@dataclass(frozen=True)
class Cell:
    row: int  # 1-based, as the spreadsheet shows it
    column: int  # 1-based
    value: object  # str, int, float, date, datetime, bool or None
    formula: str | None = None  # the formula text when the cell holds one (.xlsx only)


@dataclass
class Sheet:
    name: str  # the file name, as messages show it
    rows: list[list[Cell]]
    merged: list[str]  # merged ranges, e.g. "A2:A4"
    encoding: str | None = None  # a CSV's encoding when it was not UTF-8


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path) -> Sheet:
    """The first worksheet of an .xlsx, or the rows of a .csv."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UsageError(f"找不到文件 {path}") from None
    except OSError as exc:
        raise UsageError(f"无法读取 {path}：{exc.strerror}") from None
    if not path.is_file():
        raise UsageError(f"{path} 不是文件")
    if size > MAX_BYTES:
        raise ExportError(f"{path}：文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）：请分成几个文件分别导入")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(path, data)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, data)
    raise UsageError(f"{path}：只能导入 .xlsx 或 .csv 文件")


def _csv(path: Path, data: bytes) -> Sheet:
    encoding = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict") if _utf8(data[3:]) else None
    else:
        text = data.decode("utf-8") if _utf8(data) else None
    if text is None:
        try:
            text, encoding = data.decode("gb18030"), "GBK"
        except UnicodeDecodeError:
            raise ExportError(f"{path}：不是 UTF-8 编码的 CSV 文件，也无法按 GBK 读取。{SAVE_AS_UTF8}") from None
    if "\x00" in text:
        raise ExportError(f"{path}：不是文本格式的 CSV 文件（含有二进制内容）。{SAVE_AS_UTF8}")
    rows = []
    for number, values in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
        if number > MAX_ROWS:
            raise ExportError(f"{path}：超过 {MAX_ROWS} 行：请分成几个文件分别导入")
        rows.append([Cell(number, col, value) for col, value in enumerate(values[:MAX_COLUMNS], 1)])
    return Sheet(str(path), rows, [], encoding)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _xlsx(path: Path, data: bytes) -> Sheet:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(f"{path}：这是旧版 Excel 97-2003 文件（.xls）：请在 Excel 或 WPS 中“另存为 .xlsx”后再导入")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise ExportError(f"{path}：解压后过大（超过 {MAX_UNZIPPED // 1024 // 1024} MB）：请分成几个文件分别导入")
    except zipfile.BadZipFile:
        raise ExportError(f"{path}：不是有效的 .xlsx 文件（文件内容不是 Excel 工作簿）：请在 Excel 或 WPS 中“另存为 .xlsx”，"
                          f"或另存为 CSV UTF-8") from None
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise ExportError(f"{path}：无法读取这个 .xlsx 文件（{type(exc).__name__}）：请在 Excel 或 WPS 中打开后重新“另存为 .xlsx”") from None
    sheet = book.worksheets[0]
    cells = sheet._cells  # only the cells the file holds; iter_rows() would fill every gap up to max_row
    if cells and max(row for row, _ in cells) > MAX_ROWS:
        raise ExportError(f"{path}：超过 {MAX_ROWS} 行：请分成几个文件分别导入")
    rows: dict[int, list[Cell]] = {}
    for (row, col), cell in sorted(cells.items()):
        if col > MAX_COLUMNS:
            continue
        value = cell.value
        formula = None
        if cell.data_type == "f":
            formula, value = str(value), None
        elif not isinstance(value, (str, int, float, date, datetime, bool, type(None))):
            value = str(value)  # times, durations, array formulas
        rows.setdefault(row, []).append(Cell(row, col, value, formula))
    ordered = [rows.get(number, []) for number in range(1, max(rows, default=0) + 1)]
    merged = [str(cell_range) for cell_range in sheet.merged_cells.ranges]
    return Sheet(str(path), ordered, merged)
