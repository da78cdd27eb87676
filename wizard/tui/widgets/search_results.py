"""Search hits as a list: title, FAQ number, and the snippet with the match highlighted.

Snippets are content, so the highlight is built as styled pieces of plain
text (:class:`wizard.tui.prose.Wrapped` cleans them), never as markup:
brackets in an answer stay brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets.option_list import Option

from wizard.tui.prose import Excerpt, Piece, Stack, Wrapped
from wizard.tui.safe import highlight_pieces
from wizard.tui.widgets.choices import Choices

if TYPE_CHECKING:
    from wizard.engine.search import Hit

HIGHLIGHT = "bold reverse"


def hit_prompt(hit: Hit, faq_label: str, number: int) -> Stack:
    """How hit ``number`` reads in the list: the number (its key), bold title and FAQ number, the snippet
    underneath, both broken into lines the Chinese way (no line of a result starts with 。 or splits 第 13 条),
    the snippet never leaving a character or two alone on its last line."""
    title: list[Piece] = [(hit.title, "bold")]
    if hit.faq:
        title.append(("  " + faq_label.format(hit.faq), "dim"))
    lead = f"{number}. "
    lines = [Wrapped(title, lead, "bold")]
    if hit.snippet:
        lines.append(Excerpt(highlight_pieces(hit.snippet, hit.highlights, HIGHLIGHT), " " * len(lead)))
    return Stack(lines)


class SearchResults(Choices):
    """The live results under a search box; each option's id is an answer id."""

    class LeftAtTop(Message):
        """Up on the first result: the clerk wants the question back, to edit it."""

    def action_cursor_up(self) -> None:
        """Up from the first result goes back to the box above (to edit the question), not round to the last."""
        if self.highlighted in (None, 0):
            self.post_message(self.LeftAtTop())
        else:
            super().action_cursor_up()

    def show_hits(self, hits: Sequence[Hit], faq_label: str) -> None:
        self.set_options(
            Option(hit_prompt(hit, faq_label, number), id=hit.answer) for number, hit in enumerate(hits, start=1)
        )
        if hits:
            self.highlighted = 0
