""".gitlab-ci.yml run for real by gitlab-ci-local (its shell executor) against a local bare origin.

Each test is a merge request pipeline on a runner's clone of a copy of this repository: the
jobs' own before_script installs gaoxin from the target branch, GitLab's API (a stand-in on
127.0.0.1) names the merge request's author, and the pipeline is started by the staff, as
when they run a fork's merge request in the parent project or re-run a stranger's pipeline.
Merge requests by a stranger, a maintainer, with a broken record, rewriting the checker, from
a fork rewriting .gitlab-ci.yml, and re-run must each be judged right.

gitlab-ci-local (and Node 22 from the npm registry's node@22) is installed by `.ci/gitlab-ci-local`
into tests/.tools/; the tests skip, saying why, only where it cannot be installed, and never in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from .gitlab_api import gitlab_api
from .gitrepo import GIT_ENV, commit_all, git, runner_clone

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
STAFF = "gaoxin-kjcxj"  # in .github/gaoxin-roles.yml
# The project's remote as gitlab-ci-local reads it (CI_PROJECT_PATH and friends); never fetched.
PROJECT_URL = "https://gitlab.example.gov.cn/kjcxj/gaoxin-records.git"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the GitLab pipeline: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def tool_path() -> str:
    """PATH with gitlab-ci-local and its Node 22 first, installed by .ci/gitlab-ci-local if needed."""
    for command, package in (("npm", "npm"), ("rsync", "rsync"), ("git", "git")):
        if not shutil.which(command):
            _unavailable(f"gitlab-ci-local needs {command}: apt-get install {package}")
    done = subprocess.run(["bash", str(ROOT / ".ci" / "gitlab-ci-local")], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        _unavailable(f"could not install gitlab-ci-local from the npm registry: {done.stderr.strip()[-500:]}")
    return f"{done.stdout.strip()}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A runner's clone of the project (main = this repository's files) on a merge request branch."""
    clone = runner_clone(tmp_path)
    git(clone, "remote", "add", "gcl-origin", PROJECT_URL)
    return clone


def pipeline(checkout: Path, tool_path: str, author: str, *jobs: str, config: Path | None = None) -> tuple[int, str]:
    """Run `jobs` of the merge request pipeline !1 by `author`, started by the staff; (exit code, log)."""
    base = git(checkout, "merge-base", "HEAD", "origin/main").strip()
    variables = {
        "CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "1", "CI_MERGE_REQUEST_PROJECT_ID": "1",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "GITLAB_USER_LOGIN": STAFF,  # who started the pipeline: never the one judged
        # The venv a job makes sees this environment's packages, and pip builds gaoxin with its
        # setuptools: nothing is downloaded.
        "PYTHONPATH": sysconfig.get_paths()["purelib"], "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "1",
    }
    with gitlab_api({("1", "1"): author}) as (api, _):
        variables["CI_API_V4_URL"] = api
        command = ["gitlab-ci-local", "--force-shell-executor", "--no-color",
                   "--ignore-predefined-vars", ",".join(sorted(variables)),
                   *(f"--variable={name}={value}" for name, value in variables.items()),
                   *(["--file", os.path.relpath(config, checkout)] if config else []), *jobs]
        env = {**GIT_ENV, "PATH": tool_path, "TMPDIR": str(checkout.parent), "HOME": str(checkout.parent)}
        for name in ("GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH", "VIRTUAL_ENV", "GITLAB_CI", "CI"):
            env.pop(name, None)
        done = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, timeout=900)
    return done.returncode, done.stdout + done.stderr


def _edit(checkout: Path, path: str, old: str, new: str) -> None:
    target = checkout / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new), encoding="utf-8")


def test_a_maintainers_merge_request_passes(checkout, tool_path):
    _edit(checkout, "records/doctors/chen-lei.yml", "title: 副教授", "title: 教授")
    commit_all(checkout, "promoted")
    code, log = pipeline(checkout, tool_path, "chenlei-dev", "validate", "check-changes")
    assert code == 0, log
    assert "@chenlei-dev 都有权修改" in log and "PASS" in log


def test_a_strangers_merge_request_is_refused_though_the_staff_started_the_pipeline(checkout, tool_path):
    _edit(checkout, "records/doctors/chen-lei.yml", "title: 副教授", "title: 教授")
    commit_all(checkout, "a stranger edits someone else's record")
    code, log = pipeline(checkout, tool_path, "stranger", "check-changes")
    assert code != 0, log
    assert "records/doctors/chen-lei.yml: 修改，不可以" in log and "@stranger 无权修改" in log, log
    assert STAFF not in log.split("$ gaoxin check-changes", 1)[1], "the pipeline's starter is never judged"


def test_a_broken_record_fails_validation(checkout, tool_path):
    _edit(checkout, "records/agreements/a2026-003.yml", "end: 2027-03-31", "end: 2026-12-31")
    commit_all(checkout, "shorten a term")
    code, log = pipeline(checkout, tool_path, STAFF, "validate")
    assert code != 0 and "art7.term" in log, log
    report = yaml.safe_load((checkout / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert ("art7.term", "records/agreements/a2026-003.yml") in {
        (issue["check_name"], issue["location"]["path"]) for issue in report}


def test_a_merge_request_rewriting_the_checker_still_fails(checkout, tool_path):
    main_sha = git(checkout, "rev-parse", "--short", "origin/main").strip()
    cli = checkout / "generator" / "cli" / "__init__.py"
    cli.write_text(cli.read_text(encoding="utf-8") + "\n\ndef main(argv=None):\n    return 0\n", encoding="utf-8")
    _edit(checkout, "records/agreements/a2026-003.yml", "end: 2027-03-31", "end: 2026-12-31")
    commit_all(checkout, "shorten a term and make gaoxin pass everything")
    code, log = pipeline(checkout, tool_path, "stranger", "validate", "check-changes")
    assert code != 0, log
    assert f"gaoxin from {main_sha}" in log and "art7.term" in log
    assert "records/agreements/a2026-003.yml: 修改，不可以" in log


def test_a_fork_rewriting_the_pipeline_is_judged_by_the_default_branchs_pipeline(checkout, tool_path, tmp_path):
    """A fork's merge request, run by the staff in the parent project with the CI/CD configuration file pinned to
    the default branch (.gitlab-ci.yml@group/project:main): the fork's rewritten .gitlab-ci.yml is never run."""
    (checkout / ".gitlab-ci.yml").write_text(
        "check-changes:\n  script: [echo 修改权限检查通过]\nvalidate:\n  script: ['true']\n", encoding="utf-8")
    _edit(checkout, "records/agreements/a2026-003.yml", "end: 2027-03-31", "end: 2026-12-31")
    commit_all(checkout, "a fork rewrites the pipeline and an agreement")
    pinned = checkout / ".pinned-ci.yml"  # what GitLab reads from the default branch
    pinned.write_text(git(checkout, "show", "origin/main:.gitlab-ci.yml"), encoding="utf-8")
    code, log = pipeline(checkout, tool_path, "fork-owner", "validate", "check-changes", config=pinned)
    assert code != 0, log
    assert "修改权限检查通过" not in log and "records/agreements/a2026-003.yml: 修改，不可以" in log
    assert "@fork-owner" in log and "art7.term" in log


def test_a_re_run_judges_the_author_again(checkout, tool_path):
    """The staff re-run a stranger's failed pipeline: the same jobs, in the same clone, judge the stranger again."""
    _edit(checkout, "records/doctors/chen-lei.yml", "title: 副教授", "title: 教授")
    commit_all(checkout, "a stranger edits someone else's record")
    for _ in range(2):
        code, log = pipeline(checkout, tool_path, "stranger", "check-changes")
        assert code != 0 and "@stranger 无权修改" in log, log
