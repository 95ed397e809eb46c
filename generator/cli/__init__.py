"""The `gaoxin` command line: parse arguments, run one command, decide the exit code.

Only this module (and the command modules under `commands/`) print or exit; the
library raises or returns. Each command module defines `add_arguments(parser)` and
`run(args) -> int`, and imports what it needs inside `run`, so `gaoxin validate`
never pays for jinja2 or mkdocs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from ..errors import GaoxinError, UsageError
from ..records.dates import today_in_shanghai

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

# name -> (module under generator.cli.commands, one-line help)
COMMANDS = {
    "validate": ("validate", "按校验规则检查全部记录 (check every record)"),
    "build": ("build", "生成项目网站 (build the mkdocs-material site)"),
    "serve": ("serve", "本地预览网站，记录修改后自动刷新 (live preview)"),
    "init": ("init", "开始一个新的空项目：记录文件夹、项目参数和网站设置 (start a new, empty program)"),
    "new": ("new", "按模板新建一条记录 (write a commented template record)"),
    "schema": ("schema", "导出每类记录的 JSON Schema (export JSON Schemas)"),
    "reference": ("reference", "由代码生成记录格式与命令参考页面 (write the format and command references)"),
    "honor-roll": ("honor_roll", "打印某一轮年度评价的光荣榜 (print an honor roll)"),
    "progress": ("progress", "打印某季度的工作推进情况 (quarterly progress, 第十三条)"),
    "export": ("export", "导出台账（Excel）、公文（Word）和导入模板 (the ledger, documents and import templates)"),
    "import": ("import_", "由 Excel 或 CSV 表格批量新建记录 (turn spreadsheet rows into records)"),
    "match": ("match", "为需求推荐博士，或为博士列出可对接的需求 (match needs and doctors, 第五条)"),
    "owners": ("owners", "由记录生成 .github/CODEOWNERS (write CODEOWNERS)"),
    "check-changes": ("check_changes", "检查提交者是否有权修改所改动的记录 (who may change what)"),
}


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{text}") from None


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--records", type=Path, default=Path("records"), help="记录文件夹（默认 records）")
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD",
                        help="以哪一天为“今天”判断逾期（默认上海时区的今天）")


def _available_commands(only: str | None = None):
    for name, (module_name, help_text) in COMMANDS.items():
        if only is not None and name != only:
            yield name, None, help_text
            continue
        yield name, importlib.import_module(f".commands.{module_name}", __package__), help_text


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, the arguments of that command alone (the others are named, not imported).

    Importing every command module costs `gaoxin validate` a fifth of its start-up on a small program.
    """
    parser = argparse.ArgumentParser(
        prog="gaoxin",
        description="百名博士进高新：记录校验与网站生成 (records validator and site generator)",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"gaoxin {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module, help_text in _available_commands(only):
        command = sub.add_parser(name, help=help_text, description=help_text)
        if module is None:
            continue
        add_common(command)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command `argv` names (its first word that is not an option), if it is one."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_of(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    if args.as_of is None:
        args.as_of = today_in_shanghai()
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"gaoxin: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GaoxinError as exc:
        print(f"gaoxin: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a file or folder the command could not read or write: the user's to fix
        print(f"gaoxin: {os_error_message(exc)}", file=sys.stderr)
        return EXIT_USAGE


def entry() -> NoReturn:
    """The `gaoxin` program (the console script and `python -m generator`): `main`, then end the process at once.

    By the time `main` returns, every command has written and closed its files; what is left is
    the interpreter's own tear-down, which at 1,000 doctors (some 15,000 records read) costs more
    than a twentieth of a one-core `gaoxin validate`. So the output is flushed and the process
    ends there, as mypy ends its own. Should another thread still run (no command leaves one),
    the process exits the usual way, which waits for it.
    """
    code = main()
    threading = sys.modules.get("threading")  # not imported: no other thread was started
    if threading is not None and threading.active_count() > 1:
        raise SystemExit(code)
    if "logging" in sys.modules:  # mkdocs logs through handlers of its own
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (gaoxin validate | head): nothing to say
            pass
        except (OSError, ValueError):
            code = code or 120  # what Python itself exits with when it cannot flush its output
    os._exit(code)


def os_error_message(exc: OSError) -> str:
    """What went wrong with which file, for an OS error no command turned into a message itself."""
    names = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    reason = exc.strerror or str(exc)
    if not names:
        return f"无法写出结果：{reason}"
    return f"无法读写 {' → '.join(names)}：{reason}"
