"""The search box: error text pasted from the web hall is searched whole, though it spans lines;
Chinese typed before the box had the focus starts the query.

Textual's Input keeps only the first line of a paste, so "系统提示⏎没有符合该人员的参保身份"
searched for 系统提示. Here the lines are joined with a space, and terminal
escape sequences and control characters copied along are dropped.
"""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

from wizard.content.text import clean_text

_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
"""CSI sequences (colours), OSC sequences (titles, links) and other two-character escapes."""
_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x85\u2028\u2029]+\s*|\t")


def pasted_line(text: str) -> str:
    """``text`` as one line of search words: lines joined by a space, escapes and control characters gone."""
    return clean_text(_BREAKS.sub(" ", _ESCAPE.sub("", text))).strip()


class SearchBox(Input):
    """An Input that takes a multi-line paste whole (see the module), and text typed while it had no focus."""

    def type_in(self, text: str) -> None:
        """Add ``text`` at the cursor and take the focus, leaving it unselected (the next key adds to it)."""
        self.insert_text_at_cursor(text)
        self.edit()

    def edit(self) -> None:
        """Take the focus with the cursor at the end and nothing selected: the next key adds to the question."""
        self.cursor_position = len(self.value)
        if not self.has_focus:
            self.select_on_focus = False
            self.focus()

    def _on_focus(self, event: events.Focus) -> None:
        if not self.select_on_focus:  # after Input's own handler has seen it off
            self.call_after_refresh(setattr, self, "select_on_focus", True)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # not Input's own handler too: it would insert the first line again
        event.stop()
        line = pasted_line(event.text)
        if not line:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *self.selection)
