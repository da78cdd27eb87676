"""Search from anywhere (`/`): live results as the clerk types, Enter opens, Esc returns."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Static

from wizard.tui.screens.base import WizardScreen
from wizard.tui.widgets.search_panel import SearchPanel


class SearchScreen(WizardScreen):
    """A search box over the answers; opening one continues the current session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key_close", id="close-search", key_display="Esc"),
        Binding("down", "focus_results", "key_open", id="search-results", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield SearchPanel(above=[Static(Content(self.t("search_heading")), classes="heading")], id="search-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchPanel).focus_box()

    def action_focus_results(self) -> None:
        self.query_one(SearchPanel).focus_results()

    def action_close(self) -> None:
        self.dismiss()
