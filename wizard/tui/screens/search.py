"""Search from anywhere (`/`): live results as the clerk types, Enter opens, Esc returns."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static

from wizard.tui.screens.base import WizardScreen
from wizard.tui.widgets.search_results import SearchResults


class SearchScreen(WizardScreen):
    """A search box over the answers; opening one continues the current session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key_close", id="close-search", key_display="Esc"),
        Binding("down", "focus_results", "key_open", id="search-results", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="search-panel"):
            yield Static(Content(self.t("search_heading")), classes="heading")
            yield Input(placeholder=self.t("search_placeholder"), id="search")
            yield SearchResults(id="results")
            yield Static(Content(self.t("search_none")), id="no-results")
        yield Footer()

    def on_mount(self) -> None:
        self._show_results("")
        self.query_one("#search", Input).focus()

    def _show_results(self, query: str) -> None:
        searching = bool(query.strip())
        hits = self.wizard.search(query) if searching else []
        results = self.query_one(SearchResults)
        results.show_hits(hits, self.t("answer_faq"))
        results.display = bool(hits)
        self.query_one("#no-results").display = searching and not hits

    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        self._show_results(event.value)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        results = self.query_one(SearchResults)
        if results.option_count:
            self._open(results.get_option_at_index(results.highlighted or 0).id)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, answer_id: str | None) -> None:
        if answer_id is None:
            return
        query = self.query_one("#search", Input).value.strip()
        self.wizard.open_answer(answer_id, via=self.t("search_via").format(query))

    def action_focus_results(self) -> None:
        results = self.query_one(SearchResults)
        if results.display:
            results.focus()

    def action_close(self) -> None:
        self.dismiss()
