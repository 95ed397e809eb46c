"""The Forgejo and Gitea Actions variants: what they avoid, that they match, and that their gaoxin steps work.

Forgejo reads .forgejo/workflows/ (and then ignores .github/workflows/), Gitea reads
.gitea/workflows/. The two folders are the same files but for the runner label, kept so by
`make gitea-workflows`. What breaks on those forges is left out: setup-python (it downloads
from github.com and knows only Ubuntu), upload-artifact v4 (GHESNotSupportedError), Pages.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .actions import PINNED, load, run_step, steps
from .gitrepo import commit_all, git

ROOT = Path(__file__).resolve().parent.parent
FORGEJO = sorted((ROOT / ".forgejo" / "workflows").glob("*.yml"))
GITEA = sorted((ROOT / ".gitea" / "workflows").glob("*.yml"))
VARIANTS = FORGEJO + GITEA
LABEL = {".forgejo": "docker", ".gitea": "ubuntu-latest"}


def test_both_forges_get_both_workflows():
    assert [path.name for path in FORGEJO] == [path.name for path in GITEA] == ["pull-request.yml", "site.yml"]


@pytest.mark.parametrize("name", ["pull-request.yml", "site.yml"])
def test_the_gitea_files_are_the_forgejo_files_with_gitea_s_label(name):
    forgejo = (ROOT / ".forgejo" / "workflows" / name).read_text(encoding="utf-8")
    gitea = (ROOT / ".gitea" / "workflows" / name).read_text(encoding="utf-8")
    assert gitea == forgejo.replace("    runs-on: docker\n", "    runs-on: ubuntu-latest\n"), "run make gitea-workflows"


@pytest.mark.parametrize("path", VARIANTS, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_valid_actions_syntax(path):
    """Forgejo and Gitea Actions read a subset of GitHub's workflow syntax: the GitHub schema applies."""
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", VARIANTS, ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_nothing_that_breaks_on_gitea_or_forgejo(path):
    label = LABEL[path.parent.parent.name]
    for job_id, job in load(path)["jobs"].items():
        assert job["runs-on"] == label, job_id
        assert job["container"]["image"] == "node:20-bookworm", "checkout needs Node.js, the steps Debian's Python"
    for job_id, step in steps(path):
        uses = step.get("uses", "")
        assert not uses.startswith(("actions/setup-python@", "actions/upload-pages-artifact@", "actions/deploy-pages@"))
        if uses.startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False and step["with"]["fetch-depth"] == 0, job_id
        assert "${{" not in step.get("run", ""), f"{job_id}: values from the event go through env"
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*-?\s*uses:", line):
            assert PINNED.match(line), line.strip()


def test_upload_artifact_is_pinned_to_v3():
    lines = [line for path in VARIANTS for line in path.read_text(encoding="utf-8").splitlines()
             if "actions/upload-artifact@" in line]
    assert lines and all(line.strip().endswith("@ff15f0306b3f739f7b6fd43fb5d26cd321bd4de5 # v3.2.1")
                         for line in lines)


def test_pull_request_checks_use_gaoxin_from_the_base_commit():
    workflow = load(ROOT / ".forgejo" / "workflows" / "pull-request.yml")
    for job_id in ("validate", "check-changes", "preview"):
        install = next(step for step in workflow["jobs"][job_id]["steps"] if "pip" in step.get("run", ""))
        assert install["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
        assert 'git worktree add --detach /tmp/gaoxin-src "$BASE_SHA"' in install["run"]
        assert "/tmp/gaoxin/bin/pip install --quiet /tmp/gaoxin-src" in install["run"]
    test_job = " ".join(step.get("run", "") for step in workflow["jobs"]["test"]["steps"])
    assert "bash .ci/run" in test_job, "the tests, and only they, run the merge request's code"


def test_the_site_is_built_and_uploaded_for_a_web_server():
    workflow = load(ROOT / ".forgejo" / "workflows" / "site.yml")
    runs = [step.get("run") for step in workflow["jobs"]["build"]["steps"]]
    assert "gaoxin build --out site" in runs and "gaoxin validate" in runs
    upload = next(step for step in workflow["jobs"]["build"]["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert workflow["on"]["schedule"][0]["cron"].endswith("* * 1")


# --- running the gaoxin steps ------------------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path) -> Path:
    repo = tmp_path / "checkout"
    repo.mkdir()
    for name in ("records", ".github"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(repo / name)], check=True)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "base")
    git(repo, "switch", "-q", "-c", "pr")
    return repo


def run_gaoxin_steps(repo: Path, job_id: str, author: str) -> list[tuple[str, int, str]]:
    """Run a pull-request job's gaoxin steps (not the installs: gaoxin is this environment's)."""
    workflow = load(ROOT / ".forgejo" / "workflows" / "pull-request.yml")
    context = {"github.event.pull_request.base.sha": git(repo, "rev-parse", "main").strip(),
               "github.event.pull_request.user.login": author}
    return [run_step(repo, step, context) for step in workflow["jobs"][job_id]["steps"]
            if step.get("run", "").startswith("gaoxin")]


def test_a_clean_merge_request_by_an_owner_passes(checkout):
    doctor = checkout / "records" / "doctors" / "chen-lei.yml"
    doctor.write_text(doctor.read_text(encoding="utf-8").replace("title: 副教授", "title: 教授"), encoding="utf-8")
    commit_all(checkout, "promoted")
    results = run_gaoxin_steps(checkout, "validate", "chenlei-dev") + run_gaoxin_steps(checkout, "check-changes",
                                                                                         "chenlei-dev")
    assert len(results) == 3
    for name, code, output in results:
        assert code == 0, f"{name}:\n{output}"


def test_a_broken_rule_and_a_non_owner_fail(checkout):
    agreement = checkout / "records" / "agreements" / "a2026-003.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("end: 2027-03-31", "end: 2026-12-31"),
                         encoding="utf-8")
    commit_all(checkout, "shorten the term")
    [(_, code, output)] = run_gaoxin_steps(checkout, "validate", "ruidian-tech")
    assert code == 1 and "agreements/a2026-003.yml:5: error art7.term" in output
    (_, code, output), _ = run_gaoxin_steps(checkout, "check-changes", "ruidian-tech")
    assert code == 1 and "agreements/a2026-003.yml: 修改，不可以" in output
