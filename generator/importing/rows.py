"""Turn a sheet's rows into record mappings, one per row, noting which cell each key came from.

The first row names the columns (a key, `filing.number`, or its Chinese title); each cell is
converted to what its column holds: text, an integer, a date (YYYY-MM-DD text or a real date
cell), or a list split on `；`, `;` and line breaks. Empty cells are left out. Whatever cannot
be converted is a `Problem` at its row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..records.columns import DATE, INTEGER, LIST, NUMBER, KindColumns, SheetColumn
from .reading import Cell, Sheet, column_letter

_LIST_SEPARATORS = re.compile(r"[；;\n]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$|^[+-]?\d+$")
MAX_EXACT = 2**53  # beyond this a number typed into Excel has lost digits


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: int | None
    rule: str
    message: str
    severity: str = "error"

    def place(self, file: str, headers: dict[int, str] | None = None) -> str:
        """FILE:ROW:COLUMN（列名）, or as much of it as is known."""
        where = file
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
    data: dict
    cells: dict[str, int] = field(default_factory=dict)  # column key (work.1.duty) -> column number
    groups: dict[str, list[int]] = field(default_factory=dict)  # list key -> group numbers kept, in order

    def column_of(self, loc: tuple | None) -> int | None:
        """The column a finding's key path (`("work", 0, "duty")`) came from."""
        if not loc:
            return None
        parts, index = [], 0
        while index < len(loc):
            part = loc[index]
            if isinstance(part, int) and parts and parts[-1] in self.groups:
                kept = self.groups[parts[-1]]
                parts.append(str(kept[part]) if part < len(kept) else str(part + 1))
            else:
                parts.append(str(part))
            index += 1
        for length in range(len(parts), 0, -1):
            if ".".join(parts[:length]) in self.cells:
                return self.cells[".".join(parts[:length])]
        prefix = ".".join(parts) + "."
        return next((col for key, col in self.cells.items() if key.startswith(prefix)), None)


@dataclass
class Rows:
    records: list[RowRecord]
    problems: list[Problem]
    headers: dict[int, str]  # column number -> header as written
    id_column: int | None


def read_rows(sheet: Sheet, columns: KindColumns) -> Rows:
    problems: list[Problem] = []
    for merged in sheet.merged:
        first = merged.split(":")[0]
        row = int(re.sub(r"\D", "", first))
        col = _column_number(re.sub(r"\d", "", first))
        problems.append(Problem(row, col, "import.merged", f"合并单元格 {merged}：请取消合并，并在每一行的单元格里分别填写"))
    if not sheet.rows or not any(_text(cell.value) for cell in sheet.rows[0]):
        problems.append(Problem(1, None, "import.header", "第一行应是列名（如 编号、姓名），这一行是空的：请用 gaoxin export template 生成的模板"))
        return Rows([], problems, {}, None)
    headers, mapping, id_column = _headers(sheet.rows[0], columns, problems)
    records: list[RowRecord] = []
    blank: list[int] = []
    for cells in sheet.rows[1:]:
        if not cells or all(_empty(cell) for cell in cells):
            blank.append(cells[0].row if cells else len(records) + len(blank) + 2)
            continue
        for row in blank:  # a blank row before more data: the rest may be another table
            problems.append(Problem(row, None, "import.blank-row", f"第 {row} 行是空行：请删除表格中间的空行（空行之后的内容可能是另一张表或备注）"))
        blank.clear()
        records.append(_record(cells, mapping, id_column, problems))
    return Rows(records, problems, headers, id_column)


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char.upper()) - 64
    return number


def _headers(cells: list[Cell], columns: KindColumns, problems: list) -> tuple[dict, dict, int | None]:
    accepted = columns.headers()
    headers: dict[int, str] = {}
    mapping: dict[int, SheetColumn] = {}
    id_column = None
    seen: dict[str, int] = {}
    for cell in cells:
        name = _text(cell.value)
        if not name:
            continue
        headers[cell.column] = name
        if name not in accepted:
            problems.append(Problem(1, cell.column, "import.header",
                                    f"未知的列“{name}”：{columns.kind} 记录没有这一项。请检查拼写，或删除这一列（可用的列见 gaoxin export template {columns.kind}）"))
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
    if id_column is None:
        problems.append(Problem(1, None, "import.header", f"缺少“编号”列（id）：{columns.id_help}"))
    for column in columns.columns:
        if column.required and column.key not in seen and not _group_beyond_first(column):
            problems.append(Problem(1, None, "import.header", f"缺少必填列“{columns.header(column)}”（{column.key}）：请加上这一列"))
    return headers, mapping, id_column


def _group_beyond_first(column: SheetColumn) -> bool:
    return any(isinstance(part, int) and part > 1 for part in column.path)


def _record(cells: list[Cell], mapping: dict[int, SheetColumn], id_column: int | None, problems: list) -> RowRecord:
    row = cells[0].row
    record = RowRecord(row, None, {})
    groups: dict[str, dict[int, dict]] = {}
    for cell in cells:
        if cell.formula is not None:
            problems.append(Problem(row, cell.column, "import.formula",
                                    f"单元格是公式（{cell.formula[:40]}）：导入只读取填写的内容。请复制这一列，再“选择性粘贴 → 数值”"))
            continue
        if _empty(cell):
            continue
        if cell.column == id_column:
            record.id = _id_text(cell.value)
            continue
        column = mapping.get(cell.column)
        if column is None:
            continue
        value = _convert(cell, column, problems)
        if value is None:
            continue
        record.cells[column.key] = cell.column
        _place(record.data, groups, column.path, value)
    for key, numbered in groups.items():
        kept = sorted(numbered)
        record.groups[key] = kept
        _set(record.data, key.split("."), [numbered[n] for n in kept])
    return record


def _place(data: dict, groups: dict, path: tuple, value) -> None:
    index = next((i for i, part in enumerate(path) if isinstance(part, int)), None)
    if index is None:
        _set(data, list(path), value)
        return
    list_key = ".".join(path[:index])
    item = groups.setdefault(list_key, {}).setdefault(path[index], {})
    _set(item, list(path[index + 1:]), value)


def _set(data: dict, keys: list, value) -> None:
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


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


def _convert(cell: Cell, column: SheetColumn, problems: list):
    """The cell as its column's type, or None after noting why it cannot be."""
    value = cell.value
    problem = lambda message: problems.append(Problem(cell.row, cell.column, "import.cell", message))  # noqa: E731
    if isinstance(value, bool):
        problem(f"单元格是真假值（{value}）：请改为文字")
        return None
    if column.type == DATE:
        if isinstance(value, datetime):
            if value.time() != datetime.min.time():
                problem(f"日期不能带时间：{value:%Y-%m-%d %H:%M}，请只写日期")
                return None
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, (int, float)):
            problem(f"单元格是数字 {value:g}，不是日期：请把单元格格式设为“日期”，或写成 YYYY-MM-DD（如 2026-03-01）")
            return None
        text = value.strip()
        if not _ISO_DATE.match(text):
            problem(f"日期应写成 YYYY-MM-DD（如 2026-03-01）或设为“日期”格式的单元格，而不是“{text[:30]}”")
            return None
        return text  # an impossible 2026-02-30 is left for the validator's data.dates
    if isinstance(value, (datetime, date)):
        problem(f"单元格是日期 {value:%Y-%m-%d}，而这一列应填文字或数字：Excel 可能把输入自动转成了日期，"
                f"请把单元格格式设为“文本”后重新输入")
        return None
    if column.type in (INTEGER, NUMBER):
        return _number(value, column, problem)
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= MAX_EXACT:
            problem(f"单元格是数字 {value:g}：长数字在 Excel 中会丢失位数，请把单元格格式设为“文本”后重新输入")
            return None
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if column.type == LIST:
        items = [item.strip() for item in _LIST_SEPARATORS.split(text)]
        return [item for item in items if item] or None
    return text


def _number(value, column: SheetColumn, problem):
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        if column.type == NUMBER:
            return value
        problem(f"应为整数，而不是 {value:g}")
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if _INTEGER.match(text):
        return int(text.replace(",", ""))
    problem(f"应为整数（如 500000），而不是“{text[:30]}”")
    return None
