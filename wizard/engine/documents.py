"""Each answer as search sees it: its own fields and the text on the way to it in the trees."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wizard.content.graph import Node, incoming
from wizard.content.model import Answer, Catalog
from wizard.engine.hanzi import to_simplified
from wizard.engine.render import plain_text
from wizard.engine.snippets import excerpt_source

CONTEXT_DEPTH = 8
"""How many choices above a question that offers an answer its context reaches.

A clerk answers two or three questions on the way to an answer; in the bundled
trees the farthest question above one (across ``tree:`` links too) is three
choices up, so they all lie within reach. Questions further up are about
something broader, and gathering them all would make each answer down a deep
chain carry every question above it: the chain's text squared, in all.
"""


@dataclass
class Document:
    """One answer, its searchable fields (name → texts) and its body as one line for snippets."""

    answer_id: str
    answer: Answer
    fields: dict[str, list[str]]
    text: str
    """The body as one line of plain text (:func:`~wizard.engine.snippets.excerpt_source`), the source of snippets."""


def documents(catalog: Catalog) -> list[Document]:
    """Each answer with the text that leads to it: its own fields and the trees' labels and questions."""
    labels: dict[str, list[str]] = defaultdict(list)
    offered_at: dict[str, list[Node]] = defaultdict(list)
    for tree in catalog.trees.values():
        for node_id, node in tree.nodes.items():
            for option in node.options:
                if option.answer is not None:
                    labels[option.answer].append(option.label)
                    offered_at[option.answer].append((tree.id, node_id))
    parents = incoming(catalog)

    documents = []
    for answer_id, answer in catalog.answers.items():
        body = plain_text(answer.body)
        fields = {
            "title": [answer.title],
            "keywords": list(answer.keywords),
            "labels": labels.get(answer_id, []),
            "similar": [to_simplified(question) for question in answer.similar],  # clerks' words, read as queries are
            "menu": [step for path in answer.menu for step in (*path.steps, path.label or "")],
            "body": [body],
            "context": context(catalog, parents, offered_at.get(answer_id, [])),
        }
        documents.append(Document(answer_id, answer, fields, excerpt_source(body)))
    return documents


def context(catalog: Catalog, parents: dict[Node, list[tuple[Node, str]]], offered_at: list[Node]) -> list[str]:
    """Questions, labels and task titles above an answer: on every way to the questions ``offered_at``
    that offer it, at most :data:`CONTEXT_DEPTH` choices up, and the titles of their own tasks.

    Each question is looked at once per answer, however many of the questions
    below it offer the answer: the work is the size of that neighbourhood.
    """
    distance = dict.fromkeys(offered_at, 0)
    """Choices from the nearest question that offers the answer, for the questions within reach."""
    queue = list(distance)
    for node in queue:  # breadth first: the list grows while it is read
        if distance[node] < CONTEXT_DEPTH:
            for parent, _ in parents.get(node, ()):
                if parent not in distance:
                    distance[parent] = distance[node] + 1
                    queue.append(parent)
    found: list[str] = []
    seen: set[Node] = set()
    for start in offered_at:  # then up from each in turn, depth first: the order the texts were always in
        stack = [start]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            tree = catalog.trees[node[0]]
            if node[1] == tree.start:
                found += [tree.title, tree.summary]
            found.append(tree.nodes[node[1]].question)
            if distance[node] < CONTEXT_DEPTH:
                for parent, label in parents.get(node, ()):
                    found.append(label)
                    stack.append(parent)
    for tree_id, _ in offered_at:  # the task an answer belongs to, however deep in it
        tree = catalog.trees[tree_id]
        found += [tree.title, tree.summary]
    return list(dict.fromkeys(found))
