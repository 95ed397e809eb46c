"""Nothing lost: the validator never writes to the records, `gaoxin new` never overwrites
one, and a build killed halfway leaves the previous site whole.

Tests run as root in CI, where a read-only copy does not stop writes: the validator
also runs under a Python audit hook that stops the process at the first attempt to
open a file under the records for writing, or to create, rename, delete or touch one.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

from .support import BASE, ROOT

AS_OF = "2027-04-30"
FORMATS = ("text", "json", "github")
WRITE_ATTEMPT = 99

# Runs the CLI; the first write under $GAOXIN_TEST_READONLY ends the process with exit code 99.
GUARDED_BOOTSTRAP = """
import os, sys
root = os.path.realpath(os.environ["GAOXIN_TEST_READONLY"])
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
MUTATIONS = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.utime",
             "os.truncate", "os.symlink", "os.link", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
def inside(path):
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    real = os.path.realpath(os.fsdecode(path))
    return real == root or real.startswith(root + os.sep)
def hook(event, args):
    if event == "open" and isinstance(args[2], int) and args[2] & WRITE_FLAGS and inside(args[0]):
        pass
    elif not (event in MUTATIONS and any(inside(arg) for arg in args)):
        return
    os.write(2, f"WRITE ATTEMPT {event} {args!r}\\n".encode())
    os._exit(99)
sys.addaudithook(hook)
sys.argv[0] = "gaoxin"
from generator.cli import main
raise SystemExit(main())
"""


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every path under `folder` with its type, mode, size, modification time and bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        found[path.relative_to(folder).as_posix()] = (stat.S_IFMT(info.st_mode), info.st_mode, info.st_mtime_ns, content)
    return found


def _program(tmp_path: Path) -> Path:
    """The sample program with some errors and warnings, so that every output path runs."""
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    shutil.copytree(BASE / "agreements", records / "agreements", dirs_exist_ok=True)  # a1 names unknown ids
    (records / "doctors" / "broken.yml").write_text("name: [\n", encoding="utf-8")
    (records / "doctors" / "Bad Name.yml").write_text("name: 王芳\n", encoding="utf-8")
    return records


def _gaoxin(*args: str, guard: Path | None = None, cwd: Path | None = None, env: dict | None = None):
    environment = {name: value for name, value in os.environ.items() if name != "GITHUB_STEP_SUMMARY"}  # CI's own
    environment.update({"PYTHONPATH": str(ROOT), **(env or {})})
    if guard is None:
        command = [sys.executable, "-m", "generator", *args]
    else:
        command = [sys.executable, "-c", GUARDED_BOOTSTRAP, *args]
        environment["GAOXIN_TEST_READONLY"] = str(guard)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_leaves_every_byte_and_timestamp(tmp_path, fmt):
    records = _program(tmp_path)
    before = snapshot(records)
    summary = tmp_path / "summary.md"  # --format github appends here, outside the records
    completed = _gaoxin("validate", "--records", str(records), "--as-of", AS_OF, "--format", fmt,
                        cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert completed.returncode == 1, completed.stderr
    assert snapshot(records) == before


def test_validate_on_a_read_only_copy_attempts_no_write(tmp_path):
    records = _program(tmp_path)
    for path in [records, *records.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        before = snapshot(records)
        for fmt in FORMATS:
            completed = _gaoxin("validate", "--records", str(records), "--as-of", AS_OF, "--format", fmt,
                                guard=records, cwd=tmp_path)
            assert "WRITE ATTEMPT" not in completed.stderr
            assert completed.returncode == 1, completed.stderr
        assert snapshot(records) == before
    finally:
        for path in [records, *records.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_match_writes_nothing_not_even_a_dictionary_cache(tmp_path):
    """jieba caches a dictionary it loads in the temporary folder; matching loads none."""
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for args in (["pds-xincai-digital-line"], ["--doctor", "chen-lei"]):
        completed = _gaoxin("match", *args, "--records", str(records), "--as-of", "2026-11-29", guard=tmp_path,
                            cwd=ROOT, env={"TMPDIR": str(temporary)})
        assert "WRITE ATTEMPT" not in completed.stderr
        assert completed.returncode == 0, completed.stderr
    assert list(temporary.iterdir()) == []


def test_the_write_guard_catches_a_write(tmp_path):
    """The guard of the test above is no placebo: `gaoxin new` writes, and is stopped."""
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    completed = _gaoxin("new", "doctor", "new-doctor", "--records", str(records), guard=records, cwd=tmp_path)
    assert completed.returncode == WRITE_ATTEMPT and "WRITE ATTEMPT" in completed.stderr
    assert not (records / "doctors" / "new-doctor.yml").exists()


NEW_TARGETS = [
    ("university", "hncj", "universities/hncj.yml"),
    ("doctor", "d1", "doctors/d1.yml"),
    ("enterprise", "e1", "enterprises/e1.yml"),
    ("agreement", "a1", "agreements/a1.yml"),
    ("report", "a1/2026Q1", "reports/a1/2026Q1.yml"),
    ("report", "a1/final", "reports/a1/final.yml"),
    ("evaluation", "v1", "evaluations/v1.yml"),
    ("meeting", "m1", "meetings/m1.yml"),
]


@pytest.mark.parametrize(("kind", "record_id", "relative"), NEW_TARGETS)
def test_new_never_overwrites(base_records, capsys, kind, record_id, relative):
    target = base_records / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes("# 手写的内容，不能丢\nname: 原有记录\n".encode())
    os.utime(target, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = snapshot(base_records)
    assert main(["new", kind, record_id, "--records", str(base_records), "--as-of", AS_OF]) == 1
    assert snapshot(base_records) == before
    assert "已存在" in capsys.readouterr().err


def test_new_does_not_write_through_a_symlink(base_records, tmp_path):
    outside = tmp_path / "outside.yml"
    (base_records / "doctors" / "d9.yml").symlink_to(outside)
    assert main(["new", "doctor", "d9", "--records", str(base_records), "--as-of", AS_OF]) == 1
    assert not outside.exists()


@pytest.mark.parametrize("record_id", ["../escape", "a/../../escape", "/tmp/escape", "D1", "d1.yml", ""])
def test_new_refuses_ids_that_leave_the_folder(base_records, tmp_path, record_id):
    before = snapshot(tmp_path)
    assert main(["new", "doctor", record_id, "--records", str(base_records), "--as-of", AS_OF]) == 2
    assert snapshot(tmp_path) == before


def test_new_refuses_report_ids_that_leave_the_folder(base_records, tmp_path):
    before = snapshot(tmp_path)
    for record_id in ("a1/../../escape", "../a1/2026Q1", "a1/2026Q1/../x", "a1"):
        assert main(["new", "report", record_id, "--records", str(base_records), "--as-of", AS_OF]) == 2
    assert snapshot(tmp_path) == before


# --- a build killed halfway --------------------------------------------------------------


def _build_command(records: Path, out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--records", str(records), "--as-of", AS_OF,
            "--out", str(out), "--cache-dir", str(cache), "--config", str(ROOT / "mkdocs.yml"),
            "--site-src", str(ROOT / "site_src")]


def _kill_while_writing(command: list[str], near: Path) -> bool:
    """Start a build; SIGKILL it once it has written a page anywhere under `near`.

    False if it finished first. Where it writes (a staging folder or --out itself)
    is for the test to find out, not to assume.
    """
    started = time.time_ns()
    build = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while build.poll() is None and time.monotonic() < deadline:
            if _writing(near, started):
                build.send_signal(signal.SIGKILL)
                build.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


def _writing(near: Path, started: int) -> bool:
    """Whether a page under `near` was written since `started` (or something is being deleted)."""
    try:
        return any(page.stat().st_mtime_ns >= started for page in near.rglob("*.html"))
    except FileNotFoundError:  # a folder vanished while we looked: the build is at work
        return True


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_site_whole(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(ROOT / "tests" / "cases" / "base", records)
    shutil.copytree(ROOT / "tests" / "cases" / "site", records, dirs_exist_ok=True)
    out, cache = tmp_path / "site", tmp_path / "cache"
    first = subprocess.run(_build_command(records, out, cache), cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    assert "index.html" in before and ".gaoxin-site" in before

    doctor = records / "doctors" / "d2.yml"
    doctor.write_text(doctor.read_text(encoding="utf-8").replace("name: ", "name: 改名-", 1), encoding="utf-8")
    for _ in range(5):
        if _kill_while_writing(_build_command(records, out, cache), near=tmp_path):
            break
    else:
        pytest.fail("every build finished before it could be killed while writing")
    assert snapshot(out) == before, "a killed build changed the published site"

    again = subprocess.run(_build_command(records, out, cache), cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "改名-" in (out / "doctors" / "d2" / "index.html").read_text(encoding="utf-8")
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site.")] == []
