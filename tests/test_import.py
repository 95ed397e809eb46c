"""gaoxin import: spreadsheet rows become records, all or nothing; every bad input named by place."""

from __future__ import annotations

import shutil
from datetime import date

import openpyxl
import pytest

from generator.cli import main
from generator.records.loading import load

from .support import SITE_AS_OF, scratch, site_records

DOCTOR_HEADERS = ["编号", "姓名", "派出单位", "学位", "学科专业", "研究方向"]


@pytest.fixture
def records():
    return site_records(scratch() / "records")


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _import(path, kind, records, *extra) -> int:
    return main(["import", str(path), "--kind", kind, "--records", str(records), "--as-of", SITE_AS_OF, *extra])


def _xlsx(rows, name="people.xlsx", edit=None):
    path = scratch() / name
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    book.save(path)
    return path


def _records_of(records, kind_folder):
    program, _ = load(records)
    return getattr(program, kind_folder)


def _content(value):
    """A record's values; a Markdown text's final line break is no content (a cell cannot show it)."""
    if hasattr(value, "model_dump"):
        return _content(value.model_dump())
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_content(v) for v in value]
    return value.rstrip("\n") if isinstance(value, str) else value


@pytest.mark.parametrize(("kind", "folder"), [
    ("doctor", "doctors"), ("enterprise", "enterprises"), ("agreement", "agreements"), ("university", "universities"),
    ("evaluation", "evaluations"), ("meeting", "meetings"), ("report", "reports"),
])
def test_round_trip_export_edit_import_gives_the_same_records(records, kind, folder):
    """Export a kind's records as a template, remove the files, import the sheet: the same records again."""
    before = _records_of(records, folder)
    sheet = scratch() / f"{kind}.xlsx"
    assert main(["export", "template", kind, "--with-records", "--records", str(records), "--as-of", SITE_AS_OF,
                 "--out", str(sheet)]) == 0
    removed = [p for p in (records / folder).rglob("*.yml") if not p.name.startswith("final")]
    for path in removed:
        path.unlink()
    assert _import(sheet, kind, records) == 0
    after = _records_of(records, folder)
    if folder == "reports":
        before = {a: {p: r for p, r in by.items() if p != "final"} for a, by in before.items()}
        after = {a: {p: r for p, r in by.items() if p != "final"} for a, by in after.items()}
    assert _content(after) == _content(before) and after.keys() == before.keys()


def test_an_edited_cell_arrives_in_the_record(records):
    sheet = scratch() / "doctors.xlsx"
    assert main(["export", "template", "doctor", "--with-records", "--records", str(records), "--as-of", SITE_AS_OF,
                 "--out", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    ws = book.active
    ws.delete_rows(3, ws.max_row)
    ws["A2"], ws["B2"] = "d9", "周新"
    book.save(sheet)
    assert _import(sheet, "doctor", records) == 0
    doctors = _records_of(records, "doctors")
    assert doctors["d9"].name == "周新" and doctors["d9"].research_areas == doctors["d1"].research_areas
    assert (records / "doctors/d9.yml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_headers_by_key_or_title_lists_dates_and_empty_cells(records):
    rows = [["id", "name", "university", "degree", "discipline", "research_areas", "职称", "简介"],
            ["d7", "孙楠", "hncj", "博士", "化学", "催化；吸附; 膜分离\n电化学", None, "  "]]
    assert _import(_xlsx(rows), "doctor", records) == 0
    doctor = _records_of(records, "doctors")["d7"]
    assert doctor.research_areas == ["催化", "吸附", "膜分离", "电化学"] and doctor.title is None and doctor.bio is None
    agreement = [["编号", "博士", "入驻企业", "入驻岗位", "入驻开始日期", "入驻结束日期", "协议签订日期", "备案编号", "备案日期",
                  "合作重点", "合作模式", "企业项目推进负责人", "funding_yuan"],
                 ["a9", "d7", "e1", "科技副总", date(2027, 5, 1), "2028-04-30", date(2027, 4, 1), "平高科备〔2027〕9号",
                  "2027-04-10", "膜材料", "技术攻关", "刘某", "200,000"]]
    assert _import(_xlsx(agreement, "a.xlsx"), "agreement", records) == 0
    a9 = _records_of(records, "agreements")["a9"]
    assert a9.start == date(2027, 5, 1) and a9.end == date(2028, 4, 30) and a9.filing.date == date(2027, 4, 10)
    assert a9.funding_yuan == 200000


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_or_gbk(records, encoding, capsys):
    path = scratch() / f"doctors-{encoding}.csv"
    text = ",".join(DOCTOR_HEADERS) + "\r\nd8,钱程,hncj,博士,物理学,光学；激光\r\n"
    path.write_bytes(text.encode(encoding))
    assert _import(path, "doctor", records) == 0
    assert _records_of(records, "doctors")["d8"].name == "钱程"
    assert ("按 GBK 读取" in capsys.readouterr().err) == (encoding == "gbk")


def test_dry_run_writes_nothing(records, capsys):
    before = _snapshot(records)
    path = _xlsx([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"]])
    assert _import(path, "doctor", records, "--dry-run") == 0
    assert "将写入" in capsys.readouterr().out and _snapshot(records) == before


def _merged(ws):
    ws.append(["d9", "周新", "hncj", "博士", "化学", "催化"])
    ws.merge_cells("C2:C3")


def _formula(ws):
    ws["B2"] = '=CONCAT("钱","程")'


BAD = {
    "merged cells": ([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"]], _merged, ":2:C", "import.merged"),
    "blank row": ([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"], [], ["d9", "周新", "hncj", "博士", "化学", "催化"]],
                  None, ":3", "import.blank-row"),
    "extra column": ([[*DOCTOR_HEADERS, "手机"], ["d8", "钱程", "hncj", "博士", "物理学", "光学", "x"]], None, ":1:G", "import.header"),
    "missing column": ([DOCTOR_HEADERS[:-1], ["d8", "钱程", "hncj", "博士", "物理学"]], None, ":1", "import.header"),
    "formula cell": ([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"]], _formula, ":2:B", "import.formula"),
    "date as text": ([["编号", "博士", "入驻企业", "入驻岗位", "入驻开始日期"], ["a9", "d1", "e1", "科技副总", "2027年5月1日"]],
                     None, ":2:E", "import.cell"),
    "existing id": ([DOCTOR_HEADERS, ["d1", "张伟", "hncj", "博士", "材料", "尼龙"]], None, ":2:A", "import.exists"),
    "duplicate id": ([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"], ["d8", "钱程", "hncj", "博士", "物理学", "光学"]],
                     None, ":3:A", "import.duplicate"),
    "invalid program": ([DOCTOR_HEADERS, ["d8", "钱程", "nowhere", "博士", "物理学", "光学"]], None, ":2:C", "ref.missing"),
    "bad value": ([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "硕士", "物理学", "光学"]], None, ":2:D", "art4.degree"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_named_by_place_and_nothing_is_written(records, case, capsys):
    rows, edit, place, rule = BAD[case]
    kind = "agreement" if case == "date as text" else "doctor"
    before = _snapshot(records)
    path = _xlsx(rows, edit=edit)
    assert _import(path, kind, records) == 1
    err = capsys.readouterr().err
    assert f"{path}{place}" in err and rule in err and "没有写入任何文件" in err
    assert _snapshot(records) == before


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"x" * (5 * 1024 * 1024), "big.xlsx", "文件过大"),
    (b"<html>not a workbook</html>", "fake.xlsx", "不是有效的 .xlsx 文件"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.xlsx", ".xls"),
    (b"\xff\xfe\x00\x81\x30" * 10, "weird.csv", "CSV UTF-8"),
])
def test_files_that_are_no_spreadsheet_are_refused(records, content, name, message, capsys):
    before = _snapshot(records)
    path = scratch() / name
    path.write_bytes(content)
    assert _import(path, "doctor", records) == 1
    assert message in capsys.readouterr().err and _snapshot(records) == before


def test_usage_errors_exit_2(records, capsys):
    path = _xlsx([DOCTOR_HEADERS])
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(path), "--kind", "policy", "--records", str(records)])
    assert exit_info.value.code == 2
    assert _import(scratch() / "missing.xlsx", "doctor", records) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_a_file_appearing_meanwhile_undoes_the_import(records):
    from generator.errors import ExportError
    from generator.importing.plan import plan_import, write_plan

    rows = [DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"], ["d9", "周新", "hncj", "博士", "化学", "催化"]]
    plan = plan_import(_xlsx(rows), "doctor", records, date.fromisoformat(SITE_AS_OF))
    (records / "doctors/d9.yml").write_text("name: 别人写的\n", encoding="utf-8")
    with pytest.raises(ExportError):
        write_plan(plan, records)
    assert not (records / "doctors/d8.yml").exists()
    assert (records / "doctors/d9.yml").read_text(encoding="utf-8") == "name: 别人写的\n"
    shutil.rmtree(records)
