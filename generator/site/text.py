"""Turn record text into safe page text: sanitised markdown placed as HTML, plain values escaped.

Record fields marked *markdown* (a bio, a report summary) come sanitised from
`records/markdown.py`, the one reading every output shares; here they are made safe from the
page's own markdown pass. Plain values (names, titles, table cells) are escaped for the place
they land in: HTML, or a markdown line.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from markupsafe import Markup, escape

from ..records.markdown import EXTERNAL_REL, safe_html
from ..records.values import url_problem

# Characters Python-Markdown (with the site's extensions) gives a meaning to inside a line.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# In sanitised HTML, the same characters as entities, so the page's own markdown pass
# cannot turn text such as "[x](javascript:…)" back into a link.
_TEXT_ENTITIES = {"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "*": "&#42;",
                  "_": "&#95;", "`": "&#96;", "\\": "&#92;", "{": "&#123;", "}": "&#125;",
                  "!": "&#33;", "|": "&#124;", "~": "&#126;", "=": "&#61;", "^": "&#94;", ":": "&#58;"}
_TEXT_NODE = re.compile(r">([^<]+)<")


@lru_cache(maxsize=4096)
def render_markdown(text: str | None) -> Markup:
    """Record markdown as HTML safe to place in a page as a raw block (records/markdown.py sanitises it)."""
    if not text:
        return Markup("")
    return Markup(_protect_text_nodes(f"<div>{safe_html(text)}</div>")[5:-6])


def _protect_text_nodes(html: str) -> str:
    def protect(match: re.Match) -> str:
        return ">" + "".join(_TEXT_ENTITIES.get(char, char) for char in match[1]) + "<"

    return _TEXT_NODE.sub(protect, html)


def md_inline(value: object) -> Markup:
    """Escape a plain value for a markdown line (a heading, a list item, a table cell).

    HTML-escapes it, backslash-escapes markdown punctuation and the table pipe, and
    folds line breaks, so a name like "*A* | <b>" reads exactly as written.
    """
    return _md_line(str(value))


@lru_cache(maxsize=65536)  # names, universities and disciplines recur on thousands of pages
def _md_line(text: str) -> Markup:
    return Markup(escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))))


def html_text(value: object) -> Markup:
    """Escape a plain value for HTML text that markdown does not read (a raw HTML table's cell).

    Folds line breaks as `md_inline` does, so a cell reads the same in either kind of table.
    """
    return Markup(escape(" ".join(str(value).split())))


def external_link(url: object, text: object = None) -> Markup:
    """A link to the website a record names, for a markdown line: escaped HTML, never markdown.

    The URL goes into an HTML attribute (escaped), never into markdown link syntax, where
    `)`, `[` or `{:` in it could start another link or add attributes; the link text is
    escaped for a markdown line. A value that is not an http(s) URL (the validator refuses
    those) is shown as text.
    """
    label = md_inline(url if text is None else text)
    if not isinstance(url, str) or url_problem(url):
        return label
    return Markup(f'<a href="{escape(url)}" rel="{EXTERNAL_REL}">{label}</a>')


# The theme prints a page's title through `striptags`, which turns &lt; back into <, so a
# title must not carry these characters at all: they become their full-width look-alikes.
_TITLE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆"})


def front_matter_title(value: object) -> Markup:
    """A page title for the YAML front matter: one line, quoted, with no < > & in it."""
    text = " ".join(str(value).split()).translate(_TITLE_SAFE)
    return Markup(json.dumps(text, ensure_ascii=False))


def json_document(value: object, indent: int = 2) -> bytes:
    """A downloadable JSON file: UTF-8, readable Chinese, and no raw < > & anywhere.

    JSON may spell any character as \\uXXXX; spelling these three so keeps a JSON file that is
    sniffed, pasted or embedded as HTML from ever holding live markup. (Three `replace` calls:
    `str.translate` took 50 times as long on the open data of 1,000 doctors.)
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n").encode("utf-8")

