"""Match enterprise needs and the doctors of the talent database (第五条 供需对接、双向选择).

The ranking is BM25F, kept small enough to follow by hand:

- A doctor is a document of four fields, weighted research areas (3) > discipline (1.5) =
  experience (1.5: the focus of their residencies and the needs those took up) > bio (1).
  A term's frequency in each field is divided by that field's length relative to the
  average (b = 0.75), weighted and summed, then saturated: tf' (k1 + 1) / (tf' + k1), k1 = 1.2.
- A need is the query: the terms of its title and fields (weight 2) and description (1);
  a bigram counts half a word (terms.py), so a word the need and the doctor both write whole
  outranks its parts met apart. Each term counts once, at its best weight, times its idf.
- The idf is taken over the doctors and the needs together (ln(1 + (N - df + 0.5) / (df + 0.5))):
  a word that many needs or many doctors use (材料, 工艺, 系统, 优化) says little about who fits,
  one that few use (环氧浇注, 厌氧消化) says a lot. A term more than half of them hold is not
  compared at all, once there are enough records for "half" to mean something. A need's terms
  that its enterprise's name or industry holds (尼龙 for a nylon firm) weigh half (CONTEXT).
- The score is the share of the need's weight the doctor covers: the sum above divided by
  what a doctor with every term of the need in their research areas would get, capped at 1.
  It is then raised a little, never lowered: by up to 10 % (SAME_DISCIPLINE) for a doctor of
  the 一级学科 (disciplines.py) whose doctors, taken together, share the most of the need's
  weight, in proportion to how much their 一级学科 shares; and by 10 % for a doctor who has resided
  at an enterprise of the need's industry (第六条 industries). Matches below 0.15 are not shown.

Only doctors in the talent database as of the day are ranked (第十六条: one who left never
appears); only 征集中 needs are offered to a doctor. A doctor in residence at the need's own
enterprise is not recommended for it: they are shown apart (`residents`), since the need may be
theirs to take up. The same records always give the same order: best first, ties by id. Every
match carries its reasons in Chinese, naming only whole words (reasons.py).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..records.markdown import shown_words
from ..records.program import Program
from .disciplines import discipline_of
from .needs import need_states
from .reasons import AREAS, BIO, DISCIPLINE, EXPERIENCE, quotable, reasons
from .standing import ACTIVE, IN_DATABASE, exit_dates, residency_status, standing
from .terms import BIGRAM, WORD, Analyzer, lexicon, normal

K1, B = 1.2, 0.75
DOCTOR_FIELDS = {AREAS: 3.0, DISCIPLINE: 1.5, EXPERIENCE: 1.5, BIO: 1.0}
NEED_FIELDS = {"title": 2.0, "fields": 2.0, "description": 1.0}
BIGRAM_WEIGHT = 0.5
SAME_INDUSTRY = 1.1
CONTEXT = 0.5  # the weight of a need's term that its enterprise's name or industry holds
SAME_DISCIPLINE = 0.1
MIN_SCORE = 0.15
# A term more than half the doctors and needs hold says little about who fits (its idf is below
# ln 2): it is not compared, once there are enough records for "half" to mean something.
COMMON_SHARE, COMMON_FROM = 0.5, 20
# The saturated frequency of a term once in a research area of average length: the ideal.
IDEAL = DOCTOR_FIELDS[AREAS] * (K1 + 1) / (DOCTOR_FIELDS[AREAS] + K1)


@dataclass(frozen=True)
class Match:
    """One need and one doctor, how well they fit and why."""

    need: str
    doctor: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Resident:
    """A doctor in residence at the enterprise of a need (本企业在岗博士), under one agreement."""

    need: str
    doctor: str
    agreement: str
    end: date


@dataclass
class _Doctor:
    id: str
    sat: dict[str, float]  # term key -> saturated, weighted frequency
    items: list[tuple[str, str, str, frozenset]]  # (field, text, normalised text, term keys), for reasons
    industries: set[str]
    enterprises: set[str]
    active: list[tuple[str, str, date]]  # (agreement, enterprise, end) of each residency in progress
    discipline: str | None  # the 一级学科's code


@dataclass
class _Query:
    id: str
    weights: dict[str, float]  # term key -> weight (field and kind)
    texts: list[str]  # title, fields and description, as compared
    industry: str | None
    enterprise: str
    weighted: dict[str, float] = field(default_factory=dict)  # key -> weight × idf, for the terms doctors hold
    words: list[tuple[str, float, str, str | None]] | None = None  # the need's weightiest whole words (for reasons)
    folded: str = ""  # the need's texts, normalised (for reasons)
    said: dict[str, list[str]] = field(default_factory=dict)  # a doctor's text -> the need's words it shares
    residents: frozenset[int] = frozenset()  # doctors (by index) in residence at the need's enterprise
    boosts: list[float] | None = None  # per 一级学科, the factor for its doctors (computed once)


class Matcher:
    """Rank doctors for needs and needs for doctors, for one program as of one day."""

    def __init__(self, program: Program, as_of: date, plain: Callable[[str], str | None] | None = None,
                 earlier: Matcher | None = None):
        """`plain` turns a Markdown field (a bio, a description) into the text a reader sees (by default
        the one reading every output shares), so that nothing a page hides (a script, a link target) is compared.
        `earlier`, a Matcher of the same program before a change, lends what its analysis of texts still holds."""
        self.program, self.as_of = program, as_of
        self.plain = plain or shown_words
        self.states = need_states(program, as_of)
        synonyms = program.synonyms.groups if program.synonyms else ()
        self.analyzer = Analyzer(_vocabulary(program), synonyms, lexicon())
        if earlier is not None:
            self.analyzer.carry(earlier.analyzer)
        exits = exit_dates(program)
        in_database = [d for d in sorted(program.doctors) if standing(program, d, as_of, exits) == IN_DATABASE]
        self._agreements_of: dict[str, list] = defaultdict(list)
        for agreement_id, agreement in sorted(program.agreements.items()):
            self._agreements_of[agreement.doctor].append((agreement_id, agreement))
        built = [self._doctor(d, exits) for d in in_database]
        self.doctors = [doctor for doctor, _ in built]
        self.by_id = {doctor.id: doctor for doctor in self.doctors}
        self._index = {doctor.id: index for index, doctor in enumerate(self.doctors)}
        self.by_industry: dict[str, set[int]] = defaultdict(set)  # industry -> doctors who resided in it
        self._residents: dict[str, list[tuple[int, str, date]]] = defaultdict(list)  # enterprise -> (doctor, agreement, end)
        for index, doctor in enumerate(self.doctors):
            for industry in doctor.industries:
                self.by_industry[industry].add(index)
            for agreement_id, enterprise, end in doctor.active:
                self._residents[enterprise].append((index, agreement_id, end))
        self._contexts: dict[str, _Context] = {}
        self._queries = {need_id: self._query(need_id) for need_id in sorted(program.needs)}
        self._weigh([counts for _, counts in built])
        self._group_disciplines()
        if earlier is not None:
            self._carry_reasons(earlier)
        self._ranked: dict[tuple[int, int], tuple] = {}  # (top_doctors, top_needs) -> `ranked`'s answer

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
        industries, enterprises, active = set(), set(), []
        for agreement_id, agreement in self._agreements_of.get(doctor_id, ()):
            if agreement.start > self.as_of:
                continue
            items.append((EXPERIENCE, agreement.focus))
            items.extend((EXPERIENCE, program.needs[n].title) for n in agreement.needs or () if n in program.needs)
            enterprise = program.enterprises.get(agreement.enterprise)
            enterprises.add(agreement.enterprise)
            if enterprise:
                industries.add(enterprise.industry)
            if residency_status(agreement, self.as_of, exits)[0] == ACTIVE:
                active.append((agreement_id, agreement.enterprise, agreement.end))
        counts: dict[str, Counter] = defaultdict(Counter)
        kept = []
        for field_name, text in items:
            found = terms(text)
            counts[field_name].update(found)
            kept.append((field_name, text, normal(text), frozenset(found)))
        discipline = discipline_of(doctor.discipline)
        return _Doctor(doctor_id, {}, kept, industries, enterprises, active,
                       discipline.code if discipline else None), counts

    def _query(self, need_id: str) -> _Query:
        """The need's terms with their weights: title and fields above description, words above bigrams."""
        need = self.program.needs[need_id]
        weights: dict[str, float] = {}
        parts = [("title", need.title), *(("fields", item) for item in need.fields or ()),
                 ("description", self.plain(need.description) or "")]
        for field_name, text in parts:
            for key in self.analyzer.terms(text):
                weight = NEED_FIELDS[field_name] * (BIGRAM_WEIGHT if key.startswith(BIGRAM) else 1.0)
                if weight > weights.get(key, 0.0):
                    weights[key] = weight
        enterprise = self.program.enterprises.get(need.enterprise)
        if enterprise:
            weights = self._without_context(weights, need.enterprise)
        residents = frozenset(index for index, _, _ in self._residents.get(need.enterprise, ()))
        return _Query(need_id, weights, [text for _, text in parts], enterprise.industry if enterprise else None,
                      need.enterprise, residents=residents)

    def _without_context(self, weights: dict[str, float], enterprise_id: str) -> dict[str, float]:
        """The need's weights, with CONTEXT for the terms its enterprise's name or industry holds.

        A nylon enterprise writes 尼龙 and 尼龙66 in every need: they say what it makes, not what
        it needs, so a doctor who shares only them is not the one to call.
        """
        said = self._contexts.get(enterprise_id)
        if said is None:
            enterprise = self.program.enterprises[enterprise_id]
            said = self._contexts[enterprise_id] = _Context(
                {key for text in (enterprise.name, enterprise.industry) for key in self.analyzer.terms(text)},
                self.analyzer.terms)
        for key in [key for key in weights if key in said.keys or (key[0] == "w" and said.inside(key))]:
            weights[key] *= CONTEXT
        return weights

    def _weigh(self, all_counts: list[dict[str, Counter]]) -> None:
        """Turn term frequencies into saturated BM25F weights, postings and an idf over doctors and needs."""
        lengths = {name: [sum(counts[name].values()) for counts in all_counts if counts[name]]
                   for name in DOCTOR_FIELDS}
        average = {name: (sum(values) / len(values) if values else 1.0) for name, values in lengths.items()}
        df: Counter = Counter()
        holders: dict[str, list[int]] = defaultdict(list)  # term key -> the doctors (by index) holding it
        for index, (doctor, field_counts) in enumerate(zip(self.doctors, all_counts)):
            weighted: dict[str, float] = defaultdict(float)
            for name, counts in field_counts.items():
                norm = 1 - B + B * sum(counts.values()) / average[name]
                for key, count in counts.items():
                    weighted[key] += DOCTOR_FIELDS[name] * count / norm
            doctor.sat = {key: tf * (K1 + 1) / (tf + K1) for key, tf in weighted.items()}
            for key in doctor.sat:
                holders[key].append(index)
            df.update(doctor.sat.keys())
        for query in self._queries.values():
            df.update(query.weights.keys())
        n = len(self.doctors) + len(self._queries)
        if n >= COMMON_FROM:
            for key in [key for key, count in df.items() if count > n * COMMON_SHARE]:
                for index in holders.pop(key, ()):
                    del self.doctors[index].sat[key]
                del df[key]
        # Only terms some doctor holds can score; their idf counts the needs that use them too.
        self.idf = {key: math.log(1 + (n - df[key] + 0.5) / (df[key] + 0.5)) for key in holders}
        # What a term adds to each doctor holding it, but for the need's weight: idf × saturated tf,
        # as (doctors, values): two flat lists allocate far fewer objects than a list of pairs.
        doctors = self.doctors
        self.postings = {key: (holders[key], [idf * doctors[index].sat[key] for index in holders[key]])
                         for key, idf in self.idf.items()}
        for query in self._queries.values():
            query.weighted = {key: weight * self.idf[key] for key, weight in query.weights.items() if key in self.idf}

    def _carry_reasons(self, earlier: Matcher) -> None:
        """Take over what `earlier` found to quote for each need whose reasons cannot come out otherwise here.

        A need's quotable words, and the words of a doctor's text it shares (`said`), depend on the
        need's texts and weights, the synonym groups, the lexicon, and whether the words in the
        need's text are vocabulary words: when all of these are as they were, so are they.
        """
        analyzer, before = self.analyzer, earlier.analyzer
        if before.canonical != analyzer.canonical or before.general is not analyzer.general:
            return
        changed = analyzer.words ^ before.words
        for need_id, query in self._queries.items():
            old = earlier._queries.get(need_id)
            if (old is None or old.words is None or old.texts != query.texts or old.weighted != query.weighted
                    or any(word in old.folded for word in changed)):
                continue
            query.words, query.folded, query.said = old.words, old.folded, dict(old.said)

    def _group_disciplines(self) -> None:
        """Pool the terms of each 一级学科's doctors: how widely the discipline, not one doctor, covers a need."""
        members: dict[str, list[int]] = defaultdict(list)
        for index, doctor in enumerate(self.doctors):
            if doctor.discipline:
                members[doctor.discipline].append(index)
        self.disciplines = sorted(members)
        self._discipline_of = [self.disciplines.index(d.discipline) if d.discipline else -1 for d in self.doctors]
        self._discipline_postings: dict[str, list[int]] = defaultdict(list)  # term -> disciplines pooling it
        for position, code in enumerate(self.disciplines):
            pooled = set().union(*(self.doctors[index].sat.keys() for index in members[code]))
            for key in pooled:
                self._discipline_postings[key].append(position)

    # Scores ------------------------------------------------------------------------------

    def _ideal(self, query: _Query) -> float:
        return sum(query.weighted.values()) * IDEAL

    def _discipline_boosts(self, query: _Query) -> list[float]:
        """Per 一级学科, the factor (1 to 1 + SAME_DISCIPLINE) for its doctors, by the share of the need it pools."""
        if query.boosts is None:
            query.boosts = self._pooled_shares(query)
        return query.boosts

    def _pooled_shares(self, query: _Query) -> list[float]:
        shares = [0.0] * len(self.disciplines)
        for key, weight in query.weighted.items():
            for position in self._discipline_postings.get(key, ()):
                shares[position] += weight
        best = max(shares, default=0.0)
        return [1.0 + SAME_DISCIPLINE * share / best if best else 1.0 for share in shares]

    def _boost(self, query: _Query, index: int, boosts: list[float]) -> float:
        position = self._discipline_of[index]
        factor = boosts[position] if position >= 0 else 1.0
        return factor * SAME_INDUSTRY if query.industry in self.doctors[index].industries else factor

    def _scores(self, query: _Query) -> dict[int, float]:
        """Doctor index -> score for every doctor who scores at least MIN_SCORE for the need.

        A doctor in residence at the need's enterprise is left out (see `residents`).
        """
        raw = [0.0] * len(self.doctors)  # a list beats a dict here by more than twice
        for key, weight in query.weights.items():
            posting = self.postings.get(key)
            if posting:
                for index, value in zip(*posting):
                    raw[index] += weight * value
        ideal = self._ideal(query)
        if not ideal:  # no doctor holds any term of the need
            return {}
        boosts = self._discipline_boosts(query)
        most = SAME_INDUSTRY * (1 + SAME_DISCIPLINE)
        least = MIN_SCORE * ideal / most  # below this no boost lifts a doctor to MIN_SCORE
        scores = {}
        resided, disciplines = self.by_industry.get(query.industry, ()), self._discipline_of
        for index in [index for index, value in enumerate(raw) if value >= least]:
            if index not in query.residents:  # the factor of `_boost`, written out: this loop is the hot one
                position = disciplines[index]
                share = raw[index] / ideal * (boosts[position] if position >= 0 else 1.0)
                if index in resided:
                    share *= SAME_INDUSTRY
                if share >= MIN_SCORE:
                    scores[index] = min(share, 1.0)
        return scores

    def _score(self, query: _Query, index: int) -> float:
        doctor = self.doctors[index]
        if index in query.residents:
            return 0.0
        value = sum(weight * doctor.sat[key] for key, weight in query.weighted.items() if key in doctor.sat)
        if not value:  # nothing in common (so the need's ideal is not zero below)
            return 0.0
        return min(value / self._ideal(query) * self._boost(query, index, self._discipline_boosts(query)), 1.0)

    # Answers -----------------------------------------------------------------------------

    def doctors_for(self, need_id: str, top: int = 5) -> list[Match]:
        """The doctors who best fit one need, best first (ties by id); not those in residence at its enterprise."""
        query = self._queries[need_id]
        scores = self._scores(query)
        best = _best(((score, self.doctors[index].id) for index, score in scores.items()), top)
        return [self._match(query, self.by_id[doctor_id], score) for score, doctor_id in best]

    def needs_for(self, doctor_id: str, top: int = 3) -> list[Match]:
        """The open (征集中) needs one doctor fits best, best first (ties by id); not those of their own enterprise."""
        doctor = self.by_id.get(doctor_id)
        if doctor is None:
            return []
        index = self._index[doctor_id]
        scored = ((self._score(self._queries[need_id], index), need_id) for need_id in self.open_needs)
        return [self._match(self._queries[need_id], doctor, score) for score, need_id in _best(scored, top)]

    def residents(self, need_id: str) -> list[Resident]:
        """The doctors in residence at the need's enterprise (本企业在岗博士), by doctor id, then agreement."""
        enterprise = self.program.needs[need_id].enterprise
        return [Resident(need_id, self.doctors[index].id, agreement, end)
                for index, agreement, end in self._residents.get(enterprise, ())]

    def own_needs(self, doctor_id: str) -> list[Resident]:
        """The open needs of the enterprise where the doctor is in residence, by need id."""
        doctor = self.by_id.get(doctor_id)
        if doctor is None:
            return []
        return [Resident(need_id, doctor_id, agreement, end)
                for agreement, enterprise, end in doctor.active for need_id in self.open_needs
                if self.program.needs[need_id].enterprise == enterprise]

    @property
    def open_needs(self) -> list[str]:
        return [need_id for need_id, state in self.states.items() if state.is_open]

    def ranked(self, top_doctors: int = 5, top_needs: int = 3) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
        """Every open need's best doctors and every doctor's best open needs, in one pass (kept)."""
        answer = self._ranked.get((top_doctors, top_needs))
        if answer is None:
            answer = self._ranked[top_doctors, top_needs] = self._rank(top_doctors, top_needs)
        return answer

    def _rank(self, top_doctors: int, top_needs: int) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
        open_needs = self.open_needs
        by_need = {}
        shown: dict[tuple[str, str], Match] = {}  # a pair shown both ways is reasoned once
        # Per doctor, a heap of the `top_needs` best (score, -position) so far: its root is the
        # worst kept (the lowest score, then the latest need id), the one a better need replaces.
        heaps: list[list[tuple[float, int]]] = [[] for _ in self.doctors]
        for position, need_id in enumerate(open_needs):
            query = self._queries[need_id]
            scores = self._scores(query)
            # doctors are in id order, so ties by index are ties by id
            best = heapq.nsmallest(top_doctors, ((-score, index) for index, score in scores.items()))
            by_need[need_id] = [self._match(query, self.doctors[index], -negated) for negated, index in best]
            shown.update(((need_id, match.doctor), match) for match in by_need[need_id])
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
                by_doctor[doctor.id] = [shown.get((open_needs[-entry], doctor.id))
                                        or self._match(self._queries[open_needs[-entry]], doctor, score)
                                        for score, entry in kept]
        return by_need, by_doctor

    def _match(self, query: _Query, doctor: _Doctor, score: float) -> Match:
        enterprises = self.program.enterprises
        notes = []
        if query.enterprise in doctor.enterprises:
            notes.append("曾在该企业入驻")
        elif query.industry in doctor.industries:
            notes.append(f"曾在{query.industry}企业入驻")
        for _, enterprise, end in doctor.active:
            name = enterprises[enterprise].name if enterprise in enterprises else enterprise
            notes.append(f"当前在岗入驻至 {end.isoformat()}（{name}）")
        if query.words is None:  # once per need, and only for a need that is shown with a doctor
            words_of = self.analyzer.words_of
            query.words = quotable(query.weighted, {key: word for text in reversed(query.texts)
                                                    for key, word in words_of(text).items()},
                                   self.analyzer.synonymous)
            query.folded = normal("\n".join(query.texts))
        said = reasons(query.weighted, query.words, query.folded, query.said, doctor.sat.keys(),
                       doctor.items, DOCTOR_FIELDS, self.analyzer.holds)
        return Match(query.id, doctor.id, score, (*said, *notes))


class _Context:
    """The term keys of an enterprise's name and industry, and which words hold one of them (尼龙 in 尼龙66)."""

    def __init__(self, keys: set[str], terms: Callable[[str], tuple[str, ...]]):
        self.keys, self.terms = keys, terms
        self._words: dict[str, bool] = {}

    def inside(self, key: str) -> bool:
        """Whether a word of the context is inside the word of this key."""
        held = self._words.get(key)
        if held is None:
            held = self._words[key] = not self.keys.isdisjoint(self.terms(key[len(WORD):]))
        return held


def matcher_for(program: Program, as_of: date) -> Matcher:
    """A Matcher for the program as of the day: the last one made, while nothing it reads changed.

    The preview rebuilds the site on every save, and most saves (a name, a phone number, a report)
    change nothing the ranking reads: then the last Matcher and its rankings are kept, and every
    need is not ranked against every doctor again (most of a rebuild's time at 1,000 doctors).
    After a change it reads, the new Matcher still takes over the last one's analysis of the texts
    the change cannot touch (`Analyzer.carry`).
    `_read` lists what a Matcher reads; a test changes each of those and compares with a Matcher
    made from nothing.
    """
    global _last
    read = _read(program, as_of)
    if _last is None or _last[0] != read:
        _last = read, Matcher(program, as_of, earlier=_last[1] if _last else None)
    _last[1].program = program  # equal in all a Matcher reads; anything else read through it is today's
    return _last[1]


_last: tuple[tuple, Matcher] | None = None  # (what the last Matcher read, the Matcher): one program is previewed at a time


def _read(program: Program, as_of: date) -> tuple:
    """Everything a `Matcher` with the default `plain` reads of a program, as one comparable value."""
    exits = exit_dates(program)
    return (
        as_of,
        tuple(sorted(exits.items())),  # who is in the talent database, and which residencies ended early
        tuple(tuple(group) for group in program.synonyms.groups) if program.synonyms else (),
        tuple(program.policy.all_industries) if program.policy is not None else (),
        tuple((doctor_id, tuple(d.research_areas), d.discipline, d.bio) for doctor_id, d in sorted(program.doctors.items())),
        tuple((agreement_id, a.doctor, a.enterprise, a.start, a.end, a.focus, tuple(a.needs or ()))
              for agreement_id, a in sorted(program.agreements.items())),
        tuple((need_id, n.enterprise, n.title, tuple(n.fields or ()), n.description, n.posted, n.closed)
              for need_id, n in sorted(program.needs.items())),
        tuple((enterprise_id, e.name, e.industry) for enterprise_id, e in sorted(program.enterprises.items())),
    )


def _order(item: tuple[float, str]) -> tuple:
    score, record_id = item
    return -score, record_id


def _best(items, top: int) -> list[tuple[float, str]]:
    return heapq.nsmallest(top, (item for item in items if item[0] >= MIN_SCORE), key=_order)


def _vocabulary(program: Program):
    """The program's own words: research areas, disciplines, the needs' titles and fields, the industries."""
    for doctor in program.doctors.values():
        yield from doctor.research_areas
        yield doctor.discipline
    for need in program.needs.values():
        yield need.title
        yield from need.fields or ()
    if program.policy is not None:
        yield from program.policy.all_industries
