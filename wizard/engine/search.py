"""Find the answer from the text on the clerk's screen: CJK-aware ranked search.

Method: BM25F over *character n-grams*, pure Python, no dependency.

- Chinese has no spaces, clerks paste partial error text ("户籍性质"), and a
  word segmenter (jieba) would cut domain terms differently in the query and in
  the content, costs about a second to load its dictionary, and segments a
  typo'd word into junk. Character bigrams need no dictionary, match any
  substring of two characters or more, and one wrong character only loses the
  two bigrams around it, so the rest of the phrase still ranks the answer.
- Unigrams are indexed too, at a low weight: they rescue single-character
  queries and break ties, but cannot outvote a matching bigram.
- Runs of ASCII letters and digits ("APP", "12333", "11") are one unit each, so
  "11日" yields the units 11 and 日 and the bigram "11日".
- Fields are weighted (title, keywords, the labels of options that end at the
  answer, click-path steps, body, questions and labels above it): a phrase in
  an option label or keyword says more than the same phrase deep in a body.
- Scores are normalised by what the query could score at best, so a score is
  comparable between queries (0 = nothing matched, 1 = every n-gram matched
  strongly); :data:`MIN_SCORE` marks "nothing fits".
- Fuzzy matching (rapidfuzz) was not added: with bigrams a typo costs little,
  and a dependency would not pay for itself on 20 answers.

Per term the BM25 contribution of every answer is computed at build time, so a
query only adds up precomputed numbers: fast enough to search on each keystroke.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from wizard.content.graph import Node, incoming
from wizard.content.model import Answer, Catalog
from wizard.engine.render import plain_text

MIN_SCORE = 0.1
"""Below this normalised score a hit is a guess, not an answer (used by ``wizard ask``)."""

# Field → weight. Keywords and labels carry what clerks type; body is long and diffuse.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "labels": 3.0,
    "menu": 1.5,
    "body": 1.0,
    "context": 0.6,
}
UNIGRAM_WEIGHT = 0.25
K1 = 1.2
B = 0.5
ESCALATION_FACTOR = 0.85
"""Escalations ("call 12333") rank a little below an FAQ answer that matches as well."""

PHRASE_BONUS = 0.5
"""Share of the distance to 1 added to an answer's normalised score when the query holds one
of its keywords whole, scaled by how much of the query the keyword covers: "怎么增员" is about the answer whose
keyword is 增员, not about one that merely has 新增员工 in its title."""
MAX_PHRASE_CHARS = 24

SNIPPET_CHARS = 60

# Question words a clerk wraps around the real phrase ("怎么", "能不能", "吗").
# They are cut from queries only (never from the content), so they neither
# match stray answers nor count as unmatched words when scores are normalised.
QUERY_FILLER = (
    "怎么办",
    "怎么样",
    "怎么",
    "如何",
    "为什么",
    "什么",
    "哪里",
    "哪些",
    "在哪",
    "能不能",
    "可不可以",
    "可以",
    "是不是",
    "还是",
    "请问",
    "问一下",
    "想问",
    "一下",
    "我想",
    "吗",
    "呢",
    "吧",
    "啊",
    "了",
    "的",
)
_FILLER = re.compile("|".join(map(re.escape, QUERY_FILLER)))

_UNIT = re.compile(r"[a-z0-9]+|[^\W_]", re.UNICODE)


def normalize(text: str) -> str:
    """NFKC, lower-case, and drop everything but letters and digits (punctuation, quotes, spaces)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if ch.isalnum())


def units(text: str) -> list[list[str]]:
    """The text as runs of units (a CJK character or an ASCII word), split at punctuation and spaces."""
    folded = unicodedata.normalize("NFKC", text).lower()
    runs: list[list[str]] = []
    for chunk in re.split(r"[^\w]|_", folded):
        if chunk:
            runs.append(_UNIT.findall(chunk))
    return [run for run in runs if run]


def terms(text: str) -> Counter[str]:
    """Bag of index terms: unigrams (prefixed '1') and bigrams (prefixed '2') of units."""
    grams: list[str] = []
    for run in units(text):
        grams += ["1" + unit for unit in run]
        grams += ["2" + first + second for first, second in itertools.pairwise(run)]
    return Counter(grams)


def query_terms(query: str) -> Counter[str]:
    """The terms of a query, with the question words around it cut out."""
    return terms(_FILLER.sub(" ", unicodedata.normalize("NFKC", query)))


@dataclass(frozen=True)
class Hit:
    """One ranked answer for a query, with an excerpt to show and spans to highlight."""

    answer: str
    score: float
    title: str
    faq: int | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Document:
    answer_id: str
    answer: Answer
    fields: dict[str, list[str]]
    text: str
    """The body as one line of plain text, the source of snippets."""


def _documents(catalog: Catalog) -> list[_Document]:
    """Each answer with the text that leads to it: its own fields and the trees' labels and questions."""
    labels: dict[str, list[str]] = defaultdict(list)
    context: dict[str, list[str]] = defaultdict(list)
    parents = incoming(catalog)

    def ancestry(start: Node) -> list[str]:
        """Questions, labels and task titles on every way to ``start``."""
        seen: set[Node] = set()
        found: list[str] = []
        stack = [start]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            tree = catalog.trees[node[0]]
            if node[1] == tree.start:
                found += [tree.title, tree.summary]
            found.append(tree.nodes[node[1]].question)
            for parent, label in parents.get(node, []):
                found.append(label)
                stack.append(parent)
        return found

    for tree in catalog.trees.values():
        for node_id, node in tree.nodes.items():
            for option in node.options:
                if option.answer is not None:
                    labels[option.answer].append(option.label)
                    context[option.answer] += ancestry((tree.id, node_id))

    documents = []
    for answer_id, answer in catalog.answers.items():
        body = plain_text(answer.body)
        fields = {
            "title": [answer.title],
            "keywords": list(answer.keywords),
            "labels": labels.get(answer_id, []),
            "menu": [step for path in answer.menu for step in (*path.steps, path.label or "")],
            "body": [body],
            "context": list(dict.fromkeys(context.get(answer_id, []))),
        }
        text = " ".join(line.strip() for line in body.splitlines() if line.strip())
        documents.append(_Document(answer_id, answer, fields, text))
    return documents


class SearchIndex:
    """Answers ranked by BM25F over character unigrams and bigrams; build once, search often."""

    def __init__(self, documents: list[_Document], postings: dict[str, dict[int, float]], ceiling: dict[str, float]):
        self._documents = documents
        self._postings = postings
        self._ceiling = ceiling
        self._factor = [ESCALATION_FACTOR if d.answer.kind == "escalation" else 1.0 for d in documents]
        bigrams = sorted(value for term, value in ceiling.items() if term[0] == "2")
        self._unseen = bigrams[len(bigrams) // 2] if bigrams else 1.0
        self._phrases: dict[str, list[int]] = defaultdict(list)
        for index, document in enumerate(documents):
            for keyword in {normalize(keyword) for keyword in document.answer.keywords}:
                if 2 <= len(keyword) <= MAX_PHRASE_CHARS:
                    self._phrases[keyword].append(index)

    @classmethod
    def build(cls, catalog: Catalog) -> SearchIndex:
        """Index every answer of ``catalog``."""
        return cls.from_documents(_documents(catalog))

    @classmethod
    def from_documents(cls, documents: list[_Document]) -> SearchIndex:
        count = len(documents)
        field_terms: list[dict[str, Counter[str]]] = []
        totals: Counter[str] = Counter()
        for document in documents:
            per_field = {}
            for name, values in document.fields.items():
                bag = terms("\n".join(values))  # a line break splits runs like punctuation does
                per_field[name] = bag
                totals[name] += sum(bag.values())
            field_terms.append(per_field)
        average = {name: max(totals[name] / max(count, 1), 1.0) for name in FIELD_WEIGHTS}

        weighted: dict[str, dict[int, float]] = defaultdict(dict)
        for index, per_field in enumerate(field_terms):
            combined: dict[str, float] = defaultdict(float)
            for name, bag in per_field.items():
                length = sum(bag.values())
                norm = 1 - B + B * length / average[name]
                for term, frequency in bag.items():
                    combined[term] += FIELD_WEIGHTS[name] * frequency / norm
            for term, value in combined.items():
                weighted[term][index] = value

        postings: dict[str, dict[int, float]] = {}
        ceiling: dict[str, float] = {}
        for term, by_document in weighted.items():
            df = len(by_document)
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            scale = UNIGRAM_WEIGHT if term[0] == "1" else 1.0
            postings[term] = {i: scale * idf * tf * (K1 + 1) / (tf + K1) for i, tf in by_document.items()}
            ceiling[term] = scale * idf * (K1 + 1)
        return cls(documents, postings, ceiling)

    def __len__(self) -> int:
        return len(self._documents)

    def search(self, query: str, top: int = 5) -> list[Hit]:
        """The ``top`` best answers for ``query``, best first; [] for an empty query."""
        bag = query_terms(query)
        if not bag or top <= 0:
            return []
        best = sum(self._ceiling.get(term, self._unseen * (UNIGRAM_WEIGHT if term[0] == "1" else 1.0)) for term in bag)
        raw = self._accumulate(list(bag), top)
        phrases = self.phrase_matches(query)
        for index in phrases.keys() - raw.keys():  # pruned away before the bonus was known
            raw[index] = sum(self._postings[term].get(index, 0.0) for term in bag if term in self._postings)
        if not raw or best <= 0:
            return []
        ranked = heapq.nsmallest(
            top,
            (
                (-self._normalised(index, score, best, phrases), self._documents[index].answer_id, index)
                for index, score in raw.items()
            ),
        )
        return [self._hit(self._documents[index], -negative, query) for negative, _, index in ranked]

    def _normalised(self, index: int, raw: float, best: float, phrases: dict[int, float]) -> float:
        """0..1: the BM25F score against the best the query could score, raised by the keyword bonus
        towards 1 (never past it, so scores stay comparable and never tie at the top)."""
        base = min(1.0, raw * self._factor[index] / best)
        return base + PHRASE_BONUS * phrases.get(index, 0.0) * (1.0 - base)

    def phrase_matches(self, query: str) -> dict[int, float]:
        """Answers with a keyword found whole in the query → the share of the query it covers."""
        text = normalize(_FILLER.sub(" ", unicodedata.normalize("NFKC", query)))
        found: dict[int, float] = {}
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + MAX_PHRASE_CHARS) + 1):
                for index in self._phrases.get(text[start:end], ()):
                    found[index] = max(found.get(index, 0.0), (end - start) / len(text))
        return found

    def _accumulate(self, query_terms: list[str], top: int) -> dict[int, float]:
        """Raw BM25F scores of the answers that can still reach the top ``top`` (MaxScore pruning).

        Terms are added rarest first. Once the terms left could add less than
        the ``top``-th best score so far, no answer unseen yet can reach the
        top, so the remaining (common) terms, such as single characters that
        occur in almost every answer, are only looked up for the answers that
        still can. Exact, and fast enough to search on every keystroke.
        """
        present = sorted(
            (term for term in query_terms if term in self._postings), key=lambda term: (-self._ceiling[term], term)
        )
        left = sum(self._ceiling[term] for term in present)
        done = 0.0  # no answer can have scored more than the ceilings of the terms added so far
        scores: dict[int, float] = {}
        for position, term in enumerate(present):
            if len(scores) >= top and left < done:
                floor = heapq.nlargest(top, scores.values())[-1] * ESCALATION_FACTOR
                if left < floor:
                    candidates = {index: score for index, score in scores.items() if score + left >= floor}
                    for other in present[position:]:
                        postings = self._postings[other]
                        for index in candidates:
                            candidates[index] += postings.get(index, 0.0)
                    return candidates
            current = scores.get
            scores.update({index: current(index, 0.0) + value for index, value in self._postings[term].items()})
            left -= self._ceiling[term]
            done += self._ceiling[term]
        return scores

    def _hit(self, document: _Document, score: float, query: str) -> Hit:
        snippet, highlights = make_snippet(document.text, query)
        answer = document.answer
        return Hit(document.answer_id, round(score, 4), answer.title, answer.faq, snippet, highlights)


def exact_hit(catalog: Catalog, answer_id: str) -> Hit:
    """A perfect hit for one answer, named by its id."""
    answer = catalog.answers[answer_id]
    snippet = " ".join(plain_text(answer.body).split())[:SNIPPET_CHARS]
    return Hit(answer_id, 1.0, answer.title, answer.faq, snippet, [])


@functools.lru_cache(maxsize=256)
def _normalized_with_positions(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` and, for each of its characters, the index in ``text`` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for position, ch in enumerate(text):
        for folded in unicodedata.normalize("NFKC", ch).lower():
            if folded.isalnum():
                chars.append(folded)
                origin.append(position)
    return "".join(chars), origin


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that share two or more consecutive characters with ``query`` (one if the query is one)."""
    haystack, origin = _normalized_with_positions(text)
    needle = normalize(query)
    if not needle or not haystack:
        return []
    size = 1 if len(needle) == 1 else 2
    grams = {needle[i : i + size] for i in range(len(needle) - size + 1)}
    covered = [False] * len(haystack)
    for i in range(len(haystack) - size + 1):
        if haystack[i : i + size] in grams:
            for j in range(i, i + size):
                covered[j] = True
    spans: list[tuple[int, int]] = []
    for i, hit in enumerate(covered):
        if not hit:
            continue
        start, end = origin[i], origin[i] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def make_snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """An excerpt of ``text`` about ``width`` characters long around the densest match, with spans in it."""
    spans = match_spans(text, query)
    if len(text) <= width:
        return text, spans
    if not spans:
        return text[:width].rstrip() + "…", []
    best_start, best_cover = 0, -1
    for start, _ in spans:
        window = max(0, start - width // 4)
        cover = sum(min(e, window + width) - max(s, window) for s, e in spans if s < window + width and e > window)
        if cover > best_cover:
            best_start, best_cover = window, cover
    best_start = min(best_start, max(0, len(text) - width))
    end = best_start + width
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - best_start
    inside = [(max(s, best_start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > best_start]
    return prefix + text[best_start:end] + suffix, inside
