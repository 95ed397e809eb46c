"""One party's scoring sheet of an annual round (第十五、十六条) as an .xlsx workbook.

Row 1 names the round and the party (`gaoxin import --kind scores` reads them from there);
row 2 holds the headers; then one row per residency due (`ProgramView.due_evaluations`),
pre-filled with what the party cannot change (id, doctor, enterprise, term, the year's work
counts) and with the party's points, date and opinion where it has scored already, so a
party can correct its sheet. Each indicator's column shows its weight and accepts a number
from 0 to it with one decimal at most. The sheet is protected without a password: only the
points, the date and the opinion can be edited (a party that must can still unprotect it).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..queries.view import DATE, NUMBER, TEXT, ProgramView
from ..records.values import xml_safe
from .archive import stable_zip
from .workbook import write_cell

TITLE = "{round} 轮年度考核评分表（评分单位：{party}）"
TITLE_PATTERN = re.compile(r"^\s*(\d{4})\s*轮年度考核评分表（评分单位：(.+)）\s*$")
ID_HEADER, DATE_HEADER, OPINION_HEADER, TOTAL_HEADER = "编号", "评分日期", "评分意见", "合计"
# The columns a party reads but does not fill: header, width, the row's value.
INFO_COLUMNS = (
    (ID_HEADER, 18, lambda view, due, work: due.evaluation_id),
    ("协议", 12, lambda view, due, work: due.agreement_id),
    ("博士", 10, lambda view, due, work: view.residencies[due.agreement_id].doctor_name),
    ("入驻企业", 26, lambda view, due, work: view.residencies[due.agreement_id].enterprise_name),
    ("评价期间", 24, lambda view, due, work: f"{due.first} 至 {due.last}"),
    ("季度报送（份）", 9, lambda view, due, work: work.reports),
    ("工作事项（项）", 9, lambda view, due, work: work.work_items),
    ("成果（项）", 9, lambda view, due, work: work.outcomes),
)
INFO_HEADERS = (*(header for header, _, _ in INFO_COLUMNS), TOTAL_HEADER)
HEADER_ROW, FIRST_ROW = 1, 2  # 0-based: the title is row 0


def indicator_header(name: str, weight: int) -> str:
    return f"{name}（{weight}分）"


def sheet_title(party: str) -> str:
    """The worksheet's name: the party, without what Excel forbids in a sheet name (31 characters at most)."""
    return re.sub(r"[\[\]:*?/\\']", "", party)[:31] or "评分表"


def scoring_sheet_bytes(view: ProgramView, round_: int, party: str, created: date) -> bytes:
    """The workbook of one party's sheet (the caller has checked that the round has rows and the party is known)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": datetime.combine(created, datetime.min.time()), "author": "gaoxin",
                         "title": TITLE.format(round=round_, party=party)})
    formats = _formats(book)
    ws = book.add_worksheet(sheet_title(party))
    scheme = view.policy.evaluation
    indicators = [(item.name, item.weight) for item in scheme.indicators]
    rows = view.due_evaluations(round_)
    _title(ws, round_, party, len(rows), formats)
    first_point = len(INFO_COLUMNS)
    headers = [*(h for h, _, _ in INFO_COLUMNS), *(indicator_header(n, w) for n, w in indicators),
               TOTAL_HEADER, DATE_HEADER, OPINION_HEADER]
    total_col = first_point + len(indicators)
    for col, header in enumerate(headers):
        ws.write_string(HEADER_ROW, col, header, formats["header"])
    for col, (_, width, _) in enumerate(INFO_COLUMNS):
        ws.set_column(col, col, width)
    ws.set_column(first_point, total_col, 11)
    ws.set_column(total_col + 1, total_col + 1, 13)
    ws.set_column(total_col + 2, total_col + 2, 40)
    ws.set_row(HEADER_ROW, 42)
    for offset, due in enumerate(rows):
        row = FIRST_ROW + offset
        work = view.year_work(due)
        for col, (_, _, value) in enumerate(INFO_COLUMNS):
            write_cell(ws, row, col, TEXT, value(view, due, work), formats)
        score = next((s for s in (due.evaluation.scores or ()) if s.party == party), None) if due.evaluation else None
        for index, (name, _) in enumerate(indicators):
            points = score.points.get(name) if score else None
            if points is None:
                ws.write_blank(row, first_point + index, None, formats["points"])
            else:
                ws.write_number(row, first_point + index, points, formats["points"])
        span = f"{xl_rowcol_to_cell(row, first_point)}:{xl_rowcol_to_cell(row, total_col - 1)}"
        ws.write_formula(row, total_col, f'=IF(COUNT({span})=0,"",SUM({span}))', formats["total"])
        if score:
            ws.write_datetime(row, total_col + 1, datetime.combine(score.date, datetime.min.time()), formats["date"])
            ws.write_string(row, total_col + 2, xml_safe((score.opinion or "").rstrip("\n")), formats["input"])
        else:
            ws.write_blank(row, total_col + 1, None, formats["date"])
            ws.write_blank(row, total_col + 2, None, formats["input"])
    if rows:
        last = FIRST_ROW + len(rows) - 1
        for index, (name, weight) in enumerate(indicators):
            col = first_point + index
            cell = xl_rowcol_to_cell(FIRST_ROW, col, row_abs=False, col_abs=False)
            ws.data_validation(FIRST_ROW, col, last, col, {
                "validate": "custom", "ignore_blank": True,
                "value": f"AND(ISNUMBER({cell}),{cell}>=0,{cell}<={weight},ROUND({cell},1)={cell})",
                "input_title": name[:32], "input_message": f"0 至 {weight} 分，最多一位小数",
                "error_title": "得分超出范围", "error_message": f"“{name}”应为 0 至 {weight} 的数，最多一位小数"[:255]})
        ws.data_validation(FIRST_ROW, total_col + 1, last, total_col + 1, {
            "validate": "date", "criteria": ">=", "value": date(2000, 1, 1),
            "input_title": DATE_HEADER, "input_message": "如 2027-03-10",
            "error_title": "请填写日期", "error_message": "评分日期应为日期，如 2027-03-10"})
    ws.freeze_panes(FIRST_ROW, 3)
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})
    book.close()
    return stable_zip(buffer.getvalue())


def _title(ws, round_: int, party: str, count: int, formats: dict) -> None:
    ws.write_string(0, 0, xml_safe(TITLE.format(round=round_, party=party)), formats["title"])
    ws.write_comment(0, 0, f"共 {count} 人。请只填写各项得分、评分日期和评分意见；第一行和灰色各列请勿修改，"
                           "导入时据此核对轮次和评分单位。", {"x_scale": 2.5, "y_scale": 1.5})
    ws.set_row(0, 24)


def _formats(book) -> dict:
    base = {"font_name": "等线", "font_size": 11, "valign": "top", "border": 1}
    fixed = {**base, "bg_color": "#EDEDED"}  # what the party reads but does not fill
    return {
        "title": book.add_format({"font_name": "等线", "font_size": 14, "bold": True}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "vcenter"}),
        TEXT: book.add_format({**fixed, "text_wrap": True}),
        NUMBER: book.add_format({**fixed, "num_format": "0"}),
        DATE: book.add_format({**fixed, "num_format": "yyyy-mm-dd"}),
        "total": book.add_format({**fixed, "num_format": "0.0"}),
        "points": book.add_format({**base, "num_format": "0.0", "locked": False}),
        "date": book.add_format({**base, "num_format": "yyyy-mm-dd", "locked": False}),
        "input": book.add_format({**base, "text_wrap": True, "locked": False}),
    }
