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
AGREEMENT_HEADERS = ["编号", "博士", "入驻企业", "入驻岗位", "入驻开始日期", "入驻结束日期", "协议签订日期", "备案编号", "备案日期",
                     "合作重点", "合作模式", "企业项目推进负责人", "企业经费保障（元）"]


def _agreement_row(start="2027-05-01", funding=None, record_id="a9"):
    return [record_id, "d1", "e1", "科技副总", start, "2028-04-30", "2027-04-01", "平高科备〔2027〕9号", "2027-04-10", "膜材料",
            "技术攻关", "刘某", funding]


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
    ("evaluation", "evaluations"), ("meeting", "meetings"), ("report", "reports"), ("visit", "visits"),
    ("support", "supports"),
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
    assert "将新增" in capsys.readouterr().out and _snapshot(records) == before


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
    "date as text": ([AGREEMENT_HEADERS, _agreement_row("5/1/2027")], None, ":2:E", "import.cell"),
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


# --- dates as Chinese Excel saves them (issue 23) -------------------------------------------


@pytest.mark.parametrize("written", ["2027/5/1", "2027.5.1", "2027-5-1", "2027年5月1日", "2027-05-01", "2027 年 5 月 1 日"])
def test_dates_in_the_spellings_of_chinese_excel(records, written):
    path = scratch() / "agreements.csv"
    path.write_text(",".join(AGREEMENT_HEADERS) + "\n" + ",".join(_agreement_row(written, "")) + "\n", encoding="utf-8")
    assert _import(path, "agreement", records) == 0
    assert _records_of(records, "agreements")["a9"].start == date(2027, 5, 1)
    assert "start: 2027-05-01\n" in (records / "agreements/a9.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("written", "reason"), [
    ("2027/13/1", "月份应为 1 至 12"), ("2027年2月30日", "2027年2月只有 28 天"), ("2027.0.1", "月份应为 1 至 12"),
    ("2027/5/1 0:00", "日期不能带时间"), ("27/5/1", "日期应写成"),
])
def test_a_date_that_does_not_exist_is_a_located_error(records, written, reason, capsys):
    before = _snapshot(records)
    path = scratch() / "agreements.csv"
    path.write_text(",".join(AGREEMENT_HEADERS) + "\n" + ",".join(_agreement_row(written, "")) + "\n", encoding="utf-8")
    assert _import(path, "agreement", records) == 1
    err = capsys.readouterr().err
    assert f"{path}:2:E（入驻开始日期）: error import.cell:" in err and reason in err and written in err
    assert _snapshot(records) == before


# --- text pasted from Word or the web, huge numbers and cells, odd workbooks (issue 22 item 4) --------


def _doctor_csv(bio: str, name="d8.csv") -> object:
    path = scratch() / name
    path.write_text(",".join([*DOCTOR_HEADERS, "简介"]) + "\n" + f'd8,钱程,hncj,博士,物理学,光学,"{bio}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(("char", "becomes"), [("\u2028", "\n"), ("\u2029", "\n\n"), ("\x0b", "\n")])
def test_line_breaks_excel_does_not_show_become_line_breaks_and_a_warning_says_so(records, char, becomes, capsys):
    assert _import(_doctor_csv(f"第一段{char}第二段"), "doctor", records, "--dry-run") == 0
    captured = capsys.readouterr()
    assert f"U+{ord(char):04X}" in captured.err and "import.line-break × 1" in captured.err and "1 个警告" in captured.out
    assert _import(_doctor_csv(f"第一段{char}第二段"), "doctor", records) == 0
    assert _records_of(records, "doctors")["d8"].bio.rstrip("\n") == f"第一段{becomes}第二段"


@pytest.mark.parametrize("char", ["\x85", "\x7f", "\x0c", "\u202e"])
def test_control_characters_are_refused_at_their_cell(records, char, capsys):
    before = _snapshot(records)
    for extra in ("--dry-run", None):
        assert _import(_doctor_csv(f"第一段{char}第二段"), "doctor", records, *([extra] if extra else [])) == 1
        err = capsys.readouterr().err
        assert ":2:G（简介）: error schema.field:" in err and f"U+{ord(char):04X}" in err and "Traceback" not in err
    assert _snapshot(records) == before


def test_every_character_a_row_may_hold_is_written_as_yaml_that_reads_back():
    """The writer escapes what YAML cannot hold raw, so planning never ends in a traceback."""
    from generator.importing.yaml_text import record_yaml, same
    from generator.records.parsing import decode, parse

    texts = ["".join(chr(code) for code in range(start, start + 64)) for start in range(0, 0x3000, 64)]
    texts += ["a\u2028b\u2029c\x85d\ufeffe\U0001f600", "#注释 - [x]: {y} 'q' \"d\" |>", "  缩进开头", "结尾空格  "]
    for text in texts:
        data = {"name": text, "bio": text, "research_areas": [text, "b"]}
        assert same(parse(decode(record_yaml(data, {"bio"}).encode("utf-8", "surrogatepass"))), data)


@pytest.mark.parametrize(("digits", "kind"), [(200, "csv"), (5000, "csv"), (200, "xlsx")])
def test_numbers_with_hundreds_of_digits_are_located_errors(records, digits, kind, capsys):
    before = _snapshot(records)
    number = "9" * digits
    if kind == "csv":
        path = scratch() / "agreements.csv"
        path.write_text(",".join(AGREEMENT_HEADERS) + "\n" + ",".join(_agreement_row(funding=number)) + "\n", encoding="utf-8")
    else:
        path = _xlsx([AGREEMENT_HEADERS, _agreement_row(funding=float(number))], "agreements.xlsx")
    assert _import(path, "agreement", records, "--dry-run") == 1
    err = capsys.readouterr().err
    assert f"{path}:2:M（企业经费保障（元））: error import.cell:" in err and "Traceback" not in err
    assert _snapshot(records) == before


def test_a_csv_cell_longer_than_excel_allows_is_a_located_error(records, capsys):
    before = _snapshot(records)
    path = _doctor_csv("长" * 140_000)
    assert _import(path, "doctor", records, "--dry-run") == 1
    err = capsys.readouterr().err
    assert f"{path}:2:G（简介）: error import.cell: 单元格有 140000 个字符" in err
    assert _snapshot(records) == before


def _chartsheet_only(path):
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    data = book.active
    data.append([1, 2])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("图表").add_chart(chart)
    book.remove(data)
    book.save(path)
    return path


@pytest.mark.parametrize("extra", [["--kind", "doctor"], []])
def test_a_workbook_whose_only_sheet_is_a_chart_is_a_located_error(records, extra, capsys):
    before = _snapshot(records)
    path = _chartsheet_only(scratch() / "chart.xlsx")
    assert main(["import", str(path), *extra, "--records", str(records), "--as-of", SITE_AS_OF, "--dry-run"]) == 1
    assert f"{path}[图表]:1:A: error import.sheet: 工作簿中只有图表" in capsys.readouterr().err
    assert _snapshot(records) == before


def test_a_value_past_the_last_column_or_row_is_a_located_error(records, capsys):
    wide = _xlsx([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"]], edit=lambda ws: ws.cell(2, 300, "x"))
    assert _import(wide, "doctor", records) == 1
    assert f"{wide}:2:KN: error import.limit: 超过 200 列" in capsys.readouterr().err
    long = scratch() / "long.csv"
    long.write_text(",".join(DOCTOR_HEADERS) + "\n" + "\n" * 20_000 + "d8,钱程,hncj,博士,物理学,光学\n", encoding="utf-8")
    assert _import(long, "doctor", records) == 1
    assert f"{long}:20002:A（编号）: error import.limit: 超过 20000 行" in capsys.readouterr().err


def test_a_cell_under_no_header_is_an_error_not_dropped(records, capsys):
    path = _xlsx([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学", None, "这里没有列名"]])
    assert _import(path, "doctor", records) == 1
    assert f"{path}:2:H: error import.header: 第 H 列没有列名" in capsys.readouterr().err


# --- memory from a small attachment (issue 22 item 5) ------------------------------------------

MEMORY_BOUND = 48 * 1024 * 1024  # before streaming: 2.15 GB for the cell bomb


def test_a_small_workbook_of_millions_of_cells_fails_on_its_headers_within_bounded_memory(records):
    """20,000 × 200 numeric cells in 145 KB: the header row is read, refused, and nothing more."""
    from benchmarks.importing import cell_bomb, peak

    path = cell_bomb(scratch() / "bomb.xlsx")
    assert path.stat().st_size < 200 * 1024
    used, _, plan = peak(path, records, date.fromisoformat(SITE_AS_OF))
    assert [(p.row, p.column, p.rule) for p in plan.errors] == [(1, 1, "import.header")]
    assert used < MEMORY_BOUND / 4, f"{used / 1e6:.0f} MB"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_sheet_past_the_row_limit_stops_there_within_bounded_memory(records, suffix):
    from benchmarks.importing import doctor_rows, peak

    path = doctor_rows(scratch() / f"rows{suffix}", 20_001)
    used, _, plan = peak(path, records, date.fromisoformat(SITE_AS_OF))
    assert [(p.row, p.rule) for p in plan.errors] == [(20_001, "import.limit")] and not plan.planned
    assert used < MEMORY_BOUND, f"{used / 1e6:.0f} MB"


def test_a_sheet_that_claims_a_million_rows_is_read_as_far_as_its_cells_go(records):
    """A <dimension> of A1:XFD1048576 (some exporters write one) costs nothing."""
    from openpyxl.worksheet.dimensions import SheetDimension  # noqa: F401 - the element the file carries

    path = _xlsx([DOCTOR_HEADERS, ["d8", "钱程", "hncj", "博士", "物理学", "光学"]])
    import zipfile

    patched = scratch() / "claims.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:F2"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in data
            out.writestr(info, data)
    assert _import(patched, "doctor", records) == 0
    assert _records_of(records, "doctors")["d8"].name == "钱程"


# --- --update: a master sheet imported again (issue 23 item 8) --------------------------------


def _export(records, kind, path=None):
    path = path or scratch() / f"{kind}.xlsx"
    assert main(["export", "template", kind, "--with-records", "--records", str(records), "--as-of", SITE_AS_OF,
                 "--out", str(path)]) == 0
    return path


def _edit(path, edit):
    book = openpyxl.load_workbook(path)
    edit(book.active)
    book.save(path)
    return path


def _cell(sheet, record_id, header):
    column = next(c.column for c in sheet[1] if c.value == header)
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == record_id)
    return sheet.cell(row, column)


def test_reimporting_the_master_sheet_adds_new_rows_and_updates_changed_ones(records, capsys):
    """The clerk's week: export the doctors, change one title, add one doctor, import the whole sheet again."""
    (records / "doctors/d2.yml").write_text("# 由科研处维护\n" + (records / "doctors/d2.yml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    before = _snapshot(records)
    sheet = _edit(_export(records, "doctor"), lambda ws: (
        setattr(_cell(ws, "d2", "职称"), "value", "教授"), ws.append(["d9", "周新", "hncj", "博士", "化学", None, "催化"])))
    assert _import(sheet, "doctor", records) == 1
    assert "import.exists" in capsys.readouterr().err and _snapshot(records) == before
    assert _import(sheet, "doctor", records, "--update", "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"将修改 {records}/doctors/d2.yml（第 3 行）：\n  title（职称）：" in out and "→ 教授" in out
    assert f"将新增 {records}/doctors/d9.yml" in out and "新增 1 条、修改 1 条记录（3 条没有变化）" in out
    assert _snapshot(records) == before
    assert _import(sheet, "doctor", records, "--update") == 0
    after = _snapshot(records)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"doctors/d2.yml", "doctors/d9.yml"}
    d2 = after["doctors/d2.yml"].decode("utf-8")
    assert d2.startswith("# 由科研处维护\n") and d2.replace("title: 教授\n", "") == before["doctors/d2.yml"].decode("utf-8")


def test_update_replaces_only_the_keys_a_row_gives_and_removes_those_written_delete(records, capsys):
    path = records / "agreements/a1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("focus:", "# 合作重点经双方商定\nfocus:")
                    .replace("coordinator: 王强", "coordinator: 王强  # 企业项目推进负责人"), encoding="utf-8")
    rows = [["编号", "备案编号", "企业项目推进负责人", "企业经费保障（元）"], ["a1", "平高科备〔2026〕9号", "（删除）", "600,000"]]
    assert _import(_xlsx(rows, "a.xlsx"), "agreement", records, "--update", "--dry-run") == 1  # coordinator is required
    err = capsys.readouterr().err
    assert ":2:C（企业项目推进负责人）: error schema.field:" in err
    rows[1][2] = "李四"
    assert _import(_xlsx(rows, "a.xlsx"), "agreement", records, "--update") == 0
    out = capsys.readouterr().out
    assert "  filing.number（备案编号）：平高科备〔2026〕1号 → 平高科备〔2026〕9号\n" in out
    assert "  coordinator（企业项目推进负责人）：王强 → 李四\n" in out and "  funding_yuan（企业经费保障（元））：500000 → 600000\n" in out
    text = path.read_text(encoding="utf-8")
    assert "# 合作重点经双方商定\nfocus:" in text and "coordinator: 李四  # 企业项目推进负责人\n" in text
    assert "  number: 平高科备〔2026〕9号\n  date: 2026-02-25\n" in text and "needs: [n1]" in text


def test_delete_removes_a_key_and_says_so(records, capsys):
    rows = [["编号", "职称"], ["d1", "（删除）"]]
    assert _import(_xlsx(rows), "doctor", records, "--update") == 0
    assert "  title（职称）：副教授 → （删除）" in capsys.readouterr().out
    assert "title" not in (records / "doctors/d1.yml").read_text(encoding="utf-8")
    assert _records_of(records, "doctors")["d1"].title is None


def test_delete_without_update_is_an_error(records, capsys):
    path = _xlsx([[*DOCTOR_HEADERS, "职称"], ["d8", "钱程", "hncj", "博士", "物理学", "光学", "（删除）"]])
    assert _import(path, "doctor", records) == 1
    assert f"{path}:2:G（职称）: error import.cell: 单元格写的是“（删除）”：只有加 --update" in capsys.readouterr().err


def test_update_on_an_unknown_id_in_a_partial_row_is_an_error(records, capsys):
    """A typo in an id (dl for d1) must not create a half record: the row lacks what a new record needs."""
    before = _snapshot(records)
    path = _xlsx([["编号", "职称"], ["d1", "教授"], ["dl", "教授"]])
    assert _import(path, "doctor", records, "--update") == 1
    err = capsys.readouterr().err
    assert f"{path}:3:A（编号）: error import.unknown-id: 编号“dl”不存在" in err and "“姓名”“派出单位”“学位”“学科专业”" in err
    assert _snapshot(records) == before


def test_an_update_that_cannot_keep_the_file_as_written_is_refused(records, capsys):
    path = records / "reports/a1/2026Q1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("""work:
  - duty: 技术难题
    title: 注塑件翘曲问题分析
""", "work: [{duty: 技术难题, title: 注塑件翘曲问题分析}]\n"), encoding="utf-8")
    before = _snapshot(records)
    sheet = _xlsx([["编号", "工作事项1.详细说明"], ["a1/2026Q1", "补充说明"]])
    assert _import(sheet, "report", records, "--update") == 1
    assert f"{sheet}:2:A（编号）: error import.update: 无法在保留原有格式和注释的前提下修改" in capsys.readouterr().err
    assert _snapshot(records) == before


def test_an_update_keeps_crlf_line_ends_and_a_byte_order_mark(records):
    path = records / "doctors/d1.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert _import(_xlsx([["编号", "职称"], ["d1", "教授"]]), "doctor", records, "--update") == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"title: \xe6\x95\x99\xe6\x8e\x88\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_a_file_changed_after_planning_undoes_the_update(records):
    from generator.errors import ExportError
    from generator.importing.plan import plan_import, write_plan

    rows = [[*DOCTOR_HEADERS, "职称"], ["d8", "钱程", "hncj", "博士", "物理学", "光学", None],
            ["d1", "张伟", "hncj", "博士", "材料", "尼龙", "教授"]]
    plan = plan_import(_xlsx(rows), "doctor", records, date.fromisoformat(SITE_AS_OF), update=True)
    assert [p.path for p in plan.planned] == ["doctors/d8.yml", "doctors/d1.yml"] and not plan.errors
    (records / "doctors/d1.yml").write_text("name: 别人刚改过\n", encoding="utf-8")
    with pytest.raises(ExportError, match="在导入期间被修改"):
        write_plan(plan, records)
    assert not (records / "doctors/d8.yml").exists()
    assert (records / "doctors/d1.yml").read_text(encoding="utf-8") == "name: 别人刚改过\n"


# --- a workbook of every kind, sheet by sheet (issue 23 item 8) -------------------------------

SHEET_KINDS = ["university", "doctor", "enterprise", "need", "agreement", "report", "final-report", "evaluation", "meeting",
               "visit", "support"]


def test_the_import_order_is_the_contracts():
    from generator.records.kinds import import_order

    assert import_order() == SHEET_KINDS


def _workbook(records, kinds, path, extra=None):
    """`export template all --with-records`, keeping the sheets of `kinds` in that order."""
    from generator.records.kinds import KINDS

    book = openpyxl.load_workbook(_export(records, "all", path))
    assert book.sheetnames == [KINDS[kind].title for kind in SHEET_KINDS]
    for sheet in list(book.worksheets):
        if sheet.title not in [KINDS[kind].title for kind in kinds]:
            book.remove(sheet)
    book._sheets.sort(key=lambda sheet: [KINDS[kind].title for kind in kinds].index(sheet.title))
    if extra:
        extra(book)
    book.save(path)
    return path


def test_a_workbook_of_every_kind_imports_in_dependency_order_whatever_its_sheet_order(records, capsys):
    """The whole test program through one workbook, its sheets backwards: the same records again."""
    folders = ["universities", "doctors", "enterprises", "needs", "agreements", "reports", "evaluations", "meetings",
               "visits", "supports"]
    before = {folder: _records_of(records, folder) for folder in folders}
    path = _workbook(records, list(reversed(SHEET_KINDS)), scratch() / "all.xlsx")
    for folder in folders:
        shutil.rmtree(records / folder)
    assert main(["import", str(path), "--records", str(records), "--as-of", SITE_AS_OF]) == 0
    out = capsys.readouterr().out
    assert out.index("universities/") < out.index("doctors/") < out.index("agreements/") < out.index("meetings/") \
        < out.index("visits/") < out.index("supports/")
    for folder in folders:
        assert _content(_records_of(records, folder)) == _content(before[folder]), folder


def test_sheets_may_be_named_as_the_ledger_names_them_or_as_excel_copies_them(records):
    from generator.importing.sheets import kind_of_sheet

    assert [kind_of_sheet(name) for name in ("博士", "doctors", "doctor", "博士 (2)", "博士（2）", "入驻协议", "年度评价", "期满评价",
                                             "季度报送", "需求", "企业", "入驻企业", " 恳谈会 ")] == [
        "doctor", "doctor", "doctor", "doctor", "doctor", "agreement", "evaluation", "evaluation", "report", "need",
        "enterprise", "enterprise", "meeting"]


def test_every_sheet_of_the_ledger_is_a_kind_or_known_as_derived(records):
    from generator.importing.sheets import DERIVED_LEDGER_SHEETS, kind_of_sheet

    path = scratch() / "ledger.xlsx"
    assert main(["export", "ledger", "--audience", "internal", "--records", str(records), "--as-of", SITE_AS_OF,
                 "--out", str(path)]) == 0
    titles = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert all(kind_of_sheet(title) or title in DERIVED_LEDGER_SHEETS for title in titles), titles


def test_a_sheet_named_by_no_kind_is_a_clear_error_and_nothing_is_written(records, capsys):
    def extra(book):
        book.create_sheet("备注").append(["这里是说明"])
        book.create_sheet("光荣榜").append(["评价轮次"])
        book.create_sheet("Sheet1")  # empty: skipped with a warning

    path = _workbook(records, ["doctor"], scratch() / "two.xlsx", extra)
    for doctor in (records / "doctors").iterdir():
        doctor.unlink()
    before = _snapshot(records)
    assert main(["import", str(path), "--records", str(records), "--as-of", SITE_AS_OF]) == 1
    err = capsys.readouterr().err
    assert f"{path}[备注]: error import.sheet: 工作表“备注”的名称不是一类记录" in err and "派出单位、博士、入驻企业" in err
    assert f"{path}[光荣榜]: error import.sheet: 工作表“光荣榜”是台账中由记录推算出的汇总" in err
    assert "Sheet1" not in err.split("个警告")[0] and "import.sheet × 1：工作表“Sheet1”是空的，已跳过" in err
    assert _snapshot(records) == before


def test_problems_in_a_workbook_name_their_sheet(records, capsys):
    path = _workbook(records, ["doctor"], scratch() / "one.xlsx",
                     lambda book: book["博士"].append(["d9", "周新", "nowhere", "博士", "化学", None, "催化"]))
    assert main(["import", str(path), "--records", str(records), "--as-of", SITE_AS_OF]) == 1
    err = capsys.readouterr().err
    assert f"{path}[博士]:2:A（编号）: error import.exists:" in err
    assert f"{path}[博士]:" in err and "error ref.missing" in err


def test_a_csv_without_kind_is_a_usage_error(records, capsys):
    path = scratch() / "d.csv"
    path.write_text(",".join(DOCTOR_HEADERS) + "\n", encoding="utf-8")
    assert main(["import", str(path), "--records", str(records)]) == 2
    assert "请用 --kind 指明记录类别" in capsys.readouterr().err


# --- errors first, warnings counted (issue 23 item 8) -----------------------------------------


def test_errors_come_first_and_warnings_are_counted_by_rule(records, capsys):
    """Agreements imported before their reports: two errors stand out from the report-missing warnings."""
    sheet = _export(records, "agreement")
    for folder in ("agreements", "reports", "evaluations", "meetings", "visits", "supports"):
        shutil.rmtree(records / folder)
    _edit(sheet, lambda ws: (setattr(_cell(ws, "a2", "入驻岗位"), "value", None),
                             setattr(_cell(ws, "a3", "入驻开始日期"), "value", "2026/13/3")))
    assert _import(sheet, "agreement", records, "--as-of", "2029-01-01") == 1
    lines = capsys.readouterr().err.splitlines()
    errors = [line for line in lines if ": error " in line]
    assert len(errors) == 2 and lines[:2] == errors
    assert lines[2].endswith("个警告，按规则汇总（加 --warnings 逐条列出）：")
    assert any(line.startswith("  art13.report-missing × ") and "（第十三条）" in line for line in lines)
    warnings = int(lines[2].split(" ")[0])
    assert warnings > 10 and lines[-1].endswith(f"2 个错误，{warnings} 个警告：没有写入任何文件")
    assert _import(sheet, "agreement", records, "--as-of", "2029-01-01", "--warnings") == 1
    listed = capsys.readouterr().err.splitlines()
    assert sum(": warning art13.report-missing:" in line for line in listed) > 10 and listed[:2] == errors


VISIT_HEADERS = ["编号", "走访日期", "走访类型", "走访企业", "派出单位", "走访单位及人员1.走访单位", "走访单位及人员1.走访人员",
                 "走访方式", "走访情况", "发现的问题1.问题编号", "发现的问题1.问题", "发现的问题1.主办单位", "发现的问题1.办理期限",
                 "发现的问题2.问题编号", "发现的问题2.问题", "发现的问题2.主办单位", "发现的问题2.办理期限",
                 "发现的问题2.延期.延期至", "发现的问题2.延期.延期原因"]


def test_a_visit_with_its_problems_as_numbered_groups(records):
    row = ["v-import", date(2027, 4, 1), "派出单位调研", "e1", "hncj", "河南城建学院", "王某某（副校长）；李某（处长）",
           "实地", "了解入驻情况。", "p1", "中试场地不足", "科技创新局", date(2027, 6, 30),
           "p2", "检测设备共享", "园区", date(2027, 5, 31), date(2027, 6, 30), "等待设备到货"]
    assert _import(_xlsx([VISIT_HEADERS, row], "visits.xlsx"), "visit", records) == 0
    visit = _records_of(records, "visits")["v-import"]
    assert [p.id for p in visit.problems] == ["p1", "p2"] and visit.problems[1].extended.reason == "等待设备到货"
    assert visit.visitors[0].people == ["王某某（副校长）", "李某（处长）"]


def test_a_problem_without_its_owner_or_the_reason_of_its_extension_is_placed_at_its_column(records, capsys):
    row = ["v-import", date(2027, 4, 1), "派出单位调研", "e1", "hncj", "河南城建学院", None,
           "实地", "了解入驻情况。", "p1", "中试场地不足", None, date(2027, 6, 30),
           "p2", "检测设备共享", "园区", date(2027, 5, 31), date(2027, 6, 30), None]
    before = _snapshot(records)
    assert _import(_xlsx([VISIT_HEADERS, row], "visits.xlsx"), "visit", records) == 1
    err = capsys.readouterr().err
    assert "visits.xlsx:2:L（发现的问题1.主办单位）: error schema.field: 缺少必填键 problems[0].owner" in err
    assert "visits.xlsx:2:S（发现的问题2.延期.延期原因）: error schema.field: 缺少必填键 problems[1].extended.reason" in err
    assert _snapshot(records) == before


def test_a_support_through_its_stages(records, capsys):
    headers = ["编号", "类型", "名称", "级别", "企业", "博士", "阶段1.阶段", "阶段1.日期", "阶段2.阶段", "阶段2.日期", "阶段2.文号"]
    good = ["s-import", "科技项目", "尼龙66耐热改性关键技术研究", "市级", "e1", "d1", "申报", date(2026, 4, 1), "立项",
            date(2026, 6, 1), "平科〔2026〕8号"]
    backwards = ["s-backwards", "科技项目", "某项目", "市级", "e1", "d1", "申报", date(2026, 6, 1), "立项", date(2026, 4, 1), None]
    assert _import(_xlsx([headers, good, backwards], "supports.xlsx"), "support", records) == 1
    err = capsys.readouterr().err
    assert "supports.xlsx:3:J（阶段2.日期）: error art18.stages" in err  # going backwards
    assert "supports.xlsx:3:K（阶段2.文号）: error art18.stages" in err  # 立项 without its 文号
    assert _import(_xlsx([headers, good], "supports.xlsx"), "support", records) == 0
    assert _records_of(records, "supports")["s-import"].stages[1].number == "平科〔2026〕8号"
