"""Home: the product title, the task list and the search box.

Typing in the search box replaces the task list by live results; Esc brings
the task list back. Number keys highlight a task, Enter starts it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.tui.safe import assemble
from wizard.tui.screens.base import WizardScreen
from wizard.tui.widgets.search_panel import SearchPanel


class HomeScreen(WizardScreen):
    """The task list (catalog.ordered_trees()) with a search box above it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "key_pick", id="pick", key_display="1-9"),
        *(Binding(str(n), f"pick({n - 1})", "key_pick", id=f"pick-{n}", show=False) for n in range(2, 10)),
        Binding("escape", "clear_search", "key_close", id="clear-search", show=False),
        Binding("down", "focus_results", "key_open", id="to-results", show=False),
    ]

    REFRESH_ON_RESUME = False  # the task list does not follow the session; keep the clerk's place in the results

    def compose(self) -> ComposeResult:
        title = Static(Content(self.t("app_title")), id="home-title")
        subtitle = Static(Content(self.t("home_subtitle")), id="home-subtitle")
        with SearchPanel(above=[title, subtitle], fresh=True, id="home"):
            yield Static(Content(self.t("tasks_heading")), id="tasks-heading", classes="heading")
            yield OptionList(id="tasks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tasks").focus()  # WizardScreen.on_mount then lists the tasks

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
        self.query_one(SearchPanel).show_results()

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
        if event.option.id is not None:
            self.wizard.start_task(event.option.id)

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
