"""Passages of a hand-written page that only some sites keep, marked with HTML comments.

    <!-- forge: gitlab -->            <!-- data: sample -->
    在 GitLab 上……                    本站数据为示例数据……
    <!-- forge: github gitea -->      <!-- data: real -->
    ……                                ……
    <!-- /forge -->                   <!-- /data -->

A mark names what a passage is for, and the choices it is kept for; the build keeps the
passages whose choices include the site's and drops the others, marks and all. What remains
is plain Markdown (an unbuilt page still reads: the comments are invisible).
"""

from __future__ import annotations

import re

from ..errors import SiteError


class PassageError(SiteError):
    """A marked passage of a hand-written page is malformed."""


def keep_passages(text: str, mark: str, choices: tuple[str, ...], chosen: str, path: str) -> str:
    """`text` with only the passages `<!-- mark: … -->` that list `chosen` (one of `choices`)."""
    pattern = re.compile(rf"^[ \t]*<!--\s*(/{mark}|{mark}:([^>]*?))\s*-->[ \t]*\n?", re.MULTILINE)
    out, position, keep, open_at = [], 0, True, None
    for match in pattern.finditer(text):
        if keep:
            out.append(text[position:match.start()])
        position = match.end()
        if match[1] == f"/{mark}":
            if open_at is None:
                raise PassageError(f"site_src/{path}：<!-- /{mark} --> 之前没有 <!-- {mark}: … -->")
            keep, open_at = True, None
            continue
        listed = match[2].split()
        unknown = [choice for choice in listed if choice not in choices]
        if not listed or unknown:
            raise PassageError(f"site_src/{path}：<!-- {mark}: {match[2].strip()} --> 应列出 {'、'.join(choices)} 中的一个或几个")
        keep, open_at = chosen in listed, match.start()
    if open_at is not None:
        raise PassageError(f"site_src/{path}：<!-- {mark}: … --> 之后缺少 <!-- /{mark} -->")
    if keep:
        out.append(text[position:])
    return "".join(out)
