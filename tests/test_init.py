"""gaoxin init: a new, empty program whose site says nothing of sample data; the shipped sample says it is one."""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from generator.cli import main
from generator.records.loading import DEFAULT_POLICY
from generator.records.parsing import parse

from .support import ROOT, SITE_AS_OF, gaoxin_build, scratch, site_records

SAMPLE_NOTICES = ("本站数据为示例数据", "本站当前展示的是虚构的示例数据", "鑫材")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _build(folder: Path, records: Path | None = None) -> Path:
    """Build a program's site with its own mkdocs.yml and site_src/."""
    out = folder / "site"
    assert main(["build", "--records", str(records or folder / "records"), "--as-of", SITE_AS_OF, "--out", str(out),
                 "--cache-dir", str(folder / ".cache"), "--config", str(folder / "mkdocs.yml"),
                 "--site-src", str(folder / "site_src")]) == 0
    return out


def _shown(out: Path, page: str) -> str:
    """A page's text as a visitor reads it (markup and scripts dropped)."""
    html = (out / page).read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", " ", html, flags=re.DOTALL))


@cache
def new_program() -> Path:
    folder = scratch() / "宝丰"
    assert main(["init", str(folder), "--zone", "宝丰高新区", "--program", "博士进企业"]) == 0
    return folder


def test_init_writes_an_empty_program_from_the_skeleton_policy():
    folder = new_program()
    policy = parse((folder / "records/policy.yml").read_text(encoding="utf-8"))
    skeleton = parse(DEFAULT_POLICY.read_text(encoding="utf-8"))
    assert policy == {**skeleton, "program": "博士进企业", "zone": "宝丰高新区"}  # a key added to the skeleton arrives
    assert "sample" not in policy
    for kind in ("universities", "doctors", "enterprises", "needs", "agreements", "reports", "evaluations", "meetings"):
        assert [p.name for p in (folder / "records" / kind).iterdir()] == [".gitkeep"]
    assert "派出单位 → 博士 → 入驻企业 → 企业需求 → 合作协议" in (folder / "records/README.md").read_text(encoding="utf-8")
    assert (folder / "schemas/doctor.schema.json").is_file() and (folder / "site_src/about.md").is_file()
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: 博士进企业\n" in config or 'site_name: "博士进企业"\n' in config
    assert "宝丰高新区科技创新局 · 党群工作部" in config and "示例数据" not in config.split("copyright:")[1].split("\n")[0]
    assert main(["validate", "--records", str(folder / "records"), "--as-of", SITE_AS_OF]) == 0


def test_the_site_of_a_new_program_says_nothing_of_sample_data():
    folder = new_program()
    out = _build(folder)
    for page in ("index.html", "about/index.html", "help/index.html", "doctors/index.html", "policy/rules/index.html"):
        text = _shown(out, page)
        assert not any(notice in text for notice in SAMPLE_NOTICES), page
        assert "示例数据" not in text, page
    assert "宝丰高新区科技创新局 · 党群工作部" in _shown(out, "index.html")


@pytest.fixture(scope="module")
def sample_site() -> Path:
    """The test program marked as the shipped sample is (`sample: true`)."""
    folder = scratch()
    records = site_records(folder / "records")
    policy = records / "policy.yml"
    policy.write_text("sample: true\n" + policy.read_text(encoding="utf-8"), encoding="utf-8")
    out, cache = folder / "site", folder / "cache"
    assert gaoxin_build(records, out, cache) == 0
    return out


@pytest.mark.parametrize(("page", "notice"), [
    ("index.html", "本站数据为示例数据"), ("doctors/index.html", "本站数据为示例数据"),
    ("about/index.html", "本站当前展示的是虚构的示例数据"), ("help/index.html", "鑫材"),
])
def test_the_sample_says_its_data_is_made_up(sample_site, page, notice):
    assert notice in _shown(sample_site, page)


def test_the_shipped_sample_is_marked_as_one():
    assert parse((ROOT / "records/policy.yml").read_text(encoding="utf-8"))["sample"] is True


def test_replacing_the_sample_in_a_checkout_keeps_its_site_settings():
    """The README's way: remove records/, then gaoxin init . — mkdocs.yml and site_src/ stay as they are."""
    folder = scratch() / "repo"
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", folder / "site_src")
    before = _files(folder)
    assert main(["init", str(folder)]) == 0
    after = _files(folder)
    assert {path: after[path] for path in before} == before
    assert sorted(path for path in after if path not in before and not path.startswith(("records/", "schemas/"))) == [".gitignore"]
    out = _build(folder)
    text = _shown(out, "index.html") + _shown(out, "about/index.html") + _shown(out, "help/index.html")
    assert not any(notice in text for notice in SAMPLE_NOTICES)


@pytest.mark.parametrize("setup", ["records", "records-folder", "file"])
def test_a_folder_that_holds_records_is_refused_and_nothing_is_written(setup, capsys):
    folder = scratch() / "existing"
    if setup == "records":
        site_records(folder / "records")
    elif setup == "records-folder":
        site_records(folder)  # the records folder itself given as DIR
    else:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_text("x", encoding="utf-8")
    before = _files(folder) if folder.is_dir() else folder.read_bytes()
    assert main(["init", str(folder)]) == 2
    assert "gaoxin:" in capsys.readouterr().err
    assert (_files(folder) if folder.is_dir() else folder.read_bytes()) == before


@pytest.mark.parametrize("zone", ["\u202e高新区", "高新区\n", "", "   "])
def test_a_name_that_cannot_be_a_policy_value_is_refused(zone, capsys):
    folder = scratch() / "bad"
    assert main(["init", str(folder), "--zone", zone]) == 2
    assert "高新区名称" in capsys.readouterr().err and not folder.exists()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_in_the_browser_only_the_sample_says_so(sample_site, width):
    """The footer and the 项目简介 as a visitor sees them, on a desktop and a phone."""
    from .browser import SCREENSHOTS, chromium, served

    new_site = _build(new_program()) if not (new_program() / "site").is_dir() else new_program() / "site"
    with chromium({"width": width, "height": 900}, "示例数据提示的浏览器测试") as context:
        page = context.new_page()
        for name, site, expected in (("sample", sample_site, True), ("new-program", new_site, False)):
            with served(site) as url:
                page.goto(url + "about/")
                footer = page.locator(".md-copyright").inner_text()
                assert ("本站数据为示例数据" in footer) is expected, footer
                assert page.get_by_text("本站当前展示的是虚构的示例数据").count() == (1 if expected else 0)
                page.screenshot(path=str(SCREENSHOTS / f"init-{name}-about-{width}.png"), full_page=True)
