"""Heading anchors that keep Chinese: `#研究方向`, not the `#_1` of the default slugify."""

from __future__ import annotations

from pymdownx.slugs import slugify as _slugify

# Referenced from the derived mkdocs config as !!python/name:generator.site.slugs.slugify
slugify = _slugify(case="lower")
