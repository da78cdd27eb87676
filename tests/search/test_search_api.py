"""The search API the TUI codes against: shape of hits, empty queries, stable ranking."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog
from wizard.engine.search import Hit, SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    return SearchIndex.build(catalog)


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "，。！“”"])
def test_empty_query_gives_nothing(index, query):
    assert index.search(query) == []


def test_hit_shape(index):
    hits = index.search("户籍性质为空", top=3)
    assert 1 <= len(hits) <= 3
    best = hits[0]
    assert isinstance(best, Hit)
    assert dataclasses.is_dataclass(best) and best.__dataclass_params__.frozen
    assert best.answer == "enrol-error-hukou-empty"
    assert best.faq == 13
    assert "户籍性质为空" in best.title
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for start, end in best.highlights:
        assert 0 <= start < end <= len(best.snippet)
    assert any("户籍性质" in best.snippet[s:e] for s, e in best.highlights)


def test_top_limits_results(index):
    assert len(index.search("花名册", top=1)) == 1
    assert index.search("花名册", top=0) == []
