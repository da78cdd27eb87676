"""The answers given so far; selecting one goes back to that question.

A vertical list rather than one line: Textual has no wrapping row layout, and
long Chinese labels must wrap, not be cropped. Each crumb is one history step.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.tui.safe import Part, hanging


class Breadcrumb(OptionList):
    """One option per (question, choice) of the session's trail, oldest first."""

    def show_trail(self, trail: list[tuple[str, str]]) -> None:
        options = []
        for number, (question, choice) in enumerate(trail, start=1):
            parts: list[Part] = [(question, "dim"), " › "] if question else []
            parts.append((choice, "bold"))
            options.append(Option(hanging(f"{number}. ", parts), id=f"step-{number - 1}"))
        self.set_options(options)
        if options:
            self.highlighted = len(options) - 1  # the step most often taken back
        self.display = bool(options)
