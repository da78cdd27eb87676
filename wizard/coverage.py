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

import json
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from wizard.checks import SourceIndex
from wizard.diagnostics import Diagnostic, Severity, did_you_mean
from wizard.engine import Node, Walk, Walker
from wizard.gc_pause import gc_paused
from wizard.model import Catalog, Example

EXAMPLE_CODES = frozenset({"WZ050", "WZ051"})
"""Diagnostics about examples: they fail one example, not the whole catalog."""


def example_passes(trace: Walk, example: Example) -> bool:
    return trace.failed_at is None and not trace.unused and trace.answer == example.expect


def explain_failure(catalog: Catalog, example: Example, trace: Walk) -> str:
    """Why an example fails, in one sentence a maintainer can act on."""
    if trace.failed_at is not None and trace.stopped_at is not None:
        label = example.choose[trace.failed_at]
        tree_id, question_id = trace.stopped_at
        labels = list(dict.fromkeys(o.label for o in catalog.trees[tree_id].nodes[question_id].options))
        hint = did_you_mean(label, labels)
        where = f"at question '{trace.stopped_at[1]}'"
        if hint:
            return f"{where}: no option '{label}' — {hint}"
        return f"{where}: no option '{label}' (the options are: {', '.join(repr(x) for x in labels)})"
    if trace.answer is None and trace.stopped_at is not None:
        return f"stopped at question '{trace.stopped_at[1]}' before reaching an answer; add the next choice"
    if trace.unused:
        return f"reached answer '{trace.answer}' with {trace.unused} choice(s) left over"
    return f"ended at answer '{trace.answer}', expected '{example.expect}'"


# Counting ---------------------------------------------------------------------------------------------


class Coverage:
    """Hit counts for every question, option and tree answer of one catalog."""

    def __init__(self, catalog: Catalog, index: SourceIndex | None = None) -> None:
        self.catalog = catalog
        self.index = index
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

    def run_examples(self, tree_ids: Iterable[str] | None = None) -> list[tuple[str, int, str]]:
        """Walk the examples of ``tree_ids`` (default: all); returns (tree, example index, why) per failure."""
        failures = []
        with gc_paused():
            for tree_id in self.catalog.trees if tree_ids is None else tree_ids:
                for number, example in enumerate(self.catalog.trees[tree_id].examples):
                    trace = self.walker.walk(tree_id, example.choose)
                    if example_passes(trace, example):
                        self.record(trace, tree_id)
                    else:
                        failures.append((tree_id, number, explain_failure(self.catalog, example, trace)))
        return failures

    # Locations -------------------------------------------------------------------------------------
    def tree_path(self, tree_id: str) -> str:
        if self.index is not None and tree_id in self.index.trees:
            return self.index.trees[tree_id].path
        return tree_id

    def question_line(self, tree_id: str, question_id: str) -> int:
        if self.index is None or tree_id not in self.index.trees:
            return 0
        return self.index.trees[tree_id].locate(("nodes", question_id), key=True)[0]

    def option_line(self, tree_id: str, question_id: str, number: int) -> int:
        if self.index is None or tree_id not in self.index.trees:
            return 0
        return self.index.trees[tree_id].locate(("nodes", question_id, "options", number))[0]

    def report(self, tree_ids: Iterable[str] | None = None) -> Report:
        """Covered/total and what is missing, per tree, in catalog order."""
        wanted = list(self.catalog.trees) if tree_ids is None else list(tree_ids)
        return Report({tree_id: self._tree_report(tree_id) for tree_id in wanted})

    def _tree_report(self, tree_id: str) -> TreeReport:
        tree = self.catalog.trees[tree_id]
        path = self.tree_path(tree_id)
        report = TreeReport(tree_id, path)
        missing_questions: list[Missing] = []
        missing_options: list[Missing] = []
        answer_first: dict[str, tuple[str, int]] = {}
        reachable = _reachable(self.catalog, tree_id)
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


def _reachable(catalog: Catalog, tree_id: str) -> set[str]:
    """Questions of a tree that ``next:`` links reach from its start."""
    tree = catalog.trees[tree_id]
    seen = {tree.start}
    todo = [tree.start]
    while todo:
        for option in tree.nodes[todo.pop()].options:
            if option.next and option.next not in seen and option.next in tree.nodes:
                seen.add(option.next)
                todo.append(option.next)
    return seen


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
        return f"{self.path}:{self.line}: {self.describe()}"

    def to_json(self) -> dict[str, Any]:
        data = {key: value for key, value in self.__dict__.items() if value is not None}
        data["message"] = self.describe()
        return data


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
        return {"trees": {tree_id: tree.to_json() for tree_id, tree in self.trees.items()}, "total": total}

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
        return "\n".join(lines)


def _fraction(counts: Counts) -> str:
    return f"{counts.covered}/{counts.total}"


# Loading ----------------------------------------------------------------------------------------------


@dataclass
class Loaded:
    """A catalog ready for coverage (None when the trees cannot be used) and every diagnostic."""

    catalog: Catalog | None
    index: SourceIndex | None
    diagnostics: list[Diagnostic]

    @property
    def example_problems(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.code in EXAMPLE_CODES]


def load(paths: Sequence[Path]) -> Loaded:
    """Load like ``wizard check``, but keep the catalog when only examples are wrong.

    A wrong example fails that example; it must not hide the coverage of the rest.
    """
    from wizard import checks
    from wizard.loader import load_catalog

    result = load_catalog(paths)
    index = SourceIndex.from_files(result.files)
    if result.catalog is not None:
        return Loaded(result.catalog, index, result.diagnostics)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors and all(d.code in EXAMPLE_CODES for d in errors):
        catalog, _ = checks.assemble(result.files)
        return Loaded(catalog, index, result.diagnostics)
    return Loaded(None, None, result.diagnostics)


# LCOV -------------------------------------------------------------------------------------------------


def lcov(coverage: Coverage, tree_ids: Iterable[str] | None = None) -> str:
    """LCOV records whose lines are the YAML lines of questions and options, one record per tree file.

    A question line's hit count is how many walks stood on it; an option line's is
    how many took it. Each question is also a branch point (BRDA) with one branch
    per option, so editors can show "1 of 3 branches taken".
    """
    out: list[str] = []
    wanted = list(coverage.catalog.trees) if tree_ids is None else list(tree_ids)
    for tree_id in wanted:
        tree = coverage.catalog.trees[tree_id]
        lines: dict[int, int] = {}
        branches: list[str] = []
        taken_branches = 0
        for question_id, question in tree.nodes.items():
            qline = coverage.question_line(tree_id, question_id)
            lines[qline] = max(lines.get(qline, 0), coverage.question_hits.get((tree_id, question_id), 0))
            for number, _ in enumerate(question.options):
                hits = coverage.option_hits.get((tree_id, question_id, number), 0)
                oline = coverage.option_line(tree_id, question_id, number)
                lines[oline] = max(lines.get(oline, 0), hits)
                visited = coverage.question_hits.get((tree_id, question_id), 0)
                branches.append(f"BRDA:{qline},0,{number},{hits if visited else '-'}")
                taken_branches += hits > 0
        out += ["TN:", f"SF:{coverage.tree_path(tree_id)}"]
        out += branches
        out += [f"BRF:{len(branches)}", f"BRH:{taken_branches}"]
        out += [f"DA:{line},{hits}" for line, hits in sorted(lines.items())]
        out += [f"LF:{len(lines)}", f"LH:{sum(1 for hits in lines.values() if hits)}", "end_of_record"]
    return "\n".join(out) + ("\n" if out else "")


# Suggestions ------------------------------------------------------------------------------------------


@dataclass
class Suggestion:
    """A shortest example that takes a so-far uncovered option."""

    tree: str
    path: str
    choose: list[str]
    expect: str
    covers: Missing

    def yaml(self) -> str:
        items = ", ".join(yaml_scalar(label) for label in self.choose)
        name = yaml_scalar(f"{self.covers.question} › {self.covers.label}")
        return f"  - name: {name}\n    choose: [{items}]\n    expect: {self.expect}\n"


class _Shortest:
    """Shortest prefixes from a tree's start and shortest completions to an answer, each computed once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._prefix: dict[str, dict[str, tuple[str, int] | None]] = {}
        self._finish: dict[Node, tuple[int, int]] = {}

    def prefix(self, tree_id: str, question_id: str) -> list[str] | None:
        """Labels from the start of ``tree_id`` to ``question_id`` (BFS over ``next:``), None when unreachable."""
        tree = self.catalog.trees[tree_id]
        parents = self._prefix.get(tree_id)
        if parents is None:
            parents = {tree.start: None}
            queue = deque([tree.start])
            while queue:
                current = queue.popleft()
                for number, option in enumerate(tree.nodes[current].options):
                    if option.next and option.next not in parents and option.next in tree.nodes:
                        parents[option.next] = (current, number)
                        queue.append(option.next)
            self._prefix[tree_id] = parents
        if question_id not in parents:
            return None
        labels: list[str] = []
        step = parents[question_id]
        while step is not None:
            labels.append(tree.nodes[step[0]].options[step[1]].label)
            step = parents[step[0]]
        return labels[::-1]

    def finish(self, node: Node) -> tuple[list[str], str]:
        """The fewest labels from ``node`` to any answer (following ``tree:`` links), and that answer."""
        self._distances(node)
        labels: list[str] = []
        while True:
            tree = self.catalog.trees[node[0]]
            number = self._finish[node][1]
            option = tree.nodes[node[1]].options[number]
            labels.append(option.label)
            if option.answer:
                return labels, option.answer
            node = self._target(node[0], option.next, option.tree)

    def _target(self, tree_id: str, next_id: str | None, linked: str | None) -> Node:
        if next_id:
            return (tree_id, next_id)
        return (linked or "", self.catalog.trees[linked or ""].start)

    def _distances(self, root: Node) -> None:
        """Distance to the nearest answer for ``root`` and all below it: a post-order DP, no recursion."""
        if root in self._finish:
            return
        stack: list[tuple[Node, bool]] = [(root, False)]
        on_stack: set[Node] = set()
        while stack:
            node, expanded = stack.pop()
            if node in self._finish:
                continue
            options = self.catalog.trees[node[0]].nodes[node[1]].options
            if not expanded:
                if node in on_stack:
                    raise ValueError(f"the trees have a cycle through question '{node[1]}'")
                on_stack.add(node)
                stack.append((node, True))
                for option in options:
                    if not option.answer:
                        child = self._target(node[0], option.next, option.tree)
                        if child not in self._finish:
                            stack.append((child, False))
                continue
            on_stack.discard(node)
            best = (0, -1)
            for number, option in enumerate(options):
                child = None if option.answer else self._target(node[0], option.next, option.tree)
                distance = 1 if child is None else 1 + self._finish[child][0]
                if best[1] < 0 or distance < best[0]:
                    best = (distance, number)
            self._finish[node] = best


def suggest(coverage: Coverage, tree_ids: Iterable[str] | None = None) -> list[Suggestion]:
    """One shortest example per uncovered option, skipping options an earlier suggestion already takes."""
    catalog = coverage.catalog
    shortest = _Shortest(catalog)
    taken: set[tuple[str, str, int]] = set()
    suggestions = []
    for tree_id in list(catalog.trees) if tree_ids is None else list(tree_ids):
        for missing in coverage.report([tree_id]).trees[tree_id].missing:
            if missing.kind != "option" or missing.question is None or missing.option is None:
                continue
            key = (tree_id, missing.question, missing.option)
            if key in taken:
                continue
            prefix = shortest.prefix(tree_id, missing.question)
            if prefix is None:
                continue  # unreachable: no example can take it; the question is reported missing too
            option = catalog.trees[tree_id].nodes[missing.question].options[missing.option]
            choose = [*prefix, option.label]
            if option.answer:
                expect = option.answer
            else:
                rest, expect = shortest.finish(shortest._target(tree_id, option.next, option.tree))
                choose += rest
            trace = coverage.walker.walk(tree_id, choose)
            taken.update(trace.steps)
            suggestions.append(Suggestion(tree_id, coverage.tree_path(tree_id), choose, expect, missing))
    return suggestions


def suggestions_yaml(suggestions: list[Suggestion], catalog: Catalog) -> str:
    """Suggestions grouped by tree file, each block ready to paste at the end of its ``examples:`` list."""
    blocks: dict[str, list[Suggestion]] = {}
    for suggestion in suggestions:
        blocks.setdefault(suggestion.tree, []).append(suggestion)
    out = []
    for tree_id, items in blocks.items():
        out.append(f"# {items[0].path}: {len(items)} example(s) for tree '{tree_id}'; add under 'examples:'")
        if not catalog.trees[tree_id].examples:
            out.append("examples:")
        out.append("".join(item.yaml() for item in items).rstrip("\n"))
    return "\n".join(out) + ("\n" if out else "")


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:'\"]*$")


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML flow scalar: plain when unambiguous, otherwise double-quoted (JSON is valid YAML)."""
    import yaml

    if _PLAIN.match(text) and not text.endswith(" "):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
