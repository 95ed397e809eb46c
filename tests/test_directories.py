"""The directories (doctors, enterprises, needs, residencies; the internal reports): HTML tables the
templates write whole, which html_passthrough.py hands to the page in one piece.

mkdocs neither rewrites nor checks a link in raw HTML, so these tests follow every link the built
directories hold, with each setting of `use_directory_urls`; and they read hostile record values
back out of the directories' cells as a browser shows them.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
import yaml

from benchmarks.site_compare import broken_links
from generator.site.html_passthrough import CLOSE, OPEN
from generator.site.mkdocs_config import HTML_PASSTHROUGH
from generator.site.render import environment

from .support import BASE, ROOT, built_site, gaoxin_build, site_records

# Each directory of the test program: its page, its source in the docs folder, its rows.
DIRECTORIES = {
    "doctors/index.html": ("doctors/index.md", 4), "enterprises/index.html": ("enterprises/index.md", 2),
    "needs/index.html": ("needs/index.md", 5), "residencies/index.html": ("residencies/index.md", 4),
}
INTERNAL_DIRECTORIES = {**DIRECTORIES, "internal/reports/index.html": ("internal/reports.md", 4)}


@dataclass
class Cell:
    text: str
    links: list[str] = field(default_factory=list)


@dataclass
class Directory:
    """The table of a page's .gx-directory as a browser reads it."""

    headers: list[str]
    rows: list[list[Cell]]
    tags: set[str]  # every element inside the directory


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # of <div>s, inside the directory
        self.found = Directory([], [], set())
        self.cell: Cell | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if not self.depth:
            self.depth = int(tag == "div" and "gx-directory" in (values.get("class") or "").split())
            return
        self.depth += tag == "div"
        self.found.tags.add(tag)
        if tag == "tr":
            self.found.rows.append([])
        elif tag in ("td", "th"):
            self.cell = Cell("")
        elif tag == "a" and self.cell is not None:
            self.cell.links.append(values["href"])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= tag == "div"
        if tag in ("td", "th") and self.cell is not None:
            self.found.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data


def directory(html: str) -> Directory:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    header, *rows = reader.found.rows
    return Directory([cell.text for cell in header], rows, reader.found.tags)


# Links ------------------------------------------------------------------------------


@pytest.mark.parametrize(("audience", "pages"), [("public", DIRECTORIES), ("internal", INTERNAL_DIRECTORIES)])
def test_every_link_in_the_directories_leads_to_a_page(audience, pages):
    built = built_site(audience)
    assert built.exit_code == 0
    assert broken_links(built.out) == {"files": [], "anchors": []}
    for page, (_, rows) in pages.items():
        table = directory(built.page(page))
        assert len(table.rows) == rows, page
        assert all(any(cell.links for cell in row) for row in table.rows), f"{page}: every row links to its record"


def test_the_directories_link_to_pages_as_the_site_addresses_them(tmp_path):
    """With use_directory_urls: false a page is doctors/d1.html, and so is every directory's link to it."""
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: ", f"custom_dir: {ROOT}/", 1)
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false", 1), encoding="utf-8")
    out = tmp_path / "site"
    assert gaoxin_build(site_records(tmp_path / "records"), out, tmp_path / "cache", "--config", str(config)) == 0
    assert broken_links(out) == {"files": [], "anchors": []}
    doctors = directory((out / "doctors" / "index.html").read_text(encoding="utf-8"))
    assert {link for row in doctors.rows for link in row[0].links} == {"d1.html", "d2.html", "d3.html", "d4.html"}
    residencies = directory((out / "residencies" / "index.html").read_text(encoding="utf-8"))
    links = {link for row in residencies.rows for cell in row for link in cell.links}
    assert {"../doctors/d3.html", "../enterprises/e2.html", "a3.html"} <= links
    assert not [link for link in links if link.endswith("/")]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(("page", "target"), [
    ("doctors/index.md", "doctors/d1.md"),
    ("doctors/index.md", "enterprises/e1.md"),
    ("residencies/index.md", "residencies/a1.md#a1"),
    ("internal/reports.md", "doctors/d1.md"),
    ("internal/reports.md", "internal/visits.md"),
    ("doctors/d1.md", "doctors/index.md"),
    ("doctors/d1.md", "index.md"),
    ("index.md", "needs/n1.md"),
    ("index.md", "data/files/doctors.csv"),
    ("policy/rules.md", "policy/index.md#a"),
])
def test_href_is_the_address_mkdocs_gives_a_markdown_link(page, target, directory_urls):
    from mkdocs.structure.files import File

    path, _, anchor = target.partition("#")
    files = {name: File(name, "/docs", "/site", use_directory_urls=directory_urls) for name in (page, path)}
    expected = files[path].url_relative_to(files[page]) + (f"#{anchor}" if anchor else "")
    site = SimpleNamespace(directory_urls=directory_urls)
    assert environment().from_string("{{ target|href }}").render(site=site, page_path=page, target=target) == expected


def test_a_use_directory_urls_that_is_not_true_or_false_is_refused(tmp_path, capsys):
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: ", f"custom_dir: {ROOT}/", 1)
    config.write_text(text.replace("use_directory_urls: true", 'use_directory_urls: "否"', 1), encoding="utf-8")
    out = tmp_path / "site"
    assert gaoxin_build(site_records(tmp_path / "records"), out, tmp_path / "cache", "--config", str(config)) == 1
    error = capsys.readouterr().err
    assert "use_directory_urls 应为 true 或 false，现为 '否'" in error and "Traceback" not in error
    assert not out.exists()


def test_a_directory_of_nothing_has_no_rows(tmp_path):
    """Markdown gave a table without rows one row of empty cells; the directory has none."""
    records = shutil.copytree(BASE, tmp_path / "records")
    shutil.rmtree(records / "needs")
    agreement = records / "agreements" / "a1.yml"
    agreement.write_text(re.sub(r"^needs: .*\n", "", agreement.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    assert gaoxin_build(records, tmp_path / "site", tmp_path / "cache") == 0
    table = directory((tmp_path / "site" / "needs" / "index.html").read_text(encoding="utf-8"))
    assert table.headers[0] == "需求" and table.rows == []


# What the cells show ---------------------------------------------------------------------

# Markup, an event attribute, a markdown link and emphasis, a table pipe: all of it text in a cell.
HOSTILE = '<script>x</script>*x*|[a](b)"><img src=x onerror=alert(1)>'
ENTITIES = "&amp; \\*y\\* `c` {: #i } <b>粗</b>"


def _hostile_records(target: Path) -> Path:
    records = site_records(target)
    for path, key, value in (("doctors/d3.yml", "name", HOSTILE), ("doctors/d3.yml", "title", ENTITIES),
                             ("enterprises/e2.yml", "name", f"{ENTITIES}有限公司"), ("needs/e2-vision.yml", "title", HOSTILE)):
        data = yaml.safe_load((records / path).read_text(encoding="utf-8"))
        data[key] = value
        (records / path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return records


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_hostile_values_show_as_text_in_every_directory(tmp_path, audience):
    records, out = _hostile_records(tmp_path / "records"), tmp_path / "site"
    assert gaoxin_build(records, out, tmp_path / "cache", "--audience", audience) == 0
    pages = INTERNAL_DIRECTORIES if audience == "internal" else DIRECTORIES
    expected = {  # (column, text) of the cells holding a hostile value, by page
        "doctors/index.html": {("姓名", HOSTILE), ("职称", ENTITIES), ("当前/最近入驻企业", f"{ENTITIES}有限公司")},
        "enterprises/index.html": {("企业名称", f"{ENTITIES}有限公司")},
        "needs/index.html": {("需求", HOSTILE), ("发布企业", f"{ENTITIES}有限公司")},
        "residencies/index.html": {("博士", HOSTILE), ("入驻企业", f"{ENTITIES}有限公司")},
        "internal/reports/index.html": {("博士", HOSTILE), ("入驻企业", f"{ENTITIES}有限公司")},
    }
    for page in pages:
        table = directory((out / page).read_text(encoding="utf-8"))
        assert table.tags <= {"table", "thead", "tbody", "tr", "th", "td", "a", "span"}, page
        assert all(len(row) == len(table.headers) for row in table.rows), page  # the pipe split no cell
        shown = {(header, cell.text) for row in table.rows for header, cell in zip(table.headers, row)}
        assert expected[page] <= shown, page


# In one piece ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(INTERNAL_DIRECTORIES))
def test_each_directory_reaches_its_page_as_the_template_wrote_it(page):
    built = built_site("internal")
    source = (built.cache / "internal" / INTERNAL_DIRECTORIES[page][0]).read_text(encoding="utf-8")
    block = source.split(f"\n{OPEN}\n", 1)[1].split(f"\n{CLOSE}\n", 1)[0]
    html = built.page(page)
    assert block.startswith('<div class="gx-directory"') and block in html
    assert "gx:html" not in html  # the markers are gone: the extension, not markdown's html_block, passed it on


def _convert(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "tables", "pymdownx.superfences", HTML_PASSTHROUGH])


def test_a_marked_block_passes_through_as_written():
    block = '<div class="x">\n<p>*not emphasis* | a | b |</p>\n\n<span>[not](a-link)</span>\n</div>'
    html = _convert(f"前文 *是强调*\n\n{OPEN}\n{block}\n{CLOSE}\n后文\n\n{OPEN}\n<p>二</p>\n{CLOSE}\n")
    assert html == f"<p>前文 <em>是强调</em></p>\n{block}\n<p>后文</p>\n<p>二</p>"


def test_a_marker_shown_in_code_stays_text():
    html = _convert(f"```\n{OPEN}\n*a*\n{CLOSE}\n```\n")
    assert "<code>&lt;!-- gx:html --&gt;\n*a*\n&lt;!-- /gx:html --&gt;\n</code>" in html


def test_an_indented_marker_is_not_a_marker_line():
    html = _convert(f"- 列表\n\n    {OPEN}\n    *a*\n    {CLOSE}\n")
    assert f"<p>{OPEN}\n<em>a</em>\n{CLOSE}</p>" in html  # markdown read what lay between


def test_a_block_without_its_closing_marker_is_left_to_markdown():
    assert _convert(f"{OPEN}\n<div>一</div>\n\n*二*\n") == f"{OPEN}\n<div>一</div>\n\n<p><em>二</em></p>"
