"""好差评 after "solved" / "not solved": a rating on the national scale and a short comment, both optional.

1–5 (or picking a line) rates and moves on to the comment box, ↑ there goes
back to change the rating, Enter in the comment box sends, Esc leaves
without sending anything; outside the comment box q quits and, after "not
solved", c and s copy or save the hand-off under the dialog. Anything else
typed at the ratings goes into the comment box. Nothing is asked again.
The app records the result.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.engine.outcomes import RATINGS
from wizard.i18n import text
from wizard.tui.keys import press_fullwidth
from wizard.tui.widgets.choices import Choices
from wizard.tui.widgets.search_box import pasted_line

Feedback = tuple[int | None, str]
"""(rating 1–5 or None, comment): what the clerk gave."""


class FeedbackScreen(ModalScreen[Feedback | None]):
    """Rate the answer just judged; dismissed with the feedback, or None when skipped at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", show=False),
        Binding("up", "change_rating", show=False),  # from the comment box (the list moves its own cursor)
        Binding("q", "app.quit", show=False),  # in the comment box q, c and s are just letters
        Binding("c", "behind('copy')", show=False),
        Binding("s", "behind('save')", show=False),
        *(Binding(str(number), f"rate({number})", show=False) for number in range(1, len(RATINGS) + 1)),
    ]

    def __init__(self, lang: str, greeting: str = "", *, page_keys: bool = False) -> None:
        """``greeting``: said first, in the dialog ("很高兴问题已解决。"); ``page_keys``: c and s copy and save
        the page under the dialog (the hand-off after "not solved"; after "solved" the task list is there)."""
        super().__init__()
        self.lang = lang
        self.greeting = greeting
        self.page_keys = page_keys
        self.rating: int | None = None
        self._typing = False
        """Keys go into the comment box: text typed at the list began moving there, and the focus follows
        only after the keys that came with it (an input method's phrase arrives at once: 第2步 lost its 2
        to the rating)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="feedback"):
            title = text("feedback_title", self.lang)
            if self.greeting:  # each language joins the two sentences its own way
                title = text("feedback_title_greeted", self.lang).format(self.greeting)
            yield Static(Content(title), id="feedback-title", classes="heading")
            yield Choices(
                *(
                    Option(f"{number}  {text(f'rating_{number}', self.lang)}", id=str(number))
                    for number in range(1, len(RATINGS) + 1)
                ),
                id="feedback-ratings",
            )
            yield Input(
                placeholder=text("feedback_placeholder", self.lang),
                max_length=200,
                id="feedback-comment",
                select_on_focus=False,  # Chinese typed at the list lands here: selected, the next key replaced it
            )
            yield Static(Content(text(self._list_keys, self.lang)), id="feedback-keys")

    def on_mount(self) -> None:
        ratings = self.query_one("#feedback-ratings", OptionList)
        ratings.highlighted = None  # no rating suggested (after "not solved", 非常满意 was)
        ratings.focus()
        self.app.clear_notifications()  # a notice from the answer (saved, copied) covered the dialog's warning

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The key line says what the keys do where the cursor is: in the comment box a digit is text."""
        in_comment = event.widget is self.query_one("#feedback-comment", Input)
        self._typing = False  # the box has the keys now, or ↑ went back to the ratings
        keys = text("feedback_comment_keys" if in_comment else self._list_keys, self.lang)
        self.query_one("#feedback-keys", Static).update(Content(keys))

    @property
    def _list_keys(self) -> str:
        return "feedback_keys_page" if self.page_keys else "feedback_keys"

    async def action_behind(self, action: str) -> None:
        """c and s copy or save the page under the dialog: after "not solved" it covers the hand-off whose
        line says 按 c 复制这段说明, and the clerk who could not solve it is the one who needs it."""
        stack = self.app.screen_stack
        if self.page_keys and len(stack) > 1:
            await stack[-2].run_action(action)

    def action_change_rating(self) -> None:
        self.query_one("#feedback-ratings", OptionList).focus()

    def action_rate(self, number: int) -> None:
        if self.focused is not self.query_one("#feedback-comment", Input):
            self._rated(number)

    @on(OptionList.OptionSelected, "#feedback-ratings")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._rated(int(event.option.id or 0) or None)

    def _rated(self, number: int | None) -> None:
        self.rating = number
        ratings = self.query_one("#feedback-ratings", OptionList)
        if number is not None:
            ratings.highlighted = number - 1
        self.query_one("#feedback-comment", Input).focus()

    @on(Input.Submitted, "#feedback-comment")
    def _sent(self, event: Input.Submitted) -> None:
        event.stop()
        self._close((self.rating, event.value.strip()))

    def action_skip(self) -> None:
        """Esc leaves without rating, whatever was picked or typed: only Enter sends (a clerk who typed
        something they should not have backs out with Esc, and nothing of it is kept)."""
        self._close(None)

    def _close(self, feedback: Feedback | None) -> None:
        """Once: a second Enter or Esc that arrives with the first (a slow link) finds the dialog gone."""
        if self.is_current:
            self.dismiss(feedback)

    def on_paste(self, event: events.Paste) -> None:
        """A paste while the ratings have the focus goes into the comment box (it was dropped)."""
        comment = self.query_one("#feedback-comment", Input)
        if self.focused is comment:
            return
        event.stop()
        comment.focus()
        comment.insert_text_at_cursor(pasted_line(event.text))

    @property
    def _keys_of_the_list(self) -> str:
        """The letters and digits that act at the ratings; any other character typed there is a comment."""
        ratings = "".join(str(number) for number in range(1, len(RATINGS) + 1))
        return ratings + "q" + ("cs" if self.page_keys else "")

    async def on_key(self, event: events.Key) -> None:
        """With the Chinese input method on: a full-width １–５ rates; text typed at the list (Chinese, or
        letters such as APP or QQ that are no key of the list) goes into the comment box, not nowhere."""
        character = event.character
        comment = self.query_one("#feedback-comment", Input)
        if not character or not event.is_printable or self.focused is comment:
            return
        if not self._typing and character in self._keys_of_the_list:
            return  # its binding acts
        event.stop()
        event.prevent_default()
        if self._typing or not await press_fullwidth(self, character):
            self._typing = True
            comment.focus()
            comment.insert_text_at_cursor(character)
