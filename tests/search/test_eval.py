"""Search quality on the clerk queries of tests/data/search_eval.yaml, both halves of the split.

The held-out half is never looked at while tuning; it must meet the goals of
the README ("Search quality"). The tuned half must meet every goal, or tuning
went backwards. Both halves' figures are printed at the end of every run that
includes this file (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.search.evaluation import SPLITS, evaluate, load_queries

README = Path(__file__).resolve().parents[2] / "README.md"


def test_eval_set_is_big_varied_and_points_at_real_answers(bundled_catalog):
    queries = load_queries()
    assert len(queries) >= 200
    assert len({str(item["q"]) for item in queries}) == len(queries), "duplicate queries"
    out_of_faq = [item for item in queries if item["expect"] == "none"]
    assert len(out_of_faq) >= 40
    expected = set()
    for item in queries:
        assert item["split"] in SPLITS, item
        if item["expect"] != "none":
            assert item["expect"] and set(item["expect"]) <= set(bundled_catalog.answers), item
            expected |= set(item["expect"])
    assert expected == set(bundled_catalog.answers), (
        f"answers no query asks for: {set(bundled_catalog.answers) - expected}"
    )
    for split in SPLITS:
        in_split = [item for item in queries if item["split"] == split]
        assert sum(item["expect"] == "none" for item in in_split) >= 20, split
        assert len(in_split) >= 100, split


@pytest.mark.parametrize("split", SPLITS)
def test_each_half_meets_every_goal(bundled_index, bundled_catalog, split):
    metrics = evaluate(bundled_index, bundled_catalog, load_queries(), split)
    assert not metrics.shortfalls(), "\n".join([metrics.line(), *metrics.shortfalls(), *metrics.misses])


@pytest.mark.parametrize("split", SPLITS)
def test_the_readme_quotes_each_half_as_it_scores_now(bundled_index, bundled_catalog, split):
    """The table under "Search quality" is what a reader trusts; it must not go stale when search changes."""
    rates = evaluate(bundled_index, bundled_catalog, load_queries(), split).rates()
    row = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith(f"| {split} ("))
    quoted = [cell.strip() for cell in row.strip("|").split("|")[1:]]
    now = [percent(rates[name]) for name in ("top-1", "top-3", "not-found", "honest")]
    assert quoted == now, f"README says {quoted}, search scores {now}"


def percent(rate: float) -> str:
    """As the README writes a rate: one decimal, none for a whole number ("93.3 %", "100 %")."""
    text = f"{rate * 100:.1f}".removesuffix(".0")
    return f"{text} %"
