"""Lay a `Gongwen` out as a Word document in the GB/T 9704-2012 format, or into a staff template.

The built-in layout: A4, margins 37 / 35 / 28 / 26 mm (top, bottom, left = binding side,
right), so the type area is 156 × 225 mm; 22 lines of 28 characters (a line grid, exact
line spacing, and characters condensed so that 28 fill a line: LibreOffice misreads the
negative `w:charSpace` of Word's character grid and would set 14 to a line); title 2号
方正小标宋简体; body 3号 仿宋_GB2312; headings 黑体 “一、” then 楷体 “（一）”; page numbers
4号 宋体 “— 1 —” at the bottom outer edge (odd pages right, even pages left, one character in). Every run names its East Asian font
(`w:eastAsia`), or Word and WPS fall back to a Japanese face; the font table adds each
face's common Windows name (`w:altName`) and the GB2312 character set for substitution.

Nothing is left alone at a page's foot or head: every heading is kept with the paragraph that
follows it, and the last body paragraph with the 署名 and 成文日期 (so they never stand alone on
a page), by paragraph properties that hold in a staff template too; body text has widow and
orphan control. Table columns are sized from their content (`table_widths.py`).

`--template FILE.docx` (the staff's 红头, `letterhead.py`) replaces the page: its sections,
header, footer and styles stay; the content goes where the paragraph `{{正文}}` stands, or at the end.
"""

from __future__ import annotations

import io
import math
from datetime import datetime, time
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from ..records.values import xml_safe
from .archive import stable_zip
from .content import Attachment, Gongwen, Heading, Paragraph, Table, chinese_date, chinese_number
from .letterhead import open_letterhead, pour
from .table_widths import column_widths, text_width

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
# font -> (the name Windows and WPS ship it under, its family) for the font table
FONT_TABLE = {
    TITLE_FONT: ("宋体", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    H1_FONT: ("SimHei", "modern"),
    H2_FONT: ("楷体", "modern"),
    NUMBER_FONT: ("SimSun", "auto"),
}
SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)  # 2号, 3号, 4号

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TYPE_WIDTH, TYPE_HEIGHT = Emu(PAGE_WIDTH - LEFT - RIGHT), Emu(PAGE_HEIGHT - TOP - BOTTOM)  # 156 × 225 mm
LINES, CHARS = 22, 28
LINE_PITCH = int(TYPE_HEIGHT.twips / LINES)  # 579 twips = 28.95 pt: 22 lines fill the type area
# Character spacing (in 1/20 pt) that brings 28 characters of 3号 into the 156 mm line: -5 (-0.25 pt).
CONDENSE = math.floor((TYPE_WIDTH.pt / CHARS - SIZE_3.pt) * 20)
# The page number's 一字线 stands 7 mm below the type area; the footer is measured from the page edge.
FOOTER_DISTANCE = Emu(BOTTOM - Mm(7) - SIZE_4)
CELL_MARGIN = Twips(57)  # 1 mm left and right of a cell's text (Word's default 1.9 mm leaves names too little room)
CELL_PADDING = Twips(2 * 57 + 60)  # both margins, and a few points to spare for the renderer's rounding

# style name -> (East Asian font, size, alignment, first-line indent in characters, exact spacing)
STYLES = {
    "公文标题": (TITLE_FONT, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, 0, True),
    "公文正文": (BODY_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, True),
    "公文主送": (BODY_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, True),
    "公文一级标题": (H1_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, True),
    "公文二级标题": (H2_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, True),
    "公文署名": (BODY_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.RIGHT, 0, True),
    "公文附件标识": (H1_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.LEFT, 0, True),
    "公文表格": (BODY_FONT, SIZE_4, WD_ALIGN_PARAGRAPH.CENTER, 0, False),
    "公文表头": (H1_FONT, SIZE_4, WD_ALIGN_PARAGRAPH.CENTER, 0, False),
    "公文页码": (NUMBER_FONT, SIZE_4, WD_ALIGN_PARAGRAPH.RIGHT, 0, False),
}
HEADINGS = {"公文标题", "公文一级标题", "公文二级标题", "公文附件标识"}  # kept with the paragraph that follows


def render(gongwen: Gongwen, template: Path | None = None) -> bytes:
    """The .docx bytes of `gongwen`: the built-in layout, or the content poured into `template`."""
    document, mark = open_letterhead(template) if template else (_built_in(), None)
    _add_styles(document)
    if not template:
        _page_numbers(document)
    before = set(document.element.body.iterchildren())
    _write(document, gongwen)
    if template:
        pour(document, mark, before)
    stamp = datetime.combine(gongwen.date, time())
    properties = document.core_properties
    # Word's core properties hold at most 255 characters (a policy may name a long program)
    properties.title, properties.author = xml_safe(gongwen.title.replace("\n", ""))[:255], xml_safe(gongwen.issuer)[:255]
    properties.last_modified_by = "gaoxin"
    properties.created = properties.modified = stamp
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


# The page --------------------------------------------------------------------------------


def _built_in():
    document = Document()
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.footer_distance, section.header_distance = FOOTER_DISTANCE, Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    _defaults(document)
    _font_table(document)
    return document


def _defaults(document) -> None:
    """Document defaults: 3号 仿宋_GB2312, Chinese as the East Asian language (English as the Western one,
    or LibreOffice breaks lines inside numbers), no spacing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(SIZE_3.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    # LibreOffice sizes the character grid from the Normal style's own font size, not the defaults.
    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(LINE_PITCH))
    spacing.set(qn("w:lineRule"), "exact")


def _font_table(document) -> None:
    part = next(p for p in document.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml"))
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, (alt, family) in FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", family), ("w:pitch", "variable")):
            child = etree.SubElement(font, qn(tag))
            child.set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_numbers(document) -> None:
    """— 1 — at the outer edge: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["公文页码"]
        paragraph.alignment = alignment
        indent = OxmlElement("w:ind")
        indent.set(qn("w:rightChars" if alignment == WD_ALIGN_PARAGRAPH.RIGHT else "w:leftChars"), "100")
        paragraph._p.get_or_add_pPr().append(indent)
        _font_run(paragraph, "— ", NUMBER_FONT, SIZE_4)
        _page_field(paragraph)
        _font_run(paragraph, " —", NUMBER_FONT, SIZE_4)


def _page_field(paragraph) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _font_run(paragraph, "", NUMBER_FONT, SIZE_4)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text


# Styles ----------------------------------------------------------------------------------


def _style_names(document) -> set[str]:
    return {style.name for style in document.styles}


def _add_styles(document) -> None:
    """Our paragraph styles, unless the document (a staff template) already defines them."""
    existing = _style_names(document)
    for name, (font, size, alignment, indent, exact) in STYLES.items():
        if name in existing:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = None
        style.font.size = size
        style.font.bold = False
        _set_fonts(style.element.get_or_add_rPr(), font)
        fmt = style.paragraph_format
        fmt.alignment = alignment
        fmt.space_before = fmt.space_after = Pt(0)
        ppr = style.element.get_or_add_pPr()
        spacing = ppr.find(qn("w:spacing"))
        if exact:
            ppr.append(OxmlElement("w:widowControl"))  # no paragraph leaves a single line behind or ahead
            spacing.set(qn("w:line"), str(LINE_PITCH))
            spacing.set(qn("w:lineRule"), "exact")
            if size == SIZE_3:
                _condense(style.element.get_or_add_rPr())
            else:  # a 2号 title line on the grid would take two lines
                _no_snap(ppr)
        else:  # tables and page numbers keep off the grid
            fmt.line_spacing = 1.0
            _no_snap(ppr)
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLineChars"), str(indent * 100))
        ind.set(qn("w:firstLine"), str(int(indent * SIZE_3.twips)))
        ppr.append(ind)


def _set_fonts(rpr, east_asian: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)


def _no_snap(ppr) -> None:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert(0, snap)


def _condense(rpr) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE))
    # w:spacing follows w:rFonts … w:vanish and precedes w:w, w:kern, w:position, w:sz in a run's properties
    following = [rpr.find(qn(tag)) for tag in ("w:w", "w:kern", "w:position", "w:sz", "w:szCs")]
    anchor = next((element for element in following if element is not None), None)
    if anchor is not None:
        anchor.addprevious(spacing)
    else:
        rpr.append(spacing)


def _font_run(paragraph, text: str, font: str, size):
    """A run that names its fonts itself (Word ignores a style's East Asian font in some cases).

    Every text of a document passes here: what XML cannot hold (a control character in the
    staff's notes) is dropped, or lxml would refuse the whole document.
    """
    run = paragraph.add_run(xml_safe(text))
    run.font.size = size
    _set_fonts(run._r.get_or_add_rPr(), font)
    return run


# Content ---------------------------------------------------------------------------------


def _paragraph(document, text: str, style: str, right_chars: float | None = None):
    font, size, *_ = STYLES[style]
    paragraph = document.add_paragraph(style=document.styles[style])
    for index, line in enumerate(text.split("\n") if text else ()):
        run = _font_run(paragraph, line, font, size)
        if index:
            run._r.insert(len(run._r) - 1, OxmlElement("w:br"))  # a title's own line breaks
    if right_chars is not None:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:rightChars"), str(round(right_chars * 100)))
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")
        paragraph._p.get_or_add_pPr().append(ind)
    if style in HEADINGS:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _keep_with_next(paragraphs) -> None:
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _last_block(document) -> list:
    """The paragraphs that end the body so far: the last paragraph, or every paragraph of a table's last row."""
    body = document.element.body
    last = [child for child in body.iterchildren() if child.tag in (qn("w:p"), qn("w:tbl"))][-1]
    if last.tag == qn("w:tbl"):
        row = last.findall(qn("w:tr"))[-1]
        return [DocxParagraph(p, document._body) for p in row.iter(qn("w:p"))]
    return [DocxParagraph(last, document._body)]


def _write(document, gongwen: Gongwen) -> None:
    _paragraph(document, gongwen.title, "公文标题")
    _paragraph(document, "", "公文正文")  # 标题下空一行
    if gongwen.addressee:
        _paragraph(document, gongwen.addressee + "：", "公文主送")
    _blocks(document, gongwen.blocks)
    _keep_with_next(_last_block(document))  # the 署名 and 成文日期 never stand alone on a page
    if gongwen.attachments:
        _keep_with_next([_paragraph(document, "", "公文正文")])
        _keep_with_next(_attachment_note(document, gongwen.attachments))
    _signature(document, gongwen)
    for number, attachment in enumerate(gongwen.attachments, 1):
        _attachment(document, attachment, number if len(gongwen.attachments) > 1 else None)


def _blocks(document, blocks) -> None:
    counters = [0, 0]
    for block in blocks:
        if isinstance(block, Heading):
            counters[block.level - 1] += 1
            if block.level == 1:
                counters[1] = 0
                _paragraph(document, f"{chinese_number(counters[0])}、{block.text}", "公文一级标题")
            else:
                _paragraph(document, f"（{chinese_number(counters[1])}）{block.text}", "公文二级标题")
        elif isinstance(block, Paragraph):
            _paragraph(document, block.text, "公文正文" if block.indent else "公文主送")
        elif isinstance(block, Table):
            _table(document, block)


def _attachment_note(document, attachments: list[Attachment]) -> list:
    """附件：名称 — 正文下空一行、左空二字；several are numbered 1. 2. and aligned."""
    if len(attachments) == 1:
        return [_paragraph(document, f"附件：{attachments[0].one_line}", "公文正文")]
    return [_paragraph(document, f"{'附件：' if number == 1 else '　　　'}{number}. {attachment.one_line}", "公文正文")
            for number, attachment in enumerate(attachments, 1)]


def _signature(document, gongwen: Gongwen) -> None:
    """署名 centred over the 成文日期, which stands four characters from the right (加盖印章的公文)."""
    day = chinese_date(gongwen.date)
    room = [_paragraph(document, "", "公文正文") for _ in range(2)]  # room for the seal
    offset = max(0.0, (text_width(day) - text_width(gongwen.issuer)) / 2)
    issuer = _paragraph(document, gongwen.issuer, "公文署名", right_chars=4 + offset)
    _keep_with_next([*room, issuer])
    _paragraph(document, day, "公文署名", right_chars=4)


def _attachment(document, attachment: Attachment, number: int | None) -> None:
    label = _paragraph(document, f"附件{number or ''}", "公文附件标识")
    label.paragraph_format.page_break_before = True
    _keep_with_next([_paragraph(document, "", "公文正文")])
    _paragraph(document, attachment.title, "公文标题")
    _keep_with_next([_paragraph(document, "", "公文正文")])
    _blocks(document, attachment.blocks)


def _table(document, table: Table) -> None:
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    _borders(grid)
    _, size, *_ = STYLES["公文表格"]
    sized = [*table.rows, *map(list, table.sized_with)]
    widths = [Emu(int(w)) for w in column_widths(table.headers, sized, _text_width(document), size, CELL_PADDING)]
    # python-docx looks a style up by name at every assignment (seconds for a long table): look once
    style_ids = {style: document.styles[style].style_id for style in ("公文表头", "公文表格")}
    for index, (row, values) in enumerate(zip(grid.rows, [table.headers, *table.rows])):
        style = "公文表头" if index == 0 else "公文表格"
        font, size, *_ = STYLES[style]
        for column, (cell, value, width) in enumerate(zip(row.cells, values, widths)):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_ids[style]
            if index and column in table.left:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if table.together and index < len(table.rows):
                paragraph.paragraph_format.keep_with_next = True  # Word keeps such a table on one page
            _font_run(paragraph, value, font, size)
        if table.together:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for column, width in zip(grid._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(width.twips))  # LibreOffice lays a table out by its grid, not its cells
    grid.autofit = False
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.append(repeat)


# The children of w:tblPr, in the order the schema requires (Word rejects a table whose are not).
TABLE_PROPERTIES = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                    "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _borders(grid) -> None:
    """Single lines all round, the table centred, 1 mm of margin beside each cell's text."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    layout = OxmlElement("w:jc")
    layout.set(qn("w:val"), "center")
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(CELL_MARGIN.twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    for element in (borders, layout, margins):
        _table_property(grid._tbl.tblPr, element)


def _table_property(properties, element) -> None:
    for old in properties.findall(element.tag):
        properties.remove(old)
    tag = next(tag for tag in TABLE_PROPERTIES if qn(tag) == element.tag)
    properties.insert_element_before(element, *TABLE_PROPERTIES[TABLE_PROPERTIES.index(tag) + 1:])


def _text_width(document) -> int:
    """The width of the type area (EMU) of the last section: ours, or a staff template's."""
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin
