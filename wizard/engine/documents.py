"""Each answer as search sees it: its own fields and the text on the way to it in the trees."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wizard.content.graph import Node, incoming
from wizard.content.model import Answer, Catalog
from wizard.engine.hanzi import to_simplified
from wizard.engine.render import plain_text


@dataclass
class Document:
    """One answer, its searchable fields (name → texts) and its body as one line for snippets."""

    answer_id: str
    answer: Answer
    fields: dict[str, list[str]]
    text: str
    """The body as one line of plain text, the source of snippets."""


def documents(catalog: Catalog) -> list[Document]:
    """Each answer with the text that leads to it: its own fields and the trees' labels and questions."""
    labels: dict[str, list[str]] = defaultdict(list)
    context: dict[str, list[str]] = defaultdict(list)
    parents = incoming(catalog)

    def ancestry(start: Node) -> list[str]:
        """Questions, labels and task titles on every way to ``start``."""
        seen: set[Node] = set()
        found: list[str] = []
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
            for parent, label in parents.get(node, []):
                found.append(label)
                stack.append(parent)
        return found

    for tree in catalog.trees.values():
        for node_id, node in tree.nodes.items():
            for option in node.options:
                if option.answer is not None:
                    labels[option.answer].append(option.label)
                    context[option.answer] += ancestry((tree.id, node_id))

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
            "context": list(dict.fromkeys(context.get(answer_id, []))),
        }
        text = " ".join(line.strip() for line in body.splitlines() if line.strip())
        documents.append(Document(answer_id, answer, fields, text))
    return documents
