"""pytest plugin: every tree example and every similar question is a test; the run ends with a coverage report.

Installed through the ``pytest11`` entry point, so any project with trees gets it
by installing hrss-wizard. How trees are found: a YAML file under the collected
paths is a tree file when an ``answers.yaml`` sits beside it, or when it has the
top-level keys ``start:`` and ``nodes:``. The ini setting ``tree_paths`` limits
this to the listed folders (so test fixtures that are trees stay fixtures); put
those folders in ``testpaths`` too so plain ``pytest`` collects them.
``tree_collect = false`` turns collection off. Each folder is loaded once, like
``wizard check`` does.

- Each example becomes ``trees/<file>.yaml::<example name or 'example N'>``; a
  failing one shows the walk and the first wrong step, with a "did you mean".
- Each similar question (相似问法) of an answer becomes
  ``trees/answers.yaml::<answer id>[<question>]``: searching for it must put
  its own answer first (for the way-out answer: or find nothing, which offers
  it); a failing one shows what came first, with the scores.
- A folder that cannot be loaded gives one failing ``::load`` item per tree file
  with the diagnostics (``file:line:col: error CODE ...``), never a crash.
- At the end: covered/total questions, options and answers per tree, each
  missing one as ``file:line``, and the answers with too few similar questions.
  ``--tree-cov-fail-under=PCT`` (or the ini setting ``tree_cov_fail_under``)
  fails the run below PCT percent.

Coverage counts only examples that ran and passed, like code coverage counts
only the tests that ran; trees whose examples were all deselected (``-k``) are
left out of the report rather than shown as uncovered.

With pytest-xdist (``-n``), each worker sends what it collected and which
examples passed to the controller (``workeroutput``, as pytest-cov does), and
the controller walks those examples again (milliseconds) for the one report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tree-cov", "tree coverage (hrss-wizard)")
    group.addoption(
        "--tree-cov-fail-under",
        type=float,
        default=None,
        metavar="PCT",
        help="fail the run when total tree coverage is below PCT percent (overrides tree_cov_fail_under)",
    )
    group.addoption("--no-tree-cov", action="store_true", default=False, help="collect tree examples, skip the report")
    parser.addini("tree_cov_fail_under", "fail the run when total tree coverage is below this percent", default="")
    parser.addini("tree_collect", "collect tree files (YAML beside answers.yaml) as tests", type="bool", default=True)
    parser.addini(
        "tree_paths",
        "folders whose tree files are collected (relative to the ini file); when unset, tree files anywhere",
        type="paths",
        default=[],
    )


@dataclass
class _Folder:
    """One trees folder, loaded once: the load result and which file holds which tree."""

    loaded: Any  # wizard.content.catalog.LoadResult
    walker: Any = None  # wizard.content.walk.Walker, when the catalog (or its draft) loaded
    tree_of_file: dict[Path, str] = field(default_factory=dict)
    search: Any = None  # wizard.engine.search.SearchIndex, built for the first similar question


@dataclass
class _State:
    """What the run collected and passed, in plain data an xdist worker can send to the controller.

    A folder is named by its resolved path, a tree by (folder, tree id).
    """

    folders: dict[str, _Folder] = field(default_factory=dict)
    collected: dict[str, list[str]] = field(default_factory=dict)
    """Tree files collected: display path → [folder, tree id]."""
    has_examples: set[tuple[str, str]] = field(default_factory=set)
    selected: set[tuple[str, str]] = field(default_factory=set)
    """Trees with at least one example item left after deselection."""
    passed: list[tuple[str, str, int]] = field(default_factory=list)
    """(folder, tree id, example index) of every example that passed."""

    def to_output(self) -> dict[str, Any]:
        return {
            "collected": self.collected,
            "has_examples": sorted(self.has_examples),
            "selected": sorted(self.selected),
            "passed": self.passed,
        }

    def merge(self, output: dict[str, Any]) -> None:
        self.collected.update(output["collected"])
        self.has_examples.update(tuple(pair) for pair in output["has_examples"])
        self.selected.update(tuple(pair) for pair in output["selected"])
        self.passed += [(folder, tree, number) for folder, tree, number in output["passed"]]


_STATE = pytest.StashKey[_State]()
_OUTPUT_KEY = "hrss_wizard_tree_coverage"


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_STATE] = _State()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    # Imported here, not at the top: pytest loads plugins before coverage tools start measuring.
    from wizard.content.locate import is_answers_file, is_tree_file

    config = parent.config
    tree_file = is_tree_file(file_path)
    if not config.getini("tree_collect") or not (tree_file or is_answers_file(file_path)):
        return None
    folders = config.getini("tree_paths")
    if folders and not any(file_path.resolve().is_relative_to(Path(f).resolve()) for f in folders):
        return None
    if tree_file:
        return TreeFile.from_parent(parent, path=file_path)
    return AnswersFile.from_parent(parent, path=file_path)


def _display(path: Path, config: pytest.Config) -> Path:
    """``path`` relative to where pytest was started, when it is below it, so reports say trees/x.yaml."""
    base = config.invocation_params.dir
    try:
        return path.relative_to(base)
    except ValueError:
        return Path(os.path.relpath(path, base)) if path.is_relative_to(config.rootpath) else path


def _folder(config: pytest.Config, key: str) -> _Folder:
    """The trees folder ``key`` (a resolved path), loaded on first use."""
    from wizard.content.catalog import load_catalog
    from wizard.content.walk import Walker

    state = config.stash[_STATE]
    folder = state.folders.get(key)
    if folder is None:
        loaded = load_catalog([_display(Path(key), config)])
        folder = _Folder(loaded)
        if loaded.draft is not None:  # failing examples fail their own items, not the folder
            folder.walker = Walker(loaded.draft)
            for tree_id, source in loaded.index.trees.items():
                folder.tree_of_file[Path(source.path).resolve()] = tree_id
        state.folders[key] = folder
    return folder


class TreeFile(pytest.File):
    """A tree file: one item per example, or one failing ``load`` item when the folder has errors."""

    def collect(self) -> list[pytest.Item]:
        key = str(self.path.parent.resolve())
        folder = _folder(self.config, key)
        tree_id = folder.tree_of_file.get(self.path.resolve())
        if folder.walker is None or tree_id is None:
            return [LoadItem.from_parent(self, name="load", folder=folder)]
        state = self.config.stash[_STATE]
        state.collected[str(_display(self.path, self.config))] = [key, tree_id]
        tree = folder.walker.catalog.trees[tree_id]
        items: list[pytest.Item] = []
        used: set[str] = set()
        for number, example in enumerate(tree.examples):
            name = example.name or f"example {number + 1}"
            unique, copy = name, 1
            while unique in used:
                copy += 1
                unique = f"{name} ({copy})"
            used.add(unique)
            items.append(ExampleItem.from_parent(self, name=unique, folder=key, tree_id=tree_id, number=number))
        if items:
            state.has_examples.add((key, tree_id))
        return items


class ExampleFailed(Exception):
    """An example that does not walk to its ``expect:`` answer; the message is the whole explanation."""


class ExampleItem(pytest.Item):
    """One example: walk its ``choose:`` labels from the tree's start and expect its answer."""

    def __init__(self, *, folder: str, tree_id: str, number: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = folder
        self.tree_id = tree_id
        self.number = number

    def runtest(self) -> None:
        folder = _folder(self.config, self.folder)
        example = folder.walker.catalog.trees[self.tree_id].examples[self.number]
        walk, verdict = folder.walker.check(self.tree_id, example)
        if verdict is not None:
            raise ExampleFailed(self._explain(folder, walk, verdict))
        self.config.stash[_STATE].passed.append((self.folder, self.tree_id, self.number))

    def _explain(self, folder: _Folder, walk: Any, verdict: Any) -> str:
        """The diagnostic line of ``wizard check``, then the walk step by step, the wrong step marked."""
        catalog = folder.walker.catalog
        example = catalog.trees[self.tree_id].examples[self.number]
        path, where = folder.loaded.index.tree_at(self.tree_id, ("examples", self.number, *verdict.loc))
        lines = [verdict.diagnostic(path, where).format(), "", f"walk from the start of tree '{self.tree_id}':"]
        crosses = len({step[0] for step in walk.steps}) > 1 or (
            walk.stopped_at is not None and walk.stopped_at[0] != self.tree_id
        )
        for number, (tree_id, question_id, option) in enumerate(walk.steps, start=1):
            where_text = f"{tree_id}:{question_id}" if crosses else question_id
            label = catalog.trees[tree_id].nodes[question_id].options[option].label
            lines.append(f"  {number}. {where_text} › {label}")
        if walk.failed_at is not None and walk.stopped_at is not None:
            tree_id, question_id = walk.stopped_at
            where_text = f"{tree_id}:{question_id}" if crosses else question_id
            lines.append(f"  {len(walk.steps) + 1}. {where_text} › {example.choose[walk.failed_at]}   ✗ no such option")
        if walk.answer is not None:
            lines.append(f"  = answer '{walk.answer}'" + ("" if walk.answer == example.expect else " ✗"))
        return "\n".join(lines)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExampleFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        line = _folder(self.config, self.folder).loaded.index.tree_line(self.tree_id, ("examples", self.number))
        return self.path, line - 1, f"tree {self.tree_id}: {self.name}"


class AnswersFile(pytest.File):
    """An answers file: one item per similar question of each of its answers."""

    def collect(self) -> list[pytest.Item]:
        folder_key = str(self.path.parent.resolve())
        folder = _folder(self.config, folder_key)
        if folder.walker is None:
            return []  # the folder's tree files carry the load errors
        catalog = folder.walker.catalog
        mine = self.path.resolve()
        items: list[pytest.Item] = []
        for answer_id, source in folder.loaded.index.answers.items():
            if Path(source.path).resolve() != mine or answer_id not in catalog.answers:
                continue
            for number, question in enumerate(catalog.answers[answer_id].similar):
                name = f"{answer_id}[{question}]"
                items.append(
                    SimilarItem.from_parent(self, name=name, folder=folder_key, answer_id=answer_id, number=number)
                )
        return items


class SimilarFailed(Exception):
    """A similar question that does not find its own answer first; the message is the whole explanation."""


class SimilarItem(pytest.Item):
    """One similar question: search for it and expect its own answer first."""

    def __init__(self, *, folder: str, answer_id: str, number: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = folder
        self.answer_id = answer_id
        self.number = number

    def runtest(self) -> None:
        from wizard.engine.search import SearchIndex

        folder = _folder(self.config, self.folder)
        catalog = folder.walker.catalog
        if folder.search is None:
            folder.search = SearchIndex.build(catalog)
        question = catalog.answers[self.answer_id].similar[self.number]
        findings = folder.search.find(question, top=3)
        first = findings.hits[0] if findings.answered else findings.escalation
        if first is None or first.answer != self.answer_id:
            raise SimilarFailed(self._explain(question, findings))

    def _explain(self, question: str, findings: Any) -> str:
        path, (line, col) = _folder(self.config, self.folder).loaded.index.answer_at(
            self.answer_id, ("similar", self.number)
        )
        head = f"{path}:{line}:{col}: the similar question '{question}' of answer '{self.answer_id}'"
        if not findings.answered:
            head += " finds no answer that fits (the FAQ would be 'not found')"
        else:
            head += f" finds '{findings.hits[0].answer}' first"
        rows = [
            f"  {rank}. {hit.answer}  score {hit.score:.3f}  coverage {hit.coverage:.2f}"
            + ("" if hit.fits else "  (does not fit)")
            for rank, hit in enumerate(findings.hits, start=1)
        ]
        return "\n".join([head, "search results:", *rows, "make it more specific, or move it to the answer that fits"])

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, SimilarFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        loaded = _folder(self.config, self.folder).loaded
        _, (line, _) = loaded.index.answer_at(self.answer_id, ("similar", self.number))
        return self.path, line - 1, f"answer {self.answer_id}: similar question {self.number + 1}"


class LoadFailed(Exception):
    """The trees folder has errors, so no example can run."""


class LoadItem(pytest.Item):
    """Stands for a tree file whose folder cannot be loaded: fails with the diagnostics, this file's first."""

    def __init__(self, *, folder: _Folder, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = folder

    def runtest(self) -> None:
        errors = self.folder.loaded.errors
        mine = self.path.resolve()
        errors.sort(key=lambda d: (Path(d.path).resolve() != mine, d))
        count = len(errors)
        head = f"the trees in {_display(self.path.parent, self.config)} cannot be loaded ({count} error(s)):"
        raise LoadFailed("\n".join([head, *(d.format() for d in errors)]))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, LoadFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "load the trees"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    state = config.stash[_STATE]
    state.selected = {(item.folder, item.tree_id) for item in items if isinstance(item, ExampleItem)}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist controller: take in what a worker collected and passed."""
    output = getattr(node, "workeroutput", {}).get(_OUTPUT_KEY)
    if output is not None:
        node.config.stash[_STATE].merge(output)


def _report(config: pytest.Config) -> Any:
    """The coverage report of the trees collected in this run (None when there are none)."""
    from wizard.maintainer.coverage import Coverage, Report

    state = config.stash[_STATE]
    coverages: dict[str, Any] = {}
    for key, tree_id, number in state.passed:
        coverage = coverages.get(key)
        if coverage is None:
            loaded = _folder(config, key).loaded
            coverage = coverages[key] = Coverage(loaded.draft, loaded.index)
        coverage.run_example(tree_id, number)
    trees = {}
    for key, tree_id in state.collected.values():
        if (key, tree_id) in state.has_examples and (key, tree_id) not in state.selected:
            continue  # every example of this tree was deselected
        coverage = coverages.get(key)
        if coverage is None:
            loaded = _folder(config, key).loaded
            coverage = coverages[key] = Coverage(loaded.draft, loaded.index)
        tree_report = coverage.report([tree_id]).trees[tree_id]
        trees[tree_id if tree_id not in trees else tree_report.path] = tree_report
    return Report(trees) if trees else None


def _threshold(config: pytest.Config) -> float | None:
    option = config.getoption("tree_cov_fail_under")
    if option is not None:
        return float(option)
    value = str(config.getini("tree_cov_fail_under") or "").strip()
    return float(value) if value else None


_REPORT = pytest.StashKey[Any]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if hasattr(config, "workeroutput"):  # an xdist worker: the controller reports
        config.workeroutput[_OUTPUT_KEY] = config.stash[_STATE].to_output()
        return
    if config.option.collectonly or config.getoption("no_tree_cov"):
        return
    stopped_early = bool(session.shouldstop or session.shouldfail)  # -x or --maxfail ended the run
    if stopped_early or exitstatus in (
        pytest.ExitCode.INTERRUPTED,
        pytest.ExitCode.INTERNAL_ERROR,
        pytest.ExitCode.USAGE_ERROR,
    ):
        return  # the examples did not all run: a report would only show noise
    report = _report(config)
    config.stash[_REPORT] = report
    threshold = _threshold(config)
    if report is not None and threshold is not None and report.percent < threshold and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    report = config.stash.get(_REPORT, None)
    if report is None:
        return
    terminalreporter.write_sep("-", "tree coverage")
    for line in report.text().splitlines():
        terminalreporter.write_line(line)
    threshold = _threshold(config)
    if threshold is None:
        return
    if report.percent < threshold:
        terminalreporter.write_line(
            f"FAIL Required tree coverage of {threshold:g}% not reached. Total tree coverage: {report.percent:.2f}%"
            " (run 'wizard coverage --suggest' for examples that cover the missing options)",
            red=True,
            bold=True,
        )
    else:
        terminalreporter.write_line(
            f"Required tree coverage of {threshold:g}% reached. Total tree coverage: {report.percent:.2f}%", green=True
        )
