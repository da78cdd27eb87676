"""What a content change means for clerks: the semantic diff behind ``wizard diff``.

A reviewer of a trees change should not have to read YAML. This compares two
catalogs and says, in the clerk's terms, what changes: tasks, questions,
options and answers added, removed or renamed; options that now lead
elsewhere (``户籍性质为空: enrol-error-hukou-empty → escalation-contact``);
answer text as a word diff that treats each Chinese character as a word;
click paths step by step; every walk (the labels from a task's start to where
it ends) that now ends elsewhere or no longer exists; examples whose
expectation changed; and coverage before and after.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from wizard.content.graph import edges
from wizard.content.model import Answer, Catalog, Option
from wizard.i18n import text

MAX_WALKS = 5000
"""Walks listed per tree at most (a tree with more is summarised)."""
_TOKEN = re.compile(r"[A-Za-z0-9_.%-]+|\s+|.", re.S)


@dataclass
class Change:
    """One clerk-visible change: what kind, where (tree / question / answer ids), and the before and after."""

    kind: str
    where: str
    before: str | None = None
    after: str | None = None
    detail: str | None = None


@dataclass
class ContentDiff:
    changes: list[Change] = field(default_factory=list)
    coverage: tuple[float | None, float | None] = (None, None)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "changes": [asdict(change) for change in self.changes],
            "coverage": {"before": self.coverage[0], "after": self.coverage[1]},
        }


def word_diff(old: str, new: str, deleted: tuple[str, str], inserted: tuple[str, str]) -> str:
    """``new`` with what was removed and added marked; each CJK character counts as a word."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(before[i1:i2]))
            continue
        if i2 > i1:
            out.append(deleted[0] + "".join(before[i1:i2]) + deleted[1])
        if j2 > j1:
            out.append(inserted[0] + "".join(after[j1:j2]) + inserted[1])
    return "".join(out)


def _target(option: Option) -> str:
    kind, value = option.target
    return value if kind == "answer" else f"{kind}:{value}"


def walks(catalog: Catalog, tree_id: str) -> dict[tuple[str, ...], str]:
    """Every walk of a tree: its labels from the start → where it ends (an answer id, or ``tree:ID``)."""
    found: dict[tuple[str, ...], str] = {}
    tree = catalog.trees[tree_id]
    stack: list[tuple[tuple[str, str], tuple[str, ...], frozenset[str]]] = [((tree_id, tree.start), (), frozenset())]
    while stack and len(found) < MAX_WALKS:
        node, labels, seen = stack.pop()
        for _, option, leads_to in edges(catalog, node):
            path = (*labels, option.label)
            if leads_to is None or leads_to[0] != tree_id or leads_to[1] in seen:
                found[path] = _target(option)
            else:
                stack.append((leads_to, path, seen | {node[1]}))
    return found


def _describe(catalog: Catalog, answer_id: str) -> str:
    answer = catalog.answers.get(answer_id)
    if answer is None:
        return answer_id
    return f"{answer_id} ({text('faq_number').format(answer.faq)})" if answer.faq else answer_id


def compare(
    old: Catalog, new: Catalog, marks: tuple[tuple[str, str], tuple[str, str]] = (("[-", "-]"), ("{+", "+}"))
) -> ContentDiff:
    """Every clerk-visible difference from ``old`` to ``new``."""
    diff = ContentDiff()
    add = diff.changes.append
    _answers(old, new, add, marks)
    for tree_id in sorted(old.trees.keys() - new.trees.keys()):
        add(Change("tree removed", tree_id, before=old.trees[tree_id].title))
    for tree_id in sorted(new.trees.keys() - old.trees.keys()):
        add(Change("tree added", tree_id, after=new.trees[tree_id].title))
    for tree_id in sorted(old.trees.keys() & new.trees.keys()):
        _tree(old, new, tree_id, add)
    diff.coverage = (_coverage(old), _coverage(new))
    return diff


def _answers(old: Catalog, new: Catalog, add: Any, marks: tuple[tuple[str, str], tuple[str, str]]) -> None:
    removed = old.answers.keys() - new.answers.keys()
    added = new.answers.keys() - old.answers.keys()
    renamed = {}
    for gone in removed:
        twin = next((fresh for fresh in added if new.answers[fresh].body == old.answers[gone].body), None)
        if twin is not None:
            renamed[gone] = twin
    for gone, fresh in sorted(renamed.items()):
        add(Change("answer renamed", fresh, before=gone, after=fresh))
    for answer_id in sorted(removed - renamed.keys()):
        add(Change("answer removed", _describe(old, answer_id), before=old.answers[answer_id].title))
    for answer_id in sorted(added - set(renamed.values())):
        add(Change("answer added", _describe(new, answer_id), after=new.answers[answer_id].title))
    for answer_id in sorted(old.answers.keys() & new.answers.keys()):
        _answer(_describe(new, answer_id), old.answers[answer_id], new.answers[answer_id], add, marks)


def _answer(
    where: str, before: Answer, after: Answer, add: Any, marks: tuple[tuple[str, str], tuple[str, str]]
) -> None:
    if before.title != after.title:
        add(Change("answer title", where, before.title, after.title, word_diff(before.title, after.title, *marks)))
    if before.body != after.body:
        add(Change("answer text", where, detail=word_diff(before.body.strip(), after.body.strip(), *marks)))
    old_paths = {path.label: path.steps for path in before.menu}
    new_paths = {path.label: path.steps for path in after.menu}
    for label in sorted(old_paths.keys() | new_paths.keys(), key=lambda label: label or ""):
        was, now = old_paths.get(label), new_paths.get(label)
        if was != now:
            add(
                Change(
                    "click path",
                    f"{where} / {label}",
                    " › ".join(was) if was is not None else None,
                    " › ".join(now) if now is not None else None,
                )
            )


def _tree(old: Catalog, new: Catalog, tree_id: str, add: Any) -> None:
    before, after = old.trees[tree_id], new.trees[tree_id]
    if before.title != after.title:
        add(Change("task title", tree_id, before.title, after.title))
    for question_id in sorted(before.nodes.keys() - after.nodes.keys()):
        add(Change("question removed", f"{tree_id}/{question_id}", before=before.nodes[question_id].question))
    for question_id in sorted(after.nodes.keys() - before.nodes.keys()):
        add(Change("question added", f"{tree_id}/{question_id}", after=after.nodes[question_id].question))
    for question_id in sorted(before.nodes.keys() & after.nodes.keys()):
        was, now = before.nodes[question_id], after.nodes[question_id]
        where = f"{tree_id}/{question_id}"
        if was.question != now.question:
            add(Change("question text", where, was.question, now.question))
        old_options = {option.label: _target(option) for option in was.options}
        new_options = {option.label: _target(option) for option in now.options}
        for label in sorted(old_options.keys() - new_options.keys()):
            add(Change("option removed", where, before=f"{label}: {old_options[label]}"))
        for label in sorted(new_options.keys() - old_options.keys()):
            add(Change("option added", where, after=f"{label}: {new_options[label]}"))
        for label in sorted(old_options.keys() & new_options.keys()):
            if old_options[label] != new_options[label]:
                add(Change("option target", where, old_options[label], new_options[label], label))
    old_walks, new_walks = walks(old, tree_id), walks(new, tree_id)
    for path in sorted(old_walks.keys() | new_walks.keys()):
        was_end, now_end = old_walks.get(path), new_walks.get(path)
        if was_end != now_end and was_end is not None:
            add(Change("walk", tree_id, was_end, now_end, " › ".join(path)))
    old_examples = {tuple(example.choose): example.expect for example in before.examples}
    new_examples = {tuple(example.choose): example.expect for example in after.examples}
    for choose in sorted(old_examples.keys() & new_examples.keys()):
        if old_examples[choose] != new_examples[choose]:
            add(Change("example", tree_id, old_examples[choose], new_examples[choose], " › ".join(choose)))


def _coverage(catalog: Catalog) -> float | None:
    from wizard.maintainer.coverage import Coverage

    try:
        coverage = Coverage(catalog)
        coverage.run_examples()
        return round(coverage.report().percent, 2)
    except Exception:  # coverage is a summary line; a catalog it cannot walk still has its diff
        return None
