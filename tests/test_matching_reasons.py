"""No reason quotes a fragment: every quoted term is a whole word (or phrase) of both its sources.

Checked on the shipped sample (records/) and the labelled set (tests/matching/), for every match
the site shows (`ranked`) and `gaoxin match` prints (`doctors_for`, `needs_for`), and on the
sample site's need pages. The reference for "whole" is independent of the matcher: a term is
whole in a text when one of its occurrences starts and ends where jieba's own segmentation (its
full dictionary, no HMM) puts a word boundary, or where a word of the program's vocabulary
(research areas, disciplines, the needs' titles and fields, synonyms, split at 与、和、及 and
punctuation) begins or ends. 多个工 or 质分析 start or end inside a word, so they fail.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from html import unescape

import jieba
import pytest

from benchmarks.matching import LABELLED, LABELLED_AS_OF
from generator.queries.matching import Matcher
from generator.records.loading import load
from generator.records.markdown import shown_words

from .support import ROOT, scratch

SAMPLE_AS_OF = date(2026, 11, 29)
PARTS = re.compile(r"[与和及、，,/；;（）()\s]+")
QUOTED_FIELD = re.compile(r"^(研究方向|学科专业|入驻经历)“(.+?)”与需求(?:“(.+)”相关|有相同的字词)(（同义词）)?$")
QUOTED_BIO = re.compile(r"^个人简介(?:提到“(.+)”|与需求有相同的字词)(（同义词）)?$")
NOTES = re.compile(r"^(曾在该企业入驻|曾在.+企业入驻|当前在岗入驻至 \d{4}-\d{2}-\d{2}（.+）)$")


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@pytest.fixture(scope="module")
def tokenizer():
    """jieba with its own full dictionary, its cache in a scratch folder (not the global jieba.dt)."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(scratch())
    tokenizer.initialize()
    return tokenizer


class Reference:
    """Word boundaries of texts by jieba and the program's vocabulary, and the doctors' texts by field."""

    def __init__(self, program, tokenizer):
        self.program, self.tokenizer = program, tokenizer
        phrases = [area for d in program.doctors.values() for area in d.research_areas]
        phrases += [d.discipline for d in program.doctors.values()]
        phrases += [n.title for n in program.needs.values()] + [f for n in program.needs.values() for f in n.fields or ()]
        groups = [[normal(word) for word in group] for group in (program.synonyms.groups if program.synonyms else ())]
        phrases += [word for group in groups for word in group]
        self.vocabulary = {word for phrase in phrases for word in (normal(phrase).strip(), *PARTS.split(normal(phrase)))
                           if len(word) >= 2}
        self.synonyms = {word: group for group in groups for word in group}

    def boundaries(self, text: str) -> set[int]:
        folded, found, at = normal(text), {0}, 0
        for token in self.tokenizer.cut(folded, HMM=False):
            at += len(token)
            found.add(at)
        for word in self.vocabulary:
            start = folded.find(word)
            while start >= 0:
                found.update((start, start + len(word)))
                start = folded.find(word, start + 1)
        return found

    def whole_in(self, term: str, text: str) -> bool:
        folded, edges = normal(text), self.boundaries(text)
        start = folded.find(term)
        while start >= 0:
            if start in edges and start + len(term) in edges:
                return True
            start = folded.find(term, start + 1)
        return False

    def doctor_texts(self, doctor_id: str) -> dict[str, list[str]]:
        doctor = self.program.doctors[doctor_id]
        experience = []
        for agreement in self.program.agreements.values():
            if agreement.doctor == doctor_id:
                experience.append(agreement.focus)
                experience += [self.program.needs[n].title for n in agreement.needs or () if n in self.program.needs]
        return {"研究方向": list(doctor.research_areas), "学科专业": [doctor.discipline], "入驻经历": experience,
                "个人简介": [shown_words(doctor.bio)] if doctor.bio else []}

    def need_texts(self, need_id: str) -> list[str]:
        need = self.program.needs[need_id]
        return [need.title, *(need.fields or ()), shown_words(need.description)]

    def problems(self, need_id: str, doctor_id: str, reason: str) -> list[str]:
        """What is wrong with one reason of a match: a field not as written, or a quoted term that is a fragment."""
        texts = self.doctor_texts(doctor_id)
        if NOTES.match(reason):
            return []
        if field := QUOTED_FIELD.match(reason):
            label, quoted, terms, synonym = field.groups()
            sources = [text for text in texts[label] if _shown(text) == quoted]
            if not sources:
                return [f"{reason}: {label}“{quoted}” is not a {label} of {doctor_id} as written"]
        elif bio := QUOTED_BIO.match(reason):
            terms, synonym = bio.groups()
            sources = texts["个人简介"]
        else:
            return [f"{reason}: not a reason the matcher writes"]
        wrong = []
        for term in (terms.split("、") if terms else ()):
            folded = normal(term)
            if not any(self.whole_in(folded, text) for text in self.need_texts(need_id)):
                wrong.append(f"{reason}: “{term}” is not a whole word of need {need_id}")
            forms = self.synonyms.get(folded, [folded]) if synonym else [folded]
            if not any(self.whole_in(form, text) for form in forms for text in sources):
                wrong.append(f"{reason}: “{term}” is not a whole word of {doctor_id}'s text")
        return wrong


def _shown(text: str) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= 30 else shown[:29] + "…"


def _every_match(matcher: Matcher):
    by_need, by_doctor = matcher.ranked()
    for matches in (*by_need.values(), *by_doctor.values()):
        yield from matches
    for need_id in matcher.program.needs:
        yield from matcher.doctors_for(need_id, top=10)
    for doctor_id in matcher.program.doctors:
        yield from matcher.needs_for(doctor_id, top=10)


@pytest.mark.parametrize(("records", "as_of"), [(ROOT / "records", SAMPLE_AS_OF), (LABELLED / "records", LABELLED_AS_OF)],
                         ids=["sample", "labelled"])
def test_every_quoted_term_is_a_whole_word_of_its_sources(records, as_of, tokenizer):
    program, findings = load(records)
    assert findings == []
    reference = Reference(program, tokenizer)
    matcher = Matcher(program, as_of, shown_words)
    checked, named, wrong = 0, 0, []
    for match in _every_match(matcher):
        for reason in match.reasons:
            checked += 1
            named += "”与需求“" in reason or reason.startswith("个人简介提到")
            wrong += reference.problems(match.need, match.doctor, reason)
    assert checked > 100 and named > checked / 3, (checked, named)  # most reasons do name words
    assert not wrong, "\n".join(sorted(set(wrong))[:40])


def test_the_fragments_of_the_issue_are_caught(tokenizer):
    """The checker itself: the fragments issue 20 found would fail it, the whole words pass."""
    program, _ = load(ROOT / "records")
    reference = Reference(program, tokenizer)
    assert not reference.whole_in("质分析", "研究原料药有关物质与杂质谱分析")
    assert not reference.whole_in("多个工", "我们有多个工厂")
    assert reference.whole_in("杂质", "研究原料药有关物质与杂质谱分析")
    assert reference.problems("kangyuan-impurities", "guo-lin", "个人简介提到“质分析”")


@pytest.fixture(scope="module")
def sample_site():
    from .support import gaoxin_build

    folder = scratch()
    assert gaoxin_build(ROOT / "records", folder / "site", folder / "cache", "--as-of", SAMPLE_AS_OF.isoformat()) == 0
    return folder / "site"


def _page(site, path: str) -> str:
    return unescape((site / path / "index.html").read_text(encoding="utf-8"))


def test_need_pages_show_the_matchers_reasons(sample_site):
    """The sample site's need pages show exactly these reasons (so the check above covers the pages)."""
    program, _ = load(ROOT / "records")
    by_need, _ = Matcher(program, SAMPLE_AS_OF, shown_words).ranked()
    assert by_need
    for need_id, matches in by_need.items():
        page = _page(sample_site, f"needs/{need_id}")
        for match in matches:
            assert "；".join(match.reasons) in page, (need_id, match.doctor)


def test_a_need_page_shows_the_doctor_in_residence_apart(sample_site):
    """陈磊 is in residence at 云智 (a2026-001): its open need lists him apart and suggests linking it, not recommending him."""
    page = _page(sample_site, "needs/yunzhi-industrial-apps")
    page = page[page.index("<article"):]  # the page's text, after the table of contents
    apart = page[page.index("本企业在岗博士"):page.index("推荐对接博士")]
    assert 'href="../../doctors/chen-lei/"' in apart and 'href="../../residencies/a2026-001/"' in apart
    assert "needs</code> 中写上 <code>yunzhi-industrial-apps</code>" in apart
    recommended = page[page.index("推荐对接博士"):]
    assert "doctors/chen-lei/" not in recommended
    # a need of an enterprise without a doctor in residence has no such section
    assert "本企业在岗博士" not in _page(sample_site, "needs/jinlun-welding-robot")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_doctor_in_residence_reads_apart_in_a_browser(sample_site, width):
    from .browser import SCREENSHOTS, chromium, served

    with served(sample_site) as url, chromium({"width": width, "height": 900}) as context:
        page = context.new_page()
        page.goto(url + "needs/yunzhi-industrial-apps/")
        heading = page.get_by_role("heading", name="本企业在岗博士")
        assert heading.is_visible()
        listed = page.locator("li", has_text="合作协议 a2026-001")
        assert "陈磊，科研中心副主任" in listed.inner_text() and "2026-03-01 至 2027-02-28" in listed.inner_text()
        assert page.get_by_text("不列入下面的推荐").is_visible()
        assert listed.bounding_box()["width"] <= width  # a list wraps on a phone, where a table would scroll
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        heading.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"need-in-residence-{width}.png"), full_page=True)


def test_fields_sharing_the_same_words_keep_their_order_whatever_order_a_set_gives():
    """Two residencies on one topic weigh the same: the earlier is named first on every run.

    Summing a set's weights in its iteration order gave sums a rounding apart, so the order of
    the reasons changed with Python's hash seed (PYTHONHASHSEED) and rebuilt pages differed.
    Here two fields share the same words but their sets give them in different orders.
    """
    from generator.queries.reasons import EXPERIENCE, reasons

    for n in range(20_000):
        words = [f"w:词{n}_{i}" for i in range(4)]
        one, other = frozenset([*words, "w:甲"]), frozenset([*words, *(f"w:它{n}_{j}" for j in range(9))])
        elsewhere = [f"w:需{n}_{j}" for j in range(40)]  # words the need shares with the doctor's other fields
        held = set([*one, *other, *elsewhere])
        weighted = dict(zip(words, (0.1, 0.2, 0.3, 0.7))) | dict.fromkeys(elsewhere, 0.05)
        shared = weighted.keys() & held  # as `reasons` takes them
        sums = [sum(weighted[key] for key in keys & shared) for keys in (one, other)]
        if sums[0] != sums[1]:
            break
    else:
        pytest.skip("no two sets gave the same words in different orders on this run")
    items = [(EXPERIENCE, "甲方向", "甲方向", one), (EXPERIENCE, "乙方向", "乙方向", other)]
    if sums[0] > sums[1]:  # the later field is the one a naive sum would name first
        items.reverse()
    said = list(reasons(weighted, [], "", {}, held, items, {EXPERIENCE: 1.5}, lambda text, key: False))
    assert [reason[5:8] for reason in said] == [text for _, text, _, _ in items]
