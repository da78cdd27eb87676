"""The search API the TUI codes against: shape of hits, empty queries, stable ranking."""

from __future__ import annotations

import dataclasses

import pytest

from wizard.engine.search import Hit


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "，。！“”"])
def test_empty_query_gives_nothing(bundled_index, query):
    assert bundled_index.search(query) == []


def test_hit_shape(bundled_index):
    hits = bundled_index.search("户籍性质为空", top=3)
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


def test_top_limits_results(bundled_index):
    assert len(bundled_index.search("花名册", top=1)) == 1
    assert bundled_index.search("花名册", top=0) == []
