"""Static path facts of the trees: how many ways there are to an answer, and how long the longest is.

Counting walks by enumerating them would be exponential (a ladder of 60 yes/no
questions has 2^60 walks), so this is a dynamic programme over the question
graph in reverse topological order: each question's numbers are computed once
from its options' targets, which makes the whole thing linear in the number of
options. ``tree:`` links are followed, so a tree's numbers include the trees it
hands over to. Counts are Python ints and never overflow.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from wizard.content.graph import CycleError, Node, depths, edges, post_order, roots
from wizard.content.model import Catalog

__all__ = ["CycleError", "TreeStats", "depth_histogram", "path_table", "tree_stats"]


@dataclass
class TreeStats:
    """Path facts of one tree, from its start question."""

    tree: str
    paths: int
    """Distinct walks from the start to an answer (one walk per sequence of options)."""
    longest: int
    """Choices on the longest walk from the start to an answer."""
    depths: dict[int, int] = field(default_factory=dict)
    """Questions of this tree by their shortest distance (in choices) from its start."""

    def to_json(self) -> dict[str, Any]:
        return {
            "paths": self.paths,
            "longest": self.longest,
            "questions_per_depth": {str(depth): count for depth, count in sorted(self.depths.items())},
        }

    def format(self) -> str:
        depths = ", ".join(f"{depth}:{count}" for depth, count in sorted(self.depths.items()))
        return f"{self.tree}: {self.paths} path(s), longest {self.longest} choice(s), questions per depth {depths}"


def path_table(catalog: Catalog) -> dict[Node, tuple[int, int]]:
    """(number of walks to an answer, longest walk) for every question, in one post-order pass.

    Each question is computed once from its options' targets, after everything
    below it, so the time is linear in the number of options.
    """
    table: dict[Node, tuple[int, int]] = {}
    for node in post_order(catalog, roots(catalog)):
        paths = 0
        longest = 0
        for _, _, child in edges(catalog, node):
            below = (1, 0) if child is None else table[child]
            paths += below[0]
            longest = max(longest, 1 + below[1])
        table[node] = (paths, longest)
    return table


def depth_histogram(catalog: Catalog, tree_id: str) -> dict[int, int]:
    """Questions of one tree by their distance from its start (within the tree, so the total stays linear)."""
    return dict(sorted(Counter(depths(catalog.trees[tree_id]).values()).items()))


def tree_stats(catalog: Catalog) -> dict[str, TreeStats]:
    """Path facts for every tree; raises :class:`CycleError` on a cycle (run the checks first)."""
    table = path_table(catalog)
    result = {}
    for tree in catalog.trees.values():
        paths, longest = table[(tree.id, tree.start)]
        result[tree.id] = TreeStats(tree.id, paths, longest, depth_histogram(catalog, tree.id))
    return result
