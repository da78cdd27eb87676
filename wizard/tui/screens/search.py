"""Search from anywhere (`/`): live results as the clerk types, Enter opens, Esc returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Static

from wizard.tui import keys
from wizard.tui.screens.base import SearchingScreen
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from wizard.engine.search import SearchIndex


class SearchScreen(SearchingScreen):
    """A search box over the answers; opening one continues the current session.

    ``index`` is built from the session's own catalog, so what it finds can
    always be opened in the session, even one kept on trees a reload replaced.
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.SEARCH

    def __init__(self, index: SearchIndex | None, lang: str = "zh", *, fresh: bool = False, typed: str = "") -> None:
        super().__init__(lang)
        self._index = index
        self._fresh = fresh
        self._typed = typed

    def compose(self) -> ComposeResult:
        heading = Static(Content(self.t("search_over_title")), classes="heading")
        yield SearchPanel(
            above=[heading],
            fresh=self._fresh,
            lang=self.lang,
            placeholder=self.t("search_over_placeholder"),  # the box has the focus already: no "/ to focus"
            id="search-panel",
        )
        yield KeyBar(self.key_hints(app_keys=False))  # the box has the focus: q, ? and / are letters there

    def on_mount(self) -> None:
        panel = self.query_one(SearchPanel)
        panel.index = self._index
        panel.focus_box(self._typed)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """In the results a digit or Enter opens one; in the box, ↓ goes there."""
        own = keys.SEARCH_RESULTS if self.query_one(SearchPanel).in_results() else None
        self.query_one(KeyBar).set_items(self.key_hints(own, app_keys=False))

    def action_focus_results(self) -> None:
        self.query_one(SearchPanel).focus_results()

    def action_open_result(self, index: int) -> None:
        self.query_one(SearchPanel).open_result(index)

    def action_close(self) -> None:
        self.query_one(SearchPanel).leave()  # a search left over a page counts as one left at the task list
        self.dismiss()
