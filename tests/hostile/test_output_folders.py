"""The folders `build` and `serve` write: never a folder of other data, never a traceback, never a leftover.

`--cache-dir` loses every file a build did not generate, and `--out` is replaced whole, so
each must be new, empty or marked as gaoxin's own; a symlink given as either is followed
into its target. Every refusal is exit 2 with a Chinese message, before anything is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.site.docs_dir import CACHE_MARKER
from generator.site.publish import MARKER

from ..support import BASE, ROOT

AS_OF = "2026-09-01"


@pytest.fixture
def records(tmp_path) -> Path:
    shutil.copytree(BASE, tmp_path / "records")
    return tmp_path / "records"


def build(records: Path, out: Path, cache: Path) -> int:
    return main(["build", "--records", str(records), "--as-of", AS_OF, "--out", str(out), "--cache-dir", str(cache),
                 "--config", str(ROOT / "mkdocs.yml"), "--site-src", str(ROOT / "site_src")])


def serve(records: Path, cache: Path) -> int:
    return main(["serve", "--records", str(records), "--as-of", AS_OF, "--cache-dir", str(cache),
                 "--config", str(ROOT / "mkdocs.yml"), "--site-src", str(ROOT / "site_src")])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".building-" in path.name or ".previous-" in path.name)


def a_users_folder(folder: Path) -> Path:
    """What `--cache-dir .` pointed at: a project with its own public/ folder."""
    (folder / "public").mkdir(parents=True)
    (folder / "public" / "index.html").write_text("我的网站", encoding="utf-8")
    (folder / "notes.txt").write_text("别删", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_cache_dir_holding_other_files_is_refused_untouched(command, records, tmp_path, capsys, monkeypatch):
    import mkdocs.commands.serve

    def never(**_):  # a serve that got this far has already written into the cache
        raise AssertionError("serve started on a cache folder holding other files")

    monkeypatch.setattr(mkdocs.commands.serve, "serve", never)
    cache = a_users_folder(tmp_path / "project")
    before = snapshot(cache)
    code = build(records, tmp_path / "site", cache) if command == "build" else serve(records, cache)
    assert code == 2
    assert "--cache-dir" in capsys.readouterr().err
    assert snapshot(cache) == before and not (tmp_path / "site").exists()


def test_a_cache_dir_that_is_a_docs_folder_link_is_refused(records, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_MARKER).write_text("", encoding="utf-8")
    precious = a_users_folder(tmp_path / "project")
    (cache / "public").symlink_to(precious / "public", target_is_directory=True)
    assert build(records, tmp_path / "site", cache) == 2
    assert (precious / "public" / "index.html").read_text(encoding="utf-8") == "我的网站"


def test_new_and_earlier_caches_are_used_and_marked(records, tmp_path):
    fresh, earlier = tmp_path / "fresh", tmp_path / "earlier"
    (earlier / "public").mkdir(parents=True)  # as builds before the marker left it
    (earlier / "public" / "stale.md").write_text("old", encoding="utf-8")
    (earlier / ".public.lock").write_text("", encoding="utf-8")
    for cache in (fresh, earlier):
        assert build(records, tmp_path / f"site-{cache.name}", cache) == 0
        assert (cache / CACHE_MARKER).is_file() and (cache / "public" / "index.md").is_file()
    assert not (earlier / "public" / "stale.md").exists()


def test_out_that_is_a_symlink_builds_into_its_target(records, tmp_path):
    target = tmp_path / "sites" / "v1"
    link = tmp_path / "site"
    assert build(records, target, tmp_path / "cache") == 0
    (target / "stale.html").write_text("old", encoding="utf-8")
    link.symlink_to(target, target_is_directory=True)
    assert build(records, link, tmp_path / "cache") == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert (target / "index.html").is_file() and (target / MARKER).is_file() and not (target / "stale.html").exists()
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


def test_out_that_is_a_dangling_symlink_builds_its_target(records, tmp_path):
    link = tmp_path / "site"
    link.symlink_to(tmp_path / "not-yet", target_is_directory=True)
    assert build(records, link, tmp_path / "cache") == 0
    assert (tmp_path / "not-yet" / "index.html").is_file() and leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["loop", "to a folder of other data", "to a file", "a file"])
def test_out_that_cannot_receive_a_site_is_refused_with_exit_2(kind, records, tmp_path, capsys):
    out = tmp_path / "site"
    other = a_users_folder(tmp_path / "project")
    if kind == "loop":
        out.symlink_to(out)
    elif kind == "to a folder of other data":
        out.symlink_to(other, target_is_directory=True)
    elif kind == "to a file":
        out.symlink_to(other / "notes.txt")
    else:
        out.write_text("不是文件夹", encoding="utf-8")
    before = snapshot(other)
    assert build(records, out, tmp_path / "cache") == 2
    assert "--out" in capsys.readouterr().err
    assert snapshot(other) == before and leftovers(tmp_path) == [] and leftovers(other) == []


# --- folders inside each other ---------------------------------------------------------------------


def a_built_site(folder: Path) -> Path:
    """What `gaoxin build --out site` left: a published folder, marked as a site."""
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("gaoxin build\n", encoding="utf-8")
    (folder / "index.html").write_text("公开网站", encoding="utf-8")
    return folder


def test_an_internal_build_whose_cache_is_inside_the_public_site_is_refused(records, tmp_path, capsys, monkeypatch):
    """The issue's `build --audience internal --out site-internal --cache-dir site/cache`: internal pages in site/."""
    monkeypatch.chdir(tmp_path)
    site = a_built_site(tmp_path / "site")
    before = snapshot(site)
    code = main(["build", "--records", str(records), "--as-of", AS_OF, "--audience", "internal", "--out", "site-internal",
                 "--cache-dir", "site/cache", "--config", str(ROOT / "mkdocs.yml"), "--site-src", str(ROOT / "site_src")])
    assert code == 2
    err = capsys.readouterr().err
    assert "--cache-dir" in err and "已生成的网站" in err and str(site) in err, err
    assert snapshot(site) == before and not (tmp_path / "site-internal").exists()


@pytest.mark.parametrize(("out", "cache", "words"), [
    ("site/internal", ".cache/docs", ["--out", "已生成的网站"]),
    ("out", "out/cache", ["--cache-dir", "在 --out", "之中"]),
    ("cache/site", "cache", ["--out", "在 --cache-dir", "之中"]),
    ("same", "same", ["--out", "--cache-dir", "同一个"]),
])
def test_output_and_cache_folders_stand_apart_and_outside_any_site(records, tmp_path, capsys, out, cache, words):
    a_built_site(tmp_path / "site")
    before = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")}
    assert build(records, tmp_path / out, tmp_path / cache) == 2
    err = capsys.readouterr().err
    assert all(word in err for word in words), err
    assert {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")} == before, "nothing written"


def test_serve_refuses_a_cache_inside_a_site(records, tmp_path, capsys, monkeypatch):
    import mkdocs.commands.serve

    def never(**_):
        raise AssertionError("serve started with its cache inside a site")

    monkeypatch.setattr(mkdocs.commands.serve, "serve", never)
    site = a_built_site(tmp_path / "site")
    assert serve(records, site / "cache") == 2
    assert "已生成的网站" in capsys.readouterr().err and not (site / "cache").exists()


def test_folders_side_by_side_are_fine(records, tmp_path):
    a_built_site(tmp_path / "site")
    assert build(records, tmp_path / "site-internal", tmp_path / ".cache" / "docs") == 0
