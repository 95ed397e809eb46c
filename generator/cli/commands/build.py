"""gaoxin build: validate, then generate the pages and build the mkdocs-material site."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .common import validated


def add_arguments(parser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path("site"), help="网站输出目录（默认 site/）")


def add_site_arguments(parser) -> None:
    """The options `build` and `serve` share."""
    parser.add_argument("--audience", choices=("public", "internal"), default="public",
                        help="public（默认，公开网站）或 internal（内部版，含报送内容、评价意见、恳谈会纪要）")
    parser.add_argument("--site-src", type=Path, default=Path("site_src"), help="手写页面文件夹（默认 site_src/）")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs 基础配置（默认 mkdocs.yml）")
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/gaoxin-docs"),
                        help="生成页面的缓存目录，只改写有变化的页面（默认 .cache/gaoxin-docs）")
    parser.add_argument("--repo-url", default=None,
                        help="代码仓库网址，用于“修改历史”链接（默认读取 mkdocs.yml 的 repo_url）")


def site_options(args):
    from ...errors import UsageError
    from ...site import SiteOptions

    if not args.config.is_file():
        raise UsageError(f"找不到 mkdocs 配置文件 {args.config}：请在项目根目录运行，或用 --config 指定")
    if not args.site_src.is_dir():
        raise UsageError(f"找不到手写页面文件夹 {args.site_src}：请在项目根目录运行，或用 --site-src 指定")
    return SiteOptions(audience=args.audience, site_src=args.site_src, config=args.config, cache=args.cache_dir,
                       repo_url=args.repo_url)


def run(args) -> int:
    from ...site import SiteError, build_site
    from .. import output

    started = time.monotonic()
    options = site_options(args)
    result = validated(args)
    if result.errors:
        print(output.as_text(result), file=sys.stderr)
        print(f"记录有 {result.errors} 个错误，未生成网站；{args.out} 保持不变。", file=sys.stderr)
        return 1
    try:
        prepared = build_site(result, options, args.out)
    except SiteError as exc:
        print(f"网站生成失败，{args.out} 保持不变：\n{exc}", file=sys.stderr)
        return 1
    pages = sum(1 for path in prepared.generated.files if path.endswith(".md"))
    audience = "内部版" if args.audience == "internal" else "公开版"
    print(f"已生成{audience}网站 {args.out}/：{pages} 个页面"
          f"（本次改写 {len(prepared.sync.written)} 个文件，渲染 {prepared.rendered} 个页面），"
          f"数据截至 {result.as_of}，用时 {time.monotonic() - started:.1f} 秒"
          + (f"；{result.warnings} 个警告（见 gaoxin validate）" if result.warnings else ""))
    return 0
