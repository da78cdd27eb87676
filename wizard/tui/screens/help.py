"""The help screen: every key, grouped by where it works.

Built from the same Binding declarations the footers use, so it cannot drift
from what the keys really do.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from wizard.tui.keys import describe, shown
from wizard.tui.screens.base import WizardScreen


class HelpScreen(WizardScreen):
    """A list of keys; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key_close", id="close-help", key_display="Esc"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Static(Content(self.t("help_title")), id="help-title", classes="heading")
            yield Static(self.key_table(), id="help-keys")
            yield Static(Content(self.t("help_close")), id="help-close")
        yield Footer()

    def key_table(self) -> Content:
        """Sections of 'key  description' lines, from the screens' BINDINGS."""
        from wizard.tui.app import WizardApp
        from wizard.tui.screens.answer import AnswerScreen
        from wizard.tui.screens.home import HomeScreen
        from wizard.tui.screens.question import QuestionScreen
        from wizard.tui.screens.search import SearchScreen

        lang = self.wizard.lang
        sections: list[tuple[str, list[Binding]]] = [
            ("help_everywhere", shown(WizardApp.BINDINGS)),
            ("help_home", [*shown(HomeScreen.BINDINGS), _enter("key_start")]),
            ("help_question", [*shown(QuestionScreen.BINDINGS), Binding("tab", "", "key_crumb", key_display="Tab")]),
            ("help_answer", shown(AnswerScreen.BINDINGS)),
            ("help_search", [*shown(SearchScreen.BINDINGS), _enter("key_open")]),
        ]
        parts: list[tuple[str, str] | str] = []
        for title, bindings in sections:
            if parts:
                parts.append("\n\n")
            parts.append((self.t(title), "bold underline"))
            for binding in bindings:
                keys = binding.key_display or self.app.get_key_display(binding)
                if binding.key == "escape,backspace":
                    keys = "Esc / Backspace"
                elif binding.key == "home,h":
                    keys = "Home / h"
                parts += ["\n", (f"  {keys:<16}", "bold"), describe(binding.description, lang)]
        return Content.assemble(*parts)

    def action_close(self) -> None:
        self.dismiss()


def _enter(description: str) -> Binding:
    return Binding("enter", "", description, key_display="Enter")
