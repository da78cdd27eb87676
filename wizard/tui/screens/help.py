"""The help screen: every key, grouped by where it works.

Built from the key table the screens bind (:data:`wizard.tui.keys.HELP_SECTIONS`),
so it cannot drift from what the keys really do.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from wizard.tui import keys
from wizard.tui.prose import Stack, Wrapped
from wizard.tui.screens.base import WizardScreen
from wizard.tui.widgets.key_bar import KeyBar


class HelpScreen(WizardScreen):
    """A list of keys; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = keys.HELP

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Static(Content(self.t("help_title")), id="help-title", classes="heading")
            yield Static(self.key_table(), id="help-keys")
            yield Static(Content(self.t("help_close")), id="help-close")
        yield KeyBar(self.key_hints())

    def key_table(self) -> Stack:
        """Sections of 'key  description' lines; a long description wraps under itself, not under the key."""
        every_app_key = WizardScreen.app_bindings(self)  # ? too, which the bar leaves out here
        sections = [(title, every_app_key if listed is keys.APP else listed) for title, listed in keys.HELP_SECTIONS]
        width = max(len(keys.key_names(binding)) for _, bindings in sections for binding in keys.shown(bindings)) + 3
        lines: list[Wrapped | None] = []
        for title, bindings in sections:
            if lines:
                lines.append(None)
            lines.append(Wrapped([(self.t(title), "bold underline")]))
            lines += [
                Wrapped(
                    [keys.describe(binding.description, self.lang)], f"  {keys.key_names(binding):<{width}}", "bold"
                )
                for binding in keys.shown(bindings)
            ]
        return Stack(lines)

    def app_bindings(self) -> list[BindingType]:
        """The app's keys for the bar, but ? (按键说明): here it closes the help, and the bar says so."""
        return [key for key in super().app_bindings() if not (isinstance(key, Binding) and key.action == "help")]

    def action_close(self) -> None:
        self.dismiss()
