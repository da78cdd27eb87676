"""The wizard as a pure state machine: where the clerk is, how they got there, and the rules of moving.

Every front end (the Textual app, the line mode, the tests) drives a
:class:`Session`; none of them holds wizard logic. Where an option leads is
:func:`wizard.content.graph.target`'s decision, never the session's. There is
no I/O here, so everything a clerk can do is testable without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wizard.content.graph import options, target
from wizard.content.model import Answer, Catalog, Option, Question
from wizard.engine.privacy import mask


@dataclass(frozen=True, slots=True)
class Place:
    """Where a clerk can stand: a question of a tree, or an answer.

    At an answer, ``path`` is the click path the clerk's choice picked (None:
    all of them), and ``tried`` the answer that did not help, when "not
    solved" led here, with ``tried_path`` the click path it was shown with.
    """

    tree: str | None = None
    question: str | None = None
    answer: str | None = None
    path: str | None = None
    tried: str | None = None
    tried_path: str | None = None


@dataclass(frozen=True)
class Step:
    """One move: from ``place``, the clerk chose ``label`` (or jumped, e.g. by search, when ``via`` is set).

    ``query`` is what the clerk searched for, when the jump came from a search.
    """

    place: Place
    label: str
    via: bool = False
    query: str | None = None


@dataclass(frozen=True)
class Crumb:
    """One line of the trail: the question (empty for a jump) and what was chosen.

    ``step`` is the index to pass to :meth:`Session.back_to` to return there;
    None for the search that opened the session, which has nowhere to return to.
    """

    question: str
    choice: str
    step: int | None


Observer = Callable[[str, dict[str, Any]], None]


class SessionError(ValueError):
    """A move that the current place does not allow (a bug in the caller, not in content)."""


class Session:
    """One clerk's walk through the trees, with back, restart and jumps."""

    def __init__(self, catalog: Catalog, observer: Observer | None = None) -> None:
        self.catalog = catalog
        self.observer = observer
        """Told of every move as (event, fields of content ids and labels): the outcome log listens here."""
        self._places: list[Place] = []
        self._steps: list[Step] = []
        self._start_via: str | None = None
        self._start_query: str | None = None
        self._undone: Step | None = None
        """The last move undone by going back: its label is the option to offer again."""

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
    def task_worked_on(self) -> str | None:
        """The tree the clerk picked and answered a question of: the task a hand-off or transcript names.

        A search made at a task's first question, before any choice, may be about anything: naming the
        task there told 12333 that a 公积金 question concerned account registration.
        """
        if self.start_tree is None or not any(crumb.question for crumb in self.crumbs()):
            return None
        return self.start_tree

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
        """The options at the current question, the catalog's way out last (none at an answer)."""
        place = self.place
        if place.tree is None or place.question is None:
            return []
        return list(options(self.catalog, (place.tree, place.question)))

    @property
    def tried(self) -> Answer | None:
        """The answer that did not solve it, when the clerk said so ("not solved" led here)."""
        answer_id = self.place.tried if self.started else None
        return self.catalog.answers[answer_id] if answer_id else None

    def related(self) -> list[str]:
        """Answers worth offering next: those of the click path the choice picked, else the answer's own."""
        answer = self.answer
        if answer is None:
            return []
        picked = next((path for path in answer.menu if path.label == self.place.path), None)
        related = picked.related if picked is not None and picked.related is not None else answer.related
        return [answer_id for answer_id in related if answer_id in self.catalog.answers]

    @property
    def history(self) -> tuple[Step, ...]:
        """The moves so far, oldest first: each question (or jump) and what was chosen."""
        return tuple(self._steps)

    @property
    def can_go_back(self) -> bool:
        return len(self._places) > 1

    @property
    def at_hand_off(self) -> bool:
        """On an answer that is itself a way to a person (kind escalation, "call 12333"): there is nothing
        to judge as solved or not, and nowhere further to send the clerk."""
        shown = self.catalog.answers.get(self.place.answer or "") if self.started else None
        return shown is not None and shown.kind == "escalation"

    @property
    def can_escalate(self) -> bool:
        """Whether "not solved" has somewhere to send the clerk: the escalation answer, from any other place."""
        return self.catalog.escalation is not None and self.started and not self.at_hand_off

    # Moves --------------------------------------------------------------------------
    def start(self, tree_id: str) -> None:
        """Begin (or begin again) at the first question of a tree."""
        tree = self.catalog.trees.get(tree_id)
        if tree is None:
            raise SessionError(f"no tree '{tree_id}'")
        self._places = [Place(tree=tree.id, question=tree.start)]
        self._steps = []
        self._start_via = self._start_query = None
        self._undone = None
        self._emit("task", tree=tree.id)
        self._emit("question", tree=tree.id, question=tree.start)

    def choose(self, choice: int | str) -> Place:
        """Pick an option by 0-based index or by its label; returns the new place."""
        option = self._option(choice)
        place = self.place
        tree_id = place.tree or ""
        node = target(self.catalog, tree_id, option)
        if node is None:
            new = Place(tree=tree_id, answer=option.answer, path=option.path)
        else:
            new = Place(tree=node[0], question=node[1])
        self._steps.append(Step(place, option.label))
        self._places.append(new)
        self._emit("choice", tree=place.tree, question=place.question, option=option.label)
        if new.answer is not None:
            self._emit("answer", answer=new.answer, via="walk", tree=tree_id)
        else:
            self._emit("question", tree=new.tree, question=new.question)
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

    @property
    def chosen_before(self) -> str | None:
        """The option the clerk had chosen here before coming back to this question; None otherwise."""
        undone = self._undone
        if undone is None or undone.via or not self._places or undone.place != self.place:
            return None
        return undone.label

    def back(self, steps: int = 1) -> bool:
        """Undo up to ``steps`` moves, never past the start; False when nothing was undone."""
        count = min(steps, len(self._steps))
        for _ in range(count):
            self._undone = self._steps.pop()
            self._places.pop()
        if count:
            place = self.place
            self._emit("back", steps=count, tree=place.tree, question=place.question, answer=place.answer)
        return count > 0

    def back_to(self, index: int) -> None:
        """Return to the place where ``history[index]`` was chosen (a crumb picked)."""
        if not 0 <= index < len(self._steps):
            raise SessionError(f"no step {index}")
        self.back(len(self._steps) - index)

    def restart(self) -> None:
        """Back to the first question of the tree the clerk started with, as if new (nothing highlighted)."""
        self.back(len(self._steps))
        self._undone = None

    def jump_to_answer(
        self,
        answer_id: str,
        via: str,
        *,
        tried: str | None = None,
        tried_path: str | None = None,
        query: str | None = None,
    ) -> None:
        """Show an answer directly (from search, or an escalation); back returns here.

        ``query`` is the search that found it: the hand-off to a person repeats it. It is kept masked
        (:func:`~wizard.engine.privacy.mask`), and so is ``via``, which quotes it: the hand-off is pasted
        into a chat with 12333 and a transcript lies in a shared Downloads folder, and neither needs an
        employee's ID-card number to say which error the clerk searched for.
        """
        if answer_id not in self.catalog.answers:
            raise SessionError(f"no answer '{answer_id}'")
        if query:
            query, via = mask(query), mask(via)
        way_out = self.catalog.way_out
        how = (
            "search"
            if query
            else "escalation"
            if tried
            else "way_out"
            if way_out and way_out.answer == answer_id
            else "jump"
        )
        self._emit("answer", answer=answer_id, via=how)
        target_place = Place(answer=answer_id, tried=tried, tried_path=tried_path)
        if not self._places:
            self._places = [target_place]
            self._steps = []
            self._start_via, self._start_query = via, query
            return
        if how == "jump" and self.place.answer == answer_id and self.place.tried is None:
            return  # already here (the same related answer opened twice in one burst of keys)
        earlier = self._earlier(target_place) if how == "jump" else None
        if earlier is not None:  # back to an answer read on the way here: the trail goes back to it too
            del self._places[earlier + 1 :], self._steps[earlier:]
            self._undone = None
            return
        self._steps.append(Step(self.place, via, via=True, query=query))
        self._places.append(target_place)

    def _earlier(self, place: Place) -> int | None:
        """Where on the way here the clerk already read the answer of ``place`` (flipping between two
        related answers piled them up in the trail, and the hand-off named the first of the pile)."""
        for index, earlier in enumerate(self._places[:-1]):
            if earlier.answer == place.answer and earlier.tried is None:
                return index
        return None

    def queries(self) -> list[str]:
        """What the clerk searched for on the way here, oldest first."""
        found = [self._start_query] if self._start_query else []
        return found + [step.query for step in self._steps if step.query]

    def escalate(self, via: str) -> bool:
        """Go to the catalog's escalation answer ("not solved"); False when there is none or the clerk is on it."""
        if not self.can_escalate:
            return False
        tried = self.place.answer
        self._emit("outcome", answer=tried, result="unsolved")
        self.jump_to_answer(self.catalog.escalation or "", via=via, tried=tried, tried_path=self.place.path)
        return True

    def solved(self) -> None:
        """The clerk said the answer shown solved it (a hand-off page solves nothing itself: not recorded)."""
        if self.finished and not self.at_hand_off:
            self._emit("outcome", answer=self.place.answer, result="solved")

    def _emit(self, event: str, **fields: object) -> None:
        if self.observer is not None:
            self.observer(event, fields)

    def rebase(self, catalog: Catalog) -> bool:
        """Carry on with a reloaded ``catalog`` if every place of this walk still exists in it.

        Returns False (and keeps the old catalog) when the walk cannot be shown
        with the new one, so a clerk never loses their place to an edit.
        """
        places = [step.place for step in self._steps] + self._places[-1:]
        if all(_exists(catalog, place) for place in places) and self._labels_exist(catalog):
            self.catalog = catalog
            return True
        return False

    def _labels_exist(self, catalog: Catalog) -> bool:
        """Whether every choice of this walk is still an option where it was chosen (the trail must read true)."""
        for step in self._steps:
            if not step.via and step.place.tree is not None and step.place.question is not None:
                labels = {option.label for option in options(catalog, (step.place.tree, step.place.question))}
                if step.label not in labels:
                    return False
        return True

    # The trail ----------------------------------------------------------------------
    def crumbs(self) -> list[Crumb]:
        """The trail, oldest first, for breadcrumbs and transcripts."""
        crumbs = [Crumb("", self._start_via, None)] if self._start_via else []
        for index, step in enumerate(self._steps):
            if step.via:
                crumbs.append(Crumb("", step.label, index))
            else:
                question = self.catalog.trees[step.place.tree or ""].nodes[step.place.question or ""].question
                crumbs.append(Crumb(question, step.label, index))
        return crumbs

    def trail(self) -> list[tuple[str, str]]:
        """(question or '', choice) pairs: the crumbs without their step numbers."""
        return [(crumb.question, crumb.choice) for crumb in self.crumbs()]


def _exists(catalog: Catalog, place: Place) -> bool:
    """Whether a place of a session can still be shown with ``catalog``."""
    if place.answer is not None:
        return place.answer in catalog.answers and (place.tried is None or place.tried in catalog.answers)
    tree = catalog.trees.get(place.tree or "")
    return tree is not None and (place.question or "") in tree.nodes
