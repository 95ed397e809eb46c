"""gaoxin export ledger | progress | honor-roll | evaluation | registration | results | visits | template | scoring: files for staff."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from ...documents.template import ALL_KINDS
from ...errors import UsageError
from ...records.columns import importable

WHAT = {
    "ledger": "项目台账（Excel 工作簿）",
    "progress": "季度工作推进情况（Word，第十三条）",
    "honor-roll": "年度评价通报表扬（Word，第十六条）",
    "evaluation": "期满综合评价意见（Word，第十五条）",
    "registration": "年度考核登记表（Word，第十五、十六条）：基本情况、年度工作、各单位评分与签字盖章栏、等次",
    "results": "年度考核结果公示（Word，第十六条）：按等次列出参评博士、公示期和意见反馈单位",
    "visits": "走访记录表（Word，第九、十、十五条）：每次走访一张表，附发现的问题",
    "template": "导入模板（Excel）：某类记录的列、填写说明和下拉选项",
    "scoring": "年度考核评分表（Excel，第十五、十六条）：一个评分单位对一轮参评人员的评分表，填好后用 import --kind scores 导入",
}
WORKBOOKS = ("ledger", "template", "scoring")


def add_arguments(parser) -> None:
    from .. import iso_date
    from .progress import _period

    sub = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, help_text in WHAT.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        # Given after WHAT, these override the ones given before it; SUPPRESS keeps the parent's otherwise.
        child.add_argument("--records", type=Path, default=argparse.SUPPRESS, help="记录文件夹（默认 records）")
        child.add_argument("--as-of", type=iso_date, default=argparse.SUPPRESS, metavar="YYYY-MM-DD",
                           help="以哪一天为“今天”（默认上海时区的今天）；季度工作推进情况的成文日期也用这一天")
        suffix = ".xlsx" if name in WORKBOOKS else ".docx"
        child.add_argument("--out", type=Path, required=True, metavar=f"FILE{suffix}", help="写到哪个文件")
        child.add_argument("--force", action="store_true", help="文件已存在时覆盖它（默认拒绝，以免覆盖改过的文件）")
        if suffix == ".docx":
            child.add_argument("--template", type=Path, metavar="FILE.docx",
                               help="用工作人员的 Word 模板（如红头）代替内置版式；内容放在“{{正文}}”段落处，没有则放在末尾")
        if name == "ledger":
            child.add_argument("--audience", choices=("public", "internal"), default="internal",
                               help="internal（默认）含报送情况、评价和恳谈会；public 只含公开网站上的内容")
        elif name == "progress":
            child.add_argument("period", type=_period, metavar="YYYYQn", help="季度，如 2026Q3")
            child.add_argument("--notes", type=Path, metavar="FILE.md", help="“下步打算”：工作人员撰写的 Markdown 文件；不给则不写这一部分")
            child.add_argument("--draft", action="store_true",
                               help="尚未结束的季度也出具，标题注明“征求意见稿”（不加时只出具已结束的季度）")
        elif name == "honor-roll":
            child.add_argument("round", type=int, help="评价轮次（年份），如 2025")
            child.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                               help="通报的成文日期；缺省为该轮“通报表扬”措施的日期（各措施日期不一致或没有时必须给出）")
        elif name == "evaluation":
            child.add_argument("id", help="期满评价的 id（evaluations/ 下的文件名）")
        elif name == "registration":
            child.add_argument("id", help="年度评价的 id（evaluations/ 下的文件名）")
        elif name == "results":
            child.add_argument("round", type=int, help="评价轮次（年份），如 2025")
            child.add_argument("--from", dest="first", type=iso_date, metavar="YYYY-MM-DD",
                               help="公示期起（含）：只用于没有记录 publicity 的评价；有评价没有记录时与 --to 一起必须给出")
            child.add_argument("--to", dest="last", type=iso_date, metavar="YYYY-MM-DD", help="公示期止（含），与 --from 一起给出")
        elif name == "visits":
            child.add_argument("--from", dest="first", type=iso_date, metavar="YYYY-MM-DD", help="从哪天的走访起（含），默认最早的走访")
            child.add_argument("--to", dest="last", type=iso_date, metavar="YYYY-MM-DD", help="到哪天的走访止（含），默认 --as-of")
        elif name == "template":
            child.add_argument("kind", choices=[*importable(), ALL_KINDS],
                               help=f"记录类别；{ALL_KINDS} 为每类一张工作表的工作簿（不加 --kind 导入）")
            child.add_argument("--with-records", action="store_true",
                               help="把已有的该类记录填入模板（导出、修改、再导入到另一个记录文件夹）")
        elif name == "scoring":
            child.add_argument("round", type=int, help="评价轮次（年份，即所评入驻年度开始的年份），如 2026")
            child.add_argument("--party", required=True, help="评分单位：policy.yml 中 evaluation.parties 之一，如 入驻企业")


def run(args) -> int:
    suffix = args.out.suffix.lower()
    expected = ".xlsx" if args.what in WORKBOOKS else ".docx"
    if suffix != expected:
        raise UsageError(f"--out 应是 {expected} 文件，而不是 {args.out}")
    if args.out.is_dir():
        raise UsageError(f"--out {args.out} 是一个文件夹：请给出要写的文件名，如 {args.out / (args.what + expected)}")
    if args.out.exists() and not args.force:
        raise UsageError(f"{args.out} 已存在，未做任何修改：换一个文件名，或加 --force 覆盖")
    if args.what == "template" and not args.with_records:
        from ...records.loading import load_policy_or_default

        content = _template(args, load_policy_or_default(args.records), None)
    else:
        from .queries import queryable

        view = queryable(args)
        if view is None:
            return 1
        content = _content(args, view)
    _write(args.out, content)
    print(f"已写出 {args.out}（{WHAT[args.what]}）")
    return 0


def _content(args, view) -> bytes:
    if args.what == "template":
        return _template(args, view.policy, view.program)
    if args.what == "ledger":
        from ...documents.ledger import ledger_bytes

        return ledger_bytes(view, internal=args.audience == "internal")
    if args.what == "scoring":
        return _scoring(view, args.round, args.party)
    return _document(args, view)


def _scoring(view, round_: int, party: str) -> bytes:
    from ...documents.scoring_sheet import scoring_sheet_bytes

    scheme = getattr(view.policy, "evaluation", None)
    if scheme is None:
        raise UsageError("policy.yml 没有 evaluation（考核评分办法）：请先写明评分单位、权重、考核指标和分数线，再导出评分表")
    if party not in scheme.parties:
        raise UsageError(f"评分单位“{party}”不在 policy.yml 的 evaluation.parties 之中：请从 {'、'.join(scheme.parties)} 中选择")
    if not view.due_evaluations(round_):
        raise UsageError(f"{round_} 轮没有需要评分的人员：既没有该轮的年度评价，也没有 {round_} 年开始、"
                         f"到 {view.as_of} 已满的入驻年度（入驻年度满后才评分；要提前准备，可加 --as-of）")
    return scoring_sheet_bytes(view, round_, party, view.as_of)


def _template(args, policy, program) -> bytes:
    from ...documents.template import template_bytes, workbook_template_bytes

    if args.kind == ALL_KINDS:
        return workbook_template_bytes(policy, args.as_of, program)
    return template_bytes(args.kind, policy, args.as_of, program)


def _document(args, view) -> bytes:
    from ...documents.gongwen import render

    if args.template and not args.template.is_file():
        raise UsageError(f"找不到模板文件 {args.template}")
    if args.what == "progress":
        from ...documents.progress import progress_document

        notes = _read_notes(args.notes) if args.notes else None
        gongwen = progress_document(view, *args.period, notes, draft=args.draft)
        if notes is None:
            print("提示：没有给 --notes，文件中不写“下步打算”（这一部分只由工作人员撰写）", file=sys.stderr)
    elif args.what == "honor-roll":
        gongwen = _honor_roll(view, args.round, args.date)
    elif args.what == "registration":
        from ...documents.registration import registration_document

        gongwen = registration_document(view, args.id)
    elif args.what == "results":
        gongwen = _results(view, args.round, args.first, args.last)
    elif args.what == "visits":
        from ...documents.visits import visits_document

        if args.first and args.last and args.first > args.last:
            raise UsageError(f"--from {args.first} 晚于 --to {args.last}：请交换两个日期")
        gongwen = visits_document(view, args.first, args.last)
    else:
        from ...documents.evaluation import evaluation_document

        gongwen = evaluation_document(view, args.id)
    return render(gongwen, args.template)


def _honor_roll(view, round_: int, given):
    from ...documents.honor_roll import honor_roll_document, notice_date, recorded_notice_date

    if round_ not in view.honor_rolls:
        known = "、".join(map(str, view.honor_rolls)) or "（无）"
        raise UsageError(f"没有 {round_} 轮的年度评价：已有轮次 {known}")
    recorded = recorded_notice_date(view, round_)
    if given and recorded and given != recorded:
        print(f"提示：成文日期用 --date 给出的 {given}，而记录中该轮通报表扬的日期是 {recorded}", file=sys.stderr)
    return honor_roll_document(view, round_, notice_date(view, round_, given))


def _results(view, round_: int, first, last):
    from ...documents.results import results_document

    if (first is None) != (last is None):
        raise UsageError("公示期要同时给出 --from 和 --to")
    if first and first > last:
        raise UsageError(f"--from {first} 晚于 --to {last}：请交换两个日期")
    if first and None not in view.publicity_periods(round_):
        print(f"提示：{round_} 轮的评价都记录了公示期（publicity），--from、--to 未使用", file=sys.stderr)
    return results_document(view, round_, (first, last) if first else None)


def _read_notes(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"找不到 --notes 文件 {path}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} 不是 UTF-8 编码的文本：请另存为 UTF-8") from None
    except OSError as exc:
        raise UsageError(f"无法读取 {path}：{exc.strerror}") from None


def _write(path: Path, content: bytes) -> None:
    """Write atomically: a reader never sees half a file, and a failure leaves the old one."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"文件夹 {folder} 不存在")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".gaoxin-", suffix=path.suffix)
    except OSError as exc:
        raise UsageError(f"无法在文件夹 {folder} 中写入：{exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"无法写入 {path}：{exc.strerror}；{path} 保持原样") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
