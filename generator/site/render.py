"""The one jinja environment of the site and the one function that renders a template.

Templates live in `templates/` beside this module and produce markdown pages (with raw
HTML blocks where markdown has no construct). Autoescape is on for every template, so a
value from a record is HTML-escaped unless a filter says otherwise:

- `md`: escape for a markdown line (headings, table cells, link texts);
- `markdown`: render record markdown and sanitise it (see `text.py`);
- `page_title`: a quoted title for the front matter (the theme's <title> must not get < > &);
- `link`: a record's website as an escaped HTML link (never markdown link syntax);
- `rel`: a path relative to the page being rendered, for markdown links mkdocs checks
  (the only value a template may put inside markdown link syntax, and only a site path);
- `text`: escape a plain value for HTML that markdown does not read (the directories' tables);
- `href`: the address of a site path relative to the page being rendered, as mkdocs would write
  it in the built page (for links in that HTML, which mkdocs neither rewrites nor checks).
"""

from __future__ import annotations

import posixpath
import re
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from ..queries.view import OUTCOME_TITLES
from .text import external_link, front_matter_title, html_text, md_inline, render_markdown

TEMPLATES = Path(__file__).parent / "templates"


# What a link target built from ids may hold: ids, periods and rounds are ASCII letters,
# digits and hyphens (download files add a dot), so nothing here can close a markdown link or open an attribute list.
_SITE_PATH = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)*\.(?:md(?:#[A-Za-z0-9_-]+)?|csv|json|docx|xlsx)")


@pass_context
def _relative(context, target: str) -> str:
    """`target` (a docs path such as `doctors/d1.md`) relative to the page being rendered."""
    return _link(target, posixpath.dirname(context["page_path"]))


@lru_cache(maxsize=65536)  # every link of every page comes here (36,000 at 1,000 doctors), from a few folders
def _link(target: str, folder: str) -> str:
    """`_relpath` of a site path."""
    return _relpath(_site_path(target), folder)


def _site_path(target: str) -> str:
    """`target`, when it is a site path (`_SITE_PATH`): any other is a template bug, never a record's doing (ids are checked)."""
    if not _SITE_PATH.fullmatch(target):
        raise ValueError(f"not a site path for a link: {target!r}")
    return target


@pass_context
def _href(context, target: str) -> str:
    """`target` (a docs path such as `doctors/d1.md#a`) as the built page links to it: `../doctors/d1/#a`."""
    return _address(target, context["page_path"], context["site"].directory_urls)


@lru_cache(maxsize=65536)  # the directories link to every record page, on every render of the site
def _address(target: str, page: str, directory_urls: bool) -> str:
    """mkdocs' own rewriting of a markdown link from `page`, for raw HTML.

    `use_directory_urls` decides the addresses (`_page_url`), mkdocs' `get_relative_url` the
    relative path. Only a site path is a link target, as for `_link`.
    """
    path, hash_, anchor = _site_path(target).partition("#")
    return get_relative_url(_page_url(path, directory_urls), _page_url(page, directory_urls)) + hash_ + anchor


def _page_url(path: str, directory_urls: bool) -> str:
    """The address mkdocs gives the docs file at `path` (mkdocs.structure.files.File.url): `doctors/d1/`."""
    if not path.endswith(".md"):
        return path
    folder, _, name = path[:-3].rpartition("/")
    if name == "index":
        return f"{folder or '.'}/" if directory_urls else f"{folder}/index.html".lstrip("/")
    return f"{folder}/{name}/".lstrip("/") if directory_urls else f"{folder}/{name}.html".lstrip("/")


def _relpath(target: str, folder: str) -> str:
    """`posixpath.relpath(target, folder or ".")` for docs paths, without its two `abspath` calls."""
    parts, base = target.split("/"), folder.split("/") if folder else []
    if any(part in ("", ".", "..") for part in (*parts, *base)):
        return posixpath.relpath(target, folder or ".")
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def _yuan(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,}"


def _day(value) -> str:
    return value.isoformat() if value else "—"


_QUARTERS = "一二三四"


def _quarter(period: str) -> str:
    """`2026Q3` -> `2026 年第三季度`."""
    year, quarter = period.split("Q")
    return f"{year} 年第{_QUARTERS[int(quarter) - 1]}季度"


def _percent(ratio) -> str:
    return f"{float(ratio) * 100:g}%"


def _show(value) -> str:
    """A policy value as people read it: lists joined with 、, ratios as percentages, yes/no as 是/否, unset as —."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(_item(item) for item in value)
    if isinstance(value, dict):  # party weights, grade floors: 入驻企业 40、高校科研处 20
        return "、".join(f"{key} {_item(item)}" for key, item in value.items())
    if hasattr(type(value), "model_fields"):  # a nested part of the policy, e.g. industries
        fields = type(value).model_fields.items()
        return "；".join(f"{field.title}：{_show(getattr(value, key))}" for key, field in fields)
    if isinstance(value, float):
        return _percent(value)
    return str(value)


def _item(value) -> str:
    """One item of a policy list or mapping: a number as written (90, not 90.0), an indicator as 履职尽责 20."""
    if hasattr(type(value), "model_fields"):
        return " ".join(_item(getattr(value, key)) for key in type(value).model_fields)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _card_cell(label: str, value: object, kind: str = "") -> Markup:
    """One cell of a card table (`card_table` in _macros.md.j2), value escaped unless it is Markup.

    `kind`: "title" for the cell that heads the card, "score" for a figure set at its corner,
    "reasons" for the long text.
    """
    css = f' class="gx-cards__{escape(kind)}"' if kind else ""
    return Markup(f'<td role="cell" data-label="{escape(label)}"{css} markdown="span">{escape(value)}</td>')


def _card_row(*cells: Markup) -> str:
    return '<tr role="row" markdown>\n' + "".join(f"{cell}\n" for cell in cells) + "</tr>\n"


def _match_cells(match) -> tuple[Markup, Markup]:
    """A recommendation's score and reasons, the last two cells of either card table."""
    return _card_cell("匹配度", f"{match.score:.2f}", "score"), _card_cell("推荐理由", md_inline("；".join(match.reasons)), "reasons")


def _md_link(text: object, target: str, folder: str) -> Markup:
    """`[text](target)`, the text escaped for markdown and the target relative to `folder`, as `md` and `rel` write them."""
    return Markup(f"[{md_inline(text)}]({_link(target, folder)})")


@pass_context
def _doctor_cards(context, candidates: list[dict]) -> Markup:
    """The rows of a need's recommended doctors (need.md.j2): each is `_card_cell`s, built here and not by
    the template, since 1,000 open needs make 25,000 cells at 1,000 doctors."""
    folder = posixpath.dirname(context["page_path"])
    return Markup("".join(_card_row(
        _card_cell("博士", _md_link(c["doctor"].name, f"doctors/{c['match'].doctor}.md", folder), "title"),
        _card_cell("派出单位", md_inline(c["university"])),
        _card_cell("学科专业", md_inline(c["doctor"].discipline)),
        *_match_cells(c["match"]),
    ) for c in candidates))


@pass_context
def _need_cards(context, offers: list[dict]) -> Markup:
    """The rows of a doctor's open needs (doctor.md.j2), as `_doctor_cards` makes a need's."""
    folder = posixpath.dirname(context["page_path"])
    return Markup("".join(_card_row(
        _card_cell("需求", _md_link(o["need"].title, f"needs/{o['match'].need}.md", folder), "title"),
        _card_cell("发布企业", _md_link(o["enterprise"].name, f"enterprises/{o['need'].enterprise}.md", folder)
                   if o["enterprise"] else md_inline(o["need"].enterprise)),
        *_match_cells(o["match"]),
    ) for o in offers))


def _size(content: bytes) -> str:
    size = len(content)
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template: a record value is text unless a filter says otherwise
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_inline, markdown=render_markdown, link=external_link, rel=_relative, text=html_text,
                       href=_href, yuan=_yuan, day=_day, quarter=_quarter, page_title=front_matter_title)
    env.globals.update(percent=_percent, show=_show, size=_size, doctor_cards=_doctor_cards, need_cards=_need_cards,
                       outcome_titles=OUTCOME_TITLES)
    return env


def render(template: str, **context) -> str:
    """Render `template` (a file name under templates/) with `context`."""
    return environment().get_template(template).render(**context)
