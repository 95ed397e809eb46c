"""A Markdown extension: a block of HTML between two marker lines goes into the page as it is, in one step.

    <!-- gx:html -->
    <div class="gx-directory" …><table>…</table></div>
    <!-- /gx:html -->

Python-Markdown reads every tag of a raw HTML block to find where the block ends (and, with
md_in_html, whether it asks for markdown inside): 0.12 s for the 13,000 tags of the doctors'
directory at 1,000 doctors. The directories (`directory` in templates/_macros.md.j2) are HTML
the template escaped and linked itself, so the block goes into Markdown's stash whole, as one
placeholder, before the html_block preprocessor runs. The marker lines are dropped.

A marker counts only as a line of its own, unindented; fenced code is stashed before this runs,
so a marker shown in a code block stays text. A block whose closing line is missing is left to
Markdown, which renders its HTML all the same (more slowly). Without this extension (another
engine, an older config) the page shows the same, the markers left in it as HTML comments.

The derived config names it (mkdocs_config.py); its source is part of the page cache's
fingerprint (mkdocs_cache.py), so a change here renders every page again.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

OPEN, CLOSE = "<!-- gx:html -->", "<!-- /gx:html -->"
# After fenced code (25) and before html_block (20), which would parse the block tag by tag.
PRIORITY = 22


class _PassThrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines:
            return lines
        kept: list[str] = []
        start = 0
        while (opening := _index(lines, OPEN, start)) is not None:
            closing = _index(lines, CLOSE, opening + 1)
            if closing is None:
                break
            placeholder = self.md.htmlStash.store("\n".join(lines[opening + 1:closing]))
            kept += [*lines[start:opening], "", placeholder, ""]
            start = closing + 1
        return kept + lines[start:]


def _index(lines: list[str], line: str, start: int) -> int | None:
    try:
        return lines.index(line, start)
    except ValueError:
        return None


class HtmlPassthrough(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_PassThrough(md), "gx_html_passthrough", PRIORITY)


def makeExtension(**kwargs) -> HtmlPassthrough:  # how Python-Markdown loads an extension by name
    return HtmlPassthrough(**kwargs)
