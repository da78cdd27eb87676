"""Graph checks: what no single file can tell, found across the whole catalog.

Each problem points at the exact key or value to fix. Checks run only on a
catalog whose files all passed the schema, so a reference error is never an
echo of a syntax error elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from wizard.diagnostics import Diagnostic, did_you_mean, has_errors, make
from wizard.engine import Walker
from wizard.loader import FileResult, Loc, SourceMap
from wizard.model import Answer, AnswersFile, Catalog, Tree


@dataclass
class SourceIndex:
    """Which file, and where in it, each tree and answer was written."""

    trees: dict[str, SourceMap] = field(default_factory=dict)
    answers: dict[str, SourceMap] = field(default_factory=dict)
    answers_file: SourceMap | None = None

    @classmethod
    def from_files(cls, files: list[FileResult]) -> SourceIndex:
        index = cls()
        for result in files:
            if isinstance(result.model, Tree):
                index.trees.setdefault(result.model.id, result.source)
            elif isinstance(result.model, AnswersFile):
                index.answers_file = index.answers_file or result.source
                for answer_id in result.model.answers:
                    index.answers.setdefault(answer_id, result.source)
        return index

    def tree_at(self, tree_id: str, loc: Loc, *, key: bool = False) -> tuple[str, tuple[int, int]]:
        source = self.trees[tree_id]
        return source.path, source.locate(loc, key=key)

    def answer_at(self, answer_id: str, loc: Loc = (), *, key: bool = False) -> tuple[str, tuple[int, int]]:
        source = self.answers[answer_id]
        return source.path, source.locate(("answers", answer_id, *loc), key=key or not loc)


def assemble(files: list[FileResult]) -> tuple[Catalog | None, list[Diagnostic]]:
    """Merge valid files into one catalog, reporting ids defined twice."""
    problems: list[Diagnostic] = []
    trees: dict[str, Tree] = {}
    tree_paths: dict[str, str] = {}
    answers: dict[str, Answer] = {}
    answer_paths: dict[str, str] = {}
    escalation: str | None = None
    answer_files = [f for f in files if isinstance(f.model, AnswersFile)]
    for result in files:
        model = result.model
        if isinstance(model, Tree):
            if model.id in trees:
                where = result.source.locate(("id",))
                message = f"the tree id '{model.id}' is already used by {tree_paths[model.id]}"
                problems.append(make("WZ020", result.path, where, message, "give each tree its own id"))
                continue
            trees[model.id] = model
            tree_paths[model.id] = result.path
        elif isinstance(model, AnswersFile):
            escalation = escalation or model.escalation
            for answer_id, answer in model.answers.items():
                if answer_id in answers:
                    where = result.source.locate(("answers", answer_id), key=True)
                    message = f"the answer id '{answer_id}' is already defined in {answer_paths[answer_id]}"
                    problems.append(make("WZ022", result.path, where, message, "keep one definition of each answer"))
                    continue
                answers[answer_id] = answer
                answer_paths[answer_id] = result.path
    if trees and not answer_files:
        first = next(f for f in files if isinstance(f.model, Tree))
        problems.append(
            make(
                "WZ023",
                first.path,
                (1, 1),
                "no answers.yaml was found beside this tree",
                "put answers.yaml in the same folder",
            )
        )
    return Catalog(trees=trees, answers=answers, escalation=escalation), problems


def check(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """Every graph check over the whole catalog."""
    problems: list[Diagnostic] = []
    for tree in catalog.trees.values():
        problems += _check_references(tree, catalog, index)
        problems += _check_questions(tree, index)
    problems += _check_answers(catalog, index)
    problems += _check_shared_question_ids(catalog, index)
    if not has_errors(problems):  # cycles and walks need every reference to resolve
        problems += _check_cycles(catalog, index)
    if not has_errors(problems):
        walker = Walker(catalog)
        for tree in catalog.trees.values():
            problems += _check_examples(tree, walker, index)
    return problems


def _check_references(tree: Tree, catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    problems = []
    if tree.start not in tree.nodes:
        path, where = index.tree_at(tree.id, ("start",))
        hint = did_you_mean(tree.start, tree.nodes) or "name one of the questions under 'nodes'"
        problems.append(make("WZ030", path, where, f"the start question '{tree.start}' is not in this tree", hint))
    for question_id, question in tree.nodes.items():
        for number, option in enumerate(question.options):
            kind, target = option.target
            known: dict[str, object] = {"next": tree.nodes, "answer": catalog.answers, "tree": catalog.trees}[kind]  # type: ignore[assignment]
            if target in known:
                continue
            code, what = {
                "next": ("WZ031", "question in this tree"),
                "answer": ("WZ032", "answer"),
                "tree": ("WZ033", "tree"),
            }[kind]
            path, where = index.tree_at(tree.id, ("nodes", question_id, "options", number, kind))
            message = (
                f"option '{option.label}' of question '{question_id}' leads to '{target}', but there is no such {what}"
            )
            problems.append(make(code, path, where, message, did_you_mean(target, known)))
    return problems


def _check_questions(tree: Tree, index: SourceIndex) -> list[Diagnostic]:
    problems = []
    for question_id, question in tree.nodes.items():
        if len(question.options) < 2:
            path, where = index.tree_at(tree.id, ("nodes", question_id, "options"))
            message = f"question '{question_id}' has {len(question.options)} option(s); a question needs at least two"
            problems.append(make("WZ043", path, where, message, "add an option or link straight to the next step"))
        seen: dict[str, int] = {}
        for number, option in enumerate(question.options):
            if option.label in seen:
                path, where = index.tree_at(tree.id, ("nodes", question_id, "options", number, "label"))
                first = seen[option.label] + 1
                message = f"question '{question_id}' has the option '{option.label}' twice (also option {first})"
                problems.append(
                    make("WZ044", path, where, message, "every option of a question needs a different label")
                )
            seen.setdefault(option.label, number)
    reachable = _reachable_questions(tree)
    for question_id in tree.nodes:
        if question_id not in reachable and tree.start in tree.nodes:
            path, where = index.tree_at(tree.id, ("nodes", question_id), key=True)
            message = f"no option leads to question '{question_id}', so a clerk never sees it"
            problems.append(make("WZ040", path, where, message, "link to it with 'next:' or delete it"))
    return problems


def _reachable_questions(tree: Tree) -> set[str]:
    seen: set[str] = set()
    todo = [tree.start] if tree.start in tree.nodes else []
    while todo:
        question_id = todo.pop()
        if question_id in seen:
            continue
        seen.add(question_id)
        todo += [o.next for o in tree.nodes[question_id].options if o.next and o.next in tree.nodes]
    return seen


def _check_answers(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    problems = []
    source = index.answers_file
    if catalog.escalation and source is not None:
        where = source.locate(("escalation",))
        escalation = catalog.answers.get(catalog.escalation)
        if escalation is None:
            hint = did_you_mean(catalog.escalation, catalog.answers)
            problems.append(
                make("WZ034", source.path, where, f"the escalation answer '{catalog.escalation}' does not exist", hint)
            )
        elif escalation.kind != "escalation":
            message = f"the escalation answer '{catalog.escalation}' is of kind '{escalation.kind}'"
            problems.append(
                make("WZ035", source.path, where, message, "add 'kind: escalation' to it or name another answer")
            )
    for answer_id, answer in catalog.answers.items():
        for number, related in enumerate(answer.related):
            if related not in catalog.answers:
                path, where = index.answer_at(answer_id, ("related", number))
                message = f"answer '{answer_id}' lists '{related}' as related, but there is no such answer"
                problems.append(make("WZ034", path, where, message, did_you_mean(related, catalog.answers)))
    reached = {o.answer for t in catalog.trees.values() for q in t.nodes.values() for o in q.options if o.answer}
    reached.add(catalog.escalation or "")
    for answer_id in catalog.answers:
        if answer_id not in reached and catalog.trees:
            path, where = index.answer_at(answer_id)
            message = f"no option in any tree ends at answer '{answer_id}', so clerks can only find it by search"
            problems.append(make("WZ041", path, where, message, "add an option with 'answer: " + answer_id + "'"))
    return problems


def _check_shared_question_ids(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    owners: dict[str, list[str]] = defaultdict(list)
    for tree in catalog.trees.values():
        for question_id in tree.nodes:
            owners[question_id].append(tree.id)
    problems = []
    for question_id, tree_ids in owners.items():
        for tree_id in tree_ids[1:]:
            path, where = index.tree_at(tree_id, ("nodes", question_id), key=True)
            message = f"the question id '{question_id}' is also used in tree '{tree_ids[0]}'"
            problems.append(
                make("WZ021", path, where, message, "use ids that are unique across trees so reports are unambiguous")
            )
    return problems


def _check_cycles(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """Depth-first search over (tree, question); each edge back onto the path is a cycle."""
    problems = []
    done: set[tuple[str, str]] = set()
    for tree in catalog.trees.values():
        root = (tree.id, tree.start)
        if root in done:
            continue
        path: list[tuple[str, str]] = [root]
        on_path = {root}
        stack = [iter(_edges(catalog, root))]
        while stack:
            edge = next(stack[-1], None)
            if edge is None:
                stack.pop()
                node = path.pop()
                on_path.discard(node)
                done.add(node)
                continue
            number, label, target = edge
            if target in on_path:
                loop = [*path[path.index(target) :], target]
                source, where = index.tree_at(path[-1][0], ("nodes", path[-1][1], "options", number))
                crosses_trees = len({tree_id for tree_id, _ in loop}) > 1
                names = [f"{t}:{q}" if crosses_trees else q for t, q in loop]
                message = (
                    f"option '{label}' leads back to question '{names[0]}', "
                    f"so a clerk can go round in circles ({' › '.join(names)})"
                )
                problems.append(make("WZ042", source, where, message, "every walk must end at an answer"))
            elif target not in done:
                path.append(target)
                on_path.add(target)
                stack.append(iter(_edges(catalog, target)))
    return problems


def _edges(catalog: Catalog, node: tuple[str, str]) -> list[tuple[int, str, tuple[str, str]]]:
    tree = catalog.trees[node[0]]
    edges = []
    for number, option in enumerate(tree.nodes[node[1]].options):
        if option.next:
            edges.append((number, option.label, (tree.id, option.next)))
        elif option.tree:
            edges.append((number, option.label, (option.tree, catalog.trees[option.tree].start)))
    return edges


def _check_examples(tree: Tree, walker: Walker, index: SourceIndex) -> list[Diagnostic]:
    catalog = walker.catalog
    problems = []
    if not tree.examples:
        path, where = index.tree_at(tree.id, ("id",))
        message = f"tree '{tree.id}' has no examples, so tests cannot prove its branches work"
        problems.append(make("WZ052", path, where, message, "add 'examples:' with 'choose:' and 'expect:'"))
    for number, example in enumerate(tree.examples):
        loc: Loc = ("examples", number)
        result = walker.walk(tree.id, example.choose)
        if result.failed_at is not None and result.stopped_at is not None:
            tree_id, question_id = result.stopped_at
            labels = [o.label for o in catalog.trees[tree_id].nodes[question_id].options]
            label = example.choose[result.failed_at]
            path, where = index.tree_at(tree.id, (*loc, "choose", result.failed_at))
            message = f"at question '{question_id}' there is no option '{label}'"
            hint = did_you_mean(label, labels) or "the options are: " + ", ".join(f"'{x}'" for x in labels)
            problems.append(make("WZ050", path, where, message, hint))
        elif result.answer is None and result.stopped_at is not None:
            path, where = index.tree_at(tree.id, (*loc, "choose"))
            message = f"the example stops at question '{result.stopped_at[1]}' before reaching an answer"
            problems.append(make("WZ050", path, where, message, "add the next choice to 'choose:'"))
        elif result.unused:
            path, where = index.tree_at(tree.id, (*loc, "choose", len(example.choose) - result.unused))
            message = f"the example reaches answer '{result.answer}' with {result.unused} choice(s) left over"
            problems.append(make("WZ050", path, where, message, "remove the choices after the answer"))
        elif result.answer != example.expect:
            path, where = index.tree_at(tree.id, (*loc, "expect"))
            message = f"the example ends at answer '{result.answer}', not at '{example.expect}'"
            problems.append(make("WZ051", path, where, message, "fix 'expect:' or the choices"))
    return problems
