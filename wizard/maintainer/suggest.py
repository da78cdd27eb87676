"""Shortest examples for the options no example takes, ready to paste under ``examples:``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.content.graph import Node, bfs, edges, post_order, prefix, target
from wizard.content.model import Catalog
from wizard.maintainer.coverage import Coverage, Missing
from wizard.maintainer.yaml_text import yaml_scalar


@dataclass
class Suggestion:
    """A shortest example that takes a so-far uncovered option."""

    tree: str
    path: str
    choose: list[str]
    expect: str
    covers: Missing

    def yaml(self) -> str:
        items = ", ".join(yaml_scalar(label) for label in self.choose)
        name = yaml_scalar(f"{self.covers.question} › {self.covers.label}")
        return f"  - name: {name}\n    choose: [{items}]\n    expect: {self.expect}\n"


class _Shortest:
    """Shortest completions from a question to an answer (following ``tree:`` links), each computed once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._best: dict[Node, tuple[int, int]] = {}
        """Question → (choices to the nearest answer, option index that starts that way)."""

    def finish(self, node: Node) -> tuple[list[str], str]:
        """The fewest labels from ``node`` to any answer, and that answer."""
        if node not in self._best:
            for below in post_order(self.catalog, [node]):
                if below not in self._best:
                    self._best[below] = self._nearest(below)
        labels: list[str] = []
        while True:
            number = self._best[node][1]
            option = self.catalog.trees[node[0]].nodes[node[1]].options[number]
            labels.append(option.label)
            child = target(self.catalog, node[0], option)
            if child is None:
                return labels, option.answer or ""
            node = child

    def _nearest(self, node: Node) -> tuple[int, int]:
        """Only the question's own options: the catalog's way out (last in :func:`edges`) ends every
        question alike, is no option of the tree, and an example through it would prove nothing."""
        best = (0, -1)
        own = len(self.catalog.trees[node[0]].nodes[node[1]].options)
        for number, _, child in edges(self.catalog, node):
            if number >= own:
                break
            distance = 1 if child is None else 1 + self._best[child][0]
            if best[1] < 0 or distance < best[0]:
                best = (distance, number)
        return best


def suggest(coverage: Coverage, tree_ids: Iterable[str] | None = None) -> list[Suggestion]:
    """One shortest example per uncovered option, skipping options an earlier suggestion already takes."""
    catalog = coverage.catalog
    shortest = _Shortest(catalog)
    taken: set[tuple[str, str, int]] = set()
    suggestions = []
    for tree_id in list(catalog.trees) if tree_ids is None else list(tree_ids):
        tree = catalog.trees[tree_id]
        parents = bfs(tree)
        for missing in coverage.report([tree_id]).trees[tree_id].missing:
            if missing.kind != "option" or missing.question is None or missing.option is None:
                continue
            if (tree_id, missing.question, missing.option) in taken:
                continue
            labels = prefix(tree, parents, missing.question)
            if labels is None:
                continue  # unreachable: no example can take it; the question is reported missing too
            option = tree.nodes[missing.question].options[missing.option]
            child = target(catalog, tree_id, option)
            choose = [*labels, option.label]
            if child is None:
                expect = option.answer or ""
            else:
                rest, expect = shortest.finish(child)
                choose += rest
            taken.update(coverage.walker.walk(tree_id, choose).steps)
            suggestions.append(Suggestion(tree_id, coverage.tree_path(tree_id), choose, expect, missing))
    return suggestions


def suggestions_yaml(suggestions: list[Suggestion], catalog: Catalog) -> str:
    """Suggestions grouped by tree file, each block ready to paste at the end of its ``examples:`` list."""
    blocks: dict[str, list[Suggestion]] = {}
    for suggestion in suggestions:
        blocks.setdefault(suggestion.tree, []).append(suggestion)
    out = []
    for tree_id, items in blocks.items():
        out.append(f"# {items[0].path}: {len(items)} example(s) for tree '{tree_id}'; add under 'examples:'")
        if not catalog.trees[tree_id].examples:
            out.append("examples:")
        out.append("".join(item.yaml() for item in items).rstrip("\n"))
    return "\n".join(out) + ("\n" if out else "")
