"""Real git repositories for tests: a base branch of records and pull-request branches off it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .support import BASE

# No user config, hooks or signing from the machine running the tests.
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], env=GIT_ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def make_repo(path: Path, roles: str, extra: dict | None = None) -> Path:
    """A repository on branch main: records/ (the base case plus `extra`) and the roles file."""
    shutil.copytree(BASE, path / "records")
    (path / ".github").mkdir()
    (path / ".github" / "gaoxin-roles.yml").write_text(roles, encoding="utf-8")
    for relative, text in (extra or {}).items():
        target = path / "records" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    git(path, "init", "-q", "-b", "main")
    commit_all(path, "base")
    return path


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def apply(repo: Path, files: dict) -> None:
    """Change files as a case describes: text, null (delete), {append}, {rename_to}, {symlink: target}
    (replacing a file or a whole folder), {gitlink: true} (a submodule entry); "/x" is from the root."""
    for relative, change in files.items():
        target = repo / relative[1:] if relative.startswith("/") else repo / "records" / relative
        if change is None:
            git(repo, "rm", "-q", str(target))
        elif isinstance(change, dict) and "symlink" in change:
            if target.exists() or target.is_symlink():
                git(repo, "rm", "-r", "-q", str(target))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(change["symlink"])
        elif isinstance(change, dict) and "gitlink" in change:
            if target.exists():
                git(repo, "rm", "-r", "-q", str(target))
            head = git(repo, "rev-parse", "HEAD").strip()
            target.mkdir(parents=True)  # an unpopulated submodule, which `add -A` leaves alone
            git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},{target.relative_to(repo).as_posix()}")
        elif isinstance(change, dict) and "append" in change:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(change["append"])
        elif isinstance(change, dict) and "rename_to" in change:
            git(repo, "mv", str(target), str(repo / "records" / change["rename_to"]))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(change, encoding="utf-8")



# What a runner's clone of the records project holds: the package and everything it reads.
PROJECT_FILES = ("generator", "records", ".github", "site_src", "schemas", "pyproject.toml", "README.md", "mkdocs.yml",
                 ".gitlab-ci.yml")


def runner_clone(tmp_path: Path) -> Path:
    """A CI runner's clone of a copy of this repository (main, behind a bare origin) on a merge request branch `mr`."""
    root = Path(__file__).resolve().parent.parent
    work = tmp_path / "work"
    work.mkdir()
    for name in PROJECT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, work / name)
    git(work, "init", "-q", "-b", "main")
    commit_all(work, "main")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(origin)], check=True, env=GIT_ENV)
    clone = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, env=GIT_ENV)
    git(clone, "switch", "-q", "-c", "mr")
    return clone
