"""The app's option lists: Textual's OptionList, with paging that waits until the list is laid out.

OptionList pages by the lines it has laid out. A list shown a moment ago (the
task list as Esc closes a search) has none yet, and PageDown arriving in the
same burst as the Esc moved by a page of no lines, or raised KeyError and
closed the app. The page key now waits for the next refresh, when the list
has its height and lines.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from textual.widgets import OptionList


class Choices(OptionList):
    """An OptionList whose PageUp and PageDown never fail on a list not laid out yet."""

    def action_page_up(self) -> None:
        self._page(super().action_page_up)

    def action_page_down(self) -> None:
        self._page(super().action_page_down)

    def _page(self, move: Callable[[], None], again: bool = True) -> None:
        if not self.scrollable_content_region.height and again:  # not laid out: a page of no lines
            self.call_after_refresh(self._page, move, False)
            return
        with suppress(KeyError):  # still no line for the highlighted option: the key does nothing
            move()
