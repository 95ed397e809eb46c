"""Read one worksheet of a scoring workbook (`gaoxin export scoring`): its round, its party and its rows of points.

Row 1 is the title that names the round and the party, row 2 the headers: 编号, the columns
the party only reads (ignored here), one column per indicator (its name, with or without
“（N分）”), 评分日期 and 评分意见. Each cell is checked where it stands: points are numbers
from 0 to the indicator's weight with one decimal at most; every problem is a `Problem` at
its row and column, and a sheet whose title or headers are wrong stops there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from ..documents.scoring_sheet import DATE_HEADER, ID_HEADER, INFO_HEADERS, OPINION_HEADER, TITLE, TITLE_PATTERN
from ..records.values import shown
from .cells import date_of, text_of
from .reading import Cell, Sheet, column_letter
from .rows import Problem

_WEIGHT_SUFFIX = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]\s*$")


@dataclass
class ScoreRow:
    row: int
    sheet: str | None
    party: str
    evaluation_id: str
    id_column: int
    points: dict[str, int | float] = field(default_factory=dict)  # in the scheme's order
    date: date | None = None
    opinion: str | None = None
    columns: dict[str, int] = field(default_factory=dict)  # points.<indicator>, date, opinion -> column
    scored: bool = False  # the row holds points or a date (an empty row: not scored by this party)


@dataclass
class ScoreSheet:
    title: str | None
    round: int
    party: str
    headers: dict[int, str]
    rows: list[ScoreRow] = field(default_factory=list)


@dataclass
class _Columns:
    id: int | None = None
    date: int | None = None
    opinion: int | None = None
    points: dict[int, str] = field(default_factory=dict)  # column -> indicator


def read_score_sheet(sheet: Sheet, scheme, problems: list[Problem], headers: dict[int, str]) -> ScoreSheet | None:
    """The sheet's rows, or None after noting why it cannot be read (raises `SheetLimit` past the limits).

    `headers` gets the sheet's headers as written (column -> text), for the places of problems.
    """
    found: list[Problem] = []
    note = lambda row, column, rule, message, severity="error": found.append(  # noqa: E731
        Problem(row, column, rule, message, severity, sheet.title))
    rows = sheet.rows()
    first = next(rows, (1, []))
    cells = first[1] if first[0] == 1 else []
    if not cells and not any(cells for _, cells in rows):
        problems.append(Problem(None, None, "import.sheet", f"工作表“{sheet.title}”是空的，已跳过", "warning", sheet.title))
        return None
    title = _cell_text(cells[0]) if cells and cells[0].column == 1 else ""
    match = TITLE_PATTERN.match(title)
    if match is None:
        example = TITLE.format(round=2026, party=scheme.parties[0])
        note(1, None, "import.header", f"第一行应是评分表的标题，如“{example}”，而不是“{shown(title[:40])}”：导入据此核对轮次和评分单位。"
                                    "请用 gaoxin export scoring 导出的评分表")
        problems += found
        return None
    round_, party = int(match[1]), match[2].strip()
    if party not in scheme.parties:
        note(1, None, "import.scores-party", f"评分单位“{shown(party)}”不在 policy.yml 的 evaluation.parties 之中"
                                          f"（{'、'.join(scheme.parties)}）：请用 gaoxin export scoring --party 导出的评分表")
        problems += found
        return None
    header = next(rows, (2, []))
    result = ScoreSheet(sheet.title, round_, party, headers)
    columns = _headers(header[1] if header[0] == 2 else [], scheme, result.headers, note)
    if found:
        problems += found
        return None
    for number, row_cells in rows:
        if any(not _empty(cell) for cell in row_cells):
            row = _row(number, row_cells, columns, scheme, result, note)
            if row is not None:
                result.rows.append(row)
    problems += found
    return result


def _headers(cells: list[Cell], scheme, headers: dict[int, str], note) -> _Columns:
    columns = _Columns()
    weights = {item.name: item.weight for item in scheme.indicators}
    seen: dict[str, int] = {}
    for cell in cells:
        name = _cell_text(cell)
        if not name:
            continue
        headers[cell.column] = name
        key = name if name in (ID_HEADER, DATE_HEADER, OPINION_HEADER) or name in INFO_HEADERS else _WEIGHT_SUFFIX.sub("", name)
        if key in seen:
            note(2, cell.column, "import.header", f"列“{name}”与第 {column_letter(seen[key])} 列重复：请删除其中一列")
            continue
        seen[key] = cell.column
        if key == ID_HEADER:
            columns.id = cell.column
        elif key == DATE_HEADER:
            columns.date = cell.column
        elif key == OPINION_HEADER:
            columns.opinion = cell.column
        elif key in weights:
            columns.points[cell.column] = key
        elif key not in INFO_HEADERS:
            note(2, cell.column, "import.scores-indicator",
                 f"未知的考核指标列“{shown(name[:40])}”：policy.yml 的考核指标是 {'、'.join(weights)}。请检查拼写，或删除这一列")
    for needed, column in ((ID_HEADER, columns.id), (DATE_HEADER, columns.date)):
        if column is None:
            note(2, None, "import.header", f"第二行缺少“{needed}”列：请用 gaoxin export scoring 导出的评分表")
    absent = [name for name in weights if name not in columns.points.values()]
    if absent:
        note(2, None, "import.header", f"缺少考核指标列 {'、'.join(absent)}：每项指标都要打分，请用 gaoxin export scoring 导出的评分表")
    return columns


def _row(number: int, cells: list[Cell], columns: _Columns, scheme, sheet: ScoreSheet, note) -> ScoreRow | None:
    by_column = {cell.column: cell for cell in cells}
    id_cell = by_column.get(columns.id)
    if id_cell is None or _empty(id_cell):
        note(number, columns.id, "schema.id", "缺少编号：请保留导出时的编号（每行一人），不要增删行")
        return None
    row = ScoreRow(number, sheet.title, sheet.party, _cell_text(id_cell), columns.id)
    for column, name in sorted(columns.points.items()):
        cell = by_column.get(column)
        row.columns[f"points.{name}"] = column
        if cell is not None and not _empty(cell):
            row.scored = True
            points = _points(cell, name, scheme.weight_of(name), lambda message, c=column: note(number, c, "import.scores-points", message))
            if points is not None:
                row.points[name] = points
    date_cell = by_column.get(columns.date)
    row.columns["date"] = columns.date
    if date_cell is not None and not _empty(date_cell):
        row.scored = True
        if _formula_free(date_cell, number, note):
            row.date = date_of(date_cell.value, lambda rule, message, severity="error":
                               note(number, columns.date, rule, message, severity))
    opinion_cell = by_column.get(columns.opinion) if columns.opinion else None
    if opinion_cell is not None and not _empty(opinion_cell):
        row.columns["opinion"] = columns.opinion
        if _formula_free(opinion_cell, number, note):
            row.opinion = text_of(str(opinion_cell.value), lambda rule, message, severity="error":
                                  note(number, columns.opinion, rule, message, severity)) or None
    if not row.scored:
        if row.opinion:
            note(number, columns.opinion, "import.scores-points", "只填了评分意见，没有得分：请填写各项得分和评分日期，或删去意见")
        return row
    for column, name in sorted(columns.points.items()):
        if by_column.get(column) is None or _empty(by_column[column]):
            note(number, column, "import.scores-points", f"缺少“{name}”的得分：每项考核指标都要打分（0 至 {scheme.weight_of(name)} 分）")
    if date_cell is None or _empty(date_cell):
        note(number, columns.date, "import.scores-date", "缺少评分日期：请填写，如 2027-03-10")
    return row


def _points(cell: Cell, name: str, weight: int, report) -> int | float | None:
    """A number from 0 to `weight` with one decimal at most, as written (17.5 stays 17.5; 18.0 becomes 18)."""
    if cell.formula is not None:
        report(f"单元格是公式（{cell.formula[:40]}）：请直接填写得分")
        return None
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        report(f"“{name}”的得分应为数字，而不是“{shown(str(value)[:20])}”")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        report(f"“{name}”的得分应为数字")
        return None
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        report(f"“{name}”的得分应为数字（0 至 {weight}），而不是“{shown(str(value)[:20])}”")
        return None
    if not 0 <= number <= weight:
        report(f"“{name}”的得分 {_plain(number)} 超出 0 至 {weight} 分：请核对")
        return None
    if number != number.quantize(Decimal("0.1")):
        report(f"“{name}”的得分 {_plain(number)} 多于一位小数：得分最多一位小数（如 17.5），请改正")
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _formula_free(cell: Cell, number: int, note) -> bool:
    if cell.formula is None:
        return True
    note(number, cell.column, "import.formula", f"单元格是公式（{cell.formula[:40]}）：请直接填写内容")
    return False


def _cell_text(cell: Cell) -> str:
    if cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _empty(cell: Cell) -> bool:
    return cell.formula is None and (cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()))
