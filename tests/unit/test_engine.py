"""The session state machine: choose, back, restart, breadcrumbs, jumps, trees linked to trees."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.conftest import ANSWERS, TREE
from wizard.content.catalog import load_catalog
from wizard.content.model import Answer
from wizard.content.walk import Walker
from wizard.engine.render import (
    answer_markdown,
    answer_text,
    answer_view,
    click_paths,
    handoff,
    session_view,
    transcript,
)
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
    assert [o.label for o in session.options] == ["甲", "乙", "以上都不是"]  # the catalog's way out last
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


def test_a_related_answer_already_on_the_way_here_takes_the_trail_back_to_it(catalog):
    """Two related answers opened back and forth piled up in 您的选择: 一, 二, 一, 二 …"""
    session = Session(catalog)
    session.jump_to_answer("a-one", via="搜索：一")
    session.jump_to_answer("a-two", via="相关问题：答案二")
    session.jump_to_answer("a-one", via="相关问题：答案一")
    assert session.place.answer == "a-one" and session.trail() == [("", "搜索：一")] and not session.can_go_back
    session.jump_to_answer("a-two", via="相关问题：答案二")
    assert session.trail() == [("", "搜索：一"), ("", "相关问题：答案二")]
    session.back()
    assert session.place.answer == "a-one"
    session.jump_to_answer("a-two", via="相关问题：答案二")
    session.jump_to_answer("a-two", via="相关问题：答案二")  # its key twice in one burst: still one step
    assert session.trail() == [("", "搜索：一"), ("", "相关问题：答案二")]


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
    assert click_paths(several, path="方式二：APP") == [("方式二：APP", ["丙"])]


def test_transcripts_and_copies_hold_no_live_html_or_links(write_files):
    body = "正文 <script>alert(1)</script> [点我](javascript:alert(1)) [站](https://example.com) **注意**"
    answers = ANSWERS.replace("    body: 正文一\n", f"    body: '{body}'\n").replace(
        "title: 答案一", "title: '答案<b>一</b>'"
    )
    catalog = load_catalog([write_files(answers__yaml=answers, t__yaml=TREE)]).catalog
    session = Session(catalog)
    session.start("t")
    session.choose("甲")
    assert "答案\\<b\\>一\\</b\\>" in transcript(session)
    for text in (transcript(session), "\n".join(answer_markdown(answer_view(catalog, "a-one")))):
        unescaped = re.compile(r"(?<!\\)(<script|<b>|\]\(javascript:)")  # a tag or a link a viewer would act on
        assert not unescaped.search(text), text
        assert "\\<script\\>" in text  # shown as text by any viewer
        assert "站 (https://example.com)" in text and "**注意**" in text


# The clerk's walk, round 2: the way out, the click path that fits, the next step, "not solved" ---------

WALK_ANSWERS = """\
escalation: sorry
way_out: {label: 以上都不是 / 不确定, answer: contact, task: 其他问题}
contact: 咨询电话：12333
answers:
  enrol:
    faq: 10
    title: 参保和停保
    body: 按需申报。
    menu:
      - {label: 参保, steps: [单位办事, 参保登记], related: [late]}
      - {label: 停保, steps: [单位办事, 停保登记], related: [undo]}
    related: [late, undo]
  late:
    faq: 7
    title: 月中入职
    body: 按劳动合同起始月办理参保登记。
    next_step: {label: 下一步：办理参保登记, answer: enrol, path: 参保}
  undo:
    title: 撤销
    body: 回退。
  contact:
    kind: escalation
    title: 常见问题中没有
    body: 请拨打 12333。
  sorry:
    kind: escalation
    title: 未能解决
    body: 请拨打 12333，说明试过的解答。
"""
WALK_TREE = """\
id: w
title: 参保停保
summary: s
start: what
nodes:
  what:
    question: 办什么？
    options:
      - {label: 入职, answer: enrol, path: 参保}
      - {label: 离职, answer: enrol, path: 停保}
      - {label: 月中入职, answer: late}
  sure:
    question: 确定吗？
    way_out: false
    options:
      - {label: 是, answer: undo}
      - {label: 不确定, answer: undo}
examples:
  - {choose: [入职], expect: enrol}
  - {choose: [离职], expect: enrol}
  - {choose: [月中入职], expect: late}
"""


@pytest.fixture
def walk_catalog(write_files):
    result = load_catalog([write_files(answers__yaml=WALK_ANSWERS, w__yaml=WALK_TREE)])
    assert result.catalog is not None, [d.format() for d in result.diagnostics]
    return result.catalog


def test_the_way_out_comes_last_under_every_question_that_has_one(walk_catalog):
    session = Session(walk_catalog)
    session.start("w")
    assert [o.label for o in session.options] == ["入职", "离职", "月中入职", "以上都不是 / 不确定"]
    session.choose("以上都不是 / 不确定")
    assert session.place.answer == "contact"
    assert "1. 办什么？ — 以上都不是 / 不确定" in transcript(session)  # recorded in the transcript
    assert [o.label for o in Session(walk_catalog).catalog.trees["w"].nodes["sure"].options] == ["是", "不确定"]


def test_a_choice_picks_the_click_path_and_the_related_answers_that_fit(walk_catalog):
    session = Session(walk_catalog)
    session.start("w")
    session.choose("离职")
    view = answer_view(walk_catalog, "enrol", path=session.place.path)
    assert view.paths == [("停保", ["单位办事", "停保登记"])]
    assert [answer_id for answer_id, _ in view.related] == ["undo"] == session.related()
    whole = answer_view(walk_catalog, "enrol")  # found by search: every path, the answer's own related
    assert len(whole.paths) == 2 and [a for a, _ in whole.related] == ["late", "undo"]


def test_the_answer_tried_keeps_the_click_path_it_was_shown_with(walk_catalog):
    """After "not solved" the folded answer tried, and the transcript, show the path the clerk took."""
    session = Session(walk_catalog)
    session.start("w")
    session.choose("离职")
    assert session.escalate(via="未解决")
    view = session_view(session)
    assert view is not None and view.tried is not None
    assert view.tried.paths == [("停保", ["单位办事", "停保登记"])]
    saved = transcript(session)
    assert "### 停保" in saved and "参保登记" not in saved.split("## 下一步")[0]


def test_an_answer_shows_its_next_step_and_the_contact_line(walk_catalog):
    text = answer_text(answer_view(walk_catalog, "late"))
    assert text.index("按劳动合同起始月办理参保登记。") < text.index("下一步：办理参保登记")
    assert "下一步：办理参保登记\n  1. 单位办事\n  2. 参保登记" in text and "停保登记" not in text
    assert text.rstrip().endswith("咨询电话：12333")


def test_not_solved_keeps_the_answer_tried_and_hands_off_with_the_search(walk_catalog):
    session = Session(walk_catalog)
    session.jump_to_answer("late", via="搜索：月中 入职", query="月中 入职 身份证 3205")
    assert session.escalate(via="未解决")
    assert session.place.answer == "sorry" and session.tried is not None and session.tried.title == "月中入职"
    lines = handoff(session)
    assert any("月中入职（常见问题第 7 条）" in line for line in lines)
    assert any("月中 入职 身份证 3205" in line for line in lines)
    saved = transcript(session)
    assert (
        saved.index("试过但未解决的解答：月中入职") < saved.index("## 下一步：未能解决") < saved.index("## 转人工说明")
    )
    assert not session.escalate(via="未解决")  # on the escalation itself there is nowhere further


def test_the_hand_off_quotes_a_long_paste_shortened(walk_catalog):
    """A 188 KB page pasted and searched went whole into the summary a clerk reads out to 12333."""
    session = Session(walk_catalog)
    query = "户籍性质为空" + "第2行 提示：未获取到人员信息" * 300
    session.jump_to_answer("late", via=f"搜索：{query}", query=query)
    session.escalate(via="未解决")
    (searched,) = [line for line in handoff(session) if line.startswith("搜索过的报错信息或问题：")]
    assert searched == "搜索过的报错信息或问题：" + query[:119] + "…"
    saved = transcript(session)
    step = next(line for line in saved.splitlines() if line.startswith("1. 搜索："))
    assert step == "1. 搜索：" + query[:116] + "…"  # 搜索： and the query, 120 characters in all


def test_a_way_to_a_person_found_first_is_the_answer_of_the_transcript_not_a_next_step(walk_catalog):
    """QA round 9: a search the FAQ had no answer for was saved as 「下一步：未找到对应解答…」."""
    session = Session(walk_catalog)
    session.jump_to_answer("contact", via="搜索：退休手续", query="退休手续")
    saved = transcript(session)
    assert "## 解答：" in saved and "## 下一步：" not in saved
    session.back()
    session.jump_to_answer("late", via="搜索：月中 入职", query="月中 入职")
    session.escalate(via="未解决")
    assert "## 下一步：" in transcript(session)


def test_a_task_left_before_its_first_choice_is_not_named_in_the_hand_off(walk_catalog):
    """QA round 9: task 4 picked, nothing answered, 公积金怎么交 searched: the hand-off told 12333 that the
    公积金 question concerned registering an account."""
    tree = next(iter(walk_catalog.trees))
    session = Session(walk_catalog)
    session.start(tree)
    session.jump_to_answer("contact", via="搜索：公积金怎么交", query="公积金怎么交")
    assert session.task_worked_on is None
    assert not [line for line in handoff(session) if line.startswith("办理事项：")]
    assert "事项：" not in transcript(session).split("## ")[0]  # the header, above the steps
    session = Session(walk_catalog)
    session.start(tree)
    session.choose(0)
    assert session.task_worked_on == tree


def test_a_saved_hand_off_keeps_one_line_per_fact_in_markdown(walk_catalog):
    """Single line breaks in Markdown join lines: every viewer showed the hand-off as one paragraph."""
    session = Session(walk_catalog)
    session.jump_to_answer("late", via="搜索：月中 入职", query="月中 入职")
    session.escalate(via="未解决")
    saved = transcript(session)
    section = saved[saved.index("## 转人工说明") :].splitlines()
    intro, *facts = handoff(session)
    assert section[1:4] == ["", intro, ""]
    assert section[4:] == [f"- {fact}" for fact in facts] and len(facts) == 2


def test_a_searched_id_card_number_reaches_neither_the_hand_off_nor_the_transcript(walk_catalog):
    """The hand-off is pasted into a chat with 12333 and a transcript lies in a shared Downloads folder."""
    session = Session(walk_catalog)
    query = "张三 320586199001011234 月中入职，手机13912345678"
    session.jump_to_answer("late", via=f"搜索：{query}", query=query)
    session.escalate(via="未解决")
    written = "\n".join([*handoff(session), transcript(session), *(crumb.choice for crumb in session.crumbs())])
    assert "[姓名] [身份证号] 月中入职，[手机号]" in written and "搜索：[姓名] [身份证号]" in written
    assert "3205861990" not in written and "13912345678" not in written and "张三" not in written


def test_on_a_way_to_a_person_there_is_nothing_to_judge_and_nowhere_further_to_go(walk_catalog):
    """ "Not in the FAQ: call 12333" is itself the hand-off: "not solved" there must not hand it off again."""
    session = Session(walk_catalog)
    events: list[tuple[str, dict[str, object]]] = []
    session.observer = lambda event, fields: events.append((event, fields))
    session.jump_to_answer("contact", via="搜索：退休手续", query="退休手续")
    assert session.at_hand_off and not session.can_escalate
    assert not session.escalate(via="未解决")
    assert session.place.answer == "contact" and session.tried is None
    session.solved()  # "done" there: the page solved nothing itself, so no outcome says it did
    assert [event for event, _ in events if event == "outcome"] == []
    session.jump_to_answer("late", via="搜索：月中入职")
    assert not session.at_hand_off and session.can_escalate


def test_back_at_a_question_remembers_the_option_chosen_there(walk_catalog):
    session = Session(walk_catalog)
    session.start("w")
    first = session.options[1].label
    session.choose(1)
    assert session.chosen_before is None  # moving on: nothing to offer again
    session.back()
    assert session.chosen_before == first
    session.start("w")
    assert session.chosen_before is None  # a new walk starts fresh
    session.choose(1)
    session.restart()
    assert session.chosen_before is None  # so does a restart (Ctrl+R), as h then the task does
