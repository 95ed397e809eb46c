"""Names in order: 姓氏笔画 in official lists, pinyin in the site's directories (never code points)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.queries.name_order import TABLE, pinyin_key, stroke_key, strokes

# Three orders that all differ: code point 刘 < 张 < 王; pinyin liu < wang < zhang; strokes 王 4 < 刘 6 < 张 7.
NAMES = ["张伟", "王浩", "刘洋"]


def test_stroke_counts_are_unihan_s():
    assert [strokes(char) for char in "一丁王刘张宋博欧阳"] == [1, 2, 4, 6, 7, 7, 12, 8, 6]
    assert strokes("𠀀") == 2 and strokes("A") is None  # an Extension B ideograph has one; a letter has none


def test_official_lists_go_by_surname_strokes_then_the_given_name():
    assert sorted(NAMES) == ["刘洋", "张伟", "王浩"]
    assert sorted(NAMES, key=stroke_key) == ["王浩", "刘洋", "张伟"]
    # same surname: the given name's strokes decide, character by character; a shorter name first
    assert sorted(["王五", "王一一", "王", "王一"], key=stroke_key) == ["王", "王一", "王一一", "王五"]
    # same count: one surname's people stay together
    assert sorted(["张伟", "李娜", "张三", "陈静"], key=stroke_key) == ["张三", "张伟", "李娜", "陈静"]
    assert sorted(["Anna李", "李娜"], key=stroke_key) == ["李娜", "Anna李"]  # letters after every ideograph


def test_directories_go_by_pinyin_reading_a_surname_as_one():
    assert sorted(NAMES, key=lambda name: pinyin_key(name, person=True)) == ["刘洋", "王浩", "张伟"]
    # 曾 reads zēng and 单 shàn as surnames (céng, dān elsewhere); 万俟 is mò qí
    people = ["曾志", "单雄", "陈静", "丁一", "万俟明"]
    assert sorted(people, key=lambda name: pinyin_key(name, person=True)) == ["陈静", "丁一", "万俟明", "单雄", "曾志"]
    assert pinyin_key("单位", person=False)[0][0] == "dan"  # only a person's name has a surname
    assert sorted(["平顶山", "鹏程", "平安"], key=pinyin_key) == ["鹏程", "平安", "平顶山"]


def test_the_stroke_table_is_unihan_as_debian_ships_it():
    """strokes.txt is exactly what tools/stroke_table.py writes from Unihan (a hand edit would show here)."""
    from tools.stroke_table import SOURCE, counts, table, version

    if not SOURCE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SOURCE} missing: apt-get install unicode-data")
        pytest.skip(f"{SOURCE} missing: apt-get install unicode-data")
    import bz2

    with bz2.open(SOURCE, "rt", encoding="utf-8") as stream:
        lines = stream.readlines()
    assert Path(TABLE).read_text(encoding="utf-8") == table(counts(lines), version(lines[:20]))


def test_the_site_directories_go_by_pinyin():
    """陈静 李娜 王磊 张伟 on the doctors' page (code points would give 张 李 王 陈, strokes 王 first)."""
    from .support import built_site

    page = built_site("public").page("doctors/index.html")
    positions = [page.index(f'>{name}') for name in ("陈静", "李娜", "王磊", "张伟")]
    assert positions == sorted(positions)
