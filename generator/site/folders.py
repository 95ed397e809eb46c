"""The folders `build` and `serve` write: only ones that are new, empty, or marked as theirs.

`--out` receives a whole new site and `--cache-dir` has its files deleted when a page goes
away, so pointing either at a folder of other data (`--cache-dir .`, `--out records`) would
destroy it. Each folder the tools write carries a marker file; a folder that exists, holds
anything, and has no marker is refused before anything is written. A symlink given as the
folder is followed: the tools write into its target (a loop, or a link they cannot follow,
is refused).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputFolderError


def resolved(folder: Path, option: str) -> Path:
    """`folder` as an absolute path with every symlink followed (into its target)."""
    path = Path(os.path.realpath(folder))
    if path.is_symlink():  # realpath gives up on a loop and leaves a link
        raise OutputFolderError(f"{option} {folder} 是无法解析的符号链接（可能指向自身）：请换一个目录")
    return path


def check_owned(folder: Path, marker: str, option: str, what: str, earlier=None) -> None:
    """Refuse `folder` unless it is absent, empty, a regular folder holding `marker`, or `earlier(folder)`.

    `earlier` recognises a folder an earlier version of the tools wrote before it had a marker.
    """
    if not folder.exists():
        return
    if not folder.is_dir():
        raise OutputFolderError(f"{option} {folder} 已存在且不是文件夹：请换一个目录")
    try:
        names = os.listdir(folder)
    except OSError as exc:
        raise OutputFolderError(f"无法读取 {option} {folder}：{exc.strerror}") from None
    if names and marker not in names and not (earlier and earlier(folder, names)):
        raise OutputFolderError(f"{option} {folder} 不是空文件夹，也不是 gaoxin 生成的{what}：为免误删其中的文件，"
                                f"请换一个目录（或先清空它）")


def mark(folder: Path, marker: str, text: str) -> None:
    """Create `folder` if needed and write its marker."""
    folder.mkdir(parents=True, exist_ok=True)
    marker_path = folder / marker
    if not marker_path.is_file():
        marker_path.write_text(text, encoding="utf-8")


def check_apart(folders: dict[str, Path], site_marker: str) -> None:
    """Refuse folders (option -> resolved path) that stand inside each other or inside a built site.

    A site folder is published whole: a cache of internal pages, or an internal site, inside
    the public site would be public. And a build replaces --out and prunes --cache-dir, so one
    inside the other would destroy it.
    """
    for option, path in folders.items():
        for other_option, other in folders.items():
            if other_option == option:
                continue
            if path == other:
                raise OutputFolderError(f"{option} 和 {other_option} 是同一个文件夹 {path}：请分开给出两个文件夹")
            if path.is_relative_to(other):
                raise OutputFolderError(f"{option} {path} 在 {other_option} {other} 之中：两者会互相覆盖，请给出互不包含的文件夹")
        site = next((parent for parent in path.parents if (parent / site_marker).is_file()), None)
        if site is not None:
            raise OutputFolderError(f"{option} {path} 在已生成的网站 {site} 之中：网站文件夹会整个发布，放在其中的文件"
                                    f"（包括内部版页面）会随之公开；请换一个不在任何网站文件夹中的目录")
