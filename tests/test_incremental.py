"""Incremental builds: after a change only the pages that show it are rendered again, and the site
is byte for byte the site a build from nothing makes (pages, sitemaps, search index).

`gaoxin build` keeps what it rendered in --cache-dir (mkdocs_cache.py); these tests build the test
program, change it, build again with the cache and without, and compare the two trees.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.records.loading import ReadCache, load
from generator.rules.validate import validate_records
from generator.site import SiteOptions, build_site

from .support import ROOT, SITE_AS_OF, site_records

AS_OF = date.fromisoformat(SITE_AS_OF)


def _options(cache: Path, config: Path = ROOT / "mkdocs.yml") -> SiteOptions:
    return SiteOptions(site_src=ROOT / "site_src", config=config, cache=cache)


def _build(records: Path, cache: Path, out: Path, config: Path = ROOT / "mkdocs.yml"):
    result = validate_records(records, AS_OF)
    assert not result.errors
    return build_site(result, _options(cache, config), out)


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _entries(site: Path, page: str) -> list[dict]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc for doc in index["docs"] if doc["location"].split("#")[0] == page]


def _rename(records: Path, doctor: str, name: str) -> None:
    path = records / "doctors" / f"{doctor}.yml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("name: "))
    path.write_text(text.replace(old, f"name: {name}"), encoding="utf-8")


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    """The test program built once, with its cache."""
    folder = tmp_path_factory.mktemp("incremental")
    records = site_records(folder / "records")
    first = _build(records, folder / "cache", folder / "site")
    return folder, records, first


def test_a_rebuild_after_a_change_is_the_full_build_byte_for_byte(program, tmp_path):
    folder, records, first = program
    about_before = _entries(folder / "site", "about/")
    # A doctor renamed to words the hand-written pages use: jieba now keeps 开放数据 whole, so the
    # search entries of pages that did not change (about/) must be cut again.
    _rename(records, "d3", "开放数据")
    again = _build(records, folder / "cache", folder / "site")
    full = _build(records, tmp_path / "cache", tmp_path / "site")
    assert full.rendered == first.rendered
    assert 0 < again.rendered < first.rendered / 3, "only the pages that show the doctor are rendered again"
    assert _tree(folder / "site") == _tree(tmp_path / "site")
    assert _entries(folder / "site", "about/") != about_before, "the unchanged page's entries were cut again"


def test_a_rebuild_with_nothing_changed_renders_nothing(program):
    folder, records, _ = program
    before = _tree(folder / "site")
    again = _build(records, folder / "cache", folder / "site")
    assert again.rendered == 0
    assert _tree(folder / "site") == before


def test_a_page_edited_in_the_published_site_is_rendered_again(program, tmp_path):
    folder, records, _ = program
    page = folder / "site" / "guide" / "index.html"
    with open(page, "ab") as stream:  # in place: the published file shares its inode with the cache
        stream.write(b"<!-- edited by hand -->")
    again = _build(records, folder / "cache", folder / "site")
    assert again.rendered == 1
    assert b"edited by hand" not in page.read_bytes()
    _build(records, tmp_path / "cache", tmp_path / "site")
    assert _tree(folder / "site") == _tree(tmp_path / "site")


def test_a_front_matter_json_cannot_hold_is_read_again_on_each_build(tmp_path):
    """The cache keeps a page's front matter as JSON; one holding a date is parsed again, never guessed."""
    import shutil

    site_src = shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    (site_src / "dated.md").write_text("---\ndate: 2026-01-01\n---\n\n# 有日期的页面\n", encoding="utf-8")
    records = site_records(tmp_path / "records")
    result = validate_records(records, AS_OF)
    options = SiteOptions(site_src=site_src, config=ROOT / "mkdocs.yml", cache=tmp_path / "cache")
    first = build_site(result, options, tmp_path / "site")
    again = build_site(result, options, tmp_path / "site")
    assert again.rendered == 1 < first.rendered, "only the dated page is read and rendered again"
    build_site(result, SiteOptions(site_src=site_src, config=ROOT / "mkdocs.yml", cache=tmp_path / "c2"),
               tmp_path / "fresh")
    assert _tree(tmp_path / "site") == _tree(tmp_path / "fresh")


def test_with_a_plugin_it_does_not_know_the_build_renders_every_page(tmp_path):
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: ", f"custom_dir: {ROOT}/", 1)
    config.write_text(text.replace("plugins:\n", "plugins:\n  - tags\n", 1), encoding="utf-8")
    records = site_records(tmp_path / "records")
    first = _build(records, tmp_path / "cache", tmp_path / "site", config)
    again = _build(records, tmp_path / "cache", tmp_path / "site", config)
    assert again.rendered == first.rendered > 0


def test_a_change_to_code_of_ours_that_mkdocs_runs_renders_every_page_again(tmp_path, monkeypatch):
    """Our Markdown extension renders the directories: its source is one of every page's inputs."""
    from generator.site import mkdocs_cache

    probe = tmp_path / "code" / "gx_probe_extension.py"
    probe.parent.mkdir()
    probe.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(probe.parent))
    monkeypatch.setattr(mkdocs_cache, "RENDERING_CODE", (*mkdocs_cache.RENDERING_CODE, "gx_probe_extension"))
    records = site_records(tmp_path / "records")
    first = _build(records, tmp_path / "cache", tmp_path / "site")
    assert _build(records, tmp_path / "cache", tmp_path / "site").rendered == 0
    probe.write_text("VERSION = 2\n", encoding="utf-8")
    assert _build(records, tmp_path / "cache", tmp_path / "site").rendered == first.rendered


def test_every_module_of_ours_the_build_config_names_is_in_the_fingerprint(tmp_path):
    from generator.site import prepare_docs, write_config
    from generator.site.mkdocs_cache import RENDERING_CODE
    from generator.site.mkdocs_config import HTML_PASSTHROUGH

    options = _options(tmp_path / "cache")
    prepared = prepare_docs(validate_records(site_records(tmp_path / "records"), AS_OF), options)
    config = write_config(prepared, options, tmp_path, AS_OF).read_text(encoding="utf-8")
    named = {_module_of(dotted) for dotted in re.findall(r"\bgenerator(?:\.\w+)+", config)}
    assert HTML_PASSTHROUGH in named
    assert named == set(RENDERING_CODE)


def _module_of(dotted: str) -> str:
    """The module a dotted name in the config is, or is an attribute of."""
    from importlib.util import find_spec

    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        try:
            if find_spec(".".join(parts[:end])):
                return ".".join(parts[:end])
        except ModuleNotFoundError:  # a name inside a module, not a submodule
            continue
    raise AssertionError(dotted)


def test_read_cache_reads_only_changed_files(tmp_path):
    records = site_records(tmp_path / "records")
    cache = ReadCache()
    program, _ = load(records, cache=cache)
    (records / "doctors" / "d3.yml").write_text("name: 王磊\nnot_a_key: 1\n", encoding="utf-8")
    (records / "doctors" / "d4.yml").unlink()
    again, findings = load(records, cache=cache)
    assert "d3" not in again.doctors and "d4" not in again.doctors
    assert any(f.file == "doctors/d3.yml" and f.rule == "schema.field" for f in findings)
    assert again.doctors["d1"] is program.doctors["d1"], "an unchanged file is neither read nor checked again"
    assert again.raw.keys() == {*program.raw.keys()} - {"doctors/d4.yml"}


def test_a_word_document_is_laid_out_again_only_when_what_it_says_changed(monkeypatch):
    from datetime import date as day

    from generator.documents.content import Gongwen, Paragraph
    from generator.site import office

    laid_out = []
    monkeypatch.setattr(office, "render", lambda document: laid_out.append(document) or document.title.encode())
    monkeypatch.setattr(office, "_MADE", {})
    notice = Gongwen("通报", "科技创新局", day(2026, 1, 5), [Paragraph("正文")])
    assert office._word("honor-roll/files/2025.docx", notice) == "通报".encode()
    same = Gongwen("通报", "科技创新局", day(2026, 1, 5), [Paragraph("正文")])
    assert office._word("honor-roll/files/2025.docx", same) == "通报".encode()
    assert len(laid_out) == 1, "an equal document reuses the bytes"
    office._word("honor-roll/files/2025.docx", Gongwen("通报", "科技创新局", day(2026, 1, 5), [Paragraph("改过")]))
    assert len(laid_out) == 2


def test_a_preview_brought_up_to_date_in_place_is_a_fresh_preview(tmp_path):
    """`gaoxin serve` builds into the folder it serves: what it made for a page that is gone must go too."""
    from generator.site import PageCache, build_preview, prepare_docs

    records = site_records(tmp_path / "records")
    options, url = _options(tmp_path / "cache"), "http://127.0.0.1:8000/"
    reads, pages = ReadCache(), PageCache(store=tmp_path / "serve" / "site")
    (tmp_path / "serve").mkdir()

    def preview(cache: PageCache, folder: Path):
        result = validate_records(records, AS_OF, cache=reads)
        assert not result.errors
        return build_preview(prepare_docs(result, options), options, folder, cache, url, AS_OF)

    preview(pages, tmp_path / "serve")
    extra = records / "doctors" / "d9.yml"
    extra.write_text((records / "doctors" / "d3.yml").read_text(encoding="utf-8"), encoding="utf-8")
    preview(pages, tmp_path / "serve")
    assert (pages.store / "doctors" / "d9" / "index.html").is_file()
    extra.unlink()
    _rename(records, "d3", "开放数据")
    again = preview(pages, tmp_path / "serve")
    assert 0 < again.rendered < 30
    assert not (pages.store / "doctors" / "d9").exists()
    (tmp_path / "fresh").mkdir()
    fresh = PageCache(store=tmp_path / "fresh" / "site")
    preview(fresh, tmp_path / "fresh")
    assert _tree(pages.store) == _tree(fresh.store)


def test_jieba_total_moves_in_steps_so_a_new_word_rarely_invalidates_every_entry():
    """A program's words raise jieba's total; rounded up to 2^(k/8), one more name keeps the same
    total (so cached entries are cut again only where the name occurs), and a tenth more words may not."""
    import jieba

    from generator.site.mkdocs_build import jieba_restored
    from generator.site.mkdocs_steps import _jieba_total, _pin_jieba_total

    with jieba_restored():
        base = _jieba_total()
        pinned = []
        for words in (5000, 5001, 5600):
            jieba.dt.total = base + 100_000 * words
            pinned.append(_pin_jieba_total(base) - base)
            assert pinned[-1] >= 100_000 * words
        assert pinned[0] == pinned[1] != pinned[2]
        assert pinned[0] < 100_000 * 5000 * 2 ** (1 / 8) + 1


def test_the_theme_is_compiled_once_per_process_and_again_when_its_source_changes(tmp_path, monkeypatch):
    import shutil

    import jinja2

    site_src = shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    config = tmp_path / "mkdocs.yml"  # the theme's overrides taken from the copy
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: site_src/overrides", f"custom_dir: {site_src}/overrides", 1), encoding="utf-8")
    result = validate_records(site_records(tmp_path / "records"), AS_OF)
    options = SiteOptions(site_src=site_src, config=config, cache=tmp_path / "cache")
    build_site(result, options, tmp_path / "one")
    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(env, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(env, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    build_site(result, options, tmp_path / "two")
    assert compiled == [], "a second build in the same process compiles no template again"
    override = site_src / "overrides" / "main.html"
    override.write_text(override.read_text(encoding="utf-8").replace(
        "{% block announce %}", "{% block announce %}主题已改", 1),
        encoding="utf-8")
    build_site(result, options, tmp_path / "three")
    assert compiled == ["main.html"]
    assert "主题已改" in (tmp_path / "three" / "index.html").read_text(encoding="utf-8")
