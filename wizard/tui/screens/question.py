"""The question screen: one screen that re-renders from the session after each move."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.tui import keys, messages
from wizard.tui.prose import hanging, wrapped
from wizard.tui.screens.base import SessionScreen
from wizard.tui.widgets.breadcrumb import Breadcrumb
from wizard.tui.widgets.choices import Choices
from wizard.tui.widgets.key_bar import KeyBar


class QuestionScreen(SessionScreen):
    """Breadcrumb, the question, its help and numbered options (1–9 choose directly)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.QUESTION

    def compose(self) -> ComposeResult:
        # Only the task and the steps chosen scroll: the question and its help stay in view however many
        # steps there are (at 60×20 the help under a deep question was scrolled out of reach).
        with VerticalScroll(id="question-top"):
            yield Static(id="task-title")
            yield Static(Content(self.t("breadcrumb_heading")), id="crumbs-heading", classes="heading")
            yield Breadcrumb(id="crumbs")
        yield Static(id="question")
        yield Static(id="help")
        yield Choices(id="options")
        yield KeyBar(self.key_hints())

    def on_mount(self) -> None:
        # Only the option list and the steps chosen take the focus: Tab goes from one straight to the other.
        self.query_one("#question-top").can_focus = False

    def show(self) -> None:
        """Render the session's current question (nothing to do if it moved to an answer)."""
        session = self.session
        question = session.question if session.started else None
        if question is None:
            return
        tree = session.catalog.trees[session.place.tree or ""]
        self.query_one("#task-title", Static).update(wrapped(tree.title))
        crumbs = session.crumbs()
        self.query_one(Breadcrumb).show_crumbs(crumbs)
        self.query_one("#crumbs-heading").display = bool(crumbs)
        self.query_one("#question", Static).update(wrapped(question.question))
        help_text = self.query_one("#help", Static)
        help_text.update(wrapped(question.help or ""))
        help_text.display = bool(question.help)
        options = self.query_one("#options", OptionList)
        options.set_options(
            Option(hanging(f"{number}. ", [option.label]), id=f"option-{number - 1}")
            for number, option in enumerate(session.options, start=1)
        )
        labels = [option.label for option in session.options]
        chosen = session.chosen_before  # back here: the option taken last time, to change or take again
        options.highlighted = labels.index(chosen) if chosen in labels else 0
        options.focus()
        self.query_one("#question-top").scroll_home(animate=False)

    def action_choose(self, index: int) -> None:
        """Pick option ``index`` of the current question (keys 1–9, or Enter); with the steps chosen in
        focus, go back to step ``index + 1`` instead: a digit picks from the numbered list in front of the clerk."""
        crumbs = self.query_one(Breadcrumb)
        if crumbs.has_focus:
            step = Breadcrumb.step_of(crumbs.get_option_at_index(index)) if index < crumbs.option_count else None
            if step is not None:
                self.post_message(messages.BackTo(step))
        elif index < len(self.session.options):
            self.post_message(messages.Choose(index))

    @on(OptionList.OptionSelected, "#options")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index)

    @on(OptionList.OptionSelected, "#crumbs")
    def _crumb_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        step = Breadcrumb.step_of(event.option)
        if step is not None:
            self.post_message(messages.BackTo(step))
