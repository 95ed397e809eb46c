"""The few git commands `check-changes` needs, run with no shell and no pager."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git failed or is missing, or a ref does not name a commit (a usage problem for the CLI)."""


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("找不到 git：请先安装 git") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} 失败")
    return done.stdout


def toplevel(folder: Path) -> Path:
    """The root of the git repository that holds `folder`."""
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"{folder} 不在 git 仓库中：check-changes 需要在仓库里运行") from None


def commit_of(repo: Path, ref: str) -> str:
    """The commit id `ref` names; refuses anything that could be read as an option."""
    if not ref or ref.startswith("-"):
        raise GitError(f"不是有效的提交：{ref!r}")
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        hint = "（在 GitHub Actions 中请用 actions/checkout 的 fetch-depth: 0 取得完整历史）"
        raise GitError(f"找不到提交 {ref}{hint}") from None


@dataclass(frozen=True)
class FileChange:
    """One line of `git diff --name-status`: status letter, path, and the old path of a rename."""

    status: str
    path: str
    old_path: str | None = None


def changed_files(repo: Path, base: str, head: str) -> list[FileChange]:
    """Files changed on `head` since it left `base` (`git diff base...head`), paths from the repository root."""
    out = _git(repo, "diff", "--name-status", "-z", "--find-renames", "--no-ext-diff", f"{base}...{head}", "--")
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    changes, index = [], 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":  # rename or copy: score, then old and new path
            changes.append(FileChange(status, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            changes.append(FileChange(status, fields[index + 1]))
            index += 2
    return changes


def read_blob(repo: Path, commit: str, path: str) -> bytes | None:
    """The bytes of `path` (from the repository root) at `commit`, or None when it is not a file there."""
    try:
        kind = _git(repo, "cat-file", "-t", f"{commit}:{path}").decode().strip()
    except GitError:
        return None
    if kind != "blob":
        return None
    return _git(repo, "cat-file", "blob", f"{commit}:{path}")
