"""The question graph: the one definition of where an option leads, and the walks everything else builds on.

A question anywhere in the catalog is a :data:`Node`, (tree id, question id).
An option leads to another question of its tree (``next:``), to the start
question of another tree (``tree:``), or ends at an answer (``answer:``):
:func:`target` says which, and nothing else in the program decides it again.
Every question also offers the catalog's way out, last (:func:`options`),
unless it opts out.
The checks, the session, coverage, suggestions, statistics, search and the
diagrams all follow :func:`edges`, :func:`post_order` and :func:`bfs`.

Everything is iterative (no recursion limit on a deep tree) and linear in the
number of options. Functions assume every reference resolves, which the
checks establish first; on a catalog with dangling ids they raise KeyError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeAlias

from wizard.content.model import Catalog, Option, Tree

Node: TypeAlias = tuple[str, str]
"""(tree id, question id): a question anywhere in the catalog."""
Edge: TypeAlias = tuple[int, Option, "Node | None"]
"""(option index, option, the question it leads to or None when it ends at an answer)."""


class CycleError(ValueError):
    """The trees go round in circles (``wizard check`` reports each circle as WZ042)."""

    def __init__(self, loop: list[Node]) -> None:
        super().__init__(f"the trees go round in circles through question '{loop[0][1]}'")
        self.loop = loop


def target(catalog: Catalog, tree_id: str, option: Option) -> Node | None:
    """The question ``option`` (of tree ``tree_id``) leads to; None when it ends at an answer."""
    if option.next is not None:
        return (tree_id, option.next)
    if option.tree is not None:
        return (option.tree, catalog.trees[option.tree].start)
    return None


def options(catalog: Catalog, node: Node) -> list[Option]:
    """What a clerk can pick at question ``node``: its options, then the catalog's way out (unless it opts out)."""
    question = catalog.trees[node[0]].nodes[node[1]]
    way_out = catalog.way_out_option
    if way_out is None or not question.way_out:
        return question.options
    return [*question.options, way_out]


def edges(catalog: Catalog, node: Node) -> Iterator[Edge]:
    """The options of question ``node`` (the way out last) with where each leads."""
    tree_id = node[0]
    for index, option in enumerate(options(catalog, node)):
        yield index, option, target(catalog, tree_id, option)


def roots(catalog: Catalog) -> list[Node]:
    """The start question of every tree."""
    return [(tree.id, tree.start) for tree in catalog.trees.values()]


OnCycle = Callable[[list[Node], int, Option, Node], None]
"""Called with the path so far, the option index, the option and the question it leads back to."""


def post_order(catalog: Catalog, starts: Iterable[Node], on_cycle: OnCycle | None = None) -> list[Node]:
    """Every question reachable from ``starts``, each listed after all the questions below it.

    An option leading back onto the current path is a cycle: it raises
    :class:`CycleError`, or, with ``on_cycle``, is reported there and skipped
    (so the checks can name every circle, not only the first).
    """
    order: list[Node] = []
    state: dict[Node, bool] = {}  # True: on the current path; False: done
    for start in starts:
        if start in state:
            continue
        path = [start]
        state[start] = True
        stack = [edges(catalog, start)]
        while stack:
            edge = next(stack[-1], None)
            if edge is None:
                stack.pop()
                node = path.pop()
                state[node] = False
                order.append(node)
                continue
            index, option, child = edge
            if child is None:
                continue
            seen = state.get(child)
            if seen is None:
                state[child] = True
                path.append(child)
                stack.append(edges(catalog, child))
            elif seen:
                if on_cycle is None:
                    raise CycleError([*path[path.index(child) :], child])
                on_cycle(path, index, option, child)
    return order


def bfs(tree: Tree) -> dict[str, tuple[str, int] | None]:
    """Questions of one tree that ``next:`` links reach from its start, in breadth-first order.

    Each maps to (parent question, option index) on a shortest way from the
    start (None for the start itself): a shortest prefix of labels, a depth, or
    reachability, all from one search. Missing ids are skipped, not raised.
    """
    parents: dict[str, tuple[str, int] | None] = {}
    if tree.start not in tree.nodes:
        return parents
    parents[tree.start] = None
    queue = [tree.start]
    for current in queue:  # the list grows while it is read: a queue without popping
        for index, option in enumerate(tree.nodes[current].options):
            child = option.next
            if child is not None and child not in parents and child in tree.nodes:
                parents[child] = (current, index)
                queue.append(child)
    return parents


def depths(tree: Tree) -> dict[str, int]:
    """Each reachable question's distance in choices from its tree's start."""
    depth: dict[str, int] = {}
    for question, parent in bfs(tree).items():
        depth[question] = 0 if parent is None else depth[parent[0]] + 1
    return depth


def prefix(tree: Tree, parents: dict[str, tuple[str, int] | None], question: str) -> list[str] | None:
    """The labels of a shortest walk from the start of ``tree`` to ``question`` (from :func:`bfs`)."""
    if question not in parents:
        return None
    labels: list[str] = []
    step = parents[question]
    while step is not None:
        labels.append(tree.nodes[step[0]].options[step[1]].label)
        step = parents[step[0]]
    return labels[::-1]


def incoming(catalog: Catalog) -> dict[Node, list[tuple[Node, str]]]:
    """For each question, the (question, option label) pairs that lead to it, across trees."""
    found: dict[Node, list[tuple[Node, str]]] = {}
    for tree in catalog.trees.values():
        for question_id in tree.nodes:
            node = (tree.id, question_id)
            for _, option, child in edges(catalog, node):
                if child is not None:
                    found.setdefault(child, []).append((node, option.label))
    return found
