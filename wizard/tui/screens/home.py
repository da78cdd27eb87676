"""Home: the product title, the task list and the search box.

Typing in the search box replaces the task list by live results; Esc brings
the task list back. Number keys highlight a task, Enter starts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.tui import keys
from wizard.tui.held_keys import hold_keys
from wizard.tui.home_cache import Task
from wizard.tui.messages import StartTask
from wizard.tui.prose import Stack, Wrapped
from wizard.tui.screens.base import SearchingScreen
from wizard.tui.widgets.choices import Choices
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.search_panel import SearchPanel

if TYPE_CHECKING:
    from wizard.engine.search import SearchIndex


HOME_CHROME = 10
"""Lines the home screen needs besides the task list: title, search box, heading, borders, keys."""
SUBTITLE = 2
"""Lines the subtitle takes, with its margin."""


class HomeScreen(SearchingScreen):
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
            yield Choices(id="tasks")
        yield KeyBar(self.key_hints())

    def on_mount(self) -> None:
        self.query_one(SearchPanel).index = self._index
        self.query_one("#tasks").focus()  # WizardScreen.on_mount then lists the tasks

    def show(self) -> None:
        """List the tasks (again after a reload or a resize), keeping the highlighted one.

        Where the terminal is short, the subtitle goes first, then the tasks'
        summaries (one line a task), so that the whole list stays in view.
        """
        tasks = self.query_one("#tasks", OptionList)
        highlighted = tasks.highlighted
        room = self.size.height - HOME_CHROME
        roomy = room >= 2 * len(self._tasks)
        self.query_one("#home-subtitle").display = room - SUBTITLE >= 2 * len(self._tasks)
        options = []
        for number, task in enumerate(self._tasks, start=1):
            lead = f"{number}. "
            lines = [Wrapped([(task.title, "bold")], lead, "bold")]
            if roomy and task.summary:
                lines.append(Wrapped([(task.summary, "dim")], " " * len(lead)))
            options.append(Option(Stack(lines), id=task.id))
        tasks.set_options(options)
        if options:
            tasks.highlighted = min(highlighted or 0, len(options) - 1)

    def on_resize(self) -> None:
        if self.is_mounted:
            self.show()

    @on(SearchPanel.Changed)
    def _searching(self, event: SearchPanel.Changed) -> None:
        """While the box holds a query, its results take the task list's place."""
        self.query_one("#tasks").display = not event.searching
        self._show_keys()
        self.query_one("#tasks-heading", Static).update(
            Content(self.t("search_heading") if event.searching else self.t("tasks_heading"))
        )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_keys()

    def _show_keys(self) -> None:
        """The keys of what the clerk is doing: picking a task, typing a question, or in its results."""
        panel = self.query_one(SearchPanel)
        if panel.in_results():
            items = self.key_hints(keys.HOME_RESULTS, app_keys=False)
        elif panel.searching:
            items = self.key_hints(keys.HOME_SEARCHING, app_keys=False)
        else:
            items = self.key_hints()
        self.query_one(KeyBar).set_items(items)

    @on(OptionList.OptionSelected, "#tasks")
    def _task_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._start(event.option.id)

    def action_pick(self, index: int) -> None:
        """Start task number ``index + 1`` at once, as a digit chooses at once on a question; while search
        results take the tasks' place (and the box does not have the focus), open result ``index + 1``."""
        tasks = self.query_one("#tasks", OptionList)
        if not tasks.display:
            self.query_one(SearchPanel).open_result(index)
        elif index < tasks.option_count:
            tasks.highlighted = index
            task_id = tasks.get_option_at_index(index).id
            if task_id is not None:
                self._start(task_id)

    def _start(self, task_id: str) -> None:
        """Ask the app to start a task; the keys typed after this one are for the task's first question."""
        hold_keys(self.app)
        self.post_message(StartTask(task_id))

    def action_clear_search(self) -> None:
        self.query_one(SearchPanel).clear()
        self.query_one("#tasks").focus()

    def action_focus_results(self) -> None:
        if not self.query_one(SearchPanel).focus_results():
            self.query_one("#tasks", OptionList).focus()
