"""The Word documents, looked at as a clerk would: rendered to PDF by LibreOffice, read back with poppler."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.cli import main

from .support import ROOT, SITE_AS_OF, first_page_png, pdf_info, pdf_text, render_pdf, scratch, site_records

SAMPLE_AS_OF = "2026-11-29"  # the shipped sample program, with a 期满 evaluation and a 2025 round


@pytest.fixture(scope="module")
def site_program():
    return site_records(scratch() / "records")


def _export(*args) -> int:
    return main(["export", *args])


def _docx(name: str, *args, records=ROOT / "records", as_of=SAMPLE_AS_OF):
    out = scratch() / f"{name}.docx"
    assert _export(*args, "--records", str(records), "--as-of", as_of, "--out", str(out)) == 0
    return out


def _xml(docx, part="word/document.xml") -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read(part).decode("utf-8")


def _looks_like_a_gongwen(pdf, pages: int, texts: list[str]):
    info = pdf_info(pdf)
    assert re.match(r"595\.\d+ x 841\.\d+ pts \(A4\)", info["Page size"]), info["Page size"]
    assert int(info["Pages"]) == pages
    text = pdf_text(pdf).replace(" ", "").replace("\n", "")
    for expected in texts:
        assert expected in text, expected
    png = first_page_png(pdf)
    assert png.stat().st_size > 10_000  # a page with text on it, not a blank one
    return text


def test_progress_document(site_program):
    docx = _docx("progress", "progress", "2026Q2", records=site_program, as_of=SITE_AS_OF)
    text = _looks_like_a_gongwen(render_pdf(docx), 4, [
        "2026年第二季度“百名博士进高新”", "工作推进情况", "一、总体情况", "二、主要工作", "三、存在问题",
        "本季度在岗入驻博士", "按第八条五项职责统计", "—1—",
        "中共平顶山高新区工作委员会、平顶山高新区管理委员会：",  # 主送机关: the 党工委 and 管委会 (第十三条)
    ])
    assert "下步打算" not in text  # only staff write it
    assert "其他季度工作报送逾期未报送（第十三条）" in text  # overdue reports of other quarters


def test_progress_problems_name_each_missing_report_once_in_words(site_program):
    docx = _docx("progress-q4", "progress", "2026Q4", records=site_program, as_of=SITE_AS_OF)
    text = re.sub(r"<[^>]+>", "", _xml(docx))
    this_quarter, _, others = text.partition("其他季度工作报送逾期未报送（第十三条）")
    assert "仍未报送4份" in this_quarter
    others = others.split("入驻工作总结逾期未提交")[0]
    # (二) lists the other quarters, never again the quarter (一) already counts
    assert "王磊（=HYPERLINK(\"https://evil.example\")智能科技有限公司）：2026年第一、二、三季度，2027年第一季度。" in others
    assert "2026年第四季度" not in others
    assert not re.search(r"\d{4}Q\d|\d{4}-\d{2}-\d{2}", text)  # quarters and dates in words
    assert "入驻已于2027年2月28日期满，超过30天仍未提交入驻工作总结" in text
    # 姓氏笔画: 王 (4) before 张, 李, 陈 (7 each, one surname together)
    missing = this_quarter.split("仍未报送4份：")[1]
    names = ("王磊", "张伟", "李娜", "陈静")
    assert [missing.index(name) for name in names] == sorted(missing.index(name) for name in names)


def test_patents_are_counted_in_jian():
    docx = _docx("progress-outcomes", "progress", "2026Q3")
    assert "申请专利1件" in re.sub(r"<[^>]+>", "", _xml(docx))


def test_the_addressee_follows_the_policy(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    with (records / "policy.yml").open("a", encoding="utf-8") as policy:
        policy.write("administration: 平顶山高新技术产业开发区管理委员会\n")
    text = re.sub(r"<[^>]+>", "", _xml(_docx("addressee", "progress", "2026Q3", records=records)))
    assert "中共平顶山高新区工作委员会、平顶山高新技术产业开发区管理委员会：" in text


def test_an_unfinished_quarter_is_a_draft_or_nothing(tmp_path, capsys):
    out = tmp_path / "q.docx"

    def export(period, as_of, *extra):
        return _export("progress", period, "--records", str(ROOT / "records"), "--as-of", as_of, "--out", str(out), *extra)

    assert export("2026Q4", "2026-11-29") == 2  # under way
    assert "2026年第四季度尚未结束" in capsys.readouterr().err and not out.exists()
    assert export("2026Q4", "2026-12-31") == 2  # its last day: still under way
    assert export("2027Q1", "2026-11-29", "--draft") == 2  # not begun: not even a draft
    assert "2027年第一季度尚未开始" in capsys.readouterr().err and not out.exists()
    assert export("2026Q4", "2026-11-29", "--draft") == 0
    assert "（征求意见稿）" in _xml(out) and "征求意见稿" in _xml(out, "docProps/core.xml")
    out.unlink()
    assert export("2026Q4", "2027-01-01") == 0 and "征求意见稿" not in _xml(out)


def test_progress_notes_become_the_fourth_part(site_program, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("## 加快成果转化\n\n组织两场**供需对接会**。\n\n- 督促逾期报送\n", encoding="utf-8")
    docx = _docx("progress-notes", "progress", "2027Q1", "--notes", str(notes), records=site_program, as_of=SITE_AS_OF)
    xml = _xml(docx)
    assert "四、下步打算" in xml and "（一）加快成果转化" in xml and "组织两场供需对接会。" in xml
    assert "1. 督促逾期报送" in xml and "**" not in xml


def test_honor_roll_notice():
    docx = _docx("honor", "honor-roll", "2025")
    pdf = render_pdf(docx)
    text = _looks_like_a_gongwen(pdf, 2, ["关于对2025年度“百名博士进高新”", "优秀入驻博士予以通报表扬的通报", "各有关单位：",
                                          "优秀名额不超过3人（10×30%=3）。", "每人奖励1万元", "共计3万元",
                                          "中共平顶山高新区工作委员会", "2026年3月30日", "附件"])
    assert "取整" not in text and "2026年11月29日" not in text  # 3 is exact; the notice is dated by its 通报表扬
    assert "王浩、刘洋、张伟等3名博士" in text  # 姓氏笔画: 王 4, 刘 6, 张 7 (code points would put 王 last)
    roster = pdf_text(pdf, 2).replace(" ", "").replace("\n", "")
    for name in ("河南城建学院", "科技副总", "序号"):
        assert name in roster
    assert roster.index("王浩") < roster.index("刘洋") < roster.index("张伟")


def test_the_notice_is_dated_by_the_round_s_praise_not_by_the_day_it_is_made():
    first = _docx("dated-1", "honor-roll", "2025", as_of="2026-11-29")
    later = _docx("dated-2", "honor-roll", "2025", as_of="2027-06-01")
    assert first.read_bytes() == later.read_bytes()  # a weekly rebuild issues the same notice
    assert "2026年3月30日" in _xml(first)


def _records_with_praise(tmp_path, dates: dict[str, str | None]):
    """A copy of the sample whose 2025 通报表扬 actions have these dates (None: the action removed)."""
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    for evaluation, day in dates.items():
        path = records / "evaluations" / f"{evaluation}.yml"
        text = path.read_text(encoding="utf-8")
        old = "  - action: 通报表扬\n    date: 2026-03-30\n"
        assert old in text
        path.write_text(text.replace(old, f"  - action: 通报表扬\n    date: {day}\n" if day else ""), encoding="utf-8")
    return records


def test_praise_dates_that_disagree_or_are_missing_need_date(tmp_path, capsys):
    out = tmp_path / "notice.docx"
    args = ["honor-roll", "2025", "--as-of", SAMPLE_AS_OF, "--out", str(out)]
    disagree = _records_with_praise(tmp_path / "a", {"e2025-wang-hao": "2026-04-02"})
    assert _export(*args, "--records", str(disagree)) == 2
    err = capsys.readouterr().err
    assert "日期不一致（2026-03-30、2026-04-02）" in err and "--date" in err and not out.exists()
    assert _export(*args, "--records", str(disagree), "--date", "2026-04-02") == 0
    assert "2026年4月2日" in _xml(out)
    out.unlink()
    none = _records_with_praise(tmp_path / "b", dict.fromkeys(("e2025-wang-hao", "e2025-liu-yang", "e2025-zhang-wei")))
    assert _export(*args, "--records", str(none)) == 2
    assert "没有“通报表扬”措施" in capsys.readouterr().err and not out.exists()
    # a --date that overrides the records' own date is used, and said
    assert _export(*args, "--records", str(ROOT / "records"), "--date", "2026-04-01") == 0
    assert "记录中该轮通报表扬的日期是 2026-03-30" in capsys.readouterr().err and "2026年4月1日" in _xml(out)


def test_the_site_offers_only_a_rightly_dated_notice(tmp_path):
    from datetime import date

    from generator.forge import Forge
    from generator.rules.validate import validate_records
    from generator.site.generate import generate

    forge = Forge("github", "https://git.example", "zone/records")
    records = site_records(tmp_path / "records")
    result = validate_records(records, date.fromisoformat(SITE_AS_OF))
    public = generate(result, ROOT / "site_src", "public", forge)
    assert "2027年3月10日" in _xml(io.BytesIO(public.files["honor-roll/files/2026.docx"]))  # its evaluation's date
    path = records / "evaluations" / "e-a2.yml"  # a second 通报表扬 in the round, another day
    path.write_text(path.read_text(encoding="utf-8") + "actions:\n  - action: 通报表扬\n    date: 2027-03-20\n", encoding="utf-8")
    result = validate_records(records, date.fromisoformat(SITE_AS_OF))
    public, internal = (generate(result, ROOT / "site_src", audience, forge) for audience in ("public", "internal"))
    for site in (public, internal):
        assert "honor-roll/files/2026.docx" not in site.files
        assert "files/2026.docx" not in site.files["honor-roll/2026.md"].decode("utf-8")
    assert "未提供通报表扬" not in public.files["honor-roll/2026.md"].decode("utf-8")
    note = internal.files["honor-roll/2026.md"].decode("utf-8").replace("\\", "")  # Markdown escapes dropped
    assert "未提供通报表扬" in note and "日期不一致（2027-03-10、2027-03-20）" in note


def test_cap_arithmetic_says_how_it_rounds():
    from fractions import Fraction

    from generator.documents.honor_roll import cap_arithmetic
    from generator.queries.honor_roll import excellent_cap

    ratio = Fraction(3, 10)
    assert cap_arithmetic(ratio, 10, excellent_cap(ratio, 10), "down") == "10×30%=3"
    assert cap_arithmetic(ratio, 15, excellent_cap(ratio, 15, "down"), "down") == "15×30%=4.5，向下取整为4"
    assert cap_arithmetic(ratio, 15, excellent_cap(ratio, 15, "up"), "up") == "15×30%=4.5，向上进位为5"


def test_evaluation_opinion():
    docx = _docx("evaluation", "evaluation", "q-a2025-002")
    _looks_like_a_gongwen(render_pdf(docx), 2, [
        "关于王浩同志“百名博士进高新”", "入驻期满的综合评价意见", "一、基本情况", "二、评价意见", "三、评价等次",
        "平高科备〔2025〕2号", "综合评价等次为：优秀", "中共平顶山高新区工作委员会", "2026年4月10日",
        "党群工作部、科技创新局、高校科研处、入驻企业",
    ])


def test_layout_follows_gb_t_9704():
    xml = _xml(_docx("layout", "honor-roll", "2025"))
    # A4; top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (in twips)
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in xml
    assert 'w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"' in xml
    assert 'w:linePitch="579"' in xml  # 22 lines in 225 mm
    styles = _xml(_docx("styles", "honor-roll", "2025"), "word/styles.xml")
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"):
        assert f'w:eastAsia="{font}"' in styles
    assert 'w:eastAsia="zh-CN"' in styles and '<w:spacing w:val="-5"/>' in styles  # 28 characters a line
    assert 'w:line="579" w:lineRule="exact"' in styles
    for run in re.findall(r"<w:r>.*?</w:r>", xml):
        if "<w:t" in run:
            assert "w:eastAsia=" in run  # every run names its East Asian font


def test_page_numbers_stand_at_the_outer_edge():
    docx = _docx("numbers", "honor-roll", "2025")
    assert "<w:evenAndOddHeaders/>" in _xml(docx, "word/settings.xml")
    with zipfile.ZipFile(docx) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert len(footers) == 2
    assert any('w:val="right"' in f and 'w:rightChars="100"' in f for f in footers)
    assert any('w:val="left"' in f and 'w:leftChars="100"' in f for f in footers)
    assert all(" PAGE " in f and "— " in f and " —" in f for f in footers)


def test_the_same_records_give_the_same_bytes():
    first, second = _docx("same-1", "honor-roll", "2025"), _docx("same-2", "honor-roll", "2025")
    assert first.read_bytes() == second.read_bytes()


def test_a_staff_template_replaces_the_layout(tmp_path):
    from docx import Document
    from docx.shared import Mm, RGBColor

    template = Document()
    template.sections[0].left_margin = Mm(40)
    head = template.add_paragraph()
    run = head.add_run("平顶山高新区党工委文件")
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    template.add_paragraph("{{正文}}")
    template.add_paragraph("抄送：党群工作部")
    path = tmp_path / "红头.docx"
    template.save(path)
    xml = _xml(_docx("templated", "evaluation", "q-a2025-002", "--template", str(path)))
    assert xml.index("平顶山高新区党工委文件") < xml.index("综合评价意见") < xml.index("抄送：党群工作部")
    assert "{{正文}}" not in xml and 'w:left="2268"' in xml  # the template's own 40 mm margin stays


@pytest.mark.parametrize(("args", "code", "message"), [
    (["evaluation", "e2025-li-jing"], 2, "年度评价"),
    (["evaluation", "nobody"], 2, "没有评价 nobody"),
    (["honor-roll", "1999"], 2, "没有 1999 轮"),
    (["progress", "2026Q5"], 2, "YYYYQn"),
])
def test_bad_requests_are_usage_errors(args, code, message, capsys):
    out = scratch() / "x.docx"
    with pytest.raises(SystemExit) if args[0] == "progress" else _no_raise():
        assert _export(*args, "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF, "--out", str(out)) == code
    assert message in capsys.readouterr().err and not out.exists()


def test_an_existing_file_is_never_overwritten(capsys):
    out = scratch() / "kept.docx"
    out.write_bytes(b"edited by a clerk")
    assert _export("honor-roll", "2025", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF, "--out", str(out)) == 2
    assert out.read_bytes() == b"edited by a clerk" and "--force" in capsys.readouterr().err
    assert _export("honor-roll", "2025", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF, "--out", str(out), "--force") == 0


def test_a_file_that_is_not_word_is_refused_as_template(tmp_path, capsys):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a document")
    out = tmp_path / "out.docx"
    assert _export("honor-roll", "2025", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF, "--out", str(out),
                   "--template", str(fake)) == 2
    assert "不是 Word 文档" in capsys.readouterr().err and not out.exists()


class _no_raise:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_the_site_offers_the_documents_to_each_audience():
    from .support import built_site

    public, internal = built_site("public"), built_site("internal")
    assert (public.out / "honor-roll/files/2026.docx").read_bytes().startswith(b"PK")
    assert "files/2026.docx" in public.page("honor-roll/2026/index.html")
    assert not (public.out / "progress/files").exists()  # quarterly documents and the ledger are internal
    assert (public.out / "data/templates/doctor.xlsx").is_file() and "doctor.xlsx" in public.page("guide/staff/index.html")
    assert (internal.out / "progress/files/ledger.xlsx").is_file() and (internal.out / "progress/files/2026Q2.docx").is_file()
    assert "files/2026Q2.docx" in internal.page("progress/2026Q2/index.html")
    # the quarter under way (2027Q2 on 2027-04-30): its 征求意见稿 under its own name, said on its page
    assert not (internal.out / "progress/files/2027Q2.docx").exists()
    assert "（征求意见稿）" in _xml(internal.out / "progress/files/2027Q2-draft.docx")
    assert "files/2027Q2-draft.docx" in internal.page("progress/2027Q2/index.html")
    assert "征求意见稿" in internal.page("progress/2027Q2/index.html")
    assert "files/ledger.xlsx" in internal.page("progress/index.html")


# The staff's template (--template): bounded before python-docx opens it, and its {{正文}} used exactly once.

def _template(tmp_path, build) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("平顶山高新区党工委文件")
    build(document)
    path = tmp_path / "红头.docx"
    document.save(path)
    return path


def _twice(document):
    document.add_paragraph("{{正文}}")
    document.add_paragraph("{{正文}}")


def _in_table(document):
    document.add_table(rows=1, cols=2).cell(0, 1).text = "{{正文}}"


def _with_text(document):
    document.add_paragraph("正文：{{正文}}")


def _in_header(document):
    document.sections[0].header.paragraphs[0].text = "{{正文}}"
    document.add_paragraph("{{正文}}")


@pytest.mark.parametrize(("build", "message"), [
    (_twice, "中有 2 处 {{正文}}：正文只能放在一处"),
    (_in_table, "在表格或文本框中"),
    (_with_text, "所在的段落还有其他文字（“正文：{{正文}}”）：请让 {{正文}} 单独成段"),
    (_in_header, "页眉或页脚中有 {{正文}}"),
])
def test_a_placeholder_that_cannot_be_honoured_is_refused(tmp_path, capsys, build, message):
    out = tmp_path / "out.docx"
    assert _export("evaluation", "q-a2025-002", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF,
                   "--out", str(out), "--template", str(_template(tmp_path, build))) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_record_text_that_looks_like_the_placeholder_is_content(tmp_path):
    from datetime import date

    from generator.documents.content import Gongwen, Paragraph
    from generator.documents.gongwen import render

    template = _template(tmp_path, lambda document: document.add_paragraph("{{正文}}"))
    gongwen = Gongwen("标题", "科技创新局", date(2026, 4, 1), [Paragraph("记录中写着{{正文}}。")])
    out = tmp_path / "out.docx"
    out.write_bytes(render(gongwen, template))
    xml = re.sub(r"<[^>]+>", "", _xml(out))
    assert xml.count("{{正文}}") == 1 and "记录中写着{{正文}}。" in xml and xml.index("党工委文件") < xml.index("标题")


def _with_part(path: Path, name: str, size: int) -> Path:
    """The template with one more part of `size` zero bytes (it compresses to almost nothing)."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w", force_zip64=True) as part:
        block = bytes(1024 * 1024)
        for _ in range(size // len(block)):
            part.write(block)
    return path


@pytest.mark.parametrize(("size", "message"), [
    (65 * 1024 * 1024, "解压后过大（超过 64 MB）"),  # declares more than a template can need
    (2 * 1024 * 1024, "word/media/image1.png 压缩比异常"),  # a part that expands a thousandfold
])
def test_a_template_that_would_expand_is_refused_unopened(tmp_path, capsys, monkeypatch, size, message):
    import generator.documents.letterhead as letterhead

    template = _with_part(_template(tmp_path, lambda document: document.add_paragraph("{{正文}}")), "word/media/image1.png", size)
    assert template.stat().st_size < 200_000
    monkeypatch.setattr(letterhead, "Document", lambda *a: pytest.fail("python-docx opened the template"))
    out = tmp_path / "out.docx"
    assert _export("evaluation", "q-a2025-002", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF,
                   "--out", str(out), "--template", str(template)) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_a_template_too_large_to_be_a_letterhead_is_refused(tmp_path, capsys):
    template = tmp_path / "big.docx"
    with template.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)
    out = tmp_path / "out.docx"
    assert _export("honor-roll", "2025", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF,
                   "--out", str(out), "--template", str(template)) == 2
    assert "过大（超过 20 MB）" in capsys.readouterr().err and not out.exists()


def test_visits_record_table_one_table_per_visit_page_by_page():
    docx = _docx("visits", "visits")
    pdf = render_pdf(docx)
    text = _looks_like_a_gongwen(pdf, int(pdf_info(pdf)["Pages"]), [
        "“百名博士进高新”", "走访记录表", "共走访调研16次", "派出单位调研12次", "联合走访2次",
        "一、2025年5月15日平顶山鑫材尼龙科技有限公司", "走访单位及人员", "王建国（副校长）",
        "液压试验台数据采集改造经费未到位", "主办：入驻企业", "逾期", "已办结（2025年6月20日）",
        "平顶山高新区科技创新局", "2026年11月29日",
    ])
    assert text.count("走访日期") == 16  # one table per visit
    for number in range(1, int(pdf_info(pdf)["Pages"]) + 1):
        page = pdf_text(pdf, number).replace(" ", "")
        lines = [line for line in page.splitlines() if line.strip()]
        # a visit's heading is never left at the foot of a page: its table follows it on the same page
        headings = [i for i, line in enumerate(lines) if re.match(r"^[一二三四五六七八九十]+、\d{4}年", line)]
        assert all(any("走访日期" in later for later in lines[i:]) for i in headings), page
        # and a table is never split: every table that starts on a page ends there (发现问题 is its last row)
        assert page.count("走访日期") == len(re.findall(r"发现问题(?!\d)", page)), page


def test_visits_record_table_for_a_period(capsys):
    docx = _docx("visits-2026q3", "visits", "--from", "2026-07-01", "--to", "2026-09-30")
    xml = _xml(docx)
    assert "共走访调研5次" in xml and "2026年8月27日" in xml and "2025年" not in xml.split("走访记录表")[1].split("共走访")[0]
    assert "2026年10月22日" not in xml
    out = scratch() / "none.docx"
    assert _export("visits", "--from", "2030-01-01", "--records", str(ROOT / "records"), "--as-of", SAMPLE_AS_OF,
                   "--out", str(out)) == 1
    assert "2030-01-01 以后没有走访记录" in capsys.readouterr().err and not out.exists()
    assert _export("visits", "--from", "2026-09-30", "--to", "2026-07-01", "--records", str(ROOT / "records"),
                   "--as-of", SAMPLE_AS_OF, "--out", str(out)) == 2
    assert "晚于 --to" in capsys.readouterr().err and not out.exists()


def test_progress_document_reports_the_quarters_follow_up():
    docx = _docx("progress-followup", "progress", "2026Q4", "--draft")
    pdf = render_pdf(docx)
    text = pdf_text(pdf).replace(" ", "").replace("\n", "")
    assert "本季度走访调研3次（派出单位调研3次）；新提出问题1个，办结0个，截至2026年11月29日逾期未办结1个" in text
    assert "人才计划项目、新型研发机构和科技项目本季度申报1项、区推荐1项" in text
    assert "（一）走访调研" in text and "（二）人才项目与平台" in text
    assert "10月22日，河南城建学院到平顶山瑞电开关设备有限公司走访（派出单位调研，座谈）" in text
    assert "平顶山瑞电开关设备有限公司（郑凯）省级人才计划项目" in text and "区推荐（平高科〔2026〕41号）" in text
    assert "问题逾期未办结（第十二条）" in text and "液压试验台数据采集改造经费未到位" in text and "已逾期29天" in text
