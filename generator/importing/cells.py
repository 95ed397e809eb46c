"""Turn one cell into what its column holds: text, a number, a date or a list, or say why it cannot.

Text pasted from Word or a web page brings line breaks Excel does not show as such: the
line and paragraph separators (U+2028, U+2029) and Word's manual line break (U+000B) become
ordinary line breaks, and a warning says so. Every other character is kept as written: the
records' own text checks (`records/values.py`) refuse control and invisible characters,
U+0085 and U+007F among them, at the same row and column (U+0085 mostly comes from an
ellipsis “…” decoded in the wrong encoding, so it is not taken for a line break).

Dates may be real date cells or text: 2026-11-03, and as Chinese Excel saves them in CSV,
2026/11/3, 2026.11.3, 2026-11-3 or 2026年11月3日. A date that does not exist is refused
here, where its cell is known. A cell written （删除） removes its key in `--update` mode.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from datetime import date, datetime

from ..records.columns import DATE, INTEGER, LIST, NUMBER, SheetColumn
from .reading import MAX_CELL_CHARS, Cell

LIST_SEPARATORS = re.compile(r"[；;\n]")
MAX_EXACT = 2**53  # beyond this a number typed into Excel has lost digits
MAX_DIGITS = 15  # Excel keeps 15 significant digits; no count or sum of yuan here is longer
_INTEGER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$|^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")
_DATE = re.compile(r"^(\d{4})\s*(?:(?P<sep>[-/.])\s*(\d{1,2})\s*(?P=sep)\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$")
_DATE_WITH_TIME = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")
DATE_SPELLINGS = "YYYY-MM-DD（如 2026-03-01），也可写 2026/3/1、2026.3.1、2026-3-1 或 2026年3月1日"
# Line breaks that Excel shows as nothing, and what they become.
LINE_BREAKS = {
    "\u2028": ("行分隔符 U+2028", "\n"),
    "\u2029": ("段落分隔符 U+2029", "\n\n"),
    "\x0b": ("Word 的手动换行符 U+000B", "\n"),
}
_LINE_BREAK = re.compile(f"[{''.join(LINE_BREAKS)}]")
DELETE_WORDS = ("（删除）", "(删除)")

Report = Callable[..., None]  # report(rule, message, severity="error")


class Deleted:
    """The value of a cell written （删除）: `--update` removes the key."""

    def __repr__(self) -> str:
        return "（删除）"


DELETE = Deleted()


def convert(cell: Cell, column: SheetColumn, report: Report, update: bool):
    """The cell as its column's type, or None after reporting why it cannot be."""
    value = cell.value
    if isinstance(value, bool):
        report("import.cell", f"单元格是真假值（{value}）：请改为文字")
        return None
    if isinstance(value, str):
        value = _text(value, report)
        if value is None:
            return None
        if value in DELETE_WORDS:
            if update:
                return DELETE
            report("import.cell", f"单元格写的是“{value}”：只有加 --update 修改已有记录时，它才表示删去这一项；新记录不需要的项请留空")
            return None
    if column.type == DATE:
        return _date(value, report)
    if isinstance(value, (datetime, date)):
        report("import.cell", f"单元格是日期 {value:%Y-%m-%d}，而这一列应填文字或数字：Excel 可能把输入自动转成了日期，"
                              f"请把单元格格式设为“文本”后重新输入")
        return None
    if column.type in (INTEGER, NUMBER):
        return _number(value, column, report)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or abs(value) >= MAX_EXACT:
            report("import.cell", f"单元格是数字 {value:g}：长数字在 Excel 中会丢失位数，请把单元格格式设为“文本”后重新输入")
            return None
        value = int(value)
    text = str(value).strip()
    if column.type == LIST:
        items = [item.strip() for item in LIST_SEPARATORS.split(text)]
        return [item for item in items if item] or None
    return text


def text_of(text: str, report: Report) -> str | None:
    """A text cell as `convert` reads it: line breaks made plain, surrounding space removed (None: too long)."""
    return _text(text, report)


def date_of(value, report: Report) -> date | None:
    """A date cell (or a date written as text) as `convert` reads it, or None after reporting why not."""
    return _date(value, report)


def _text(text: str, report: Report) -> str | None:
    """The cell's text with its line breaks made plain (said in a warning), or None if it is too long."""
    if len(text) > MAX_CELL_CHARS:
        report("import.cell", f"单元格有 {len(text)} 个字符，超过一个 Excel 单元格最多能存的 {MAX_CELL_CHARS} 个："
                              "这不是从表格软件导出的内容，请检查这一格")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = sorted(set(_LINE_BREAK.findall(text)))
    if found:
        names = "、".join(LINE_BREAKS[char][0] for char in found)
        report("import.line-break", f"单元格中的{names}已换成普通换行（常见于从 Word 或网页复制的文字）：请核对换行是否正确",
               "warning")
        text = _LINE_BREAK.sub(lambda match: LINE_BREAKS[match[0]][1], text)
    return text.strip()


def _date(value, report: Report):
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            report("import.cell", f"日期不能带时间：{value:%Y-%m-%d %H:%M}，请只写日期")
            return None
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        report("import.cell", f"单元格是数字 {value:g}，不是日期：请把单元格格式设为“日期”，或写成 {DATE_SPELLINGS}")
        return None
    text = value.strip()
    match = _DATE.match(text)
    if match is None:
        if _DATE_WITH_TIME.match(text):
            report("import.cell", f"日期不能带时间：“{text[:30]}”，请只写日期")
        else:
            report("import.cell", f"日期应写成 {DATE_SPELLINGS}，而不是“{text[:30]}”")
        return None
    month, day = (match[3], match[4]) if match[3] else (match[5], match[6])
    year, month, day = int(match[1]), int(month), int(day)
    if not 1 <= month <= 12:
        report("import.cell", f"日期“{text}”不存在：月份应为 1 至 12")
        return None
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        report("import.cell", f"日期“{text}”不存在：{year}年{month}月只有 {last} 天")
        return None
    return date(year, month, day)


def _number(value, column: SheetColumn, report: Report):
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= MAX_EXACT:
            report("import.cell", f"数字 {value:g} 过大：请核对这一格")
            return None
        if value.is_integer():
            return int(value)
        if column.type == NUMBER:
            return value
        report("import.cell", f"应为整数，而不是 {value:g}")
        return None
    if isinstance(value, int):
        if abs(value) >= MAX_EXACT:
            report("import.cell", f"数字过大（{len(str(abs(value)))} 位）：请核对这一格")
            return None
        return value
    text = str(value).strip()
    digits = sum(char.isdigit() for char in text)
    if digits > MAX_DIGITS:
        report("import.cell", f"数字过长（{digits} 位）：这里的数字最多 {MAX_DIGITS} 位，请核对这一格")
        return None
    if _INTEGER.match(text):
        return int(text.replace(",", ""))
    if column.type == NUMBER and _DECIMAL.match(text):
        return float(text)
    report("import.cell", f"应为整数（如 500000），而不是“{text[:30]}”")
    return None
