"""The command reference (命令参考), generated from the argument parser itself."""

from __future__ import annotations

import argparse

INTRO = """\
# 命令参考

本页由 `gaoxin reference` 根据命令行程序的参数定义自动生成，请勿手工修改。

安装后（`make test` 或 `pip install -e .`）可用 `gaoxin`，也可用 `python -m generator`。
退出码：0 成功；1 记录有错误（或命令自身的检查未通过）；2 用法错误或记录文件夹无法读取。
任何命令遇到有问题的记录都给出校验结果，而不是 Python 报错信息。
"""


def command_reference(parser: argparse.ArgumentParser) -> str:
    """Every command of `parser` with its arguments, as Markdown."""
    parts = [INTRO]
    for name, command in _commands(parser):
        parts.append(f"## `gaoxin {name}`\n\n{command.description}\n\n```\n{_usage(command)}\n```\n")
        rows = [_row(action) for action in command._actions if not isinstance(action, argparse._HelpAction)]
        if rows:
            parts.append("| 参数 | 说明 | 默认值 |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
    return "\n".join(parts).rstrip() + "\n"


def _commands(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _usage(command: argparse.ArgumentParser) -> str:
    return " ".join(command.format_usage().removeprefix("usage: ").split())


def _row(action: argparse.Action) -> str:
    name = ", ".join(f"`{option}`" for option in action.option_strings) or f"`{action.metavar or action.dest}`"
    if action.metavar and action.option_strings:
        name += f" `{action.metavar}`"
    help_text = (action.help or "").replace("|", "\\|")
    if action.choices and not isinstance(action.choices, dict):
        help_text += "（可选：" + "、".join(f"`{choice}`" for choice in action.choices) + "）"
    default = action.default
    shown = "" if default in (None, False, argparse.SUPPRESS) or action.required else f"`{default}`"
    return f"| {name} | {help_text} | {shown} |"
