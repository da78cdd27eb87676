"""Every key of the app, in one table that the screens bind and the help screen lists.

Bindings are declared once with an i18n key as their description;
:func:`localize` swaps in the words of the running language per instance, and
the help screen reads the same table, so the footer and the help never
disagree and the help needs no screen class to know what keys there are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS  # the terminal parser's own table
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from wizard.i18n import STRINGS, text

NAVIGATION: list[BindingType] = [
    Binding("escape,backspace", "back", "key_back", id="back", key_display="Esc"),
    Binding("ctrl+r", "restart", "key_restart", id="restart", key_display="Ctrl+R"),
    # h, not Home: Home and End are a pair, top and bottom of the page, as in a browser (Home threw a long
    # answer away for the task list while End scrolled it).
    Binding("h", "home", "key_home", id="home", key_display="h"),
]
"""Shared by the question and the answer screen: back, restart, home."""

APP: list[BindingType] = [
    Binding("q", "quit", "key_quit", id="quit"),
    Binding("question_mark,f1", "help", "key_help", id="help", key_display="?"),
    Binding("slash", "search", "key_search", id="search", key_display="/"),
]

HOME: list[BindingType] = [
    Binding("1", "pick(0)", "key_pick", id="pick", key_display="1-9"),
    *(Binding(str(n), f"pick({n - 1})", "key_pick", id=f"pick-{n}", show=False) for n in range(2, 10)),
    Binding("escape", "clear_search", "key_close", id="clear-search", show=False),
    Binding("down", "focus_results", "key_open", id="to-results", show=False),
]

HOME_SEARCHING: list[BindingType] = [
    Binding("down", "focus_results", "key_to_results", key_display="↓"),
    Binding("escape", "clear_search", "key_clear_search", key_display="Esc"),
]
"""What the home screen's key bar shows while its box holds a question (digits are text there)."""

HOME_RESULTS: list[BindingType] = [
    Binding("1", "pick(0)", "key_open", key_display="1-9 / Enter"),
    Binding("escape", "clear_search", "key_clear_search", key_display="Esc"),
]
"""What the home screen's key bar shows while the focus is in its search results."""

SEARCH_RESULTS: list[BindingType] = [
    Binding("1", "open_result(0)", "key_open", key_display="1-9 / Enter"),
    Binding("escape", "close", "key_close", key_display="Esc"),
]
"""What the search over a question shows while the focus is in its results."""

QUESTION: list[BindingType] = [
    Binding("1", "choose(0)", "key_choose", id="choose", key_display="1-9"),
    *(Binding(str(n), f"choose({n - 1})", "key_choose", id=f"choose-{n}", show=False) for n in range(2, 10)),
    *NAVIGATION,
]

ANSWER: list[BindingType] = [
    Binding("y", "solved", "key_yes", id="solved"),
    Binding("n", "not_solved", "key_no", id="not-solved"),
    Binding("c", "copy", "key_copy", id="copy"),
    Binding("s", "save", "key_save", id="save"),
    *NAVIGATION,
    *(Binding(str(n), f"related({n - 1})", "key_related", id=f"related-{n}", show=False) for n in range(1, 10)),
]

SEARCH: list[BindingType] = [
    Binding("escape", "close", "key_close", id="close-search", key_display="Esc"),
    Binding("down", "focus_results", "key_to_results", id="search-results", key_display="↓"),
    *(Binding(str(n), f"open_result({n - 1})", "key_open_result", id=f"open-{n}", show=False) for n in range(1, 10)),
]

HELP: list[BindingType] = [
    Binding("escape", "close", "key_close", id="close-help", key_display="Esc / ?"),  # ? (the app's key) too
]

_ENTER_START = Binding("enter", "", "key_start", key_display="Enter")
_ENTER_OPEN = Binding("enter", "", "key_open", key_display="Enter")
_DIGITS_RESULT = Binding("1", "", "key_open_result", key_display="1-9")
_TAB_CRUMB = Binding("tab", "", "key_crumb", key_display="Tab")
_DIGITS_RELATED = Binding("1", "", "key_related", key_display="1-9")
_HOME_END = Binding("home,end", "", "key_top_bottom", key_display="Home / End")

HELP_SECTIONS: list[tuple[str, list[BindingType]]] = [
    ("help_everywhere", APP),
    ("help_home", [*HOME, _ENTER_START]),
    ("help_question", [*QUESTION, _TAB_CRUMB]),
    ("help_answer", [*ANSWER, _DIGITS_RELATED, _HOME_END]),
    ("help_search", [*SEARCH, _ENTER_OPEN, _DIGITS_RESULT]),
]
"""What the help screen lists, section by section: each screen's shown keys plus the keys widgets handle."""

_SPELLED_OUT = {"escape,backspace": "Esc / Backspace", "question_mark,f1": "? / F1"}


def describe(description: str, lang: str) -> str:
    """The words for a binding description that is an i18n key (other text is kept)."""
    return text(description, lang) if description in STRINGS["zh"] else description


def key_names(binding: Binding) -> str:
    """How the help screen names a binding's keys: every key it answers to."""
    return _SPELLED_OUT.get(binding.key) or binding.key_display or binding.key


def localize(node: DOMNode, lang: str) -> None:
    """Rewrite the binding descriptions of ``node`` into ``lang`` (per instance, not per class)."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(binding, description=describe(binding.description, lang)) for binding in bindings]


def shown(bindings: Iterable[BindingType]) -> list[Binding]:
    """The bindings of a BINDINGS list that the footer shows (what the help screen lists)."""
    return [binding for binding in bindings if isinstance(binding, Binding) and binding.show]


KEY_NAMES = {"/": "slash", "?": "question_mark"}
"""The bound keys whose name is not their character (a full-width ／ or ？ acts as them)."""


_OPTION_KEYS = {
    meaning: sequence[1]
    for sequence, meaning in ANSI_SEQUENCES_KEYS.items()
    if isinstance(meaning, str) and len(meaning) == 1 and len(sequence) == 2 and sequence[0] == "\x1b"
}
"""Esc and a digit read as one macOS Option key (Esc 1 → ¡): the character → the digit."""


def after_escape(event: events.Key) -> str | None:
    """The key pressed right after Esc, when the terminal sent the two so close together (within
    ESCDELAY, or bunched by a slow network in a browser) that they were read as one Alt key: Esc then
    1 arrives as ¡, Esc then y as alt+y. None for any other key."""
    if event.character is not None and event.character in _OPTION_KEYS:
        return _OPTION_KEYS[event.character]
    name = event.key
    if name.startswith("alt+") and len(name) == len("alt+") + 1 and name[-1].isalnum():
        return name[-1]
    return None


def fullwidth_key(character: str) -> str | None:
    """The key a full-width character stands for (ｙ → y, １ → 1, ？ → question_mark); None for Chinese text.

    A clerk who has just typed Chinese often still has the input method on, and it types keys full-width.
    """
    plain = unicodedata.normalize("NFKC", character).lower()
    if len(plain) != 1 or not plain.isascii():
        return None
    return KEY_NAMES.get(plain, plain)


async def press_fullwidth(screen: Screen[Any], character: str) -> bool:
    """Run the binding of ``screen`` that a full-width ``character`` stands for; whether there was one."""
    key = fullwidth_key(character)
    active = screen.active_bindings.get(key) if key is not None else None
    if active is None or not active.enabled:
        return False
    await screen.app.run_action(active.binding.action, active.node)
    return True
