"""Read a spreadsheet as sheets of rows, one row at a time, within limits.

.xlsx goes through openpyxl in read-only mode: rows are parsed as they are asked for, so a
sheet is never held whole and reading stops at the first row or column past the limits (a
145 KB workbook can hold 60 MB of cells). Merged cells and formulas, which an import must
refuse, are still seen: formulas on each cell, merged ranges once the sheet is read.
.csv is UTF-8 (with or without a BOM) or the GBK/GB18030 that Excel writes on Chinese
Windows. Anything else, and anything too large, is refused with a message saying what to do.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import ExportError, UsageError

MAX_BYTES = 4 * 1024 * 1024  # a 1,000-row sheet with long texts is well under 1 MB
MAX_UNZIPPED = 64 * 1024 * 1024  # an .xlsx is a zip: refuse one that would expand past this
MAX_SHARED_TEXT = 16 * 1024 * 1024  # the workbook's table of texts, which openpyxl reads whole
MAX_ROWS, MAX_COLUMNS = 20_000, 200
MAX_CELL_CHARS = 32_767  # what one Excel cell can hold: a longer CSV cell came from no spreadsheet
MAX_MERGED_SHOWN = 100
SAVE_AS_UTF8 = ("请用 Excel 打开后“另存为”，文件类型选“CSV UTF-8（逗号分隔）(*.csv)”；"
                "WPS 表格选“另存为 → CSV”并在编码中选 UTF-8")
SPLIT_FILE = "请分成几个文件分别导入"


@dataclass(frozen=True)
class Cell:
    row: int  # 1-based, as the spreadsheet shows it
    column: int  # 1-based
    value: object  # str, int, float, date, datetime, bool or None
    formula: str | None = None  # the formula text when the cell holds one (.xlsx only)


class SheetLimit(Exception):
    """Reading a sheet stopped at this row and column (too many rows or columns, or a damaged part)."""

    def __init__(self, row: int, column: int | None, message: str):
        super().__init__(message)
        self.row, self.column, self.message = row, column, message


@dataclass
class Sheet:
    """One table: a worksheet of a workbook, or the whole of a CSV file.

    `rows()` yields (row number, the row's non-empty cells) for every row from 1 on, and
    raises `SheetLimit` where it has to stop; `merged()` lists the merged ranges.
    """

    title: str | None  # the worksheet's name; None for a CSV file
    rows: Callable[[], Iterator[tuple[int, list[Cell]]]]
    merged: Callable[[], list[str]] = list  # complete once rows() has run to its end
    chart: bool = False  # a chartsheet: a chart on a sheet of its own, no cells at all


@dataclass
class Book:
    file: str  # the file name, as messages show it
    sheets: list[Sheet]
    encoding: str | None = None  # a CSV's encoding when it was not UTF-8
    csv: bool = False
    hidden: set[str] = field(default_factory=set)  # titles of hidden worksheets


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@contextmanager
def open_book(path: Path) -> Iterator[Book]:
    """The sheets of an .xlsx or .csv file, readable until the block ends."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UsageError(f"找不到文件 {path}") from None
    except OSError as exc:
        raise UsageError(f"无法读取 {path}：{exc.strerror}") from None
    if not path.is_file():
        raise UsageError(f"{path} 不是文件")
    if size > MAX_BYTES:
        raise ExportError(f"{path}：文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB）：{SPLIT_FILE}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise UsageError(f"{path}：只能导入 .xlsx 或 .csv 文件")
    data = path.read_bytes()
    if suffix == ".csv":
        yield _csv(path, data)
        return
    reader = _open_xlsx(path, data)
    try:
        yield _xlsx(path, reader)
    finally:
        reader.archive.close()


# --- CSV -----------------------------------------------------------------------------------


def _csv(path: Path, data: bytes) -> Book:
    encoding = None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("gb18030"), "GBK"
        except UnicodeDecodeError:
            raise ExportError(f"{path}：不是 UTF-8 编码的 CSV 文件，也无法按 GBK 读取。{SAVE_AS_UTF8}") from None
    if "\x00" in text:
        raise ExportError(f"{path}：不是文本格式的 CSV 文件（含有二进制内容）。{SAVE_AS_UTF8}")
    return Book(str(path), [Sheet(None, lambda: _csv_rows(text))], encoding, csv=True)


def _csv_rows(text: str) -> Iterator[tuple[int, list[Cell]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    limit = csv.field_size_limit()
    # csv's own limit (131,072 characters) would end in csv.Error with no column: let every
    # field through (the file is at most MAX_BYTES) and judge each cell's length where it stands.
    csv.field_size_limit(MAX_BYTES + 1)
    number = 0
    try:
        for number, values in enumerate(reader, 1):
            cells = [Cell(number, column, value) for column, value in enumerate(values, 1) if value != ""]
            _within_limits(number, cells)
            yield number, cells
    except csv.Error as exc:
        raise SheetLimit(number + 1, None, f"CSV 格式有误，无法读取这一行（{exc}）。{SAVE_AS_UTF8}") from None
    finally:
        csv.field_size_limit(limit)


def _within_limits(number: int, cells: list[Cell]) -> None:
    """Stop at the first row or column past the limits that holds anything."""
    if not cells:
        return
    if number > MAX_ROWS:
        raise SheetLimit(number, cells[0].column, f"超过 {MAX_ROWS} 行：{SPLIT_FILE}")
    if cells[-1].column > MAX_COLUMNS:
        beyond = next(cell for cell in cells if cell.column > MAX_COLUMNS)
        raise SheetLimit(number, beyond.column,
                         f"超过 {MAX_COLUMNS} 列（第 {column_letter(MAX_COLUMNS)} 列之后还有内容）：导入表格不会有这么多列，"
                         "请删除多余的列")


# --- .xlsx ---------------------------------------------------------------------------------


def _open_xlsx(path: Path, data: bytes):
    """openpyxl's reader of the workbook's parts (texts, styles, the list of sheets), no sheet parsed yet."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(f"{path}：这是旧版 Excel 97-2003 文件（.xls）：请在 Excel 或 WPS 中“另存为 .xlsx”后再导入")
    not_a_workbook = (f"{path}：不是有效的 .xlsx 文件（文件内容不是 Excel 工作簿）：请在 Excel 或 WPS 中“另存为 .xlsx”，"
                      f"或另存为 CSV UTF-8")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        raise ExportError(not_a_workbook) from None
    if sum(info.file_size for info in parts) > MAX_UNZIPPED:
        raise ExportError(f"{path}：解压后过大（超过 {MAX_UNZIPPED // 1024 // 1024} MB）：{SPLIT_FILE}")
    if sum(info.file_size for info in parts if info.filename.lower().endswith("sharedstrings.xml")) > MAX_SHARED_TEXT:
        raise ExportError(f"{path}：文字内容过多（超过 {MAX_SHARED_TEXT // 1024 // 1024} MB）：{SPLIT_FILE}")
    reader = _sheet_list_reader()(io.BytesIO(data), read_only=True, data_only=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about what it drops (names, styles); an import needs none
            reader.read()
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        reader.archive.close()
        raise ExportError(f"{path}：无法读取这个 .xlsx 文件（{type(exc).__name__}）："
                          "请在 Excel 或 WPS 中打开后重新“另存为 .xlsx”") from None
    return reader


def _sheet_list_reader():
    from openpyxl.reader.excel import ExcelReader

    class SheetListReader(ExcelReader):
        """openpyxl's workbook reader that only lists the sheets.

        In read-only mode openpyxl sizes every worksheet as it opens the workbook, and a sheet
        without a <dimension> is sized by parsing all of it (17 s for 4 million cells); here each
        sheet is parsed once, row by row, when it is imported.
        """

        def read_worksheets(self):
            self.sheet_parts = [(sheet.name, sheet.state, rel.target, "chartsheet" in rel.Type)
                                for sheet, rel in self.parser.find_sheets() if rel.target in self.valid_files]

    return SheetListReader


def _xlsx(path: Path, reader) -> Book:
    sheets, hidden = [], set()
    for title, state, target, chart in reader.sheet_parts:
        if chart:
            sheets.append(Sheet(title, iter_nothing, chart=True))
            continue
        if state not in (None, "visible"):
            hidden.add(title)
        merged: list[str] = []
        sheets.append(Sheet(title, lambda t=target, m=merged: _xlsx_rows(reader, t, m), lambda m=merged: m))
    return Book(str(path), sheets, hidden=hidden)


def iter_nothing() -> Iterator[tuple[int, list[Cell]]]:
    return iter(())


def _xlsx_rows(reader, target: str, merged: list[str]) -> Iterator[tuple[int, list[Cell]]]:
    """The rows of one worksheet, parsed as they are asked for; `merged` gets its merged ranges at the end."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = reader.wb
    with reader.archive.open(target) as source, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a date cell out of range becomes "#VALUE!" text, with a warning
        parser = WorkSheetParser(source, reader.shared_strings, data_only=False, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        rows = parser.parse()
        expected, elements = 1, 0
        while True:
            try:
                found = next(rows, None)
            except Exception as exc:  # noqa: BLE001 - a damaged sheet part fails in the XML parser or in openpyxl
                raise SheetLimit(expected, None, f"无法读取这一行（{type(exc).__name__}，文件可能已损坏）："
                                                 "请在 Excel 或 WPS 中打开后重新“另存为 .xlsx”") from None
            if found is None:
                break
            number, parsed = found
            parser.row_dimensions.clear()  # row heights: an import needs none, and they would pile up
            elements += 1
            if elements > 2 * MAX_ROWS or number < expected:
                raise SheetLimit(number, None, f"表格的行过多或行号错乱（超过 {MAX_ROWS} 行，含表格下方设了格式的空行）："
                                               f"请删除表格下方多余的行，或{SPLIT_FILE}")
            for gap in range(expected, min(number, MAX_ROWS + 1)):
                yield gap, []
            cells = sorted((_cell(number, cell) for cell in parsed if cell["value"] is not None), key=lambda c: c.column)
            _within_limits(number, cells)
            yield number, cells
            expected = number + 1
        if parser.merged_cells is not None:
            merged += [str(cell.ref).upper() for cell in parser.merged_cells.mergeCell[:MAX_MERGED_SHOWN]]


def _cell(number: int, cell: dict) -> Cell:
    value, formula = cell["value"], None
    if cell["data_type"] == "f":
        formula, value = str(value), None
    elif not isinstance(value, (str, int, float, date, datetime, bool)):
        value = str(value)  # times, durations, array formulas
    return Cell(number, cell["column"], value, formula)
