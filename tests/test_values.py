"""The shared value types every record kind uses: Text (something visible, nothing invisible) and Url."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.records.models.common import Login, Text, Url
from generator.records.schema_errors import schema_findings
from generator.records.values import JOINERS, LINE_BREAKS, _plainly_fine, _scanned_text_problem, text_problem, url_problem


def test_every_invisible_format_character_of_this_python_is_refused():
    """The table in values.py is written out (fast to import); Unicode may grow under it."""
    missing = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
               if unicodedata.category(chr(code)) == "Cf" and chr(code) not in JOINERS
               and text_problem(f"a{chr(code)}b") is None]
    assert missing == []


def test_the_quick_path_passes_only_what_the_scans_pass():
    """`_plainly_fine` skips the regex scans: every code point it lets through, alone or after a letter, they pass, on one line."""
    wrong = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
             for text in (chr(code), f"字{chr(code)}")
             if _plainly_fine(text) and (_scanned_text_problem(text) is not None or set(text) & set(LINE_BREAKS))]
    assert wrong == []


@pytest.mark.parametrize("text", ["\u200b\u200b", "\u2060", "\u202e平顶山", "平顶山\u2069", "\u00a0\u3000", "\u3164",
                                  "\ufe0f", "a\x07", "a\x1b[31m", "\u200d", "\u200d起", "起\u200d", "起\u200d\u200d来",
                                  "起 \u200c来", "a\ud800"])
def test_invisible_or_reordering_text_is_refused(text):
    assert text_problem(text) is not None


@pytest.mark.parametrize("text", ["张伟", "👩\u200d💻 工程师", "می\u200cخواهم", "❤\ufe0f", "多行\n文字\t制表", "e\u0301"])
def test_visible_text_and_joiners_between_visible_characters_pass(text):
    assert text_problem(text) is None


@pytest.mark.parametrize("url", [
    "https://www.hncj.edu.cn", "http://example.cn/a/b?c=1&d=2#top", "https://example.cn:8443/", "https://1.2.3.4/",
    "https://example.cn/%E4%B8%AD", "https://example.cn/wiki/A_(b)", "HTTPS://EXAMPLE.CN/"])
def test_ordinary_urls_pass(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(("url", "reason"), [
    ("example.cn", "http:// 或 https://"), ("ftp://example.cn", "http:// 或 https://"),
    ("javascript:alert(1)", "http:// 或 https://"), ("https://", "域名"), ("https://localhost/", "域名"),
    ("https://exa mple.cn", "空格"), ("https://example.cn/中文", "“中”"), ("https://example.cn/a[b]", "“[”"),
    ("https://example.cn/{x}", "“{”"), ("https://example.cn/a%2", "“%”"), ("https://a@example.cn", "账号或密码"),
    ("https://example.cn:99999/", "端口号"), ("https://example.cn/\"x", "“\"”"), ("https://example.cn/a#b#c", "“#”"),
    ("https://example.cn/" + "a" * 2000, "太长"), ("https://[::1]/", "域名")])
def test_anything_but_a_plain_http_url_is_refused_with_its_reason(url, reason):
    assert reason in (url_problem(url) or "")


def _message(annotation, value) -> str:
    try:
        TypeAdapter(annotation).validate_python(value, strict=True)
    except ValidationError as error:
        [finding] = schema_findings(error, "x.yml")
        return finding.message
    pytest.fail(f"{value!r} accepted")


def test_messages_name_what_was_wrong_and_show_hidden_characters():
    assert _message(Login, "stranger\n").endswith("“stranger\\n” 不是 GitHub 账号名：账号只能用字母、数字和连字符"
                                             "（不超过39个字符），且以字母或数字开头；团队写成 组织/团队")
    assert "id" not in _message(Login, "stranger\n")
    assert _message(Text, "\u202e公司").endswith("“<U+202E>公司” 含有不可见的字符 U+202E（从右到左覆盖）："
                                                 "这类字符看不见，或让文字显示得与实际内容不同，请删除")
    assert "的取值 “https://example.com/)[x](y)” 不是可用的网址" in _message(Url, "https://example.com/)[x](y)")
