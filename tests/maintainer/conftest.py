"""A hostile tree: every character that has a meaning in Mermaid or dot, in ids, labels and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WriteFiles

HOSTILE_ANSWERS = r"""
escalation: end
answers:
  end:
    kind: escalation
    title: 'Call "12333" \N <b>bold</b> & [x] {y} (z) | #1; %% `code` -->'
    body: 正文
  subgraph:
    faq: 3
    title: "中文 \\ 反斜杠 \\\\ 双 \"引号\" 'single' \u00e9 ;semi; <br/> &amp; &#35;"
    body: 正文
"""

HOSTILE_TREE = r"""
id: graph
title: 'Title "quoted" \ [x] <y> | # %% end'
summary: s
start: node
nodes:
  node:
    question: "Q1 \"x\" \\N [a] {b} (c) <script>alert(1)</script> | #35; %%{init}%%"
    options:
      - label: "a|b -->|c| \"d\""
        answer: end
      - label: "line one\nline two [x]"
        next: class
      - label: 'go `other` <tree>'
        tree: digraph
  class:
    question: "style click default strict -- ; & end"
    options:
      - label: "\\l \\r \\N \\G"
        answer: subgraph
      - label: "#quot; #lt; &lt; &#60;"
        answer: end
examples:
  - choose: ["a|b -->|c| \"d\""]
    expect: end
"""

HOSTILE_OTHER = """
id: digraph
title: "其他 {树} [x]"
summary: s
start: edge
nodes:
  edge:
    question: "出口？"
    options:
      - label: "是"
        answer: subgraph
      - label: "否"
        answer: end
examples:
  - choose: ["是"]
    expect: subgraph
"""


@pytest.fixture
def hostile_trees(write_files: WriteFiles) -> Path:
    """A clean catalog (so it loads) whose every text and id is an escaping trap."""
    return write_files(answers__yaml=HOSTILE_ANSWERS, graph__yaml=HOSTILE_TREE, digraph__yaml=HOSTILE_OTHER)
