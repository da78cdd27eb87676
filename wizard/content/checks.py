"""Graph checks: what no single file can tell, found across the whole catalog.

Each problem points at the exact key or value to fix. Checks run only on a
catalog whose files all passed the schema, so a reference error is never an
echo of a syntax error elsewhere; cycles and examples are checked only once
every reference resolves, since both follow the graph.
"""

from __future__ import annotations

from wizard.content.diagnostics import Diagnostic, did_you_mean, has_errors, make
from wizard.content.document import parse
from wizard.content.graph import Node, bfs, post_order, roots
from wizard.content.model import Answer, Catalog, Option, Tree
from wizard.content.source import SourceIndex
from wizard.content.walk import Walker

_REFERENCE_CODES = {"next": "WZ031", "answer": "WZ032", "tree": "WZ033"}


def check(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """Every graph check over the whole catalog."""
    problems: list[Diagnostic] = []
    for tree in catalog.trees.values():
        problems += _check_tree(tree, catalog, index)
    problems += _check_answers(catalog, index)
    problems += _check_shared_question_ids(catalog, index)
    if not has_errors(problems):
        problems += _check_cycles(catalog, index)
    if not has_errors(problems):
        walker = Walker(catalog)
        for tree in catalog.trees.values():
            problems += check_examples(tree, walker, index)
    return problems


def _check_tree(tree: Tree, catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """References, option counts and duplicate labels of one tree (one pass), then unreachable questions."""
    problems = []
    nodes = tree.nodes
    if tree.start not in nodes:
        path, where = index.tree_at(tree.id, ("start",))
        problems.append(make("WZ030", path, where, start=tree.start, hint=did_you_mean(tree.start, nodes)))
    answers, trees = catalog.answers, catalog.trees
    for question_id, question in nodes.items():
        options = question.options
        if len(options) < 2:
            path, where = index.tree_at(tree.id, ("nodes", question_id, "options"))
            code = "WZ045" if not options else "WZ043"
            problems.append(make(code, path, where, question=question_id, count=len(options)))
        seen: dict[str, int] = {}
        for number, option in enumerate(options):
            if option.next is not None:
                known, kind, target = nodes, "next", option.next
            elif option.answer is not None:
                known, kind, target = answers, "answer", option.answer  # type: ignore[assignment]
            else:
                known, kind, target = trees, "tree", option.tree or ""  # type: ignore[assignment]
            if target not in known:
                path, where = index.tree_at(tree.id, ("nodes", question_id, "options", number, kind))
                fields = {"label": option.label, "question": question_id, "target": target}
                problems.append(make(_REFERENCE_CODES[kind], path, where, hint=did_you_mean(target, known), **fields))
            first = seen.setdefault(option.label, number)
            if first != number:
                path, where = index.tree_at(tree.id, ("nodes", question_id, "options", number, "label"))
                problems.append(make("WZ044", path, where, question=question_id, label=option.label, first=first + 1))
    if tree.start in nodes:
        reachable = bfs(tree)
        if len(reachable) < len(nodes):
            for question_id in nodes:
                if question_id not in reachable:
                    path, where = index.tree_at(tree.id, ("nodes", question_id), key=True)
                    problems.append(make("WZ040", path, where, question=question_id))
    return problems


def _check_answers(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    problems = []
    source = index.answers_file
    if catalog.escalation and source is not None:
        where = source.locate(("escalation",))
        escalation = catalog.answers.get(catalog.escalation)
        if escalation is None:
            hint = did_you_mean(catalog.escalation, catalog.answers)
            problems.append(make("WZ034", source.path, where, "escalation", answer=catalog.escalation, hint=hint))
        elif escalation.kind != "escalation":
            problems.append(make("WZ035", source.path, where, answer=catalog.escalation, kind=escalation.kind))
    for answer_id, answer in catalog.answers.items():
        problems += _check_tables(answer_id, answer, index)
        for number, related in enumerate(answer.related):
            if related not in catalog.answers:
                path, where = index.answer_at(answer_id, ("related", number))
                hint = did_you_mean(related, catalog.answers)
                problems.append(make("WZ034", path, where, answer=answer_id, related=related, hint=hint))
    if catalog.trees:
        reached = {o.answer for t in catalog.trees.values() for q in t.nodes.values() for o in q.options}
        reached.add(catalog.escalation)
        for answer_id in catalog.answers:
            if answer_id not in reached:
                path, where = index.answer_at(answer_id)
                problems.append(make("WZ041", path, where, answer=answer_id))
    return problems


MAX_TABLE_COLUMNS = 12
MAX_TABLE_ROWS = 100


def _check_tables(answer_id: str, answer: Answer, index: SourceIndex) -> list[Diagnostic]:
    """A table wider or longer than a terminal can show is an error, not something to render slowly (WZ046)."""
    if "|" not in answer.body:
        return []
    problems = []
    for block in parse(answer.body):
        columns = max((len(row) for row in block.rows), default=0)
        if block.kind == "table" and (columns > MAX_TABLE_COLUMNS or len(block.rows) > MAX_TABLE_ROWS):
            path, where = index.answer_at(answer_id, ("body",))
            problems.append(
                make(
                    "WZ046",
                    path,
                    where,
                    answer=answer_id,
                    columns=columns,
                    rows=len(block.rows),
                    max_columns=MAX_TABLE_COLUMNS,
                    max_rows=MAX_TABLE_ROWS,
                )
            )
    return problems


def _check_shared_question_ids(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    owner: dict[str, str] = {}
    problems = []
    for tree in catalog.trees.values():
        for question_id in tree.nodes:
            first = owner.setdefault(question_id, tree.id)
            if first != tree.id:
                path, where = index.tree_at(tree.id, ("nodes", question_id), key=True)
                problems.append(make("WZ021", path, where, question=question_id, tree=first))
    return problems


def _check_cycles(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """Each option that leads back onto the walk that reached it closes a circle."""
    problems: list[Diagnostic] = []

    def report(path: list[Node], number: int, option: Option, back_to: Node) -> None:
        loop = [*path[path.index(back_to) :], back_to]
        crosses_trees = len({tree_id for tree_id, _ in loop}) > 1
        names = [f"{t}:{q}" if crosses_trees else q for t, q in loop]
        file, where = index.tree_at(path[-1][0], ("nodes", path[-1][1], "options", number))
        problems.append(make("WZ042", file, where, label=option.label, question=names[0], loop=" › ".join(names)))

    post_order(catalog, roots(catalog), on_cycle=report)
    return problems


def check_examples(tree: Tree, walker: Walker, index: SourceIndex) -> list[Diagnostic]:
    """WZ052 for a tree without examples; WZ050/WZ051 for each example that does not walk to its answer."""
    problems = []
    if not tree.examples:
        path, where = index.tree_at(tree.id, ("id",))
        problems.append(make("WZ052", path, where, tree=tree.id))
    for number, verdict in enumerate(walker.verdicts(tree.id, tree.examples)):
        if verdict is not None:
            path, where = index.tree_at(tree.id, ("examples", number, *verdict.loc))
            problems.append(verdict.diagnostic(path, where))
    return problems
