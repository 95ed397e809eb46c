"""export scoring → a party fills its sheet → import --kind scores: the round's scores, all or nothing, every bad cell named."""

from __future__ import annotations

import shutil
from datetime import date

import openpyxl
import pytest

from generator.cli import main
from generator.rules.validate import validate_records

from .support import ROOT, scratch, site_records

AS_OF = "2027-04-30"  # every residency year begun in 2026 has ended
INDICATORS = "IJKLM"  # the indicator columns: 履职尽责 … 企业满意度
DATE, OPINION = "O", "P"
ROUND_2026 = ["e2026-chen-lei", "e2026-guo-lin", "e2026-liu-yang", "e2026-wu-fang", "e2026-zhang-wei", "e2026-zhao-min",
              "e2026-zheng-kai", "e2026-zhou-qiang"]


@pytest.fixture
def records():
    folder = scratch()
    shutil.copytree(ROOT / "schemas", folder / "schemas")
    return shutil.copytree(ROOT / "records", folder / "records")


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _export(records, round_, party, *extra) -> tuple[int, object]:
    out = scratch() / "sheet.xlsx"
    code = main(["export", "scoring", str(round_), "--party", party, "--records", str(records), "--as-of", AS_OF,
                 "--out", str(out), *extra])
    return code, out


def _import(path, records, *extra) -> int:
    return main(["import", str(path), "--kind", "scores", "--records", str(records), "--as-of", AS_OF, *extra])


def _fill(path, points, when=date(2027, 3, 10), rows=None, edit=None):
    """Fill every row (or `rows`) as a party would: its points, the date; `edit(sheet)` for anything else."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for row in rows or range(3, sheet.max_row + 1):
        for column, value in zip(INDICATORS, points):
            sheet[f"{column}{row}"] = value
        sheet[f"{DATE}{row}"] = when
    if edit:
        edit(sheet)
    book.save(path)
    return path


def _evaluation(records, evaluation_id):
    program = validate_records(records, date.fromisoformat(AS_OF)).program
    return program.evaluations[evaluation_id]


def test_the_sheet_names_round_and_party_and_has_a_row_per_residency_due(records):
    code, path = _export(records, 2026, "入驻企业")
    assert code == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "2026 轮年度考核评分表（评分单位：入驻企业）" and sheet.protection.sheet
    assert [cell.value for cell in sheet[2]][8:] == ["履职尽责（20分）", "技术攻关与技术升级（30分）", "项目申报与平台建设（20分）",
                                                     "成果转化（15分）", "企业满意度（15分）", "合计", "评分日期", "评分意见"]
    assert [sheet[f"A{row}"].value for row in range(3, sheet.max_row + 1)] == ROUND_2026
    # 陈磊's second residency: its year, its reports' counts
    assert [cell.value for cell in sheet[3]][1:8] == ["a2026-001", "陈磊", "平顶山云智信息技术有限公司", "2026-03-01 至 2027-02-28",
                                                       3, 6, 3]
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert rules["J3:J10"].formula1 == "AND(ISNUMBER(J3),J3>=0,J3<=30,ROUND(J3,1)=J3)"
    assert not sheet["I3"].protection.locked and sheet["A3"].protection.locked


def test_a_residency_year_not_yet_ended_is_not_due(records):
    code, path = _export(records, 2026, "入驻企业", "--as-of", "2027-03-15", "--force")
    assert code == 0
    sheet = openpyxl.load_workbook(path).active
    assert "e2026-guo-lin" not in [sheet[f"A{row}"].value for row in range(3, sheet.max_row + 1)]  # ends 2027-03-31


def test_the_party_s_existing_points_are_filled_in(records):
    _, path = _export(records, 2025, "高校科研处")
    sheet = openpyxl.load_workbook(path).active
    row = [cell.value for cell in sheet[7]]  # e2025-sun-li, the fifth by id
    assert row[0] == "e2025-sun-li" and row[8:13] == [18, 27, 17, 13, 14] and row[15] == "按计划完成入驻工作。"


@pytest.mark.parametrize(("args", "message"), [
    (["2026", "--party", "外单位"], "评分单位“外单位”不在 policy.yml 的 evaluation.parties 之中"),
    (["2030", "--party", "入驻企业"], "2030 轮没有需要评分的人员"),
])
def test_export_refuses_an_unknown_party_or_an_empty_round(records, capsys, args, message):
    out = scratch() / "sheet.xlsx"
    assert main(["export", "scoring", *args, "--records", str(records), "--as-of", AS_OF, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_export_and_import_refuse_a_policy_without_an_evaluation_block(capsys):
    records = site_records(scratch() / "records")
    policy = records / "policy.yml"
    text = policy.read_text(encoding="utf-8")
    start = text.index("evaluation:\n")
    end = text.index("\n", text.index("publicity_days:", start)) + 1
    policy.write_text(text[:start] + text[end:], encoding="utf-8")
    assert _export(records, 2025, "入驻企业")[0] == 2
    assert "policy.yml 没有 evaluation" in capsys.readouterr().err
    assert _import(_fill(_export(ROOT / "records", 2026, "入驻企业")[1], (18, 27, 17, 13, 13)), records) == 2
    assert "policy.yml 没有 evaluation（考核评分办法）：不能导入评分表" in capsys.readouterr().err


def test_round_trip_four_parties_create_the_round_and_it_validates(records, capsys):
    """Each party fills its sheet; the first import creates the evaluations, the others add their scores."""
    parties = {"入驻企业": (18, 27, 17, 13, 13), "高校科研处": (17, 26, 16, 12, 13), "科技创新局": (18, 27.5, 17, 13, 13),
               "党群工作部": (17, 26, 16, 12.5, 12)}
    for party, points in parties.items():
        _, path = _export(records, 2026, party)
        _fill(path, points)
        assert _import(path, records) == 0, capsys.readouterr().err
    result = validate_records(records, date.fromisoformat(AS_OF))
    assert not result.errors
    evaluation = result.program.evaluations["e2026-zheng-kai"]
    assert evaluation.agreement == "a2026-002" and evaluation.round == 2026 and evaluation.grade == "合格"
    assert (evaluation.covers.from_, evaluation.covers.to) == (date(2026, 3, 1), date(2027, 2, 28))
    assert [score.party for score in evaluation.scores] == list(parties)
    assert evaluation.scores[2].points["技术攻关与技术升级"] == 27.5
    out = capsys.readouterr().out
    assert "2026 轮（导入后）：参评 8 人，优秀最多 2 人" in out and "e2026-zheng-kai 郑凯：总分 86.7，应得“合格”，等次“合格”" in out


def test_an_evaluation_reaching_the_excellent_floor_waits_for_staff(records, capsys):
    """The import never grades excellent (the cap, the reward, the 公示): the next grade down, with the reason."""
    _, path = _export(records, 2026, "科技创新局")
    _fill(path, (19, 28, 19, 14, 14), rows=[3])
    assert _import(path, records) == 0, capsys.readouterr().err
    evaluation = _evaluation(records, "e2026-chen-lei")
    assert evaluation.grade == "合格" and evaluation.grade_reason.startswith("总分达到优秀分数线，是否评为优秀待按本轮名额确定")
    _, path = _export(records, 2026, "科技创新局", "--force")
    _fill(path, (15, 20, 15, 10, 10), rows=[3])
    assert _import(path, records) == 0
    evaluation = _evaluation(records, "e2026-chen-lei")
    assert evaluation.grade == "合格" and evaluation.grade_reason is None
    assert "grade_reason（等次说明）：总分达到优秀分数线" in capsys.readouterr().out


def test_a_correction_replaces_the_party_s_entry_and_keeps_every_comment(records, capsys):
    target = records / "evaluations/e2025-chen-lei.yml"
    text = "# 陈磊 2025 年度评价（科技创新局维护）\n" + target.read_text(encoding="utf-8").replace(
        "grade: 合格\n", "grade: 合格   # 评审会确定\n")
    target.write_text(text, encoding="utf-8")
    _, path = _export(records, 2025, "入驻企业")

    def correct(sheet):
        sheet["I3"] = 17.5
        sheet[f"{OPINION}3"] = "更正：履职尽责扣0.5分。"

    book = openpyxl.load_workbook(path)
    correct(book.active)
    book.save(path)
    assert _import(path, records) == 0, capsys.readouterr().err
    after = target.read_text(encoding="utf-8")
    assert after == text.replace("points: {履职尽责: 17, 技术攻关与技术升级: 26, 项目申报与平台建设: 16, 成果转化: 12, 企业满意度: 13}\n",
                                 "points: {履职尽责: 17.5, 技术攻关与技术升级: 26, 项目申报与平台建设: 16, 成果转化: 12, 企业满意度: 13}\n"
                                 "    opinion: |\n      更正：履职尽责扣0.5分。\n", 1)
    out = capsys.readouterr().out
    assert "scores.1.points.履职尽责：17 → 17.5" in out and "（9 条没有变化）" in out
    assert "e2025-chen-lei 陈磊：总分 82.5，应得“合格”，等次“合格”  ← 本次导入" in out


def test_a_dry_run_writes_nothing_and_shows_the_round(records, capsys):
    _, path = _export(records, 2026, "入驻企业")
    _fill(path, (18, 27, 17, 13, 13))
    before = _snapshot(records)
    assert _import(path, records, "--dry-run") == 0
    assert _snapshot(records) == before
    out = capsys.readouterr().out
    assert "将新增" in out and "e2026-zhou-qiang 周强：总分 88.0（1/4 个单位已评分），等次“合格”  ← 本次导入" in out
    assert "试运行：新增 8 条" in out


def test_rows_left_empty_are_not_scored(records, capsys):
    _, path = _export(records, 2026, "入驻企业")
    _fill(path, (18, 27, 17, 13, 13), rows=[4])
    assert _import(path, records) == 0, capsys.readouterr().err
    assert (records / "evaluations/e2026-guo-lin.yml").exists()
    assert not (records / "evaluations/e2026-chen-lei.yml").exists()


def _set(**cells):
    def edit(sheet):
        for where, value in cells.items():
            sheet[where] = value
    return edit


@pytest.mark.parametrize(("edit", "expected"), [
    (_set(I3=21), ":3:I（履职尽责（20分））: error import.scores-points: “履职尽责”的得分 21 超出 0 至 20 分"),
    (_set(J3=-1), ":3:J（技术攻关与技术升级（30分））: error import.scores-points: “技术攻关与技术升级”的得分 -1 超出 0 至 30 分"),
    (_set(K3=17.25), ":3:K（项目申报与平台建设（20分））: error import.scores-points: “项目申报与平台建设”的得分 17.25 多于一位小数"),
    (_set(K3="十七"), ":3:K（项目申报与平台建设（20分））: error import.scores-points: “项目申报与平台建设”的得分应为数字"),
    (_set(L3=None), ":3:L（成果转化（15分））: error import.scores-points: 缺少“成果转化”的得分"),
    (_set(O3=None), ":3:O（评分日期）: error import.scores-date: 缺少评分日期"),
    (_set(O3="2027-02-30"), ":3:O（评分日期）: error import.cell: 日期“2027-02-30”不存在"),
    (_set(M2="创新能力（15分）"), ":2:M（创新能力（15分））: error import.scores-indicator: 未知的考核指标列“创新能力（15分）”"),
    (_set(A1="2026 轮年度考核评分表（评分单位：外单位）"), ":1: error import.scores-party: 评分单位“外单位”不在"),
    (_set(A1="评分表"), ":1: error import.header: 第一行应是评分表的标题"),
    (_set(A3="e2026-nobody"), ":3:A（编号）: error import.unknown-id: 编号“e2026-nobody”不是 2026 轮需要评分的人员"),
    (_set(A3="e2025-chen-lei"), ":3:A（编号）: error import.unknown-id: e2025-chen-lei 是 2025 轮的年度评价，而这张评分表是 2026 轮的"),
    (_set(A4="e2026-chen-lei"), ":4:A（编号）: error import.duplicate: 编号“e2026-chen-lei”与第 3 行重复"),
    (_set(O3="2027-05-01"), "error data.dates"),  # after --as-of: found by validating the program as it would be
])
def test_bad_input_is_named_where_it_is_and_nothing_is_written(records, capsys, edit, expected):
    _, path = _export(records, 2026, "入驻企业")
    _fill(path, (18, 27, 17, 13, 13), edit=edit)
    before = _snapshot(records)
    assert _import(path, records) == 1
    err = capsys.readouterr().err
    assert f"{path}[入驻企业]" in err and expected in err, err
    assert "没有写入任何文件" in err and _snapshot(records) == before


def test_two_sheets_of_one_party_or_of_two_rounds_are_refused(records, capsys):
    _, first = _export(records, 2026, "入驻企业")
    _fill(first, (18, 27, 17, 13, 13))
    book = openpyxl.load_workbook(first)
    copy = book.copy_worksheet(book.active)
    copy.title = "入驻企业（二）"
    book.save(first)
    before = _snapshot(records)
    assert _import(first, records) == 1
    err = capsys.readouterr().err
    assert "[入驻企业（二）]:1: error import.scores-party: 入驻企业 的评分表与工作表“入驻企业”重复" in err
    copy["A1"] = "2025 轮年度考核评分表（评分单位：科技创新局）"
    book.save(first)
    assert _import(first, records) == 1
    assert "error import.scores-round: 这是 2025 轮的评分表，而工作表“入驻企业”是 2026 轮的" in capsys.readouterr().err
    assert _snapshot(records) == before


def test_sheets_of_several_parties_import_together(records, capsys):
    _, first = _export(records, 2026, "入驻企业")
    _fill(first, (18, 27, 17, 13, 13), rows=[3])
    book = openpyxl.load_workbook(first)
    other = book.copy_worksheet(book.active)
    other.title = "科技创新局"
    other["A1"] = "2026 轮年度考核评分表（评分单位：科技创新局）"
    other["I3"] = 16
    book.save(first)
    assert _import(first, records) == 0, capsys.readouterr().err
    evaluation = _evaluation(records, "e2026-chen-lei")
    assert [(score.party, score.points["履职尽责"]) for score in evaluation.scores] == [("入驻企业", 18), ("科技创新局", 16)]


def test_a_csv_file_is_refused(records, capsys):
    path = scratch() / "scores.csv"
    path.write_text("编号\n", encoding="utf-8")
    assert _import(path, records) == 2
    assert "只导入 gaoxin export scoring 导出的 .xlsx 评分表" in capsys.readouterr().err
