"""A new, empty program: the records folder `gaoxin init` writes, and writing a new folder all or nothing.

policy.yml is the format's example policy (`skeletons/policy.yml`: every key the format
requires, with the draft 办法's values) with the program's and the zone's names put in, so a
key added to the skeleton reaches every new program. It has no `sample` key: a site built
from these records says nothing of sample data. Each kind's folder is there, empty but for a
`.gitkeep` (git keeps no empty folder; loading skips hidden files), and a README says what
goes where and in which order to import.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import ValidationError

from ..errors import UsageError
from .kinds import KINDS, import_order
from .loading import DEFAULT_POLICY
from .models import Policy
from .parsing import YamlProblem, parse

KEEP = ".gitkeep"


def new_records(zone: str | None = None, program: str | None = None) -> dict[str, str]:
    """The files of an empty records folder (relative path -> text); the names default to the skeleton's."""
    policy = DEFAULT_POLICY.read_text(encoding="utf-8")
    for key, value in (("program", program), ("zone", zone)):
        if value is not None:
            policy = re.sub(rf"^{key}: .*$", f"{key}: {_yaml_text(value)}", policy, count=1, flags=re.MULTILINE)
    try:
        parsed = Policy.model_validate(parse(policy))
    except (YamlProblem, ValidationError) as exc:
        raise UsageError(f"项目名称或高新区名称不能用：{_reason(exc)}") from None
    if (program is not None and parsed.program != program) or (zone is not None and parsed.zone != zone):
        raise UsageError("项目名称或高新区名称含有不能写进 policy.yml 的字符：请只用文字、数字和标点")
    header = (f"# {parsed.program} — 项目参数（由 gaoxin init 写出：请逐项核对，尤其是 effective_date，"
              f"各项的含义见网站“帮助 → 记录格式”）\n")
    files = {"policy.yml": header + policy, "README.md": _readme(parsed.program)}
    for name in import_order():
        files.setdefault(f"{KINDS[name].folder}/{KEEP}", "")
    return files


_PLAIN_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z（）·]*")


def _yaml_text(value: str) -> str:
    if _PLAIN_NAME.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(f"{'.'.join(map(str, error['loc']))}：{error['msg']}" for error in exc.errors())
    return exc.message


def import_steps() -> str:
    """派出单位 → 博士 → …: the order kinds are imported in, by their Chinese titles."""
    return " → ".join(dict.fromkeys(KINDS[name].title for name in import_order()))


def _readme(program: str) -> str:
    titles: dict[str, list[str]] = {}
    for name in import_order():
        titles.setdefault(KINDS[name].folder, []).append(KINDS[name].title)
    rows = [f"| `{folder}/` | {'、'.join(kinds)} |" for folder, kinds in titles.items()]
    return "\n".join([
        f"# records/ — {program}的记录",
        "",
        "每条记录是一个 YAML 文件，文件名就是它的编号（id）；各类记录的键见网站“帮助 → 记录格式”（`gaoxin reference`）。",
        "",
        "| 位置 | 内容 |",
        "|---|---|",
        "| `policy.yml` | 项目参数 |",
        *rows,
        "",
        f"用表格录入时，按这个顺序导入（后面的记录引用前面的）：{import_steps()}；",
        "也可以把各类记录的导入模板（`gaoxin export template KIND`）放进同一个工作簿，每类一张工作表、名称不改，"
        "用 `gaoxin import 工作簿.xlsx` 一次导入。",
        "",
    ])


def refuse_existing_records(folder: Path) -> None:
    """Raise `UsageError` unless `folder` may become a new program (it holds no records yet)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 是文件，不是文件夹：请给出新项目的文件夹")
    if (folder / "policy.yml").exists():
        raise UsageError(f"{folder} 本身像是记录文件夹（其中有 policy.yml）：请给出它的上一级，init 会在其中写出 records/")
    records = folder / "records"
    if records.is_symlink() or (records.exists() and not records.is_dir()):
        raise UsageError(f"{records} 已存在且不是文件夹：请换一个文件夹")
    if records.is_dir() and any(records.iterdir()):
        raise UsageError(f"{records} 中已有记录，init 不会改动它：请给出一个没有 records/ 的文件夹；"
                         "要把仓库中的示例换成新项目，见 README“开始一个真实的项目”")


def write_new_files(files: dict[Path, bytes]) -> list[Path]:
    """Write every file, none of which may exist yet, or none: a failure undoes what was written."""
    written: list[Path] = []
    made: list[Path] = []
    try:
        for path, content in files.items():
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            with open(path, "xb") as handle:  # "x": never over a file that is there
                written.append(path)
                handle.write(content)
    except OSError as exc:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        reason = "已存在" if isinstance(exc, FileExistsError) else f"无法写入（{exc.strerror}）"
        raise UsageError(f"{exc.filename} {reason}：已撤销，没有写入任何文件") from None
    return written
