"""The Zensical comparison (make zensical): its measures, on small sites made here, and its wiring.

The comparison itself needs Zensical, which only .venv-zensical has; these tests check that
what it counts is counted right, so the figures in site_src/engine.md can be trusted.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from benchmarks import site_compare
from tests.support import ROOT


@pytest.fixture
def site(tmp_path) -> Path:
    files = {
        "index.html": '<a href="doctors/">名录</a><a href="doctors/#top">顶</a><a href="missing/">坏</a>'
                      '<a href="https://example.cn/">外</a><link href="assets/x.css"><img src="img/none.png">',
        "doctors/index.html": '<h1 id="top">名录</h1><a href="../#nowhere">坏锚点</a><a href="zhang-wei/">张伟</a>',
        "doctors/zhang-wei/index.html": '<a href="../../index.html">首页</a><a href="mailto:x@example.cn">信</a>',
        "assets/x.css": "body {}",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_pages_are_the_html_files(site):
    assert site_compare.pages(site) == {"index.html", "doctors/index.html", "doctors/zhang-wei/index.html"}


def test_broken_links_name_missing_files_and_anchors(site):
    assert site_compare.broken_links(site) == {
        "files": ["index.html -> missing/", "index.html -> img/none.png"],
        "anchors": ["doctors/index.html -> ../#nowhere"],
    }


def test_pages_containing_a_term_read_the_search_index_without_jieba_s_spaces(tmp_path):
    (tmp_path / "search").mkdir()
    index = {"docs": [{"location": "doctors/zhang-wei/#研究方向", "title": "研究方向",
                       "text": "<li>\u200b高分子复合材料\u200b</li>"},
                      {"location": "policy/", "title": "办法", "text": "提交\u200b材料"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    assert site_compare.pages_containing(tmp_path, "高分子复合材料") == {"/doctors/zhang-wei/"}
    assert site_compare.pages_containing(tmp_path, "材料") == {"/doctors/zhang-wei/", "/policy/"}


def test_the_queries_are_five_names_and_five_research_areas():
    from benchmarks.zensical_check import queries
    from generator.records.loading import load

    program, _ = load(ROOT / "records")
    names, areas = queries(program)
    assert len(names) == 5 == len(set(names)) and len(areas) == 5 == len(set(areas))
    assert set(names) <= {doctor.name for doctor in program.doctors.values()}
    assert set(areas) <= {area for doctor in program.doctors.values() for area in doctor.research_areas}
    assert queries(program) == (names, areas), "the same every run"


def test_make_zensical_runs_the_check_in_its_own_venv():
    done = subprocess.run(["make", "-n", "-C", str(ROOT), "zensical"], check=False, capture_output=True, text=True)
    assert done.returncode == 0 and "bash .ci/zensical" in done.stdout
    script = (ROOT / ".ci" / "zensical").read_text(encoding="utf-8")
    assert "VENV=.venv-zensical" in script and "-m benchmarks.zensical_check --out zensical-report" in script
    assert "zensical" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8"), "the main install stays without it"
