"""BM25F over the fields of the answers: the relevance of an answer to a query's terms.

Fields are weighted (title, keywords, the labels of options that end at the
answer, its similar questions, click-path steps, body, questions and labels
above it): a phrase in an option label or keyword says more than the same
phrase deep in a body. Unigrams count at a low weight: they rescue
one-character queries and break ties, but cannot outvote a matching bigram.
Per term the contribution of every answer is computed at build time, so a
query only adds up precomputed arrays (numpy).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from wizard.engine.coverage import Unit
from wizard.engine.terms import Synonyms, terms

FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "labels": 3.0,
    "similar": 1.0,
    "menu": 1.5,
    "body": 1.0,
    "context": 0.6,
}
COVERAGE_FIELDS = frozenset(FIELD_WEIGHTS) - {"context"}
"""The fields whose words an answer explains: not the questions above it, which it shares with its neighbours."""
UNIGRAM_WEIGHT = 0.25
DENSE_SHARE = 8
K1 = 1.2
B = 0.5


def idf(count: int, df: int) -> float:
    """BM25's inverse document frequency: near 0 for a term in every answer, about log(2N) for an unseen one."""
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


class FieldIndex:
    """Postings of weighted BM25F contributions, which answers explain each term, and each term's rarity."""

    def __init__(self, fields: Sequence[dict[str, list[str]]], synonyms: Synonyms):
        """``fields``: per answer, field name → texts."""
        count = len(fields)
        field_terms: list[dict[str, Counter[str]]] = []
        totals: Counter[str] = Counter()
        explaining: dict[str, list[int]] = defaultdict(list)
        for number, values_by_field in enumerate(fields):
            per_field = {}
            for name, values in values_by_field.items():
                bag = terms("\n".join(values), synonyms)  # a line break splits runs like punctuation
                per_field[name] = bag
                totals[name] += sum(bag.values())
            field_terms.append(per_field)
            for term in {term for name, bag in per_field.items() if name in COVERAGE_FIELDS for term in bag}:
                explaining[term].append(number)
        self.explains = {term: np.asarray(numbers, dtype=np.int32) for term, numbers in explaining.items()}
        """Term → the answers whose own text (:data:`COVERAGE_FIELDS`) holds it."""
        average = {name: max(totals[name] / max(count, 1), 1.0) for name in FIELD_WEIGHTS}

        weighted: dict[str, dict[int, float]] = defaultdict(dict)
        for index, per_field in enumerate(field_terms):
            combined: dict[str, float] = defaultdict(float)
            for name, bag in per_field.items():
                norm = 1 - B + B * sum(bag.values()) / average[name]
                for term, frequency in bag.items():
                    combined[term] += FIELD_WEIGHTS[name] * frequency / norm
            for term, value in combined.items():
                weighted[term][index] = value

        self.size = count
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        """Term → (answer numbers, their weighted BM25F contributions), as arrays for whole-array sums."""
        self.dense: dict[str, np.ndarray] = {}
        """Term → its contribution to every answer: for the terms in more than 1/DENSE_SHARE of them."""
        self.ceiling: dict[str, float] = {}
        self.rarity: dict[str, float] = {}
        for term, by_answer in weighted.items():
            rarity = idf(count, len(by_answer))
            scale = UNIGRAM_WEIGHT if term[0] == "1" else 1.0
            numbers = np.fromiter(by_answer.keys(), dtype=np.int32, count=len(by_answer))
            frequencies = np.fromiter(by_answer.values(), dtype=np.float64, count=len(by_answer))
            contribution = scale * rarity * frequencies * (K1 + 1) / (frequencies + K1)
            if len(by_answer) * DENSE_SHARE > count:  # in many answers: one plain add beats a scattered one
                dense = np.zeros(count, dtype=np.float64)
                dense[numbers] = contribution
                self.dense[term] = dense
            else:
                self.postings[term] = (numbers, contribution)
            self.ceiling[term] = scale * rarity * (K1 + 1)
            self.rarity[term] = rarity
        self.unseen_rarity = idf(count, 0)
        bigrams = sorted(value for term, value in self.ceiling.items() if term[0] == "2")
        self._unseen_ceiling = bigrams[len(bigrams) // 2] if bigrams else 1.0

    def best_possible(self, bag: Counter[str]) -> float:
        """What a query could score at best: an unseen term counts as a typical one, so it lowers every score."""
        unseen = self._unseen_ceiling
        return sum(self.ceiling.get(term, unseen * (UNIGRAM_WEIGHT if term[0] == "1" else 1.0)) for term in bag)

    def coverage(self, units: Sequence[Unit]) -> np.ndarray:
        """For every answer, the weighted share of a prepared query that its own text explains (see
        :func:`~wizard.engine.coverage.share`, which this computes for all answers at once)."""
        explained = np.zeros(self.size, dtype=np.float64)
        total = np.zeros(self.size, dtype=np.float64)
        counted = 0.0
        mask = np.empty(self.size, dtype=bool)
        for unit in units:
            found = [self.explains[term] for term in unit.explainers if term in self.explains]
            if not unit.optional:
                counted += unit.weight
            if not found:
                continue
            if len(found) == 1:
                explained[found[0]] += unit.weight
                if unit.optional:
                    total[found[0]] += unit.weight
                continue
            mask.fill(False)  # explained on either side: count it once
            for numbers in found:
                mask[numbers] = True
            np.add(explained, unit.weight, out=explained, where=mask)
            if unit.optional:
                np.add(total, unit.weight, out=total, where=mask)
        total += counted
        return np.divide(explained, total, out=np.zeros(self.size, dtype=np.float64), where=total > 0)

    def accumulate(self, query_terms: Iterable[str]) -> np.ndarray:
        """The raw BM25F score of every answer for the query's terms (each counted once), as one array.

        A whole-array add per term: on ten thousand answers, where a common
        bigram occurs in thousands of them, this is what keeps a keystroke's
        search within a few milliseconds.
        """
        scores = np.zeros(self.size, dtype=np.float64)
        for term in set(query_terms):
            found = self.postings.get(term)
            if found is not None:
                scores[found[0]] += found[1]
            elif term in self.dense:
                scores += self.dense[term]
        return scores

    def contributions(self, term: str) -> dict[int, float]:
        """Answer number → what ``term`` adds to its score (for tests and explanations)."""
        if term in self.dense:
            return {number: float(value) for number, value in enumerate(self.dense[term]) if value}
        numbers, values = self.postings.get(term, ((), ()))
        return {int(number): float(value) for number, value in zip(numbers, values, strict=True)}
