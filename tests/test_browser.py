"""The built site in a real browser: headless Chromium, as a visitor would use it.

Serves the public test site (built once per session by test_site.py) with http.server on
127.0.0.1, opens the home page, the doctor directory, a doctor, the needs board and a need with
its recommended doctors, and the honor roll, filters the directories, and types Chinese into
the search box. Screenshots go to tests/screenshots/
(gitignored) for a person to look at. Uses Debian's /usr/bin/chromium through Playwright's
Python package: no browser download. Skips, saying why, when either is missing.
"""

from __future__ import annotations

import pytest

from .browser import SCREENSHOTS, chromium, served_build
from .support import built_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url():
    with served_build(built_site("public")) as url:
        yield url


@pytest.fixture(scope="module")
def page(site_url):
    with chromium({"width": 1280, "height": 900}) as context:
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        yield tab


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_page_shows_figures_and_charts(page, site_url):
    page.goto(site_url)
    assert page.title() == "百名博士进高新"  # the site's name once, not "百名博士进高新 - 百名博士进高新"
    assert page.locator(".gx-figures:not(.gx-figures--achievements) .gx-figure").count() == 7
    # 成果 (第十八、十九条): one figure per support kind, the supports that reached 立项/认定/备案
    assert page.locator(".gx-figures--achievements .gx-figure").count() == 3
    assert page.locator("svg.gx-chart").count() == 5
    assert page.locator(".md-tabs__link", has_text="博士名录").is_visible()
    _shot(page, "home")


def test_directory_filters_and_links_to_a_doctor(page, site_url):
    page.goto(site_url + "doctors/")
    rows = page.locator(".gx-directory tbody tr")
    assert rows.count() == 4
    page.select_option(".gx-filter-bar select[aria-label='按派出单位筛选']", "平顶山学院")
    assert page.locator(".gx-directory tbody tr:not([hidden])").count() == 2
    assert "显示 2 / 4 条" in page.locator(".gx-filter-bar__count").inner_text()
    _shot(page, "doctors")
    page.select_option(".gx-filter-bar select[aria-label='按派出单位筛选']", "")
    page.get_by_role("link", name="王磊").first.click()
    page.wait_for_url("**/doctors/d3/")
    assert page.locator("h1").inner_text().startswith("王磊")
    assert page.title() == "王磊 - 百名博士进高新"
    assert page.get_by_text("工业互联网", exact=True).is_visible()
    _shot(page, "doctor")


def test_needs_board_filters_and_opens_a_need_with_its_recommendations(page, site_url):
    page.goto(site_url + "needs/")
    rows = page.locator(".gx-directory tbody tr")
    assert rows.count() == 5
    assert "征集中" in rows.first.inner_text()  # open needs first
    field = page.locator(".gx-filter-bar select[aria-label='按技术领域筛选']")
    assert "机器视觉" in field.locator("option").all_inner_texts()  # one option per field, not per cell
    field.select_option("机器视觉")
    assert page.locator(".gx-directory tbody tr:not([hidden])").count() == 1
    page.select_option(".gx-filter-bar select[aria-label='按状态筛选']", "征集中")
    assert "显示 1 / 5 条" in page.locator(".gx-filter-bar__count").inner_text()
    _shot(page, "needs-board")
    field.select_option("")
    assert "显示 2 / 5 条" in page.locator(".gx-filter-bar__count").inner_text()  # 征集中 alone
    page.locator(".gx-directory tbody tr:not([hidden]) a", has_text="机器视觉检测").click()
    page.wait_for_url("**/needs/e2-vision/")
    assert page.get_by_text("系统推荐，仅供双向选择参考（第五条）").is_visible()
    recommended = page.locator("table", has_text="推荐理由")
    assert "王磊" in recommended.inner_text() and "研究方向“机器视觉”" in recommended.inner_text()
    assert page.locator(".gx-text strong", has_text="误报率低于 1%").is_visible()
    assert page.locator(".gx-text script").count() == 0
    _shot(page, "need")
    recommended.get_by_role("link", name="王磊").click()
    page.wait_for_url("**/doctors/d3/")
    assert page.get_by_role("heading", name="可对接的企业需求").is_visible()


def test_honor_roll_lists_the_excellent_doctors(page, site_url):
    page.goto(site_url + "honor-roll/2026/")
    table = page.locator(".gx-honor table")
    assert "张伟" in table.inner_text() and "10,000" in table.inner_text()
    _shot(page, "honor-roll")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()  # the print stylesheet hides the chrome
    page.emulate_media(media="screen")


@pytest.mark.parametrize("query, expected", [
    ("王磊", "王磊"),
    ("计算机科学与技术", "王磊"),
    ("平顶山示例新材料有限公司", "平顶山示例新材料有限公司"),
])
def test_chinese_search_finds_names_disciplines_and_enterprises(page, site_url, query, expected):
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)  # what an input method commits: text without key presses, so…
    search.press("End")  # …a key press too: Material searches on keyup
    result = page.locator(".md-search-result__item", has_text=expected).first
    result.wait_for(state="visible")
    if query == "王磊":
        _shot(page, "search")
