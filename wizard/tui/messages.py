"""What screens and widgets ask the app to do: messages up, never calls into the App.

A screen shows the session it was given and reports the clerk's intent; the
app asks the engine (:class:`wizard.engine.session.Session`) and then makes
the screen stack match where the session stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from wizard.engine.search import Hit


class StartTask(Message):
    """Begin a new session at the first question of a tree."""

    def __init__(self, tree_id: str) -> None:
        super().__init__()
        self.tree_id = tree_id


class Choose(Message):
    """Pick option ``index`` (0-based) of the current question."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class GoBack(Message):
    """One step back; from the first place, back to the task list."""


class BackTo(Message):
    """Return to the place where step ``step`` of the session's history was chosen."""

    def __init__(self, step: int) -> None:
        super().__init__()
        self.step = step


class Restart(Message):
    """Back to the first question of the task."""


class SearchFor(Message):
    """Search for ``text`` (pasted, or typed with no box in focus): in the home box, or over the question."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class BurstSent(Message):
    """Posted behind the keys of a burst already sent to a widget: when it arrives, so have they."""


class GoHome(Message):
    """Drop the session and show the task list."""


class OpenAnswer(Message):
    """Show an answer directly; ``via`` is the trail's label, ``fresh`` starts a new session.

    ``query`` is the search text that found it (kept for the hand-off to a person).
    """

    def __init__(
        self,
        answer_id: str,
        via: str,
        *,
        fresh: bool = False,
        query: str | None = None,
        found: Hit | None = None,
    ) -> None:
        super().__init__()
        self.answer_id = answer_id
        self.via = via
        self.fresh = fresh
        self.query = query
        self.found = found
        """For a search: its best fitting hit (None when the FAQ had no answer), for the outcome log."""


class Searched(Message):
    """The clerk left a search without opening anything; ``found`` as in :class:`OpenAnswer`."""

    def __init__(self, query: str, found: Hit | None) -> None:
        super().__init__()
        self.query = query
        self.found = found


class Solved(Message):
    """The clerk says the answer helped."""


class NotSolved(Message):
    """The clerk says the answer did not help: escalate."""
