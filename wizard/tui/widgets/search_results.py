"""Search hits as a list: title, FAQ number, and the snippet with the match highlighted.

Snippets are content, so the highlight is built as styled spans on plain
text (:func:`wizard.tui.safe.highlighted`), never as markup: brackets in an
answer stay brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.tui.safe import Part, assemble, highlighted

if TYPE_CHECKING:
    from wizard.engine.search import Hit

HIGHLIGHT = "bold reverse"


def snippet_content(snippet: str, highlights: Sequence[tuple[int, int]]) -> Content:
    """The snippet as plain text with each (start, end) span highlighted."""
    return highlighted(snippet, highlights, HIGHLIGHT)


def hit_prompt(hit: Hit, faq_label: str) -> Content:
    """How one hit reads in the list: bold title, FAQ number, snippet underneath."""
    parts: list[Part] = [(hit.title, "bold")]
    if hit.faq:
        parts.append(("  " + faq_label.format(hit.faq), "dim"))
    if hit.snippet:
        parts += ["\n", snippet_content(hit.snippet, hit.highlights)]
    return assemble(*parts)


class SearchResults(OptionList):
    """The live results under a search box; each option's id is an answer id."""

    def show_hits(self, hits: Sequence[Hit], faq_label: str) -> None:
        self.set_options(Option(hit_prompt(hit, faq_label), id=hit.answer) for hit in hits)
        if hits:
            self.highlighted = 0
