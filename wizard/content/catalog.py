"""The one catalog pipeline: which files → each file read and validated → merged → checked.

``wizard check``, every other command, the app (at start-up and on ``--watch``)
and the pytest plugin load through :func:`load_catalog`, so they can never
disagree about what a trees folder means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wizard.content.checks import check
from wizard.content.diagnostics import Diagnostic, Severity, has_errors, make
from wizard.content.gc_pause import gc_paused
from wizard.content.loader import FileResult, load_file
from wizard.content.locate import tree_files
from wizard.content.model import Answer, AnswersFile, Catalog, SynonymGroup, SynonymsFile, Tree, WayOut
from wizard.content.source import SourceIndex

EXAMPLE_CODES = frozenset({"WZ050", "WZ051"})
"""Diagnostics about examples: they fail one example, not the whole catalog."""


@dataclass
class LoadResult:
    """What loading found: a catalog ready to use (None when there are errors), where things are, and why not."""

    catalog: Catalog | None
    diagnostics: list[Diagnostic]
    index: SourceIndex = field(default_factory=SourceIndex)
    files: list[FileResult] = field(default_factory=list)
    draft: Catalog | None = None
    """The merged catalog even when examples fail (and nothing else does): coverage still counts the rest."""

    @property
    def ok(self) -> bool:
        return self.catalog is not None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def example_problems(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.code in EXAMPLE_CODES]


def load_catalog(paths: Sequence[Path], *, run_checks: bool = True) -> LoadResult:
    """Load trees and answers from files and folders, then run the graph checks."""
    found = tree_files(paths)
    diagnostics = list(found.problems)
    with gc_paused():
        results = [load_file(path) for path in found.files]
        for result in results:
            diagnostics.extend(result.diagnostics)
        index = _index(results)
        draft = None
        if not has_errors(diagnostics):
            draft, problems = assemble(results)
            diagnostics.extend(problems)
            if run_checks and not has_errors(problems):
                diagnostics.extend(check(draft, index))
    diagnostics = sorted(set(diagnostics))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors and not all(d.code in EXAMPLE_CODES for d in errors):
        draft = None
    catalog = draft if not errors else None
    return LoadResult(catalog, diagnostics, index, results, draft)


def _index(files: list[FileResult]) -> SourceIndex:
    """Which file each tree and answer came from (the first, where an id is defined twice)."""
    index = SourceIndex()
    for result in files:
        if isinstance(result.model, Tree):
            index.trees.setdefault(result.model.id, result.source)
        elif isinstance(result.model, AnswersFile):
            index.answers_file = index.answers_file or result.source
            for answer_id in result.model.answers:
                index.answers.setdefault(answer_id, result.source)
        elif isinstance(result.model, SynonymsFile):
            index.synonyms_file = index.synonyms_file or result.source
    return index


def assemble(files: list[FileResult]) -> tuple[Catalog, list[Diagnostic]]:
    """Merge valid files into one catalog, reporting ids defined twice."""
    problems: list[Diagnostic] = []
    trees: dict[str, Tree] = {}
    tree_paths: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    answer_paths: dict[str, str] = {}
    escalation: str | None = None
    way_out: WayOut | None = None
    contact: str | None = None
    require_source = False
    synonyms: list[SynonymGroup] = []
    first_tree: FileResult | None = None
    has_answers_file = False
    for result in files:
        model = result.model
        if isinstance(model, Tree):
            first_tree = first_tree or result
            if model.id in trees:
                where = result.source.locate(("id",))
                problems.append(make("WZ020", result.path, where, tree=model.id, other=tree_paths[model.id]))
                continue
            trees[model.id] = model
            tree_paths[model.id] = result.path
        elif isinstance(model, SynonymsFile):
            synonyms += model.synonyms
        elif isinstance(model, AnswersFile):
            has_answers_file = True
            escalation = escalation or model.escalation
            way_out = way_out or model.way_out
            contact = contact or model.contact
            require_source = require_source or model.require_source
            for answer_id, answer in model.answers.items():
                if answer_id in answers:
                    where = result.source.locate(("answers", answer_id), key=True)
                    problems.append(make("WZ022", result.path, where, answer=answer_id, other=answer_paths[answer_id]))
                    continue
                answers[answer_id] = answer
                answer_paths[answer_id] = result.path
    if first_tree is not None and not has_answers_file:
        problems.append(make("WZ023", first_tree.path, (1, 1)))
    catalog = Catalog(
        trees=trees,
        answers=answers,
        escalation=escalation,
        way_out=way_out,
        contact=contact,
        synonyms=tuple(synonyms),
        require_source=require_source,
    )
    return catalog, problems
