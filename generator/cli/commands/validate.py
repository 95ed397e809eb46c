"""gaoxin validate: check every record against every rule and print the findings."""

from __future__ import annotations

import os
import sys

from .common import validated

# --format -> the function of generator.cli.report_formats that writes it (CI report files)
REPORTS = {"gitlab": "as_gitlab", "sarif": "as_sarif", "junit": "as_junit"}


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("text", "json", "github", *REPORTS), default="text",
                        help="输出格式：text（默认）、json、github（GitHub Actions 注释）、"
                             "gitlab（GitLab 代码质量报告）、sarif（SARIF 2.1.0）、junit（JUnit XML，每个记录文件一个测试用例）")


def run(args) -> int:
    from .. import output

    result = validated(args)
    if args.format == "json":
        print(output.as_json(result))
    elif args.format == "github":
        print(output.as_github(result, output.repository_prefix(args.records)))
        output.append_step_summary(output.step_summary(result))
    elif args.format in REPORTS:
        from .. import report_formats

        print(getattr(report_formats, REPORTS[args.format])(result, output.repository_prefix(args.records)))
        print(output.summary_line(result), file=sys.stderr)
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(output.as_text(result, colour=colour))
    return 1 if result.errors else 0
