"""Home: the product title, the task list and the search box.

Typing in the search box replaces the task list by live results; Esc brings
the task list back. Number keys highlight a task, Enter starts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.tui import keys
from wizard.tui.home_cache import Task
from wizard.tui.messages import StartTask
from wizard.tui.prose import Stack, Wrapped
from wizard.tui.screens.base import WizardScreen
from wizard.tui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from wizard.engine.search import SearchIndex


class HomeScreen(WizardScreen):
    """The task list with a search box above it; the app sets ``tasks`` and ``search_index``."""

    BINDINGS: ClassVar[list[BindingType]] = keys.HOME

    REFRESH_ON_RESUME = False  # the task list does not follow the session; keep the clerk's place in the results

    def __init__(self, tasks: Sequence[Task] = (), lang: str = "zh") -> None:
        super().__init__(lang)
        self._tasks = list(tasks)
        self._index: SearchIndex | None = None

    @property
    def tasks(self) -> list[Task]:
        return self._tasks

    @tasks.setter
    def tasks(self, tasks: Sequence[Task]) -> None:
        self._tasks = list(tasks)
        if self.is_mounted:
            self.show()

    @property
    def search_index(self) -> SearchIndex | None:
        return self._index

    @search_index.setter
    def search_index(self, index: SearchIndex | None) -> None:
        self._index = index
        if self.is_mounted:
            self.query_one(SearchPanel).index = index

    def compose(self) -> ComposeResult:
        title = Static(Content(self.t("app_title")), id="home-title")
        subtitle = Static(Content(self.t("home_subtitle")), id="home-subtitle")
        with SearchPanel(above=[title, subtitle], fresh=True, lang=self.lang, id="home"):
            yield Static(Content(self.t("tasks_heading")), id="tasks-heading", classes="heading")
            yield OptionList(id="tasks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchPanel).index = self._index
        self.query_one("#tasks").focus()  # WizardScreen.on_mount then lists the tasks

    def show(self) -> None:
        """List the tasks (again after a reload), keeping the highlighted one."""
        tasks = self.query_one("#tasks", OptionList)
        highlighted = tasks.highlighted
        options = []
        for number, task in enumerate(self._tasks, start=1):
            lead = f"{number}. "
            prompt = Stack(
                [Wrapped([(task.title, "bold")], lead, "bold"), Wrapped([(task.summary, "dim")], " " * len(lead))]
            )
            options.append(Option(prompt, id=task.id))
        tasks.set_options(options)
        if options:
            tasks.highlighted = min(highlighted or 0, len(options) - 1)

    def focus_search(self) -> None:
        self.query_one(SearchPanel).focus_box()

    @on(SearchPanel.Changed)
    def _searching(self, event: SearchPanel.Changed) -> None:
        """While the box holds a query, its results take the task list's place."""
        self.query_one("#tasks").display = not event.searching
        self.query_one("#tasks-heading", Static).update(
            Content(self.t("search_heading") if event.searching else self.t("tasks_heading"))
        )

    @on(OptionList.OptionSelected, "#tasks")
    def _task_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(StartTask(event.option.id))

    def action_pick(self, index: int) -> None:
        """Highlight task number ``index + 1`` (Enter then starts it)."""
        tasks = self.query_one("#tasks", OptionList)
        if tasks.display and index < tasks.option_count:
            tasks.highlighted = index
            tasks.focus()

    def action_clear_search(self) -> None:
        self.query_one(SearchPanel).clear()
        self.query_one("#tasks").focus()

    def action_focus_results(self) -> None:
        if not self.query_one(SearchPanel).focus_results():
            self.query_one("#tasks", OptionList).focus()
