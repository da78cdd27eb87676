"""Following labels as a clerk would, and the one verdict on an example.

``wizard check``, the coverage report and the pytest plugin walk examples with
:class:`Walker` and judge them with :meth:`Walker.verdict`, so they can never
disagree about where a walk goes or why an example fails. A verdict is worded
by the diagnostic code table (WZ050/WZ051) like every other problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wizard.content.diagnostics import Diagnostic, did_you_mean, make
from wizard.content.graph import Node, options, target
from wizard.content.model import Catalog, Example
from wizard.content.source import Loc, Position


@dataclass
class Walk:
    """Where following a list of labels from a tree's start got to."""

    steps: list[tuple[str, str, int]] = field(default_factory=list)
    """(tree, question, option index) for each choice made."""
    answer: str | None = None
    answer_tree: str | None = None
    """The tree whose option ended the walk at ``answer``."""
    stopped_at: Node | None = None
    """The question where the walk stands when it did not reach an answer."""
    failed_at: int | None = None
    """Index of the label that matched no option (None when every label matched)."""
    unused: int = 0
    """Labels left over after an answer was reached."""


@dataclass(frozen=True)
class Verdict:
    """Why an example fails, worded by the code table, and where in the example to point."""

    code: str
    variant: str
    loc: Loc
    """Relative to the example: ('choose', 2), ('choose',) or ('expect',)."""
    fields: dict[str, object]
    hint: str | None = None

    def diagnostic(self, path: str, position: Position) -> Diagnostic:
        return make(self.code, path, position, self.variant, hint=self.hint, **self.fields)


# (option index, the question it leads to, the answer it ends at) by label, per question.
_Choices = dict[str, tuple[int, Node | None, str | None]]


class Walker:
    """Follows labels through one catalog; never raises on content that passed the reference checks.

    It remembers each question's labels, because the checks, coverage and the
    plugin walk every example (200 000 of them in the scale benchmark).
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._choices: dict[Node, _Choices] = {}

    def choices(self, node: Node) -> _Choices:
        """Each label of question ``node`` (the first of duplicates) with where it leads."""
        found = self._choices.get(node)
        if found is None:
            found = {}
            tree_id = node[0]
            for index, option in enumerate(options(self.catalog, node)):
                if option.label not in found:
                    found[option.label] = (index, target(self.catalog, tree_id, option), option.answer)
            self._choices[node] = found
        return found

    def walk(self, tree_id: str, labels: Sequence[str]) -> Walk:
        """Follow ``labels`` from the start of ``tree_id``."""
        node: Node = (tree_id, self.catalog.trees[tree_id].start)
        result = Walk()
        steps = result.steps
        known = self._choices
        for position, label in enumerate(labels):
            choices = known.get(node)
            if choices is None:
                choices = self.choices(node)
            choice = choices.get(label)
            if choice is None:
                result.failed_at = position
                result.stopped_at = node
                return result
            index, child, answer = choice
            steps.append((node[0], node[1], index))
            if child is None:
                result.answer, result.answer_tree = answer, node[0]
                result.unused = len(labels) - position - 1
                return result
            node = child
        result.stopped_at = node
        return result

    def verdict(self, example: Example, walk: Walk) -> Verdict | None:
        """None when ``walk`` (of ``example``) passes; otherwise why not."""
        if walk.failed_at is not None and walk.stopped_at is not None:
            label = example.choose[walk.failed_at]
            labels = list(self.choices(walk.stopped_at))
            options = ", ".join(f"'{x}'" for x in labels)
            return Verdict(
                "WZ050",
                "",
                ("choose", walk.failed_at),
                {"question": walk.stopped_at[1], "label": label, "options": options},
                did_you_mean(label, labels),
            )
        if walk.answer is None:
            question = walk.stopped_at[1] if walk.stopped_at else ""
            return Verdict("WZ050", "stopped", ("choose",), {"question": question})
        if walk.unused:
            where = ("choose", len(example.choose) - walk.unused)
            return Verdict("WZ050", "left-over", where, {"answer": walk.answer, "count": walk.unused})
        if walk.answer != example.expect:
            return Verdict("WZ051", "", ("expect",), {"answer": walk.answer, "expect": example.expect})
        return None

    def check(self, tree_id: str, example: Example) -> tuple[Walk, Verdict | None]:
        """Walk an example of ``tree_id`` and judge it."""
        walk = self.walk(tree_id, example.choose)
        return walk, self.verdict(example, walk)

    def verdicts(self, tree_id: str, examples: Sequence[Example]) -> list[Verdict | None]:
        """The verdict on each example of ``tree_id``, as :meth:`check` gives it, for a whole list at once.

        Examples share their first choices (every example of a branch starts
        the same way), so they are walked in sorted order and each resumes
        where it parts from the one before: a trie walk. A big tree's 200 000
        examples then cost about as many steps as the tree has options.
        """
        start: Node = (tree_id, self.catalog.trees[tree_id].start)
        known = self._choices
        found: list[Verdict | None] = [None] * len(examples)
        nodes: list[Node] = [start]
        """nodes[k]: the question reached after the first k labels of ``previous`` (while it was on a question)."""
        previous: Sequence[str] = ()
        for number in sorted(range(len(examples)), key=lambda i: examples[i].choose):
            labels = examples[number].choose
            shared = 0
            limit = min(len(labels), len(previous), len(nodes) - 1)
            while shared < limit and labels[shared] == previous[shared]:
                shared += 1
            del nodes[shared + 1 :]
            previous = labels
            walk = Walk()
            node = nodes[shared]
            for position in range(shared, len(labels)):
                choices = known.get(node)
                if choices is None:
                    choices = self.choices(node)
                choice = choices.get(labels[position])
                if choice is None:
                    walk.failed_at, walk.stopped_at = position, node
                    break
                child = choice[1]
                if child is None:
                    walk.answer, walk.answer_tree = choice[2], node[0]
                    walk.unused = len(labels) - position - 1
                    break
                node = child
                nodes.append(node)
            else:
                walk.stopped_at = node
            found[number] = self.verdict(examples[number], walk)
        return found
