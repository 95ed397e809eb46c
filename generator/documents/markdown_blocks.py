"""Record Markdown (an opinion, the staff's notes) as 公文 paragraphs and headings.

A 公文 has no bold, links or bullets: inline markup is dropped, each list item becomes a
numbered paragraph (1. 2. …), `#` and `##` headings become the document's headings.
"""

from __future__ import annotations

import re

from .text import Block, Heading, Paragraph

_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)、])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")
_TAG = re.compile(r"<[^>]+>")


def inline_text(text: str) -> str:
    """Markdown inline markup removed: **粗体** -> 粗体, [文字](网址) -> 文字, <b> tags dropped."""
    return _MARKS.sub("", _TAG.sub("", _LINK.sub(r"\1", text))).strip()


def blocks(markdown: str, heading_levels: tuple[int, int] = (1, 2)) -> list[Block]:
    """Paragraphs, numbered list items and headings, in order (`#` -> level heading_levels[0], deeper -> [1])."""
    out: list[Block] = []
    lines: list[str] = []
    number = 0

    def flush():
        if lines:
            out.append(Paragraph(inline_text(" ".join(lines)) if _is_latin(lines) else inline_text("".join(lines))))
            lines.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        heading, item = _HEADING.match(line), _ITEM.match(raw)
        if not line:
            flush()
            number = 0
        elif heading:
            flush()
            level = heading_levels[0] if len(heading[1]) == 1 else heading_levels[1]
            out.append(Heading(level, inline_text(heading[2])))
        elif item:
            flush()
            number += 1
            lines.append(f"{number}. {item[1].strip()}")
            flush()
        else:
            lines.append(line)
    flush()
    return [block for block in out if block.text]


def _is_latin(lines: list[str]) -> bool:
    """Whether lines join with a space (English) or with nothing (Chinese breaks lines anywhere)."""
    return all(line[-1:].isascii() and line[-1:].isalnum() for line in lines[:-1])
