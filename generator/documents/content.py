"""What a 公文 says, before any layout: title, addressee, numbered headings, paragraphs, tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..records.markdown import HEADING, ITEM, blocks

CHINESE_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is numbered 一、二、…, level 2 （一）（二）… under it."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # the first line indented two characters, as body text is


@dataclass(frozen=True)
class Table:
    """A table; the layout sizes its columns from their content."""

    headers: list[str]
    rows: list[list[str]]
    left: tuple[int, ...] = ()  # columns of running text, set flush left (others are centred)
    together: bool = False  # keep the table on one page (a short record, such as one visit)
    sized_with: tuple[tuple[str, ...], ...] = ()  # rows of sibling tables whose columns line up with this one's


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Attachment:
    """An 附件: on a new page after the signature, headed 附件 (or 附件1, 附件2 …)."""

    title: str  # may hold line breaks where the title should break
    blocks: list[Block]

    @property
    def one_line(self) -> str:
        """The title as the 附件 note names it, on one line."""
        return self.title.replace("\n", "")


@dataclass
class Gongwen:
    """One document: everything the layout needs and nothing it has to invent."""

    title: str
    issuer: str  # 发文机关署名
    date: date  # 成文日期
    blocks: list[Block] = field(default_factory=list)
    addressee: str | None = None  # 主送机关, e.g. 各有关单位
    attachments: list[Attachment] = field(default_factory=list)

    def text(self) -> str:
        """The plain text in reading order (what a PDF of it must contain)."""
        parts = [self.title, self.addressee or ""]
        for block in [*self.blocks, *(b for a in self.attachments for b in a.blocks)]:
            if isinstance(block, Table):
                parts += [*block.headers, *(cell for row in block.rows for cell in row)]
            else:
                parts.append(block.text)
        return "\n".join(part for part in parts if part)


def markdown_blocks(text: str | None, top_level: int = 1) -> list[Block]:
    """Record Markdown (an opinion, the staff's notes) as 公文 blocks, read as every output reads it.

    A 公文 has no bold, links or bullets: `#` headings become headings of `top_level`, deeper
    ones the level below (never deeper than 2); each list item a numbered paragraph (1. 2. …).
    """
    out: list[Block] = []
    for block in blocks(text):
        if block.kind == HEADING:
            out.append(Heading(min(top_level + block.level - 1, 2), block.text))
        elif block.kind == ITEM:
            out.append(Paragraph(f"{block.number}. {block.text}"))
        else:
            out.append(Paragraph(block.text))
    return out


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (headings never reach 100)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, 2026年4月10日."""
    return f"{day.year}年{day.month}月{day.day}日"


def yuan_text(amount: int) -> str:
    """10000 -> 1万元, 15000 -> 1.5万元, 8000 -> 8000元."""
    if amount and amount % 1000 == 0 and amount >= 10000:
        return f"{amount / 10000:g}万元"
    return f"{amount}元"


def quarter_text(year: int, quarter: int) -> str:
    return f"{year}年第{chinese_number(quarter)}季度"


def quarters_text(quarters: list[tuple[int, int]]) -> str:
    """2026年第一、二季度，2027年第一季度: quarters oldest first, the year said once."""
    by_year: dict[int, list[int]] = {}
    for year, quarter in quarters:
        by_year.setdefault(year, []).append(quarter)
    return "，".join(f"{year}年第{'、'.join(map(chinese_number, numbers))}季度" for year, numbers in by_year.items())


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PERIOD = re.compile(r"\b(\d{4})Q([1-4])\b(?:\s*季度)?")
_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])[ \t]+|[ \t]+(?=[^\x00-\x7f])")


def prose(text: str) -> str:
    """A record-style text (a finding's message) as a 公文 says it.

    2026-03-01 -> 2026年3月1日, 2026Q3 -> 2026年第三季度, and no spaces beside Chinese characters.
    """
    text = _ISO_DATE.sub(lambda m: chinese_date(date(int(m[1]), int(m[2]), int(m[3]))), text)
    text = _PERIOD.sub(lambda m: quarter_text(int(m[1]), int(m[2])), text)
    return _SPACE_BY_CJK.sub("", text)
