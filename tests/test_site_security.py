"""The site cannot be defaced: hostile text in every free-text field runs nowhere.

`gaoxin build` runs on tests/cases/base + tests/cases/site with every free-text field
of every record (names, bios, needs, focus, titles, report summaries, work titles and
details, opinions, meeting topics, the program's name) replaced by attack payloads:
script tags, event attributes, javascript: and data: URLs, iframes, style elements and
CSS expressions, SVG with scripts, markdown link tricks (inline, reference, autolink,
entity-encoded schemes), markdown extensions that add attributes, template syntax, and
spreadsheet formulas. Every file of the output is then read the way its consumer reads
it: HTML pages (and the search index's HTML snippets) through `html.parser`, JSON as
data, CSV as a spreadsheet would. Each payload carries a marker (XSS-n); a marker may
appear as text, never inside anything that runs.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown as markdown_module
import pytest
import yaml

from generator.cli import main
from generator.records.kinds import BY_FOLDER, KINDS
from generator.records.schema import schemas
from generator.records.values import ONE_LINE_SCHEMA_PATTERN

from .support import ROOT, schema_nodes, scratch

AS_OF = "2027-04-30"
CASES = ROOT / "tests" / "cases"

PAYLOADS = [
    "<script>alert('XSS-1')</script>",
    "<img src=x onerror=alert('XSS-2')>",
    "<a href=\"javascript:alert('XSS-3')\">点我</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">XSS-4</a>",
    "<iframe src=\"https://evil.example/XSS-5\"></iframe>",
    "<style>body{background:url(\"javascript:alert('XSS-6')\")}</style>",
    "<div style=\"width: expression(alert('XSS-7'))\">宽</div>",
    "<svg onload=alert('XSS-8')><script>alert('XSS-8')</script></svg>",
    "[链接](javascript:alert('XSS-9'))",
    "[引用][evil]\n\n[evil]: javascript:alert('XSS-10')",
    "<javascript:alert('XSS-11')>",
    "[实体](&#106;avascript:alert('XSS-12'))",
    "<a href=\"&#106;&#97;vascript:alert('XSS-13')\">实体</a>",
    "![图](javascript:alert('XSS-14'))",
    "[空格]( JaVaScRiPt:alert('XSS-15'))",
    "<object data=\"javascript:alert('XSS-16')\"></object><embed src=\"javascript:alert('XSS-16')\">",
    "<form action=\"javascript:alert('XSS-17')\"><button formaction=\"javascript:alert('XSS-17')\">提交</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('XSS-18')\"><base href=\"javascript:alert('XSS-18')//\">",
    "<details open ontoggle=alert('XSS-19')><summary>XSS-19</summary></details>",
    "<<script>script>alert('XSS-20')<</script>/script>",
    "</script><script>alert('XSS-21')</script>",
    "\"><img src=x onerror=alert('XSS-22')>",
    "名称{: onclick=\"alert('XSS-23')\" }",
    "<div markdown=\"1\" onmouseover=\"alert('XSS-24')\">**XSS-24**</div>",
    "*[XSS-25]: <img src=x onerror=alert('XSS-25')>",
    "!!! note \"<img src=x onerror=alert('XSS-26')>\"\n    内容",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS-27')></style></mglyph></table></mtext></math>",
    "<a href=\"java\tscript:alert('XSS-28')\">制表符</a>",
    "<!--<script>alert('XSS-29')</script>-->",
    "{{ 7*7 }}XSS-30{% raw %}",
    "<svg><a xlink:href=\"javascript:alert('XSS-31')\"><text>XSS-31</text></a></svg>",
    "<img src=\"x\" onerror=\"alert('XSS-32')\"",
]
MARKERS = [f"XSS-{number}" for number in range(1, 33)]
FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"XSS-F1\")", "+cmd|' /C calc'!A0 XSS-F2", "-2+3 XSS-F3",
            "@SUM(1+1) XSS-F4", "\t=1+1 XSS-F5", "\r=1+1 XSS-F6"]

# Free text of each record kind: key paths whose value is text ("*" is every list item).
PLAIN = {
    "universities": [("name",), ("research_office",)],
    "doctors": [("name",), ("discipline",), ("title",), ("research_areas", "*")],
    "enterprises": [("name",), ("park",)],
    "needs": [("title",), ("fields", "*")],
    "agreements": [("position",), ("focus",), ("mode",), ("coordinator",), ("filing", "number")],
    "reports": [("work", "*", "title")],
    "evaluations": [("evaluators", "*")],
    "meetings": [("attendees", "*")],
}
# policy.yml is a record too, changed by pull request like any other.
POLICY = [("program",), ("zone",)]
MARKDOWN = {
    "doctors": [("bio",)],
    "enterprises": [("description",)],
    "needs": [("description",)],
    "reports": [("summary",), ("work", "*", "detail")],
    "evaluations": [("opinion",)],
    "meetings": [("topics",), ("resolutions",)],
}
# Values the validator must keep: the 期满 evaluators listed in policy.yml (第十五条).
KEEP = {"党群工作部", "科技创新局", "高校科研处", "入驻企业"}


def _set(data, path: tuple, make):
    """Replace the text at `path` (creating a missing last key) with make(old value)."""
    head, *rest = path
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                if rest:
                    _set(item, tuple(rest), make)
                elif item not in KEEP:
                    data[index] = make(item)
        return
    if not isinstance(data, dict):
        return
    if rest:
        if head in data:
            _set(data[head], tuple(rest), make)
    else:
        data[head] = make(data.get(head))


def _limits(place: str, field: tuple) -> tuple[int, bool]:
    """(longest value, one line only) of a field, as the JSON Schema of its kind says."""
    kind = KINDS["policy"] if place == "policy.yml" else KINDS["report"] if place == "reports" else BY_FOLDER[place]
    nodes = schema_nodes(schemas()[kind.name], tuple(0 if part == "*" else part for part in field))
    return min(node["maxLength"] for node in nodes), any(node["pattern"] == ONE_LINE_SCHEMA_PATTERN for node in nodes)


def _fitting(texts: list[str], most: int, one_line: bool) -> list[str]:
    """The texts that fit in `most` characters, in order, each folded onto one line where it must be."""
    folded = [" ".join(text.splitlines()) if one_line else text for text in texts]
    return [text for text in folded if len(text) <= most]


def _packed(texts: list[str], joiner: str, most: int) -> str:
    """As many of `texts`, in order, as fit together in `most` characters."""
    out = texts[0]
    for text in texts[1:]:
        if len(out) + len(joiner) + len(text) <= most:
            out += joiner + text
    return out


def hostile_records(target: Path, mode: str) -> Path:
    """The site test program with payloads in every free-text field, each within its field's limits.

    mode "all": every field holds a spreadsheet formula then as many payloads as fit, starting
    with a different one in each field (the long fields hold them all); "each": the payloads
    take turns, one per field, so that none can hide another; "policy": payloads in the
    program's name and zone (policy.yml), nowhere else; "none": no payloads. Fields that must
    be one line get the payloads with their line breaks folded.
    """
    shutil.copytree(CASES / "base", target)
    shutil.copytree(CASES / "site", target, dirs_exist_ok=True)
    turn = iter(range(10**6))
    if mode == "none":
        return target
    for path in sorted(target.rglob("*.yml")):
        relative = path.relative_to(target).as_posix()
        kind = relative.split("/")[0]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        plain = (POLICY if kind == "policy.yml" else []) if mode == "policy" else PLAIN.get(kind, [])
        markdown = [] if mode == "policy" else MARKDOWN.get(kind, [])
        for fields, joiner in ((plain, " "), (markdown, "\n\n")):
            for field in fields:
                most, one_line = _limits(kind, field)

                def make(old, joiner=joiner, most=most, one_line=one_line):
                    start = next(turn)
                    rotated = PAYLOADS[start % len(PAYLOADS):] + PAYLOADS[:start % len(PAYLOADS)]
                    if mode == "each":
                        return _fitting(rotated, most, one_line)[0]
                    return _packed(_fitting([FORMULAS[start % len(FORMULAS)], *rotated], most, one_line), joiner, most)

                _set(data, field, make)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@cache
def built(mode: str, audience: str) -> Path:
    folder = scratch()
    records = hostile_records(folder / "records", mode)
    out = folder / "site"
    code = main(["build", "--records", str(records), "--as-of", AS_OF, "--out", str(out),
                 "--cache-dir", str(folder / "cache"), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-src", str(ROOT / "site_src"), "--audience", audience])
    assert code == 0, "a build with hostile text in its records failed"
    return out


# --- reading the output as a browser would ----------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
                  "srcset", "lowsrc", "dynsrc", "ping", "cite", "codebase", "manifest", "icon"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")


class ExecutableFinder(HTMLParser):
    """Everything in an HTML document that a browser would run, or that would load a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._open: tuple[str, dict] | None = None  # a script or style element being read
        self._content: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
            if name in URL_ATTRIBUTES and _scheme(value).startswith(BAD_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and _dangerous_css(value):
                self.problems.append(f"<{tag} style={value[:40]!r}>")
        if tag == "script" and "XSS" in values.get("src", ""):
            self.problems.append(f"<script src={values['src']!r}>")
        if tag in ("script", "style"):
            self._open, self._content = (tag, values), []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._open:
            self._content.append(data)
        else:
            self.text.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            content = "".join(self._content)
            if "XSS" in content or (tag == "style" and _dangerous_css(content)):
                self.problems.append(f"<{tag}> holding {content.strip()[:60]!r}")
            self._open = None


def _scheme(url: str) -> str:
    """The URL as a browser parses it (WHATWG URL): leading and trailing controls and spaces
    stripped, tabs and line breaks removed anywhere; "java\tscript:" is javascript:."""
    return re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21))))).lower()


def _dangerous_css(css: str) -> bool:
    lowered = re.sub(r"\s", "", css).lower()
    return "expression(" in lowered or "javascript:" in lowered or "xss" in lowered or "-moz-binding" in lowered


def scan_html(html: str) -> ExecutableFinder:
    finder = ExecutableFinder()
    finder.feed(html)
    finder.close()
    return finder


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def problems_in(out: Path) -> list[str]:
    """Every executable payload in any file of a built site, as 'file: problem'."""
    problems = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(out).as_posix()
        raw = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".html":
            found = scan_html(raw).problems
        elif path.name == "search_index.json":
            # The theme shows search results as HTML: each snippet is a document fragment.
            found = [problem for text in _strings(json.loads(raw)) for problem in scan_html(text).problems]
        elif path.suffix == ".json":
            json.loads(raw)  # data, read by the site's scripts as text (see test_json_files_hold_no_raw_markup)
            found = []
        elif path.suffix == ".csv":
            found = [f"formula {cell[:40]!r}" for cell in csv_cells(raw) if cell.startswith(FORMULA_STARTS)]
        else:
            found = ["a payload marker"] if "XSS-" in raw else []
        problems += [f"{relative}: {problem}" for problem in found]
    return problems


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(raw: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline="")) for cell in row]


# --- the tests ---------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "audience"), [("all", "public"), ("each", "public"), ("all", "internal")])
def test_no_output_file_runs_a_payload(mode, audience):
    assert problems_in(built(mode, audience)) == []


def test_policy_text_runs_nowhere():
    assert problems_in(built("policy", "public")) == []


def test_json_files_hold_no_raw_markup():
    out = built("all", "public")
    tags = re.compile(r"<\s*/?\s*(script|img|iframe|svg|style|a|object|embed|form|meta|base|details|math)\b", re.IGNORECASE)
    assert [path.relative_to(out).as_posix() for path in sorted(out.rglob("*.json"))
            if path.name != "search_index.json" and tags.search(path.read_text(encoding="utf-8"))] == []


def test_the_payloads_reached_the_pages_as_text():
    """The scan is not vacuous: every payload is on the pages, as text a visitor can read."""
    out = built("all", "public")
    text = "".join("".join(scan_html(path.read_text(encoding="utf-8")).text) for path in out.rglob("*.html"))
    assert [marker for marker in MARKERS if marker not in text] == []
    assert "XSS-30" in text and "49XSS-30" not in text  # template syntax stays text


def test_spreadsheet_formulas_stay_text():
    out = built("all", "public")
    cells = [cell for path in out.rglob("*.csv") for cell in csv_cells(path.read_text(encoding="utf-8"))]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    for marker in ("XSS-F1", "XSS-F2", "XSS-F3", "XSS-F4", "XSS-F5", "XSS-F6"):
        assert any(marker in cell and cell.startswith("'") for cell in cells), marker


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<script>alert('XSS-1')</script>", "<script> holding"),
        ("<p onclick=\"x()\">a</p>", "<p onclick=…>"),
        ("<a href=\" jav&#x09;ascript:alert(1)\">a</a>", "<a href="),
        ("<a href=\"\x01java\nscript:alert(1)\">a</a>", "<a href="),
        ("<img src=\"data:image/svg+xml;base64,AAAA\">", "<img src="),
        ("<iframe></iframe>", "<iframe>"),
        ("<style>p{width:expression(alert(1))}</style>", "<style> holding"),
        ("<div style=\"background:url(javascript:alert(1))\"></div>", "<div style="),
        ("<svg><a xlink:href=\"javascript:alert(1)\"></a></svg>", "<a xlink:href="),
        ("<meta http-equiv=\"Refresh\" content=\"0\">", "<meta http-equiv=refresh>"),
    ],
)
def test_the_scanner_sees_what_a_browser_would_run(html, problem):
    """A page with one live payload is caught (the test above would otherwise prove nothing)."""
    assert any(found.startswith(problem) for found in scan_html(f"<p>{html}</p>").problems)


# --- website fields: links to the sites records name (issue: stored XSS through URLs) -------

# Each validated clean before, and reached the page as markdown link syntax.
URL_PAYLOADS = [
    "https://example.com/)[点此](javascript:alert(document.domain))",
    "https://example.com/){:onmouseover=alert(document.domain)}",
    "https://example.com/)[x](../nonexistent.md",
    "https://example.com/)[x](javascript:alert(1))",
    "javascript:alert(1)//https://example.com",
    "https://example.com\\@evil.example/",
    "https://user:password@example.com/",
    "https://example.com/\u202e",
]
# The most markdown-like URL the validator accepts: every character RFC 3986 allows.
ODD_URL = "https://example.com/)(*_x_*)!$&=;:@,+~-.?a=1&b=(2)#(frag)"
URL_FIELDS = [("enterprises/e1.yml", "website"), ("universities/hncj.yml", "website")]


def _with_website(target: Path, url: str) -> Path:
    records = hostile_records(target, "none")
    for path, key in URL_FIELDS:
        data = yaml.safe_load((records / path).read_text(encoding="utf-8"))
        data[key] = url
        (records / path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return records


@pytest.mark.parametrize("url", URL_PAYLOADS)
def test_a_url_with_markdown_or_attribute_syntax_is_refused(url, tmp_path, capsys):
    records = _with_website(tmp_path / "records", url)
    assert main(["validate", "--records", str(records), "--as-of", AS_OF, "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    refused = {(f["file"], f["rule"]) for f in findings if "website" in f["message"]}
    assert refused == {(path, "schema.field") for path, _ in URL_FIELDS}, findings


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[dict, str]] = []
        self._open: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open, self._text = dict(attrs), []

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append((self._open, "".join(self._text)))
            self._open = None


def links_in(html: str) -> list[tuple[dict, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@cache
def built_with_odd_url() -> Path:
    folder = scratch()
    records = _with_website(folder / "records", ODD_URL)
    out = folder / "site"
    assert main(["build", "--records", str(records), "--as-of", AS_OF, "--out", str(out), "--cache-dir",
                 str(folder / "cache"), "--config", str(ROOT / "mkdocs.yml"), "--site-src", str(ROOT / "site_src")]) == 0
    return out


@pytest.mark.parametrize(("page", "text"), [("enterprises/e1/index.html", ODD_URL),
                                            ("doctors/d1/index.html", "河南城建学院")])
def test_a_website_is_one_link_with_exactly_its_url(page, text):
    html = (built_with_odd_url() / page).read_text(encoding="utf-8")
    found = [(attrs, label) for attrs, label in links_in(html) if "example.com" in (attrs.get("href") or "")]
    assert found == [({"href": ODD_URL, "rel": "noopener noreferrer nofollow"}, text)]
    assert scan_html(html).problems == []


def test_the_link_filter_never_writes_markdown_link_syntax():
    """Defence in depth: a URL that reached a template unchecked is text, not a link."""
    from generator.site.text import external_link

    converter = markdown_module.Markdown(extensions=["attr_list", "md_in_html", "tables"])
    for url in URL_PAYLOADS:
        html = converter.reset().convert(f"- 网站 {external_link(url)}")
        assert links_in(html) == [] and scan_html(html).problems == [], html
    html = converter.reset().convert(f"- 网站 {external_link(ODD_URL)}")
    assert links_in(html) == [({"href": ODD_URL, "rel": "noopener noreferrer nofollow"}, ODD_URL)]


@pytest.mark.browser
def test_hovering_and_focusing_a_website_runs_nothing_in_chromium():
    from .browser import chromium, served

    with served(built_with_odd_url()) as url, chromium({"width": 1000, "height": 800}, "网址链接测试") as context:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "enterprises/e1/")
        link = page.locator(f'a[href="{ODD_URL}"]')
        assert link.count() == 1
        link.hover()
        link.focus()
        assert link.get_attribute("href") == ODD_URL and dialogs == []


def test_a_json_download_holds_no_raw_markup_and_reads_back_as_written():
    import json

    from generator.site.text import json_document

    value = {"name": "<script>alert(1)</script> & <b>", "items": [">", "&amp;", "\\u003c"]}
    document = json_document(value).decode("utf-8")
    assert not set("<>&") & set(document)
    assert json.loads(document) == value and document.endswith("}\n")
