"""Helpers shared by the test modules (no test module imports another one)."""

from __future__ import annotations

import atexit
import copy as copy_module
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
BASE = CASES / "base"  # the small valid program every rule case starts from
SITE_AS_OF = "2027-04-30"  # the day the test site is built as of


def scratch() -> Path:
    """A temporary folder that lives until the test session ends."""
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-test-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@dataclass(frozen=True)
class Built:
    """One `gaoxin build` of the test program: where it went and how it ended."""

    records: Path
    out: Path
    cache: Path
    exit_code: int

    def page(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")

    def files(self):
        return [path for path in self.out.rglob("*") if path.is_file()]


def base_with(folder: Path, files: dict[str, str]) -> Path:
    """A copy of the base case in `folder`/records with `files` (relative path -> text) laid over it."""
    records = folder / "records"
    shutil.copytree(BASE, records)
    for relative, text in files.items():
        (records / relative).parent.mkdir(parents=True, exist_ok=True)
        (records / relative).write_text(text, encoding="utf-8")
    return records


def site_records(target: Path) -> Path:
    """The test program: the base case with the site overlay laid over it."""
    shutil.copytree(CASES / "base", target)
    shutil.copytree(CASES / "site", target, dirs_exist_ok=True)
    return target


def gaoxin_build(records: Path, out: Path, cache_dir: Path, *extra: str) -> int:
    return main(["build", "--records", str(records), "--as-of", SITE_AS_OF, "--out", str(out),
                 "--cache-dir", str(cache_dir), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-src", str(ROOT / "site_src"), *extra])


def _built(records: Path, folder: Path, audience: str) -> Built:
    out, cache_dir = folder / "site", folder / "cache"
    code = gaoxin_build(records, out, cache_dir, "--audience", audience)
    return Built(records, out, cache_dir, code)


@cache
def built_site(audience: str = "public") -> Built:
    """Build the test program once per session and audience."""
    folder = scratch()
    return _built(site_records(folder / "records"), folder, audience)


@cache
def built_sample(audience: str = "public") -> Built:
    """Build the shipped sample program (records/) once per session and audience."""
    return _built(ROOT / "records", scratch(), audience)


# Word documents as a person sees them: LibreOffice renders them to PDF, poppler reads it back.
# The GB/T 9704 faces are not installed here; this fontconfig maps them to Noto CJK SC as a
# clerk's Word maps them to 仿宋/楷体/黑体 (without it LibreOffice falls back to Noto Sans CJK).
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
"""


def office_tools() -> None:
    """Skip (outside CI) or fail (in CI) when LibreOffice or poppler is missing."""
    import os

    import pytest

    missing = [tool for tool in ("soffice", "pdftoppm", "pdfinfo", "pdftotext") if not shutil.which(tool)]
    if missing:
        message = f"{', '.join(missing)} not installed: apt-get install libreoffice-writer-nogui poppler-utils"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def render_pdf(docx: Path) -> Path:
    """`docx` converted to PDF beside it by LibreOffice headless (its own profile, so runs never collide)."""
    return render_pdfs([docx])[0]


def render_pdfs(docxs: list[Path]) -> list[Path]:
    """Each .docx converted to PDF beside it, by one LibreOffice run (a run costs seconds to start)."""
    import os
    import subprocess

    office_tools()
    work = scratch()
    (work / "fonts.conf").write_text(FONTS_CONF, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(work / "fonts.conf"), "HOME": str(work)}
    for folder in sorted({docx.parent for docx in docxs}):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), *(str(d) for d in docxs if d.parent == folder)],
                       check=True, capture_output=True, timeout=240 + 10 * len(docxs), env=env)
    return [docx.with_suffix(".pdf") for docx in docxs]


def pdf_info(pdf: Path) -> dict[str, str]:
    import subprocess

    output = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())}


def pdf_text(pdf: Path, page: int | None = None) -> str:
    import subprocess

    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


_PAGE_NUMBER = re.compile(r"^—\d+—$")


def pdf_pages(pdf: Path) -> list[list[str]]:
    """The lines of each page as the reader sees them (spaces dropped), without the page number."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = [[re.sub(r"\s+", "", line) for line in page.splitlines()] for page in text.split("\f")]
    pages = [[line for line in page if line and not _PAGE_NUMBER.match(line)] for page in pages]
    return pages[:-1] if pages and not pages[-1] else pages


def first_page_png(pdf: Path) -> Path:
    import subprocess

    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def schema_string_fields(schema: dict) -> list[tuple]:
    """The path of every string value a JSON Schema allows: keys, and 0 for a list's items.

    Walks `$ref`, nested mappings, list items and the variants of a union (`oneOf`,
    `anyOf`), so every string a record may hold anywhere is on the list once.
    """
    found: list[tuple] = []

    def walk(node: dict, path: tuple) -> None:
        if "$ref" in node:
            target = schema
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
        if node.get("type") == "string" and path not in found:
            found.append(path)
        for key, spec in node.get("properties", {}).items():
            walk(spec, (*path, key))
        for variant in (*node.get("oneOf", ()), *node.get("anyOf", ())):
            walk(variant, path)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, 0))

    walk(schema, ())
    return found


def sample_records() -> dict[str, list[dict]]:
    """Kind name -> every file of that kind in the shipped sample (records/), parsed as the loader does."""
    from generator.records.loading import discover, read_record

    records = ROOT / "records"
    files, _ = discover(records)
    by_kind: dict[str, list[dict]] = {}
    for ref in files:
        _, data, problem = read_record(records, ref.path)
        assert problem is None, ref.path
        by_kind.setdefault(ref.kind, []).append(data)
    return by_kind


def with_value(data: dict, path: tuple, value):
    """A copy of the record `data` with `value` at `path`, or None when `data` lacks the path's parent."""
    copy = copy_module.deepcopy(data)
    node = copy
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    last = path[-1]
    fits = isinstance(node, list) and isinstance(last, int) and len(node) > last
    if not (fits or (isinstance(node, dict) and isinstance(last, str))):
        return None
    node[last] = value
    return copy


def schema_nodes(schema: dict, path: tuple) -> list[dict]:
    """The string schemas (one per variant of a union) of the value at `path` (0 for a list's items)."""
    def resolve(node: dict) -> list[dict]:
        if "$ref" in node:
            target = schema
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return resolve({**target, **{key: value for key, value in node.items() if key != "$ref"}})
        variants = [*node.get("oneOf", ()), *node.get("anyOf", ())]
        return [leaf for variant in variants for leaf in resolve(variant)] if variants else [node]

    nodes = resolve(schema)
    for part in path:
        nodes = [leaf for node in nodes for leaf in resolve(node.get("items", {}) if isinstance(part, int)
                                                            else node.get("properties", {}).get(part, {}))]
    return [node for node in nodes if node.get("type") == "string"]
