"""The answer screen: title, Markdown body, click paths, trail, and "did this solve it?".

The Markdown widget is imported here, so only clerks who reach an answer pay
for it; start-up imports the home screen only.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from wizard.engine import Session, answer_heading, click_paths, menu_markdown
from wizard.model import Answer
from wizard.tui.safe import Part, assemble, clean, hanging, literal, numbered
from wizard.tui.screens.base import NAVIGATION, SessionScreen
from wizard.tui.transcripts import default_folder, save_transcript


def menu_content(answer: Answer, lang: str) -> Content:
    """Each click path under its heading as numbered steps, one per line (never a raw arrow)."""
    parts: list[Part] = []
    for heading, steps in click_paths(answer, lang):
        if parts:
            parts.append("\n\n")
        parts.append((heading, "bold"))
        for step_number, step in enumerate(steps, start=1):
            parts += ["\n", (f"  {step_number}. ", "dim"), step]
    return assemble(*parts)


def trail_content(trail: list[tuple[str, str]], heading: str) -> Group:
    """The choices that led here, oldest first, each wrapping under its own text."""
    rows = [[(question, "dim"), " › ", choice] if question else [choice] for question, choice in trail]
    return Group(Text(clean(heading), style="bold"), numbered(rows, indent=2))


def answer_text(answer: Answer, lang: str) -> str:
    """The answer as plain text for the clipboard: heading, body, click paths."""
    lines = [answer_heading(answer, lang), "", answer.body.strip(), *menu_markdown(answer, lang)]
    return "\n".join(lines).strip() + "\n"


class AnswerScreen(SessionScreen):
    """Shows the session's answer; y/n say whether it helped, c copies, s saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "solved", "key_yes", id="solved"),
        Binding("n", "not_solved", "key_no", id="not-solved"),
        Binding("c", "copy", "key_copy", id="copy"),
        Binding("s", "save", "key_save", id="save"),
        *NAVIGATION,
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="answer-scroll"):
            yield Static(id="answer-title")
            yield Static(id="answer-faq")
            yield Markdown(id="answer-body", open_links=False)
            yield Static(id="answer-menu")
            yield Static(id="answer-trail")
            yield Static(Content(self.t("answer_solved")), id="answer-solved", classes="heading")
            with Horizontal(id="answer-buttons"):
                yield Button(Content(self.t("answer_yes")), id="yes", variant="success")
                yield Button(Content(self.t("answer_no")), id="no", variant="warning")
            yield Static(Content(self.t("answer_related")), id="related-heading", classes="heading")
            yield OptionList(id="related")
        yield Footer()

    @property
    def session(self) -> Session | None:
        return self.wizard.session

    def show(self) -> None:
        """Render the session's current answer."""
        session = self.session
        answer = session.answer if session is not None else None
        if session is None or answer is None:
            return
        self.query_one("#answer-title", Static).update(literal(answer.title))
        faq = self.query_one("#answer-faq", Static)
        faq.update(Content(self.t("answer_faq").format(answer.faq) if answer.faq else ""))
        faq.display = answer.faq is not None
        self.query_one("#answer-body", Markdown).update(clean(answer.body))
        menu = self.query_one("#answer-menu", Static)
        menu.update(menu_content(answer, self.wizard.lang))
        menu.display = bool(answer.menu)
        trail = session.trail()
        trail_widget = self.query_one("#answer-trail", Static)
        trail_widget.update(trail_content(trail, self.t("answer_trail")))
        trail_widget.display = bool(trail)
        related = [
            (answer_id, session.catalog.answers[answer_id])
            for answer_id in answer.related
            if answer_id in session.catalog.answers
        ]
        related_list = self.query_one("#related", OptionList)
        related_list.set_options(
            Option(hanging(f"{number}. ", [related_answer.title]), id=answer_id)
            for number, (answer_id, related_answer) in enumerate(related, start=1)
        )
        related_list.display = bool(related)
        if related:
            related_list.highlighted = 0
        self.query_one("#related-heading").display = bool(related)
        self.query_one("#answer-scroll").scroll_home(animate=False)
        self.query_one("#yes", Button).focus()

    # "Did this solve it?" --------------------------------------------------------------
    def action_solved(self) -> None:
        self.wizard.go_home()
        self.wizard.notify(self.t("solved_notice"), markup=False)

    def action_not_solved(self) -> None:
        """Go to the escalation answer (service counter, 12333), unless already there."""
        session = self.session
        escalation = session.catalog.escalation if session is not None else None
        if session is None or escalation is None or session.place.answer == escalation:
            self.wizard.notify(self.t("no_escalation"), markup=False)
            return
        self.wizard.open_answer(escalation, via=self.t("not_solved_via"))

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.action_solved()

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.action_not_solved()

    @on(OptionList.OptionSelected, "#related")
    def _related_selected(self, event: OptionList.OptionSelected) -> None:
        session = self.session
        answer_id = event.option.id
        if session is None or answer_id is None:
            return
        title = session.catalog.answers[answer_id].title
        self.wizard.open_answer(answer_id, via=f"{self.t('answer_related')}：{title}")

    # Copy and save ---------------------------------------------------------------------
    def action_copy(self) -> None:
        """Copy the answer as plain text (OSC 52 on the terminal, app.clipboard in tests)."""
        answer = self.session.answer if self.session is not None else None
        if answer is not None:
            self.app.copy_to_clipboard(answer_text(answer, self.wizard.lang))
            self.wizard.notify(self.t("copied_notice"), markup=False)

    def action_save(self) -> None:
        """Save the transcript as Markdown in the save folder and say where."""
        session = self.session
        if session is None or session.answer is None:
            return
        folder = self.wizard.save_dir or default_folder()
        try:
            path = save_transcript(session.transcript(lang=self.wizard.lang), folder, session.place.answer or "")
        except OSError as error:
            self.wizard.notify(self.t("save_failed").format(error), severity="error", markup=False)
            return
        self.wizard.notify(self.t("saved_notice").format(path), markup=False, timeout=10)
