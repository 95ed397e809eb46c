"""gaoxin check-changes on real git repositories: one pull request per case in cases/ownership/."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main

from .gitlab_api import gitlab_api
from .gitrepo import apply, commit_all, git, make_repo

CASES_FILE = Path(__file__).parent / "cases" / "ownership" / "cases.yml"
DATA = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
LINE = re.compile(r"^records/(?P<path>\S+): (?:新增|修改|删除)，(?P<verdict>可以|不可以)：")


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "repo", DATA["roles"], DATA["base"])


def check(repo: Path, actor: str, *extra: str, base: str = "main") -> int:
    return main(["check-changes", "--records", str(repo / "records"), "--base", base, "--actor", actor, *extra])


@pytest.mark.parametrize("case", DATA["cases"], ids=[case["name"] for case in DATA["cases"]])
def test_case(case, repo, capsys):
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, case["files"])
    commit_all(repo, case["name"])
    code = check(repo, case["actor"])
    out = capsys.readouterr().out
    verdicts = {m["path"]: "allowed" if m["verdict"] == "可以" else "refused"
                for m in map(LINE.match, out.splitlines()) if m}
    assert verdicts == case["expect"], out
    assert code == (1 if "refused" in case["expect"].values() else 0), out


def test_github_format_is_one_error_annotation_per_refused_file(repo, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"doctors/d1.yml": {"append": "title: 教授\n"}, "enterprises/e1.yml": {"append": "website: https://e1.example.cn\n"}})
    commit_all(repo, "edit")
    assert check(repo, "e1-staff", "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::error file=records/doctors/d1.yml,title=check-changes::修改：只有博士 d1 的维护人（@zhangwei）"
        "和项目工作人员可以修改，@e1-staff 不在其中；如需成为维护人，请现有维护人或工作人员在 maintainers 中加上你的账号",
        "共 2 个记录文件有改动，其中 1 个 @e1-staff 无权修改",
    ]
    table = summary.read_text(encoding="utf-8")
    assert "| `records/enterprises/e1.yml` | 修改 | ✅ 可以 |" in table
    assert "| `records/doctors/d1.yml` | 修改 | ❌ 不可以 |" in table


def test_ownership_is_read_from_the_base_tip_not_the_branch_point(repo, capsys):
    """Like GitHub's base sha: rights granted on main after the branch left it count."""
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"doctors/d2.yml": {"append": "title: 讲师\n"}})
    commit_all(repo, "doctor d2 edits")
    assert check(repo, "lina") == 1
    git(repo, "switch", "-q", "main")
    apply(repo, {"doctors/d2.yml": {"append": "maintainers: [lina]\n"}, "policy.yml": {"append": "# main moved on\n"}})
    commit_all(repo, "staff register lina")
    capsys.readouterr()
    assert check(repo, "lina", "--head", "pr") == 0
    out = capsys.readouterr().out
    assert "policy.yml" not in out, "changes made on main are not the pull request's"


def test_github_merge_commit_as_head(repo, capsys):
    """actions/checkout of a pull_request checks out the merge of the PR into its base."""
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"enterprises/e2.yml": {"append": "website: https://e2.example.cn\n"}})
    commit_all(repo, "e1 edits e2")
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "pr")
    assert check(repo, "e1-staff", base="main~1") == 1
    assert "records/enterprises/e2.yml: 修改，不可以" in capsys.readouterr().out


def test_unknown_base_is_a_usage_error(repo, capsys):
    assert check(repo, "e1-staff", base="no-such-branch") == 2
    assert "找不到提交 no-such-branch" in capsys.readouterr().err
    assert main(["check-changes", "--records", str(repo / "records"), "--base=--output=/tmp/x", "--actor", "x"]) == 2


def test_outside_a_repository_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "records").mkdir()
    assert main(["check-changes", "--records", str(tmp_path / "records"), "--base", "main", "--actor", "x"]) == 2
    assert "不在 git 仓库中" in capsys.readouterr().err


def test_malformed_roles_in_base_is_a_usage_error(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo", "roles:\n  科技创新局: [someone/team]\n")
    assert check(repo, "x") == 2
    assert "不是个人账号" in capsys.readouterr().err


def test_without_roles_file_nobody_is_staff(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo", DATA["roles"])
    git(repo, "rm", "-q", ".github/gaoxin-roles.yml")
    commit_all(repo, "no roles")
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"policy.yml": {"append": "# x\n"}})
    commit_all(repo, "edit policy")
    assert check(repo, "kj-staff") == 1
    assert "没有人被视为项目工作人员" in capsys.readouterr().out


# --- base and author from the CI run -----------------------------------------------------------------


def in_gitlab(monkeypatch, **variables) -> None:
    monkeypatch.setenv("GITLAB_CI", "true")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)


def test_a_gitlab_merge_request_pipeline_needs_no_flags(repo, capsys, monkeypatch):
    """The author comes from GitLab's API: no predefined variable names it."""
    base = git(repo, "rev-parse", "main").strip()
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"doctors/d1.yml": {"append": "title: 教授\n"}})
    commit_all(repo, "promoted")
    with gitlab_api({("7", "3"): "zhangwei", ("7", "4"): "e1-staff"}) as (api, seen):
        in_gitlab(monkeypatch, CI_MERGE_REQUEST_DIFF_BASE_SHA=base, CI_API_V4_URL=api, CI_MERGE_REQUEST_PROJECT_ID="7",
                  CI_MERGE_REQUEST_IID="3", GITLAB_USER_LOGIN="e1-staff")
        assert main(["check-changes", "--records", str(repo / "records")]) == 0
        assert "共 1 个记录文件有改动，@zhangwei 都有权修改" in capsys.readouterr().out
        monkeypatch.setenv("CI_MERGE_REQUEST_IID", "4")
        assert main(["check-changes", "--records", str(repo / "records")]) == 1
        assert main(["check-changes", "--records", str(repo / "records"), "--actor", "zhangwei"]) == 0, "a flag wins"
    assert [path for path, _ in seen] == ["/api/v4/projects/7/merge_requests/3", "/api/v4/projects/7/merge_requests/4"]


def test_staff_re_running_a_strangers_pipeline_judges_the_stranger(repo, capsys, monkeypatch):
    """GITLAB_USER_LOGIN is whoever started the pipeline: staff re-running it must not approve everything."""
    base = git(repo, "rev-parse", "main").strip()
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"agreements/a1.yml": {"append": "funding_yuan: 1\n"}})
    commit_all(repo, "a stranger edits an agreement")
    with gitlab_api({("7", "5"): "stranger"}) as (api, _):
        in_gitlab(monkeypatch, CI_MERGE_REQUEST_DIFF_BASE_SHA=base, CI_API_V4_URL=api, CI_MERGE_REQUEST_PROJECT_ID="7",
                  CI_MERGE_REQUEST_IID="5", GITLAB_USER_LOGIN="kj-staff")
        assert main(["check-changes", "--records", str(repo / "records")]) == 1
    assert "records/agreements/a1.yml: 修改，不可以" in capsys.readouterr().out


def test_a_private_project_reads_the_author_with_its_token(repo, capsys, monkeypatch):
    base = git(repo, "rev-parse", "main").strip()
    with gitlab_api({("7", "6"): "zhangwei"}, token="glpat-test") as (api, seen):
        in_gitlab(monkeypatch, CI_MERGE_REQUEST_DIFF_BASE_SHA=base, CI_API_V4_URL=api, CI_MERGE_REQUEST_PROJECT_ID="7",
                  CI_MERGE_REQUEST_IID="6", GITLAB_USER_LOGIN="kj-staff")
        assert main(["check-changes", "--records", str(repo / "records")]) == 2
        err = capsys.readouterr().err
        assert "无法确定合并请求 !6 的作者：GitLab 答复 404" in err and "GAOXIN_GITLAB_TOKEN" in err, err
        assert "kj-staff" not in err
        monkeypatch.setenv("GAOXIN_GITLAB_TOKEN", "glpat-test")
        assert main(["check-changes", "--records", str(repo / "records")]) == 0
    assert seen[-1] == ("/api/v4/projects/7/merge_requests/6", "glpat-test")


def test_an_unreachable_api_fails_the_check_and_never_falls_back(repo, capsys, monkeypatch):
    in_gitlab(monkeypatch, CI_MERGE_REQUEST_DIFF_BASE_SHA="main", CI_API_V4_URL="http://127.0.0.1:9/api/v4",
              CI_MERGE_REQUEST_PROJECT_ID="7", CI_MERGE_REQUEST_IID="8", GITLAB_USER_LOGIN="kj-staff")
    assert main(["check-changes", "--records", str(repo / "records")]) == 2
    assert "无法确定合并请求 !8 的作者" in capsys.readouterr().err


def test_gitlab_rights_come_from_the_target_branch_not_an_old_branch_point(repo, capsys, monkeypatch):
    """A branch started before someone lost a right must not keep it: the fetched target branch is the base."""
    apply(repo, {"doctors/d2.yml": {"append": "maintainers: [lina]\n"}})
    old = commit_all(repo, "lina maintains d2")
    apply(repo, {"doctors/d2.yml": "name: 李娜\nuniversity: hncj\ndegree: 博士\ndiscipline: 机械工程\n"
                                   "research_areas: [智能制造]\n"})
    commit_all(repo, "lina is no longer a maintainer")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "switch", "-q", "-c", "pr", old)
    apply(repo, {"doctors/d2.yml": {"append": "title: 讲师\n"}})
    commit_all(repo, "lina edits d2 from the old branch point")
    in_gitlab(monkeypatch, CI_MERGE_REQUEST_DIFF_BASE_SHA=old, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
    assert main(["check-changes", "--records", str(repo / "records"), "--actor", "lina"]) == 1
    assert "records/doctors/d2.yml: 修改，不可以" in capsys.readouterr().out
    monkeypatch.setenv("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "no-such-branch")
    assert main(["check-changes", "--records", str(repo / "records"), "--actor", "lina"]) == 0, \
        "unfetched: the diff base is used"


def test_a_pull_request_event_file_gives_base_and_author(repo, capsys, monkeypatch, tmp_path):
    base = git(repo, "rev-parse", "main").strip()
    git(repo, "switch", "-q", "-c", "pr")
    apply(repo, {"enterprises/e1.yml": {"append": "website: https://e1.example.cn\n"}})
    commit_all(repo, "edit")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": base}, "user": {"login": "e1-staff"}}}),
                     encoding="utf-8")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    assert main(["check-changes", "--records", str(repo / "records")]) == 0
    assert "@e1-staff 都有权修改" in capsys.readouterr().out


def test_without_base_or_author_says_which_flag(repo, capsys, monkeypatch):
    assert main(["check-changes", "--records", str(repo / "records"), "--actor", "x"]) == 2
    assert "请用 --base 给出" in capsys.readouterr().err
    in_gitlab(monkeypatch, CI_MERGE_REQUEST_DIFF_BASE_SHA="main")
    assert main(["check-changes", "--records", str(repo / "records")]) == 2
    assert "请用 --actor 给出" in capsys.readouterr().err
def test_a_records_folder_replaced_by_a_symlink_is_refused(repo, capsys, monkeypatch):
    """`git rm -r records && ln -s <a copy> records`: judged by git's paths, not through the link."""
    git(repo, "switch", "-q", "-c", "pr")
    shutil.copytree(repo / "records", repo / "mirror")
    (repo / "mirror" / "doctors" / "d2.yml").unlink()
    apply(repo, {"/records": {"symlink": "mirror"}})
    commit_all(repo, "records now point at a copy")
    assert (repo / "records").is_symlink()
    monkeypatch.chdir(repo)
    for records in (str(repo / "records"), "records"):  # as given, and as CI gives it
        code = main(["check-changes", "--records", records, "--base", "main", "--actor", "random-stranger"])
        out = capsys.readouterr().out
        assert code == 1, out
        assert "records: 新增，不可以：记录文件夹本身被改动" in out
        assert "records/doctors/d1.yml: 删除，不可以" in out
        assert "没有涉及记录文件" not in out
    assert check(repo, "kj-staff") == 0  # the staff may (validate refuses the symlink)
