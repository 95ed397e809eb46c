"""The 台账 and the import templates, read back cell by cell with openpyxl."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest
import yaml

from generator.cli import main

from .support import SITE_AS_OF, scratch, site_records

INTERNAL_MARKERS = ("INTERNAL-SUMMARY-MARKER", "INTERNAL-WORK-MARKER", "INTERNAL-DETAIL-MARKER", "INTERNAL-OPINION-MARKER",
                    "INTERNAL-PRAISE-MARKER", "INTERNAL-TOPIC-MARKER", "INTERNAL-RESOLUTION-MARKER")


@pytest.fixture(scope="module")
def records():
    return site_records(scratch() / "records")


def _ledger(records, audience: str):
    out = scratch() / f"ledger-{audience}.xlsx"
    assert main(["export", "ledger", "--records", str(records), "--as-of", SITE_AS_OF, "--out", str(out),
                 "--audience", audience]) == 0
    return openpyxl.load_workbook(out)


def _cells(book):
    return [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_internal_ledger_has_every_sheet_with_frozen_filtered_headers(records):
    book = _ledger(records, "internal")
    assert book.sheetnames == ["博士", "企业", "需求", "入驻协议", "派出单位", "季度报送", "季度推进", "光荣榜",
                               "年度评价", "期满评价", "恳谈会", "走访记录", "问题整改", "支持项目",
                               "评分汇总"]  # the test policy scores evaluations
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert all(isinstance(cell.value, str) and cell.value for cell in sheet[1])
    doctors = book["博士"]
    assert [c.value for c in doctors[1]][:4] == ["编号", "姓名", "派出单位编号", "派出单位"]
    assert doctors.column_dimensions[_letter(doctors, "简介")].width > 40  # 简介 is wide
    needs = book["需求"]
    assert [cell.value for cell in needs[1]][:3] == ["编号", "企业编号", "发布企业"]
    assert needs.max_row - 1 == len(list((records / "needs").glob("*.yml"))) > 0
    agreements = book["入驻协议"]
    start = agreements[f"{_letter(agreements, '开始日期')}2"]
    assert agreements["A2"].value == "a1" and start.value == datetime(2026, 3, 1)
    assert start.number_format == "yyyy-mm-dd" and start.is_date
    everything = "\n".join(str(v) for v in _cells(book) if v is not None)
    for marker in ("INTERNAL-OPINION-MARKER", "INTERNAL-PRAISE-MARKER", "INTERNAL-TOPIC-MARKER", "INTERNAL-RESOLUTION-MARKER"):
        assert marker in everything  # the ledger lists evaluations and meetings, not report texts


def _letter(sheet, header: str) -> str:
    return next(cell.column_letter for cell in sheet[1] if cell.value == header)


def test_quarterly_reports_are_coloured_by_status(records):
    sheet = _ledger(records, "internal")["季度报送"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["协议编号", "博士", "入驻企业"] and "2026Q1" in header and header[-1] == "期满总结"
    colours = {"按时": "FFC6EFCE", "逾期": "FFFFEB9C", "未报送": "FFFFC7CE", "未到期": "FFEDEDED"}
    seen = set()
    for row in sheet.iter_rows(min_row=2):
        for cell in row[3:-1]:
            if cell.value:
                status = cell.value.split(" ")[0]
                assert cell.fill.fgColor.rgb == colours[status], cell.coordinate
                seen.add(status)
    assert {"按时", "未报送"} <= seen
    assert sheet["A2"].value == "a1" and sheet["E2"].value.startswith("按时 2026-")


def test_record_text_never_becomes_a_formula(records):
    sheet = _ledger(records, "internal")["企业"]
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    cell = names["e2"]
    assert cell.value.startswith('=HYPERLINK') and cell.data_type == "s"  # a string, not a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_public_ledger_holds_only_what_the_public_site_shows(records):
    book = _ledger(records, "public")
    assert book.sheetnames == ["博士", "企业", "需求", "入驻协议", "派出单位", "季度推进", "光荣榜"]
    text = "\n".join(str(v) for v in _cells(book) if v is not None)
    for hidden in (*INTERNAL_MARKERS, "约谈", "通报批评", "不合格", "维护人"):
        assert hidden not in text, hidden
    honor = book["光荣榜"]
    assert [c.value for c in honor[2]][:3] == [2026, "d1", "张伟"]


def test_import_template_has_titles_notes_and_drop_downs(records):
    out = scratch() / "template.xlsx"
    assert main(["export", "template", "report", "--records", str(records), "--as-of", SITE_AS_OF, "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["编号", "提交日期", "工作总结", "工作事项1.职责"] and "成果.申请专利" in headers
    assert all(cell.comment and cell.comment.text for cell in sheet[1])
    assert "必填" in sheet["B1"].comment.text and "YYYY-MM-DD" in sheet["B1"].comment.text
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["D2"] == '"技术升级方案,技术难题,科技项目申报,成果转化,创新平台"'
    assert sheet.max_row == 1  # empty: no records unless --with-records


@pytest.mark.parametrize(("kind", "header", "values"), [
    ("doctor", "学位", "博士"),
    ("enterprise", "所属行业", "尼龙新材料"),
    ("agreement", "入驻岗位", "科技副总"),
    ("evaluation", "等次", "优秀"),
    ("evaluation", "类型", "年度,期满"),
])
def test_policy_values_get_drop_down_lists(records, kind, header, values):
    out = scratch() / f"template-{kind}.xlsx"
    assert main(["export", "template", kind, "--records", str(records), "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    letter = next(c.column_letter for c in sheet[1] if c.value == header)
    formula = next(v.formula1 for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2"))
    assert values in formula


HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>文字",
    "a &amp; b &lt;c&gt; &#x4e2d;",
    "第一行\n第二行\n\n第二段 [链接](https://example.com) **粗** `代码`",
    "# 标题\n\n- 甲\n- 乙\n\n1. 一\n2. 二",
    "<!-- 隐藏 -->看得见<b onclick=x>粗</b><iframe>框</iframe>",
    "| 表 | 格 |\n| --- | --- |\n| 1 | 2 |",
    "=HYPERLINK(\"http://x\")",
]


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN)
def test_the_public_ledger_reads_markdown_exactly_as_the_open_data(markdown, tmp_path):
    """Every public cell of every directory: the ledger's text is the CSV's, hostile Markdown included."""
    import csv
    import io
    import shutil

    from generator.documents.ledger import ledger_bytes
    from generator.queries.view import ProgramView
    from generator.rules.validate import validate_records
    from generator.site.downloads import downloads

    root = tmp_path / "records"
    shutil.copytree(site_records(scratch() / "hostile-base"), root)
    for path, key in (("doctors/d1.yml", "bio"), ("enterprises/e1.yml", "description"), ("needs/e1-recycling.yml", "description")):
        file = root / path
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        record[key] = markdown
        file.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = validate_records(root, datetime.fromisoformat(SITE_AS_OF).date())
    assert not result.errors, [f for f in result.findings if f.is_error]
    view = ProgramView(result.program, result.as_of, result.findings)
    book = openpyxl.load_workbook(io.BytesIO(ledger_bytes(view, internal=False)))
    compared = 0
    for download in downloads(view):
        if not download.path.endswith(".csv"):
            continue
        rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
        table = next(t for t in view.directories if download.path.endswith(f"/{t.name}.csv"))
        sheet = book[table.sheet]
        sheet_rows = [[_as_text(cell.value) for cell in row] for row in sheet.iter_rows()]
        assert sheet_rows[0] == rows[0], table.name  # the same public columns, in the same order
        for csv_row, sheet_row in zip(rows[1:], sheet_rows[1:]):
            assert [value.removeprefix("'") for value in csv_row] == sheet_row, table.name
            compared += len(csv_row)
    assert compared > 100
    everything = "\n".join(str(v) for v in _cells(book) if v is not None)
    assert "alert(1)" not in everything and "&amp;" not in everything and "隐藏" not in everything


def _as_text(value) -> str:
    """A cell as the CSV writes it: dates as YYYY-MM-DD, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _rows(sheet) -> list[dict]:
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]


def test_the_follow_up_sheets_list_visits_problems_and_supports(records):
    book = _ledger(records, "internal")
    visits = _rows(book["走访记录"])
    assert [v["编号"] for v in visits] == ["v-e1", "v-e2"]  # oldest first
    assert visits[0]["走访单位及人员"] == "河南城建学院：INTERNAL-VISITOR-MARKER（副校长）" and visits[0]["派出单位"] == "河南城建学院"
    assert visits[0]["走访日期"] == datetime(2026, 9, 10) and visits[0]["发现问题（个）"] == 1
    problems = book["问题整改"]
    rows = _rows(problems)
    # overdue first (2027-03-31 passed 30 days before 2027-04-30), then in progress, then closed
    assert [(r["问题编号"], r["状态"], r["剩余天数"]) for r in rows] == [
        ("visits/v-e2#p1", "逾期", -30), ("meetings/m1#p1", "办理中", 61), ("visits/v-e1#p1", "已办结", None)]
    assert rows[2]["办结情况"].startswith("INTERNAL-FIX-MARKER") and rows[2]["回访满意度"] == "满意"
    status = problems[f"{_letter(problems, '状态')}2"]
    assert status.fill.fgColor.rgb == "FFFFEB9C"  # the overdue problem stands out
    assert problems[f"{_letter(problems, '状态')}3"].fill.fgColor.rgb in (None, "00000000")
    supports = {r["编号"]: r for r in _rows(book["支持项目"])}
    assert supports["s-public"]["当前阶段"] == "立项" and supports["s-public"]["文号"] == "豫科〔2026〕35号"
    assert supports["s-revoked"]["当前阶段"] == "撤销" and supports["s-internal"]["博士"] == "王磊"


def test_the_public_ledger_has_no_follow_up_sheet(records):
    book = _ledger(records, "public")
    assert not {"走访记录", "问题整改", "支持项目"} & set(book.sheetnames)
    everything = "\n".join(str(v) for v in _cells(book) if v is not None)
    assert "INTERNAL-VISIT-MARKER" not in everything and "INTERNAL-SUPPORT-MARKER" not in everything
