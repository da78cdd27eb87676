"""Find the answer from the words on the clerk's screen, or say honestly that the FAQ has none.

Three measures, all over the folded character n-grams of :mod:`wizard.engine.terms`:

- **Relevance, BM25F** over the fields of an answer (title, keywords, the
  labels of options that end at it, its 相似问法, click-path steps, body,
  and the questions and labels above it), weighted: a phrase in a label says
  more than the same phrase deep in a body. A keyword found whole in the query
  adds a bonus ("怎么增员" is about the answer whose keyword is 增员).
- **Relevance, nearest question**: the weighted overlap (cosine) of the query
  with the answer's title and each of its similar questions, the best one
  counting — the 标准问 + 相似问 way of Chinese customer-service knowledge
  bases: a clerk's question is usually close to one way of asking, not to all.
- **Coverage**: how much of the query's informative text the answer explains.
  Each character of the query counts by how rare it is in the content
  (社保 is everywhere and says little, 卡 in 社保卡 is nowhere and says a lot),
  and is explained when a bigram holding it occurs in the answer. A query
  whose rare words the content never uses ("退休", "社保卡", "公积金") is
  about something the FAQ does not cover: search says so, instead of
  offering the answer that shares the common words.

The score is relevance scaled by coverage; a hit *fits* when both clear their
floors (:data:`MIN_SCORE`, :data:`MIN_COVERAGE`). A long question (a clerk
typing the whole situation) scores lower and is explained less than a short one
about the same thing, so from :data:`LONG_QUERY_UNITS` to :data:`FALL_ENDS`
counted characters both floors fall with the query's length (:func:`floors`).
The shape of that fall was measured on the content itself — each similar
question searched with its own tenth of the similar questions held out — and
the two floors were then chosen on the tune half of
tests/data/search_eval.yaml only.

Per term the BM25 contribution of every answer is computed at build time, so a
query only adds up precomputed numbers: fast enough to search on every keystroke.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from wizard.content.model import Catalog
from wizard.engine.bm25 import FieldIndex
from wizard.engine.coverage import prepare
from wizard.engine.documents import Document, documents
from wizard.engine.faq_numbers import faq_number, named_numbers
from wizard.engine.pinyin_repair import PinyinRepair
from wizard.engine.privacy import without_personal_data
from wizard.engine.questions import QuestionIndex
from wizard.engine.render import plain_text
from wizard.engine.snippets import excerpt_source, make_snippet
from wizard.engine.terms import Synonyms, fold_query, grams, normalize, query_runs, question_runs, strip_filler, units
from wizard.engine.topk import best_of
from wizard.i18n import text

MIN_SCORE = 0.2
"""Below this score a hit is a guess, not an answer (for a query of up to :data:`LONG_QUERY_UNITS`)."""
MIN_COVERAGE = 0.78
"""Below this share of the query's informative text explained, the FAQ does not answer the query."""
ANYTHING = (0.0, 0.0)
"""The floors of a hit that fits whatever it scores: an FAQ named by number, the way out."""
LONG_QUERY_UNITS = 12
"""Counted characters after which a query's scores fall with its length."""
FALL_ENDS = 24
"""Counted characters after which they fall no further: with held-out similar questions, the right answer's
median score levels off at about 0.47 and its coverage (tenth percentile) at about 0.70 from here on."""
SCORE_FALL = 0.8
"""The score floor falls as (LONG_QUERY_UNITS / length) to this power: with held-out similar questions,
the median score of the right answer falls so, from 0.75 at 12 counted characters to 0.47 at 19–24."""
COVERAGE_FALL = 0.4
"""The coverage floor falls as (LONG_QUERY_UNITS / length) to this power (the tenth percentile of the
right answer's coverage falls from 0.85 at 12 counted characters to 0.70 at 19–24)."""

ESCALATION_FACTOR = 0.85
"""Escalations ("call 12333") rank a little below an FAQ answer that matches as well."""
QUESTION_WEIGHT = 0.5
"""Share of relevance from the nearest question; the rest is BM25F."""
COVERAGE_POWER = 2.0
WEIGHT_FLOOR = 3.0
"""Added to each character's rarity when weighing coverage: a common word still counts for something."""
CANDIDATES = 30
"""Answers taken from each relevance measure before coverage re-ranks them."""

PHRASE_BONUS = 0.5
"""Share of the distance to 1 added to an answer's BM25F score when the query holds one of its keywords
whole, scaled by how much of the query the keyword covers."""
MAX_PHRASE_CHARS = 24


@dataclass(frozen=True)
class Hit:
    """One ranked answer for a query, with an excerpt to show and spans to highlight.

    ``coverage`` is the share of the query's informative text this answer
    explains; ``fits`` says whether the hit is an answer rather than a guess.
    """

    answer: str
    score: float
    title: str
    faq: int | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    coverage: float = 1.0
    fits: bool = True


@dataclass(frozen=True)
class Findings:
    """What a search found: the ranked hits, and whether any of them answers the query.

    When none does, the FAQ has no answer for it: ``escalation`` is then the
    way to a person (12333 / 社保经办窗口) to offer first, and ``hits`` are only
    the closest topics.
    """

    query: str
    hits: list[Hit]
    escalation: Hit | None = None
    no_such_faq: tuple[int, int] | None = None
    """(the number asked for, the last FAQ number) when the query names an FAQ entry that does not exist."""

    @property
    def answered(self) -> bool:
        return bool(self.hits) and self.hits[0].fits

    def no_such_faq_note(self, lang: str = "zh") -> str:
        """What to say first when the query names an FAQ entry that does not exist ("常见问题共 17 条…"); ""."""
        return text("no_such_faq", lang).format(*self.no_such_faq) if self.no_such_faq else ""

    @property
    def beside_way_out(self) -> list[Hit]:
        """The hits without the way out of the FAQ, which is offered first on its own (a query that says
        12333 also finds it as a hit: listed twice, a list of options would refuse it)."""
        way_out = self.escalation.answer if self.escalation is not None else None
        return [hit for hit in self.hits if hit.answer != way_out]

    @property
    def closest(self) -> list[Hit]:
        """When nothing fits: the hits that share something with the query, best first (not the way out)."""
        return [hit for hit in self.beside_way_out if hit.score > 0]

    @property
    def fitting(self) -> list[Hit]:
        """The hits that answer the query, best first."""
        return [hit for hit in self.hits if hit.fits]


class SearchIndex:
    """Answers ranked by relevance and coverage; build once, search often."""

    def __init__(self, documents: list[Document], synonyms: Synonyms, way_out: str | None = None):
        self._documents = documents
        self._way_out = next((i for i, d in enumerate(documents) if d.answer_id == way_out), None)
        self._synonyms = synonyms
        self._factor = [ESCALATION_FACTOR if d.answer.kind == "escalation" else 1.0 for d in documents]
        self._faqs: dict[int, int] = {}
        """FAQ number → its entry: the first answer with that number (an FAQ entry split into several
        answers lists its parts after it, under related; WZ028)."""
        for index, document in enumerate(documents):
            if document.answer.faq is not None:
                self._faqs.setdefault(document.answer.faq, index)
        self._fields = FieldIndex([d.fields for d in documents], synonyms)
        self._weights: dict[str, float] = {}
        self._questions = QuestionIndex(
            (
                (index, question_runs(question, synonyms))
                for index, document in enumerate(documents)
                for question in (document.answer.title, *document.fields["similar"])  # similar: already simplified
            ),
            self._unit_weight,
        )
        self._phrases: dict[str, list[int]] = defaultdict(list)
        for index, document in enumerate(documents):
            for keyword in {normalize(synonyms.fold(normalize(k))) for k in document.answer.keywords}:
                if 2 <= len(keyword) <= MAX_PHRASE_CHARS:
                    self._phrases[keyword].append(index)
        steps = (normalize(step) for d in documents for path in d.answer.menu for step in path.steps)
        self._repair = PinyinRepair(
            (term[1:] for term in self._fields.rarity if term[0] == "2" and len(term) == 3),
            [*self._phrases, *synonyms.words(), *steps],
            (term[1:] for term in self._fields.rarity if term[0] == "1" and term[1:].isascii()),
        )

    @classmethod
    def build(cls, catalog: Catalog) -> SearchIndex:
        """Index every answer of ``catalog``."""
        synonyms = Synonyms((group.term, group.same) for group in catalog.synonyms)
        way_out = catalog.way_out.answer if catalog.way_out is not None else None
        return cls(documents(catalog), synonyms, way_out)

    def warm(self) -> None:
        """Load what a first query may need (the traditional-character and pinyin tables) now, not on a keystroke."""
        self.search("員工hjxz", top=1)
        self._repair.warm()

    def __len__(self) -> int:
        return len(self._documents)

    # Searching ---------------------------------------------------------------------------------

    def find(self, query: str, top: int = 5) -> Findings:
        """:meth:`search`, and when nothing answers a query, the way out of the FAQ to offer first."""
        hits = self.search(query, top)
        findings = Findings(query, hits)
        if findings.answered or self._way_out is None or not query.strip():
            return findings
        named = named_numbers(without_personal_data(query))
        no_such = (named[0], max(self._faqs)) if named and self._faqs and named[0] not in self._faqs else None
        way_out = self._hit(self._way_out, 0.0, query, coverage=0.0, least=ANYTHING)
        return Findings(query, hits, way_out, no_such)

    def search(self, query: str, top: int = 5) -> list[Hit]:
        """The ``top`` best answers for ``query``, best first; [] for an empty query.

        A query that names an FAQ entry by number ("第13条") puts that entry first.
        """
        if top <= 0:
            return []
        query = without_personal_data(query)  # an ID-card number or a name pasted along is no clue
        named = faq_number(query, self._faqs.keys())
        runs = self._repaired(query_runs(query, self._synonyms))
        bag = Counter(grams(runs))
        hits = self._ranked(query, runs, bag, top) if bag else []
        if named is None:
            return hits
        first = self._hit(self._faqs[named], 1.0, query, coverage=1.0, least=ANYTHING)
        return [first, *(hit for hit in hits if hit.answer != first.answer)][:top]

    def _repaired(self, runs: list[list[str]]) -> list[list[str]]:
        """The runs with pinyin slips repaired and, where a repair spelled a clerk's word, folded again."""
        repaired = self._repair.repair(runs)
        if repaired == runs:
            return runs
        return [new for run in repaired for new in units(self._synonyms.fold("".join(run)))]

    def _ranked(self, query: str, runs: list[list[str]], bag: Counter[str], top: int) -> list[Hit]:
        best = self._fields.best_possible(bag)
        if best <= 0:
            return []
        wanted = max(top, CANDIDATES)
        scores = self._fields.accumulate(bag)
        phrases = dict(heapq.nlargest(wanted, self.phrase_matches(query).items(), key=lambda item: item[1]))
        units = prepare(runs, self._unit_weight)
        nearest = self._questions.nearest(units, frozenset(bag), wanted)
        coverage = self._fields.coverage(units)
        least = floors(len(units))
        scored = []
        for index in {*best_of(scores, wanted), *phrases, *nearest}:
            bm25 = self._normalised(index, float(scores[index]), best, phrases)
            question = nearest.get(index, 0.0) * self._factor[index]
            relevance = (1 - QUESTION_WEIGHT) * bm25 + QUESTION_WEIGHT * question
            explained = float(coverage[index])
            scored.append((-relevance * explained**COVERAGE_POWER, self._documents[index].answer_id, index, explained))
        best_hits = heapq.nsmallest(top, scored)
        return [
            self._hit(index, -score, query, explained, least) for score, _, index, explained in best_hits if score < 0
        ]

    def _normalised(self, index: int, raw: float, best: float, phrases: dict[int, float]) -> float:
        """0..1: the BM25F score against the best the query could score, raised by the keyword bonus
        towards 1 (never past it, so scores stay comparable and never tie at the top)."""
        base = min(1.0, raw * self._factor[index] / best)
        return base + PHRASE_BONUS * phrases.get(index, 0.0) * (1.0 - base)

    def _unit_weight(self, unit: str) -> float:
        """How much a unit counts when judging what a text explains: its rarity, plus a floor."""
        weight = self._weights.get(unit)
        if weight is None:
            weight = self._weights[unit] = (
                self._fields.rarity.get("1" + unit, self._fields.unseen_rarity) + WEIGHT_FLOOR
            )
        return weight

    def phrase_matches(self, query: str) -> dict[int, float]:
        """Answers with a keyword found whole in the query → the share of the query it covers."""
        text = normalize(strip_filler(self._synonyms.fold(fold_query(query))))
        found: dict[int, float] = {}
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + MAX_PHRASE_CHARS) + 1):
                for index in self._phrases.get(text[start:end], ()):
                    found[index] = max(found.get(index, 0.0), (end - start) / len(text))
        return found

    def _hit(self, index: int, score: float, query: str, coverage: float, least: tuple[float, float]) -> Hit:
        """``least``: the score and coverage a hit needs to fit (:func:`floors`)."""
        document = self._documents[index]
        snippet, highlights = make_snippet(document.text, query)
        answer = document.answer
        fits = score >= least[0] and coverage >= least[1]
        return Hit(
            document.answer_id, round(score, 4), answer.title, answer.faq, snippet, highlights, round(coverage, 4), fits
        )


def floors(units: int) -> tuple[float, float]:
    """The least score and coverage a hit needs, for a query of ``units`` counted characters."""
    if units <= LONG_QUERY_UNITS:
        return MIN_SCORE, MIN_COVERAGE
    shorter = LONG_QUERY_UNITS / min(units, FALL_ENDS)
    return MIN_SCORE * shorter**SCORE_FALL, MIN_COVERAGE * shorter**COVERAGE_FALL


def exact_hit(catalog: Catalog, answer_id: str) -> Hit:
    """A perfect hit for one answer, named by its id."""
    answer = catalog.answers[answer_id]
    snippet, _ = make_snippet(excerpt_source(plain_text(answer.body)), "")
    return Hit(answer_id, 1.0, answer.title, answer.faq, snippet, [])
