"""Derive the mkdocs config of one build from the project's mkdocs.yml.

mkdocs.yml holds what a person tunes (theme, palette, features, search, markdown
extensions, extra_css); the build adds what only the build knows: where the generated docs
are, the navigation, which pages are deliberately not in it, how jieba cuts the program's
names and terms, the audience, strict mode, and the Markdown extension that passes the directories'
HTML through (html_passthrough.py). Relative paths in mkdocs.yml stay relative to it.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..errors import SiteError
from ..forge import Forge

SEARCH_PLUGINS = ("search", "material/search")
JIEBA_WORDS_FILE = "jieba-words.txt"
CONFIG_FILE = "mkdocs.yml"
HTML_PASSTHROUGH = "generator.site.html_passthrough"  # our Markdown extension: in the page cache's fingerprint


def derive_config(base: Path, docs: Path, folder: Path, generated, audience: str, as_of,
                  forge: Forge | None = None) -> Path:
    """Write the derived config (and the jieba word list) into `folder`; return its path."""
    from mkdocs.utils.yaml import yaml_load

    base = Path(base).resolve()
    with open(base, "rb") as stream:
        config = yaml_load(stream)
    words = folder / JIEBA_WORDS_FILE
    _write_if_changed(words, generated.vocabulary.jieba_lines())

    config["docs_dir"] = str(docs)
    config["nav"] = generated.nav
    config["not_in_nav"] = generated.not_in_nav
    config["strict"] = True
    forge = forge or Forge()
    if forge.repo_url:
        config["repo_url"] = forge.repo_url
    theme = config.setdefault("theme", {"name": "material"})
    if isinstance(theme, dict):
        if forge.repo_url and forge.kind != "github" and not (theme.get("icon") or {}).get("repo"):
            theme["icon"] = {**(theme.get("icon") or {}), "repo": forge.info.repo_icon}
        custom_dir = theme.get("custom_dir")
        if custom_dir:
            theme["custom_dir"] = _absolute(base.parent, custom_dir)
        elif generated.handwritten.overrides:
            theme["custom_dir"] = str(generated.handwritten.overrides)
    if config.get("hooks"):
        config["hooks"] = [_absolute(base.parent, hook) for hook in config["hooks"]]
    config["plugins"] = _with_jieba_words(config.get("plugins") or ["search"], words)
    config["markdown_extensions"] = _with_passthrough(_with_unicode_anchors(config.get("markdown_extensions") or []))
    extra = config.setdefault("extra", {}) or {}
    config["extra"] = extra
    extra["gaoxin"] = {**(extra.get("gaoxin") or {}), "audience": audience, "as_of": as_of.isoformat(),
                       "sample": generated.sample}  # the footer's 本站数据为示例数据 (overrides/partials/copyright.html)

    path = folder / CONFIG_FILE
    _write_if_changed(path, yaml.dump(config, allow_unicode=True, sort_keys=False))
    return path


def directory_urls(base: Path) -> bool:
    """mkdocs.yml's use_directory_urls: whether a page's address is a folder (doctors/d1/, mkdocs' default)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(base, "rb") as stream:
            config = yaml_load(stream)
    except FileNotFoundError:
        return True
    except (OSError, ConfigurationError) as exc:
        raise SiteError(f"{base} 无法读取：{exc}") from None
    value = config.get("use_directory_urls", True) if isinstance(config, dict) else True
    if not isinstance(value, bool):
        raise SiteError(f"{base} 的 use_directory_urls 应为 true 或 false，现为 {value!r}")
    return value


def _write_if_changed(path: Path, text: str) -> None:
    # `gaoxin serve` watches the config: an identical rewrite would trigger a full rebuild.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _absolute(root: Path, path: str) -> str:
    return path if os.path.isabs(path) else str((root / path).resolve())


def _with_unicode_anchors(extensions: list) -> list:
    """The toc extension with Chinese-keeping anchors, unless mkdocs.yml chose a slugify."""
    from .slugs import slugify

    result = []
    for extension in extensions:
        name, options = (extension, {}) if isinstance(extension, str) else next(iter(extension.items()))
        if name == "toc":
            options = {"slugify": slugify, **(options or {})}
            extension = {name: options}
        result.append(extension)
    return result


def _with_passthrough(extensions: list) -> list:
    """The extensions and ours that hands the directories' HTML to the page in one piece (html_passthrough.py)."""
    names = [extension if isinstance(extension, str) else next(iter(extension)) for extension in extensions]
    return extensions if HTML_PASSTHROUGH in names else [*extensions, HTML_PASSTHROUGH]


def _with_jieba_words(plugins, words: Path) -> list:
    """The plugin list with the search plugin pointed at the program's word list."""
    if isinstance(plugins, dict):  # mkdocs also accepts a mapping of plugin -> options
        plugins = [{name: options} for name, options in plugins.items()]
    result = []
    for plugin in plugins:
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        if name in SEARCH_PLUGINS:
            options = {**(options or {}), "jieba_dict_user": str(words)}
            result.append({name: options})
        else:
            result.append(plugin)
    return result
