"""The keys of the current screen along the bottom, on one line or two, never cut mid-word.

Textual's Footer drops keys that do not fit on one line (at 80 columns the
clerk lost '/', 'q' and '?') and rebuilds a widget per key on every focus
change. This is one widget that lays the keys out by whole items, wraps to a
second line when the terminal is narrow, and past two lines leaves out the
least essential keys first. Clicking a key runs its action, as in the Footer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.widgets import Static

from wizard.tui.keys import describe, shown

MAX_LINES = 2
ESSENTIAL_FIRST = ("quit", "back", "choose", "pick", "solved", "not-solved", "help", "home", "search")
"""Binding ids kept longest when space runs out; any other key goes before these."""
GAP = "  "


@dataclass(frozen=True)
class KeyHint:
    """One key as the bar shows it: what to press, what it does, and the action a click runs."""

    key: str
    description: str
    action: str
    priority: int


def hints(bindings: Iterable[BindingType], lang: str, namespace: str) -> list[KeyHint]:
    """The shown bindings as hints, in their declared order; ``namespace`` is 'screen' or 'app'."""
    found = []
    for binding in shown(bindings):
        ident = binding.id or ""
        priority = ESSENTIAL_FIRST.index(ident) if ident in ESSENTIAL_FIRST else len(ESSENTIAL_FIRST)
        key = binding.key_display or binding.key
        found.append(KeyHint(key, describe(binding.description, lang), f"{namespace}.{binding.action}", priority))
    return found


class KeyLayout:
    """The hints laid out at the width Rich gives: whole items, at most two lines."""

    def __init__(self, items: Sequence[KeyHint]) -> None:
        self.items = list(items)

    def lines(self, width: int) -> list[list[KeyHint]]:
        kept = list(self.items)
        while True:
            lines = _fill(kept, width)
            if len(lines) <= MAX_LINES or len(kept) <= 1:
                return lines[:MAX_LINES]
            least = max(range(len(kept)), key=lambda i: (kept[i].priority, i))
            kept.pop(least)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key_style = Style(bold=True)
        for line in self.lines(options.max_width):
            for number, item in enumerate(line):
                click = Style.from_meta({"@click": item.action})
                if number:
                    yield Segment(GAP)
                yield Segment(item.key, key_style + click)
                yield Segment(f" {item.description}", click)
            yield Segment.line()


def _fill(items: Sequence[KeyHint], width: int) -> list[list[KeyHint]]:
    lines: list[list[KeyHint]] = [[]]
    used = 0
    for item in items:
        cells = cell_len(f"{item.key} {item.description}")
        needed = cells if not lines[-1] else cells + len(GAP)
        if lines[-1] and used + needed > width:
            lines.append([])
            used, needed = 0, cells
        lines[-1].append(item)
        used += needed
    return lines


class KeyBar(Static):
    """The key hints of a screen (given by the screen), docked at the bottom."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
        link-style: none;  /* every key is clickable: underlined, the bar read as a row of links */
    }
    """

    def __init__(self, items: Sequence[KeyHint], id: str | None = None) -> None:
        super().__init__(KeyLayout(items), id=id)
        self.items = list(items)

    def set_items(self, items: Sequence[KeyHint]) -> None:
        """Show other hints: a page leaves out a key that has nothing to do there."""
        if list(items) != self.items:
            self.items = list(items)
            self.update(KeyLayout(self.items))
