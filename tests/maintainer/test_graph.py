"""`wizard graph`: the output is valid dot (Graphviz renders it) and well-formed Mermaid, labels intact."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREE_FILES, BUNDLED_TREES, REPO
from wizard.content.catalog import load_catalog
from wizard.content.model import Catalog
from wizard.maintainer.diagram import build, mermaid_quote, wrap

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(
    DOT is None and not os.environ.get("CI"), reason="Graphviz 'dot' is not installed (CI installs it)"
)
SVG = "{http://www.w3.org/2000/svg}"
BUNDLED_IDS = [path.stem for path in BUNDLED_TREE_FILES]
IMAGE_TREE = "enrolment-errors"
IMAGES = REPO / "docs" / "images"


def catalog_of(folder: Path) -> Catalog:
    result = load_catalog([folder])
    assert result.catalog is not None, [d.format() for d in result.diagnostics]
    return result.catalog


def render_svg(source: str) -> ET.Element:
    assert DOT is not None, "Graphviz 'dot' must be installed in CI"
    done = subprocess.run([DOT, "-Tsvg"], input=source, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "syntax error" not in done.stderr and "Error" not in done.stderr, done.stderr
    return ET.fromstring(done.stdout)


def svg_texts(svg: ET.Element) -> set[str]:
    return {(t.text or "").strip() for t in svg.iter(f"{SVG}text")}


def assert_dot_renders_every_label(catalog: Catalog, tree_ids: list[str], source: str) -> None:
    """Graphviz accepts the source, draws every node and edge, and shows every label line verbatim."""
    svg = render_svg(source)
    diagram = build(catalog, tree_ids)
    nodes = [n for c in diagram.clusters for n in c.nodes]
    groups: dict[str | None, int] = {}
    for group in svg.iter(f"{SVG}g"):
        groups[group.get("class")] = groups.get(group.get("class"), 0) + 1
    assert groups.get("node") == len(nodes)
    assert groups.get("edge") == len(diagram.edges)
    texts = svg_texts(svg)
    for line in [line for n in nodes for line in n.label.split("\n")] + [
        line for e in diagram.edges for line in e.label.split("\n") if e.label
    ]:
        assert line.strip() in texts, f"label line {line!r} is not drawn as written"


@needs_dot
@pytest.mark.parametrize("tree_id", BUNDLED_IDS)
def test_dot_renders_each_bundled_tree(tree_id: str, invoke):
    result = invoke("graph", tree_id, "--format", "dot")
    assert result.returncode == 0, result.stderr
    assert_dot_renders_every_label(catalog_of(BUNDLED_TREES), [tree_id], result.stdout)


@needs_dot
def test_dot_renders_all_bundled_trees_with_links_between_clusters(invoke):
    result = invoke("graph", "--all", "--format", "dot")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("subgraph cluster_") == len(BUNDLED_IDS)
    assert "style=dashed" in result.stdout  # enrol-and-stop links into enrolment-errors and undo-change
    assert_dot_renders_every_label(catalog_of(BUNDLED_TREES), BUNDLED_IDS, result.stdout)


@needs_dot
@pytest.mark.parametrize("which", [["graph"], ["--all"]])
def test_dot_renders_the_hostile_tree(hostile_trees: Path, which: list[str], invoke):
    catalog = catalog_of(hostile_trees)
    result = invoke("graph", *which, "--format", "dot", "--trees", str(hostile_trees))
    assert result.returncode == 0, result.stderr
    tree_ids = ["graph"] if which == ["graph"] else [t.id for t in catalog.ordered_trees()]
    assert_dot_renders_every_label(catalog, tree_ids, result.stdout)
    ids = re.findall(r"^\s*(\w+) \[label=", result.stdout, re.MULTILINE)
    assert ids and all(re.fullmatch(r"[a-z]_[a-z0-9_]+", i) for i in ids), ids


# Mermaid: no renderer offline, so check the structure line by line ------------------------

_OPEN_CLOSE = {"[": "]", "(": ")", "([": "])", "[[": "]]", "{{": "}}"}
_NODE = re.compile(r'^\s+(?P<id>\w+)(?P<open>\(\[|\[\[|\{\{|\[|\()"(?P<label>[^"]*)"(?P<close>\]\)|\]\]|\}\}|\]|\))$')
_EDGE = re.compile(r'^\s+(?P<source>\w+) (?:-->|-\.->)(?:\|"(?P<label>[^"]*)"\|)? (?P<target>\w+)$')
_SUBGRAPH = re.compile(r'^\s+subgraph (?P<id>\w+) \["(?P<label>[^"]*)"\]$')
_RESERVED = {"end", "subgraph", "graph", "flowchart", "class", "classdef", "style", "click", "default", "linkstyle"}


def decode_mermaid(label: str) -> str:
    """Undo the escaping the way Mermaid shows it: ``#123;`` entities, ``<br>`` line breaks."""
    assert not re.search(r'["<>\[\]{}()|`]', label.replace("<br>", "")), f"raw special character in {label!r}"
    assert re.sub(r"#\d+;", "", label).count("#") == 0, f"stray '#' in {label!r}"
    assert re.sub(r"#\d+;", "", label).count(";") == 0, f"stray ';' in {label!r}"
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", "\n"))


def parse_mermaid(source: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Nodes (id → decoded label) and edges; fails on any line that is not one of the known forms."""
    lines = source.splitlines()
    assert lines[0] == "flowchart LR"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    classed: set[str] = set()
    depth = 0
    for line in lines[1:]:
        if match := _NODE.match(line):
            assert _OPEN_CLOSE[match["open"]] == match["close"], line
            assert match["id"] not in nodes, f"node {match['id']} declared twice"
            assert match["id"].lower() not in _RESERVED
            nodes[match["id"]] = decode_mermaid(match["label"])
        elif match := _EDGE.match(line):
            edges.append((match["source"], match["target"], decode_mermaid(match["label"] or "")))
        elif match := _SUBGRAPH.match(line):
            decode_mermaid(match["label"])
            depth += 1
        elif line == "  end":
            depth -= 1
            assert depth >= 0
        elif re.fullmatch(r"  classDef wz_\w+ [\w:#,. -]+", line):
            pass
        elif match := re.fullmatch(r"  class ([\w,]+) wz_\w+", line):
            classed.update(match[1].split(","))
        else:
            raise AssertionError(f"unexpected Mermaid line: {line!r}")
    assert depth == 0
    for source_id, target_id, _ in edges:
        assert source_id in nodes and target_id in nodes, f"edge {source_id} -> {target_id} to an undeclared node"
    assert classed == set(nodes)
    return nodes, edges


@pytest.mark.parametrize("tree_id", BUNDLED_IDS)
def test_mermaid_of_each_bundled_tree_is_well_formed(tree_id: str, invoke):
    result = invoke("graph", tree_id)
    assert result.returncode == 0, result.stderr
    nodes, edges = parse_mermaid(result.stdout)
    catalog = catalog_of(BUNDLED_TREES)
    tree = catalog.trees[tree_id]
    exits = sum(1 for q in tree.nodes.values() if q.way_out) if catalog.way_out else 0
    assert len(edges) == 1 + sum(len(q.options) for q in tree.nodes.values()) + exits  # the way out: one arrow each
    for question_id in tree.nodes:
        assert nodes[f"q_{question_id.replace('-', '_')}"].endswith(f"[{question_id}]")


def test_mermaid_of_the_hostile_tree_round_trips_every_label(hostile_trees: Path, invoke):
    catalog = catalog_of(hostile_trees)
    for which in (["graph"], ["--all"]):
        result = invoke("graph", *which, "--trees", str(hostile_trees))
        assert result.returncode == 0, result.stderr
        nodes, edges = parse_mermaid(result.stdout)
        tree_ids = ["graph"] if which == ["graph"] else [t.id for t in catalog.ordered_trees()]
        diagram = build(catalog, tree_ids)
        assert nodes == {n.id: n.label for c in diagram.clusters for n in c.nodes}
        assert edges == [(e.source, e.target, e.label) for e in diagram.edges]
    tree = catalog.trees["graph"]
    assert any(tree.nodes["node"].question in label.replace("\n", " ") for label in nodes.values())


def test_escalations_and_links_have_their_own_shapes(invoke):
    result = invoke("graph", "enrol-and-stop")
    assert '  l_undo_change[["转到任务：' in result.stdout
    assert "class l_enrolment_errors,l_undo_change wz_link" in result.stdout
    undo = invoke("graph", "undo-change", "--format", "dot").stdout
    assert re.search(r"a_escalation_undo_outside_limits \[label=\"转人工\\n.*shape=octagon", undo)
    assert re.search(r"a_undo_staff_change \[label=\"FAQ 5\\n.*shape=note", undo)
    assert "w_escalation_contact" not in undo  # its questions list every case: no way out (way_out: false)
    errors = invoke("graph", "enrolment-errors", "--format", "dot").stdout
    assert re.search(r"w_escalation_contact \[label=\"以上都不是 / 不确定\\n.*shape=octagon", errors)
    assert "q_which_error -> w_escalation_contact [style=dashed" in errors


def test_mermaid_quote_escapes_what_mermaid_reads():
    assert mermaid_quote('a "b" #1; <c>') == '"a #34;b#34; #35;1#59; #60;c#62;"'
    assert mermaid_quote("一\n二") == '"一<br>二"'


def test_wrap_keeps_every_character_and_punctuation_off_line_starts():
    text = "单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」该如何处理？"
    wrapped = wrap(text, 20)
    assert wrapped.replace("\n", "") == text
    assert all(not line.startswith(("，", "？", "」")) for line in wrapped.split("\n"))
    assert max(len(line) for line in wrapped.split("\n")) <= 11


def test_usage_and_unknown_tree(invoke):
    assert invoke("graph").returncode == 2
    assert invoke("graph", "undo-change", "--all").returncode == 2
    unknown = invoke("graph", "undo-chang")
    assert unknown.returncode == 1 and "did you mean 'undo-change'?" in unknown.stderr


# The diagram in the README ----------------------------------------------------------------


def test_committed_diagram_source_matches_the_command(invoke):
    committed = (IMAGES / f"{IMAGE_TREE}.dot").read_text(encoding="utf-8")
    assert committed == invoke("graph", IMAGE_TREE, "--format", "dot").stdout, (
        f"regenerate: wizard graph {IMAGE_TREE} --format dot > docs/images/{IMAGE_TREE}.dot "
        f"&& dot -Tsvg docs/images/{IMAGE_TREE}.dot -o docs/images/{IMAGE_TREE}.svg"
    )


def test_committed_svg_was_drawn_from_the_committed_source():
    dot_source = (IMAGES / f"{IMAGE_TREE}.dot").read_text(encoding="utf-8")
    svg = ET.parse(IMAGES / f"{IMAGE_TREE}.svg").getroot()
    titles = {(g.find(f"{SVG}title").text or "") for g in svg.iter(f"{SVG}g") if g.get("class") in ("node", "edge")}
    node_ids = set(re.findall(r"^\s*(\w+) \[label=", dot_source, re.MULTILINE))
    edge_ids = {f"{a}->{b}" for a, b in re.findall(r"^\s*(\w+) -> (\w+)", dot_source, re.MULTILINE)}
    assert titles == node_ids | edge_ids
    labels = [line for label in re.findall(r'\[label="((?:[^"\\]|\\.)*)"', dot_source) for line in label.split("\\n")]
    assert {line.strip() for line in labels} <= svg_texts(svg)
    assert f"docs/images/{IMAGE_TREE}.svg" in (REPO / "README.md").read_text(encoding="utf-8")


def test_more_edges_than_mermaid_draws_by_default_raise_its_limit(write_files, invoke):
    options = "".join(f"      - label: 选项{n}\n        answer: a-one\n" for n in range(520))
    tree = f"id: big\ntitle: 大\nsummary: s\nstart: q\nnodes:\n  q:\n    question: 哪个？\n    options:\n{options}"
    folder = write_files(answers__yaml="answers:\n  a-one:\n    title: 一\n    body: 正文\n", big__yaml=tree)
    result = invoke("graph", "big", "--trees", str(folder))
    assert result.returncode == 0
    assert result.stdout.startswith("---\nconfig:\n  maxEdges: 521\n---\nflowchart LR\n")
    assert "over Mermaid's default of 500" in result.stderr
    assert not invoke("graph", "undo-change").stdout.startswith("---")
