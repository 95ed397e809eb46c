"""Hostile records: every bad input becomes a finding that names its file, quickly, in bounded memory.

Each folder here is one case: files laid over the small valid program in
tests/cases/base/ (paths relative to the records folder) and an `expect.yml`
listing the exact findings (rule, file, line) `gaoxin validate` must report.
Inputs that cannot be committed (symlinks, a 10 MB file, 20,000 levels of
nesting, a FIFO, an unreadable file) are made by the generator that the case's
`generate:` names. The CLI runs in a subprocess limited to 1 GiB of address
space and 10 seconds, with strict UTF-8 output: a traceback, a hang, a memory
blow-up or an unprintable finding fails the case.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from generator.records.values import display

from ..support import BASE, ROOT

HERE = Path(__file__).parent
AS_OF = "2026-04-10"
MEMORY_LIMIT = 1 << 30  # bytes of address space for the validator
TIME_LIMIT = 10  # seconds
FORMATS = ("json", "text", "github")

# Runs the CLI with open() and os.scandir() refusing one path, as chmod 000 would for a
# normal user. Tests run as root in CI, where chmod does not stop reads.
DENY_BOOTSTRAP = """
import builtins, os, sys
denied = os.path.realpath(os.environ["GAOXIN_TEST_DENY"])
real_open, real_os_open, real_scandir = builtins.open, os.open, os.scandir
def refuse(path):
    if isinstance(path, (str, os.PathLike)) and os.path.realpath(os.fspath(path)) == denied:
        raise PermissionError(13, "Permission denied", os.fspath(path))
def guarded_open(file, *args, **kwargs):
    refuse(file)
    return real_open(file, *args, **kwargs)
def guarded_os_open(file, *args, **kwargs):
    refuse(file)
    return real_os_open(file, *args, **kwargs)
def guarded_scandir(path="."):
    refuse(path)
    return real_scandir(path)
builtins.open, os.open, os.scandir = guarded_open, guarded_os_open, guarded_scandir
sys.argv[0] = "gaoxin"
from generator.cli import main
raise SystemExit(main())
"""


# --- generators for what cannot be committed -------------------------------------------


def _symlinks(records: Path) -> dict:
    (records / "doctors" / "link.yml").symlink_to("d1.yml")
    (records / "universities" / "passwd.yml").symlink_to("/etc/passwd")
    shutil.rmtree(records / "meetings", ignore_errors=True)  # an empty folder in some checkouts
    (records / "meetings").symlink_to("/etc", target_is_directory=True)
    (records / "reports" / "a1" / "2026Q2.yml").symlink_to("../../doctors/d1.yml")
    (records / "reports" / "a9").symlink_to("../doctors", target_is_directory=True)
    (records / "enterprises" / "dangling.yml").symlink_to("no-such-file.yml")
    (records / "doctors" / "self.yml").symlink_to("self.yml")
    return {}


def _ten_megabytes(records: Path) -> dict:
    text = (BASE / "doctors" / "d2.yml").read_text(encoding="utf-8")
    with open(records / "doctors" / "big.yml", "w", encoding="utf-8") as handle:
        handle.write(text + "bio: |\n")
        line = "  " + "长" * 1000 + "\n"
        handle.writelines(line for _ in range(10 * 1024 * 1024 // len(line.encode())))
    return {}


def _sparse_file(records: Path) -> dict:
    # 4 GiB that occupy no disk: reading it whole would need four times the memory limit.
    with open(records / "doctors" / "sparse.yml", "wb") as handle:
        handle.truncate(4 << 30)
    return {}


def _deep_nesting(records: Path) -> dict:
    depth = 20_000
    (records / "doctors" / "deep-list.yml").write_text("research_areas: " + "[" * depth + "]" * depth + "\n")
    (records / "doctors" / "deep-map.yml").write_text("name: " + "{a: " * depth + "1" + "}" * depth + "\n")
    (records / "doctors" / "deep-block.yml").write_text("- " * depth + "x\n")
    return {}


def _many_nodes(records: Path) -> dict:
    # Just under the size limit: half a million tiny list items.
    (records / "doctors" / "items.yml").write_text("research_areas: [" + ",".join(["a"] * 500_000) + "]\n")
    (records / "doctors" / "keys.yml").write_text("".join(f"k{index}: 1\n" for index in range(60_000)))
    return {}


def _fifo(records: Path) -> dict:
    os.mkfifo(records / "doctors" / "pipe.yml")  # opening it for reading would wait forever
    return {}


def _unreadable_file(records: Path) -> dict:
    shutil.copy(BASE / "doctors" / "d2.yml", records / "doctors" / "locked.yml")
    return {"deny": records / "doctors" / "locked.yml"}


def _unreadable_folder(records: Path) -> dict:
    return {"deny": records / "enterprises"}


def _undecodable_name(records: Path) -> dict:
    name = os.fsencode(records / "doctors") + b"/\xff\xfe.yml"
    with open(name, "wb") as handle:
        handle.write((BASE / "doctors" / "d2.yml").read_bytes())
    return {"formats": FORMATS}


# A file name that would print a summary and an annotation of its own if shown raw.
FORGED_NAME = "x\n\n已校验 9 条记录（截至 2026-04-10）：没有发现问题\n::error file=d1.yml,line=1::伪造\x1b[2J\u202e.yml"


def _forged_name(records: Path) -> dict:
    (records / "doctors" / FORGED_NAME).write_bytes((BASE / "doctors" / "d2.yml").read_bytes())
    return {"formats": FORMATS}


GENERATORS = {
    "forged_name": _forged_name,
    "symlinks": _symlinks,
    "ten_megabytes": _ten_megabytes,
    "sparse_file": _sparse_file,
    "deep_nesting": _deep_nesting,
    "many_nodes": _many_nodes,
    "fifo": _fifo,
    "unreadable_file": _unreadable_file,
    "unreadable_folder": _unreadable_folder,
    "undecodable_name": _undecodable_name,
}


# --- running the CLI under limits -------------------------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_validate(records: Path, fmt: str = "json", deny: Path | None = None, cwd: Path | None = None):
    """Run `gaoxin validate` on `records` under the limits; (exit code, stdout, stderr, seconds)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    if deny is None:
        command = [sys.executable, "-m", "generator"]
    else:
        command = [sys.executable, "-c", DENY_BOOTSTRAP]
        env["GAOXIN_TEST_DENY"] = str(deny)
    command += ["validate", "--records", str(records), "--as-of", AS_OF, "--format", fmt]
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=cwd or records.parent, env=env, capture_output=True,
        timeout=TIME_LIMIT, preexec_fn=_limit_memory,
    )
    return completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8"), time.monotonic() - started


def _cases():
    for expect in sorted(HERE.glob("*/expect.yml")):
        yield expect.parent.name, yaml.safe_load(expect.read_text(encoding="utf-8"))


CASES = dict(_cases())


def _overlay(records: Path, source: Path) -> None:
    """Copy a case's files over the records, a file replacing a folder of the same name."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.name != "expect.yml":
            target = records / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                shutil.rmtree(target)
            shutil.copyfile(path, target)


def _prepare(name: str, case: dict, workdir: Path) -> tuple[Path, dict]:
    records = workdir / "records"
    shutil.copytree(BASE, records)
    _overlay(records, HERE / name)
    options = GENERATORS[case["generate"]](records) if case.get("generate") else {}
    return records, options


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Start every case at once (a few at a time) and hand out the futures."""
    pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))
    futures = {}
    for name, case in CASES.items():
        workdir = tmp_path_factory.mktemp(name)
        records, options = _prepare(name, case, workdir)
        for fmt in options.get("formats", ("json",)):
            futures[name, fmt] = pool.submit(run_validate, records, fmt, options.get("deny"), workdir)
    yield futures
    pool.shutdown(wait=True)


def _expected(case: dict) -> Counter:
    return Counter((item["rule"], item["file"], item["line"]) for item in case["expect"])


def _found(stdout: str) -> Counter:
    import json

    return Counter((item["rule"], item["file"], item["line"]) for item in json.loads(stdout)["findings"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case(name, runs):
    case = CASES[name]
    code, stdout, stderr, _seconds = runs[name, "json"].result()
    assert "Traceback" not in stderr, stderr
    assert code == 1, f"exit code {code}\n{stderr}"
    assert _found(stdout) == _expected(case)
    for fmt in FORMATS[1:]:
        if (name, fmt) in runs:
            code, stdout, stderr, _ = runs[name, fmt].result()
            assert (code, stderr) == (1, ""), stderr
            for _, file, _ in _expected(case):  # github escapes ":" and "," in its file property too
                assert display(file) in stdout or (fmt == "github" and display(file).split(":")[0] in stdout)
            _assert_one_line_per_finding(stdout, fmt)


# What a line of each human format may be: a finding, a blank line between files, the summary.
FINDING_LINES = {"text": re.compile(r"^[^\s:][^\n]*?(:\d+)?: (error|warning) [a-z0-9.-]+: "),
                 "github": re.compile(r"^::(error|warning) file=[^\n]*::")}
SUMMARY_LINE = re.compile(r"^已校验 \d+ 条记录（截至 \d{4}-\d{2}-\d{2}）：\d+ 个错误，\d+ 个警告$")


def _assert_one_line_per_finding(stdout: str, fmt: str) -> None:
    """No text from a record or a file name starts a line of its own (a forged finding or summary)."""
    *lines, summary = stdout.rstrip("\n").split("\n")
    assert SUMMARY_LINE.match(summary), summary
    odd = [line for line in lines if line and not FINDING_LINES[fmt].match(line)]
    assert odd == [], odd
    assert "\x1b" not in stdout and "\u202e" not in stdout


def test_every_case_has_expectations_and_files():
    for name, case in CASES.items():
        assert case["expect"], f"{name}: a hostile case must expect at least one finding"
        for item in case["expect"]:
            assert set(item) == {"rule", "file", "line"}, f"{name}: {item}"
        files = [path for path in (HERE / name).rglob("*") if path.is_file() and path.name != "expect.yml"]
        assert files or case.get("generate"), f"{name}: no files and no generator"
    assert {case["generate"] for case in CASES.values() if case.get("generate")} == set(GENERATORS)


def test_unsafe_tags_run_nothing(runs, tmp_path_factory):
    runs["unsafe-tags", "json"].result()
    for folder in tmp_path_factory.getbasetemp().rglob("pwned-by-yaml"):
        pytest.fail(f"a YAML tag ran a command: {folder}")


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading "
                    "(the unreadable-file and unreadable-folder cases simulate it instead)")
def test_chmod_000_file(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    locked = records / "doctors" / "d2.yml"
    locked.chmod(0)
    try:
        code, stdout, stderr, _ = run_validate(records)
    finally:
        locked.chmod(0o644)
    assert "Traceback" not in stderr
    assert code == 1
    assert _found(stdout) == Counter({("yaml.syntax", "doctors/d2.yml", 1): 1})


def test_all_cases_together_in_every_format(tmp_path):
    """Every committed case in one records tree: no format may trip over any of them."""
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    for name in CASES:
        if name != "file-for-folder":  # its files stand where other cases' folders do
            _overlay(records, HERE / name)
    for fmt in FORMATS:
        code, stdout, stderr, _ = run_validate(records, fmt, cwd=tmp_path)
        assert (code, stderr) == (1, ""), f"{fmt}: {stderr}"
        assert "doctors/garbage.yml" in stdout


def test_many_findings_in_one_file_stay_fast(tmp_path):
    """Thousands of unknown keys (under the node limit): each finding's line is found without a rescan."""
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    keys = 4_000
    text = (BASE / "doctors" / "d2.yml").read_text(encoding="utf-8")
    (records / "doctors" / "d2.yml").write_text(text + "".join(f"typo{index}: 1\n" for index in range(keys)))
    code, stdout, stderr, seconds = run_validate(records)
    assert code == 1, stderr
    found = _found(stdout)
    assert sum(found.values()) == keys
    assert ("schema.field", "doctors/d2.yml", 6 + keys - 1) in found
    assert seconds < TIME_LIMIT / 2


def test_security_md_states_the_limits_the_loader_enforces():
    from generator.records.parsing import MAX_FILE_BYTES, MAX_NODES, MAX_NUMBER_CHARS

    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert f"{MAX_FILE_BYTES // (1024 * 1024)} MiB ({MAX_FILE_BYTES:,} bytes)" in security
    assert f"{MAX_NODES:,} keys, values and list items" in security
    assert f"{MAX_NUMBER_CHARS} characters per unquoted integer" in security
    assert f"{MEMORY_LIMIT >> 30} GiB of address space and {TIME_LIMIT} seconds" in security


def test_a_records_folder_that_is_a_symlink_is_refused(tmp_path):
    """A pull request that replaces records/ by a link to other files must not validate them."""
    shutil.copytree(BASE, tmp_path / "elsewhere")
    (tmp_path / "records").symlink_to("elsewhere", target_is_directory=True)
    code, _stdout, stderr, _ = run_validate(tmp_path / "records")
    assert code == 2 and "Traceback" not in stderr, stderr
    assert "记录文件夹" in stderr and "是符号链接" in stderr
