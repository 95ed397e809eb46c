"""Generate the docs folder's content: rendered pages, downloads and the hand-written files.

The result is a plain mapping of docs-relative path to bytes, plus the navigation and the
program's vocabulary for the search index (search_words.py); `docs_dir.sync` writes it, `mkdocs_config`
points mkdocs at it. Nothing here touches the disk except reading site_src/ and git.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..forge import Forge
from .forms import FORMS_JSON, form_json
from ..rules.validate import Result
from ..queries.view import ProgramView
from .downloads import downloads
from .handwritten import Handwritten, SiteSourceError, read_handwritten
from .history import read_history
from .navigation import navigation
from .office import office_files
from .pages import Page, Site, plan
from .render import render
from .search_words import Vocabulary, vocabulary


@dataclass(frozen=True)
class Generated:
    files: dict[str, bytes]  # docs-relative path -> content
    nav: list
    not_in_nav: str
    vocabulary: Vocabulary  # how jieba cuts the program's names and terms (search_words.py)
    handwritten: Handwritten
    sample: bool = False  # the records are the shipped sample: pages say their data is made up


def generate(result: Result, site_src: Path, audience: str, forge: Forge, directory_urls: bool = True) -> Generated:
    """Everything the docs folder of one audience holds, as of the validation's day.

    `directory_urls` is the site's `use_directory_urls`: the directories link to pages in raw HTML, by address.
    """
    program = result.program
    handwritten = read_handwritten(site_src, forge, sample=is_sample(program))
    view = ProgramView(program, result.as_of, result.findings)  # a build has no errors: these are warnings
    site = Site(view=view, audience=audience, history=read_history(program.root, forge), intro=handwritten.intro(),
                directory_urls=directory_urls)
    site.downloads = downloads(view) + office_files(view, site.internal)
    pages = plan(site)
    files: dict[str, bytes] = {}
    for page in pages:
        files[page.path] = render_page(site, page).encode("utf-8")
    for download in site.downloads:
        files[download.path] = download.content
    files[FORMS_JSON] = form_json(program, forge=forge, internal=site.internal)  # what the 在线填写 forms offer
    for path, content in handwritten.files.items():
        if path in files:
            raise SiteSourceError(f"site_src/{path} 与自动生成的同名文件冲突：请换一个文件名或文件夹")
        files[path] = content
    candidates = [*handwritten.pages, *(page.path for page in pages if page.in_nav)]
    off_nav = [page.path for page in pages if not page.in_nav]
    nav, not_in_nav = navigation(_nav_order(handwritten.nav_order, site), candidates, off_nav, handwritten)
    return Generated(files, nav, not_in_nav, vocabulary(program), handwritten, is_sample(program))


def is_sample(program) -> bool:
    """Whether the records say they are made up (`sample: true` in policy.yml)."""
    return bool(getattr(program.policy, "sample", None))


def render_page(site: Site, page: Page) -> str:
    return render(page.template, site=site, page_path=page.path, **page.context)


def _nav_order(order: list, site: Site) -> list:
    """nav.yml's tabs, plus the internal tab when building for the internal audience."""
    return [*order, {"内部": "internal/"}] if site.internal else list(order)
