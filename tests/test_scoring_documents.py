"""Scoring's documents and views (第十五、十六条): the 考核登记表, the 考核结果公示, the 通报's counts, the ledger, the site."""

from __future__ import annotations

import copy
import re
import shutil
import zipfile
from datetime import date

import openpyxl
import pytest
from docx import Document

from generator.cli import main
from generator.documents.registration import registration_document
from generator.documents.results import results_document
from generator.documents.table_widths import column_widths
from generator.errors import UsageError
from generator.queries.view import ProgramView
from generator.records.loading import load

from .support import ROOT, built_sample, first_page_png, pdf_pages, render_pdfs, scratch

AS_OF = "2026-11-29"


@pytest.fixture(scope="module")
def sample() -> ProgramView:
    return ProgramView(load(ROOT / "records")[0], date.fromisoformat(AS_OF))


def _export(*args, records=ROOT / "records") -> int:
    return main(["export", *args, "--records", str(records), "--as-of", AS_OF])


def _text(docx) -> str:
    with zipfile.ZipFile(docx) as archive:
        return re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8"))


def _records_with(tmp_path, edit) -> object:
    """A copy of the sample records, each evaluation's text passed through `edit(name, text)`."""
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    for path in (records / "evaluations").glob("*.yml"):
        path.write_text(edit(path.stem, path.read_text(encoding="utf-8")), encoding="utf-8")
    return records


# 考核登记表 -------------------------------------------------------------------------------


def test_the_registration_form_holds_the_year_the_points_and_the_grades(sample):
    gongwen = registration_document(sample, "e2025-sun-li")
    text = gongwen.text()
    assert gongwen.title == "2025年度“百名博士进高新”\n入驻博士考核登记表"
    for expected in ("孙莉", "平顶山学院", "讲师，生物工程", "平顶山康源生物医药有限公司", "科研中心副主任",
                     "2025年3月1日至2026年2月28日",  # the term, and the period covered
                     "考核期间提交季度工作报送5份（2025年第一、二、三、四季度，2026年第一季度）",
                     "申请专利1件", "高产菌种诱变选育", "技术攻关与技术升级",
                     "92.0分（权重40%）", "菌种改良取得阶段成果，工作认真负责。",  # a party's total and opinion
                     "负责人签字", "（盖章）", "日期：2026年3月5日",
                     "加权总分90.6分", "排第4名", "按总分应得等次：优秀。", "评定等次：合格。",
                     "说明：总分达到优秀分数线，本轮优秀名额（3人）已满。"):
        assert expected in text, expected
    assert text.count("负责人签字") == 4  # one signature and seal line per party
    assert (gongwen.issuer, gongwen.date) == ("中共平顶山高新区工作委员会", date(2026, 3, 16))


def test_a_written_grade_reason_is_stated(tmp_path):
    records = _records_with(tmp_path, lambda name, text: text.replace("grade: 合格", "grade: 合格\ngrade_reason: 企业满意度调查后降等")
                            if name == "e2025-chen-lei" else text)
    view = ProgramView(load(records)[0], date.fromisoformat(AS_OF))
    assert "说明：企业满意度调查后降等。" in registration_document(view, "e2025-chen-lei").text()


def test_a_party_that_has_not_scored_gets_an_empty_box_to_fill_in(sample):
    evaluation = sample.program.evaluations["e2025-sun-li"]
    unscored = evaluation.model_copy(update={"scores": evaluation.scores[:1]})
    program = copy.copy(sample.program)
    program.folders = {**program.folders, "evaluations": {**program.evaluations, "e2025-sun-li": unscored}}
    text = registration_document(ProgramView(program, sample.as_of), "e2025-sun-li").text()
    assert "高校科研处、科技创新局、党群工作部尚未评分" in text and "按总分应得等次" not in text
    assert text.count("年\u3000\u3000月\u3000\u3000日") == 3  # a date to write by hand in each empty box


@pytest.mark.parametrize(("evaluation", "message"), [
    ("nobody", "没有评价 nobody：已有的年度评价为 e2025-chen-lei"),
    ("q-a2025-002", "是期满评价：考核登记表只对年度评价填写"),
])
def test_the_registration_form_is_refused_for_what_it_cannot_be(evaluation, message, capsys):
    out = scratch() / "refused.docx"
    assert _export("registration", evaluation, "--out", str(out)) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_the_registration_form_needs_the_policy_s_scoring(sample):
    program = sample.program.with_policy(sample.policy.model_copy(update={"evaluation": None}))
    with pytest.raises(UsageError, match=r"policy\.yml 没有 evaluation"):
        registration_document(ProgramView(program, sample.as_of), "e2025-sun-li")


# 考核结果公示 ------------------------------------------------------------------------------


def test_the_results_list_every_doctor_by_grade_in_stroke_order(sample):
    gongwen = results_document(sample, 2025)
    text = gongwen.text()
    assert "2025年度参评入驻博士10人，其中优秀3人、合格5人、不合格2人。" in text
    headings = [block.text for block in gongwen.blocks if type(block).__name__ == "Heading"]
    assert headings[1:4] == ["优秀（3人）", "合格（5人）", "不合格（2人）"]  # policy.grades order
    tables = [block for block in gongwen.blocks if type(block).__name__ == "Table"]
    assert [row[1] for row in tables[0].rows] == ["王浩", "刘洋", "张伟"]  # 王 4, 刘 6, 张 7 strokes
    assert [row[1] for row in tables[1].rows] == ["马晓宇", "孙莉", "吴芳", "陈磊", "赵敏"]
    # the periods differ: the shared one, then the late evaluation's by name
    assert ("2026年3月20日至2026年3月26日（共7天）；其中马晓宇的考核结果公示时间为2026年7月20日至2026年7月24日（共5天）。"
            in text)
    assert "请以书面形式向平顶山高新区科技创新局反映" in text
    assert (gongwen.issuer, gongwen.date) == ("平顶山高新区科技创新局", date(2026, 3, 20))
    assert not re.search(r"\d+\.\d分|加权|90\.6", text)  # a 公示 is public: no scores


def test_the_grades_tables_line_up(tmp_path):
    """Every grade's table is sized from all of them, so the columns stand one above another in the 公示."""
    out = tmp_path / "公示.docx"
    assert _export("results", "2025", "--out", str(out)) == 0
    grids = [[column.width for column in table.columns] for table in Document(str(out)).tables]
    assert len(grids) == 3 and grids[0] == grids[1] == grids[2]


def test_a_grade_nobody_got_is_counted_as_none(tmp_path):
    records = _records_with(tmp_path, lambda name, text: text)
    policy = records / "policy.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("grades: [优秀, 合格, 不合格]", "grades: [优秀, 合格, 基本合格, 不合格]"),
                      encoding="utf-8")
    gongwen = results_document(ProgramView(load(records)[0], date.fromisoformat(AS_OF)), 2025)
    assert "其中优秀3人、合格5人、基本合格0人、不合格2人。" in gongwen.text() and "无。" in gongwen.text()


def _without_publicity(name, text):
    return re.sub(r"publicity:\n  from: .*\n  to: .*\n?", "", text)


def test_results_without_a_recorded_publicity_need_the_period_given(tmp_path, capsys):
    records = _records_with(tmp_path, _without_publicity)
    out = tmp_path / "results.docx"
    assert _export("results", "2025", "--out", str(out), records=records) == 2
    err = capsys.readouterr().err
    assert "2025 轮有 10 份年度评价没有记录公示期（publicity）" in err and "--from YYYY-MM-DD --to YYYY-MM-DD" in err
    assert not out.exists()
    assert _export("results", "2025", "--from", "2026-03-20", "--out", str(out), records=records) == 2
    assert "同时给出 --from 和 --to" in capsys.readouterr().err
    assert _export("results", "2025", "--from", "2026-03-26", "--to", "2026-03-20", "--out", str(out), records=records) == 2
    assert "晚于 --to" in capsys.readouterr().err
    assert _export("results", "2025", "--from", "2026-03-20", "--to", "2026-03-22", "--out", str(out), records=records) == 2
    assert "只有 3 天：考核结果至少公示 5 天" in capsys.readouterr().err and not out.exists()
    assert _export("results", "2025", "--from", "2026-04-01", "--to", "2026-04-07", "--out", str(out), records=records) == 0
    text = _text(out)
    assert "2026年4月1日至2026年4月7日（共7天）。" in text and "其中" not in text.split("公示时间")[1]
    assert "2026年4月1日" in text.split("以便核实。")[1]  # dated by the first day of the 公示


def test_given_dates_fill_only_the_evaluations_without_publicity(tmp_path, capsys):
    records = _records_with(tmp_path, lambda name, text: _without_publicity(name, text) if name == "e2025-ma-xiaoyu" else text)
    out = tmp_path / "results.docx"
    assert _export("results", "2025", "--from", "2026-07-20", "--to", "2026-07-24", "--out", str(out), records=records) == 0
    assert "其中马晓宇的考核结果公示时间为2026年7月20日至2026年7月24日" in _text(out)
    out.unlink()
    assert _export("results", "2025", "--from", "2026-07-20", "--to", "2026-07-24", "--out", str(out)) == 0
    assert "都记录了公示期（publicity），--from、--to 未使用" in capsys.readouterr().err


def test_results_of_an_unknown_round_are_refused(capsys):
    out = scratch() / "none.docx"
    assert _export("results", "1999", "--out", str(out)) == 2
    assert "没有 1999 轮的年度评价：已有轮次 2025" in capsys.readouterr().err and not out.exists()


# The 通报 counts every grade ------------------------------------------------------------


def test_the_honor_roll_notice_counts_each_grade(tmp_path):
    out = tmp_path / "honor.docx"
    assert _export("honor-roll", "2025", "--out", str(out)) == 0
    assert "共有10名入驻博士参加评价，其中优秀3人、合格5人、不合格2人；优秀名额不超过3人（10×30%=3）。" in _text(out)


# The documents on the page ---------------------------------------------------------------


def test_both_documents_on_the_page():
    """Rendered by LibreOffice: the count per grade, the signature lines, no heading or signature alone on a page."""
    folder = scratch()
    paths = [folder / "registration.docx", folder / "results.docx"]
    assert _export("registration", "e2025-sun-li", "--out", str(paths[0])) == 0
    assert _export("results", "2025", "--out", str(paths[1])) == 0
    registration, results = (pdf_pages(pdf) for pdf in render_pdfs(paths))
    assert first_page_png(paths[1].with_suffix(".pdf")).stat().st_size > 10_000
    for pages, issuer, day in ((registration, "中共平顶山高新区工作委员会", "2026年3月16日"),
                               (results, "平顶山高新区科技创新局", "2026年3月20日")):
        for number, lines in enumerate(pages, 1):
            assert not re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", lines[-1]), (number, lines[-1])
            assert set(lines) - {issuer, day}, f"page {number} holds only the signature"
        assert pages[-1][-2:] == [issuer, day] and len(pages[-1]) > 2
    flat = "".join(line for page in results for line in page)
    assert "其中优秀3人、合格5人、不合格2人" in flat
    assert "（一）优秀（3人）" in flat and "（二）合格（5人）" in flat and "（三）不合格（2人）" in flat
    for party_box in ("（一）入驻企业", "（四）党群工作部"):  # a party's box stays with its heading, on one page
        page = pages_of(registration, party_box)[0]
        assert "签字盖章" in "".join(registration[page - 1][registration[page - 1].index(party_box):])
    assert any("2025年" in line for line in registration[0]) and "一、基本情况" in registration[0]


def pages_of(pages: list[list[str]], text: str) -> list[int]:
    return [number for number, lines in enumerate(pages, 1) if any(text in line for line in lines)]


def test_a_column_of_empty_cells_and_long_values_still_gets_a_width():
    widths = column_widths(["项目", "高校科研处"], [["评分意见", ""], ["签字盖章", "负责人签字：（盖章）日期：2026年3月6日"]],
                           1000, 10, 0)
    assert all(width > 0 for width in widths) and round(sum(widths)) == 1000


# The ledger and the site ---------------------------------------------------------------


def test_the_internal_ledger_sums_up_the_scores_and_the_public_one_holds_none(tmp_path):
    books = {}
    for audience in ("internal", "public"):
        out = tmp_path / f"{audience}.xlsx"
        assert _export("ledger", "--audience", audience, "--out", str(out)) == 0
        books[audience] = openpyxl.load_workbook(out)
    sheet = books["internal"]["评分汇总"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["评价轮次", "评价编号", "博士", "入驻企业", "入驻企业（40%）", "高校科研处（20%）", "科技创新局（25%）",
                       "党群工作部（15%）", "加权总分", "总分应得等次", "评定等次", "等次说明"]
    assert len(rows) == 11  # one row per scored evaluation, highest total first
    assert rows[4] == [2025, "e2025-sun-li", "孙莉", "平顶山康源生物医药有限公司", "92.0", "89.0", "90.0", "90.0", "90.6",
                       "优秀", "合格", "总分达到优秀分数线，本轮优秀名额（3人）已满"]
    public = books["public"]
    assert "评分汇总" not in public.sheetnames
    cells = {str(cell.value) for sheet in public.worksheets for row in sheet.iter_rows() for cell in row}
    assert not cells & {"90.6", "94.6", "加权总分"}


def test_the_internal_site_ranks_the_round_with_a_cap_line():
    page = built_sample("internal").page("internal/scoring/index.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "参评 10 人，优秀名额 3 人，已评优秀 3 人（名额已满）" in text
    above, _, below = text.partition("优秀名额线：第 3 名以上（10 人 × 30% = 3 人）")
    assert below and "刘洋" in above and "孙莉" not in above
    assert re.search(r"4 孙莉 平顶山康源生物医药有限公司 92\.0 89\.0 90\.0 90\.0 90\.6 优秀 合格 总分达到优秀分数线", below)


def test_the_public_site_holds_no_score_total_or_party_opinion():
    built = built_sample("public")
    assert built.exit_code == 0 and not (built.out / "internal").exists()
    # totals and a party's opinion nowhere; the cap's reason and the ranking page's wording nowhere but in the
    # staff help, which names the internal page and the rules to say how a round is run
    data = ("90.6", "94.6", "91.9", "菌种改良取得阶段成果，工作认真负责")
    wording = ("总分达到优秀分数线", "评分排名", "优秀名额线")
    help_pages = (built.out / "guide", built.out / "reference")
    for path in built.out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt", ".js"):
            content = path.read_text(encoding="utf-8", errors="ignore")
            secrets = data if any(path.is_relative_to(folder) for folder in help_pages) else data + wording
            if path.name == "search_index.json":  # the index holds the help pages too: their words, not the data
                secrets = data
            assert not [secret for secret in secrets if secret in content], path
