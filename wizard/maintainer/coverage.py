"""Tree coverage: which questions, options and answers the examples reach.

Coverage is to trees what line coverage is to code: a maintainer sees at once
which branches no example walks. What counts, exactly:

- an **option** is covered when a passing example of its own tree takes it;
- a **question** is covered when a passing example of its own tree stands on it;
- an **answer of a tree** (an answer id some option of that tree ends at) is
  covered when a passing example of that tree ends there through its option.

Each tree file answers for itself: a walk that follows ``tree:`` into another
tree checks that path but covers nothing over there, so deleting any example
from a tree file shows up in that file's coverage.

Only examples that reach their ``expect:`` answer count: a wrong example proves
nothing about the branches it happens to cross. Everything here is linear in the
size of the catalog plus the examples, so a tree of 100 000 questions is fine.
No Textual, no I/O besides what the caller asks for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from wizard.content.gc_pause import gc_paused
from wizard.content.graph import Node, bfs
from wizard.content.model import Catalog
from wizard.content.source import SourceIndex
from wizard.content.text import one_line
from wizard.content.walk import Verdict, Walk, Walker

MIN_SIMILAR = 8
"""Similar questions (相似问法) an answer should list: the clerks' own ways of asking for it."""

# Counting ---------------------------------------------------------------------------------------------


class Coverage:
    """Hit counts for every question, option and tree answer of one catalog."""

    def __init__(self, catalog: Catalog, index: SourceIndex | None = None) -> None:
        self.catalog = catalog
        self.index = index or SourceIndex()
        self.walker = Walker(catalog)
        self.question_hits: dict[Node, int] = {}
        self.option_hits: dict[tuple[str, str, int], int] = {}
        self.answer_hits: dict[tuple[str, str], int] = {}

    def record(self, trace: Walk, tree_id: str) -> None:
        """Count a passing example of ``tree_id``: only the steps it takes in that tree."""
        for step_tree, question_id, number in trace.steps:
            if step_tree != tree_id:
                continue
            node = (tree_id, question_id)
            self.question_hits[node] = self.question_hits.get(node, 0) + 1
            key = (tree_id, question_id, number)
            self.option_hits[key] = self.option_hits.get(key, 0) + 1
        if trace.answer is not None and trace.answer_tree == tree_id:
            key2 = (tree_id, trace.answer)
            self.answer_hits[key2] = self.answer_hits.get(key2, 0) + 1

    def run_example(self, tree_id: str, number: int) -> tuple[Walk, Verdict | None]:
        """Walk one example and count it when it passes; the walk and, on failure, why."""
        walk, verdict = self.walker.check(tree_id, self.catalog.trees[tree_id].examples[number])
        if verdict is None:
            self.record(walk, tree_id)
        return walk, verdict

    def run_examples(self, tree_ids: Iterable[str] | None = None) -> list[tuple[str, int, Verdict]]:
        """Walk the examples of ``tree_ids`` (default: all); returns (tree, example index, verdict) per failure."""
        failures = []
        with gc_paused():
            for tree_id in self.catalog.trees if tree_ids is None else tree_ids:
                for number in range(len(self.catalog.trees[tree_id].examples)):
                    verdict = self.run_example(tree_id, number)[1]
                    if verdict is not None:
                        failures.append((tree_id, number, verdict))
        return failures

    # Locations -------------------------------------------------------------------------------------
    def tree_path(self, tree_id: str) -> str:
        return self.index.tree_path(tree_id)

    def question_line(self, tree_id: str, question_id: str) -> int:
        return self.index.tree_line(tree_id, ("nodes", question_id), key=True)

    def option_line(self, tree_id: str, question_id: str, number: int) -> int:
        return self.index.tree_line(tree_id, ("nodes", question_id, "options", number))

    def report(self, tree_ids: Iterable[str] | None = None) -> Report:
        """Covered/total and what is missing, per tree, in catalog order; and the answers short of similar questions."""
        wanted = list(self.catalog.trees) if tree_ids is None else list(tree_ids)
        return Report({tree_id: self._tree_report(tree_id) for tree_id in wanted}, self.few_similar())

    def few_similar(self) -> list[FewSimilar]:
        """Answers with fewer than :data:`MIN_SIMILAR` similar questions: search has too little to go on."""
        found = []
        for answer_id, answer in self.catalog.answers.items():
            if len(answer.similar) < MIN_SIMILAR:
                path, (line, _) = self.index.answer_at(answer_id, key=True)
                found.append(FewSimilar(answer_id, path, line, len(answer.similar)))
        return found

    def _tree_report(self, tree_id: str) -> TreeReport:
        tree = self.catalog.trees[tree_id]
        path = self.tree_path(tree_id)
        report = TreeReport(tree_id, path)
        missing_questions: list[Missing] = []
        missing_options: list[Missing] = []
        answer_first: dict[str, tuple[str, int]] = {}
        reachable = bfs(tree)
        for question_id, question in tree.nodes.items():
            report.questions.total += 1
            if self.question_hits.get((tree_id, question_id)):
                report.questions.covered += 1
            else:
                line = self.question_line(tree_id, question_id)
                unreachable = question_id not in reachable
                missing_questions.append(
                    Missing("question", tree_id, path, line, question=question_id, unreachable=unreachable)
                )
            for number, option in enumerate(question.options):
                report.options.total += 1
                if self.option_hits.get((tree_id, question_id, number)):
                    report.options.covered += 1
                else:
                    line = self.option_line(tree_id, question_id, number)
                    kind, target = option.target
                    missing_options.append(
                        Missing(
                            "option", tree_id, path, line, question_id, number, option.label, target=f"{kind}: {target}"
                        )
                    )
                if option.answer and option.answer not in answer_first:
                    answer_first[option.answer] = (question_id, number)
        missing_answers: list[Missing] = []
        for answer_id, (question_id, number) in answer_first.items():
            report.answers.total += 1
            if self.answer_hits.get((tree_id, answer_id)):
                report.answers.covered += 1
            else:
                line = self.option_line(tree_id, question_id, number)
                missing_answers.append(Missing("answer", tree_id, path, line, question_id, number, answer=answer_id))
        report.missing = sorted(missing_questions + missing_options + missing_answers, key=lambda m: m.line)
        return report


@dataclass
class Counts:
    covered: int = 0
    total: int = 0

    @property
    def percent(self) -> float:
        """100 when there is nothing to cover, as coverage tools do."""
        return 100.0 * self.covered / self.total if self.total else 100.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.covered + other.covered, self.total + other.total)

    def to_json(self) -> dict[str, Any]:
        return {"covered": self.covered, "total": self.total, "percent": round(self.percent, 2)}


@dataclass
class Missing:
    """One thing no example reaches, and where it is written."""

    kind: Literal["question", "option", "answer"]
    tree: str
    path: str
    line: int
    question: str | None = None
    option: int | None = None
    label: str | None = None
    answer: str | None = None
    target: str | None = None
    unreachable: bool | None = None
    """True for a question no option of its tree leads to: no example can ever reach it."""

    def describe(self) -> str:
        if self.kind == "question" and self.unreachable:
            return f"question '{self.question}' is unreachable: no option of the tree leads to it"
        if self.kind == "question":
            return f"question '{self.question}' is reached by no example"
        if self.kind == "option":
            return f"option '{self.label}' of question '{self.question}' ({self.target}) is taken by no example"
        return f"answer '{self.answer}' is reached by no example of this tree"

    def format(self) -> str:
        return f"{one_line(self.path)}:{self.line}: {one_line(self.describe())}"

    def to_json(self) -> dict[str, Any]:
        data = {key: value for key, value in self.__dict__.items() if value is not None}
        data["message"] = self.describe()
        return data


@dataclass
class FewSimilar:
    """An answer with fewer similar questions than :data:`MIN_SIMILAR`, and where it is written."""

    answer: str
    path: str
    line: int
    count: int

    def format(self) -> str:
        return (
            f"{one_line(self.path)}:{self.line}: answer '{self.answer}' has {self.count} similar question(s);"
            f" list {MIN_SIMILAR} or more under 'similar:' (how clerks ask for it)"
        )

    def to_json(self) -> dict[str, Any]:
        return {"answer": self.answer, "path": self.path, "line": self.line, "similar": self.count}


@dataclass
class TreeReport:
    tree: str
    path: str
    questions: Counts = field(default_factory=Counts)
    options: Counts = field(default_factory=Counts)
    answers: Counts = field(default_factory=Counts)
    missing: list[Missing] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        return self.questions + self.options + self.answers

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "questions": self.questions.to_json(),
            "options": self.options.to_json(),
            "answers": self.answers.to_json(),
            "percent": round(self.overall.percent, 2),
            "missing": [m.to_json() for m in self.missing],
        }


@dataclass
class Report:
    """Coverage per tree; the total percent is over questions, options and answers together."""

    trees: dict[str, TreeReport]
    few_similar: list[FewSimilar] = field(default_factory=list)
    """Answers that list too few similar questions (reported, not counted in the percent)."""

    def total(self) -> dict[str, Counts]:
        totals = {"questions": Counts(), "options": Counts(), "answers": Counts()}
        for tree in self.trees.values():
            totals["questions"] += tree.questions
            totals["options"] += tree.options
            totals["answers"] += tree.answers
        return totals

    @property
    def percent(self) -> float:
        totals = self.total()
        return (totals["questions"] + totals["options"] + totals["answers"]).percent

    def to_json(self) -> dict[str, Any]:
        totals = self.total()
        total: dict[str, Any] = {name: counts.to_json() for name, counts in totals.items()}
        total["percent"] = round(self.percent, 2)
        return {
            "trees": {tree_id: tree.to_json() for tree_id, tree in self.trees.items()},
            "total": total,
            "few_similar": [item.to_json() for item in self.few_similar],
        }

    def text(self, *, show_missing: bool = True) -> str:
        """A table like pytest-cov's, then one ``file:line: what`` line per missing item."""
        rows = [("tree", "questions", "options", "answers", "cover")]
        for tree in self.trees.values():
            rows.append(
                (
                    tree.tree,
                    _fraction(tree.questions),
                    _fraction(tree.options),
                    _fraction(tree.answers),
                    f"{tree.overall.percent:.0f}%",
                )
            )
        totals = self.total()
        rows.append(
            (
                "TOTAL",
                _fraction(totals["questions"]),
                _fraction(totals["options"]),
                _fraction(totals["answers"]),
                f"{self.percent:.0f}%",
            )
        )
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        lines = []
        for number, row in enumerate(rows):
            if number == len(rows) - 1:
                lines.append("-" * (sum(widths) + 8))
            cells = [row[0].ljust(widths[0])] + [
                cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
            ]
            lines.append("  ".join(cells))
        missing = [m for tree in self.trees.values() for m in tree.missing]
        if show_missing and missing:
            lines += ["", "Missing:"] + [m.format() for m in missing]
        if self.few_similar:
            lines += ["", f"Answers with fewer than {MIN_SIMILAR} similar questions:"]
            lines += [item.format() for item in self.few_similar]
        return "\n".join(lines)


def _fraction(counts: Counts) -> str:
    return f"{counts.covered}/{counts.total}"
