"""The forge setting (generator/forge.py): read once, used for new-file links, history, CODEOWNERS and guides."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.cli import main
from generator.errors import ForgeError
from generator.forge import KINDS, Forge, forge_setting, read_forge
from generator.site.forge_text import ForgeTextError, for_forge

from .gitrepo import make_repo
from .support import ROOT

DATA = yaml.safe_load((Path(__file__).parent / "cases" / "ownership" / "cases.yml").read_text(encoding="utf-8"))


def setting(forge: dict | None = None, **config) -> Forge:
    if forge is not None:
        config["extra"] = {"forge": forge}
    return forge_setting(config, environ={})


# --- reading the setting ----------------------------------------------------------------------------


def test_without_a_setting_the_forge_is_github_as_before():
    assert setting() == Forge("github", None, None, "main")
    assert setting(repo_url="https://github.com/zone/records/") == Forge("github", "https://github.com", "zone/records")


def test_repo_url_alone_names_the_forge_of_a_known_host():
    assert setting(repo_url="https://gitlab.com/zone/records").kind == "gitlab"
    assert setting(repo_url="https://codeberg.org/zone/records").kind == "forgejo"
    assert setting(repo_url="https://git.example.gov.cn/zone/records").kind == "github", "unknown hosts: as before"


def test_the_forge_block_names_everything():
    forge = setting({"kind": "gitlab", "url": "https://example.gov.cn/gitlab/", "repository": "/kjcxj/sub/records/",
                     "branch": "master"})
    assert forge == Forge("gitlab", "https://example.gov.cn/gitlab", "kjcxj/sub/records", "master")
    assert forge.repo_url == "https://example.gov.cn/gitlab/kjcxj/sub/records"


def test_kind_alone_with_repo_url():
    forge = setting({"kind": "gitea"}, repo_url="https://git.example.gov.cn/kjcxj/records")
    assert forge == Forge("gitea", "https://git.example.gov.cn", "kjcxj/records", "main")


def test_the_command_line_repository_wins():
    config = {"repo_url": "https://github.com/a/b", "extra": {"forge": {"kind": "forgejo", "branch": "trunk"}}}
    forge = forge_setting(config, "https://forgejo.example/c/d", environ={})
    assert forge == Forge("forgejo", "https://forgejo.example", "c/d", "trunk")


@pytest.mark.parametrize(("environ", "expected"), [
    ({"GITLAB_CI": "true", "CI_SERVER_URL": "https://gl.example", "CI_PROJECT_PATH": "g/p", "CI_DEFAULT_BRANCH": "dev"},
     Forge("gitlab", "https://gl.example", "g/p", "dev")),
    ({"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r"}, Forge("github", "https://github.com", "o/r")),
    ({"GITHUB_SERVER_URL": "https://gitea.example", "GITHUB_REPOSITORY": "o/r", "GITEA_ACTIONS": "true"},
     Forge("gitea", "https://gitea.example", "o/r")),
    ({"GITHUB_SERVER_URL": "https://fj.example", "GITHUB_REPOSITORY": "o/r", "GITEA_ACTIONS": "true",
      "FORGEJO_ACTIONS": "true"}, Forge("forgejo", "https://fj.example", "o/r")),
])
def test_a_ci_run_names_its_repository_when_nothing_else_does(environ, expected):
    assert forge_setting({}, environ=environ) == expected
    assert forge_setting({"repo_url": "https://github.com/x/y"}, environ=environ).repo_url == "https://github.com/x/y"


@pytest.mark.parametrize(("forge", "message"), [
    ({"kind": "gitee"}, "extra.forge.kind 应为 github、gitlab、gitea、forgejo 之一"),
    ({"kind": "gitlab", "adress": "x"}, "未知的键 adress"),
    ({"url": "gitlab.example.cn"}, "extra.forge.url 应为以 http:// 或 https:// 开头的网址"),
    ({"url": "https://gitlab.example.cn", "repository": "records"}, "extra.forge.repository 应形如 <组织>/<仓库>"),
    ({"branch": "my branch"}, "extra.forge.branch 应为分支名"),
    ("gitlab", "extra.forge 应为映射"),
])
def test_a_bad_setting_says_what_to_write(forge, message):
    with pytest.raises(ForgeError, match=re.escape(message)):
        setting(forge)


def test_a_bad_repo_url_says_what_to_write():
    with pytest.raises(ForgeError, match="代码仓库网址 ftp://x 应形如"):
        setting(repo_url="ftp://x")


def test_read_forge_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  forge:\n    kind: forgejo\n    url: https://fj.example\n"
                      "    repository: o/r\n", encoding="utf-8")
    assert read_forge(config, environ={}) == Forge("forgejo", "https://fj.example", "o/r")
    assert read_forge(tmp_path / "missing.yml", environ={}) == Forge()
    config.write_text("site_name: [x\n", encoding="utf-8")
    with pytest.raises(ForgeError, match="无法读取"):
        read_forge(config, environ={})


def test_the_shipped_mkdocs_yml_keeps_github():
    assert read_forge(Path(__file__).parent.parent / "mkdocs.yml", environ={}).kind == "github"


# --- each forge's own addresses ---------------------------------------------------------------------

NEW_FILE = {
    "github": "https://f.example/o/r/new/main/records/doctors?filename=li-na.yml&value=name%3A%20%E6%9D%8E%0A",
    "gitlab": "https://f.example/o/r/-/new/main/records/doctors?file_name=li-na.yml&content=name%3A%20%E6%9D%8E%0A",
    "gitea": "https://f.example/o/r/_new/main/records/doctors?filename=li-na.yml&value=name%3A%20%E6%9D%8E%0A",
    "forgejo": "https://f.example/o/r/_new/main/records/doctors?filename=li-na.yml&value=name%3A%20%E6%9D%8E%0A",
}
HISTORY = {
    "github": "https://f.example/o/r/commits/HEAD/records/doctors/li-na.yml",
    "gitlab": "https://f.example/o/r/-/commits/main/records/doctors/li-na.yml",
    "gitea": "https://f.example/o/r/commits/branch/main/records/doctors/li-na.yml",
    "forgejo": "https://f.example/o/r/commits/branch/main/records/doctors/li-na.yml",
}


@pytest.mark.parametrize("kind", KINDS)
def test_new_file_and_history_addresses(kind):
    forge = Forge(kind, "https://f.example", "o/r")
    assert forge.new_file_url("records/doctors", "li-na.yml", "name: 李\n") == NEW_FILE[kind]
    assert forge.history_url("records/doctors/li-na.yml") == HISTORY[kind]
    assert Forge(kind).new_file_url("records", "x.yml", "") is None and Forge(kind).history_url("x") is None


NEW_ISSUE = {  # path, then the query's keys for title and body
    "github": ("/o/r/issues/new", "title", "content"),
    "gitlab": ("/o/r/-/issues/new", "issue[title]", "issue[description]"),
    "gitea": ("/o/r/issues/new", "title", "body"),
    "forgejo": ("/o/r/issues/new", "title", "body"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_entry_request_is_each_forges_own_new_issue_page(kind):
    """GitHub's issue form on GitHub; GitLab's and Gitea's own prefill parameters elsewhere (they read no issue forms)."""
    record = "doctor: li-jing\nfocus: a&b=c #d 100%\n"
    link = urlsplit(Forge(kind, "https://f.example", "o/r").new_issue_url("[代为录入] 合作协议 a2026-004", record))
    path, title_key, body_key = NEW_ISSUE[kind]
    query = parse_qs(link.query)
    assert link.path == path and query[title_key] == ["[代为录入] 合作协议 a2026-004"]
    assert (query.pop("template", None) == ["1-entry-request.yml"]) == (kind == "github")
    body = query[body_key][0]
    assert body == record if kind == "github" else f"```yaml\n{record}```" in body and "备案编号" in body
    assert set(query) == {title_key, body_key}
    assert Forge(kind).new_issue_url("x", "y") is None


def test_content_with_query_characters_survives_the_round_trip():
    text = "a: 1&b=2 #3 ?x {folder} 100%\n"
    link = urlsplit(Forge("gitlab", "https://f.example", "o/r").new_file_url("records/doctors", "x.yml", text))
    assert parse_qs(link.query) == {"file_name": ["x.yml"], "content": [text]}


# --- CODEOWNERS where and as each forge reads it ------------------------------------------------------


def owners_for(tmp_path, kind: str) -> tuple[Path, list[str]]:
    repo = make_repo(tmp_path / kind, DATA["roles"], DATA["base"])
    (repo / "mkdocs.yml").write_text(f"site_name: x\nextra:\n  forge:\n    kind: {kind}\n", encoding="utf-8")
    assert main(["owners", "--records", str(repo / "records")]) == 0
    path = repo / KINDS[kind].codeowners
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert not (repo / ".github" / "CODEOWNERS").exists() or kind == "github"
    return repo, lines


def test_gitlab_codeowners_in_gitlab_folder_with_the_github_lines(tmp_path):
    _, lines = owners_for(tmp_path, "gitlab")
    _, github = owners_for(tmp_path, "github")
    assert lines == github
    assert not any(line.startswith("[") for line in lines), "no GitLab sections: each would need its own approval"


def gitea_rules(lines: list[str]) -> list[tuple[re.Pattern, list[str]]]:
    """Read lines as Gitea does: its tokenizer takes one backslash off, the rule is anchored."""
    rules = []
    for line in lines:
        pattern, *owners = line.split()
        rules.append((re.compile("^" + pattern.replace("\\\\", "\\") + "$"), owners))
    return rules


@pytest.mark.parametrize("kind", ["gitea", "forgejo"])
def test_gitea_and_forgejo_codeowners_are_anchored_regular_expressions(tmp_path, kind):
    _, lines = owners_for(tmp_path, kind)
    assert lines[0] == ".* @kj-staff @dq-staff"
    assert "records/enterprises/e1\\\\.yml @e1-staff @kj-staff @dq-staff" in lines
    rules = gitea_rules(lines)

    def owners(path: str) -> set[str]:
        return {owner for rule, names in rules if rule.match(path) for owner in names}

    assert owners("records/enterprises/e1.yml") == {"@e1-staff", "@kj-staff", "@dq-staff"}
    assert owners("records/enterprises/e1xyml") == {"@kj-staff", "@dq-staff"}, "the dot is escaped"
    assert owners("records/reports/a1/2026Q2.yml") == {"@e1-staff", "@zhangwei", "@kj-staff", "@dq-staff"}
    assert owners("records/policy.yml") == {"@kj-staff", "@dq-staff"}


def test_owners_check_looks_where_the_forge_reads(tmp_path, capsys):
    repo, _ = owners_for(tmp_path, "gitlab")
    assert main(["owners", "--records", str(repo / "records"), "--check"]) == 0
    assert ".gitlab/CODEOWNERS 是最新的" in capsys.readouterr().out.replace(str(repo) + "/", "")


def test_owners_with_a_bad_forge_setting_is_a_usage_error(tmp_path, capsys):
    repo = make_repo(tmp_path / "repo", DATA["roles"])
    (repo / "mkdocs.yml").write_text("extra:\n  forge:\n    kind: svn\n", encoding="utf-8")
    assert main(["owners", "--records", str(repo / "records")]) == 2
    assert "extra.forge.kind 应为" in capsys.readouterr().err


# --- guides that speak of the right forge -----------------------------------------------------------

GUIDE = """# 提交

记录保存在 {{ forge.name }} 上，通过{{ forge.request }}修改。
<!-- forge: gitlab -->
勾选“开始新的合并请求”。
<!-- forge: github gitea forgejo -->
点 Propose changes。
<!-- /forge -->
完。
"""


def test_a_page_keeps_the_passages_of_its_forge():
    gitlab = for_forge(GUIDE, Forge("gitlab"), "guide/x.md")
    assert gitlab == "# 提交\n\n记录保存在 GitLab 上，通过合并请求（Merge Request）修改。\n勾选“开始新的合并请求”。\n完。\n"
    gitea = for_forge(GUIDE, Forge("gitea"), "guide/x.md")
    assert "点 Propose changes。" in gitea and "开始新的合并请求" not in gitea and "Gitea 上" in gitea


@pytest.mark.parametrize(("text", "message"), [
    ("<!-- forge: gitee -->\nx\n<!-- /forge -->\n", "应列出 github、gitlab、gitea、forgejo 中的一个或几个"),
    ("<!-- forge: gitlab -->\nx\n", "缺少 <!-- /forge -->"),
    ("x\n<!-- /forge -->\n", "之前没有"),
])
def test_a_malformed_passage_is_named(text, message):
    with pytest.raises(ForgeTextError, match=re.escape(message)):
        for_forge(text, Forge(), "guide/x.md")


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_guides_read_well_on_every_forge(kind):
    from generator.site.handwritten import read_handwritten

    pages = read_handwritten(ROOT / "site_src", Forge(kind, "https://f.example", "o/r"))
    for path, content in pages.files.items():
        if path.endswith(".md"):
            text = content.decode("utf-8")
            assert "{{ forge." not in text and "<!-- forge:" not in text and "<!-- /forge" not in text, path
            if path.startswith(("guide/", "form/")) and kind != "github":
                assert "GitHub" not in text and "Pull Request" not in text.replace(KINDS[kind].request, ""), path
    assert KINDS[kind].name in pages.files["guide/index.md"].decode("utf-8")
    assert KINDS[kind].codeowners in pages.files["guide/staff.md"].decode("utf-8")
