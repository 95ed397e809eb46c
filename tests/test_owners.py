"""gaoxin owners: CODEOWNERS from the records' maintainers and the roles file."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.cli import main

from .gitrepo import make_repo

DATA = yaml.safe_load((Path(__file__).parent / "cases" / "ownership" / "cases.yml").read_text(encoding="utf-8"))
STAFF = "@kj-staff @dq-staff"


def test_codeowners_lines(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo", DATA["roles"], DATA["base"])
    assert main(["owners", "--records", str(repo / "records")]) == 0
    lines = [line for line in (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines == [
        f"* {STAFF}",
        f"/records/enterprises/e1.yml @e1-staff {STAFF}",
        f"/records/enterprises/e2.yml @e2-staff {STAFF}",
        f"/records/doctors/d1.yml @zhangwei {STAFF}",
        f"/records/reports/a1/ @e1-staff @zhangwei {STAFF}",
        f"/records/needs/n1.yml @e1-staff {STAFF}",
        f"/records/supports/s1.yml @e1-staff @s1-editor {STAFF}",
        f"/records/visits/v1.yml @hncj-kyc @v1-editor {STAFF}",
    ], "d2 has no maintainers and v2 is a staff's 联合走访: the staff's catch-all line covers them"


def test_a_maintainer_who_is_staff_is_listed_once(tmp_path):
    roles = "roles:\n  科技创新局: [ZhangWei]\n"
    repo = make_repo(tmp_path / "repo", roles)
    assert main(["owners", "--records", str(repo / "records")]) == 0
    text = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/records/doctors/d1.yml @zhangwei\n" in text


def test_check_fails_when_stale_and_passes_when_current(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo", DATA["roles"])
    records = str(repo / "records")
    assert main(["owners", "--records", records, "--check"]) == 1, "no CODEOWNERS yet"
    assert main(["owners", "--records", records]) == 0
    assert main(["owners", "--records", records, "--check"]) == 0
    doctor = repo / "records" / "doctors" / "d2.yml"
    doctor.write_text(doctor.read_text(encoding="utf-8") + "maintainers: [lina]\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["owners", "--records", records, "--check"]) == 1
    captured = capsys.readouterr()
    assert "+/records/doctors/d2.yml @lina @kj-staff @dq-staff" in captured.out
    assert "请运行 gaoxin owners" in captured.err


def test_records_in_a_subfolder_of_the_repository(tmp_path):
    repo = make_repo(tmp_path / "repo", DATA["roles"])
    (repo / "data").mkdir()
    (repo / "records").rename(repo / "data" / "records")
    assert main(["owners", "--records", str(repo / "data" / "records")]) == 0
    assert "/data/records/doctors/d1.yml @zhangwei" in (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


def test_missing_or_bad_roles_is_a_usage_error(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo", "roles: {}\n")
    assert main(["owners", "--records", str(repo / "records")]) == 2
    assert "roles" in capsys.readouterr().err
    (repo / ".github" / "gaoxin-roles.yml").unlink()
    assert main(["owners", "--records", str(repo / "records")]) == 2
    assert "找不到工作人员角色配置" in capsys.readouterr().err


def test_the_repository_roles_file_is_valid():
    from generator.ownership.roles import parse_roles

    roles = parse_roles((Path(__file__).parent.parent / ".github" / "gaoxin-roles.yml").read_bytes())
    assert set(roles.roles) >= {"科技创新局", "党群工作部"}
