"""Shared fixtures: small catalogs written inline, so each test reads like the trees it checks."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from wizard.content.catalog import load_catalog
from wizard.content.diagnostics import Diagnostic

REPO = Path(__file__).resolve().parent.parent
BUNDLED_TREES = REPO / "trees"

ANSWERS = """\
answers:
  a-one:
    title: 答案一
    body: 正文一
  a-two:
    title: 答案二
    body: 正文二
"""

TREE = """\
id: t
title: 任务
summary: 摘要
start: q1
nodes:
  q1:
    question: 问题一？
    options:
      - label: 甲
        answer: a-one
      - label: 乙
        next: q2
  q2:
    question: 问题二？
    options:
      - label: 丙
        answer: a-one
      - label: 丁
        answer: a-two
examples:
  - choose: [甲]
    expect: a-one
  - choose: [乙, 丙]
    expect: a-one
  - choose: [乙, 丁]
    expect: a-two
"""

WriteFiles = Callable[..., Path]


@pytest.fixture
def write_files(tmp_path: Path) -> WriteFiles:
    """Write ``name=text`` pairs (dedented) into a fresh trees folder and return it."""

    def write(**files: str | bytes) -> Path:
        folder = tmp_path / "trees"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            target = folder / name.replace("__", ".")
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content), encoding="utf-8")
        return folder

    return write


def located(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int, int]]:
    """(code, file name, line, col) of each diagnostic: what the tests assert on."""
    return [(d.code, Path(d.path).name, d.line, d.col) for d in diagnostics]


@pytest.fixture
def diagnose(write_files: WriteFiles) -> Callable[..., list[Diagnostic]]:
    """Load a catalog from inline files (answers.yaml defaults to two answers)."""

    def run(**files: str | bytes) -> list[Diagnostic]:
        files.setdefault("answers__yaml", ANSWERS)
        return load_catalog([write_files(**files)]).diagnostics

    return run
