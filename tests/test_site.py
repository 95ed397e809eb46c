"""The website, tested on what it writes: `gaoxin build` on tests/cases/base + tests/cases/site.

The public and internal sites are built once per test session (`built_site`, also used by
test_browser.py); the tests then read the output files the way a visitor's browser, a
search engine or a spreadsheet would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.catalog import CATALOG
from generator.cli import main
from generator.forge import Forge
from generator.records.kinds import KINDS

from .support import ROOT, SITE_AS_OF, Built, built_site, gaoxin_build, site_records

AS_OF = SITE_AS_OF

# Unique strings placed in every internal text of tests/cases/site (internal by the records format).
INTERNAL_MARKERS = (
    "INTERNAL-SUMMARY-MARKER",  # report summary
    "INTERNAL-WORK-MARKER",  # work item title
    "INTERNAL-DETAIL-MARKER",  # work item detail
    "INTERNAL-OPINION-MARKER",  # evaluation opinion (with criticism)
    "INTERNAL-PRAISE-MARKER",  # evaluation opinion (excellent)
    "INTERNAL-TOPIC-MARKER",  # meeting topics
    "INTERNAL-RESOLUTION-MARKER",  # meeting resolutions
)
# Visits and problems are internal records; supports are public only from 立项/认定/备案 on, and never once 撤销.
FOLLOWUP_MARKERS = (
    "INTERNAL-VISIT-MARKER",  # a visit's findings
    "INTERNAL-VISITOR-MARKER",  # a visitor's name
    "INTERNAL-JOINT-VISIT-MARKER",  # a 联合走访's findings
    "INTERNAL-PROBLEM-MARKER",  # a closed problem's description
    "INTERNAL-FIX-MARKER",  # its resolution
    "INTERNAL-OVERDUE-MARKER",  # an overdue problem (also in a warning's message)
    "INTERNAL-MEETING-PROBLEM-MARKER",  # a problem raised at a 恳谈会
    "INTERNAL-STAGE-MARKER",  # the note of a public support's first stage
    "INTERNAL-NUMBER-MARKER",  # the 文号 of a public support's stage before its success
    "INTERNAL-SUPPORT-MARKER",  # a support that has not reached a success
    "INTERNAL-REVOKED-MARKER",  # a support revoked after its success
)
# Markers inside hostile markup of doctors/d1.yml and enterprises/e2.yml: none may survive.
HOSTILE_MARKERS = (
    "XSS-SCRIPT", "XSS-IMG", "XSS-JS", "WFNTLURBVEE", "XSS-IFRAME", "XSS-STYLE",
    "XSS-SVG", "XSS-SVGLOAD", "XSS-CLICK", "XSS-ENT", "XSS-NEED-SCRIPT", "XSS-NEED-JS",
)


@pytest.fixture(scope="session")
def public() -> Built:
    built = built_site("public")
    assert built.exit_code == 0
    return built


@pytest.fixture(scope="session")
def internal() -> Built:
    built = built_site("internal")
    assert built.exit_code == 0
    return built


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.rglob("*") if p.is_file()}


# Every page type, with real content ---------------------------------------------------


def test_home_has_figures_charts_and_their_tables(public):
    home = public.page("index.html")
    assert "人才库在库博士" in home and "已发放优秀奖励" in home
    assert re.search(r'gx-figure__value">3<', home)  # 4 doctors, one left the database
    assert home.count('<svg class="gx-chart"') == 5
    # 征集中需求: e2-vision and e2-iot; of the 3 needs posted in the last 12 months none is taken up
    assert re.search(r'gx-figure__value">2</span>\s*<span class="gx-figure__label">征集中需求', home)
    assert re.search(r'gx-figure__value">0%</span>\s*<span class="gx-figure__label" title="近 12 个月发布 3 项，已对接 0 项">', home)
    assert "<td>征集中</td><td>2</td>" in home and "<td>已关闭</td><td>1</td>" in home
    assert 'role="img"' in home and "<caption>在库博士（按派出单位）（数据表）</caption>" in home
    assert "<td>河南城建学院</td><td>2</td>" in home  # the chart's numbers, as a table
    assert "“百名博士进高新”是平顶山高新区引进人才的一项长效机制" in home  # site_src/about.md excerpt


def test_doctor_directory_links_every_doctor_and_offers_filters(public):
    directory = public.page("doctors/index.html")
    for doctor_id in ("d1", "d2", "d3", "d4"):
        assert f'href="{doctor_id}/"' in directory
    assert 'data-filters="派出单位,学科专业,行业,状态"' in directory
    assert "计算机科学与技术" in directory and "已退出" in directory


def test_doctor_page_shows_profile_residencies_and_honors(public):
    page = public.page("doctors/d1/index.html")
    assert "<h1" in page and "张伟" in page
    assert "高分子复合材料" in page and "材料科学与工程" in page
    assert 'href="../../enterprises/e1/"' in page and "2026-03-01 至 2027-02-28" in page
    assert "2026 年度评价优秀" in page and 'href="../../honor-roll/2026/"' in page


def test_a_doctor_who_left_is_shown_as_left_not_deleted(public):
    page = public.page("doctors/d4/index.html")
    assert "陈静" in page and "已退出人才库" in page and "2027-03-20" in page
    assert "已终止" in page  # the residency ended with the exit


def test_enterprise_page_shows_needs_doctors_and_focus(public):
    page = public.page("enterprises/e2/index.html")
    assert "新一代信息技术" in page and "新兴产业" in page and "高新区创新创业园" in page
    assert "机器视觉检测" in page and "王磊" in page and "合作重点3" in page
    assert "征集中" in page and "已对接" in page and 'href="../../residencies/a3/"' in page


def test_needs_board_lists_open_needs_first_with_filters(public):
    board = public.page("needs/index.html")
    order = [board.index(f'href="{need}/"') for need in ("e2-vision", "e2-iot", "n1", "e2-digital", "e1-recycling")]
    assert order == sorted(order), "征集中 first (newest first), then 已对接, then 已关闭"
    assert 'data-filters="所属行业,所在园区,技术领域,需要的帮助,状态" data-multi="技术领域"' in board
    assert "<td>333</td>" in board  # e2-iot open since 2026-06-01
    assert "机器视觉、缺陷检测" in board


def test_an_open_need_shows_its_description_and_recommended_doctors(public):
    page = public.page("needs/e2-vision/index.html")
    assert "系统推荐，仅供双向选择参考（第五条）" in page and "推荐对接博士" in page
    assert "<strong>误报率低于 1%</strong>" in page  # the description's markdown, sanitised
    recommended = page[page.index("推荐对接博士"):]
    recommended = recommended[:recommended.index("</table>")]
    assert 'href="../../doctors/d3/"' in recommended  # 王磊: 机器视觉
    assert "研究方向“机器视觉”与需求“机器视觉”相关" in recommended and "曾在该企业入驻" in recommended
    assert "doctors/d4/" not in recommended  # 陈静 left the talent database
    # matching reads the texts as pages show them: a script or a link target in a bio is no reason
    assert "javascript" not in recommended.lower() and "alert" not in recommended


def test_a_taken_up_need_names_its_agreement_and_a_closed_one_its_date(public):
    taken = public.page("needs/e2-digital/index.html")
    assert 'href="../../residencies/a3/"' in taken and "王磊" in taken and "推荐对接博士" not in taken
    closed = public.page("needs/e1-recycling/index.html")
    assert "本需求已于 2026-12-01 关闭" in closed and "推荐对接博士" not in closed


def test_a_doctor_page_offers_open_needs(public):
    page = public.page("doctors/d3/index.html")
    offers = page[page.index("可对接的企业需求"):]
    assert 'href="../../needs/e2-vision/"' in offers and "系统推荐，仅供双向选择参考（第五条）" in offers
    assert "可对接的企业需求" not in public.page("doctors/d4/index.html")


def test_residencies_list_status_term_position_and_filing(public):
    page = public.page("residencies/index.html")
    for text in ("已期满", "已终止", "已期满 3 份", "平高科备〔2026〕3号", "科技服务官", "2026-03-01 至 2027-08-31"):
        assert text in page
    assert "申请专利" in public.page("residencies/a1/index.html")


def test_honor_roll_counts_against_the_cap_and_prints(public):
    page = public.page("honor-roll/2026/index.html")
    assert "honor-roll" in str(public.out / "honor-roll/2026/index.html")
    assert "张伟" in page and "河南城建学院" in page and "科技副总" in page
    assert "上限 1 人（参评 4 人 × 30%）" in page and "奖励合计</strong> 10,000 元" in page
    print_css = public.page("assets/stylesheets/print.css")
    assert "size: A4" in print_css and ".gx-honor" in print_css


def test_quarter_page_counts_reports_and_work_by_duty(public):
    page = public.page("progress/2026Q2/index.html")
    assert "2026 年第二季度工作推进情况" in page
    for duty in ("技术升级方案", "技术难题", "科技项目申报", "成果转化", "创新平台"):
        assert duty in page
    assert re.search(r'gx-figure__value">4</span><span class="gx-figure__label">在岗入驻', page)
    assert re.search(r'gx-figure__value">1</span><span class="gx-figure__label">按时报送', page)


def test_rules_page_lists_every_rule_of_the_catalog(public):
    page = public.page("policy/rules/index.html")
    for rule in CATALOG.values():
        assert f"<code>{rule.id}</code>" in page
    assert "第二十一条" in public.page("policy/banfa/index.html")


def test_open_data_offers_csv_json_and_schemas(public):
    page = public.page("data/downloads/index.html")
    for name in ("doctors", "enterprises", "needs", "residencies", "universities", "honor-roll", "progress"):
        assert (public.out / f"data/files/{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        document = json.loads(public.page(f"data/files/{name}.json"))
        assert document["as_of"] == AS_OF and document["count"] == len(document["items"])
        assert f"{name}.csv" in page
    for kind in KINDS:
        assert json.loads(public.page(f"data/schema/{kind}.schema.json"))["$schema"]


def test_csv_cells_cannot_run_as_formulas(public):
    raw = (public.out / "data/files/enterprises.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    e2 = next(row for row in rows if row[0] == "e2")
    assert e2[1].startswith("'=HYPERLINK")
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    raw = (public.out / "data/files/needs.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    titles = {row[0]: row[5] for row in rows[1:]}
    assert titles["e2-vision"] == "'+机器视觉检测" and titles["e2-digital"] == "'-产线数字化" and titles["e2-iot"] == "'@设备联网"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


# Public versus internal ----------------------------------------------------------------


def test_public_build_holds_nothing_of_visits_problems_or_unfinished_supports(public):
    for path in public.files():
        text = _text(path)
        for marker in FOLLOWUP_MARKERS:
            assert marker not in text, f"{marker} leaked into {path.relative_to(public.out)}"
    for page in ("index.html", "doctors/d1/index.html", "enterprises/e1/index.html"):
        article = public.page(page).split("<article", 1)[1].split("</article>", 1)[0]  # the page, not the menu
        assert "走访" not in article and "问题整改" not in article and "区推荐" not in article, page
    # the support that reached 立项 is public from there on: on its doctor's and enterprise's pages
    for page in ("doctors/d1/index.html", "enterprises/e1/index.html"):
        assert "2026年度中原英才计划（育才系列）" in public.page(page) and "豫科〔2026〕35号" in public.page(page)
    assert "开关柜在线监测" not in public.page("enterprises/e2/index.html")
    taken = json.loads(public.page("assets/forms.json"))["records"]["taken"]
    assert "visits" not in taken and "supports" not in taken  # a visit's id names its day and enterprise


def test_home_counts_the_public_supports_by_kind_and_level(public):
    home = public.page("index.html")
    assert "成果：人才项目与平台" in home
    assert re.search(r'gx-figure__value">1</span>\s*<span class="gx-figure__label">人才计划项目（项）', home)
    assert re.search(r'gx-figure__value">0</span>\s*<span class="gx-figure__label">新型研发机构（项）', home)  # revoked
    row = re.search(r"<td>人才计划项目</td>(.*?)</tr>", home, re.DOTALL).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["0", "1", "0", "0", "1"]  # 国家级 省级 市级 区级 合计


def test_internal_build_shows_visits_problems_and_supports(internal):
    visits = internal.page("internal/visits/index.html")
    assert "INTERNAL-VISIT-MARKER" in visits and "INTERNAL-VISITOR-MARKER" in visits
    assert 'id="v-e1"' in visits and "2026 年 9 月" in visits
    problems = internal.page("internal/problems/index.html")
    # the overdue problem first, then the one still in time; the closed one with its resolution and revisit
    assert problems.index("INTERNAL-OVERDUE-MARKER") < problems.index("INTERNAL-MEETING-PROBLEM-MARKER")
    assert "逾期 30 天" in problems and "INTERNAL-FIX-MARKER" in problems and "2026-10-20 满意" in problems
    supports = internal.page("internal/supports/index.html")
    for marker in ("INTERNAL-SUPPORT-MARKER", "INTERNAL-REVOKED-MARKER", "INTERNAL-NUMBER-MARKER", "INTERNAL-STAGE-MARKER"):
        assert marker in supports
    meetings = internal.page("internal/meetings/index.html")
    assert "INTERNAL-MEETING-PROBLEM-MARKER" in meetings and 'href="../problems/#meetings-m1-p1"' in meetings
    assert 'id="meetings-m1-p1"' in problems and 'href="../problems/#visits-v-e1-p1"' in visits


def test_public_build_contains_no_internal_text_anywhere(public):
    assert not (public.out / "internal").exists()
    for path in public.files():
        text = _text(path)
        for marker in INTERNAL_MARKERS:
            assert marker not in text, f"{marker} leaked into {path.relative_to(public.out)}"
    # The policy's own text names 约谈 and 不合格; the record pages' entries must not.
    index = json.loads(public.page("search/search_index.json"))
    records = "".join(doc["title"] + doc["text"] for doc in index["docs"]
                      if doc["location"].startswith(("doctors/", "residencies/", "enterprises/", "needs/")))
    assert "约谈" not in records.replace("\u200b", "") and "不合格" not in records.replace("\u200b", "")
    criticised = public.page("doctors/d4/index.html")
    assert "通报批评" not in criticised and "约谈" not in criticised


def test_internal_build_shows_the_internal_texts(internal):
    everything = "\n".join(_text(path) for path in internal.files() if path.suffix == ".html")
    for marker in INTERNAL_MARKERS:
        assert marker in everything
    assert "通报批评" in internal.page("doctors/d4/index.html")
    assert "art13.report-missing" in internal.page("internal/reports/index.html")
    follow_up = internal.page("internal/needs/index.html")
    assert 'href="../../needs/e2-iot/"' in follow_up and "<td>333</td>" in follow_up
    assert "e2-vision" not in follow_up  # open for 110 days only
    assert "内部资料" in internal.page("index.html")


# Sanitising ----------------------------------------------------------------------------


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_hostile_markup_reaches_no_output_file(audience):
    built = built_site(audience)
    for path in built.files():
        text = _text(path)
        for marker in HOSTILE_MARKERS:
            assert marker not in text, f"{marker} reached {path.relative_to(built.out)}"
        if path.suffix == ".html" or path.name == "search_index.json":
            assert "<i>XSS-NAME" not in text and "javascript:alert" not in text


def test_safe_markdown_and_escaped_names_survive(public):
    bio = public.page("doctors/d1/index.html")
    assert "<strong>加粗保留</strong>" in bio
    assert '<a href="https://example.org/ok" rel="noopener noreferrer nofollow">单位主页</a>' in bio
    named = public.page("doctors/d2/index.html")
    assert "&lt;i&gt;XSS-NAME&lt;/i&gt;*星*" in named  # the name as written, as text
    title = re.search(r"<title>(.*?)</title>", named).group(1)
    assert "<" not in title and "XSS-NAME" in title


# The build: atomic, strict, incremental -----------------------------------------------


def test_validation_errors_write_nothing_and_exit_1(public, tmp_path):
    records = site_records(tmp_path / "records")
    (records / "agreements" / "a3.yml").write_text(
        (records / "agreements" / "a3.yml").read_text(encoding="utf-8").replace("end: 2027-02-28", "end: 2026-05-31"),
        encoding="utf-8")
    out = tmp_path / "site"
    shutil.copytree(public.out, out)
    before = _snapshot(out)
    cache_dir = tmp_path / "cache"
    assert gaoxin_build(records, out, cache_dir) == 1
    assert _snapshot(out) == before
    assert not cache_dir.exists()  # not even the page cache was touched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_broken_link_fails_the_build_and_keeps_the_old_site(public, tmp_path):
    site_src = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", site_src)
    (site_src / "help.md").write_text("# 帮助\n\n[不存在的页面](nowhere.md)\n", encoding="utf-8")
    out = tmp_path / "site"
    shutil.copytree(public.out, out)
    before = _snapshot(out)
    code = main(["build", "--records", str(public.records), "--as-of", AS_OF, "--out", str(out),
                 "--cache-dir", str(tmp_path / "cache"), "--site-src", str(site_src),
                 "--config", str(ROOT / "mkdocs.yml")])
    assert code == 1
    assert _snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_out_that_is_not_a_site_is_never_replaced(public, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert gaoxin_build(public.records, out, tmp_path / "cache") == 2
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_rebuild_swaps_the_site_in_place(public, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(public.out, out)
    (out / "stale.html").write_text("old", encoding="utf-8")
    killed = tmp_path / ".site.building-999999999-x"  # left by a build that was killed
    killed.mkdir()
    assert gaoxin_build(public.records, out, public.cache) == 0
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert not killed.exists()
    assert oct((out).stat().st_mode & 0o777) != oct(0o700)  # readable by a web server


def test_the_docs_folder_holds_exactly_the_generated_files(tmp_path):
    from generator.site.docs_dir import sync

    docs = tmp_path / "docs"
    sync(docs, {"a.md": b"one", "gone/b.md": b"two", "gone/deeper/c.md": b"three", "d.md": b"four"})
    (docs / "stray.txt").write_bytes(b"left by hand")
    report = sync(docs, {"a.md": b"one", "d.md": b"FOUR"})  # the same size, other bytes
    assert report.written == ["d.md"] and report.unchanged == 1
    assert report.removed == ["stray.txt", "gone/deeper/c.md", "gone/b.md"]
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["a.md", "d.md"]
    assert (docs / "d.md").read_bytes() == b"FOUR"


def test_unchanged_pages_are_not_rewritten(tmp_path):
    from datetime import date

    from generator.rules.validate import validate_records
    from generator.site import SiteOptions, prepare_docs

    records = site_records(tmp_path / "records")
    options = SiteOptions(site_src=ROOT / "site_src", config=ROOT / "mkdocs.yml", cache=tmp_path / "cache")
    first = prepare_docs(validate_records(records, date.fromisoformat(AS_OF)), options)
    assert first.sync.written
    page = options.docs / "enterprises" / "e1.md"
    stat = page.stat()

    again = prepare_docs(validate_records(records, date.fromisoformat(AS_OF)), options)
    assert again.sync.written == [] and again.sync.removed == []
    assert (page.stat().st_mtime_ns, page.stat().st_ino) == (stat.st_mtime_ns, stat.st_ino)

    doctor = records / "doctors" / "d3.yml"
    doctor.write_text(doctor.read_text(encoding="utf-8").replace("研究工业视觉检测。", "研究机器视觉。"),
                      encoding="utf-8")
    changed = prepare_docs(validate_records(records, date.fromisoformat(AS_OF)), options)
    assert "doctors/d3.md" in changed.sync.written
    assert "enterprises/e1.md" not in changed.sync.written
    assert page.stat().st_ino == stat.st_ino


# Navigation and hand-written pages -----------------------------------------------------


def test_record_pages_stay_out_of_the_navigation(public):
    directory = public.page("doctors/index.html")
    sidebar = directory.split('class="md-content"')[0]
    assert "d1/" not in sidebar  # the menu does not list doctors
    assert 'href="d1/"' in directory  # the directory does


def test_new_site_src_pages_and_assets_appear_without_code_changes(public, tmp_path):
    site_src = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", site_src)
    (site_src / "guide").mkdir(exist_ok=True)  # the real guide may exist: this test overwrites its index
    (site_src / "guide" / "index.md").write_text("# 如何提交材料\n\n见[表单](form.md)。\n", encoding="utf-8")
    (site_src / "guide" / "form.md").write_text(
        "---\nscripts:\n  - assets/javascripts/form.js\n---\n# 在线填写\n\n<div id=\"form\"></div>\n", encoding="utf-8")
    (site_src / "assets" / "javascripts" / "form.js").write_text("// 表单\n", encoding="utf-8")
    (site_src / "extra-page.md").write_text("# 附加页面\n\n未列入 nav.yml 的页面。\n", encoding="utf-8")
    out = tmp_path / "site"
    code = main(["build", "--records", str(public.records), "--as-of", AS_OF, "--out", str(out),
                 "--cache-dir", str(tmp_path / "cache"), "--site-src", str(site_src),
                 "--config", str(ROOT / "mkdocs.yml")])
    assert code == 0
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "如何提交材料" in home and "附加页面" in home  # both in the navigation
    assert (out / "assets/javascripts/form.js").read_text(encoding="utf-8") == "// 表单\n"
    form = (out / "guide/form/index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/javascripts/form.js"></script>' in form


# History from git ----------------------------------------------------------------------


def test_record_pages_show_the_last_change_from_git(tmp_path):
    from datetime import date

    from generator.rules.validate import validate_records
    from generator.site.generate import generate

    records = site_records(tmp_path / "repo" / "records")
    when = "2027-01-15T10:00:00+08:00"
    who = {"NAME": "t", "EMAIL": "t@example.invalid", "DATE": when}
    env = {**os.environ,
           **{f"GIT_{role}_{key}": value for role in ("AUTHOR", "COMMITTER") for key, value in who.items()}}
    repo = tmp_path / "repo"
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "records"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    result = validate_records(records, date.fromisoformat(AS_OF))
    forge = Forge("github", "https://git.example", "zone/records")
    generated = generate(result, ROOT / "site_src", "public", forge)
    page = generated.files["doctors/d1.md"].decode("utf-8")
    assert "最后更新：2027-01-15" in page
    assert 'href="https://git.example/zone/records/commits/HEAD/records/doctors/d1.yml"' in page
    for kind, link in [("gitlab", "https://git.example/zone/records/-/commits/main/records/doctors/d1.yml"),
                       ("gitea", "https://git.example/zone/records/commits/branch/main/records/doctors/d1.yml"),
                       ("forgejo", "https://git.example/zone/records/commits/branch/main/records/doctors/d1.yml")]:
        page = generate(result, ROOT / "site_src", "public", Forge(kind, "https://git.example", "zone/records"))
        assert f'href="{link}"' in page.files["doctors/d1.md"].decode("utf-8"), kind

    outside = generate(validate_records(site_records(tmp_path / "plain"), date.fromisoformat(AS_OF)),
                       ROOT / "site_src", "public", forge)
    assert "最后更新" not in outside.files["doctors/d1.md"].decode("utf-8")  # no git: no line, no error


def test_history_links_use_the_repository_of_a_ci_run(tmp_path, monkeypatch):
    from generator.site import SiteOptions, forge_of

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "zone/records")
    assert forge_of(SiteOptions(config=config)).repo_url == "https://github.com/zone/records"
    assert forge_of(SiteOptions(config=config, repo_url="https://git.example/x/y")).repo_url == "https://git.example/x/y"
    config.write_text("site_name: x\nrepo_url: https://gitee.com/zone/records\n", encoding="utf-8")
    assert forge_of(SiteOptions(config=config)).repo_url == "https://gitee.com/zone/records"
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("CI_SERVER_URL", "https://gitlab.example.gov.cn")
    monkeypatch.setenv("CI_PROJECT_PATH", "kjcxj/records")
    monkeypatch.setenv("CI_DEFAULT_BRANCH", "master")
    config.write_text("site_name: x\n", encoding="utf-8")
    assert forge_of(SiteOptions(config=config)) == Forge("gitlab", "https://gitlab.example.gov.cn", "kjcxj/records",
                                                         "master")


# Chinese search ------------------------------------------------------------------------


def _index_tokens(built: Built) -> set[str]:
    """The words the browser's search worker indexes: the page texts split by the separator."""
    index = json.loads(built.page("search/search_index.json"))
    assert index["config"]["lang"] == ["zh", "en"]
    separator = re.compile(index["config"]["separator"])
    texts = (re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]) for doc in index["docs"])
    return {token for text in texts for token in separator.split(text) if token}


@pytest.mark.parametrize("word", [
    "王磊",  # a name stays one word
    "示例", "新材料", "平顶山",  # an enterprise's name in its parts: trade name, business, region
    "计算机", "科学", "机器", "视觉", "尼龙", "改性",  # terms in their words
])
def test_search_index_holds_names_whole_and_terms_in_words(public, word):
    assert word in _index_tokens(public)


@pytest.mark.parametrize("whole", ["平顶山示例新材料有限公司", "计算机科学与技术", "机器视觉", "张"])
def test_search_index_holds_no_long_compound_and_no_lone_character(public, whole):
    # A long compound would hide its parts (视觉 in 机器视觉) from a query; a lone character
    # (张) would make the browser cut the query 张伟 down to 张*.
    assert whole not in _index_tokens(public)


def test_a_link_target_is_relative_to_its_page_and_only_ever_a_site_path():
    from generator.site.render import environment

    link = environment().from_string("{{ target|rel }}")
    assert link.render(target="doctors/d1.md", page_path="needs/n1.md") == "../doctors/d1.md"
    assert link.render(target="doctors/d1.md", page_path="index.md") == "doctors/d1.md"
    assert link.render(target="doctors/d1.md", page_path="doctors/index.md") == "d1.md"
    for _ in range(2):  # asked again, the answer kept for the path is not a pass for a bad one
        with pytest.raises(ValueError, match="not a site path"):
            link.render(target="javascript:alert(1)//.md", page_path="index.md")
