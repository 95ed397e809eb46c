"""The optimisations of issue 5 keep behaviour identical.

On a synthetic program with injected faults (benchmarks.synth with faults) the
findings are the same whether files are parsed in one process or two, and whether
the privacy rule prefilters on source text or scans every value.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from benchmarks import synth
from generator.records import loading
from generator.rules import privacy
from generator.rules.validate import validate_records

AS_OF = date(2026, 11, 29)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> tuple[Path, dict]:
    target = tmp_path_factory.mktemp("synth") / "records"
    counts = synth.generate(target, 60, seed=7, as_of=AS_OF, faults=True)
    return target, counts


def _shown(result):
    return [(f.file, f.line, f.rule, f.message) for f in result.findings]


def test_two_processes_find_the_same_as_one(faulty, monkeypatch):
    records, _ = faulty
    monkeypatch.setenv("GAOXIN_WORKERS", "1")
    sequential = _shown(validate_records(records, AS_OF))
    monkeypatch.setenv("GAOXIN_WORKERS", "2")
    monkeypatch.setattr(loading, "PARALLEL_MIN_FILES", 0)
    parallel = _shown(validate_records(records, AS_OF))
    assert parallel == sequential
    assert any(rule == "privacy.pii" for _, _, rule, _ in sequential)


def test_privacy_prefilter_misses_nothing(faulty):
    records, _ = faulty
    program, _ = loading.load(records)
    prefiltered = sorted(privacy.personal_data(program, AS_OF))
    program.texts.clear()  # no source text: every value of every file is scanned
    scanned = sorted(privacy.personal_data(program, AS_OF))
    assert prefiltered == scanned and scanned


@pytest.mark.parametrize(
    "source",
    [
        "bio: 联系 138 1234 5678\n",
        "bio: >\n  电话138\n  1234 5678\n",
        'bio: "\\u0031\\u0033\\u0038\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038"\n',
        "bio: 电话１３８１２３４５６７８\n",
        "phone: 138_1234_5678\n",
        "phone: 0x337F98E4E\n",
        "bio: 身份证 110101 19900307 7715\n",
        "bio: 邮箱 someone＠example.com\n",
    ],
)
def test_prefilter_is_a_superset_of_the_patterns(source, tmp_path):
    """Every way of writing personal data in YAML source passes the prefilter and is found."""
    from generator.records.parsing import parse

    data = parse(source)
    values = [text for _, text in privacy._scalars(data)]
    assert any(privacy.find_pii(text) for text in values), values
    assert privacy.SUSPECT.search(source)


def _standard(text: str):
    """What PyYAML's own constructor (with the loader's date and duplicate handling) builds."""
    from generator.records import parsing

    loader = parsing._RecordLoader(text)
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


def test_fast_builder_builds_what_pyyaml_builds(faulty):
    """Every file of the shipped sample and of a synthetic program parses to the same values."""
    from generator.records import parsing

    records, _ = faulty
    root = Path(__file__).resolve().parent.parent / "records"
    compared = 0
    for path in [*sorted(root.rglob("*.yml")), *sorted(records.rglob("*.yml"))]:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            fast = parsing.parse(text)
        except parsing.YamlProblem:
            continue
        assert fast == _standard(text)[0], path
        compared += 1
    assert compared > 400


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [x, {c: 2026-02-30}]\nd: 1:20\ne: 010\nf: no\ng: ~\nh: 2026-03-01\n",
        "base: {x: 1}\nmerged:\n  <<: {x: 2}\n  y: 3\n",  # a merge key: left to PyYAML
        "s: !!set {a, b}\n",  # a set: left to PyYAML
        "? [a, b]\n: 1\n",  # a complex key: left to PyYAML
        "a:\n  b:\n    - c: 1\n      c: 2\n",  # a nested duplicate
        "'1': a\n1: b\n",  # a string key and an integer key are different keys
        # the resolver's shortcuts: dates (one-digit, impossible, full-width, with a time), quoted and plain look-alikes
        "a: 2026-1-5\nb: 2026-02-30\nc: '2026-01-05'\nd: 2026-01-05 10:00:00\ne: ２０２６-01-05\nf: 2026-01-05x\n",
        "a: yes\nb: Null\nc: 0x1F\nd: .inf\ne: 1_000\nf: 张伟\ng: 'yes'\nh: \"010\"\ni: ~\nj:\nk: -1\n",
        # integers: the plain decimal shortcut, and every other form YAML 1.1 gives an int
        "a: 0\nb: 7\nc: 012\nd: +5\ne: -0\nf: 0b101\ng: 1:30\nh: 00\ni: 10000\nj: ４２\nk: 0o17\n",
    ],
)
def test_fast_builder_matches_pyyaml_on_unusual_yaml(text):
    from generator.records import parsing

    try:
        fast = parsing.parse(text)
    except parsing.YamlProblem as problem:
        if problem.rule == "yaml.duplicate-key":
            assert _standard(text)[1]
        else:  # PyYAML refuses it too (an unhashable key)
            with pytest.raises(yaml.YAMLError):
                _standard(text)
        return
    assert fast == _standard(text)[0]


def test_validate_imports_only_what_it_needs():
    """`gaoxin validate` starts without the other commands, multiprocessing, jinja2, mkdocs or markdown."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = ("import sys, io, contextlib\nfrom generator.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['validate', '--records', 'records', '--as-of', '2026-11-29'])\n"
            "print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
                 .stdout.split())
    commands = {name for name in loaded if name.startswith("generator.cli.commands.")}
    assert commands == {"generator.cli.commands.validate", "generator.cli.commands.common"}
    assert not loaded & {"multiprocessing", "jinja2", "mkdocs", "markdown", "jieba", "docx", "openpyxl"}


def test_page_links_are_what_relpath_makes():
    """The site's link helper skips `posixpath.relpath`'s work, not its answers."""
    import itertools
    import posixpath

    from generator.site.render import _relpath

    targets = ["a.md", "a/b.md", "a/b/c.md", "x/y.md", "a/x.md", "a", "doctors/d1.md", "doctors/index.md#x",
               "../a.md", "./a.md", "a//b.md", "a/../b.md"]
    for target, folder in itertools.product(targets, ["", "a", "a/b", "x", "doctors", "a/b/c"]):
        assert _relpath(target, folder) == posixpath.relpath(target, folder or "."), (target, folder)
