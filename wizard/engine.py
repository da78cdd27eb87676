"""The wizard as a pure state machine: where the clerk is, how they got there.

Every front end (the Textual app, the line mode, the tests) drives a
:class:`Session`; none of them holds wizard logic. There is no I/O here, so
everything a clerk can do is testable without a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from wizard.i18n import text
from wizard.model import Answer, Catalog, Option, Question


@dataclass(frozen=True, slots=True)
class Place:
    """Where a clerk can stand: a question of a tree, or an answer."""

    tree: str | None = None
    question: str | None = None
    answer: str | None = None


@dataclass(frozen=True)
class Step:
    """One move: from ``place``, the clerk chose ``label`` (or searched, when ``via`` is set)."""

    place: Place
    label: str
    via: bool = False


class SessionError(ValueError):
    """A move that the current place does not allow (a bug in the caller, not in content)."""


class Session:
    """One clerk's walk through the trees, with back, restart and jumps."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._places: list[Place] = []
        self._steps: list[Step] = []
        self._start_via: str | None = None

    # Where we are -----------------------------------------------------------------
    @property
    def started(self) -> bool:
        return bool(self._places)

    @property
    def place(self) -> Place:
        if not self._places:
            raise SessionError("the session has not started")
        return self._places[-1]

    @property
    def start_tree(self) -> str | None:
        """The tree the clerk picked on the home screen (None after a bare search)."""
        return self._places[0].tree if self._places else None

    @property
    def question(self) -> Question | None:
        place = self.place
        if place.tree is None or place.question is None:
            return None
        return self.catalog.trees[place.tree].nodes[place.question]

    @property
    def answer(self) -> Answer | None:
        answer_id = self.place.answer
        return self.catalog.answers[answer_id] if answer_id else None

    @property
    def finished(self) -> bool:
        return self.started and self.place.answer is not None

    @property
    def options(self) -> list[Option]:
        question = self.question
        return list(question.options) if question else []

    @property
    def history(self) -> tuple[Step, ...]:
        """The moves so far, oldest first: each question (or search) and what was chosen."""
        return tuple(self._steps)

    @property
    def can_go_back(self) -> bool:
        return len(self._places) > 1

    # Moves --------------------------------------------------------------------------
    def start(self, tree_id: str) -> None:
        """Begin (or begin again) at the first question of a tree."""
        tree = self.catalog.trees.get(tree_id)
        if tree is None:
            raise SessionError(f"no tree '{tree_id}'")
        self._places = [Place(tree=tree.id, question=tree.start)]
        self._steps = []
        self._start_via = None

    def choose(self, choice: int | str) -> Place:
        """Pick an option by 0-based index or by its label; returns the new place."""
        option = self._option(choice)
        place = self.place
        new = destination(self.catalog, place, option)
        self._steps.append(Step(place, option.label))
        self._places.append(new)
        return new

    def _option(self, choice: int | str) -> Option:
        options = self.options
        if not options:
            raise SessionError("there is no question to answer here")
        if isinstance(choice, int):
            if not 0 <= choice < len(options):
                raise SessionError(f"no option number {choice + 1}")
            return options[choice]
        for option in options:
            if option.label == choice:
                return option
        raise SessionError(f"no option '{choice}'")

    def back(self, steps: int = 1) -> bool:
        """Undo up to ``steps`` moves, never past the start; False when nothing was undone."""
        count = min(steps, len(self._steps))
        for _ in range(count):
            self._steps.pop()
            self._places.pop()
        return count > 0

    def back_to(self, index: int) -> None:
        """Return to the place where ``history[index]`` was chosen (a breadcrumb click)."""
        if not 0 <= index < len(self._steps):
            raise SessionError(f"no step {index}")
        self.back(len(self._steps) - index)

    def restart(self) -> None:
        """Back to the first question of the tree the clerk started with."""
        self.back(len(self._steps))

    def jump_to_answer(self, answer_id: str, via: str) -> None:
        """Show an answer directly (from search, or an escalation); back returns here."""
        if answer_id not in self.catalog.answers:
            raise SessionError(f"no answer '{answer_id}'")
        target = Place(answer=answer_id)
        if not self._places:
            self._places = [target]
            self._steps = []
            self._start_via = via
            return
        self._steps.append(Step(self.place, via, via=True))
        self._places.append(target)

    # Output -------------------------------------------------------------------------
    def trail(self) -> list[tuple[str, str]]:
        """(question or marker, choice) pairs for breadcrumbs and transcripts."""
        pairs = []
        if self._start_via:
            pairs.append(("", self._start_via))
        for step in self._steps:
            if step.via:
                pairs.append(("", step.label))
            else:
                tree = self.catalog.trees[step.place.tree or ""]
                pairs.append((tree.nodes[step.place.question or ""].question, step.label))
        return pairs

    def transcript(self, now: datetime | None = None, lang: str = "zh") -> str:
        """The walk as Markdown: each question and choice, then the answer, with the date."""
        now = now or datetime.now()
        lines = [f"# {text('transcript_title', lang)}", ""]
        lines.append(f"- {text('transcript_date', lang)}{now:%Y-%m-%d %H:%M}")
        if self.start_tree:
            lines.append(f"- {text('transcript_task', lang)}{self.catalog.trees[self.start_tree].title}")
        lines += ["", f"## {text('transcript_steps', lang)}", ""]
        for number, (question, choice) in enumerate(self.trail(), start=1):
            lines.append(f"{number}. {question} — {choice}" if question else f"{number}. {choice}")
        answer = self.answer
        if answer is not None:
            lines += [
                "",
                f"## {text('transcript_answer', lang)}{answer_heading(answer, lang)}",
                "",
                answer.body.strip(),
            ]
            lines += menu_markdown(answer, lang)
        return "\n".join(lines).rstrip() + "\n"


def answer_heading(answer: Answer, lang: str = "zh") -> str:
    """The title with its FAQ number, as shown above an answer."""
    return f"{answer.title}（{text('faq_number', lang).format(answer.faq)}）" if answer.faq else answer.title


def click_paths(answer: Answer, lang: str = "zh") -> list[tuple[str, list[str]]]:
    """Each click path with its heading: its own label, else '操作路径' (numbered when there are several)."""
    numbered = len(answer.menu) > 1
    generic = text("menu_path", lang)
    return [
        (path.label or (f"{generic} {number}" if numbered else generic), list(path.steps))
        for number, path in enumerate(answer.menu, start=1)
    ]


def menu_markdown(answer: Answer, lang: str = "zh") -> list[str]:
    """The click paths of an answer as numbered steps (one list per path)."""
    lines: list[str] = []
    for heading, steps in click_paths(answer, lang):
        lines += ["", f"### {heading}", ""]
        lines += [f"{i}. {step}" for i, step in enumerate(steps, start=1)]
    return lines


Node = tuple[str, str]
"""(tree id, question id): a question anywhere in the catalog."""


@dataclass
class Walk:
    """The result of following a list of labels from a tree's start."""

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

    @property
    def stopped_at_question(self) -> bool:
        return self.answer is None and self.failed_at is None


def destination(catalog: Catalog, place: Place, option: Option) -> Place:
    """Where choosing ``option`` at ``place`` leads: the one rule every walk follows."""
    kind, target = option.target
    if kind == "next":
        return Place(tree=place.tree, question=target)
    if kind == "tree":
        return Place(tree=target, question=catalog.trees[target].start)
    return Place(tree=place.tree, answer=target)


class Walker:
    """Follows labels through one catalog as a clerk would; never raises on content.

    The checks, the coverage report and the pytest plugin all walk examples with
    this one class, so they can never disagree about where a walk goes. It is
    lighter than a :class:`Session` and remembers each question's labels,
    because they walk every example (200 000 of them in the scale benchmark).
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._numbers: dict[Node, dict[str, int]] = {}

    def option_number(self, node: Node, label: str) -> int | None:
        """Index of the first option labelled ``label`` at question ``node``."""
        numbers = self._numbers.get(node)
        if numbers is None:
            numbers = {}
            for number, option in enumerate(self.catalog.trees[node[0]].nodes[node[1]].options):
                numbers.setdefault(option.label, number)
            self._numbers[node] = numbers
        return numbers.get(label)

    def walk(self, tree_id: str, labels: Sequence[str]) -> Walk:
        """Follow ``labels`` from the start of ``tree_id``."""
        catalog = self.catalog
        place = Place(tree=tree_id, question=catalog.trees[tree_id].start)
        result = Walk()
        for index, label in enumerate(labels):
            if place.answer is not None:
                result.unused = len(labels) - index
                break
            node = (place.tree or "", place.question or "")
            number = self.option_number(node, label)
            if number is None:
                result.failed_at = index
                break
            result.steps.append((*node, number))
            place = destination(catalog, place, catalog.trees[node[0]].nodes[node[1]].options[number])
        if place.answer is None:
            result.stopped_at = (place.tree or "", place.question or "")
        else:
            result.answer, result.answer_tree = place.answer, place.tree
        return result


def walk(catalog: Catalog, tree_id: str, labels: Sequence[str]) -> Walk:
    """Follow ``labels`` from the start of ``tree_id`` (one walk; use a :class:`Walker` for many)."""
    return Walker(catalog).walk(tree_id, labels)
