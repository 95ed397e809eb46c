"""What a text or a URL value of a record may hold: the checks behind `Text` and `Url`.

Every record kind's text fields share these, so a new kind inherits them by using the types.

Text: at least one visible character, and no character that shows nothing or changes how
the rest is shown. Refused anywhere: control characters (other than tab and line breaks),
invisible format characters (Unicode category Cf: zero-width spaces, the soft hyphen,
direction marks, and the bidi embeddings, overrides and isolates U+202A–U+202E and
U+2066–U+2069, which make text display in another order than it is stored), the Hangul
fillers, unpaired surrogates, and the non-characters (U+FDD0–U+FDEF, U+nFFFE and U+nFFFF in
every plane). The zero-width joiner and non-joiner (U+200D, U+200C)
have legitimate uses (emoji sequences such as 👩‍💻, Persian and Indic words), so they are
allowed where they join two visible characters, and refused anywhere else.

URL: parsed as a URL, not matched by a pattern: scheme http or https, a host name (or an
IPv4 address), an optional port, no user name or password, and only the ASCII characters
RFC 3986 allows in a path, query and fragment (everything else must be percent-encoded, as
a browser's address bar shows it). Pages emit a URL as an escaped HTML attribute, so these
checks are a second line of defence, and what keeps a link readable.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

JOINERS = "\u200c\u200d"
# Unicode category Cf (as of Unicode 15.1) except the joiners; a test checks it against
# the running Python's unicodedata, so a newer Unicode cannot add one unnoticed.
FORMAT = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
          "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
          "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # Cc but tab, line feed and carriage return
FILLERS = "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters that draw nothing
SURROGATES = "\ud800-\udfff"
# Non-characters: U+FDD0–U+FDEF and the last two code points of every plane. Unicode keeps
# them for a program's internal use; Word cannot save U+FFFE or U+FFFF at all.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
# What XML 1.0 cannot hold at all (Word documents and workbooks are XML): most C0 controls,
# surrogates, U+FFFE and U+FFFF.
NOT_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# Allowed, but not visible on their own: variation selectors, the combining grapheme
# joiner, Mongolian free variation selectors, Khmer inherent vowels, the braille blank.
BLANK = "\u034f\u17b4\u17b5\u180b-\u180d\u180f\u2800\ufe00-\ufe0f\U000e0100-\U000e01ef"


def _characters(ranges: str) -> frozenset[str]:
    """The characters of a regex set's body written as above (single characters and a-b ranges)."""
    found, index = set(), 0
    while index < len(ranges):
        if index + 2 < len(ranges) and ranges[index + 1] == "-":
            found.update(map(chr, range(ord(ranges[index]), ord(ranges[index + 2]) + 1)))
            index += 3
        else:
            found.add(ranges[index])
            index += 1
    return frozenset(found)


_PRINTABLE_BLANKS = _characters(" " + BLANK)  # what shows nothing though str.isprintable says yes (fillers aside)
_REFUSED = re.compile(f"[{FORMAT}{CONTROL}{FILLERS}{SURROGATES}{NONCHARACTERS}]")
_NOT_XML = re.compile(f"[{NOT_XML}]")
_HIDDEN = rf"\s{FORMAT}{CONTROL}{FILLERS}{SURROGATES}{BLANK}{JOINERS}"
_VISIBLE = re.compile(f"[^{_HIDDEN}]")
_HIDDEN_ANY = re.compile(f"[{FORMAT}{CONTROL}{FILLERS}{SURROGATES}{JOINERS}{NONCHARACTERS}]")  # any of the characters below look at
_LOOSE_JOINER = re.compile(f"(?<![^{_HIDDEN}])[{JOINERS}]|[{JOINERS}](?![^{_HIDDEN}])")

# Patterns for editors' JSON Schema (ECMAScript, no `u` flag): something visible, and none
# of the bidi controls, zero-width characters, control characters and non-characters of the
# first plane people paste by accident; on one line.
_SCHEMA_REFUSED = ("\\u202a-\\u202e\\u2066-\\u2069\\u200b\\u200e\\u200f\\u2060-\\u2064\\ufeff\\u00ad"
                   "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufdd0-\\ufdef\\ufffe\\uffff")
_SCHEMA_HIDDEN = "\\s\\u202a-\\u202e\\u2066-\\u2069\\u200b-\\u200f\\u2060-\\u2064\\ufeff\\u00ad"


def _schema_pattern(also_refused: str = "") -> str:
    other = f"[^{_SCHEMA_REFUSED}{also_refused}]*"
    return f"^{other}[^{_SCHEMA_HIDDEN}{_SCHEMA_REFUSED}{also_refused}]{other}$"


TEXT_SCHEMA_PATTERN = _schema_pattern()
ONE_LINE_SCHEMA_PATTERN = _schema_pattern("\\r\\n\\u2028\\u2029")
# Every way a text can break its line: line feed, carriage return, the separators.
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")

NAMES = {
    "\u00ad": "软连字符", "\u061c": "阿拉伯字母方向标记", "\u180e": "蒙古文元音分隔符",
    "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u200e": "从左到右标记",
    "\u200f": "从右到左标记", "\u202a": "从左到右嵌入", "\u202b": "从右到左嵌入", "\u202c": "方向格式结束",
    "\u202d": "从左到右覆盖", "\u202e": "从右到左覆盖", "\u2060": "零宽不换行符", "\u2066": "从左到右隔离",
    "\u2067": "从右到左隔离", "\u2068": "方向隔离", "\u2069": "方向隔离结束", "\ufeff": "零宽不换行空格，BOM",
    "\u3164": "韩文填充符",
}


def codepoint(char: str) -> str:
    """`U+202E（从右到左覆盖）`: a character named so that a message can show it."""
    name = NAMES.get(char)
    if name is None and _is_noncharacter(char):
        name = "非字符"
    if name is None:
        category = unicodedata.category(char)
        name = "控制字符" if category == "Cc" else "不可见字符"
    return f"U+{ord(char):04X}（{name}）"


def _is_noncharacter(char: str) -> bool:
    return 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE


# What `display` escapes: every character that is not shown, or that moves or reorders what
# follows it (line and paragraph separators, bidi controls, ESC sequences).
_UNDISPLAYABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{FORMAT}{FILLERS}{SURROGATES}{NONCHARACTERS}"
                            f"{JOINERS}{BLANK}]")
_LINE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display(text: str) -> str:
    """`text` as a terminal, a CI log or a Markdown summary may show it: one line, in its own order.

    Line breaks become \\n, \\r, \\t; every other control character, separator, invisible or
    reordering character becomes <U+XXXX>. Text from a record, a file name or a spreadsheet
    cell passes here before it is printed, so it cannot forge a line (a summary, an
    `::error`), a table row, or colours, nor reorder the rest of the line.
    """
    return _UNDISPLAYABLE.sub(lambda m: _LINE_ESCAPES.get(m[0]) or f"<U+{ord(m[0]):04X}>", text)


# The earlier name of `display` (messages showed hidden characters with it): one function, two names
# until every caller says `display`.
shown = display


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold: what a Word document or a workbook may carry."""
    return _NOT_XML.sub("", text)


def _plainly_fine(text: str) -> bool:
    """One line with something visible and nothing hidden: nearly every value, told without a regex scan.

    `str.isprintable` is false for every character of categories Cc, Cf, Cs, Cn, Zl and Zp, so
    for every refused, joining and line-breaking character; the Hangul fillers are letters,
    so they are looked for apart. A test checks every code point against the regex path.
    """
    if not (text.isprintable() and "\u3164" not in text and "\u115f" not in text and "\u1160" not in text
            and "\uffa0" not in text):
        return False
    # Printable, so its only space is " ": visible when its first character is (nearly always), else look further.
    return bool(text) and (text[0] not in _PRINTABLE_BLANKS or _VISIBLE.search(text) is not None)


def text_problem(text: str) -> tuple[str, str] | None:
    """Why `text` cannot be a text value: ("blank" | "invisible", message), or None."""
    return None if _plainly_fine(text) else _scanned_text_problem(text)


def _scanned_text_problem(text: str) -> tuple[str, str] | None:
    if not _HIDDEN_ANY.search(text) and _VISIBLE.search(text):  # a multi-line value: one scan, not three
        return None
    if refused := _REFUSED.search(text):
        if _is_noncharacter(refused[0]):
            return "invisible", f"含有非字符 {codepoint(refused[0])}：Unicode 保留不用的字符，Word 等程序无法保存，请删除"
        return "invisible", f"含有不可见的字符 {codepoint(refused[0])}：这类字符看不见，或让文字显示得与实际内容不同，请删除"
    if not _VISIBLE.search(text):
        return "blank", "只有空白或看不见的字符：请填写内容（可选项不用时可整行删除）"
    if loose := _LOOSE_JOINER.search(text):
        return "invisible", (f"含有不可见的字符 {codepoint(loose[0])}：它只能出现在两个看得见的字符之间"
                             "（如 emoji 组合），请删除")
    return None


def line_problem(text: str) -> tuple[str, str] | None:
    """Why `text` cannot be a one-line value: a text problem, or ("multiline", message), or None."""
    if _plainly_fine(text):
        return None
    if problem := _scanned_text_problem(text):
        return problem
    if _LINE_BREAK.search(text):
        return "multiline", "应为一行文字：不要换行，也不要写成 | 或 > 开头的多行文字"
    return None


# --- URLs --------------------------------------------------------------------------------

MAX_URL_CHARS = 2000
# The first character RFC 3986 does not allow in a path, query or fragment: anything but
# unreserved characters, sub-delims, ":", "@", "/", "?" and a "%" that starts a %XX ("#"
# only once, before the fragment: it is split off first).
_NOT_AFTER_HOST = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
URL_SCHEMA_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*)?$"


def url_problem(text: str) -> str | None:
    """Why `text` is not a website address a page may link to (a Chinese reason), or None."""
    if len(text) > MAX_URL_CHARS:
        return f"网址太长（超过 {MAX_URL_CHARS} 个字符）"
    if bad := re.search(r"[^\x21-\x7e]", text):
        what = "空格" if bad[0].isspace() else f"字符 “{display(bad[0])}”"
        return f"网址中不能有{what}：请直接复制浏览器地址栏中的网址（中文等字符会显示为 %XX 编码）"
    scheme, separator, rest = text.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        return "应以 http:// 或 https:// 开头"
    netloc, after_host = re.match(r"([^/?#]*)(.*)", rest).groups()
    if "@" in netloc:
        return "网址中不能含账号或密码（@ 之前的部分）"
    if problem := _host_problem(netloc):
        return problem
    path_and_query, _, fragment = after_host.partition("#")
    for piece in (path_and_query, fragment):
        if bad := _NOT_AFTER_HOST.search(piece):
            return f"网址中的字符 “{bad[0]}” 须写成 %XX 编码：请直接复制浏览器地址栏中的网址"
    return None


def _host_problem(netloc: str) -> str | None:
    if netloc.startswith("["):
        return "请写网站的域名（如 www.example.cn），不要用 IPv6 地址"
    host, colon, port = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
    if colon and not (port.isdigit() and 0 < int(port) < 65536):
        return f"端口号 “{port}” 不对"
    host = host.lower()
    if not host:
        return "缺少网站的域名（如 https://www.example.cn）"
    try:
        ipaddress.IPv4Address(host)
        return None
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return f"“{display(host)}” 不是有效的域名（如 www.example.cn）"
    return None
