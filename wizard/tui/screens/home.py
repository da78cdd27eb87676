"""Home: the product title, the task list and the search box.

Typing in the search box replaces the task list by live results; Esc brings
the task list back. Number keys highlight a task, Enter starts it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.tui.safe import assemble
from wizard.tui.screens.base import WizardScreen
from wizard.tui.widgets.search_results import SearchResults


class HomeScreen(WizardScreen):
    """The task list (catalog.ordered_trees()) with a search box above it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "key_pick", id="pick", key_display="1-9"),
        *(Binding(str(n), f"pick({n - 1})", "key_pick", id=f"pick-{n}", show=False) for n in range(2, 10)),
        Binding("escape", "clear_search", "key_close", id="clear-search", show=False),
        Binding("down", "focus_results", "key_open", id="to-results", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(Content(self.t("app_title")), id="home-title")
            yield Static(Content(self.t("home_subtitle")), id="home-subtitle")
            yield Input(placeholder=self.t("search_placeholder"), id="search")
            yield Static(Content(self.t("tasks_heading")), id="tasks-heading", classes="heading")
            yield OptionList(id="tasks")
            yield SearchResults(id="results")
            yield Static(Content(self.t("search_none")), id="no-results")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#tasks").focus()

    def show(self) -> None:
        """List the tasks of the app's current catalog (again after a reload)."""
        tasks = self.query_one("#tasks", OptionList)
        highlighted = tasks.highlighted
        options = []
        for number, task in enumerate(self.wizard.tasks(), start=1):
            prompt = assemble((f"{number}. ", "bold"), (task.title, "bold"), "\n   ", (task.summary, "dim"))
            options.append(Option(prompt, id=task.id))
        tasks.set_options(options)
        if options:
            tasks.highlighted = min(highlighted or 0, len(options) - 1)
        self._show_results(self.query_one("#search", Input).value)

    def focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def _show_results(self, query: str) -> None:
        searching = bool(query.strip())
        results = self.query_one(SearchResults)
        hits = self.wizard.search(query) if searching else []
        results.show_hits(hits, self.t("answer_faq"))
        self.query_one("#tasks").display = not searching
        self.query_one("#tasks-heading", Static).update(
            Content(self.t("search_heading") if searching else self.t("tasks_heading"))
        )
        results.display = searching and bool(hits)
        self.query_one("#no-results").display = searching and not hits

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._show_results(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(SearchResults)
        if results.display and results.option_count:
            self._open(results.get_option_at_index(results.highlighted or 0).id)

    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, answer_id: str | None) -> None:
        if answer_id is None:
            return
        query = self.query_one("#search", Input).value.strip()
        self.wizard.open_answer(answer_id, via=self.t("search_via").format(query), fresh=True)

    @on(OptionList.OptionSelected, "#tasks")
    def _task_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.wizard.start_task(event.option.id)

    def action_pick(self, index: int) -> None:
        """Highlight task number ``index + 1`` (Enter then starts it)."""
        tasks = self.query_one("#tasks", OptionList)
        if tasks.display and index < tasks.option_count:
            tasks.highlighted = index
            tasks.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        self._show_results("")
        self.query_one("#tasks").focus()

    def action_focus_results(self) -> None:
        results = self.query_one(SearchResults)
        target = results if results.display else self.query_one("#tasks", OptionList)
        target.focus()
