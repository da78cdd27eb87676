"""Graph checks: what no single file can tell, found across the whole catalog.

Each problem points at the exact key or value to fix. Checks run only on a
catalog whose files all passed the schema, so a reference error is never an
echo of a syntax error elsewhere; cycles and examples are checked only once
every reference resolves, since both follow the graph.
"""

from __future__ import annotations

import datetime
import unicodedata

from wizard.content.diagnostics import Diagnostic, did_you_mean, has_errors, make
from wizard.content.document import parse
from wizard.content.graph import Node, bfs, post_order, roots
from wizard.content.model import Answer, Catalog, Option, Tree
from wizard.content.source import Loc, SourceIndex
from wizard.content.walk import Walker

_REFERENCE_CODES = {"next": "WZ031", "answer": "WZ032", "tree": "WZ033"}


def check(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """Every graph check over the whole catalog."""
    problems: list[Diagnostic] = []
    for tree in catalog.trees.values():
        problems += _check_tree(tree, catalog, index)
    problems += _check_answers(catalog, index)
    problems += _check_similar(catalog, index)
    problems += _check_faq_numbers(catalog, index)
    problems += _check_synonyms(catalog, index)
    problems += _check_shared_question_ids(catalog, index)
    if not has_errors(problems):
        problems += _check_cycles(catalog, index)
    if not has_errors(problems):
        walker = Walker(catalog)
        for tree in catalog.trees.values():
            problems += check_examples(tree, walker, index)
    return problems


NOT_SURE = ("不确定", "不清楚", "不知道", "不确认")
"""Words of an option for a clerk who does not know the answer to the question."""


def _not_sure_twice(
    tree: Tree, question_id: str, own: list[Option], way_out: Option, index: SourceIndex
) -> list[Diagnostic]:
    """WZ048: an option of the question's own for a clerk who is not sure, beside a way out that says so too
    (以上都不是 / 不确定): the same doubt leads to two places, and the clerk must guess which is meant."""
    if not any(word in way_out.label for word in NOT_SURE):
        return []
    for number, option in enumerate(own):
        if any(word in option.label for word in NOT_SURE):
            path, where = index.tree_at(tree.id, ("nodes", question_id, "options", number, "label"))
            return [make("WZ048", path, where, question=question_id, label=option.label, way_out=way_out.label)]
    return []


def _check_tree(tree: Tree, catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """References, option counts and duplicate labels of one tree (one pass), then unreachable questions."""
    problems = []
    nodes = tree.nodes
    if tree.start not in nodes:
        path, where = index.tree_at(tree.id, ("start",))
        problems.append(make("WZ030", path, where, start=tree.start, hint=did_you_mean(tree.start, nodes)))
    answers, trees = catalog.answers, catalog.trees
    way_out = catalog.way_out_option
    for question_id, question in nodes.items():
        own = question.options
        if len(own) < 2:  # counted without the way out: one real case is no choice, none leaves the clerk stuck
            path, where = index.tree_at(tree.id, ("nodes", question_id, "options"))
            code = "WZ045" if not own else "WZ043"
            problems.append(make(code, path, where, question=question_id, count=len(own)))
        options = own
        if way_out is not None and question.way_out:
            options = [*own, way_out]
            problems += _not_sure_twice(tree, question_id, own, way_out, index)
        elif question.way_out and not _escalates(own, answers):
            path, where = index.tree_at(tree.id, ("nodes", question_id), key=True)
            problems.append(make("WZ047", path, where, question=question_id))
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
            problems += _check_option_path(tree, question_id, number, option, catalog, index)
            first = seen.setdefault(option.label, number)
            if first != number:
                loc: Loc = ("nodes", question_id, "options", first if number == len(question.options) else number)
                path, where = index.tree_at(tree.id, (*loc, "label"))
                problems.append(make("WZ044", path, where, question=question_id, label=option.label, first=first + 1))
    if tree.start in nodes:
        reachable = bfs(tree)
        if len(reachable) < len(nodes):
            for question_id in nodes:
                if question_id not in reachable:
                    path, where = index.tree_at(tree.id, ("nodes", question_id), key=True)
                    problems.append(make("WZ040", path, where, question=question_id))
    return problems


def _escalates(options: list[Option], answers: dict[str, Answer]) -> bool:
    """Whether one of ``options`` ends at an escalation answer (a way out to a person)."""
    return any(o.answer in answers and answers[o.answer].kind == "escalation" for o in options if o.answer)


def _check_option_path(
    tree: Tree, question_id: str, number: int, option: Option, catalog: Catalog, index: SourceIndex
) -> list[Diagnostic]:
    """An option's 'path:' must go with 'answer:' and name one of that answer's click paths."""
    if option.path is None or number >= len(tree.nodes[question_id].options):
        return []
    path, where = index.tree_at(tree.id, ("nodes", question_id, "options", number, "path"))
    if option.answer is None:
        return [make("WZ036", path, where, "needs-answer", label=option.label, question=question_id)]
    answer = catalog.answers.get(option.answer)
    if answer is None:
        return []  # WZ032 says so already
    labels = [click.label for click in answer.menu if click.label]
    if option.path in labels:
        return []
    hint = did_you_mean(option.path, labels)
    fields = {"where": option.label, "click_path": option.path, "answer": option.answer}
    return [make("WZ036", path, where, hint=hint, **fields)]


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
    if catalog.way_out is not None and catalog.way_out.answer not in catalog.answers and source is not None:
        where = source.locate(("way_out", "answer"))
        hint = did_you_mean(catalog.way_out.answer, catalog.answers)
        problems.append(make("WZ034", source.path, where, "way-out", answer=catalog.way_out.answer, hint=hint))
    for answer_id, answer in catalog.answers.items():
        problems += _check_tables(answer_id, answer, index)
        related_lists: list[tuple[Loc, list[str]]] = [(("related",), answer.related)]
        related_lists += [(("menu", n, "related"), p.related) for n, p in enumerate(answer.menu) if p.related]
        for loc, ids in related_lists:
            for number, related in enumerate(ids):
                if related not in catalog.answers:
                    path, where = index.answer_at(answer_id, (*loc, number))
                    hint = did_you_mean(related, catalog.answers)
                    problems.append(make("WZ034", path, where, answer=answer_id, related=related, hint=hint))
        problems += _check_next_step(answer_id, answer, catalog, index)
    if catalog.trees:
        reached = {o.answer for t in catalog.trees.values() for q in t.nodes.values() for o in q.options}
        reached.add(catalog.escalation)
        if catalog.way_out is not None:
            reached.add(catalog.way_out.answer)
        for answer_id in catalog.answers:
            if answer_id not in reached:
                path, where = index.answer_at(answer_id)
                problems.append(make("WZ041", path, where, answer=answer_id))
    return problems


def _check_next_step(answer_id: str, answer: Answer, catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """A next step names an existing answer and, when that answer has several click paths, which one."""
    step = answer.next_step
    if step is None:
        return []
    target = catalog.answers.get(step.answer)
    if target is None:
        path, where = index.answer_at(answer_id, ("next_step", "answer"))
        hint = did_you_mean(step.answer, catalog.answers)
        return [make("WZ034", path, where, "next-step", answer=answer_id, related=step.answer, hint=hint)]
    labels = [click.label for click in target.menu if click.label]
    path, where = index.answer_at(answer_id, ("next_step", "path"))
    if step.path is None and len(target.menu) != 1:
        return [make("WZ036", path, where, "several", answer=step.answer, where="next_step")]
    if step.path is not None and step.path not in labels:
        hint = did_you_mean(step.path, labels)
        return [make("WZ036", path, where, where="next_step", click_path=step.path, answer=step.answer, hint=hint)]
    return []


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


def _check_similar(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """A similar question is listed once: under one answer (WZ024), and once there."""
    owner: dict[str, str] = {}
    problems = []
    for answer_id, answer in catalog.answers.items():
        listed: set[str] = set()
        for number, similar in enumerate(answer.similar):
            key = _question_key(similar)
            first = owner.setdefault(key, answer_id)
            if first == answer_id and key not in listed:
                listed.add(key)
                continue
            path, where = index.answer_at(answer_id, ("similar", number))
            if first != answer_id:
                problems.append(make("WZ024", path, where, answer=answer_id, similar=similar, other=first))
            else:
                problems.append(make("WZ024", path, where, "twice", answer=answer_id, similar=similar))
    return problems


def _check_faq_numbers(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """An FAQ number names one answer (WZ028): '第13条' opens one, so a mistyped 13 elsewhere is never found by it.

    An entry split into several answers (FAQ 9: online, app, counter) is one number on purpose: the
    first answer with it lists the others under 'related:', which is how a clerk reaches them.
    """
    first_with: dict[int, str] = {}
    problems = []
    for answer_id, answer in catalog.answers.items():
        if answer.faq is None:
            continue
        first = first_with.setdefault(answer.faq, answer_id)
        if first != answer_id and answer_id not in catalog.answers[first].related:
            path, where = index.answer_at(answer_id, ("faq",))
            problems.append(make("WZ028", path, where, answer=answer_id, faq=answer.faq, other=first))
    return problems


def _question_key(text: str) -> str:
    """Two similar questions are one when they differ only in case, spaces or punctuation.

    Search also reads traditional characters as simplified ones; this check does not, as loading the
    tables would slow every ``wizard check``. Two answers that list one question in both scripts
    still fail: the pytest plugin's item for one of them finds the other answer first."""
    return "".join(char for char in unicodedata.normalize("NFKC", text).lower() if char.isalnum())


def _check_synonyms(catalog: Catalog, index: SourceIndex) -> list[Diagnostic]:
    """A word maps to one term (WZ025): as a term or a synonym, in one group only."""
    group_of: dict[str, str] = {}
    problems = []
    source = index.synonyms_file
    for number, group in enumerate(catalog.synonyms):
        for place, word in [(("term",), group.term), *((("same", n), w) for n, w in enumerate(group.same))]:
            first = group_of.setdefault(word, group.term)
            if first != group.term and source is not None:
                where = source.locate(("synonyms", number, *place))
                problems.append(make("WZ025", source.path, where, word=word, term=group.term, other=first))
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


def check_review(catalog: Catalog, index: SourceIndex, today: datetime.date) -> list[Diagnostic]:
    """Answers past their review date (WZ026) and, when the catalog requires it, without provenance (WZ027).

    Run by ``wizard check`` (with ``--today`` for a fixed date), not on every load: a date passing must
    not change what the clerk's app does.
    """
    problems = []
    for answer_id, answer in catalog.answers.items():
        if answer.review_by is not None and answer.review_by < today:
            path, where = index.answer_at(answer_id, ("review_by",))
            problems.append(make("WZ026", path, where, answer=answer_id, date=answer.review_by.isoformat()))
        elif catalog.require_source and answer.source is None and answer.review_by is None:
            path, where = index.answer_at(answer_id, ())
            problems.append(make("WZ027", path, where, answer=answer_id))
    return problems
