"""Shared fixtures: an isolated environment, the wizard command, and small catalogs written inline."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from wizard.content.catalog import load_catalog
from wizard.content.diagnostics import Diagnostic
from wizard.content.locate import is_tree_file

REPO = Path(__file__).resolve().parent.parent
BUNDLED_TREES = REPO / "trees"
BUNDLED_TREE_FILES = sorted(path for path in BUNDLED_TREES.glob("*.yaml") if is_tree_file(path))
"""The bundled tree files: not answers.yaml nor synonyms.yaml."""
XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No WIZARD_*, HOME or XDG_* of the developer reaches a test: each test gets an empty home of its own."""
    for name in list(os.environ):
        if name.startswith("WIZARD_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in XDG_VARIABLES:
        monkeypatch.setenv(name, str(home / name.lower()))
    return home


@dataclass
class Result:
    """What a run of ``wizard`` left: exit status and the two output streams."""

    returncode: int
    stdout: str
    stderr: str


Wizard = Callable[..., Result]


@pytest.fixture
def neutral_cwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty working folder: no test passes because it happens to run inside the repository."""
    return tmp_path_factory.mktemp("cwd")


@pytest.fixture
def run_wizard(neutral_cwd: Path) -> Wizard:
    """``wizard ARGS`` as a real process, in the isolated environment and a neutral working folder.

    For what only a process shows: exit codes through the interpreter, piped
    standard streams, what gets imported at start-up.
    """

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
        environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "wizard.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or neutral_cwd,
            env=environment,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def invoke(neutral_cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Wizard:
    """``wizard ARGS`` called in this process (``wizard.cli.main``): the same output, without an interpreter start."""
    from wizard.cli import main

    def run(*args: str, stdin: str = "", cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or neutral_cwd)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            gc.unfreeze()  # commands freeze what they loaded, for a process that exits; this one goes on
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


ANSWERS = """\
way_out: {label: 以上都不是, answer: a-out}
answers:
  a-one:
    title: 答案一
    body: 正文一
  a-two:
    title: 答案二
    body: 正文二
  a-out:
    kind: escalation
    title: 转人工
    body: 请拨打 12333。
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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Search quality of both halves of the eval split, whenever the run included the eval tests."""
    ran = any(
        getattr(report, "nodeid", "").startswith("tests/search/test_eval.py")
        for reports in terminalreporter.stats.values()
        for report in reports
    )
    if not ran:
        return
    from tests.search.evaluation import SPLITS, evaluate, load_queries
    from wizard.engine.search import SearchIndex

    catalog = load_catalog([BUNDLED_TREES]).catalog
    if catalog is None:
        return
    index = SearchIndex.build(catalog)
    queries = load_queries()
    terminalreporter.section("search quality (tests/data/search_eval.yaml)")
    for split in SPLITS:
        terminalreporter.write_line(evaluate(index, catalog, queries, split).line())
