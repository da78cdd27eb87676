"""The session state machine: choose, back, restart, breadcrumbs, jumps, trees linked to trees."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.conftest import ANSWERS, TREE
from wizard.content.catalog import load_catalog
from wizard.content.model import Answer
from wizard.content.walk import Walker
from wizard.engine.render import answer_markdown, click_paths, menu_markdown, transcript
from wizard.engine.session import Place, Session, SessionError

LINKED = TREE.replace("id: t", "id: u").replace("title: 任务", "title: 另一个任务")
LINKED = LINKED.replace("  q1:", "  p1:").replace("start: q1", "start: p1").replace("  q2:", "  p2:")
LINKED = LINKED.replace("next: q2", "next: p2")


@pytest.fixture
def catalog(write_files):
    first = TREE.replace("      - label: 丁\n        answer: a-two\n", "      - label: 丁\n        tree: u\n")
    first = first.replace("  - choose: [乙, 丁]\n    expect: a-two\n", "  - choose: [乙, 丁, 甲]\n    expect: a-one\n")
    result = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=first, u__yaml=LINKED)])
    assert result.diagnostics == []
    return result.catalog


def test_start_and_choose_to_an_answer(catalog):
    session = Session(catalog)
    session.start("t")
    assert session.question is not None and session.question.question == "问题一？"
    assert [o.label for o in session.options] == ["甲", "乙"]
    session.choose(1)
    assert session.place == Place(tree="t", question="q2")
    session.choose("丙")
    assert session.finished and session.answer is not None and session.answer.title == "答案一"
    assert session.options == []
    assert [(s.place.question, s.label) for s in session.history] == [("q1", "乙"), ("q2", "丙")]


def test_back_never_goes_past_the_start(catalog):
    session = Session(catalog)
    session.start("t")
    session.choose("乙")
    assert session.back(5) is True
    assert session.place == Place(tree="t", question="q1")
    assert session.back() is False
    assert session.history == ()


def test_back_returns_across_a_tree_link(catalog):
    session = Session(catalog)
    session.start("t")
    session.choose("乙")
    session.choose("丁")
    assert session.place == Place(tree="u", question="p1")
    session.choose("乙")
    assert session.place == Place(tree="u", question="p2")
    session.back(2)
    assert session.place == Place(tree="t", question="q2")
    assert session.start_tree == "t"


def test_restart_and_breadcrumb_jump(catalog):
    session = Session(catalog)
    session.start("t")
    for label in ("乙", "丁", "乙", "丙"):
        session.choose(label)
    session.back_to(1)
    assert session.place == Place(tree="t", question="q2")
    assert len(session.history) == 1
    session.choose("丁")
    session.restart()
    assert session.place == Place(tree="t", question="q1")
    assert session.history == ()


def test_jump_to_answer_from_search_and_back(catalog):
    bare = Session(catalog)
    bare.jump_to_answer("a-two", via="搜索：答案")
    assert bare.finished and bare.start_tree is None and not bare.can_go_back
    assert bare.trail() == [("", "搜索：答案")]

    session = Session(catalog)
    session.start("t")
    session.choose("乙")
    session.jump_to_answer("a-two", via="搜索：二")
    assert session.answer is not None and session.answer.title == "答案二"
    session.back()
    assert session.place == Place(tree="t", question="q2")


def test_invalid_moves_raise_session_error(catalog):
    session = Session(catalog)
    with pytest.raises(SessionError):
        session.start("nope")
    session.start("t")
    with pytest.raises(SessionError):
        session.choose(7)
    with pytest.raises(SessionError):
        session.choose("戊")
    session.choose("甲")
    with pytest.raises(SessionError):
        session.choose(0)
    with pytest.raises(SessionError):
        session.jump_to_answer("nope", via="x")


def test_transcript_lists_questions_choices_and_answer(catalog):
    session = Session(catalog)
    session.start("t")
    session.choose("乙")
    session.choose("丙")
    text = transcript(session, now=datetime(2026, 1, 2, 3, 4))
    assert "2026-01-02 03:04" in text
    assert "事项：任务" in text
    assert "1. 问题一？ — 乙" in text and "2. 问题二？ — 丙" in text
    assert "答案一" in text and "正文一" in text
    assert "Task: 任务" in transcript(session, lang="en")


def test_walk_reports_where_it_stopped(catalog):
    walker = Walker(catalog)
    assert walker.walk("t", ["乙", "丙"]).answer == "a-one"
    assert walker.walk("t", ["乙", "戊"]).failed_at == 1
    stopped = walker.walk("t", ["乙"])
    assert stopped.answer is None and stopped.failed_at is None and stopped.stopped_at == ("t", "q2")
    assert walker.walk("t", ["甲", "乙"]).unused == 1


def test_click_path_headings_use_labels_or_number_the_generic_one():
    single = Answer(title="t", body="b", menu=[["甲", "乙"]])
    assert click_paths(single) == [("操作路径", ["甲", "乙"])]
    several = Answer(title="t", body="b", menu=[["甲"], {"label": "方式二：APP", "steps": ["丙"]}, ["丁"]])
    assert click_paths(several) == [("操作路径 1", ["甲"]), ("方式二：APP", ["丙"]), ("操作路径 3", ["丁"])]
    assert click_paths(several, lang="en")[0] == ("Click path 1", ["甲"])
    assert menu_markdown(several)[1:5] == ["### 操作路径 1", "", "1. 甲", ""]


def test_transcripts_and_copies_hold_no_live_html_or_links(write_files):
    body = "正文 <script>alert(1)</script> [点我](javascript:alert(1)) [站](https://example.com) **注意**"
    answers = ANSWERS.replace("    body: 正文一\n", f"    body: '{body}'\n").replace(
        "title: 答案一", "title: '答案<b>一</b>'"
    )
    catalog = load_catalog([write_files(answers__yaml=answers, t__yaml=TREE)]).catalog
    session = Session(catalog)
    session.start("t")
    session.choose("甲")
    for text in (transcript(session), answer_markdown(catalog.answers["a-one"])):
        unescaped = re.compile(r"(?<!\\)(<script|<b>|\]\(javascript:)")  # a tag or a link a viewer would act on
        assert not unescaped.search(text), text
        assert "\\<script\\>" in text and "答案\\<b\\>一\\</b\\>" in text  # shown as text by any viewer
        assert "站 (https://example.com)" in text and "**注意**" in text
