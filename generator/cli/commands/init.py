"""gaoxin init DIR [--zone NAME] [--program NAME]: start a new, empty program in DIR.

DIR/records/ (policy.yml with the names given, empty kind folders, a README), DIR/schemas/
for editors, and the site settings (mkdocs.yml, site_src/, .gitignore) where DIR has none
yet. A DIR that already holds records is refused (exit 2) and nothing is written; so is a
name that cannot be a policy.yml value.
"""

from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR",
                        help="新项目的文件夹（可以不存在，或已有 mkdocs.yml、site_src/，但不能已有记录）：records/ 写在其中")
    parser.add_argument("--zone", default=None, metavar="NAME", help="高新区名称，如 平顶山高新区（默认即此）")
    parser.add_argument("--program", default=None, metavar="NAME", help="项目名称，如 百名博士进高新（默认即此）")


def run(args) -> int:
    from ...records.schema import schema_texts
    from ...records.starting import import_steps, new_records, refuse_existing_records, write_new_files
    from ...site.settings import site_settings

    folder: Path = args.dir
    records = new_records(args.zone, args.program)  # first: a bad name is refused before anything else
    refuse_existing_records(folder)
    policy = _names(records["policy.yml"])
    files = {folder / "records" / relative: text.encode("utf-8") for relative, text in records.items()}
    if not (folder / "schemas").exists():
        files.update({folder / "schemas" / name: text.encode("utf-8") for name, text in schema_texts().items()})
    settings = site_settings(policy["zone"], policy["program"]) or {}
    kept = [name for name in ("mkdocs.yml", "site_src", ".gitignore") if (folder / name).exists()]
    files.update({folder / relative: content for relative, content in settings.items()
                  if relative.split("/")[0] not in kept})
    write_new_files(files)

    print(f"已在 {folder} 开始新项目“{policy['program']}”（{policy['zone']}）：")
    empty = sum(1 for r in records if r.endswith(".gitkeep"))
    print(f"  {folder / 'records'}/：policy.yml（项目参数）、README.md 和 {empty} 个空的记录文件夹")
    if kept:
        print(f"  保留已有的 {'、'.join(kept)}，没有改动")
    if settings:
        print(f"  {folder / 'mkdocs.yml'}、{folder / 'site_src'}/：网站设置和手写页面（请改写 site_src/about.md 项目简介）")
    else:
        print("  没有找到网站设置（gaoxin 不是从项目仓库安装的）：请从项目仓库复制 mkdocs.yml 和 site_src/")
    print("下一步：")
    print(f"  1. 核对 {folder / 'records' / 'policy.yml'}，尤其是 effective_date（办法施行日期）")
    print(f"  2. 导入记录：把各类记录的导入模板放进一个工作簿，gaoxin import 工作簿.xlsx --records {folder / 'records'}；"
          f"或逐类导入，顺序为 {import_steps()}")
    print(f"  3. 在 {folder} 中运行 gaoxin validate 和 gaoxin build，提交到代码仓库后由 CI 发布网站")
    return 0


def _names(policy_text: str) -> dict:
    from ...records.parsing import parse

    return parse(policy_text)
