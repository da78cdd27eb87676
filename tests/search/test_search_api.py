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


@pytest.mark.parametrize(
    ("query", "answer", "reads"),
    [
        ("户籍性质为空", "enrol-error-hukou-empty", "户籍地址和户籍性质。方式二：打开「江苏智慧人社」"),
        ("该人员为灵活就业人员", "enrol-error-flexible-employment", "中自助办理停保；方式二：打开「江苏智慧人社」"),
    ],
)
def test_a_snippet_reads_a_flattened_list_as_one_sentence(bundled_index, query, answer, reads):
    """QA round 6 saw 「…户籍性质。 • …」 and 「…户籍性质。 •  方式二：…」 under FAQ 13 and 14: a list's
    bullets, left in the line the list was flattened into, at its end or in its middle."""
    (hit,) = [hit for hit in bundled_index.search(query, top=10) if hit.answer == answer]
    assert reads in hit.snippet, hit.snippet
    assert "•" not in hit.snippet and "  " not in hit.snippet


def test_top_limits_results(bundled_index):
    assert len(bundled_index.search("花名册", top=1)) == 1
    assert bundled_index.search("花名册", top=0) == []
