"""Clerk queries from tests/data/search_eval.yaml: top-1 >= 90 %, top-3 = 100 %, misses printed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog
from wizard.engine.search import MIN_SCORE, SearchIndex

EVAL = Path(__file__).resolve().parent.parent / "data" / "search_eval.yaml"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    return SearchIndex.build(catalog)


@pytest.fixture(scope="module")
def evaluation() -> dict:
    return yaml.safe_load(EVAL.read_text(encoding="utf-8"))


def test_eval_set_is_big_and_points_at_real_answers(evaluation):
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    queries = evaluation["queries"]
    assert len(queries) >= 40
    assert len({item["q"] for item in queries}) == len(queries), "duplicate queries"
    for item in queries:
        assert item["expect"], item
        assert set(item["expect"]) <= set(catalog.answers), item


def test_accuracy(index, evaluation):
    queries = evaluation["queries"]
    top1 = top3 = 0
    misses = []
    for item in queries:
        ranked = [hit.answer for hit in index.search(str(item["q"]), top=3)]
        expected = set(item["expect"])
        first = bool(ranked) and ranked[0] in expected
        within = bool(expected & set(ranked))
        top1 += first
        top3 += within
        if not first:
            misses.append(f"{'top-3' if within else 'MISS '} {item['q']!r}: got {ranked}, want {item['expect']}")
    report = f"top-1 {top1}/{len(queries)} = {top1 / len(queries):.1%}, top-3 {top3}/{len(queries)}"
    print("\n" + report + "\n" + "\n".join(misses))
    assert top3 == len(queries), report + "\n" + "\n".join(misses)
    assert top1 / len(queries) >= 0.9, report + "\n" + "\n".join(misses)


def test_answerable_queries_clear_the_minimum_score(index, evaluation):
    weak = []
    for item in evaluation["queries"]:
        hits = index.search(str(item["q"]), top=1)
        if not hits or hits[0].score < MIN_SCORE:
            weak.append((item["q"], hits[0].score if hits else None))
    assert not weak, weak


@pytest.mark.parametrize("query", yaml.safe_load(EVAL.read_text(encoding="utf-8"))["unanswerable"])
def test_unanswerable_queries_stay_below_the_minimum_score(index, query):
    hits = index.search(query, top=1)
    assert not hits or hits[0].score < MIN_SCORE, hits
