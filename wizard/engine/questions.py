"""The nearest question: how clerks asked for each answer (标准问 + 相似问), matched both ways.

A clerk's question is usually close to one way of asking for an answer, not
to all of them, so an answer counts with its nearest question. Closeness is
how much of the query the question explains *and* how much of the question
the query explains (:func:`~wizard.engine.coverage.share` both ways): an
overlap of bigrams that straddle two words ("险要" in 社保要…) cannot make a
question near, as it could with a cosine of bigram vectors.

Candidates come from an inverted index of the terms that explain a unit,
counting only units whose terms are not everywhere (one array add per unit);
the best of them by that partial count are then measured in full. Fast
enough for every keystroke on ten thousand answers.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from wizard.engine.coverage import Unit, prepare, share
from wizard.engine.terms import grams
from wizard.engine.topk import best_of

ASKED_SHARE = 0.5
"""Closeness is (how much of the query the question explains) to this power times (how much of the
question the query explains) to the rest."""
MEASURED = 60
"""Questions measured in full per query: the best by a first count over the rarer terms."""
COMMON_SHARE = 0.2
"""A term in more than this share of the questions (and at least :data:`MIN_COMMON` of them) chooses
candidates only when the rarer terms found too few: its units weigh little, and it would make every
question one."""
MIN_COMMON = 50


class QuestionIndex:
    """Questions as prepared units and term sets, found through the terms that explain their units."""

    def __init__(self, questions: Iterable[tuple[int, list[list[str]]]], weight: Callable[[str], float]):
        self._owner: list[int] = []
        self._units: list[tuple[Unit, ...]] = []
        self._terms: list[frozenset[str]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        shared_terms: dict[str, str] = {}  # one copy of each term and unit: questions repeat them a lot
        shared_units: dict[Unit, Unit] = {}
        for owner, runs in questions:
            found = frozenset(shared_terms.setdefault(term, term) for term in grams(runs))
            if not found:
                continue
            number = len(self._owner)
            self._owner.append(owner)
            self._units.append(tuple(shared_units.setdefault(unit, unit) for unit in prepare(runs, weight)))
            self._terms.append(found)
            for term in found:
                postings[term].append(number)
        common = max(MIN_COMMON, COMMON_SHARE * len(self._owner))
        self._sizes = np.sqrt([sum(unit.weight for unit in units) or 1.0 for units in self._units])
        self._postings: dict[str, np.ndarray] = {}
        self._common: dict[str, np.ndarray] = {}
        for term, numbers in postings.items():
            (self._common if len(numbers) > common else self._postings)[term] = np.asarray(numbers, dtype=np.int32)

    def nearest(self, units: tuple[Unit, ...], terms: frozenset[str], top: int) -> dict[int, float]:
        """Owner → closeness (0..1) of its nearest question to the query (its prepared ``units`` and
        index ``terms``), for the ``top`` closest owners."""
        first = np.zeros(len(self._owner), dtype=np.float64)
        self._count(units, first, self._postings)
        if np.count_nonzero(first) < MEASURED:  # a query of everyday words only ("增员"): let them choose too
            self._count(units, first, self._common)
        best: dict[int, float] = {}
        # As closeness weighs what the query explains of a question, a long question that shares one
        # term must not outrank a short one that is nothing but that term.
        for number in best_of(first / self._sizes, MEASURED):
            asked = share(units, self._terms[number])
            answered = share(self._units[number], terms)
            closeness = asked**ASKED_SHARE * answered ** (1 - ASKED_SHARE)
            owner = self._owner[number]
            if closeness > best.get(owner, 0.0):
                best[owner] = closeness
        return dict(heapq.nlargest(top, best.items(), key=lambda item: item[1]))

    @staticmethod
    def _count(units: tuple[Unit, ...], first: np.ndarray, postings: dict[str, np.ndarray]) -> None:
        """Add each unit's weight to the questions that hold a term explaining it."""
        for unit in units:
            for term in unit.explainers:  # a unit explained on both sides counts twice: still a fair first count
                found = postings.get(term)
                if found is not None:
                    first[found] += unit.weight
