"""How record Markdown reads: one rendering, sanitised once, for pages and for every plain output.

Fields marked *markdown* (a bio, a need's description, an opinion) are written by many hands
and submitted by pull request. They are rendered once with Python-Markdown and cleaned with
nh3 against a short allow-list. From that one cleaned HTML come:

- `safe_html`: what a page shows (the site places it as a raw block);
- `blocks`: the headings, paragraphs and list items a reader sees, as text: what a Word
  document lays out;
- `plain_text`: those blocks as lines: what the CSV and JSON downloads, the ledger and
  matching read.

So a `<script>` in a bio is gone from every output alike, `a &amp; b` reads `a & b`
everywhere, and the public ledger holds exactly the text the public site shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "del",
    "ul", "ol", "li", "dl", "dt", "dd", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}
# A page keeps its own h1/h2 outline, so record headings there start at h3; a document keeps them all.
DOCUMENT_TAGS = ALLOWED_TAGS | {"h1", "h2"}
# Tags removed together with everything inside them (nh3 keeps the text of other unknown tags).
DROPPED_WITH_CONTENT = {"script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript",
                        "textarea"}
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "th": {"align"}, "td": {"align"}}  # "*": no title, lang…
URL_SCHEMES = {"http", "https"}  # no javascript:, data:, mailto: (contact data is not allowed in records)
# Every link to a site a record names carries this: no referrer, no opener, and no search-ranking
# boost for a stranger's site.
EXTERNAL_REL = "noopener noreferrer nofollow"

_renderer = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=4096)  # a bio is read for its page, its downloads and matching
def _cleaned(text: str, tags: frozenset[str]) -> str:
    _renderer.reset()
    return nh3.clean(
        _renderer.convert(text),
        tags=set(tags),
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=EXTERNAL_REL,
        strip_comments=True,
    )


def safe_html(text: str | None) -> str:
    """Record Markdown as HTML that is safe to place in a page (headings from h3 down)."""
    return _cleaned(text, frozenset(ALLOWED_TAGS)) if text else ""


@dataclass(frozen=True)
class Block:
    """A heading (level 1 for `#`, 2 for anything deeper), a paragraph, or a list item (numbered from 1)."""

    kind: str  # HEADING, PARAGRAPH or ITEM
    text: str
    level: int = 0  # a heading's level
    number: int = 0  # an item's number in its list


HEADING, PARAGRAPH, ITEM = "heading", "paragraph", "item"


@lru_cache(maxsize=4096)
def blocks(text: str | None) -> tuple[Block, ...]:
    """The blocks a reader sees in record Markdown, in order: no markup, no hidden text."""
    if not text:
        return ()
    reader = _BlockReader()
    reader.feed(_cleaned(text, frozenset(DOCUMENT_TAGS)))
    reader.close()
    return tuple(reader.found)


def plain_text(text: str | None) -> str | None:
    """Record Markdown as the plain lines a reader sees: a line per block, items numbered `1. `."""
    found = blocks(text)
    if not found:
        return None
    return "\n".join(f"{block.number}. {block.text}" if block.kind == ITEM else block.text for block in found)


# What can hide words from a reader in record Markdown: HTML (tags, comments, entities) and
# the targets of links and images, inline or by reference.
_HIDING = re.compile(r"[<&]|\]\s*[(\[:]")


def shown_words(text: str | None) -> str | None:
    """The words of record Markdown a reader sees, for matching: `plain_text`'s, rendered only when needed.

    Text with nothing that could hide words (most bios and descriptions) is its own plain text
    but for markup punctuation, which matching ignores; rendering a thousand bios would cost
    more than matching them.
    """
    if not text or not _HIDING.search(text):
        return text
    return plain_text(text)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one: Chinese breaks lines anywhere (joined with nothing), English with a space."""
    out = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        spaced = out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum()
        out += (" " if spaced else "") + line
    return out


class _BlockReader(HTMLParser):
    """Walk cleaned HTML: each block element's text, headings with their level, list items numbered."""

    BLOCKS = frozenset({"p", "li", "dt", "dd", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Block] = []
        self.numbers: list[int] = []  # the next number of each open list
        self.text: list[str] = []
        self.open: list[str] = []  # the open block elements, innermost last

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self.numbers.append(1)
        elif tag in self.BLOCKS:
            self._flush()
            self.open.append(tag)
        elif tag == "br":
            self.text.append("\n")
        elif tag in ("td", "th") and self.text:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._flush()
            if self.numbers:
                self.numbers.pop()
        elif tag in self.BLOCKS:
            self._flush()
            if self.open and self.open[-1] == tag:
                self.open.pop()
            if tag == "li" and self.numbers:
                self.numbers[-1] += 1

    def handle_data(self, data):
        self.text.append(data)

    def close(self):
        super().close()
        self._flush()

    def _flush(self):
        text = join_lines("".join(self.text).split("\n"))
        self.text = []
        if not text:
            return
        tag = self.open[-1] if self.open else "p"
        if tag == "p" and "li" in self.open:  # a paragraph of a loose list's item
            tag = "li"
        if tag[0] == "h" and tag[1:].isdigit():
            self.found.append(Block(HEADING, text, level=1 if tag == "h1" else 2))
        elif tag == "li" and self.numbers:
            self.found.append(Block(ITEM, text, number=self.numbers[-1]))
        else:
            self.found.append(Block(PARAGRAPH, text))


