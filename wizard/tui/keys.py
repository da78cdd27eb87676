"""Key bindings in the clerk's language.

Bindings are declared once per class with an i18n key as their description;
:func:`localize` swaps in the words of the running language, and the help
screen reads the same declarations, so the footer and the help never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from wizard.i18n import STRINGS, text


def describe(description: str, lang: str) -> str:
    """The words for a binding description that is an i18n key (other text is kept)."""
    return text(description, lang) if description in STRINGS["zh"] else description


def localize(node: DOMNode, lang: str) -> None:
    """Rewrite the binding descriptions of ``node`` into ``lang`` (per instance, not per class)."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(binding, description=describe(binding.description, lang)) for binding in bindings]


def shown(bindings: Iterable[BindingType]) -> list[Binding]:
    """The bindings of a BINDINGS list that the footer shows (what the help screen lists)."""
    return [binding for binding in bindings if isinstance(binding, Binding) and binding.show]
