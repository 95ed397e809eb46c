"""Every OS error on output is a message with exit 2: a folder where a file goes, a file where a
folder goes, a full disk, a read-only place. Never a traceback, never a half-written file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from generator.cli import main

from .support import ROOT, SITE_AS_OF, scratch, site_records

RECORDS = ROOT / "records"
SAMPLE_AS_OF = "2026-11-29"


@pytest.fixture(scope="module")
def site_program():
    return site_records(scratch() / "records")


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a subprocess, as people run it: its exit code and everything it printed."""
    return subprocess.run([sys.executable, "-m", "generator", *args], check=False, capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONUTF8": "1", **(env or {})})


def _refused(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and done.stderr.startswith("gaoxin: "), done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize("force", [(), ("--force",)])
@pytest.mark.parametrize(("what", "suffix"), [("ledger", ".xlsx"), ("honor-roll", ".docx"), ("template", ".xlsx")])
def test_export_onto_a_folder_is_a_message(tmp_path, what, suffix, force):
    folder = tmp_path / f"out{suffix}"
    folder.mkdir()
    extra = {"honor-roll": ["2025"], "template": ["doctor"]}.get(what, [])
    done = _run("export", what, *extra, "--records", str(RECORDS), "--as-of", SAMPLE_AS_OF, "--out", str(folder), *force)
    _refused(done, str(folder), "文件夹")
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_export_when_the_disk_is_full_is_a_message_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", full)
    out = tmp_path / "ledger.xlsx"
    code = main(["export", "ledger", "--records", str(RECORDS), "--as-of", SAMPLE_AS_OF, "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"gaoxin: 无法写入 {out}：{os.strerror(errno.ENOSPC)}")
    assert list(tmp_path.iterdir()) == []


def test_export_progress_notes_that_are_a_folder_is_a_message(tmp_path, site_program):
    done = _run("export", "progress", "2027Q1", "--records", str(site_program), "--as-of", SITE_AS_OF,
                "--out", str(tmp_path / "p.docx"), "--notes", str(tmp_path))
    _refused(done, str(tmp_path))


def test_schema_onto_a_file_is_a_message(tmp_path):
    target = tmp_path / "schemas"
    target.write_text("not a folder", encoding="utf-8")
    _refused(_run("schema", "--out", str(target)), str(target))
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_schema_into_a_folder_holding_a_folder_named_like_a_schema_is_a_message(tmp_path):
    (tmp_path / "doctor.schema.json").mkdir()
    _refused(_run("schema", "--out", str(tmp_path)), "doctor.schema.json")


def test_reference_onto_a_file_is_a_message(tmp_path):
    target = tmp_path / "reference"
    target.write_text("", encoding="utf-8")
    _refused(_run("reference", "--out", str(target)), str(target))


def test_owners_onto_a_folder_is_a_message(tmp_path):
    _refused(_run("owners", "--out", str(tmp_path)), str(tmp_path))


def test_a_step_summary_that_cannot_be_written_is_a_message(tmp_path):
    done = _run("validate", "--format", "github", "--as-of", SAMPLE_AS_OF, env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    _refused(done, str(tmp_path))
