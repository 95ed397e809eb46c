"""Hand-written pages that say the right thing for the forge the records live on.

A page of site_src/ may hold passages for some forges only, between HTML comments, and a
few words that differ between forges:

    <!-- forge: gitlab -->
    在 GitLab 上，提交时勾选“开始新的合并请求”……
    <!-- forge: github gitea forgejo -->
    ……
    <!-- /forge -->

    记录保存在 {{ forge.name }} 上的记录仓库中，通过{{ forge.request }}修改。

The build keeps the passages of the configured forge and drops the others; what remains is
plain Markdown (an unbuilt page still reads, the comments are invisible).
"""

from __future__ import annotations

import re

from ..forge import KINDS, Forge
from ..errors import SiteError

_MARK = re.compile(r"^[ \t]*<!--\s*(/forge|forge:([^>]*?))\s*-->[ \t]*\n?", re.MULTILINE)


class ForgeTextError(SiteError):
    """A forge passage of a hand-written page is malformed."""


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
    out, position, keep, open_at = [], 0, True, None
    for match in _MARK.finditer(text):
        if keep:
            out.append(text[position:match.start()])
        position = match.end()
        if match[1] == "/forge":
            if open_at is None:
                raise ForgeTextError(f"site_src/{path}：<!-- /forge --> 之前没有 <!-- forge: … -->")
            keep, open_at = True, None
            continue
        kinds = match[2].split()
        unknown = [kind for kind in kinds if kind not in KINDS]
        if not kinds or unknown:
            raise ForgeTextError(f"site_src/{path}：<!-- forge: {match[2].strip()} --> 应列出 {'、'.join(KINDS)} 中的一个或几个")
        keep, open_at = forge.kind in kinds, match.start()
    if open_at is not None:
        raise ForgeTextError(f"site_src/{path}：<!-- forge: … --> 之后缺少 <!-- /forge -->")
    if keep:
        out.append(text[position:])
    result = "".join(out)
    for word, value in words(forge).items():
        result = result.replace(word, value)
    return result
