"""Versions of the records folder that ownership is read from: a folder, a commit, or both."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..records.loading import read_record
from ..records.parsing import YamlProblem, decode, parse
from .git import read_blob


class FolderTree:
    """The records folder on disk (what `gaoxin owners` writes CODEOWNERS from)."""

    def __init__(self, root: Path):
        self.root = root

    @cache  # noqa: B019 - a tree lives as long as one command
    def mapping(self, path: str) -> dict | None:
        if not (self.root / path).is_file():
            return None
        _, data, _ = read_record(self.root, path)
        return data


class CommitTree:
    """The records folder as it was at one commit, read straight from git's objects."""

    def __init__(self, repo: Path, commit: str, prefix: str):
        self.repo, self.commit, self.prefix = repo, commit, prefix

    def repo_path(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    @cache  # noqa: B019 - a tree lives as long as one command
    def mapping(self, path: str) -> dict | None:
        raw = read_blob(self.repo, self.commit, self.repo_path(path))
        if raw is None:
            return None
        try:
            return parse(decode(raw))
        except YamlProblem:
            return None
