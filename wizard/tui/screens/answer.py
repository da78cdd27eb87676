"""The answer screen: title, body, the click path that fits, the next step, and "did this solve it?".

What is shown is decided by :func:`wizard.engine.render.session_view` (the same
view the line mode, copies and transcripts use); this screen lays it out. After
"not solved" it shows the answer tried (folded to its title and path), says it
did not help, and offers the hand-off summary for the 12333 call.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from wizard.content.document import markdown_as_text, parse
from wizard.content.text import one_line
from wizard.engine.render import (
    AnswerView,
    ClickPathText,
    answer_text,
    handoff_to_show,
    session_view,
    shortened,
    transcript,
)
from wizard.engine.session import Crumb, Session
from wizard.tui import keys, messages
from wizard.tui.prose import Piece, Stack, Wrapped, hanging, numbered, prose, wrapped
from wizard.tui.screens.base import SessionScreen
from wizard.tui.toasts import toast_name, toast_text
from wizard.tui.transcripts import (
    default_folder,
    reason_key,
    save_transcript,
    transcript_name,
    transcript_stem,
)
from wizard.tui.widgets.choices import Choices
from wizard.tui.widgets.key_bar import KeyBar


def paths_content(paths: list[ClickPathText]) -> Stack:
    """Each click path under its heading as numbered steps, one per line (never a raw arrow)."""
    items: list[Wrapped | None] = []
    for heading, steps in paths:
        if items:
            items.append(None)
        items.append(wrapped(heading, "bold"))
        items += [Wrapped([step], f"  {number}. ") for number, step in enumerate(steps, start=1)]
    return Stack(items)


def trail_content(crumbs: list[Crumb], heading: str) -> Stack:
    """The choices that led here, oldest first, each wrapping under its own text."""
    rows: list[list[Piece]] = [
        [(c.question, "dim"), " › ", shortened(c.choice)] if c.question else [shortened(c.choice)] for c in crumbs
    ]
    return Stack([wrapped(heading, "bold"), *numbered(rows, indent=2).items])


class RelatedAnswers(Choices):
    """The related answers. Home, End and the page keys move the whole page, as they do before Tab: a list
    of a few answers needs none of its own, and with them taken the clerk could not get back to the title."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, f"screen.page('{key}')", show=False) for key in ("home", "end", "pageup", "pagedown")
    ]


def _button(label: str, id: str, variant: Literal["success", "warning"]) -> Button:
    """A button for the mouse; the keyboard uses y and n (Tab and Enter never land on it)."""
    button = Button(Content(label), id=id, variant=variant)
    button.can_focus = False
    return button


class AnswerScreen(SessionScreen):
    """Shows the session's answer; y/n say whether it helped, c copies, s saves, 1–9 open related answers."""

    BINDINGS: ClassVar[list[BindingType]] = keys.ANSWER

    def __init__(self, session: Session, lang: str = "zh", save_dir: Path | None = None) -> None:
        super().__init__(session, lang)
        self.save_dir = save_dir
        self.view: AnswerView | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="answer-scroll"):
            yield Static(id="answer-tried", classes="tried")
            yield Static(Content(self.t("answer_not_solved")), id="not-solved", classes="heading")
            yield Static(id="answer-title")
            yield Static(id="answer-faq")
            yield Static(id="answer-body")
            yield Static(id="answer-menu")
            yield Static(id="answer-next")
            yield Static(id="answer-handoff")
            yield Static(id="answer-contact")
            yield Static(id="answer-source")
            yield Static(id="answer-trail")
            yield Static(Content(self.t("answer_solved")), id="answer-solved", classes="heading")
            with Horizontal(id="answer-buttons"):
                yield _button(self.t("answer_yes"), "yes", "success")
                yield _button(self.t("answer_no"), "no", "warning")
            yield Static(Content(self.t("answer_related")), id="related-heading", classes="heading")
            yield RelatedAnswers(id="related")
        yield KeyBar(self.key_hints())

    def _fill(self, selector: str, content: object | None) -> None:
        """Show ``content`` in the widget, or hide the widget when there is nothing to show."""
        widget = self.query_one(selector, Static)
        widget.display = content is not None
        if content is not None:
            widget.update(content)  # type: ignore[arg-type]

    def show(self) -> None:
        """Render the session's current answer, its top on screen."""
        view = session_view(self.session, self.lang)
        self.view = view
        if view is None:
            return
        answer, tried = view.answer, view.tried
        self._fill(
            "#answer-tried", _tried_content(tried, self.t("answer_tried_heading"), self.t("colon")) if tried else None
        )
        self.query_one("#not-solved").display = tried is not None
        self._fill("#answer-title", wrapped(answer.title))
        self._fill("#answer-faq", Content(self.t("answer_faq").format(answer.faq)) if answer.faq else None)
        self._fill("#answer-body", prose(parse(answer.body)))
        self._fill("#answer-menu", paths_content(view.paths) if view.paths else None)
        self._fill("#answer-next", paths_content([view.next_step]) if view.next_step else None)
        handoff_lines = handoff_to_show(self.session, self.lang)
        self._ask_whether_solved(not self.session.at_hand_off, handing_off=bool(handoff_lines))
        self._fill(
            "#answer-handoff",
            Stack(
                [
                    *(Wrapped([line], joins=True) for line in handoff_lines),
                    wrapped(self.t("answer_handoff_copy"), "dim"),
                ]
            )
            if handoff_lines
            else None,
        )
        self._fill("#answer-contact", wrapped(view.contact, "bold") if view.contact else None)
        self._fill("#answer-source", wrapped(view.source, "dim") if view.source else None)
        crumbs = self.session.crumbs()
        self._fill("#answer-trail", trail_content(crumbs, self.t("answer_trail")) if crumbs else None)
        related_list = self.query_one("#related", OptionList)
        related_list.set_options(
            Option(hanging(f"{number}. ", [other.title]), id=answer_id)
            for number, (answer_id, other) in enumerate(view.related, start=1)
        )
        related_list.display = bool(view.related)
        if view.related:
            related_list.highlighted = 0
        self.query_one("#related-heading").display = bool(view.related)
        scroll = self.query_one("#answer-scroll", VerticalScroll)
        scroll.focus()  # not a button: Enter must never decide "solved" and throw the answer away
        scroll.scroll_home(animate=False)
        self.call_after_refresh(scroll.scroll_home, animate=False)  # again once the new text is laid out

    # "Did this solve it?" --------------------------------------------------------------
    def _ask_whether_solved(self, asked: bool, handing_off: bool = False) -> None:
        """A page that is itself the way to a person (12333) has nothing to judge: no question, no y/n.
        A page that shows the hand-off summary copies that first: its c says so, as the page does."""
        for selector in ("#answer-solved", "#answer-buttons"):
            self.query_one(selector).display = asked
        judging = ("screen.solved", "screen.not_solved")
        hints = [hint for hint in self.key_hints() if asked or hint.action not in judging]
        if handing_off:
            copy = self.t("key_copy_handoff")
            hints = [replace(hint, description=copy) if hint.action == "screen.copy" else hint for hint in hints]
        self.query_one(KeyBar).set_items(hints)

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

    def action_page(self, key: str) -> None:
        """Home, End, PageUp or PageDown pressed in the related answers: the page moves, and has the keys again."""
        scroll = self.query_one("#answer-scroll", VerticalScroll)
        scroll.focus(scroll_visible=False)
        moves = {
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
            "pageup": scroll.scroll_page_up,
            "pagedown": scroll.scroll_page_down,
        }
        moves[key](animate=False)

    def action_related(self, index: int) -> None:
        """Open related answer number ``index + 1`` (keys 1–9)."""
        if self.view is not None and index < len(self.view.related):
            self._open_related(self.view.related[index][0])

    @on(OptionList.OptionSelected, "#related")
    def _related_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._open_related(event.option.id)

    def _open_related(self, answer_id: str) -> None:
        title = self.session.catalog.answers[answer_id].title
        self.post_message(messages.OpenAnswer(answer_id, f"{self.t('answer_related')}{self.t('colon')}{title}"))

    # Copy and save ---------------------------------------------------------------------
    def action_copy(self) -> None:
        """Send the answer as plain text (after "not solved", the hand-off first) to the terminal's clipboard.

        OSC 52 in a terminal, app.clipboard in tests. A terminal may ignore OSC 52
        and nothing tells us, so the notice says where it was sent and that
        saving (s) is the sure way.
        """
        view = self.view
        if view is None:
            return
        shown = handoff_to_show(self.session, self.lang)
        parts = ["\n".join(shown)] if shown else []
        self.app.copy_to_clipboard("\n\n".join([*parts, answer_text(view)]))
        notice = "copied_handoff_notice" if shown else "copied_notice"
        message = self.t(f"{notice}_web" if self.app.is_web else notice)
        self.notify(toast_text(message, self.app.size.width), markup=False, timeout=8)

    def action_save(self) -> None:
        """Save the transcript as Markdown in the save folder and say where."""
        session = self.session
        if session.answer is None:
            return
        stem = transcript_stem(session.catalog, session.place.answer, session.place.tried, self.lang)
        if self.app.is_web:  # in a browser (wizard serve): the file goes to the clerk's browser, not the server
            self._deliver(transcript(session, lang=self.lang), stem)
            return
        folder = self.save_dir or default_folder()
        try:
            path = save_transcript(transcript(session, lang=self.lang), folder, stem, lang=self.lang)
        except OSError as error:
            key = reason_key(error)
            reason = self.t(key) if key else one_line(error.strerror or str(error))
            message = self.t("save_failed").format(f"{reason}（{one_line(str(folder))}）")
            self.notify(toast_text(message, self.app.size.width), severity="error", markup=False)
            return
        self.notify(self.t("saved_notice").format(toast_name(str(path), self.app.size.width)), markup=False, timeout=10)

    def _deliver(self, markdown: str, stem: str) -> None:
        """Offer the transcript to the browser as a download, named like a saved one but as .txt: on an
        office PC a .txt opens in Notepad, a .md in nothing (the Markdown reads as plain text). Written
        as Windows writes text, with a byte-order mark and CRLF line ends: Notepad before Windows 10 shows
        a file without them as one line, and may read its UTF-8 as GBK."""
        import io

        name = transcript_name(stem, suffix=".txt", lang=self.lang)
        windows_text = "\ufeff" + markdown_as_text(markdown).replace("\n", "\r\n")
        self.app.deliver_text(io.StringIO(windows_text), save_filename=name, mime_type="text/plain", encoding="utf-8")
        self.notify(self.t("delivered_notice").format(toast_name(name, self.app.size.width)), markup=False)


def _tried_content(view: AnswerView, heading: str, colon: str) -> Stack:
    """The answer that did not help, folded to its title and click path (it was read already)."""
    items: list[Wrapped | None] = [wrapped(heading, "dim"), wrapped(view.heading, "bold")]
    for path_heading, steps in view.paths:
        items.append(Wrapped([" › ".join(steps)], f"{path_heading}{colon}", "dim"))
    return Stack(items)
