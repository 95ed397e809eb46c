"""Hand-written pages that say the right thing for the forge the records live on.

A page of site_src/ may hold passages for some forges only, between HTML comments, and a
few words that differ between forges:

    <!-- forge: gitlab -->
    在 GitLab 上，提交时勾选“开始新的合并请求”……
    <!-- forge: github gitea forgejo -->
    ……
    <!-- /forge -->

    记录保存在 {{ forge.name }} 上的记录仓库中，通过{{ forge.request }}修改。

The build keeps the passages of the configured forge and drops the others (`passages.py`); what
remains is plain Markdown (an unbuilt page still reads, the comments are invisible).
"""

from __future__ import annotations

from ..forge import KINDS, Forge
from .passages import PassageError, keep_passages

ForgeTextError = PassageError  # the name the forge passages' error had first


def words(forge: Forge) -> dict[str, str]:
    info = forge.info
    return {
        "{{ forge.name }}": info.name,
        "{{ forge.request }}": info.request,
        "{{ forge.codeowners }}": info.codeowners,
        "{{ forge.branch }}": forge.branch,
    }


def for_forge(text: str, forge: Forge, path: str) -> str:
    """`text` with only the passages for `forge`, and the forge's words filled in."""
    result = keep_passages(text, "forge", tuple(KINDS), forge.kind, path)
    for word, value in words(forge).items():
        result = result.replace(word, value)
    return result
