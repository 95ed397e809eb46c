"""Match enterprise needs and the doctors of the talent database (第五条 供需对接、双向选择).

The ranking is BM25F, kept small enough to follow by hand:

- A doctor is a document of four fields, weighted research areas (3) > discipline (1.5) =
  experience (1.5: the focus of their residencies and the needs those took up) > bio (1).
  A term's frequency in each field is divided by that field's length relative to the
  average (b = 0.75), weighted and summed, then saturated: tf' (k1 + 1) / (tf' + k1), k1 = 1.2.
- A need is the query: the terms of its title and fields (weight 1.5) and description (1);
  a bigram counts half a word (terms.py). Each term counts once, at its best weight,
  times its idf over the doctors (ln(1 + (N - df + 0.5) / (df + 0.5))).
- The score is the share of the need's weight the doctor covers: the sum above divided by
  what a doctor with every term of the need in their research areas would get, capped at 1.
  A doctor who has resided at an enterprise of the need's industry gets 10 % more (第六条
  industries). Matches below 0.15 are not shown (a word or two in common says little).

Only doctors in the talent database as of the day are ranked (第十六条: one who left never
appears); only 征集中 needs are offered to a doctor. The same records always give the same
order: best first, ties by id. Every match carries its reasons in Chinese.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable
import dataclasses
from dataclasses import dataclass
from datetime import date

from ..records.markdown import shown_words
from ..records.program import Program
from .needs import need_states
from .standing import ACTIVE, IN_DATABASE, exit_dates, residency_status, standing
from .terms import BIGRAM, Analyzer, normal

K1, B = 1.2, 0.75
AREAS, DISCIPLINE, EXPERIENCE, BIO = "areas", "discipline", "experience", "bio"
DOCTOR_FIELDS = {AREAS: 3.0, DISCIPLINE: 1.5, EXPERIENCE: 1.5, BIO: 1.0}
NEED_FIELDS = {"title": 1.5, "fields": 1.5, "description": 1.0}
BIGRAM_WEIGHT = 0.5
SAME_INDUSTRY = 1.1
MIN_SCORE = 0.15
REASONS = 3  # the shared words of at most three fields of the doctor's, besides the notes
# A term more than half the doctors hold says little about who fits (its idf is below ln 2):
# it is not compared, once there are enough doctors for "half" to mean something.
COMMON_SHARE, COMMON_FROM = 0.5, 10
# The saturated frequency of a term once in a research area of average length: the ideal.
IDEAL = DOCTOR_FIELDS[AREAS] * (K1 + 1) / (DOCTOR_FIELDS[AREAS] + K1)


@dataclass(frozen=True)
class Match:
    """One need and one doctor, how well they fit and why."""

    need: str
    doctor: str
    score: float
    reasons: tuple[str, ...]


@dataclass
class _Doctor:
    id: str
    sat: dict[str, float]  # term key -> saturated, weighted frequency
    items: list[tuple[str, str, str, frozenset]]  # (field, text, normalised text, term keys), for reasons
    industries: set[str]
    enterprises: set[str]
    active: tuple | None  # (end, enterprise name) of a residency in progress


@dataclass
class _Query:
    id: str
    weights: dict[str, float]  # term key -> weight (field and kind)
    surfaces: dict[str, str]  # term key -> the need's own words for it
    text: str  # the need's title, fields and description, normalised (for the reasons' phrases)
    industry: str | None
    enterprise: str
    weighted: dict[str, float] | None = None  # key -> weight × idf, for the terms doctors hold
    said: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # a doctor's text -> the need's words it shares


class Matcher:
    """Rank doctors for needs and needs for doctors, for one program as of one day."""

    def __init__(self, program: Program, as_of: date, plain: Callable[[str], str | None] | None = None):
        """`plain` turns a Markdown field (a bio, a description) into the text a reader sees (by default
        the one reading every output shares), so that nothing a page hides (a script, a link target) is compared."""
        self.program, self.as_of = program, as_of
        self.plain = plain or shown_words
        self.states = need_states(program, as_of)
        synonyms = program.synonyms.groups if program.synonyms else ()
        self.analyzer = Analyzer(_vocabulary(program), synonyms)
        exits = exit_dates(program)
        in_database = [d for d in sorted(program.doctors) if standing(program, d, as_of, exits) == IN_DATABASE]
        self._agreements_of: dict[str, list] = defaultdict(list)
        for _, agreement in sorted(program.agreements.items()):
            self._agreements_of[agreement.doctor].append(agreement)
        built = [self._doctor(d, exits) for d in in_database]
        self.doctors = [doctor for doctor, _ in built]
        self.by_id = {doctor.id: doctor for doctor in self.doctors}
        self.by_industry: dict[str, set[int]] = defaultdict(set)  # industry -> doctors who resided in it
        for index, doctor in enumerate(self.doctors):
            for industry in doctor.industries:
                self.by_industry[industry].add(index)
        self._weigh([counts for _, counts in built])
        self._queries: dict[str, _Query] = {}

    # Building the index ------------------------------------------------------------------

    def _doctor(self, doctor_id: str, exits) -> tuple[_Doctor, dict[str, Counter]]:
        """The doctor's fields as terms, with the term frequencies of each field."""
        program, terms = self.program, self.analyzer.terms
        doctor = program.doctors[doctor_id]
        items = [(AREAS, area) for area in doctor.research_areas]
        items.append((DISCIPLINE, doctor.discipline))
        bio = self.plain(doctor.bio) if doctor.bio else None
        if bio:
            items.append((BIO, bio))
        industries, enterprises, active = set(), set(), None
        for agreement in self._agreements_of.get(doctor_id, ()):
            if agreement.start > self.as_of:
                continue
            items.append((EXPERIENCE, agreement.focus))
            items.extend((EXPERIENCE, program.needs[n].title) for n in agreement.needs or () if n in program.needs)
            enterprise = program.enterprises.get(agreement.enterprise)
            enterprises.add(agreement.enterprise)
            if enterprise:
                industries.add(enterprise.industry)
            if residency_status(agreement, self.as_of, exits)[0] == ACTIVE:
                active = (agreement.end, enterprise.name if enterprise else agreement.enterprise)
        counts: dict[str, Counter] = defaultdict(Counter)
        kept = []
        for field, text in items:
            found = [term.key for term in terms(text)]
            counts[field].update(found)
            kept.append((field, text, normal(text), frozenset(found)))
        return _Doctor(doctor_id, {}, kept, industries, enterprises, active), counts

    def _weigh(self, all_counts: list[dict[str, Counter]]) -> None:
        """Turn term frequencies into saturated BM25F weights, postings and idf."""
        lengths = {field: [sum(counts[field].values()) for counts in all_counts if counts[field]]
                   for field in DOCTOR_FIELDS}
        average = {field: (sum(values) / len(values) if values else 1.0) for field, values in lengths.items()}
        df: Counter = Counter()
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, (doctor, field_counts) in enumerate(zip(self.doctors, all_counts)):
            weighted: dict[str, float] = defaultdict(float)
            for field, counts in field_counts.items():
                norm = 1 - B + B * sum(counts.values()) / average[field]
                for key, count in counts.items():
                    weighted[key] += DOCTOR_FIELDS[field] * count / norm
            doctor.sat = {key: tf * (K1 + 1) / (tf + K1) for key, tf in weighted.items()}
            for key, value in doctor.sat.items():
                self.postings[key].append((index, value))
                df[key] += 1
        n = len(self.doctors)
        if n >= COMMON_FROM:
            for key in [key for key, count in df.items() if count > n * COMMON_SHARE]:
                for index, _ in self.postings.pop(key):
                    del self.doctors[index].sat[key]
                del df[key]
        self.idf = {key: math.log(1 + (n - count + 0.5) / (count + 0.5)) for key, count in df.items()}
        # What a term adds to each doctor holding it, but for the need's weight: idf × saturated tf.
        self.postings = {key: [(index, idf * sat) for index, sat in self.postings[key]] for key, idf in self.idf.items()}

    def _query(self, need_id: str) -> _Query:
        if need_id in self._queries:
            return self._queries[need_id]
        need = self.program.needs[need_id]
        weights: dict[str, float] = {}
        surfaces: dict[str, str] = {}
        parts = [("title", need.title), *(("fields", field) for field in need.fields or ()),
                 ("description", self.plain(need.description) or "")]
        for field, text in parts:
            for term in self.analyzer.terms(text):
                weight = NEED_FIELDS[field] * (BIGRAM_WEIGHT if term.key.startswith(BIGRAM) else 1.0)
                if weight > weights.get(term.key, 0.0):
                    weights[term.key] = weight
                surfaces.setdefault(term.key, term.surface)
        enterprise = self.program.enterprises.get(need.enterprise)
        text = normal("\n".join(text for _, text in parts))
        query = _Query(need_id, weights, surfaces, text, enterprise.industry if enterprise else None, need.enterprise)
        self._queries[need_id] = query
        return query

    # Scores ------------------------------------------------------------------------------

    def _ideal(self, query: _Query) -> float:
        return sum(weight * self.idf[key] for key, weight in query.weights.items() if key in self.idf) * IDEAL

    def _scores(self, query: _Query) -> dict[int, float]:
        """Doctor index -> score for every doctor who scores at least MIN_SCORE for the need."""
        raw = [0.0] * len(self.doctors)  # a list beats a dict here by more than twice
        for key, weight in query.weights.items():
            postings = self.postings.get(key)
            if postings:
                for index, value in postings:
                    raw[index] += weight * value
        ideal = self._ideal(query)
        if not ideal:  # no doctor holds any term of the need
            return {}
        boosted = self.by_industry.get(query.industry, ())
        least = MIN_SCORE * ideal / SAME_INDUSTRY  # below this no boost lifts a doctor to MIN_SCORE
        scores = {}
        for index, value in enumerate(raw):
            if value >= least:
                share = value / ideal * (SAME_INDUSTRY if index in boosted else 1.0)
                if share >= MIN_SCORE:
                    scores[index] = min(share, 1.0)
        return scores

    def _score(self, query: _Query, doctor: _Doctor) -> float:
        value = sum(weight * self.idf[key] * doctor.sat[key] for key, weight in query.weights.items() if key in doctor.sat)
        if not value:  # nothing in common (so the need's ideal is not zero below)
            return 0.0
        share = value / self._ideal(query) * (SAME_INDUSTRY if query.industry in doctor.industries else 1.0)
        return min(share, 1.0)

    # Answers -----------------------------------------------------------------------------

    def doctors_for(self, need_id: str, top: int = 5) -> list[Match]:
        """The doctors who best fit one need, best first (ties by id)."""
        query = self._query(need_id)
        scores = self._scores(query)
        best = _best(((score, self.doctors[index].id) for index, score in scores.items()), top)
        return [self._match(query, self.by_id[doctor_id], score) for score, doctor_id in best]

    def needs_for(self, doctor_id: str, top: int = 3) -> list[Match]:
        """The open (征集中) needs one doctor fits best, best first (ties by id)."""
        doctor = self.by_id.get(doctor_id)
        if doctor is None:
            return []
        scored = ((self._score(self._query(need_id), doctor), need_id) for need_id in self.open_needs)
        return [self._match(self._query(need_id), doctor, score) for score, need_id in _best(scored, top)]

    @property
    def open_needs(self) -> list[str]:
        return [need_id for need_id, state in self.states.items() if state.is_open]

    def ranked(self, top_doctors: int = 5, top_needs: int = 3) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
        """Every open need's best doctors and every doctor's best open needs, in one pass."""
        open_needs = self.open_needs
        by_need = {}
        # Per doctor, a heap of the `top_needs` best (score, -position) so far: its root is the
        # worst kept (the lowest score, then the latest need id), the one a better need replaces.
        heaps: list[list[tuple[float, int]]] = [[] for _ in self.doctors]
        for position, need_id in enumerate(open_needs):
            query = self._query(need_id)
            scores = self._scores(query)
            # doctors are in id order, so ties by index are ties by id
            best = heapq.nsmallest(top_doctors, ((-score, index) for index, score in scores.items()))
            by_need[need_id] = [self._match(query, self.doctors[index], -negated) for negated, index in best]
            entry = -position
            for index, score in scores.items():
                heap = heaps[index]
                if len(heap) < top_needs:
                    heapq.heappush(heap, (score, entry))
                elif (score, entry) > heap[0]:
                    heapq.heapreplace(heap, (score, entry))
        by_doctor = {}
        for doctor, heap in zip(self.doctors, heaps):
            if heap:
                kept = sorted(heap, key=lambda item: (-item[0], -item[1]))
                by_doctor[doctor.id] = [self._match(self._query(open_needs[-entry]), doctor, score) for score, entry in kept]
        return by_need, by_doctor

    # Reasons -----------------------------------------------------------------------------

    def _match(self, query: _Query, doctor: _Doctor, score: float) -> Match:
        return Match(query.id, doctor.id, score, tuple(self._reasons(query, doctor)))

    def _reasons(self, query: _Query, doctor: _Doctor):
        weighted = self._weighted(query)
        common = weighted.keys() & doctor.sat.keys()
        ranked = []
        for position, (field, _, _, keys) in enumerate(doctor.items):
            shared = keys & common
            if shared:
                ranked.append((-sum(weighted[key] for key in shared) * DOCTOR_FIELDS[field], position))
        said = set()
        for _, position in sorted(ranked):
            field, text, folded, keys = doctor.items[position]
            # The same text gives the same words (disciplines and research areas repeat)
            words = query.said.get(folded)
            if words is None:
                words = query.said[folded] = _words(query, weighted, folded, keys & common)
            if (field, tuple(words)) not in said:  # two residencies on one topic make one reason
                said.add((field, tuple(words)))
                yield _reason(field, text, folded, words)
                if len(said) == REASONS:
                    break
        if query.enterprise in doctor.enterprises:
            yield "曾在该企业入驻"
        elif query.industry in doctor.industries:
            yield f"曾在{query.industry}企业入驻"
        if doctor.active:
            end, enterprise = doctor.active
            yield f"当前在岗入驻至 {end.isoformat()}（{enterprise}）"

    def _weighted(self, query: _Query) -> dict[str, float]:
        """The need's terms that doctors hold, with their weight times idf (computed once)."""
        if query.weighted is None:
            query.weighted = {key: weight * self.idf[key] for key, weight in query.weights.items() if key in self.idf}
        return query.weighted


def _words(query: _Query, weighted: dict[str, float], folded: str, keys) -> list[str]:
    """The need's words for the shared terms, weightiest first, none inside another one.

    A vocabulary word is named as the need wrote it; shared bigrams are joined back into the
    longest stretches both texts hold (设备 + 备数 + 数据 -> 设备数据).
    """
    found = [(weighted[key], normal(query.surfaces[key]), query.surfaces[key]) for key in keys if not key.startswith(BIGRAM)]
    pairs = {key[len(BIGRAM):]: weighted[key] for key in keys if key.startswith(BIGRAM)}
    found += [(weight, piece, piece) for weight, piece in _phrases(folded, query.text, pairs)]
    kept: list[tuple[str, str]] = []  # (normalised, as shown)
    for _, folded_word, word in sorted(found, key=lambda item: (-item[0], item[1])):
        if not any(folded_word in other for other, _ in kept):
            kept = [(other, shown) for other, shown in kept if other not in folded_word] + [(folded_word, word)]
    return [shown for _, shown in kept[:3]]


def _phrases(text: str, need: str, pairs: dict[str, float]) -> list[tuple[float, str]]:
    """Stretches of `text` made of shared bigrams, cut into the longest pieces `need` holds."""
    starts = set()
    for pair in pairs:
        at = text.find(pair)
        while at >= 0:
            starts.add(at)
            at = text.find(pair, at + 1)
    found = []
    for first, last in _runs(sorted(starts)):
        start, end = first, last + 2
        while end - start >= 2:  # every shared bigram is in the need, so a piece always exists
            cut = next(stop for stop in range(end, start + 1, -1) if text[start:stop] in need)
            piece = text[start:cut]
            found.append((sum(pairs.get(piece[i:i + 2], 0.0) for i in range(len(piece) - 1)), piece))
            start = cut - 1
    return found


def _runs(positions: list[int]):
    """(first, last) of every run of consecutive numbers."""
    first = previous = None
    for position in positions:
        if previous is None or position != previous + 1:
            if first is not None:
                yield first, previous
            first = position
        previous = position
    if first is not None:
        yield first, previous


def _reason(field: str, text: str, folded: str, words: list[str]) -> str:
    said = "、".join(words)
    synonym = "（同义词）" if any(normal(word) not in folded for word in words) else ""
    if field == BIO:
        return f"个人简介提到“{said}”{synonym}"
    label = {AREAS: "研究方向", DISCIPLINE: "学科专业", EXPERIENCE: "入驻经历"}[field]
    shown = " ".join(text.split())
    return f"{label}“{shown if len(shown) <= 30 else shown[:29] + '…'}”与需求“{said}”相关{synonym}"


def _order(item: tuple[float, str]) -> tuple:
    score, record_id = item
    return -score, record_id


def _best(items, top: int) -> list[tuple[float, str]]:
    return heapq.nsmallest(top, (item for item in items if item[0] >= MIN_SCORE), key=_order)


def _vocabulary(program: Program):
    """The program's own words: research areas, disciplines, the needs' fields, the industries."""
    for doctor in program.doctors.values():
        yield from doctor.research_areas
        yield doctor.discipline
    for need in program.needs.values():
        yield from need.fields or ()
    if program.policy is not None:
        yield from program.policy.all_industries
