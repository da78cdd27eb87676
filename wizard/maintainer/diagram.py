"""Trees as diagrams: Mermaid and Graphviz ``dot`` text, built from a loaded catalog.

Maintainers read a tree faster as a picture than as YAML. Both writers walk the
same :class:`Diagram` (nodes and edges with plain-text labels) and differ only in
syntax and escaping, so a label that is safe in one is safe in the other.
Node ids are generated ASCII (``q_which_error``), never the Chinese labels:
both formats have reserved words and characters that a label may contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from wizard.content.model import Catalog, Tree
from wizard.engine.linebreak import break_lines

NodeKind = Literal["start", "question", "answer", "escalation", "link"]

#: Fonts for Chinese text, best first; Graphviz (via fontconfig) and SVG viewers take the first one present.
FONTS = "Noto Sans CJK SC,Source Han Sans SC,WenQuanYi Zen Hei,Microsoft YaHei,PingFang SC,sans-serif"
#: Label lines are wrapped at this many display cells (a Chinese character is two).
WRAP_CELLS = 36
# Punctuation that must not begin a line (Chinese line-breaking rules, 避头尾).


@dataclass
class Node:
    """One box of the diagram; ``label`` is plain text with ``\\n`` between lines."""

    id: str
    kind: NodeKind
    label: str
    answer: str | None = None
    """The answer the box stands for, if it is one (for traffic from outcome logs)."""


@dataclass
class Edge:
    """An arrow; ``label`` is the option text (plain), ``jump`` marks a link into another tree."""

    source: str
    target: str
    label: str = ""
    jump: bool = False
    way_out: bool = False
    """An arrow to the catalog's way out (drawn thin and dashed: it is there at every question)."""
    origin: tuple[str, str, str] | None = None
    """(tree, question, option label) of the choice the arrow draws (for traffic from outcome logs)."""


@dataclass
class Cluster:
    """The nodes of one tree (a subgraph when several trees are drawn together)."""

    id: str
    title: str
    nodes: list[Node] = field(default_factory=list)


@dataclass
class Diagram:
    """What both writers draw: clusters of nodes, and edges between them."""

    title: str
    clusters: list[Cluster] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def wrap(text: str, cells: int = WRAP_CELLS) -> str:
    """Break long text into lines of at most ``cells`` cells, the Chinese way (as every screen does),
    keeping existing line breaks."""
    return "\n".join(break_lines(text.replace("\r\n", "\n").replace("\r", "\n"), cells))


class _Ids:
    """Safe, unique, readable node ids: ``q_which_error``; a clash gets a number."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, ...], str] = {}
        self._used: set[str] = set()

    def __call__(self, *parts: str) -> str:
        if parts in self._given:
            return self._given[parts]
        base = "_".join(re.sub(r"[^A-Za-z0-9]+", "_", part).strip("_") or "x" for part in parts)
        candidate, number = base, 1
        while candidate in self._used:
            number += 1
            candidate = f"{base}_{number}"
        self._used.add(candidate)
        self._given[parts] = candidate
        return candidate


def build(catalog: Catalog, tree_ids: list[str]) -> Diagram:
    """The diagram of some trees; with several, a link to a drawn tree also points at its start."""
    ids = _Ids()
    several = len(tree_ids) > 1
    trees = [catalog.trees[tree_id] for tree_id in tree_ids]
    diagram = Diagram(title=trees[0].title if not several else "hrss-wizard")
    for tree in trees:
        prefix = (f"t_{tree.id}",) if several else ()
        diagram.clusters.append(_tree_cluster(catalog, tree, ids, prefix, diagram.edges))
    if several:
        for tree in trees:
            for question in tree.nodes.values():
                for option in question.options:
                    if option.tree and option.tree in tree_ids:
                        source = ids(f"t_{tree.id}", "l", option.tree)
                        target_tree = catalog.trees[option.tree]
                        target = ids(f"t_{option.tree}", "q", target_tree.start)
                        edge = Edge(source, target, jump=True)
                        if edge not in diagram.edges:
                            diagram.edges.append(edge)
    return diagram


def _tree_cluster(catalog: Catalog, tree: Tree, ids: _Ids, prefix: tuple[str, ...], edges: list[Edge]) -> Cluster:
    cluster = Cluster(id=ids(*prefix, "c", tree.id), title=f"{tree.title}\n({tree.id})")
    seen: set[str] = set()

    def add(node: Node) -> str:
        if node.id not in seen:
            seen.add(node.id)
            cluster.nodes.append(node)
        return node.id

    start = add(Node(ids(*prefix, "s", tree.id), "start", wrap(f"开始：{tree.title}")))
    edges.append(Edge(start, ids(*prefix, "q", tree.start)))
    for question_id, question in tree.nodes.items():
        add(Node(ids(*prefix, "q", question_id), "question", f"{wrap(question.question)}\n[{question_id}]"))
    way_out = catalog.way_out_option
    for question_id, question in tree.nodes.items():
        source = ids(*prefix, "q", question_id)
        shown = [*question.options, way_out] if way_out is not None and question.way_out else question.options
        for option in shown:
            label = wrap(option.label, WRAP_CELLS // 2 + 6)
            if option is way_out:  # every question's exit: one node, thin dashed arrows
                answer_id = option.answer or ""
                text = (
                    f"{option.label}\n{wrap(catalog.answers[answer_id].title if answer_id in catalog.answers else '?')}"
                )
                target = add(Node(ids(*prefix, "w", answer_id), "escalation", f"{text}\n[{answer_id}]", answer_id))
                edges.append(Edge(source, target, "", way_out=True, origin=(tree.id, question_id, option.label)))
            elif option.next:
                edges.append(
                    Edge(source, ids(*prefix, "q", option.next), label, origin=(tree.id, question_id, option.label))
                )
            elif option.answer:
                answer = catalog.answers.get(option.answer)
                kind: NodeKind = "escalation" if answer and answer.kind == "escalation" else "answer"
                if answer is None:
                    head = "?"
                elif answer.kind == "escalation":
                    head = "转人工"
                else:
                    head = f"FAQ {answer.faq}" if answer.faq else "答案"
                title = answer.title if answer else "(missing answer)"
                text = f"{head}\n{wrap(title)}\n[{option.answer}]"
                node = Node(ids(*prefix, "a", option.answer), kind, text, option.answer)
                edges.append(Edge(source, add(node), label, origin=(tree.id, question_id, option.label)))
            elif option.tree:
                other = catalog.trees.get(option.tree)
                name = other.title if other else "(missing tree)"
                text = f"转到任务：{wrap(name)}\n[{option.tree}]"
                node = Node(ids(*prefix, "l", option.tree), "link", text)
                edges.append(Edge(source, add(node), label, origin=(tree.id, question_id, option.label)))
    return cluster


# Graphviz dot ----------------------------------------------------------------------

_DOT_STYLE: dict[NodeKind, str] = {
    "start": 'shape=oval, style=filled, fillcolor="#e8eef7", color="#5b7db1"',
    "question": 'shape=box, style="rounded,filled", fillcolor="#ffffff", color="#333333"',
    "answer": 'shape=note, style=filled, fillcolor="#e6f4ea", color="#2e7d32"',
    "escalation": 'shape=octagon, style=filled, fillcolor="#fdecea", color="#c62828", fontcolor="#8e1b1b"',
    "link": 'shape=cds, style="dashed,filled", fillcolor="#fff8e1", color="#b26a00"',
}


def dot_quote(text: str) -> str:
    """A dot double-quoted string that shows ``text`` literally.

    Backslash starts escapes (``\\N``, ``\\l``) and ``&name;`` is decoded as an
    HTML entity in dot labels, so both are escaped; line breaks become ``\\n``.
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    text = re.sub(r"\r\n|[\r\n\u2028\u2029\x85]", r"\\n", text)
    return f'"{text}"'


def to_dot(diagram: Diagram) -> str:
    """Graphviz source: ``dot -Tsvg`` renders it; clusters only when several trees are drawn."""
    font = dot_quote(FONTS)
    out = [
        f"digraph {dot_quote(diagram.title)} {{",
        f"  graph [rankdir=LR, fontname={font}, labelloc=t, fontsize=16, nodesep=0.3, ranksep=0.5];",
        f'  node [fontname={font}, fontsize=12, margin="0.15,0.06"];',
        f'  edge [fontname={font}, fontsize=11, color="#555555"];',
    ]
    clustered = len(diagram.clusters) > 1
    if not clustered:
        out.append(f"  label={dot_quote(diagram.title)};")
    for cluster in diagram.clusters:
        indent = "    " if clustered else "  "
        if clustered:
            out.append(f"  subgraph cluster_{cluster.id} {{")
            out.append(f'{indent}label={dot_quote(cluster.title)}; style=rounded; color="#999999";')
        for node in cluster.nodes:
            out.append(f"{indent}{node.id} [label={dot_quote(node.label)}, {_DOT_STYLE[node.kind]}];")
        if clustered:
            out.append("  }")
    for edge in diagram.edges:
        attributes = []
        if edge.label:
            attributes.append(f"label={dot_quote(edge.label)}")
        if edge.jump:
            attributes.append('style=dashed, color="#b26a00", constraint=false')
        if edge.way_out:
            attributes.append('style=dashed, color="#c62828", arrowsize=0.6')
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        out.append(f"  {edge.source} -> {edge.target}{suffix};")
    out.append("}")
    return "\n".join(out) + "\n"


# Mermaid ---------------------------------------------------------------------------

_MERMAID_SHAPE: dict[NodeKind, tuple[str, str]] = {
    "start": ("([", "])"),
    "question": ("[", "]"),
    "answer": ("(", ")"),
    "escalation": ("{{", "}}"),
    "link": ("[[", "]]"),
}
_MERMAID_CLASSES = {
    "start": "fill:#e8eef7,stroke:#5b7db1",
    "question": "fill:#ffffff,stroke:#333333",
    "answer": "fill:#e6f4ea,stroke:#2e7d32",
    "escalation": "fill:#fdecea,stroke:#c62828,color:#8e1b1b",
    "link": "fill:#fff8e1,stroke:#b26a00,stroke-dasharray:5 3",
}
# Kept as they are inside a quoted Mermaid label; everything else in ASCII becomes "#code;".
_MERMAID_PLAIN = re.compile(r"[A-Za-z0-9 .,:!?/+=@~^$'-]")


def mermaid_quote(text: str) -> str:
    """A Mermaid quoted label that shows ``text`` literally.

    Inside ``"..."`` Mermaid decodes ``#name;`` / ``#123;`` entities and renders
    HTML, so quotes, ``#``, ``<>``, ``&``, brackets, pipes, backticks (markdown
    strings) and the like become numeric entities; line breaks become ``<br>``.
    """
    lines = re.split(r"\r\n|[\r\n\u2028\u2029\x85]", text)
    escaped = [
        "".join(c if ord(c) > 127 or _MERMAID_PLAIN.fullmatch(c) else f"#{ord(c)};" for c in line) for line in lines
    ]
    return '"' + "<br>".join(escaped) + '"'


MERMAID_MAX_EDGES = 500
"""Mermaid refuses to draw more edges than this unless its config says otherwise."""


def to_mermaid(diagram: Diagram) -> str:
    """Mermaid flowchart source, for GitHub Markdown or https://mermaid.live.

    Past Mermaid's default of 500 edges the source carries a front-matter
    config raising ``maxEdges``; without it Mermaid shows an error, not a tree.
    """
    out = ["flowchart LR"]
    if len(diagram.edges) > MERMAID_MAX_EDGES:
        out = ["---", "config:", f"  maxEdges: {len(diagram.edges)}", "---", *out]
    clustered = len(diagram.clusters) > 1
    kinds: dict[NodeKind, list[str]] = {}
    for cluster in diagram.clusters:
        indent = "    " if clustered else "  "
        if clustered:
            out.append(f"  subgraph {cluster.id} [{mermaid_quote(cluster.title)}]")
        for node in cluster.nodes:
            left, right = _MERMAID_SHAPE[node.kind]
            out.append(f"{indent}{node.id}{left}{mermaid_quote(node.label)}{right}")
            kinds.setdefault(node.kind, []).append(node.id)
        if clustered:
            out.append("  end")
    for edge in diagram.edges:
        arrow = "-.->" if edge.jump or edge.way_out else "-->"
        label = f"|{mermaid_quote(edge.label)}|" if edge.label else ""
        out.append(f"  {edge.source} {arrow}{label} {edge.target}")
    for kind, style in _MERMAID_CLASSES.items():
        out.append(f"  classDef wz_{kind} {style}")
    for kind, node_ids in kinds.items():
        out.append(f"  class {','.join(node_ids)} wz_{kind}")
    return "\n".join(out) + "\n"


def render(
    catalog: Catalog, tree_ids: list[str], fmt: Literal["mermaid", "dot"], traffic: dict[str, Any] | None = None
) -> str:
    """Diagram text of the given trees in one format; with ``traffic`` (a report of outcome logs), each
    arrow says its share of the choices made there and each answer its resolution rate."""
    diagram = build(catalog, tree_ids)
    if traffic is not None:
        add_traffic(diagram, traffic)
    return to_dot(diagram) if fmt == "dot" else to_mermaid(diagram)


def add_traffic(diagram: Diagram, traffic: dict[str, Any]) -> None:
    """Write walk shares on the arrows and resolution rates in the answer boxes (see :func:`render`)."""
    chosen: dict[tuple[str, str, str], int] = {}
    made: dict[tuple[str, str], int] = {}
    for row in traffic.get("choices", []):
        key = (str(row["tree"]), str(row["question"]), str(row["option"]))
        chosen[key] = chosen.get(key, 0) + int(row["count"])
        made[key[:2]] = made.get(key[:2], 0) + int(row["count"])
    for edge in diagram.edges:
        if edge.origin is None or not made.get(edge.origin[:2]):
            continue
        count = chosen.get(edge.origin, 0)
        share = f"{count / made[edge.origin[:2]]:.0%}（{count}）"
        edge.label = f"{edge.label}\n{share}" if edge.label else share
    answers = traffic.get("answers", {})
    for cluster in diagram.clusters:
        for node in cluster.nodes:
            row = answers.get(node.answer) if node.answer else None
            if row and row.get("reached"):
                node.label += f"\n解决率 {row['solved'] / row['reached']:.0%}（{row['solved']}/{row['reached']}）"
