"""Static path facts of the trees: how many ways there are to an answer, and how long the longest is.

Counting walks by enumerating them would be exponential (a ladder of 60 yes/no
questions has 2^60 walks), so this is a dynamic programme over the question
graph in reverse topological order: each question's numbers are computed once
from its options' targets, which makes the whole thing linear in the number of
options. ``tree:`` links are followed, so a tree's numbers include the trees it
hands over to. Counts are Python ints and never overflow.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from wizard.model import Catalog

Node = tuple[str, str]


class CycleError(ValueError):
    """The trees go round in circles (``wizard check`` reports it as WZ042)."""


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


def _target(catalog: Catalog, tree_id: str, next_id: str | None, linked: str | None) -> Node:
    if next_id:
        return (tree_id, next_id)
    return (linked or "", catalog.trees[linked or ""].start)


def path_table(catalog: Catalog) -> dict[Node, tuple[int, int]]:
    """(number of walks to an answer, longest walk) for every question, by an iterative post-order DP.

    Each question is expanded once and each option read twice, so the time is
    linear in the number of options; the explicit stack avoids Python's recursion
    limit on deep trees.
    """
    table: dict[Node, tuple[int, int]] = {}
    state: dict[Node, int] = {}  # 1 = on the stack, 2 = done
    for tree in catalog.trees.values():
        root = (tree.id, tree.start)
        if root in table:
            continue
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            options = catalog.trees[node[0]].nodes[node[1]].options
            if not expanded:
                seen = state.get(node)
                if seen == 2:
                    continue
                if seen == 1:
                    raise CycleError(f"the trees go round in circles through question '{node[1]}'")
                state[node] = 1
                stack.append((node, True))
                for option in options:
                    if not option.answer:
                        child = _target(catalog, node[0], option.next, option.tree)
                        child_state = state.get(child)
                        if child_state == 1:
                            raise CycleError(f"the trees go round in circles through question '{child[1]}'")
                        if child_state is None:
                            stack.append((child, False))
                continue
            paths = 0
            longest = 0
            for option in options:
                if option.answer:
                    paths += 1
                    longest = max(longest, 1)
                else:
                    below = table[_target(catalog, node[0], option.next, option.tree)]
                    paths += below[0]
                    longest = max(longest, 1 + below[1])
            table[node] = (paths, longest)
            state[node] = 2
    return table


def depth_histogram(catalog: Catalog, tree_id: str) -> dict[int, int]:
    """Questions of one tree by BFS depth from its start (within the tree, so the total stays linear)."""
    tree = catalog.trees[tree_id]
    depth = {tree.start: 0}
    queue = deque([tree.start])
    while queue:
        current = queue.popleft()
        for option in tree.nodes[current].options:
            if option.next and option.next not in depth:
                depth[option.next] = depth[current] + 1
                queue.append(option.next)
    return dict(sorted(Counter(depth.values()).items()))


def tree_stats(catalog: Catalog) -> dict[str, TreeStats]:
    """Path facts for every tree; raises :class:`CycleError` on a cycle (run the checks first)."""
    table = path_table(catalog)
    result = {}
    for tree in catalog.trees.values():
        paths, longest = table[(tree.id, tree.start)]
        result[tree.id] = TreeStats(tree.id, paths, longest, depth_histogram(catalog, tree.id))
    return result
