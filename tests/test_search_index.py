"""The search index as the build writes it: raw UTF-8, no redundant zero-width spaces, same words.

The browser cuts every title and text at the search separator (mkdocs.yml); these tests cut
the same way (tags dropped) and check that the smaller index yields the same words, in order.
"""

from __future__ import annotations

import json
import re

from generator.site.search_index import compact

SEPARATOR = "[\\s\\u200b\\-、，。]+"


def _write(site, docs, separator=SEPARATOR):
    path = site / "search" / "search_index.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"config": {"separator": separator}, "docs": docs}), encoding="utf-8")
    return path


def _words(text: str, separator: str = SEPARATOR) -> list[str]:
    return [w for w in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if w]


def test_the_index_is_raw_utf8_without_zero_width_spaces_next_to_separators(tmp_path):
    text = "<p>\u200b派出\u200b单位\u200b \u200b河南\u200b城建\u200b学院\u200b，\u200b2026\u200b-\u200b01</p>"
    path = _write(tmp_path, [{"location": "a/", "title": "张伟", "text": text}])
    compact(tmp_path)
    data = path.read_bytes()
    assert "派出".encode() in data and b"\\u6d3e" not in data  # 派, escaped as mkdocs-material writes it
    doc = json.loads(data)["docs"][0]
    assert doc["text"] == "<p>\u200b派出\u200b单位 河南\u200b城建\u200b学院，2026-01</p>"
    assert _words(doc["text"]) == _words(text)


def test_only_characters_the_separator_splits_at_lose_their_zero_width_space(tmp_path):
    # "·" and "/" are no separators here: the zero-width space beside them is what splits the words.
    text = "王\u200b·\u200b李 a\u200b/\u200bb"
    path = _write(tmp_path, [{"location": "a/", "title": "t", "text": text}])
    compact(tmp_path)
    assert json.loads(path.read_bytes())["docs"][0]["text"] == text


def test_a_separator_without_the_zero_width_space_leaves_the_text_alone(tmp_path):
    text = "派出\u200b单位 \u200b河南"
    path = _write(tmp_path, [{"location": "a/", "title": "t", "text": text}], separator="[\\s\\-]+")
    compact(tmp_path)
    assert json.loads(path.read_bytes())["docs"][0]["text"] == text


def test_on_the_test_site_every_entry_keeps_its_words_and_its_text(tmp_path, monkeypatch):
    """mkdocs-material's own index of the test site, and the same index compacted."""
    from generator.site import mkdocs_build

    from .support import gaoxin_build, site_records

    monkeypatch.setattr(mkdocs_build, "compact", lambda site: None)
    records = site_records(tmp_path / "records")
    assert gaoxin_build(records, tmp_path / "site", tmp_path / "cache") == 0
    path = tmp_path / "site" / "search" / "search_index.json"
    written = path.read_bytes()
    compact(tmp_path / "site")
    smaller = path.read_bytes()
    assert b"\\u5" in written and b"\\u5" not in smaller and len(smaller) < len(written) * 0.6
    before, after = json.loads(written), json.loads(smaller)
    separator = before["config"]["separator"]
    assert after["config"] == before["config"]
    assert [d["location"] for d in after["docs"]] == [d["location"] for d in before["docs"]]
    for old, new in zip(before["docs"], after["docs"]):
        for field in ("title", "text"):
            assert _words(new[field], separator) == _words(old[field], separator), (old["location"], field)
            assert new[field].replace("\u200b", "") == old[field].replace("\u200b", ""), "shown the same"


CROSS_REFERENCES = {"推荐对接博士", "本企业在岗博士", "可对接的企业需求", "入驻经历", "对接情况", "技术需求", "入驻博士"}


def test_recommendations_and_cross_references_are_shown_but_not_indexed():
    """The system's suggestions (推荐对接博士, 可对接的企业需求) and the lists whose every item is
    another page (a residency, a need) are not indexed: what they say is found on that page, and
    indexing it again only adds pages to every query, as the directories would (they are not indexed either)."""
    from .support import built_sample, built_site

    sites = [built_site("public").out, built_sample("public").out]  # the sample has a need with doctors in residence
    for site in sites:
        index = json.loads((site / "search" / "search_index.json").read_bytes())
        sections = {doc["location"].partition("#")[2] for doc in index["docs"]}
        assert not CROSS_REFERENCES & sections
    shown = "".join(path.read_text(encoding="utf-8") for site in sites for path in site.glob("*/*/index.html"))
    assert all(f'id="{section}"' in shown for section in CROSS_REFERENCES)

