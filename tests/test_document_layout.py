"""Every Word document as it falls on the page: rendered by LibreOffice, read back page by page.

A 公文 never ends a page with a heading, never leaves the 署名 and 成文日期 alone on a page,
and never breaks a short value in a table. The documents are rendered as the program gives
them, and again with an opinion one line longer each time, so that every heading and the
signature meet the foot of a page in one of the variants.
"""

from __future__ import annotations

import copy
import re
import shutil
from datetime import date

import pytest

from generator.documents.content import Gongwen, Heading
from generator.documents.evaluation import evaluation_document
from generator.documents.gongwen import render
from generator.queries.view import ProgramView
from generator.records.loading import load

from .support import ROOT, SITE_AS_OF, pdf_pages, render_pdfs, scratch, site_records

SAMPLE_AS_OF = "2026-11-29"
EVALUATION = "q-a2025-002"  # the sample's 期满 evaluation
LINE = 28  # characters of body text on a line
PAGE = 22  # lines of a page
FILLER = "入驻博士围绕企业技术需求开展攻关，成果在生产线上得到应用，企业评价良好。"
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _opinion(lines: int) -> str:
    """A paragraph that fills exactly `lines` lines (its first line is indented two characters)."""
    text = FILLER * (lines * LINE // len(FILLER) + 1)
    return text[:lines * LINE - 2]


def _evaluation(program, lines: int) -> Gongwen:
    evaluation = program.evaluations[EVALUATION].model_copy(update={"opinion": _opinion(lines)})
    changed = copy.copy(program)
    changed.folders = {**program.folders, "evaluations": {**program.evaluations, EVALUATION: evaluation}}
    return evaluation_document(ProgramView(changed, date.fromisoformat(SAMPLE_AS_OF)), EVALUATION)


def _headings(gongwen: Gongwen) -> set[str]:
    return {block.text for block in gongwen.blocks if isinstance(block, Heading)}


def page_problems(pages: list[list[str]], gongwen: Gongwen) -> list[str]:
    """What a reader would object to, page by page."""
    headings, signature = _headings(gongwen), {gongwen.issuer, f"{gongwen.date.year}年{gongwen.date.month}月{gongwen.date.day}日"}
    problems = []
    for number, lines in enumerate(pages, 1):
        last = lines[-1] if lines else ""
        if _NUMBERED.match(last) and _NUMBERED.sub("", last) in headings:
            problems.append(f"第{number}页以标题“{last}”结束")
        if lines and set(lines) <= signature:
            problems.append(f"第{number}页只有署名和成文日期")
        if lines and lines[0] == gongwen.issuer:
            problems.append(f"第{number}页以署名开始")
    return problems


@pytest.fixture(scope="module")
def sample():
    return load(ROOT / "records")[0]


def _rendered(documents: dict[str, tuple[Gongwen, object]]) -> dict[str, list[list[str]]]:
    """name -> pages, for each (gongwen, template) rendered to .docx and then to PDF in one LibreOffice run."""
    folder = scratch()
    paths = []
    for name, (gongwen, template) in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render(gongwen, template))
        paths.append(path)
    return {name: pdf_pages(pdf) for name, pdf in zip(documents, render_pdfs(paths))}


def _red_head(folder):
    """A staff template: its own page (Letter, 40 mm binding margin), a 红头 before {{正文}} and a 抄送 after."""
    from docx import Document
    from docx.shared import Mm

    template = Document()
    template.sections[0].left_margin = Mm(40)
    template.add_paragraph("平顶山高新区党工委文件")
    template.add_paragraph("{{正文}}")
    template.add_paragraph("抄送：党群工作部")
    path = folder / "红头.docx"
    template.save(path)
    return path


def test_no_heading_ends_a_page_and_the_signature_never_stands_alone(sample):
    """An opinion of 1 to 22 lines puts 三、评价等次 and the 署名 at every line of a page once."""
    template = _red_head(scratch())
    documents = {f"built-in-{n}": (_evaluation(sample, n), None) for n in range(1, PAGE + 1)}
    documents |= {f"template-{n}": (_evaluation(sample, n), template) for n in range(1, PAGE + 3)}
    rendered = _rendered(documents)
    problems = {name: page_problems(pages, documents[name][0]) for name, pages in rendered.items()}
    assert not {name: found for name, found in problems.items() if found}
    for kind in ("built-in", "template"):  # the foot of a page was met: the heading was carried over to the next
        assert any(doc[1][0] == "三、评价等次" and len(doc[0]) < PAGE - 1 for name, doc in rendered.items() if name.startswith(kind))


def test_every_document_of_the_programs_passes_page_by_page(sample):
    """The sample's and the test program's documents, as exported, checked the same way."""
    from generator.documents.honor_roll import honor_roll_document, notice_date
    from generator.documents.progress import progress_document
    from generator.documents.registration import registration_document
    from generator.documents.results import results_document
    from generator.queries.view import AnnualEvaluation
    from generator.records.ids import parse_period

    site, site_findings = load(site_records(scratch() / "records"))
    sample_view = ProgramView(sample, date.fromisoformat(SAMPLE_AS_OF))
    documents = {"evaluation": (evaluation_document(sample_view, EVALUATION), None),
                 "honor-roll": (honor_roll_document(sample_view, 2025, notice_date(sample_view, 2025)), None),
                 "results": (results_document(sample_view, 2025), None)}
    documents |= {f"registration-{eid}": (registration_document(sample_view, eid), None)
                  for eid, *_ in sample_view.evaluations(AnnualEvaluation)}
    for view, label in ((sample_view, "sample"), (ProgramView(site, date.fromisoformat(SITE_AS_OF), site_findings), "site")):
        for quarter in view.quarters:
            year, number = parse_period(quarter.period)
            documents[f"{label}-{quarter.period}"] = (
                progress_document(view, year, number, draft=not view.quarter_ended(year, number)), None)
    rendered = _rendered(documents)
    problems = {name: page_problems(pages, documents[name][0]) for name, pages in rendered.items()}
    assert not {name: found for name, found in problems.items() if found}


def test_short_values_in_a_table_stay_on_one_line(tmp_path):
    """Three- and four-character names, 1万元 and the university in the honor roll's attachment, each on one line."""
    from generator.cli import main

    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    for doctor, name in (("wang-hao", "宋文博"), ("liu-yang", "欧阳文博")):
        path = records / "doctors" / f"{doctor}.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    out = tmp_path / "honor.docx"
    assert main(["export", "honor-roll", "2025", "--records", str(records), "--as-of", SAMPLE_AS_OF, "--out", str(out)]) == 0
    [pdf] = render_pdfs([out])
    attachment = pdf_pages(pdf)[1]
    for value in ("宋文博", "欧阳文博", "张伟", "河南城建学院", "科技副总"):
        assert any(value in line for line in attachment), (value, attachment)
    assert sum("1万元" in line for line in attachment) == 3, attachment
