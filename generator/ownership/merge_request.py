"""Who wrote a GitLab merge request: its author, asked of GitLab's API.

GitLab's predefined variables name the merge request (`CI_MERGE_REQUEST_IID`, its project)
but not its author; `GITLAB_USER_LOGIN` is whoever started the pipeline, and when staff
run or re-run a stranger's pipeline that is the staff, who may change everything. So the
author comes from `GET /projects/:id/merge_requests/:iid` (`author.username`): public
projects answer without a token; a private project needs a read_api token in the CI/CD
variable `GAOXIN_GITLAB_TOKEN`. When the author cannot be read the check fails: it never
falls back to the pipeline's starter.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from ..errors import UsageError

TOKEN_VARIABLE = "GAOXIN_GITLAB_TOKEN"
TIMEOUT_SECONDS = 20


class AuthorUnknown(UsageError):
    """The merge request's author could not be read (a message for the user)."""


def is_merge_request_pipeline(environ) -> bool:
    return bool(environ.get("GITLAB_CI") and environ.get("CI_MERGE_REQUEST_IID"))


def merge_request_author(environ, opener=urllib.request.urlopen) -> str:
    """The username of the author of the merge request this GitLab pipeline runs for."""
    api, project, iid = (environ.get(name, "").strip() for name in
                         ("CI_API_V4_URL", "CI_MERGE_REQUEST_PROJECT_ID", "CI_MERGE_REQUEST_IID"))
    if not (api and project and iid):
        raise AuthorUnknown("无法确定合并请求的作者：缺少 GitLab 预定义变量 CI_API_V4_URL、CI_MERGE_REQUEST_PROJECT_ID 或 "
                            "CI_MERGE_REQUEST_IID；请在合并请求流水线中运行，或用 --actor 给出作者")
    url = f"{api.rstrip('/')}/projects/{urllib.parse.quote(project, safe='')}/merge_requests/{urllib.parse.quote(iid)}"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token := environ.get(TOKEN_VARIABLE):
        request.add_header("PRIVATE-TOKEN", token)
    try:
        with opener(request, timeout=TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read(1 << 20))
    except urllib.error.HTTPError as exc:
        raise AuthorUnknown(_why(iid, f"GitLab 答复 {exc.code}") + _token_hint(exc.code)) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise AuthorUnknown(_why(iid, f"无法读取 {url}（{getattr(exc, 'reason', exc)}）")) from None
    author = answer.get("author") if isinstance(answer, dict) else None
    username = author.get("username") if isinstance(author, dict) else None
    if not isinstance(username, str) or not username:
        raise AuthorUnknown(_why(iid, "GitLab 的答复中没有 author.username"))
    return username


def _why(iid: str, reason: str) -> str:
    return (f"无法确定合并请求 !{iid} 的作者：{reason}。修改权限按作者判断，不会改用启动流水线的人"
            "（GITLAB_USER_LOGIN：工作人员重新运行别人的流水线时是工作人员本人）")


def _token_hint(status: int) -> str:
    if status in (401, 403, 404):
        return f"；私有项目请在 设置 → CI/CD → 变量 中添加 {TOKEN_VARIABLE}（有 read_api 权限的项目访问令牌，设为“隐藏”）"
    return ""
