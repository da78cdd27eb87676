"""Search documents on deep trees: the text gathered above each answer stays near it, and is gathered once."""

from __future__ import annotations

import pytest

from wizard.content.catalog import load_catalog
from wizard.content.model import Catalog
from wizard.engine import documents as documents_module
from wizard.engine.documents import CONTEXT_DEPTH, documents


def chain(write_files, length: int, *, own_answers: bool) -> Catalog:
    """A chain of ``length`` questions: ``a`` leads to the next, ``b`` ends at an answer.

    With ``own_answers`` each question's ``b`` has its own answer; otherwise every
    ``b`` ends at the same one.
    """
    answers = ["answers:", "  counter:", "    kind: escalation", "    title: 请拨打12333", "    body: 拨打12333。"]
    if own_answers:
        for number in range(length):
            answers += [f"  end{number}:", "    kind: escalation", f"    title: 答案{number}", "    body: 说明。"]
    tree = ["id: deep", "title: 深层任务", "summary: 一条很长的问题链", "start: q0", "nodes:"]
    for number in range(length):
        onward = f"next: q{number + 1}" if number + 1 < length else "answer: counter"
        end = f"end{number}" if own_answers else "counter"
        tree += [
            f"  q{number}:",
            f"    question: 第{number}问？",
            "    options:",
            f"      - {{label: 是, {onward}}}",
            f"      - {{label: 否, answer: {end}}}",
        ]
    loaded = load_catalog([write_files(answers__yaml="\n".join(answers) + "\n", deep__yaml="\n".join(tree) + "\n")])
    assert loaded.catalog is not None, loaded.diagnostics
    return loaded.catalog


def questions_in(context: list[str]) -> list[str]:
    return [text for text in context if text.startswith("第") and text.endswith("问？")]


def test_each_answer_gathers_only_the_questions_near_it(write_files):
    """An answer deep in a chain is about the last few questions, not every question above it."""
    length = 3 * CONTEXT_DEPTH
    found = {doc.answer_id: doc.fields["context"] for doc in documents(chain(write_files, length, own_answers=True))}
    for number in range(length):
        nearest = max(0, number - CONTEXT_DEPTH)
        assert questions_in(found[f"end{number}"]) == [f"第{n}问？" for n in range(number, nearest - 1, -1)]
        assert "深层任务" in found[f"end{number}"]  # the task it belongs to, however deep
    gathered = sum(len(context) for context in found.values())
    assert gathered <= (CONTEXT_DEPTH + 6) * (length + 1)  # linear in the chain, not quadratic


@pytest.mark.parametrize("length", [50, 400])
def test_an_answer_offered_all_along_a_chain_walks_each_question_once(write_files, monkeypatch, length):
    """Every question of the chain offers the same answer: gathering its context looks at each question
    once, not once for every question below it (which grew with the square of the depth)."""
    looked_up = 0

    class Counting(dict):
        def get(self, key, default=None):
            nonlocal looked_up
            looked_up += 1
            return super().get(key, default)

        def __getitem__(self, key):
            nonlocal looked_up
            looked_up += 1
            return super().__getitem__(key)

    real = documents_module.incoming
    monkeypatch.setattr(documents_module, "incoming", lambda catalog: Counting(real(catalog)))
    found = {doc.answer_id: doc.fields["context"] for doc in documents(chain(write_files, length, own_answers=False))}
    assert len(questions_in(found["counter"])) == length  # every question offers it: all are near it
    assert looked_up <= 3 * length
