"""Write sheets declared as columns to an .xlsx workbook (XlsxWriter).

Every sheet gets a frozen, filtered header row of Chinese titles and set column widths.
Text is always written with `write_string`, so a record that starts with `=` stays text and
never becomes a formula; dates are real date cells; numbers are numbers.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import xlsxwriter

from ..queries.view import DATE, NUMBER, STATUS, TEXT, Column, Table
from ..records.values import xml_safe
from .archive import stable_zip

# Cell colours of the 季度报送 matrix: 按时 green, 逾期 amber, 未报送 red, 未到期 grey; of the
# 问题整改 sheet: 已办结 green, 逾期 amber, 办理中 plain.
STATUS_COLOURS = {"按时": "#C6EFCE", "逾期": "#FFEB9C", "未报送": "#FFC7CE", "未到期": "#EDEDED",
                  "已提交": "#C6EFCE", "已办结": "#C6EFCE"}
MAX_CELL = 32767  # Excel's limit on the characters of one cell


def workbook_bytes(sheets: list[Table], created: date, internal: bool) -> bytes:
    """One sheet per table; the public workbook leaves out internal tables and columns."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": datetime.combine(created, datetime.min.time()), "author": "gaoxin"})
    formats = _formats(book)
    for sheet in sheets:
        if sheet.internal and not internal:
            continue
        _write_sheet(book, sheet, sheet.columns if internal else sheet.public_columns(), formats)
    book.close()
    return stable_zip(buffer.getvalue())


def _formats(book) -> dict:
    base = {"font_name": "等线", "font_size": 11, "valign": "top"}
    formats = {
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}),
        TEXT: book.add_format({**base, "text_wrap": True}),
        DATE: book.add_format({**base, "num_format": "yyyy-mm-dd"}),
        NUMBER: book.add_format({**base, "num_format": "#,##0"}),
    }
    for status, colour in STATUS_COLOURS.items():
        formats[status] = book.add_format({**base, "bg_color": colour, "align": "center"})
    return formats


def _write_sheet(book, sheet: Table, columns: list[Column], formats: dict) -> None:
    ws = book.add_worksheet(sheet.sheet)
    for index, column in enumerate(columns):
        ws.set_column(index, index, column.width)
        ws.write_string(0, index, xml_safe(column.header), formats["header"])
        if column.note:
            ws.write_comment(0, index, column.note, {"x_scale": 2, "y_scale": 1.5})
    ws.set_row(0, 30)
    row_count = 0
    for row_count, row in enumerate(sheet.rows, 1):
        for index, column in enumerate(columns):
            write_cell(ws, row_count, index, column.kind, column.value(row), formats)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(row_count, 1), len(columns) - 1)
    for index, values in sheet.validations.items():
        ws.data_validation(1, index, 10000, index, {"validate": "list", "source": values,
                                                     "error_title": "请从下拉列表中选择", "error_type": "warning"})


def write_cell(ws, row: int, col: int, kind: str, value, formats: dict) -> None:
    """One cell, never a formula: text through write_string, dates as dates, counts as numbers."""
    if value is None or value == "" or value == []:
        return
    if isinstance(value, (list, tuple)):
        value = "；".join(str(item) for item in value)
    if isinstance(value, str):
        value = xml_safe(value)  # a workbook is XML: what XML cannot hold is dropped
    if isinstance(value, date) and not isinstance(value, datetime):
        ws.write_datetime(row, col, datetime.combine(value, datetime.min.time()), formats[DATE])
    elif isinstance(value, int) and not isinstance(value, bool):
        ws.write_number(row, col, value, formats[NUMBER])
    elif kind == STATUS:
        ws.write_string(row, col, str(value), formats.get(str(value).split(" ")[0], formats[TEXT]))
    else:
        ws.write_string(row, col, str(value)[:MAX_CELL], formats[TEXT])
