"""The staff's own Word template (红头, `--template FILE.docx`): opened with limits, and its `{{正文}}`.

A .docx is a zip archive whose parts python-docx unpacks whole, so a small file can hold a
huge part (556 KB declaring 512 MiB took 8 s and 1.6 GB). The archive's directory is read
first and the file refused when it is too large, declares too much, or a part expands far
more than text and images do; Python's zip reader never unpacks more than a part declares.

The content goes where a paragraph of the body holds `{{正文}}` alone, or at the end when
there is none. Anything else would leave the placeholder in the issued document or put the
content somewhere the clerk did not mean, so it is refused: the placeholder twice, inside a
table, a text box, a header or footer, or sharing its paragraph with other text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from ..errors import UsageError

PLACEHOLDER = ("{{正文}}", "{{content}}")
MAX_BYTES = 20 * 1024 * 1024  # a 红头 with its emblem is tens of kilobytes
MAX_UNZIPPED = 64 * 1024 * 1024  # what all the parts together may declare
MAX_RATIO = 100  # a part over RATIO_FROM that expands more than this is no Word text or image
RATIO_FROM = 1024 * 1024
SAVE_AS = "请在 Word 或 WPS 中“另存为 .docx”后再试"


def open_letterhead(path: Path):
    """The template as a python-docx Document, and its `{{正文}}` paragraph (or None), after the checks."""
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        raise UsageError(f"无法读取模板 {path}：{exc.strerror}") from None
    if data is None:
        raise UsageError(f"模板 {path} 过大（超过 {MAX_BYTES // 1024 // 1024} MB）：红头模板应只含版头、版记等，请删去大图片后再试")
    _check_archive(path, data)
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise UsageError(f"无法用 {path} 作模板：它不是 Word 文档（.docx）。{SAVE_AS}（{exc}）") from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise UsageError(f"无法读取模板 {path}：文件已损坏或不是 .docx（{type(exc).__name__}）") from None
    return document, placeholder(document, path)


def _check_archive(path: Path, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UsageError(f"无法用 {path} 作模板：它不是 Word 文档（.docx）。{SAVE_AS}（{exc}）") from None
    if sum(part.file_size for part in parts) > MAX_UNZIPPED:
        raise UsageError(f"模板 {path} 解压后过大（超过 {MAX_UNZIPPED // 1024 // 1024} MB），不像是 Word 模板：{SAVE_AS}")
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise UsageError(f"模板 {path} 中的 {part.filename} 压缩比异常（{part.compress_size} 字节解压为 {part.file_size} 字节），"
                             f"不像是 Word 模板：{SAVE_AS}")


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _holds(paragraph) -> bool:
    return any(mark in _text(paragraph) for mark in PLACEHOLDER)


def _header_and_footer_paragraphs(document):
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if str(part.partname).startswith(("/word/header", "/word/footer")) and element is not None:
            yield from element.iter(qn("w:p"))


def placeholder(document, path: Path):
    """The body paragraph holding `{{正文}}` alone, None when the template has none; refuse every other use."""
    name = PLACEHOLDER[0]
    body = document.element.body
    found = [p for p in body.iter(qn("w:p")) if _holds(p)]
    if any(_holds(p) for p in _header_and_footer_paragraphs(document)):
        raise UsageError(f"模板 {path} 的页眉或页脚中有 {name}：正文只能放在正文中的独立段落处，请把它移到正文中")
    if len(found) > 1:
        raise UsageError(f"模板 {path} 中有 {len(found)} 处 {name}：正文只能放在一处，请只保留一个")
    if not found:
        return None
    paragraph = found[0]
    if paragraph.getparent() is not body:
        raise UsageError(f"模板 {path} 中的 {name} 在表格或文本框中：正文只能放在正文中的独立段落处，请把它移到表格外、单独成段")
    if _text(paragraph).strip() not in PLACEHOLDER:
        raise UsageError(f"模板 {path} 中 {name} 所在的段落还有其他文字（“{_text(paragraph).strip()[:40]}”）：请让 {name} 单独成段")
    return paragraph


def pour(document, mark, before: set) -> None:
    """Move the content written after `before` to where the template's `{{正文}}` paragraph `mark` stands (and drop it)."""
    if mark is None:
        return
    body = document.element.body
    for element in [child for child in body.iterchildren() if child not in before and child.tag != qn("w:sectPr")]:
        mark.addprevious(element)
    body.remove(mark)
