"""The GitHub Actions workflows: valid, pinned, least-privileged, and every command they run works.

The last tests run the pull-request workflow's `gaoxin` steps, as the runner would (bash -eo
pipefail, the step's env), in a copy of this repository with a pull-request branch: a clean
pull request passes, one that breaks a rule shows the exact annotation on the changed line,
one by a non-owner fails check-changes, and one that weakens the checker's own code still fails
(the judging jobs run the base commit's gaoxin).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import tomllib

from .actions import EXPRESSION, PINNED, load, steps
from .gitrepo import GIT_ENV, commit_all, git
from .support import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def commands(script: str):
    """Each simple command of a run script, as tokens (enough for the scripts we write)."""
    script = re.sub(r"\\\n", " ", script)
    for line in script.splitlines():
        for part in re.split(r"\|\||&&|;|\|", line):
            tokens = [token for token in shlex.split(part, comments=True) if not token.startswith((">", "2>"))]
            tokens = [token for token in tokens if token != "/dev/null"]
            if tokens:
                yield tokens


def test_there_are_the_two_workflows():
    assert {path.name for path in WORKFLOWS} == {"pull-request.yml", "site.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_valid_against_the_github_workflow_schema(path):
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*-?\s*uses:", line)]
    assert lines
    for line in lines:
        assert PINNED.match(line), f"not pinned to a full commit sha with a '# vX.Y.Z' comment: {line.strip()}"


def test_each_action_is_pinned_to_one_version_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PINNED.match(line):
                pins.setdefault(match["action"], set()).add(match["sha"])
    assert all(len(shas) == 1 for shas in pins.values()), pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_permissions_are_minimal(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert set(granted.items()) <= {("pages", "write"), ("id-token", "write"), ("contents", "read")}, job_id
        if granted:
            assert job_id == "deploy", "only the Pages deployment needs more than reading the repository"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkouts_keep_no_credentials_and_pip_is_cached(path):
    for job_id, step in steps(path):
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, job_id
        if uses.startswith("actions/setup-python@"):
            assert step["with"]["cache"] == "pip" and step["with"]["cache-dependency-path"] == "pyproject.toml"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_expression_is_pasted_into_a_script(path):
    """Values from the event go through env, never into the script text (script injection)."""
    for job_id, step in steps(path):
        assert "${{" not in step.get("run", ""), f"{job_id}: {step.get('name')}"


def test_triggers():
    pull_request = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in pull_request["on"] and "pull_request_target" not in pull_request["on"]
    site = load(ROOT / ".github" / "workflows" / "site.yml")
    assert site["on"]["push"]["branches"] == ["main"]
    assert site["on"]["schedule"][0]["cron"].endswith("* * 1"), "weekly"
    assert "workflow_dispatch" in site["on"]


def test_the_site_is_deployed_to_pages_from_the_built_folder():
    site = load(ROOT / ".github" / "workflows" / "site.yml")
    build_steps = site["jobs"]["build"]["steps"]
    upload = next(step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert any(step.get("run") == "gaoxin build --out site" for step in build_steps)
    assert site["jobs"]["deploy"]["needs"] == "build"
    assert site["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_pull_request_workflow_runs_validate_check_changes_tests_and_preview():
    runs = {job_id: " ".join(step.get("run", "") for step in job["steps"])
            for job_id, job in load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"].items()}
    assert "gaoxin validate --format github" in runs["validate"]
    assert "gaoxin check-changes" in runs["check-changes"]
    assert "python -m pytest" in runs["test"]
    assert "gaoxin build --out site" in runs["preview"]
    checkout = load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"]["check-changes"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "check-changes needs the base commit"


def test_the_judging_jobs_install_gaoxin_from_the_base_commit_only():
    """The PR's code is tested and previewed, never installed where it judges the PR."""
    jobs = load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"]
    for job_id in ("validate", "check-changes"):
        base = [step for step in jobs[job_id]["steps"] if step.get("with", {}).get("path") == ".gaoxin-base"]
        assert [step["with"]["ref"] for step in base] == ["${{ github.event.pull_request.base.sha }}"], job_id
        installs = [step for step in jobs[job_id]["steps"] if "pip install" in step.get("run", "")]
        assert [(step.get("working-directory"), step["run"]) for step in installs] == \
            [(".gaoxin-base", "python -m pip install .")], job_id


def _help(*args: str) -> str:
    done = subprocess.run([str(BIN / "gaoxin"), *args, "--help"], capture_output=True, text=True)
    assert done.returncode == 0, f"gaoxin {' '.join(args)} --help failed: {done.stderr}"
    return done.stdout


def _run_commands():
    for path in WORKFLOWS:
        for job_id, step in steps(path):
            for tokens in commands(step.get("run", "")):
                yield f"{path.name}:{job_id}", tokens


RUN_COMMANDS = list(_run_commands())


@pytest.mark.parametrize(("where", "tokens"), RUN_COMMANDS, ids=[" ".join(t) for _, t in RUN_COMMANDS])
def test_every_command_exists(where, tokens):
    program = tokens[0]
    if program == "gaoxin":
        subcommand = tokens[1]
        assert f" {subcommand} " in _help() or f"{subcommand}\n" in _help(), f"{where}: no command {subcommand}"
        usage = _help(subcommand)
        for token in tokens[2:]:
            if token.startswith("--"):
                assert token.split("=")[0] in usage, f"{where}: gaoxin {subcommand} has no {token}"
    elif program == "make":
        for target in tokens[1:]:
            done = subprocess.run(["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True)
            assert done.returncode == 0, f"{where}: no make target {target}"
    elif program == "python":
        assert tokens[1] == "-m" and tokens[2] in ("pip", "pytest"), f"{where}: unexpected {tokens}"
        extras = [re.search(r"\[(.*)\]", token) for token in tokens if token.startswith(".")]
        declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
        for match in filter(None, extras):
            assert set(match[1].split(",")) <= set(declared), f"{where}: unknown extra {match[1]}"
    elif program == "echo":
        pass
    else:
        pytest.fail(f"{where}: a command this test does not know: {tokens}")


# --- running the pull-request workflow's steps -----------------------------------------------------

STAFF = "gaoxin-kjcxj"


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of this repository's code, records and configuration as a git repository on main."""
    repo = tmp_path / "checkout"
    repo.mkdir()
    for name in ("generator", "pyproject.toml", "records", ".github", "site_src", "mkdocs.yml", "schemas"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "base")
    git(repo, "switch", "-q", "-c", "pr")
    return repo


def _install(package: Path, into: Path) -> Path:
    """What `pip install [-e] PACKAGE` leaves on the runner: a `gaoxin` that runs PACKAGE's code.

    The copy is imported before this test environment's own (editable) gaoxin, as a fresh
    runner would import the only one it has; the dependencies are this environment's.
    """
    site, scripts = into / "site", into / "bin"
    shutil.copytree(package / "generator", site / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    scripts.mkdir(parents=True)
    launcher = scripts / "gaoxin"
    launcher.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(site)!r})\n"
                        "from generator.cli import main\nsys.exit(main())\n", encoding="utf-8")
    launcher.chmod(0o755)
    return scripts


def run_job(repo: Path, job_id: str, actor: str, skip_build: bool = True) -> list[tuple[str, int, str]]:
    """Run a pull-request job's steps as the runner would; (step, exit code, output) of each gaoxin step.

    Checkouts with a `path` clone the repository at their `ref`; `python -m pip install [-e] DIR`
    installs DIR's code (see `_install`), which every later step's `gaoxin` runs; other steps
    run in bash -eo pipefail with the step's env.
    """
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    context = {
        "github.event.pull_request.base.sha": git(repo, "rev-parse", "main").strip(),
        "github.event.pull_request.user.login": actor,
    }

    def expand(value) -> str:
        return EXPRESSION.sub(lambda match: context[match[1]], str(value))

    installed: Path | None = None
    results = []
    for step in workflow["jobs"][job_id]["steps"]:
        options = step.get("with", {})
        if step.get("uses", "").startswith("actions/checkout@") and "path" in options:
            target = repo / options["path"]
            shutil.rmtree(target, ignore_errors=True)  # each job starts on a fresh runner
            git(repo, "clone", "-q", "--no-checkout", str(repo), str(target))
            git(target, "checkout", "-q", "--detach", expand(options.get("ref", "HEAD")))
            continue
        script = step.get("run", "")
        workdir = repo / step.get("working-directory", ".")
        if script.startswith("python -m pip install"):
            installed = _install((workdir / script.split()[-1]).resolve(), Path(tempfile.mkdtemp(dir=repo.parent)))
            continue
        if "gaoxin" not in script or (skip_build and "gaoxin build" in script):
            continue
        env = {**GIT_ENV, "PATH": f"{installed or BIN}{os.pathsep}{os.environ['PATH']}"}
        env.pop("GITHUB_STEP_SUMMARY", None)
        for name, value in step.get("env", {}).items():
            env[name] = expand(value)
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              cwd=workdir, env=env, capture_output=True, text=True)
        results.append((step["name"], done.returncode, done.stdout + done.stderr))
    return results


def test_a_clean_pull_request_by_an_owner_passes_every_step(checkout):
    doctor = checkout / "records" / "doctors" / "chen-lei.yml"
    doctor.write_text(doctor.read_text(encoding="utf-8").replace("title: 副教授", "title: 教授"), encoding="utf-8")
    commit_all(checkout, "promoted")
    results = run_job(checkout, "validate", "chenlei-dev") + run_job(checkout, "check-changes", "chenlei-dev")
    results += run_job(checkout, "preview", "chenlei-dev", skip_build=not (ROOT / "mkdocs.yml").is_file())
    for name, code, output in results:
        assert code == 0, f"{name}:\n{output}"
    assert any("都有权修改" in output for _, _, output in results)


def test_a_pull_request_that_breaks_a_rule_is_annotated_on_the_changed_line(checkout):
    agreement = checkout / "records" / "agreements" / "a2026-003.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("end: 2027-03-31", "end: 2026-12-31"),
                         encoding="utf-8")
    commit_all(checkout, "shorten the term")
    [(_name, code, output)] = run_job(checkout, "validate", STAFF)
    assert code == 1
    assert output.splitlines()[0] == (
        "::error file=records/agreements/a2026-003.yml,line=5,title=art7.term::"
        "入驻期限不足12个月（第七条）：2026-04-01 至 2026-12-31，end 至少应为 2027-03-31"
    )


def test_a_pull_request_by_a_non_owner_fails_check_changes(checkout):
    enterprise = checkout / "records" / "enterprises" / "pds-xincai.yml"
    enterprise.write_text(enterprise.read_text(encoding="utf-8") + "website: https://example.cn\n", encoding="utf-8")
    commit_all(checkout, "edit another enterprise")
    results = run_job(checkout, "check-changes", "ruidian-tech")
    _name, code, output = results[0]
    assert code == 1
    assert output.startswith(
        "::error file=records/enterprises/pds-xincai.yml,title=check-changes::修改：只有企业 pds-xincai 的维护人（@pds-xincai-it）"
    )


# A pull request that weakens the checker it is judged by: each weakening works when the PR's
# own code runs (checked below), so only running the base's code keeps the check.
WEAKENINGS = {
    "check-changes": ("generator/ownership/changes.py", "    role = roles.role_of(actor)\n",
                      "    role = roles.role_of(actor) or \"everyone\"\n"),
    "validate": ("generator/rules/privacy.py", "            if kind := find_pii(text):\n",
                 "            if kind := None:\n"),
}


@pytest.mark.parametrize("job_id", sorted(WEAKENINGS))
def test_a_pull_request_that_weakens_the_checker_still_fails_it(checkout, job_id):
    path, old, new = WEAKENINGS[job_id]
    source = checkout / path
    text = source.read_text(encoding="utf-8")
    assert old in text, f"{path} changed: update this test's weakening"
    source.write_text(text.replace(old, new), encoding="utf-8")
    enterprise = checkout / "records" / "enterprises" / "pds-xincai.yml"
    enterprise.write_text(enterprise.read_text(encoding="utf-8").replace("park: ", "park: 联系电话 13812345678 ", 1),
                          encoding="utf-8")
    commit_all(checkout, "weaken the checker, then break its rule")
    argv = {"check-changes": ["check-changes", "--base", "main", "--actor", "ruidian-tech"],
            "validate": ["validate"]}[job_id]
    own_code = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); "
                               "from generator.cli import main; sys.exit(main(sys.argv[1:]))", *argv],
                              cwd=checkout, env=GIT_ENV, capture_output=True, text=True)
    assert own_code.returncode == 0, "the weakening does not work: " + own_code.stdout + own_code.stderr
    [(_name, code, output)] = [result for result in run_job(checkout, job_id, "ruidian-tech")
                               if "owners --check" not in result[2] and "CODEOWNERS" not in result[0]]
    assert code == 1, output
    assert "records/enterprises/pds-xincai.yml" in output
