"""Turn record text into safe page text: markdown rendered then sanitised, plain text escaped.

Record fields marked *markdown* (a bio, a report summary) are written by many hands and
submitted by pull request; nothing in them may reach a page as live HTML. They are rendered
with Python-Markdown, then cleaned with nh3 against a short allow-list. Plain values (names,
titles, table cells) are escaped for the place they land in: HTML, or a markdown line.
"""

from __future__ import annotations

import html as html_module
import json
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup, escape

from ..records.values import url_problem

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "del",
    "ul", "ol", "li", "dl", "dt", "dd", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}
# Tags removed together with everything inside them (nh3 keeps the text of other unknown tags).
DROPPED_WITH_CONTENT = {"script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript",
                        "textarea"}
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "th": {"align"}, "td": {"align"}}  # "*": no title, lang…
URL_SCHEMES = {"http", "https"}  # no javascript:, data:, mailto: (contact data is not allowed in records)

# Characters Python-Markdown (with the site's extensions) gives a meaning to inside a line.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# In sanitised HTML, the same characters as entities, so the page's own markdown pass
# cannot turn text such as "[x](javascript:…)" back into a link.
_TEXT_ENTITIES = {"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "*": "&#42;",
                  "_": "&#95;", "`": "&#96;", "\\": "&#92;", "{": "&#123;", "}": "&#125;",
                  "!": "&#33;", "|": "&#124;", "~": "&#126;", "=": "&#61;", "^": "&#94;", ":": "&#58;"}
_TEXT_NODE = re.compile(r">([^<]+)<")
_TAG = re.compile(r"<[^>]*>")

_renderer = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=4096)  # a bio is rendered for its page and again for the downloads
def render_markdown(text: str | None) -> Markup:
    """Render record markdown to HTML that is safe to place in a page as a raw block."""
    if not text:
        return Markup("")
    _renderer.reset()
    html = _renderer.convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=EXTERNAL_REL,
        strip_comments=True,
    )
    return Markup(_protect_text_nodes(f"<div>{clean}</div>")[5:-6])


def plain_text(markdown_text: str | None) -> str | None:
    """Record markdown as the plain text a reader sees, after the same sanitising as pages.

    What the downloads hold and what matching reads: nothing a page would not show.
    """
    if not markdown_text:
        return None
    return html_module.unescape(_TAG.sub("", str(render_markdown(markdown_text)))).strip()


# What can hide words from a reader in record markdown: HTML (tags, comments, entities) and
# the targets of links and images, inline or by reference.
_HIDING = re.compile(r"[<&]|\]\s*[(\[:]")


def shown_words(markdown_text: str | None) -> str | None:
    """The words of record markdown a reader sees, for matching: `plain_text`'s, rendered only when needed.

    Text with nothing that could hide words (most bios and descriptions) is its own plain
    text but for markup punctuation, which matching ignores; rendering a thousand bios
    would cost more than matching them.
    """
    if not markdown_text or not _HIDING.search(markdown_text):
        return markdown_text
    return plain_text(markdown_text)


def _protect_text_nodes(html: str) -> str:
    def protect(match: re.Match) -> str:
        return ">" + "".join(_TEXT_ENTITIES.get(char, char) for char in match[1]) + "<"

    return _TEXT_NODE.sub(protect, html)


def md_inline(value: object) -> Markup:
    """Escape a plain value for a markdown line (a heading, a list item, a table cell).

    HTML-escapes it, backslash-escapes markdown punctuation and the table pipe, and
    folds line breaks, so a name like "*A* | <b>" reads exactly as written.
    """
    text = " ".join(str(value).split())
    return Markup(escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text)))


# Every link to a site a record names carries this, like the links inside record markdown
# (nh3 adds it there): no referrer, no opener, and no search-ranking boost for a stranger's site.
EXTERNAL_REL = "noopener noreferrer nofollow"


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


# JSON may spell any character as \uXXXX; spelling these three so keeps a JSON file that is
# sniffed, pasted or embedded as HTML from ever holding live markup.
_JSON_MARKUP = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_document(value: object, indent: int = 2) -> bytes:
    """A downloadable JSON file: UTF-8, readable Chinese, and no raw < > & anywhere."""
    return (json.dumps(value, ensure_ascii=False, indent=indent).translate(_JSON_MARKUP) + "\n").encode("utf-8")

