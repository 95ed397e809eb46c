"""The sample site on a phone (390 × 844) and on a desktop, in headless Chromium (issue 23, item 9).

On a phone nothing is wider than the screen except a wide table, which scrolls inside a box
marked as a scrolling region (scroll-tables.js) while its first column and its status column
stay in view; recommendations (a need's doctors, a doctor's needs) are cards; a record's facts
put each label over its value. Every page type of the public and internal builds of the shipped
sample is checked. Screenshots of the key pages at both widths go to tests/screenshots/.
"""

from __future__ import annotations

import pytest

from .browser import DESKTOP, INTERNAL_FOLDERS, PHONE, SCREENSHOTS, chromium, opened, page_types, served_build, too_wide
from .support import built_sample

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def public():
    built = built_sample("public")
    with served_build(built) as url:
        yield built.out, url


@pytest.fixture(scope="module")
def browser():
    with chromium(PHONE, "手机版式测试") as context:
        yield context


@pytest.fixture(scope="module")
def phone(browser):
    with opened(browser) as tab:
        yield tab


@pytest.fixture
def wider(browser):
    """A page of its own at another width: set_viewport_size on it."""
    with opened(browser) as tab:
        yield tab


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Runs in the page, on a fact (li): where the lines of its value (what follows the label) start.
_VALUE_LINES = """li => {
  const range = document.createRange();
  range.setStartAfter(li.querySelector('.gx-facts__label'));
  range.setEndAfter(li.lastChild);
  return [...range.getClientRects()].map((r) => [r.left, r.top]);
}"""


def _first_page(site, folder: str, holding: str) -> str:
    """The first record page under `folder` whose HTML holds `holding`."""
    for index in sorted((site / folder).glob("*/index.html")):
        if holding in index.read_text(encoding="utf-8"):
            return f"{folder}/{index.parent.name}/"
    raise AssertionError(f"no page under {folder}/ holds {holding}")


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_page_is_wider_than_a_phone_outside_a_marked_scrolling_table(phone, audience):
    built = built_sample(audience)
    pages = page_types(built.out, INTERNAL_FOLDERS if audience == "internal" else ())
    assert len(pages) >= (10 if audience == "internal" else 30)
    wide = {}
    with served_build(built) as url:
        for path in pages:
            phone.goto(url + path)
            phone.wait_for_load_state("load")
            if found := too_wide(phone):
                wide[path] = found[:3]
    assert not wide


def test_a_need_page_shows_its_recommended_doctors_as_cards_on_a_phone(phone, public):
    site, url = public
    need = _first_page(site, "needs", 'class="gx-cards"')
    phone.goto(url + need)
    cards = phone.locator("table.gx-cards tbody tr")
    assert cards.count() >= 1
    for card in cards.all():
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert card.evaluate("row => getComputedStyle(row).display") == "grid"
        reasons = card.locator("td.gx-cards__reasons")
        assert reasons.is_visible() and "推荐理由" in reasons.evaluate(
            "cell => getComputedStyle(cell, '::before').content")
        reasons_box = reasons.bounding_box()
        assert reasons_box["x"] + reasons_box["width"] <= PHONE["width"]
    name = cards.first.locator("td.gx-cards__title a")
    assert name.is_visible() and "/doctors/" in name.get_attribute("href")
    assert phone.locator("table.gx-cards thead").bounding_box()["height"] <= 1  # headers read, not shown
    _shot(phone, "phone-need")


def test_a_doctor_page_shows_the_needs_it_could_take_up_as_cards_and_stacks_its_facts(phone, public):
    site, url = public
    doctor = _first_page(site, "doctors", 'class="gx-cards"')
    phone.goto(url + doctor)
    card = phone.locator("table.gx-cards tbody tr").first
    assert card.evaluate("row => getComputedStyle(row).display") == "grid"
    assert card.bounding_box()["width"] <= PHONE["width"]
    for item in phone.locator(".gx-facts li").all():
        label = item.locator(".gx-facts__label").bounding_box()
        _, value_top = item.evaluate(_VALUE_LINES)[0]
        assert value_top >= label["y"] + label["height"] - 1  # the value starts below its label
    _shot(phone, "phone-doctor")


def test_the_needs_board_scrolls_with_its_first_column_and_status_in_view(phone, public):
    _, url = public
    phone.goto(url + "needs/")
    box = phone.locator(".gx-directory .gx-scroll")
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
    assert "可左右滑动" in box.get_attribute("aria-label")
    assert phone.locator(".gx-scroll-hint").first.is_visible()
    row = box.locator("tbody tr").first
    first, status, posted = row.locator("td").nth(0), row.locator("td.gx-keep"), row.locator("td").nth(7)
    assert status.locator(".gx-status").count() == 1

    def in_view(cell) -> bool:
        cell_box = cell.bounding_box()
        return cell_box["x"] >= -0.5 and cell_box["x"] + cell_box["width"] <= PHONE["width"] + 0.5

    assert in_view(first) and in_view(status) and not in_view(posted)
    box.evaluate("box => box.scrollTo({left: box.scrollWidth})")
    phone.wait_for_function("box => box.classList.contains('gx-scroll--left')", arg=box.element_handle())
    assert in_view(first) and in_view(status) and in_view(posted)  # the dates came into view, the ends stayed
    box.evaluate("box => box.scrollTo({left: 0})")
    _shot(phone, "phone-needs-board")


def test_a_table_that_fits_is_not_marked_as_scrolling(public, wider):
    _, url = public
    wider.set_viewport_size(DESKTOP)
    wider.goto(url + "needs/")
    wider.locator(".gx-scroll-hint").first.wait_for(state="attached")
    assert wider.locator(".gx-scroll").count() == 0 and wider.locator("[role=region]").count() == 0
    assert not wider.locator(".gx-scroll-hint").first.is_visible()
    wider.set_viewport_size(PHONE)  # turning a tablet, say: the same page marks it when it no longer fits
    wider.wait_for_function("() => document.querySelector('.gx-directory .gx-scroll[role=region]')")


def test_facts_wrap_beside_their_label_on_a_wider_screen(public, wider):
    site, url = public
    wider.set_viewport_size({"width": 660, "height": 900})  # just wider than a phone: facts in two columns
    wider.goto(url + _first_page(site, "needs", 'class="gx-cards"'))
    wrapped = 0
    for item in wider.locator(".gx-facts li").all():
        label = item.locator(".gx-facts__label").bounding_box()
        lines = item.evaluate(_VALUE_LINES)
        wrapped += len({round(top) for _, top in lines}) > 1
        assert min(left for left, _ in lines) >= label["x"] + label["width"] - 1  # never under the label
    assert wrapped  # a long value (the enterprise's name, the fields) did wrap


@pytest.mark.parametrize("folder", ["needs", "doctors"])
def test_recommendations_are_a_table_at_desktop_width(public, wider, folder):
    site, url = public
    wider.set_viewport_size(DESKTOP)
    wider.goto(url + _first_page(site, folder, 'class="gx-cards"'))
    assert wider.locator("table.gx-cards").evaluate("t => getComputedStyle(t).display") == "table"
    assert wider.locator("table.gx-cards thead").is_visible()
    _shot(wider, "desktop-" + folder[:-1])
    wider.goto(url + "needs/")
    _shot(wider, "desktop-needs-board")
