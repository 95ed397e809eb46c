"""Turn a sheet's rows into record rows, one per row, noting which cell each key came from.

The first row names the columns (a key, `filing.number`, or its Chinese title) and is
checked before any other row is read: a sheet with the wrong headers stops there. Each
following cell is converted to what its column holds (`cells.py`); empty cells are left out.
Whatever cannot be converted is a `Problem` at its row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records.columns import KindColumns, SheetColumn
from .cells import convert
from .reading import Cell, Sheet, SheetLimit, column_letter


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: int | None
    rule: str
    message: str
    severity: str = "error"
    sheet: str | None = None  # the worksheet's name, when the file has several

    def place(self, file: str, headers: dict[int, str] | None = None) -> str:
        """FILE[SHEET]:ROW:COLUMN（列名）, or as much of it as is known."""
        where = file + (f"[{self.sheet}]" if self.sheet else "")
        if self.row is not None:
            where += f":{self.row}"
            if self.column is not None:
                where += f":{column_letter(self.column)}"
                if headers and self.column in headers:
                    where += f"（{headers[self.column]}）"
        return where


@dataclass
class RowRecord:
    row: int
    id: str | None
    values: dict[tuple, object] = field(default_factory=dict)  # column path -> value, in the sheet's order
    cells: dict[str, int] = field(default_factory=dict)  # column key (work.1.duty) -> column number
    columns: dict[str, int] = field(default_factory=dict)  # every column of the sheet, filled or not (a missing value's place)
    groups: dict[str, list[int | None]] = field(default_factory=dict)  # list key -> group number of each item

    def column_of(self, loc: tuple | None) -> int | None:
        """The column a finding's key path (`("work", 0, "duty")`) came from, if it came from this row."""
        if not loc:
            return None
        parts = []
        for part in loc:
            if isinstance(part, int) and parts and parts[-1] in self.groups:
                numbers = self.groups[parts[-1]]
                number = numbers[part] if part < len(numbers) else None
                if number is None:
                    return None  # an item the row did not write
                parts.append(str(number))
            else:
                parts.append(str(part))
        for known in (self.cells, self.columns):  # a cell written, else the empty column a missing key belongs in
            for length in range(len(parts), 0, -1):
                if ".".join(parts[:length]) in known:
                    return known[".".join(parts[:length])]
        prefix = ".".join(parts) + "."
        return next((col for key, col in self.cells.items() if key.startswith(prefix)), None)


@dataclass
class Rows:
    records: list[RowRecord]
    problems: list[Problem]
    headers: dict[int, str]  # column number -> header as written
    id_column: int | None
    count: int = 0  # rows read after the header, blank ones included
    stopped: bool = False  # the headers are wrong, or the sheet is past the limits: no row is imported

    @property
    def header_problem(self) -> bool:
        return any(problem.rule == "import.header" for problem in self.problems)


def read_rows(sheet: Sheet, columns: KindColumns, update: bool = False) -> Rows:
    """The sheet's rows as records; with `update`, a sheet may leave out required columns (it edits records)."""
    result = Rows([], [], {}, None)
    rows = sheet.rows()
    try:
        first = next(rows, None)
        header = first[1] if first and first[0] == 1 else []
        if not any(_text(cell.value) for cell in header):
            result.stopped = True
            result.problems.append(Problem(1, None, "import.header",
                                           "第一行应是列名（如 编号、姓名），这一行是空的：请用 gaoxin export template 生成的模板"))
            return result
        result.headers, mapping, result.id_column = _headers(header, columns, result.problems, update)
        if result.header_problem:
            result.stopped = True  # without the right columns, every row would only repeat the same problem
            return result
        _read_body(rows, mapping, result, update)
    except SheetLimit as limit:
        result.problems.append(Problem(limit.row, limit.column, "import.limit", limit.message))
        result.stopped = True
        return result
    for merged in sheet.merged():
        first_cell = merged.split(":")[0]
        row, col = int(re.sub(r"\D", "", first_cell)), _column_number(re.sub(r"\d", "", first_cell))
        result.problems.append(Problem(row, col, "import.merged", f"合并单元格 {merged}：请取消合并，并在每一行的单元格里分别填写"))
    return result


def _read_body(rows, mapping: dict[int, SheetColumn], result: Rows, update: bool) -> None:
    blank: list[int] = []
    headless: set[int] = set()
    for number, cells in rows:
        result.count += 1
        if all(_empty(cell) for cell in cells):
            blank.append(number)
            continue
        for row in blank:  # a blank row before more data: the rest may be another table
            result.problems.append(Problem(row, None, "import.blank-row",
                                           f"第 {row} 行是空行：请删除表格中间的空行（空行之后的内容可能是另一张表或备注）"))
        blank.clear()
        for cell in cells:
            if cell.column not in mapping and cell.column != result.id_column and cell.column not in headless \
                    and not _empty(cell):
                headless.add(cell.column)  # once per column: its first cell stands for the rest
                result.problems.append(Problem(number, cell.column, "import.header",
                                               f"第 {column_letter(cell.column)} 列没有列名，却填了内容："
                                               "请在第一行补上列名，或删除这一列的内容"))
        result.records.append(_record(cells, mapping, result.id_column, result.problems, update))
        result.records[-1].columns = {column.key: col for col, column in mapping.items()}


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char.upper()) - 64
    return number


def _headers(cells: list[Cell], columns: KindColumns, problems: list, update: bool) -> tuple[dict, dict, int | None]:
    accepted = columns.headers()
    headers: dict[int, str] = {}
    mapping: dict[int, SheetColumn] = {}
    id_column = None
    seen: dict[str, int] = {}
    unknown: list[Cell] = []
    for cell in cells:
        name = _text(cell.value)
        if not name:
            continue
        headers[cell.column] = name
        if name not in accepted:
            unknown.append(cell)
            continue
        column = accepted[name]
        key = column.key if column else "id"
        if key in seen:
            problems.append(Problem(1, cell.column, "import.header", f"列“{name}”与第 {column_letter(seen[key])} 列重复：请删除其中一列"))
            continue
        seen[key] = cell.column
        if column is None:
            id_column = cell.column
        else:
            mapping[cell.column] = column
    if unknown and not seen:
        problems.append(Problem(1, unknown[0].column, "import.header",
                                f"第一行应是列名（如 编号、姓名），这一行却没有一个认得的列名（如“{_text(unknown[0].value)[:20]}”）："
                                f"请用 gaoxin export template {columns.kind} 生成的模板，把内容粘贴到列名下面"))
        return headers, mapping, id_column
    for cell in unknown:
        problems.append(Problem(1, cell.column, "import.header",
                                f"未知的列“{_text(cell.value)[:40]}”：{columns.kind} 记录没有这一项。请检查拼写，或删除这一列"
                                f"（可用的列见 gaoxin export template {columns.kind}）"))
    if id_column is None:
        problems.append(Problem(1, None, "import.header", f"缺少“编号”列（id）：{columns.id_help}"))
    if not update:
        for column in columns.columns:
            if column.required and column.key not in seen and not _group_beyond_first(column):
                problems.append(Problem(1, None, "import.header", f"缺少必填列“{columns.header(column)}”（{column.key}）：请加上这一列"))
    return headers, mapping, id_column


def _group_beyond_first(column: SheetColumn) -> bool:
    return any(isinstance(part, int) and part > 1 for part in column.path)


def missing_required(record: RowRecord, columns: KindColumns) -> list[str]:
    """The headers of the required columns a row leaves empty (a new record needs them all)."""
    return [columns.header(column) for column in columns.columns
            if column.required and not _group_beyond_first(column) and column.key not in record.cells]


def _record(cells: list[Cell], mapping: dict[int, SheetColumn], id_column: int | None, problems: list,
            update: bool) -> RowRecord:
    row = cells[0].row
    record = RowRecord(row, None)
    for cell in cells:
        report = lambda rule, message, severity="error", c=cell: problems.append(  # noqa: E731
            Problem(row, c.column, rule, message, severity))
        if cell.formula is not None:
            report("import.formula", f"单元格是公式（{cell.formula[:40]}）：导入只读取填写的内容。请复制这一列，再“选择性粘贴 → 数值”")
            continue
        if _empty(cell):
            continue
        if cell.column == id_column:
            record.id = _id_text(cell.value)
            continue
        column = mapping.get(cell.column)
        if column is None:
            continue
        value = convert(cell, column, report, update)
        if value is None:
            continue
        record.cells[column.key] = cell.column
        record.values[column.path] = value
    return record


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _empty(cell: Cell) -> bool:
    return cell.formula is None and (cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()))


def _id_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
