"""Word documents and workbooks are XML: a character XML 1.0 cannot hold never ends in a traceback.

Records cannot hold such characters (the value checks refuse control characters and
non-characters), but text also arrives from elsewhere: the staff's `--notes` file, a
policy's names, whatever a later feature adds. The boundary drops what XML cannot hold.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from docx import Document

from generator.cli import main
from generator.documents.content import Attachment, Gongwen, Heading, Paragraph, Table
from generator.documents.gongwen import render
from generator.documents.workbook import workbook_bytes
from generator.queries.view import Column
from generator.queries.view import Table as SheetTable
from generator.records.values import text_problem

from .support import SITE_AS_OF, scratch, site_records

# Every kind of character XML 1.0 refuses: C0 controls, a vertical tab, non-characters, a surrogate.
UNHOLDABLE = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff\ud800"


def _paragraph_texts(docx: bytes) -> list[str]:
    document = Document(io.BytesIO(docx))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [paragraph.text for paragraph in document.paragraphs] + cells


def test_notes_with_control_characters_make_a_document(tmp_path, capsys):
    records = site_records(scratch() / "records")
    notes = tmp_path / "notes.md"
    notes.write_text("## 加快\x01成果转化\n\n组织两场\x07供需对接会\ufffe。\n", encoding="utf-8")
    out = tmp_path / "progress.docx"
    code = main(["export", "progress", "2027Q1", "--records", str(records), "--as-of", SITE_AS_OF,
                 "--out", str(out), "--notes", str(notes)])
    assert code == 0, capsys.readouterr().err
    texts = _paragraph_texts(out.read_bytes())
    assert any("加快成果转化" in text for text in texts)
    assert any("组织两场供需对接会。" in text for text in texts)


def test_every_run_and_property_drops_what_xml_cannot_hold():
    hostile = f"刘{UNHOLDABLE}洋"
    gongwen = Gongwen(
        title=f"关于{hostile}的通报", issuer=f"科技{UNHOLDABLE}创新局", date=date(2026, 4, 10),
        blocks=[Heading(1, hostile), Paragraph(hostile), Table([hostile, "金额"], [[hostile, "10000"]])],
        attachments=[Attachment(f"名单{UNHOLDABLE}", [Paragraph(hostile)])])
    docx = render(gongwen)
    texts = _paragraph_texts(docx)
    assert "关于刘洋的通报" in texts and "刘洋" in texts and "科技创新局" in texts
    assert not any(char in text for text in texts for char in UNHOLDABLE)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert "关于刘洋的通报" in archive.read("docProps/core.xml").decode("utf-8")


def test_workbook_cells_drop_what_xml_cannot_hold():
    hostile = f"刘{UNHOLDABLE}洋"
    sheet = SheetTable("doctors", "博士", "博士", [Column("name", f"姓名{UNHOLDABLE}", lambda row: row)], [hostile])
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes([sheet], date(2026, 4, 10), internal=True)))
    assert [cell.value for cell in book["博士"]["A"]] == ["姓名", "刘洋"]


@pytest.mark.parametrize("code", [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x2FFFF, 0x10FFFE, 0x10FFFF])
def test_non_characters_are_refused_in_every_text(code):
    problem = text_problem(f"刘{chr(code)}洋")
    assert problem is not None and f"U+{code:04X}" in problem[1] and "非字符" in problem[1], problem
