""".gitlab-ci.yml: valid against GitLab's CI schema, doing what pull-request.yml and site.yml do, and safe.

The last tests run the merge request jobs' scripts as a GitLab runner would (bash, errexit,
the predefined variables), in a clone of a copy of this repository: the merge request's
records are checked by gaoxin installed from the target branch, so a merge request that
also rewrites gaoxin to pass everything still fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from .gitlab_api import gitlab_api
from .gitrepo import GIT_ENV, commit_all, git, runner_clone

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent


def load() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def resolved(job_id: str) -> dict:
    """A job with its `extends` applied (GitLab merges hashes, later parents win)."""
    config = load()
    job = config[job_id]
    merged: dict = {}
    parents = job.get("extends", [])
    for parent in [parents] if isinstance(parents, str) else parents:
        merged.update(resolved(parent) if parent in config else {})
    merged.update({key: value for key, value in job.items() if key != "extends"})
    return merged


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(path)],
                          check=False, capture_output=True, text=True)


def test_valid_against_gitlab_ci_schema():
    done = schema_check(CONFIG)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_would_catch_a_mistake(tmp_path):
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(CONFIG.read_text(encoding="utf-8").replace("  allow_failure: true", "  allow_failure: maybe"),
                      encoding="utf-8")
    assert schema_check(broken).returncode == 1


def on_merge_requests(job: dict) -> bool:
    return any("merge_request_event" in rule.get("if", "") for rule in job.get("rules", []))


def on_default_branch(job: dict) -> bool:
    return any("CI_DEFAULT_BRANCH" in rule.get("if", "") for rule in job.get("rules", []))


def test_merge_requests_get_what_pull_requests_get():
    config = load()
    jobs = {name: resolved(name) for name, job in config.items() if not name.startswith(".") and "script" in job}
    mr = {name for name, job in jobs.items() if on_merge_requests(job)}
    assert {"validate", "check-changes", "test", "preview"} <= mr
    validate = jobs["validate"]
    assert "gaoxin validate --format gitlab > gl-code-quality-report.json || true" in validate["script"]
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert validate["artifacts"]["when"] == "always", "the report is kept when validation fails"
    assert validate["script"][-1] == "gaoxin validate", "the job fails on errors"
    assert "gaoxin check-changes" in jobs["check-changes"]["script"], "base and author from GitLab's variables"
    test = jobs["test"]
    assert test["variables"]["PYTEST_ADDOPTS"] == "--junitxml=$CI_PROJECT_DIR/junit.xml"
    assert test["artifacts"]["reports"]["junit"] == "junit.xml" and test["artifacts"]["when"] == "always"
    assert jobs["preview"]["script"] == ["gaoxin build --out site"]
    assert jobs["preview"]["artifacts"]["paths"] == ["site/"]


def test_the_default_branch_publishes_pages():
    pages = resolved("pages")
    assert on_default_branch(pages) and not on_merge_requests(pages)
    assert pages["script"] == ["gaoxin build --out public"], "GitLab Pages serves the artifact folder public/"
    assert pages["artifacts"]["paths"] == ["public"]
    assert on_default_branch(resolved("validate")), "the target branch's Code Quality report is what an MR is compared with"
    assert resolved("codeowners")["script"] == ["gaoxin owners --check"]


def test_zensical_is_allowed_to_fail():
    assert resolved("zensical")["allow_failure"] is True


def test_merge_request_checks_install_gaoxin_from_the_target_branch():
    setup = "\n".join(resolved("validate")["before_script"])
    assert "tool_commit=\"${CI_MERGE_REQUEST_TARGET_BRANCH_SHA:-origin/${CI_MERGE_REQUEST_TARGET_BRANCH_NAME}}\"" in setup
    assert "git worktree add --detach" in setup and "pip\" install --quiet \"$tool/src\"" in setup
    assert "-e " not in setup, "installed, not editable: nothing is read from the worktree afterwards"
    for name in ("validate", "check-changes", "preview", "pages", "codeowners"):
        assert resolved(name)["before_script"] == resolved("validate")["before_script"], name
    assert "before_script" not in resolved("test"), "only the tests run the merge request's code"


def test_jobs_that_run_the_merge_requests_code_share_no_cache_with_the_checks():
    """`test` (and zensical) run the merge request's code: a cache they write must never feed the checks' pip."""
    config = load()
    jobs = {name: resolved(name) for name, job in config.items() if not name.startswith(".") and "script" in job}
    runs_mr_code = {name for name, job in jobs.items() if "before_script" not in job}
    assert {"test", "zensical"} <= runs_mr_code
    checks = set(jobs) - runs_mr_code
    assert {"validate", "check-changes", "preview", "pages", "codeowners"} <= checks

    def keys(names):
        return {jobs[name].get("cache", {}).get("key") for name in names} - {None}

    assert keys(checks) and not keys(checks) & keys(runs_mr_code), (keys(checks), keys(runs_mr_code))


def test_ci_installs_what_the_real_pipeline_run_needs():
    """tests/test_gitlab_pipeline.py runs .gitlab-ci.yml with gitlab-ci-local: CI must be able to, never skip it."""
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "missing+=(npm)" in run and "missing+=(rsync)" in run and "bash .ci/gitlab-ci-local" in run
    installer = (ROOT / ".ci" / "gitlab-ci-local").read_text(encoding="utf-8")
    assert '"node@$NODE_VERSION"' in installer and "NODE_VERSION=22." in installer


# --- running the merge request jobs ------------------------------------------------------------------

STAFF = "gaoxin-kjcxj"


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A runner's clone of the GitLab project, a copy of this repository, on a merge request branch."""
    return runner_clone(tmp_path)


def run_job(checkout: Path, job_id: str, author: str, tmp_path: Path) -> tuple[int, str]:
    """Run a job's before_script and script as a GitLab runner would, in a merge request pipeline.

    The merge request is !1 of project 1, by `author` (GitLab's API answers that); the
    pipeline was started by the staff, as when they re-run it.
    """
    with gitlab_api({("1", "1"): author}) as (api, _):
        return _run_job(checkout, job_id, api, tmp_path)


def _run_job(checkout: Path, job_id: str, api: str, tmp_path: Path) -> tuple[int, str]:
    job = resolved(job_id)
    script = "\n".join([*job.get("before_script", []), *job["script"]])
    env = {
        **GIT_ENV,
        # The venv the job creates sees this environment's packages (no download), and pip
        # builds gaoxin with this environment's setuptools.
        "PYTHONPATH": sysconfig.get_paths()["purelib"], "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "1",
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(tmp_path),
        "GITLAB_CI": "true", "CI_PIPELINE_SOURCE": "merge_request_event", "CI_JOB_ID": job_id,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PROJECT_DIR": str(checkout),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": git(checkout, "merge-base", "HEAD", "origin/main").strip(),
        "GITLAB_USER_LOGIN": STAFF, "CI_API_V4_URL": api, "CI_MERGE_REQUEST_PROJECT_ID": "1", "CI_MERGE_REQUEST_IID": "1",
    }
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH", "VIRTUAL_ENV"):
        env.pop(name, None)
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], check=False,
                          cwd=checkout, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def test_a_merge_request_that_rewrites_gaoxin_to_pass_still_fails(checkout, tmp_path):
    main_sha = git(checkout, "rev-parse", "--short", "origin/main").strip()
    cli = checkout / "generator" / "cli" / "__init__.py"
    cli.write_text(cli.read_text(encoding="utf-8") + "\n\ndef main(argv=None):\n    return 0\n", encoding="utf-8")
    agreement = checkout / "records" / "agreements" / "a2026-003.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("end: 2027-03-31", "end: 2026-12-31"),
                         encoding="utf-8")
    commit_all(checkout, "shorten a term and make gaoxin pass everything")
    code, log = run_job(checkout, "validate", STAFF, tmp_path)
    assert code == 1, log
    assert f"gaoxin from {main_sha}" in log
    report = yaml.safe_load((checkout / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    # The sample's warnings (its stale need, reports falling due) depend on the day; its one error does not.
    assert [(issue["check_name"], issue["location"]) for issue in report if issue["severity"] != "minor"] == [
        ("art7.term", {"path": "records/agreements/a2026-003.yml", "lines": {"begin": 5}})]
    code, log = run_job(checkout, "check-changes", "ruidian-tech", tmp_path)
    assert code == 1 and "records/agreements/a2026-003.yml: 修改，不可以" in log, log


def test_a_clean_merge_request_by_an_owner_passes(checkout, tmp_path):
    doctor = checkout / "records" / "doctors" / "chen-lei.yml"
    doctor.write_text(doctor.read_text(encoding="utf-8").replace("title: 副教授", "title: 教授"), encoding="utf-8")
    commit_all(checkout, "promoted")
    for job_id in ("validate", "check-changes"):
        code, log = run_job(checkout, job_id, "chenlei-dev", tmp_path)
        assert code == 0, f"{job_id}:\n{log}"
    assert "@chenlei-dev 都有权修改" in log
