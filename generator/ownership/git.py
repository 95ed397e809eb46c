"""The few git commands `check-changes` needs, run with no shell and no pager."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import GitError


def _git(repo: Path, *args: str) -> bytes:
    try:
        # Literal pathspecs: a record path is a name, never a pattern.
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False,
                              env={**os.environ, "GIT_LITERAL_PATHSPECS": "1"})
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


# git's file modes: what a path is, as the commit records it (never as a work tree shows it).
REGULAR_FILES = frozenset({"100644", "100755"})
SYMLINK, GITLINK, NONE = "120000", "160000", "000000"


@dataclass(frozen=True)
class FileChange:
    """One line of `git diff --raw`: status letter, path, the old path of a rename, and both modes."""

    status: str
    path: str
    old_path: str | None = None
    old_mode: str = NONE  # "000000" where the path did not exist
    new_mode: str = NONE

    @property
    def modes(self) -> tuple[str, str]:
        return self.old_mode, self.new_mode


def changed_files(repo: Path, base: str, head: str) -> list[FileChange]:
    """Files changed on `head` since it left `base` (`git diff base...head`), paths from the repository root.

    Every path is git's own text: a symlink is a change of mode 120000 whatever it points
    to, a submodule (gitlink) one of mode 160000; neither is followed.
    """
    out = _git(repo, "diff", "--raw", "-z", "--no-abbrev", "--find-renames", "--no-ext-diff", "--no-textconv",
               f"{base}...{head}", "--")
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    changes, index = [], 0
    while index < len(fields) and fields[index]:
        # ":old_mode new_mode old_sha new_sha STATUS", then one path (two for a rename or copy)
        old_mode, new_mode, _, _, status = fields[index].lstrip(":").split(" ")
        if status[0] in "RC":
            changes.append(FileChange(status[0], fields[index + 2], fields[index + 1], old_mode, new_mode))
            index += 3
        else:
            changes.append(FileChange(status[0], fields[index + 1], None, old_mode, new_mode))
            index += 2
    return changes


def mode_of(repo: Path, commit: str, path: str) -> str:
    """git's mode of `path` at `commit` ("040000" for a folder), or "000000" when there is none."""
    out = _git(repo, "ls-tree", "-z", "--full-tree", commit, "--", path).decode("utf-8", "surrogateescape")
    for entry in out.split("\0"):
        meta, _, name = entry.partition("\t")
        if name == path:
            return meta.split(" ")[0]
    return NONE


def read_blob(repo: Path, commit: str, path: str) -> bytes | None:
    """The bytes of the regular file `path` (from the repository root) at `commit`, or None.

    None when there is no such file: a folder, a symlink (whose "content" is its target's
    name) and a submodule are not files, and a path through a symlinked folder does not exist.
    """
    if mode_of(repo, commit, path) not in REGULAR_FILES:
        return None
    return _git(repo, "cat-file", "blob", f"{commit}:{path}")
