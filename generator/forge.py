"""Where the records repository lives: the forge's kind, address, repository and default branch.

One setting, in mkdocs.yml, read by the site (the 在线填写 forms' new-file links, the history
links, the 如何提交材料 guides) and by `gaoxin owners` (where CODEOWNERS goes, in which syntax):

```yaml
extra:
  forge:
    kind: gitlab                          # github (default), gitlab, gitea, forgejo
    url: https://gitlab.example.gov.cn    # the forge's address
    repository: kjcxj/gaoxin-records      # owner/name (GitLab: group/subgroup/project)
    branch: main                          # the default branch (default main)
```

Without `url` and `repository` the repository is taken from `repo_url` (the forge's address
is then its scheme and host), else from the CI run (GitLab CI's CI_SERVER_URL and
CI_PROJECT_PATH; GitHub, Gitea and Forgejo Actions' GITHUB_SERVER_URL and GITHUB_REPOSITORY).
With no setting at all the forge is GitHub, as before the setting existed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from .errors import ForgeError


@dataclass(frozen=True)
class ForgeKind:
    """What differs between forges, each from the forge's own documentation."""

    name: str
    request: str  # what a change request is called there
    codeowners: str  # where gaoxin owners writes CODEOWNERS (a place the forge reads)
    regex_codeowners: bool  # Gitea and Forgejo match CODEOWNERS lines as regular expressions
    new_file: str  # the new-file page, with path, file name and content filled in
    history: str  # the list of commits touching one file
    repo_icon: str  # mkdocs-material's icon for the header's repository link
    submit: str  # what to do on the new-file page, in the words of that page
    new_issue: str  # the new-issue page, with {title} and {body} filled in
    issue_body: str = ""  # the issue's body around the {record}; default ISSUE_BODY


# A 代为录入 request where the forge has no issue form (GitLab, Gitea, Forgejo do not read
# .github/ISSUE_TEMPLATE/): the record, and what the staff need besides it.
ISSUE_BODY = ("请工作人员代为录入以下记录。\n\n```yaml\n{record}```\n\n"
              "依据（如协议备案编号、单位通知）：\n\n"
              "（本 issue 是公开的：请不要填写手机号码、身份证号码或电子邮箱。）\n")
_GITEA_SUBMIT = ("在打开的页面底部填写提交说明，选择“为此提交创建一个新分支并发起合并请求”，"
                 "点“提交变更”（Commit Changes），再创建合并请求。")
KINDS = {
    # github.com/OWNER/REPO/new/BRANCH/PATH?filename=NAME&value=TEXT (offers a fork without write access)
    "github": ForgeKind("GitHub", "Pull Request", ".github/CODEOWNERS", False,
                        "{repo}/new/{branch}/{folder}?filename={filename}&value={content}",
                        "{repo}/commits/HEAD/{path}", "fontawesome/brands/github",
                        "在打开的页面底部填写说明后提交（Propose new file / Commit changes），再创建 Pull Request。",
                        # the issue form .github/ISSUE_TEMPLATE/1-entry-request.yml, its field `content` filled in
                        "{repo}/issues/new?template=1-entry-request.yml&title={title}&content={body}", "{record}"),
    # GitLab's new-file page reads the file_name and content parameters (projects/blob/_editor).
    "gitlab": ForgeKind("GitLab", "合并请求（Merge Request）", ".gitlab/CODEOWNERS", False,
                        "{repo}/-/new/{branch}/{folder}?file_name={filename}&content={content}",
                        "{repo}/-/commits/{branch}/{path}", "fontawesome/brands/gitlab",
                        "在打开的页面中填写提交说明，目标分支填一个新分支名并勾选“开始新的合并请求”"
                        "（Start a new merge request），点 Commit changes，再提交合并请求。",
                        # GitLab prefills a new issue from issue[title] and issue[description]
                        "{repo}/-/issues/new?issue%5Btitle%5D={title}&issue%5Bdescription%5D={body}"),
    # Gitea documents filename and value ("Pre-fill new file name and contents"); Forgejo kept them.
    "gitea": ForgeKind("Gitea", "合并请求（Pull Request）", ".gitea/CODEOWNERS", True,
                       "{repo}/_new/{branch}/{folder}?filename={filename}&value={content}",
                       "{repo}/commits/branch/{branch}/{path}", "simple/gitea", _GITEA_SUBMIT,
                       "{repo}/issues/new?title={title}&body={body}"),  # Gitea's title and body parameters
    "forgejo": ForgeKind("Forgejo", "合并请求（Pull Request）", ".forgejo/CODEOWNERS", True,
                         "{repo}/_new/{branch}/{folder}?filename={filename}&value={content}",
                         "{repo}/commits/branch/{branch}/{path}", "simple/forgejo", _GITEA_SUBMIT,
                         "{repo}/issues/new?title={title}&body={body}"),
}
DEFAULT_KIND = "github"
DEFAULT_BRANCH = "main"
SETTING_KEYS = ("kind", "url", "repository", "branch")
# Hosts whose forge is known without a setting.
KNOWN_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "gitea.com": "gitea", "codeberg.org": "forgejo"}
_URL = re.compile(r"^https?://[^\s/?#]+(?:/[^\s?#]*)?$")
_REPOSITORY = re.compile(r"^[^\s/?#]+(?:/[^\s/?#]+)+$")


@dataclass(frozen=True)
class Forge:
    kind: str = DEFAULT_KIND
    url: str | None = None  # e.g. https://gitlab.example.gov.cn (no trailing slash)
    repository: str | None = None  # e.g. kjcxj/gaoxin-records
    branch: str = DEFAULT_BRANCH

    @property
    def info(self) -> ForgeKind:
        return KINDS[self.kind]

    @property
    def repo_url(self) -> str | None:
        return f"{self.url}/{self.repository}" if self.url and self.repository else None

    @property
    def new_file_template(self) -> str | None:
        """The new-file URL with {folder}, {filename} and {content} left for the form to fill (URL-encoded)."""
        if not self.repo_url:
            return None
        return self.info.new_file.replace("{repo}", self.repo_url).replace("{branch}", quote(self.branch, safe=""))

    def new_file_url(self, folder: str, filename: str, content: str) -> str | None:
        template = self.new_file_template
        if template is None:
            return None
        values = {"folder": quote(folder, safe="/"), "filename": quote(filename, safe=""),
                  "content": quote(content, safe="")}
        return re.sub(r"\{(folder|filename|content)\}", lambda match: values[match[1]], template)

    @property
    def new_issue_template(self) -> str | None:
        """The new-issue URL with {title} and {body} left for the form to fill (URL-encoded)."""
        return self.info.new_issue.replace("{repo}", self.repo_url) if self.repo_url else None

    @property
    def issue_body(self) -> str:
        """The issue's body with {record} left for the record's text."""
        return self.info.issue_body or ISSUE_BODY

    def new_issue_url(self, title: str, record: str) -> str | None:
        """The forge's new-issue page asking the staff to enter `record` (the forms build the same in the browser)."""
        template = self.new_issue_template
        if template is None:
            return None
        values = {"title": quote(title, safe=""), "body": quote(self.issue_body.replace("{record}", record), safe="")}
        return re.sub(r"\{(title|body)\}", lambda match: values[match[1]], template)

    def history_url(self, path: str) -> str | None:
        """The forge's list of commits touching `path` (from the repository root)."""
        if not self.repo_url:
            return None
        return (self.info.history.replace("{repo}", self.repo_url).replace("{branch}", quote(self.branch, safe=""))
                .replace("{path}", quote(path, safe="/")))


def forge_setting(config: dict | None, repo_url: str | None = None, environ=None) -> Forge:
    """The forge of a parsed mkdocs.yml; `repo_url` (--repo-url) overrides the repository's address."""
    config = config or {}
    setting = (config.get("extra") or {}).get("forge") if isinstance(config.get("extra"), dict) else None
    setting = _checked(setting)
    kind, branch = setting.get("kind"), setting.get("branch")
    url, repository = setting.get("url"), setting.get("repository")
    if repo_url or not (url and repository):
        address = repo_url or config.get("repo_url")
        if address:
            url, repository = split_repo_url(address)
        else:
            ci = _from_ci(environ if environ is not None else os.environ)
            if ci:
                ci_kind, url, repository, ci_branch = ci
                kind, branch = kind or ci_kind, branch or ci_branch
    if url and not kind:
        kind = KNOWN_HOSTS.get(urlsplit(url).hostname or "", DEFAULT_KIND)
    return Forge(kind or DEFAULT_KIND, url.rstrip("/") if url else None, repository, branch or DEFAULT_BRANCH)


def read_forge(config_file: Path, repo_url: str | None = None, environ=None) -> Forge:
    """The forge setting of the mkdocs.yml at `config_file` (a missing file means no setting)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as stream:
            config = yaml_load(stream) or {}
    except FileNotFoundError:
        config = {}
    except (OSError, ConfigurationError) as exc:
        raise ForgeError(f"{config_file} 无法读取：{exc}") from None
    return forge_setting(config if isinstance(config, dict) else {}, repo_url, environ)


def split_repo_url(address: str) -> tuple[str, str]:
    """https://host/owner/name → (https://host, owner/name)."""
    address = str(address).strip().rstrip("/").removesuffix(".git")
    parts = urlsplit(address)
    repository = parts.path.strip("/")
    if parts.scheme not in ("http", "https") or not parts.netloc or not _REPOSITORY.match(repository):
        raise ForgeError(f"代码仓库网址 {address} 应形如 https://github.com/<组织>/<仓库>")
    return f"{parts.scheme}://{parts.netloc}", repository


def _checked(setting) -> dict:
    if setting is None:
        return {}
    where = "mkdocs.yml 的 extra.forge"
    if not isinstance(setting, dict):
        raise ForgeError(f"{where} 应为映射，含 kind、url、repository、branch")
    unknown = sorted(str(key) for key in setting if key not in SETTING_KEYS)
    if unknown:
        raise ForgeError(f"{where} 中有未知的键 {'、'.join(unknown)}：只能有 {'、'.join(SETTING_KEYS)}")
    setting = {key: str(value).strip() for key, value in setting.items() if value is not None}
    if setting.get("kind", DEFAULT_KIND) not in KINDS:
        raise ForgeError(f"{where}.kind 应为 {'、'.join(KINDS)} 之一，而不是 {setting['kind']}")
    if "url" in setting and not _URL.match(setting["url"]):
        raise ForgeError(f"{where}.url 应为以 http:// 或 https:// 开头的网址，如 https://gitlab.example.gov.cn")
    if "repository" in setting and not _REPOSITORY.match(setting["repository"].strip("/")):
        raise ForgeError(f"{where}.repository 应形如 <组织>/<仓库>，如 kjcxj/gaoxin-records")
    if "branch" in setting and (not setting["branch"] or any(char.isspace() for char in setting["branch"])):
        raise ForgeError(f"{where}.branch 应为分支名，如 main")
    if "repository" in setting:
        setting["repository"] = setting["repository"].strip("/")
    return setting


def _from_ci(environ) -> tuple[str, str, str, str | None] | None:
    """(kind, url, repository, default branch or None) of the repository the CI run is in."""
    if environ.get("GITLAB_CI") and environ.get("CI_SERVER_URL") and environ.get("CI_PROJECT_PATH"):
        return "gitlab", environ["CI_SERVER_URL"], environ["CI_PROJECT_PATH"], environ.get("CI_DEFAULT_BRANCH")
    server, repository = environ.get("GITHUB_SERVER_URL"), environ.get("GITHUB_REPOSITORY")
    if not (server and repository):
        return None
    # Gitea's and Forgejo's runners set the GITHUB_* variables too, and their own marker.
    kind = "forgejo" if environ.get("FORGEJO_ACTIONS") else "gitea" if environ.get("GITEA_ACTIONS") else "github"
    return kind, server, repository, None
