"""Print findings: compiler-style text, the JSON of the command line, GitHub workflow commands."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from itertools import groupby
from pathlib import Path

from ..catalog import CATALOG
from ..records.values import display
from ..rules.validate import Result

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def as_json(result: Result) -> str:
    return json.dumps(
        {
            "as_of": result.as_of.isoformat(),
            "records": result.program.record_count,
            "errors": result.errors,
            "warnings": result.warnings,
            "findings": [
                {
                    "rule": finding.rule,
                    "severity": finding.severity.value,
                    "file": finding.file,
                    "line": finding.line,
                    "key": finding.key or None,
                    "message": finding.message,
                }
                for finding in result.findings
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_text(result: Result, colour: bool = False) -> str:
    """Findings grouped by file, like a compiler's, then a one-line summary.

    File names and messages pass `display`: a file named with newlines cannot print a line
    of its own (a forged summary or `::error`), nor an ESC sequence colour the terminal.
    """
    paint = (lambda name, text: f"{_COLOURS[name]}{text}{_COLOURS['reset']}") if colour else (lambda name, text: text)
    blocks = []
    for _, findings in groupby(result.findings, key=lambda finding: finding.file):
        lines = []
        for finding in findings:
            where = display(finding.file) if finding.line is None else f"{display(finding.file)}:{finding.line}"
            severity = finding.severity.value
            lines.append(f"{paint('bold', where)}: {paint(severity, severity)} {finding.rule}: {display(finding.message)}")
        blocks.append("\n".join(lines))
    summary = summary_line(result)
    return "\n\n".join([*blocks, summary]) if blocks else summary


def summary_line(result: Result) -> str:
    records = result.program.record_count
    if not result.findings:
        return f"已校验 {records} 条记录（截至 {result.as_of}）：没有发现问题"
    return f"已校验 {records} 条记录（截至 {result.as_of}）：{result.errors} 个错误，{result.warnings} 个警告"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, file: str, line: int | None, title: str, message: str) -> str:
    """One GitHub Actions annotation (`::error` or `::warning`), escaped as the runner expects.

    The runner reads `%0A` as a line break inside the annotation: `display` goes first, so a
    name or message from a record is shown on one line, escaped.
    """
    file, title, message = display(file), display(title), display(message)
    props = [f"file={_escape_property(file)}"]
    if line is not None:
        props.append(f"line={line}")
    props.append(f"title={_escape_property(title)}")
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def as_github(result: Result, prefix: str) -> str:
    """One workflow command per finding; `prefix` is the records folder relative to the repository root."""
    lines = [
        workflow_command("error" if finding.is_error else "warning", _join(prefix, finding.file), finding.line,
                         finding.rule, finding.message)
        for finding in result.findings
    ]
    lines.append(summary_line(result))
    return "\n".join(lines)


def _join(prefix: str, path: str) -> str:
    return f"{prefix}/{path}" if prefix not in ("", ".") else path


def repository_prefix(records: Path) -> str:
    """The records folder relative to the git repository root (or to the current folder)."""
    records = records.resolve()
    for folder in (records, *records.parents):
        if (folder / ".git").exists():
            return records.relative_to(folder).as_posix()
    return os.path.relpath(records, Path.cwd()).replace(os.sep, "/")


def append_step_summary(markdown: str) -> None:
    """Add to the GitHub step summary when the run has one ($GITHUB_STEP_SUMMARY)."""
    from ..errors import UsageError

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    try:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        raise UsageError(f"无法写入 GITHUB_STEP_SUMMARY 指向的 {summary_file}：{exc.strerror}") from None


def markdown_cell(text: str, code: bool = False) -> str:
    """`text` as one cell of a Markdown table: escaped to one line, `|` kept in its cell.

    With `code`, as a code span fenced by more backticks than the text holds in a row.
    """
    text = display(text).replace("|", "\\|")
    if not code:
        return text
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


def display_lines(lines: list[str]) -> str:
    """Lines of a text answer joined, each escaped by `display` (no line may hold a break of its own)."""
    return "\n".join(display(line) for line in lines)


def step_summary(result: Result) -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY: findings by rule, in Chinese."""
    counts = Counter(finding.rule for finding in result.findings)
    lines = [f"## 记录校验结果（截至 {result.as_of}）", "", summary_line(result), ""]
    if counts:
        lines += ["| 规则 | 级别 | 条款 | 数量 | 说明 |", "|---|---|---|---:|---|"]
        for rule, count in sorted(counts.items(), key=lambda item: (CATALOG[item[0]].severity.value, item[0])):
            info = CATALOG[rule]
            level = "错误" if info.severity.value == "error" else "警告"
            lines.append(f"| `{rule}` | {level} | {info.article or '—'} | {count} | {info.summary} |")
    return "\n".join(lines) + "\n"
