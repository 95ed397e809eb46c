"""The Word documents, looked at as a clerk would: rendered to PDF by LibreOffice, read back with poppler."""

from __future__ import annotations

import re
import zipfile

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
    text = _looks_like_a_gongwen(render_pdf(docx), 3, [
        "2026年第二季度“百名博士进高新”", "工作推进情况", "一、总体情况", "二、主要工作", "三、存在问题",
        "本季度在岗入驻博士", "按第八条五项职责统计", "—1—",
    ])
    assert "下步打算" not in text  # only staff write it
    assert "季度工作报送逾期未报送（第十三条）" in text  # an overdue report the validator found


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
    _looks_like_a_gongwen(pdf, 2, ["关于对2025年度“百名博士进高新”", "优秀入驻博士予以通报表扬的通报", "各有关单位：",
                                   "优秀名额不超过3人（10×30%=3，取整数）", "每人奖励1万元", "共计3万元",
                                   "中共平顶山高新区工作委员会", "2026年11月29日", "附件"])
    roster = pdf_text(pdf, 2).replace(" ", "").replace("\n", "")
    for name in ("刘洋", "张伟", "王浩", "河南城建学院", "科技副总", "序号"):
        assert name in roster


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
    assert "files/ledger.xlsx" in internal.page("progress/index.html")
