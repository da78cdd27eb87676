"""Content tests: the bundled answers keep every fact of the FAQ, and every tree is wired up.

The source of truth is ``tests/data/faq.md``, a verbatim copy of the seed FAQ
(17 entries about the Jiangsu HR & social-security online service hall). The
fidelity tests parse it and check, per FAQ number, that the answers with that
number still hold every click-path step, every quoted term, every 《document》,
every 方式一/二/三 and every clause of the source wording. The graph tests walk
the loaded catalog: every answer is reachable, every tree ends somewhere, every
option is taken by some example.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREE_FILES
from wizard.content import graph
from wizard.content.catalog import load_catalog
from wizard.content.document import parse, plain
from wizard.content.model import Answer, Catalog
from wizard.content.walk import Walker

REPO = Path(__file__).resolve().parent.parent
TREES = REPO / "trees"
FAQ_PATH = Path(__file__).resolve().parent / "data" / "faq.md"
FAQ_NUMBERS = range(1, 18)

# Facts that must survive word for word (the clause test normalises punctuation away).
SPECIAL_FACTS: dict[int, list[str]] = {
    6: ["苏人社规〔2020〕4号"],
    7: ["7日至10日"],
}
# FAQ entries split into several answers; one answer with this id must still hold all of it.
FULL_ANSWER: dict[int, str] = {9: "register-account"}


# ── the source FAQ ───────────────────────────────────────────────────────────────

# "## 1、question" and "**11、question**" both open an entry.
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*|\*\*\s*)(\d+)\s*[、.．]\s*(.+?)\s*(?:\*\*)?\s*$")
_FOOTER = re.compile(r"^\s*咨询电话")
_QUOTED = re.compile(r"“([^”]*)”")
_BOOK = re.compile(r"《[^》]+》")
_METHOD = re.compile(r"方式[一二三四五六七八九十]")
_UNQUOTED_PATH = re.compile(r"[^\s，。；：、“”]+(?:→[^\s，。；：、“”]+)+")
_EDGE_PUNCTUATION = " \t“”\"'「」‘’，。；：、！？"


@dataclass(frozen=True)
class FaqEntry:
    number: int
    question: str
    answer: str

    @property
    def text(self) -> str:
        return f"{self.question}\n{self.answer}"


def parse_faq(text: str) -> dict[int, FaqEntry]:
    """The entries of the FAQ by number; the closing hotline line belongs to none."""
    entries: dict[int, FaqEntry] = {}
    number: int | None = None
    question = ""
    lines: list[str] = []

    def flush() -> None:
        if number is not None:
            answer = "\n".join(line for line in lines if line).strip()
            entries[number] = FaqEntry(number, question, re.sub(r"^答[：:]\s*", "", answer))

    for raw in text.splitlines():
        heading = _HEADING.match(raw)
        if heading:
            flush()
            number, question, lines = int(heading.group(1)), heading.group(2).strip(), []
        elif _FOOTER.match(raw):
            flush()
            number, lines = None, []
        elif number is not None:
            lines.append(raw.strip())
    flush()
    return entries


def _strip(text: str) -> str:
    return text.strip(_EDGE_PUNCTUATION)


def click_steps(text: str) -> list[str]:
    """Every step of every click path (the parts between → arrows), quoted or not."""
    paths = [term for term in _QUOTED.findall(text) if "→" in term]
    paths += _UNQUOTED_PATH.findall(_QUOTED.sub(" ", text))
    return [_strip(step) for path in paths for step in path.split("→") if _strip(step)]


def quoted_terms(text: str) -> list[str]:
    """Every text in “ ” that is not a click path."""
    return [_strip(term) for term in _QUOTED.findall(text) if "→" not in term and _strip(term)]


def clauses(text: str) -> list[str]:
    """The source wording cut at clause punctuation, normalised, without list numbers."""
    text = re.sub(r"\(\d+\)|（\d+）", " ", text)
    pieces = re.split(r"[，。；：、？！\n]", text)
    return [c for c in (loose(piece) for piece in pieces) if len(c) >= 2 and c != "答"]


# ── normalising answers for comparison ───────────────────────────────────────────

_LIST_MARKER = re.compile(r"^\s*(?:\d+[.)、]|[-*+>])\s+", re.MULTILINE)


def tight(text: str) -> str:
    """Drop whitespace, quote marks and Markdown emphasis: 「单位中心」 matches “单位中心”."""
    return re.sub(r"[\s“”「」‘’\"'`*]", "", text)


def loose(text: str) -> str:
    """Also drop list markers, punctuation and path separators: compares the words only."""
    text = _LIST_MARKER.sub("", text)
    return "".join(
        ch for ch in text if not ch.isspace() and ch not in "›→*`" and not unicodedata.category(ch).startswith("P")
    )


def answer_text(answer: Answer) -> str:
    steps = "\n".join(" › ".join(path.steps) for path in answer.menu)
    return f"{answer.title}\n{answer.body}\n{steps}"


# ── fixtures ─────────────────────────────────────────────────────────────────────


@cache
def faq() -> dict[int, FaqEntry]:
    return parse_faq(FAQ_PATH.read_text(encoding="utf-8"))


@cache
def catalog() -> Catalog:
    result = load_catalog([TREES])
    problems = "\n".join(d.format() for d in result.diagnostics)
    assert result.catalog is not None, f"trees/ does not load:\n{problems}"
    return result.catalog


def answers_for(number: int) -> dict[str, Answer]:
    return {key: a for key, a in catalog().answers.items() if a.faq == number}


def reached_answers(start_tree: str) -> set[str]:
    """Answers a clerk can end at from ``start_tree`` (links to other trees and the way out included)."""
    cat = catalog()
    return {
        option.answer
        for node in graph.post_order(cat, [(start_tree, cat.trees[start_tree].start)])
        for _, option, child in graph.edges(cat, node)
        if child is None and option.answer
    }


# ── the parser itself ─────────────────────────────────────────────────────────────


def test_faq_has_seventeen_entries_in_both_heading_styles() -> None:
    entries = faq()
    assert sorted(entries) == list(FAQ_NUMBERS)
    assert entries[1].question.startswith("单位用户如何打印社保结算单")
    assert entries[11].question.endswith("该如何处理？"), "bold heading lost its text"
    assert "12333" not in entries[17].answer, "the hotline footer is not part of FAQ 17"
    assert all(entry.answer for entry in entries.values())


def test_parser_helpers() -> None:
    sample = "依次点击“单位办事→社会保险→更多（最右侧）”，在“单位中心”中点击 个人办事→我的信息。"
    assert click_steps(sample) == ["单位办事", "社会保险", "更多（最右侧）", "个人办事", "我的信息"]
    assert quoted_terms(sample) == ["单位中心"]
    assert tight("在「单位中心」中**注意**") == "在单位中心中注意"
    assert loose("1. 点击「单位信息 › 缴费信息」。") == "点击单位信息缴费信息"


# ── fidelity: every fact of the FAQ is in its answers ────────────────────────────


@pytest.mark.parametrize("number", FAQ_NUMBERS)
def test_answer_exists_for_faq(number: int) -> None:
    assert answers_for(number), f"FAQ {number}: no answer with 'faq: {number}'"


def missing_terms(entry: FaqEntry, answers: list[Answer]) -> list[str]:
    """Click-path steps, quoted terms and 《documents》 of ``entry`` found in none of ``answers``."""
    haystack = tight("\n".join(answer_text(a) for a in answers))
    expected = click_steps(entry.text) + quoted_terms(entry.text) + _BOOK.findall(entry.text)
    return [term for term in expected if tight(term) not in haystack]


def missing_clauses(entry: FaqEntry, answers: list[Answer]) -> list[str]:
    """Clauses of the source (cut at ，。；：、) found in no single answer, punctuation aside."""
    texts = [loose(answer_text(a)) for a in answers]
    return [c for c in clauses(entry.text) if not any(c in text for text in texts)]


def missing_facts(entry: FaqEntry, answers: list[Answer]) -> list[str]:
    """Special facts and 方式一/二/三 of ``entry`` missing from the titles and bodies."""
    bodies = "\n".join(a.title + "\n" + a.body for a in answers)
    facts = SPECIAL_FACTS.get(entry.number, []) + _METHOD.findall(entry.answer)
    return [fact for fact in facts if fact not in bodies]


@pytest.mark.parametrize("number", FAQ_NUMBERS)
def test_click_steps_and_quoted_terms_kept(number: int) -> None:
    missing = missing_terms(faq()[number], list(answers_for(number).values()))
    assert not missing, f"FAQ {number}: missing {missing}"


@pytest.mark.parametrize("number", FAQ_NUMBERS)
def test_every_clause_kept(number: int) -> None:
    missing = missing_clauses(faq()[number], list(answers_for(number).values()))
    assert not missing, f"FAQ {number}: source wording missing {missing}"


@pytest.mark.parametrize("number", FAQ_NUMBERS)
def test_special_facts_and_methods_kept(number: int) -> None:
    missing = missing_facts(faq()[number], list(answers_for(number).values()))
    assert not missing, f"FAQ {number}: missing {missing}"


@pytest.mark.parametrize("number", sorted(FULL_ANSWER))
def test_split_faq_has_full_answer(number: int) -> None:
    full_id = FULL_ANSWER[number]
    full = catalog().answers[full_id]
    assert full.faq == number
    entry = faq()[number]
    missing = missing_terms(entry, [full]) + missing_clauses(entry, [full]) + missing_facts(entry, [full])
    assert not missing, f"FAQ {number}: full answer {full_id} misses {missing}"
    for key, answer in answers_for(number).items():
        if key != full_id:
            assert full_id in answer.related, f"{key} should list {full_id} under related:"


def test_fidelity_checks_can_fail() -> None:
    """Dropping a step, a clause or a special fact from an answer is noticed."""
    answer = catalog().answers["print-settlement-statement"]
    assert not missing_terms(faq()[1], [answer]) and not missing_clauses(faq()[1], [answer])
    no_step = dataclasses.replace(answer, body=answer.body.replace("缴费信息 › ", ""), menu=[])
    assert missing_terms(faq()[1], [no_step]) == ["缴费信息"]
    assert missing_clauses(faq()[1], [no_step])
    in_menu_only = dataclasses.replace(answer, body=answer.body.replace("缴费信息 › ", ""))
    assert missing_clauses(faq()[1], [in_menu_only]), "a step only in menu: must not satisfy the body"
    settlement = catalog().answers["join-after-11th"]
    no_window = dataclasses.replace(settlement, body=settlement.body.replace("7日至10日", ""))
    assert missing_facts(faq()[7], [no_window]) == ["7日至10日"]


def test_bodies_avoid_ambiguous_arrow() -> None:
    offenders = [key for key, a in catalog().answers.items() if "→" in a.body]
    assert not offenders, f"use › instead of → in: {offenders}"


def test_escalation_answers() -> None:
    cat = catalog()
    escalations = {key: a for key, a in cat.answers.items() if a.kind == "escalation"}
    assert cat.escalation in escalations
    for key, answer in escalations.items():
        assert answer.faq is None, f"{key}: an escalation has no FAQ number"
        assert "12333" in answer.title and "12333" in answer.body, key
        assert "社保经办窗口" in answer.body, key
    for key, answer in cat.answers.items():
        if answer.kind == "faq":
            assert answer.faq is not None, f"{key}: an FAQ answer needs its FAQ number"


def test_every_answer_has_keywords() -> None:
    bare = [key for key, a in catalog().answers.items() if not a.keywords]
    assert not bare, f"answers without keywords: {bare}"


# ── the graph ────────────────────────────────────────────────────────────────────


def test_every_answer_reachable_from_some_tree() -> None:
    cat = catalog()
    reached = set().union(*(reached_answers(tree_id) for tree_id in cat.trees)) | {cat.escalation}
    unreached = sorted(set(cat.answers) - reached)
    assert not unreached, f"no tree leads to: {unreached}"


TREE_IDS = [path.stem for path in BUNDLED_TREE_FILES]


@pytest.mark.parametrize("tree_id", TREE_IDS)
def test_every_tree_reaches_an_answer(tree_id: str) -> None:
    assert reached_answers(tree_id), f"tree {tree_id} reaches no answer"


def test_examples_take_every_option() -> None:
    cat = catalog()
    untaken: list[str] = []
    for tree in cat.trees.values():
        taken: set[tuple[str, str, int]] = set()
        for example in tree.examples:
            result = Walker(cat).walk(tree.id, example.choose)
            assert result.answer == example.expect, f"{tree.id}: example {example.choose}"
            taken.update(result.steps)
        for question_id, question in tree.nodes.items():
            untaken += [
                f"{tree.id}:{question_id}:{option.label}"
                for number, option in enumerate(question.options)
                if (tree.id, question_id, number) not in taken
            ]
    assert not untaken, f"options no example takes: {untaken}"


def test_tree_files() -> None:
    cat = catalog()
    orders = []
    for path in sorted(TREES.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if path.name in ("answers.yaml", "synonyms.yaml"):
            assert first == f"# yaml-language-server: $schema={path.stem}.schema.json"
            continue
        assert first == "# yaml-language-server: $schema=schema.json", path.name
        tree = cat.trees[path.stem]
        assert "\n" not in tree.summary.strip(), f"{path.name}: summary must be one line"
        assert tree.examples, f"{path.name}: no examples"
        orders.append(tree.order)
    assert len(orders) == len(set(orders)), "two trees share an 'order'"
    assert all(order % 10 == 0 for order in orders)


# ── the clerk's walk, round 2 ────────────────────────────────────────────────────


def test_every_question_says_where_to_find_its_answer_in_the_faqs_own_words() -> None:
    """Each question has help; every term it quotes (「…」) is in the FAQ or is one of its own options,
    and every FAQ number it cites exists."""
    source = FAQ_PATH.read_text(encoding="utf-8").replace("“", "「").replace("”", "」")
    missing: list[str] = []
    for tree in catalog().trees.values():
        for question_id, question in tree.nodes.items():
            if not question.help:
                missing.append(f"{tree.id}:{question_id}: no help")
                continue
            labels = {option.label for option in question.options}
            for term in re.findall(r"「([^」]+)」", question.help):
                steps = [step.strip() for step in term.split("›")] if term not in labels else []
                missing += [f"{tree.id}:{question_id}: 「{step}」" for step in steps if step not in source]
            for number in re.findall(r"常见问题第 (\d+) 条", question.help):
                assert int(number) in faq(), f"{tree.id}:{question_id} cites FAQ {number}"
    assert not missing, missing


def test_the_faqs_closing_contact_line_is_shown_with_every_answer() -> None:
    assert catalog().contact == "咨询电话：12333"
    assert "咨询电话：12333" in FAQ_PATH.read_text(encoding="utf-8")


def test_next_steps_are_the_ones_the_faq_names() -> None:
    """FAQ 7, 8 and 12 tell the clerk to do the 参保登记 next; their next step is FAQ 10's 参保登记 path."""
    cat = catalog()
    steps = {key: answer.next_step for key, answer in cat.answers.items() if answer.next_step}
    assert {cat.answers[key].faq for key in steps} == {7, 8, 12}
    for key, step in steps.items():
        assert (step.answer, step.path) == ("enrol-and-stop-registration", "参保登记（新员工）"), key
        assert "参保登记" in faq()[cat.answers[key].faq or 0].answer


def test_every_click_path_step_is_one_menu_item_the_faq_names() -> None:
    """A step is what the clerk clicks: one item of the web hall's menus, as the FAQ names it. The FAQ
    writes two items as one (「用人单位用工参保/退工停保登记」, the two menus FAQ 10 names), so a step
    with a slash would send the clerk looking for a menu item that does not exist."""
    source = FAQ_PATH.read_text(encoding="utf-8")
    wrong = [
        f"{answer_id}: {step}"
        for answer_id, answer in catalog().answers.items()
        for path in answer.menu
        for step in path.steps
        if "/" in step or step not in source
    ]
    assert not wrong, wrong


_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
"""A space between two Chinese characters or full-width punctuation marks."""


def test_no_space_between_two_chinese_characters_in_what_clerks_read() -> None:
    """A folded YAML block (``>``) joins its lines with a space: between Chinese text it shows as a gap."""

    def gaps(text: str) -> list[str]:
        return [text[max(0, m.start() - 3) : m.end() + 3] for m in _CJK_GAP.finditer(text)]

    found = []
    for tree in catalog().trees.values():
        for question_id, question in tree.nodes.items():
            texts = [question.question, question.help or "", *(option.label for option in question.options)]
            found += [f"{tree.id}:{question_id}: {gap}" for text in texts for gap in gaps(text)]
    for answer_id, answer in catalog().answers.items():
        found += [f"{answer_id}: {gap}" for gap in gaps(answer.title) + gaps(plain(parse(answer.body)))]
    assert not found, found
