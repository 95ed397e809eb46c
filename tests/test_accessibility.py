"""Every page type passes axe-core's WCAG 2.1 AA rules in Chromium (issue 23, item 11).

Public websites of government programs are held to GB/T 37668-2019, which follows WCAG 2.1
level AA. axe-core (npm, pinned by tests/axe/package-lock.json, installed by `npm ci`) is
injected into every page type of the shipped sample's public and internal builds, on a phone
and a desktop, in the light scheme and in the dark one (Material follows the system's setting;
the phone and dark sweeps are marked slow), and into the states a visitor brings about: a form
showing its problems, search results. No serious or critical violation may remain. A control
page proves the checks can fail.
"""

from __future__ import annotations

import pytest

from .browser import DESKTOP, INTERNAL_FOLDERS, PHONE, axe_findings, axe_script, chromium, opened, page_types, served_build
from .support import built_sample

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    axe_script()  # skip (or fail in CI) before starting anything when axe-core cannot be had
    with chromium(DESKTOP, "无障碍检查") as context:
        yield context


@pytest.fixture
def page(browser):
    with opened(browser) as tab:
        yield tab


def test_axe_finds_a_link_told_by_colour_alone_and_faint_text(page):
    page.set_content('<html lang="zh-CN"><head><title>对照</title></head><body><main>'
                     '<p style="color:#000">正文<a href="#x" style="color:#333;text-decoration:none">链接</a>正文</p>'
                     '<p style="color:#aaa">浅灰色的文字</p></main></body></html>')
    found, _ = axe_findings(page)
    assert {finding.split()[0] for finding in found} == {"link-in-text-block", "color-contrast"}


@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("viewport, scheme", [
    (DESKTOP, "light"),
    pytest.param(PHONE, "light", marks=pytest.mark.slow),  # half a minute each: `make test-slow`, and CI
    pytest.param(DESKTOP, "dark", marks=pytest.mark.slow),
], ids=["desktop", "phone", "desktop-dark"])
def test_every_page_type_passes_wcag_21_aa(page, audience, viewport, scheme):
    built = built_sample(audience)
    pages = page_types(built.out, INTERNAL_FOLDERS if audience == "internal" else ())
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)
    failing = {}
    with served_build(built) as url:
        for path in pages:
            page.goto(url + path)
            found, passes = axe_findings(page)
            assert passes > 10, path  # axe did check the page
            if found:
                failing[path] = found
    assert not failing


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_form_showing_its_problems_passes_wcag_21_aa(page, scheme):
    page.emulate_media(color_scheme=scheme)
    with served_build(built_sample("public")) as url:
        page.goto(url + "form/report/")
        page.locator(".rf-show-all").click()
        page.locator(".rf-error").first.wait_for()
        found, _ = axe_findings(page)
    assert not found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_pass_wcag_21_aa(page, scheme):
    page.emulate_media(color_scheme=scheme)
    with served_build(built_sample("public")) as url:
        page.goto(url)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("尼龙 区块链")  # results with a 缺少 line as well
        box.press("End")
        page.locator(".md-search-result__terms").first.wait_for()
        found, _ = axe_findings(page)
    assert not found
