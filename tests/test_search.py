"""Search finds what people type (issue 13): names, short names and research areas.

The unit tests check how names are taken apart and what jieba is told; the browser tests
ask the built site's own search worker, in headless Chromium, for every public record of the
shipped sample program and of a synthetic 100-doctor program (benchmarks/search_probe.py) and hold
the floor: a full name finds its page first, a short name in the first three, a research area
and its words find the doctor. Timings and index sizes are `make bench`'s, not a test's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from benchmarks import search_probe as probe
from generator.site.enterprise_names import parse
from generator.site.mkdocs_build import jieba_restored
from generator.site.search_words import DEMOTE, PROMOTE, vocabulary

from .browser import SCREENSHOTS, chromium, served
from .support import ROOT, built_sample, gaoxin_build, scratch

SAMPLE = ROOT / "records"


# Taking names apart ---------------------------------------------------------------------


@pytest.mark.parametrize("name, short_names", [
    ("平顶山鑫材尼龙科技有限公司", ["鑫材尼龙", "鑫材"]),
    ("平顶山云智信息技术有限公司", ["云智信息", "云智"]),
    ("平顶山光储新能源科技有限公司", ["光储新能源", "光储"]),
    ("河南省平顶山市华鼎新材料股份有限公司", ["华鼎新材料", "华鼎"]),  # regions one after another
    ("平顶山天成（集团）有限公司", ["天成"]),
    ("平顶山市东方区块链科技有限公司", ["东方区块链", "东方"]),  # 东方区 is no district
    ("ABC智能科技有限公司", ["ABC智能", "ABC"]),
])
def test_short_names_strip_regions_and_generic_words(name, short_names):
    assert parse(name).short_names == short_names


def test_a_name_is_never_stripped_below_two_characters():
    name = parse("平顶山科技有限公司")
    assert name.core == "科技" and name.short_names == ["科技"]


def test_a_dictionary_word_at_the_start_is_the_trade_name():
    assert parse("平顶山金轮智能装备有限公司", is_word=lambda w: w == "金轮智").brand == "金轮智"
    assert parse("平顶山金轮智能装备有限公司").brand == "金轮"


# What jieba is told ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_vocabulary():
    from generator.records.loading import load

    program, _ = load(SAMPLE)
    return vocabulary(program)


def test_names_and_trade_names_are_kept_whole_full_names_are_not(sample_vocabulary):
    words = sample_vocabulary.words
    assert {"张伟", "马晓宇", "鑫材", "云智", "平顶山", "尼龙", "视觉", "新材料"} <= words
    assert "平顶山鑫材尼龙科技有限公司" not in words and "机器视觉" not in words


def test_compounds_are_split_into_their_words(sample_vocabulary):
    lines = sample_vocabulary.jieba_lines().splitlines()
    assert f"有限公司 {DEMOTE}" in lines and f"鑫材 {PROMOTE}" in lines
    assert lines == sorted(lines, key=lambda line: (line.endswith(f" {DEMOTE}"), line))


def test_a_term_is_cut_once_per_dictionary_and_again_when_the_dictionary_changes(monkeypatch):
    import jieba

    from generator.site import search_words

    monkeypatch.setattr(search_words, "_CUTS", {})
    cut, calls = jieba.dt.cut, []
    monkeypatch.setattr(jieba.dt, "cut", lambda text, *args, **kwargs: calls.append(text) or cut(text, *args, **kwargs))
    first = search_words._Cutter()
    first.term("高分子复合材料改性")
    again = search_words._Cutter()
    again.term("高分子复合材料改性")
    assert calls == ["高分子复合材料改性"] and (again.words, again.compounds) == (first.words, first.compounds)
    with jieba_restored():
        jieba.add_word("复合材料改性", 100000)  # another dictionary may cut otherwise
        changed = search_words._Cutter()
        changed.term("高分子复合材料改性")
    assert len(calls) == 2


def test_a_build_leaves_jiebas_dictionary_as_it_found_it():
    import jieba

    with jieba_restored():
        jieba.add_word("试验用词甲乙", 5)
    assert "试验用词甲乙" not in jieba.dt.FREQ
    assert list(jieba.cut("试验用词甲乙")) != ["试验用词甲乙"]


def _separator() -> re.Pattern:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return re.compile(search["separator"])


@pytest.mark.parametrize("text, tokens", [
    ("张伟\u200b的\u200b研究", ["张伟", "研究"]),  # a lone character between words goes
    ("高\u200b电压\u200b与\u200b绝缘", ["", "电压", "绝缘"]),  # at the start and in the middle
    ("张伟 · 平顶山\u200b鑫材", ["张伟", "平顶山", "鑫材"]),
    ("王", ["王"]),  # a one-character query is still a query
])
def test_the_separator_drops_lone_characters_beside_a_boundary(text, tokens):
    assert _separator().split(text) == tokens


# In the browser -------------------------------------------------------------------------


def _build(records: Path, name: str) -> Path:
    folder = scratch()
    assert gaoxin_build(records, folder / name, folder / "cache") == 0
    return folder / name


@pytest.fixture(scope="module")
def sample_site() -> Path:
    built = built_sample("public")  # shared with the phone and accessibility tests
    assert built.exit_code == 0
    return built.out


@pytest.fixture(scope="module")
def synthetic() -> tuple[Path, Path]:
    from datetime import date

    from benchmarks.synth import generate

    records = scratch() / "records"
    generate(records, 100, seed=1, as_of=date(2027, 4, 30))
    return records, _build(records, "synth")


@pytest.fixture(scope="module")
def browser():
    with chromium({"width": 1280, "height": 900}, "搜索测试") as context:
        yield context


def _ask(browser, records: Path, site: Path) -> probe.Run:
    with served(site) as url:
        return probe.ask_worker(browser.new_page(), url, probe.probes(records, site))


def _mixed(query: str) -> bool:
    """Chinese run into Latin letters or digits (尼龙66盐): the worker keeps it one term, the
    index holds its parts, so it is found only when typed with spaces (尼龙 66 盐)."""
    return bool(re.search(r"[\u3400-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u3400-\u9fff]", query))


def _assert_floor(run: probe.Run, word_rate: float) -> None:
    for kind in (probe.FULL_NAME, probe.SHORT_NAME, probe.AREA):
        misses = [(o.probe.query, o.probe.page, o.rank, o.top) for o in run.misses(kind) if not _mixed(o.probe.query)]
        assert not misses, kind
    hits, total = run.rates()[probe.AREA_WORD]
    assert hits / total >= word_rate, run.misses(probe.AREA_WORD)


@pytest.mark.browser
def test_every_record_of_the_sample_program_is_found_by_what_people_type(browser, sample_site):
    run = _ask(browser, SAMPLE, sample_site)
    rates = run.rates()
    assert rates[probe.FULL_NAME] == (20, 20) and rates[probe.SHORT_NAME] == (16, 16)
    _assert_floor(run, word_rate=0.95)


@pytest.mark.browser
def test_every_record_of_a_synthetic_program_is_found_by_what_people_type(browser, synthetic):
    run = _ask(browser, *synthetic)
    assert run.rates()[probe.FULL_NAME][1] > 100  # every doctor and every enterprise
    _assert_floor(run, word_rate=0.9)


@pytest.mark.browser
@pytest.mark.parametrize("query, first", [
    ("平顶山云智信息技术有限公司", "平顶山云智信息技术有限公司"),
    ("平顶山鑫材尼龙科技有限公司", "平顶山鑫材尼龙科技有限公司"),
    ("云智", "平顶山云智信息技术有限公司"),
    ("云智信息", "平顶山云智信息技术有限公司"),
    ("鑫材", "平顶山鑫材尼龙科技有限公司"),
    ("马晓宇", "马晓宇"),
])
def test_the_search_box_shows_the_record_first_with_nothing_invisible(browser, sample_site, query, first):
    with served(sample_site) as url:
        page = browser.new_page()
        page.goto(url)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # Material searches on keyup
        title = page.locator(".md-search-result__item h1").first
        title.wait_for(state="visible")
        assert title.inner_text() == first  # exactly what a visitor would copy
        shown = page.locator(".md-search-result").evaluate("list => list.textContent")
        assert "\u200b" not in shown
        if query == "云智":
            page.screenshot(path=str(SCREENSHOTS / "search-short-name.png"))
        page.close()


def _pages_holding(site: Path, text: str) -> set[str]:
    """The pages whose indexed title or text holds `text` as a visitor reads it."""
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"]
            if text in re.sub(r"<[^>]*>", "", doc["title"] + doc["text"]).replace("\u200b", "")}


def _type_into_search(page, url: str, query: str) -> str:
    """Type `query` into the site's search box; return the result count line once results show."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    return meta.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["平顶山鑫材尼龙科技有限公司", "平顶山云智信息技术有限公司"])
def test_a_full_name_lists_the_pages_that_hold_it_with_nothing_missing(browser, sample_site, name):
    holding = _pages_holding(sample_site, name)
    assert 1 < len(holding) < 20  # the enterprise's page and those naming it, not every 平顶山… page
    with served(sample_site) as url:
        page = browser.new_page()
        count = _type_into_search(page, url, name)
        assert count == f"{len(holding)} 个符合条件的结果"
        assert page.locator(".md-search-result__item h1").first.inner_text() == name
        # Material's struck-through "缺少: 平顶山* …" line, on the results and their folded sections
        assert page.locator(".md-search-result__terms, .md-search-result del").count() == 0
        if name.startswith("平顶山鑫材"):
            page.screenshot(path=str(SCREENSHOTS / "search-full-name.png"))
        page.close()


@pytest.mark.browser
def test_words_no_page_holds_together_still_list_each_pages_missing_word(browser, sample_site):
    assert not _pages_holding(sample_site, "区块链")
    with served(sample_site) as url:
        page = browser.new_page()
        count = int(_type_into_search(page, url, "尼龙 区块链").split()[0])
        assert count == len(_pages_holding(sample_site, "尼龙"))
        first = page.locator(".md-search-result__item").first
        assert first.locator(".md-search-result__terms").first.inner_text() == "缺少: 区块链"
        page.close()
