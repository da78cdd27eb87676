"""Search quality on tests/data/search_eval.yaml, per split, as the front ends see it (``find``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wizard.content.model import Catalog
from wizard.engine.search import SearchIndex

EVAL = Path(__file__).resolve().parent.parent / "data" / "search_eval.yaml"
SPLITS = ("tune", "holdout")
GOALS = {"top-1": 0.90, "top-3": 0.98, "honest": 0.85}
MAX_NOT_FOUND = 0.05


def load_queries() -> list[dict]:
    """The clerk queries: ``q``, ``expect`` (answer ids, or ``none``) and ``split``."""
    return yaml.safe_load(EVAL.read_text(encoding="utf-8"))["queries"]


@dataclass
class Metrics:
    """What one split scored, and the queries it got wrong."""

    split: str
    in_faq: int = 0
    top1: int = 0
    top3: int = 0
    not_found: int = 0
    out_of_faq: int = 0
    honest: int = 0
    misses: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        return {
            "top-1": self.top1 / max(self.in_faq, 1),
            "top-3": self.top3 / max(self.in_faq, 1),
            "not-found": self.not_found / max(self.in_faq, 1),
            "honest": self.honest / max(self.out_of_faq, 1),
        }

    def line(self) -> str:
        rates = self.rates()
        return (
            f"{self.split:8} in-FAQ (n={self.in_faq}): top-1 {rates['top-1']:.1%}, top-3 {rates['top-3']:.1%}, "
            f"not found {rates['not-found']:.1%}; out-of-FAQ (n={self.out_of_faq}): honest {rates['honest']:.1%}"
        )

    def shortfalls(self) -> list[str]:
        """The goals this split misses, as readable lines; [] when it meets them all."""
        rates = self.rates()
        missed = [f"{name} {rates[name]:.1%} < {goal:.0%}" for name, goal in GOALS.items() if rates[name] < goal]
        if rates["not-found"] > MAX_NOT_FOUND:
            missed.append(f"not found {rates['not-found']:.1%} > {MAX_NOT_FOUND:.0%}")
        return missed


def evaluate(index: SearchIndex, catalog: Catalog, queries: list[dict], split: str) -> Metrics:
    """Top-1 and top-3 as ``wizard ask --top 3`` shows them; honest = not found, or the way out first."""
    metrics = Metrics(split)
    for item in queries:
        if item["split"] != split:
            continue
        findings = index.find(str(item["q"]), top=3)
        ranked = [hit.answer for hit in findings.hits]
        if item["expect"] == "none":
            metrics.out_of_faq += 1
            honest = not findings.answered or catalog.answers[ranked[0]].kind == "escalation"
            metrics.honest += honest
            if not honest:
                metrics.misses.append(f"answered {item['q']!r} with {ranked[0]} ({findings.hits[0].score})")
            continue
        metrics.in_faq += 1
        expected = set(item["expect"])
        first = findings.answered and ranked[0] in expected
        metrics.top1 += first
        metrics.top3 += bool(expected & set(ranked))
        metrics.not_found += not findings.answered
        if not first:
            why = "not found" if not findings.answered else "wrong first"
            metrics.misses.append(f"{why}: {item['q']!r} → {ranked}, want {item['expect']}")
    return metrics
