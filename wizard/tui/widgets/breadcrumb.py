"""The answers given so far; selecting one goes back to that question.

A vertical list rather than one line: Textual has no wrapping row layout, and
long Chinese labels must wrap, not be cropped. Each option's id names the
history step to return to (:attr:`wizard.engine.session.Crumb.step`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets.option_list import Option

from wizard.tui.prose import Piece, hanging
from wizard.tui.widgets.choices import Choices

if TYPE_CHECKING:
    from wizard.engine.session import Crumb


class Breadcrumb(Choices):
    """One option per crumb of the session's trail, oldest first."""

    def show_crumbs(self, crumbs: Sequence[Crumb]) -> None:
        options = []
        for number, crumb in enumerate(crumbs, start=1):
            parts: list[Piece] = [(crumb.question, "dim"), " › "] if crumb.question else []
            parts.append((crumb.choice, "bold"))
            step = f"step-{crumb.step}" if crumb.step is not None else None
            options.append(Option(hanging(f"{number}. ", parts), id=step))
        self.set_options(options)
        if options:
            self.highlighted = len(options) - 1  # the step most often taken back
        self.display = bool(options)

    @staticmethod
    def step_of(option: Option) -> int | None:
        """The history step an option returns to (None for one that cannot be returned to)."""
        return int(option.id.removeprefix("step-")) if option.id else None
