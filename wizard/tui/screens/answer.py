"""The answer screen: title, Markdown body, click paths, trail, and "did this solve it?".

The Markdown widget is imported here, so only clerks who reach an answer pay
for it; start-up imports the home screen only.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.content.document import parse
from wizard.content.model import Answer
from wizard.content.text import one_line
from wizard.engine.render import answer_text, click_paths, transcript
from wizard.engine.session import Crumb, Session
from wizard.tui import keys, messages
from wizard.tui.prose import Piece, Stack, Wrapped, hanging, numbered, prose, wrapped
from wizard.tui.screens.base import SessionScreen
from wizard.tui.transcripts import default_folder, reason_key, save_transcript


def menu_content(answer: Answer, lang: str) -> Stack:
    """Each click path under its heading as numbered steps, one per line (never a raw arrow)."""
    items: list[Wrapped | None] = []
    for heading, steps in click_paths(answer, lang):
        if items:
            items.append(None)
        items.append(wrapped(heading, "bold"))
        items += [Wrapped([step], f"  {number}. ") for number, step in enumerate(steps, start=1)]
    return Stack(items)


def trail_content(crumbs: list[Crumb], heading: str) -> Stack:
    """The choices that led here, oldest first, each wrapping under its own text."""
    rows: list[list[Piece]] = [[(c.question, "dim"), " › ", c.choice] if c.question else [c.choice] for c in crumbs]
    return Stack([wrapped(heading, "bold"), *numbered(rows, indent=2).items])


def _button(label: str, id: str, variant: Literal["success", "warning"]) -> Button:
    """A button for the mouse; the keyboard uses y and n (Tab and Enter never land on it)."""
    button = Button(Content(label), id=id, variant=variant)
    button.can_focus = False
    return button


class AnswerScreen(SessionScreen):
    """Shows the session's answer; y/n say whether it helped, c copies, s saves."""

    BINDINGS: ClassVar[list[BindingType]] = keys.ANSWER

    def __init__(self, session: Session, lang: str = "zh", save_dir: Path | None = None) -> None:
        super().__init__(session, lang)
        self.save_dir = save_dir

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="answer-scroll"):
            yield Static(id="answer-title")
            yield Static(id="answer-faq")
            yield Static(id="answer-body")
            yield Static(id="answer-menu")
            yield Static(id="answer-trail")
            yield Static(Content(self.t("answer_solved")), id="answer-solved", classes="heading")
            with Horizontal(id="answer-buttons"):
                yield _button(self.t("answer_yes"), "yes", "success")
                yield _button(self.t("answer_no"), "no", "warning")
            yield Static(Content(self.t("answer_related")), id="related-heading", classes="heading")
            yield OptionList(id="related")
        yield Footer()

    def show(self) -> None:
        """Render the session's current answer."""
        session = self.session
        answer = session.answer if session.started else None
        if answer is None:
            return
        self.query_one("#answer-title", Static).update(wrapped(answer.title))
        faq = self.query_one("#answer-faq", Static)
        faq.update(Content(self.t("answer_faq").format(answer.faq) if answer.faq else ""))
        faq.display = answer.faq is not None
        self.query_one("#answer-body", Static).update(prose(parse(answer.body)))
        menu = self.query_one("#answer-menu", Static)
        menu.update(menu_content(answer, self.lang))
        menu.display = bool(answer.menu)
        crumbs = session.crumbs()
        trail_widget = self.query_one("#answer-trail", Static)
        trail_widget.update(trail_content(crumbs, self.t("answer_trail")))
        trail_widget.display = bool(crumbs)
        related = [(answer_id, session.catalog.answers.get(answer_id)) for answer_id in answer.related]
        shown = [(answer_id, other) for answer_id, other in related if other is not None]
        related_list = self.query_one("#related", OptionList)
        related_list.set_options(
            Option(hanging(f"{number}. ", [other.title]), id=answer_id)
            for number, (answer_id, other) in enumerate(shown, start=1)
        )
        related_list.display = bool(shown)
        if shown:
            related_list.highlighted = 0
        self.query_one("#related-heading").display = bool(shown)
        scroll = self.query_one("#answer-scroll", VerticalScroll)
        scroll.focus()  # not a button: Enter must never decide "solved" and throw the answer away
        scroll.scroll_home(animate=False)
        self.call_after_refresh(scroll.scroll_home, animate=False)  # again once the new text is laid out

    # "Did this solve it?" --------------------------------------------------------------
    def action_solved(self) -> None:
        self.post_message(messages.Solved())

    def action_not_solved(self) -> None:
        self.post_message(messages.NotSolved())

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.action_solved()

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.action_not_solved()

    @on(OptionList.OptionSelected, "#related")
    def _related_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        answer_id = event.option.id
        if answer_id is None:
            return
        title = self.session.catalog.answers[answer_id].title
        self.post_message(messages.OpenAnswer(answer_id, f"{self.t('answer_related')}：{title}"))

    # Copy and save ---------------------------------------------------------------------
    def action_copy(self) -> None:
        """Send the answer as plain text to the terminal's clipboard (OSC 52; app.clipboard in tests).

        A terminal may ignore OSC 52 and nothing tells us, so the notice says
        where it was sent and that saving (s) is the sure way.
        """
        answer = self.session.answer
        if answer is not None:
            self.app.copy_to_clipboard(answer_text(answer, self.lang))
            self.notify(self.t("copied_notice"), markup=False, timeout=8)

    def action_save(self) -> None:
        """Save the transcript as Markdown in the save folder and say where."""
        session = self.session
        if session.answer is None:
            return
        folder = self.save_dir or default_folder()
        try:
            path = save_transcript(transcript(session, lang=self.lang), folder, session.place.answer or "")
        except OSError as error:
            key = reason_key(error)
            reason = self.t(key) if key else one_line(error.strerror or str(error))
            self.notify(
                self.t("save_failed").format(f"{reason}（{one_line(str(folder))}）"), severity="error", markup=False
            )
            return
        self.notify(self.t("saved_notice").format(path), markup=False, timeout=10)
