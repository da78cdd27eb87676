"""How much of one text another explains: the measure behind "not in the FAQ" and nearest questions.

Each character of the text counts by how rare it is in the content (社保 is
everywhere and says little; 卡 in 社保卡 is nowhere and says a lot), and is
explained when a bigram holding it occurs in the other text; a character
standing alone between generic words (错 in 报同一个错) is a word of its own,
explained by the character itself, as a query of one character is. Generic words
(:data:`~wizard.engine.terms.GENERIC_WORDS`) count neither for nor against,
nor do numbers and codes the other text does not use (a day of the month, an
error dialog's code such as E10023); a number it uses (12333, 11日) counts like a word.

A text is *prepared* once (its units, their weights and the terms that would
explain each), then measured against many others with set lookups only.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from wizard.engine.terms import generic_units


class Unit(NamedTuple):
    """One counted unit of a prepared text."""

    weight: float
    explainers: frozenset[str]
    """Index terms of which any one, in the other text, explains this unit."""
    optional: bool
    """A number: it counts only when explained."""


def prepare(runs: list[list[str]], weight: Callable[[str], float]) -> tuple[Unit, ...]:
    """The units of ``runs`` that count, each with its weight and the terms that would explain it."""
    prepared = []
    for run in runs:
        generic = generic_units(run)
        last = len(run) - 1
        for position, unit in enumerate(run):
            if generic[position]:
                continue
            alone = (position == 0 or generic[position - 1]) and (position == last or generic[position + 1])
            if last == 0 or len(unit) > 1 or alone:
                explainers = frozenset(("1" + unit,))
            elif position == 0:
                explainers = frozenset(("2" + unit + run[1],))
            elif position == last:
                explainers = frozenset(("2" + run[position - 1] + unit,))
            else:
                explainers = frozenset(("2" + run[position - 1] + unit, "2" + unit + run[position + 1]))
            prepared.append(Unit(weight(unit), explainers, _is_code(unit)))
    return tuple(prepared)


def _is_code(unit: str) -> bool:
    """A number or a code with digits in it (11, 12333, e10023): it counts only where the other text
    uses it. An error dialog's own code says which dialog it was, not what the FAQ must explain."""
    return unit.isascii() and any(char.isdigit() for char in unit)


def share(units: tuple[Unit, ...], known: AbstractSet[str]) -> float:
    """The weighted share of ``units`` that ``known`` (a set of index terms) explains; 0 when nothing counts."""
    total = explained = 0.0
    for unit in units:
        if not known.isdisjoint(unit.explainers):
            total += unit.weight
            explained += unit.weight
        elif not unit.optional:
            total += unit.weight
    return explained / total if total > 0 else 0.0
