"""Text a person reads in a terminal, a CI log or a Markdown summary cannot forge lines or reorder itself.

File names and cell values come from strangers: a record named with newlines, a path under
needs/ in a pull request, a spreadsheet cell with ESC sequences. Each output escapes them
through `values.display` (newlines as \\n, control characters, bidi controls and other
invisible characters as <U+XXXX>), so no forged summary, `::error` line or table row appears.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator.cli import main
from generator.records.values import display

from .gitrepo import commit_all, git, make_repo
from .support import BASE, ROOT

AS_OF = "2026-04-10"
FORGED_SUMMARY = "已校验 9 条记录（截至 2026-04-10）：没有发现问题"
FORGED_ERROR = "::error file=d1.yml,line=1,title=forged::伪造的错误"  # a file name holds no "/"
FORGED_NAME = f"x\n\n{FORGED_SUMMARY}\n{FORGED_ERROR}\n.yml"


@pytest.mark.parametrize(("text", "expected"), [
    ("a\nb", "a\\nb"), ("a\r\nb", "a\\r\\nb"), ("a\tb", "a\\tb"), ("\x1b[31m红", "<U+001B>[31m红"),
    ("\x07\x00\x7f\x9b", "<U+0007><U+0000><U+007F><U+009B>"), ("改性\u202e线", "改性<U+202E>线"),
    ("\u2066x\u2069", "<U+2066>x<U+2069>"), ("a\u2028b\u2029c\x85d", "a<U+2028>b<U+2029>c<U+0085>d"),
    ("\u200b", "<U+200B>"), ("刘\ufffe洋", "刘<U+FFFE>洋"), ("\udcff", "<U+DCFF>"),
])
def test_display_escapes_what_could_forge_or_reorder(text, expected):
    assert display(text) == expected


@pytest.mark.parametrize("text", ["张伟", "records/doctors/zhang-wei.yml", "平高科备〔2026〕1号", "a | b `c`", "👍 ok"])
def test_display_leaves_ordinary_text_alone(text):
    assert display(text) == text


def _validate(records, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "validate", "--records", str(records), "--as-of", AS_OF,
                           *args], check=False, capture_output=True, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONUTF8": "1", "HOME": "/nonexistent"})


@pytest.fixture
def forged_records(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    (records / "doctors" / FORGED_NAME).write_text((BASE / "doctors" / "d1.yml").read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    return records


def test_validate_text_prints_no_forged_summary_or_annotation(forged_records):
    done = _validate(forged_records)
    lines = done.stdout.splitlines()
    assert done.returncode == 1, done.stdout
    assert FORGED_SUMMARY not in lines and not any(line.startswith("::") for line in lines), done.stdout
    assert lines[-1].endswith("个警告") and "没有发现问题" not in lines[-1]
    assert "x\\n\\n已校验" in done.stdout  # the name is shown, escaped


def test_validate_github_prints_only_its_own_annotations(forged_records):
    done = _validate(forged_records, "--format", "github")
    lines = done.stdout.splitlines()
    assert FORGED_ERROR not in lines
    assert FORGED_SUMMARY not in lines
    assert all(line.startswith(("::error ", "::warning ")) for line in lines[:-1]), lines


ROLES = "roles:\n  科技创新局: [gaoxin-staff]\n"
FORGED_ROW = "| `forged.yml` | 新增 | ✅ 可以 | 伪造 |"
FORGED_LINE = "n3.yml: 新增，可以：伪造"
NEED_PATH = f"needs/n2.yml\n{FORGED_ROW}\n{FORGED_LINE}\n.yml"


def test_check_changes_prints_no_forged_line_or_table_row(tmp_path, capsys, monkeypatch):
    repo = make_repo(tmp_path / "repo", ROLES)
    git(repo, "switch", "-q", "-c", "pr")
    (repo / "records" / NEED_PATH).write_text((BASE / "needs" / "n1.yml").read_text(encoding="utf-8"), encoding="utf-8")
    commit_all(repo, "a need with newlines in its name")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    args = ["check-changes", "--records", str(repo / "records"), "--base", "main", "--actor", "stranger"]
    assert main(args) == 1
    text = capsys.readouterr().out.splitlines()
    assert FORGED_LINE not in text and FORGED_ROW not in text, text
    assert len([line for line in text if line.startswith("records/")]) == 1, text
    assert main([*args, "--format", "github"]) == 1
    github = capsys.readouterr().out.splitlines()
    assert len([line for line in github if line.startswith("::error ")]) == 1, github
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    assert len(rows) == 1 and FORGED_ROW not in rows, rows
    assert rows[0].split(" | ")[-2:] == ["❌ 不可以", "records/ 中的这个文件只能由项目工作人员修改 |"], rows


def test_import_echoes_no_escape_sequences(tmp_path, capsys):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    sheet = tmp_path / "doctors.csv"
    sheet.write_text("id,name,\x1b[2J\x1b[31mschool\nd9,\x1b]0;pwned\x07张三,x\n", encoding="utf-8")
    code = main(["import", str(sheet), "--kind", "doctor", "--records", str(records), "--as-of", AS_OF, "--dry-run"])
    captured = capsys.readouterr()
    assert code == 1
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.out + captured.err, captured.err
    assert "<U+001B>" in captured.err
