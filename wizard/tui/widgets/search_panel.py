"""A search box with live results under it: the home screen's and the search screen's.

Typing shows the answers that fit, best first. When none fits, the FAQ has
no answer for the query: the panel says so and offers the way to a person
first (12333 / 社保经办窗口, the query carried into the hand-off), then the
closest topics. Enter opens the highlighted entry, and so does choosing one. The panel is given its
``index`` (attribute down) and posts :class:`wizard.tui.messages.OpenAnswer`
with the query as the step's label (message up); it never calls the App.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from wizard.i18n import text
from wizard.tui.messages import OpenAnswer, Searched
from wizard.tui.prose import wrapped
from wizard.tui.widgets.search_box import SearchBox
from wizard.tui.widgets.search_results import SearchResults

if TYPE_CHECKING:
    from wizard.engine.search import Findings, Hit, SearchIndex

TOP_HITS = 8
CLOSEST_TOPICS = 3
"""Topics listed under the way to a person when the FAQ has no answer: near, but not an answer."""


class SearchPanel(Vertical):
    """The box ``#search``, the hits ``#results`` and the ``#no-results`` line, in one column.

    ``above`` go over the box (a title, a heading). Widgets passed in, or yielded
    inside ``with SearchPanel():``, sit between the box and the results: the home
    screen keeps its task list there. With ``fresh``, an opened hit starts a new
    session instead of continuing the current one.
    """

    class Changed(Message):
        """The box was filled or emptied: ``searching`` says whether results (or "none") show."""

        def __init__(self, panel: SearchPanel, searching: bool) -> None:
            super().__init__()
            self.panel = panel
            self.searching = searching

        @property
        def control(self) -> SearchPanel:
            return self.panel

    def __init__(
        self,
        *between: Widget,
        above: Iterable[Widget] = (),
        fresh: bool = False,
        lang: str = "zh",
        placeholder: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._placeholder = placeholder or text("search_placeholder", lang)
        self._above = list(above)
        self._between = list(between)
        self.fresh = fresh
        self.lang = lang
        self.searching = False
        self._index: SearchIndex | None = None
        self._last: tuple[str, Findings] | None = None
        self._opened = ""
        """The query whose result was opened (already in the outcome log)."""
        self._enter_waits = False
        """Enter was pressed before the index was ready: open the first result when it is."""

    @property
    def index(self) -> SearchIndex | None:
        """The answers to search; None until the trees are loaded (the box then finds nothing yet)."""
        return self._index

    @index.setter
    def index(self, index: SearchIndex | None) -> None:
        self._index = index
        self._last = None
        if self.is_mounted:
            self.show_results()
            if index is not None and self._enter_waits:
                self._submitted()

    def compose_add_child(self, widget: Widget) -> None:
        self._between.append(widget)

    def compose(self) -> ComposeResult:
        yield from self._above
        yield SearchBox(placeholder=self._placeholder, id="search")
        yield from self._between
        results = SearchResults(id="results")
        none = Static(Content(text("search_none", self.lang)), id="no-results")
        results.display = none.display = False
        yield none
        yield results

    @property
    def query_text(self) -> str:
        return self.query_one("#search", Input).value

    def findings(self, query: str) -> Findings | None:
        """What a search for ``query`` finds; None for an empty box or before the trees are loaded.

        The last answer is kept: showing the results, opening one and leaving the box all ask about the
        same query, and one search per keystroke is enough.
        """
        if self._index is None or not query.strip():
            return None
        if self._last is None or self._last[0] != query:
            self._last = (query, self._index.find(query, top=TOP_HITS))
        return self._last[1]

    def hits(self, query: str) -> list[Hit]:
        """The entries to list for ``query``: the answers that fit; else the way to a person, then the closest.

        A hit that does not fit is never listed as an answer: '户籍' should not
        list every answer that happens to contain 户 (as in 单位用户).
        """
        findings = self.findings(query)
        if findings is None:
            return []
        if findings.answered:
            return findings.fitting
        closest = findings.closest[:CLOSEST_TOPICS]
        return [findings.escalation, *closest] if findings.escalation is not None else closest

    def show_results(self, query: str | None = None) -> None:
        """Show the entries for ``query`` (by default the box's text, e.g. again after a reload)."""
        if query is None:
            query = self.query_text
        searching = bool(query.strip())
        findings = self.findings(query)
        hits = self.hits(query)
        results = self.query_one(SearchResults)
        results.show_hits(hits, text("answer_faq", self.lang))
        results.display = bool(hits)
        none = self.query_one("#no-results", Static)
        loading = searching and self._index is None  # the first keys of a page that has just shown
        none.display = loading or (findings is not None and not findings.answered)
        if loading:
            none.update(wrapped(text("search_loading", self.lang)))
        elif findings is not None and none.display:
            key = (
                "search_none"
                if findings.escalation is None
                else "search_not_in_faq"
                if findings.closest
                else "search_not_in_faq_alone"
            )
            none.update(wrapped(findings.no_such_faq_note(self.lang) + text(key, self.lang)))
        if searching != self.searching:
            self.searching = searching
            self.post_message(self.Changed(self, searching))

    def clear(self) -> None:
        """Empty the box and hide the results (a search left unopened goes to the outcome log)."""
        self.leave()
        self._opened = ""
        self.query_one("#search", Input).value = ""
        self.show_results("")

    def leave(self) -> None:
        """The clerk leaves the box's query: unless they opened one of its results, it goes to the outcome log
        as a search that opened nothing (the app's, so that it arrives when the search's screen is gone)."""
        query = self.query_text.strip()
        if query and query != self._opened:
            self.app.post_message(Searched(query, self._best(query)))

    @property
    def box(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    def focus_box(self, typed: str = "") -> None:
        """Put the focus in the box; ``typed`` (text typed while it was elsewhere) goes in at the cursor."""
        box = self.query_one("#search", SearchBox)
        if typed:
            box.type_in(typed)
        else:
            box.focus()

    def typing(self) -> bool:
        """Whether a question is being typed here: the box holds one and the results do not have the focus."""
        return bool(self.query_text) and not self.in_results()

    def in_results(self) -> bool:
        """Whether the focus is in the results (a digit or Enter opens one there)."""
        return self.query_one(SearchResults).has_focus

    def focus_results(self) -> bool:
        """Move the focus into the results, if they show; whether they do."""
        results = self.query_one(SearchResults)
        if results.display:
            results.focus()
        return results.display

    def open_result(self, index: int) -> bool:
        """Open result number ``index + 1`` (its digit key), if the results show that many; whether it did."""
        results = self.query_one(SearchResults)
        if not results.display or index >= results.option_count:
            return False
        results.highlighted = index
        self._open(results.get_option_at_index(index).id)
        return True

    @on(SearchResults.LeftAtTop)
    def _back_to_the_question(self, event: SearchResults.LeftAtTop) -> None:
        event.stop()
        self.query_one("#search", SearchBox).edit()

    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        self._enter_waits = False
        self.show_results(event.value)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self._enter_waits = self._index is None and bool(self.query_text.strip())
        results = self.query_one(SearchResults)
        if results.display and results.option_count:
            self._open(results.get_option_at_index(results.highlighted or 0).id)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def _open(self, answer_id: str | None) -> None:
        if answer_id is None:
            return
        query = self.query_text.strip()
        self._opened = query
        via = text("search_via", self.lang).format(query)
        self.post_message(OpenAnswer(answer_id, via, fresh=self.fresh, query=query, found=self._best(query)))

    def _best(self, query: str) -> Hit | None:
        """The best hit that answers ``query``; None when the FAQ has none."""
        findings = self.findings(query)
        return findings.hits[0] if findings is not None and findings.answered else None
