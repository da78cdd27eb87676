"""`wizard ask`, `wizard walk` and piped `wizard`: exit codes, JSON, piped input (a real process where it matters)."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.conftest import ANSWERS, BUNDLED_TREES, TREE
from wizard.content.catalog import load_catalog
from wizard.plain import LineWizard

# wizard ask -------------------------------------------------------------------------


def test_ask_prints_the_best_answer_as_plain_text(invoke):
    result = invoke("ask", "报错：“户籍性质为空”")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」该如何处理？（常见问题第 13 条）"
    assert "  1. 个人中心" in lines and "  3. 修改" in lines
    assert "员工「户籍性质」需员工自行维护。" in lines
    assert "**" not in result.stdout and "\x1b" not in result.stdout


def test_ask_lists_near_ties_and_each_one_can_be_asked_by_id(invoke):
    vague = invoke("ask", "社保")
    assert vague.returncode == 0, vague.stderr
    assert "其他几条也同样相关，如果上面不是您要找的：" in vague.stdout
    suggested = re.findall(r"（wizard ask ([a-z0-9-]+)）", vague.stdout)
    assert suggested
    by_id = invoke("ask", suggested[0], "--format", "json")
    assert by_id.returncode == 0
    [record] = json.loads(by_id.stdout)
    assert record["answer"] == suggested[0] and record["score"] == 1.0 and "\n" not in record["snippet"]
    precise = invoke("ask", "户籍性质为空")
    assert "其他几条" not in precise.stdout


def test_ask_json_is_a_ranked_list(invoke):
    result = invoke("ask", "未获取到人员信息", "--format", "json", "--top", "3")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 3
    assert records[0]["answer"] == "enrol-error-no-person-info"
    assert records[0]["faq"] == 11
    assert {"answer", "faq", "title", "score"} <= set(records[0])
    assert [r["score"] for r in records] == sorted((r["score"] for r in records), reverse=True)
    escalations = [
        r for r in json.loads(invoke("ask", "12333", "--format", "json").stdout) if r["kind"] == "escalation"
    ]
    assert escalations and all(r["faq"] is None for r in escalations)


def test_ask_top_lists_scores(invoke):
    result = invoke("ask", "花名册", "--top", "2")
    assert result.returncode == 0
    assert result.stdout.startswith("1. ")
    assert "\n2. " in result.stdout and "\n3. " not in result.stdout
    assert "相关度 0." in result.stdout


@pytest.mark.parametrize("query", ["公积金贷款利率", "退休", "社保卡", "单位账号密码忘了"])
def test_ask_about_what_the_faq_does_not_cover_says_so_and_offers_12333(query, invoke):
    result = invoke("ask", query)
    assert result.returncode == 1
    out = result.stdout
    assert out.startswith(f"常见问题中没有与“{query}”相符的解答")
    assert "12333" in out and "社保经办窗口" in out
    assert f"搜索过的报错信息或问题：{query}" in out.split("12333", 1)[1]  # the hand-off names the query
    assert "wizard walk enrolment-errors" in out  # the tasks, as a way in


def test_ask_json_not_found_puts_the_way_out_first_with_faq_null_and_exits_1(invoke):
    result = invoke("ask", "养老金怎么计算", "--top", "3", "--format", "json")
    assert result.returncode == 1
    records = json.loads(result.stdout)
    first = records[0]
    assert (first["answer"], first["faq"], first["kind"], first["why"]) == (
        "escalation-contact",
        None,
        "escalation",
        "not-in-faq",
    )
    assert "养老金怎么计算" in first["handoff"]
    assert all(record["fits"] is False for record in records[1:])
    assert "常见问题中没有" in result.stderr


def test_a_query_that_names_12333_lists_the_way_out_once(invoke):
    result = invoke("ask", "拨打12333没人接", "--format", "json")
    answers = [record["answer"] for record in json.loads(result.stdout)]
    assert result.returncode == 1 and answers[0] == "escalation-contact" and len(answers) == len(set(answers))
    listed = line_mode("拨打12333没人接\nq\n").split("相符的解答", 1)[1]
    assert listed.count("未找到对应解答：请联系社保经办窗口或拨打12333") == 1


def test_ask_json_found_has_no_way_out_record(invoke):
    result = invoke("ask", "员工走了社保怎么停", "--top", "3", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records[0]["answer"] == "enrol-and-stop-registration" and records[0]["faq"] == 10
    assert records[0]["fits"] is True and records[0]["why"] == "match"
    assert all(record["why"] == "match" for record in records)


@pytest.mark.parametrize("query", ["13", "第13条", "常见问题第 13 条", "FAQ 13", "第十三条"])
def test_ask_opens_an_faq_entry_by_number(query, invoke):
    result = invoke("ask", query, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["faq"] == 13


def test_ask_for_an_faq_entry_that_does_not_exist_says_how_many_there_are(invoke):
    result = invoke("ask", "第18条")
    assert result.returncode == 1 and result.stdout.startswith("常见问题共 17 条，没有第 18 条。常见问题中没有")


def test_ask_in_english_says_not_in_the_faq(invoke):
    result = invoke("--lang", "en", "ask", "公积金贷款利率")
    assert result.returncode == 1
    assert result.stdout.startswith("The FAQ has no answer that fits '公积金贷款利率'")


def test_ask_usage_errors_exit_2(invoke):
    assert invoke("ask").returncode == 2
    assert invoke("ask", "x", "--top", "0").returncode == 2


def test_ask_uses_another_trees_folder(write_files, invoke):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    result = invoke("ask", "答案二", "--trees", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["answer"] == "a-two"


# wizard walk ------------------------------------------------------------------------


def test_walk_piped_choice_prints_the_answer(invoke):
    result = invoke("walk", "enrolment-errors", stdin="2\n1\n")
    assert result.returncode == 0, result.stderr
    assert "  2. 没有符合该人员的参保身份" in result.stdout
    assert "（常见问题第 12 条）" in result.stdout
    assert "需原单位先为其停保" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_walk_back_restart_quit(invoke):
    # 1 new employee → b back → 2 leaving → r restart → 1 → 1 two jobs → q
    result = invoke("walk", "enrol-and-stop", stdin="1\nb\n2\nr\n1\n1\nq\n9\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("这次要为员工办什么？") == 3  # start, after b, after r
    assert "（常见问题第 10 条）" in out  # after choosing 2
    assert "（常见问题第 6 条）" in out  # after 1, 1
    assert out.rstrip().endswith("> q")  # quit before the 9 was read


def test_walk_invalid_input_gets_a_message_and_the_prompt_again(invoke):
    result = invoke("walk", "enrolment-errors", stdin="7\nabc\n\x1b[31m\n1\n")
    assert result.returncode == 0
    assert result.stdout.count("无效输入") == 3
    assert "\x1b" not in result.stdout
    assert "（常见问题第 11 条）" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("width", [40, 50, 60, 80])
def test_on_a_terminal_the_hand_off_never_starts_a_line_with_the_step_sign(width):
    """Its 已选 joins each question to the choice made: a › at a line's start was cut off from its question."""
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    out = io.StringIO()
    wizard = LineWizard(catalog, "zh", io.StringIO("1\n2\n2\n2\nn\n"), out)
    wizard.width = width  # as on a terminal of that width (a pipe is not broken at all)
    wizard.run("enrol-and-stop")
    hand_off = out.getvalue().split("转人工时可以这样说明：")[1].split("试过但未解决的解答")[0]
    assert "11日及以后" in hand_off
    assert not [line for line in hand_off.splitlines() if line.startswith("›") or line.endswith("›")]


def test_walk_back_at_the_first_question_says_so(invoke):
    result = invoke("walk", "enrolment-errors", stdin="b\n")
    assert result.returncode == 0
    assert "已经是第一个问题" in result.stdout


@pytest.mark.parametrize("stdin", ["", "1\n", "2\n"])
def test_walk_end_of_input_exits_cleanly(stdin, invoke):
    result = invoke("walk", stdin=stdin)
    assert result.returncode == 0
    assert result.stderr == ""


def test_walk_without_tree_lists_tasks_then_walks(invoke):
    result = invoke("walk", stdin="2\n3\n")
    assert result.returncode == 0
    assert "  2. 参保登记报错处理" in result.stdout
    assert "（常见问题第 13 条）" in result.stdout


def test_walk_back_from_first_question_returns_to_the_task_list(invoke):
    result = invoke("walk", stdin="2\nb\n5\n1\n")
    assert result.stdout.count("请选择要办理的事项") == 2
    assert "（常见问题第 1 条）" in result.stdout


def test_walk_answers_non_interactively(invoke):
    result = invoke("walk", "enrol-and-stop", "--answers", "1,2,2,2")
    assert result.returncode == 0, result.stderr
    assert "（常见问题第 7 条）" in result.stdout
    by_label = invoke("walk", "enrolment-errors", "--answers", "户籍性质为空")
    assert by_label.returncode == 0 and "（常见问题第 13 条）" in by_label.stdout
    from_tasks = invoke("walk", "--answers", "2,1")
    assert from_tasks.returncode == 0 and "（常见问题第 11 条）" in from_tasks.stdout


@pytest.mark.parametrize(
    ("answers", "message"),
    [("1", "已用完"), ("1,9", "不是当前问题的选项"), ("2,1", "未使用"), ("x", "不是当前问题的选项")],
)
def test_walk_answers_that_do_not_fit_exit_1(answers, message, invoke):
    result = invoke("walk", "enrol-and-stop", "--answers", answers)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_walk_unknown_tree_exits_1_with_the_list(invoke):
    result = invoke("walk", "no-such-tree")
    assert result.returncode == 1
    assert "enrolment-errors" in result.stderr


def test_walk_english_interface(invoke):
    result = invoke("walk", "enrolment-errors", "--lang", "en", stdin="x\n1\n")
    assert "is not a choice" in result.stdout
    assert "FAQ 11" in result.stdout


def test_bare_wizard_with_piped_stdin_falls_back_to_line_mode(run_wizard):
    result = run_wizard(stdin="2\n1\nq\n")
    assert result.returncode == 0, result.stderr
    assert "请选择要办理的事项" in result.stdout
    assert "（常见问题第 11 条）" in result.stdout


# No Textual ---------------------------------------------------------------------------


# The line mode, round 2: "solved?" after every answer, 12333 after "not solved" ---------------------------


def test_ask_prints_the_body_before_the_click_paths_and_no_doubled_colon(invoke):
    text = invoke("ask", "户籍性质为空").stdout
    assert text.index("员工「户籍性质」需员工自行维护。") < text.index("方式一：员工本人登录网办大厅个人账户")
    assert "：：" not in text and not any(line.endswith("：") for line in text.splitlines() if "方式" in line)
    assert text.rstrip().endswith("咨询电话：12333\n\n来源：江苏人社网上办事服务大厅相关问答 第 13 条")


def test_walk_asks_whether_it_solved_and_not_solved_reaches_12333_with_a_hand_off(invoke):
    result = invoke("walk", "enrolment-errors", stdin="3\nn\n")
    out = result.stdout
    assert result.returncode == 0
    assert "是否解决了您的问题？y 已解决，n 未解决" in out
    after = out[out.index("> n") :]
    assert "您试过的解答（未解决）：单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」" in after
    assert "解答未能解决问题：请联系社保经办窗口或拨打12333" in after
    assert "转人工时可以这样说明：" in after and "办理事项：参保登记报错处理" in after
    solved = invoke("walk", stdin="2\n3\ny\n\n\nq\n")  # y, then Enter twice: no rating, no comment
    assert "很高兴问题已解决。" in solved.stdout and solved.stdout.count("请选择要办理的事项") == 2


def test_walk_offers_the_way_out_under_questions_and_as_the_last_task(invoke):
    result = invoke("walk", "enrolment-errors", stdin="6\n")
    assert "  6. 以上都不是 / 不确定" in result.stdout and "未找到对应解答" in result.stdout
    tasks = invoke("walk", stdin="7\n")
    assert "  7. 其他问题（常见问题中没有）" in tasks.stdout and "常见问题中没有与您的情况对应的解答" in tasks.stdout


def test_the_task_list_does_not_offer_b(invoke):
    result = invoke("walk", stdin="b\nq\n")
    assert "请输入 1 到 7 之间的编号，或输入问题搜索；q 退出。" in result.stdout and "或 b、r、q" not in result.stdout


def test_the_line_mode_breaks_long_lines_the_chinese_way_on_a_terminal():
    """On a terminal (not a pipe) lines are broken at its width, never before closing punctuation."""
    out = io.StringIO()
    wizard = LineWizard(load_catalog([BUNDLED_TREES]).catalog, "zh", io.StringIO(), out)
    wizard.width = 40
    wizard.say("  1. 根据身份证号码找到多条人员信息，无法办理此业务该如何处理？而且还有更多的文字要换行", "   ")
    lines = out.getvalue().splitlines()
    assert len(lines) > 1 and all(len(line.encode("gbk")) <= 40 for line in lines)
    assert all(line.startswith("     ") for line in lines[1:])  # wrapped lines hang under the text
    assert not any(line.strip()[0] in "，。；？" for line in lines)


# Search in the line mode --------------------------------------------------------------


def line_mode(stdin: str, lang: str = "zh") -> str:
    """The line wizard run in-process from the task list on ``stdin``; what it printed."""
    out = io.StringIO()
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    assert LineWizard(catalog, lang, io.StringIO(stdin), out).run(None) == 0
    return out.getvalue()


def test_a_question_typed_at_the_task_list_searches_and_opens_the_answer_picked():
    out = line_mode("员工走了社保怎么停\n1\nq\n")
    results = out.split("与“员工走了社保怎么停”相符的解答：", 1)[1]
    first = results.splitlines()[1]
    assert first == "  1. 省系统上线后用人单位如何办理参保登记和停保登记？（常见问题第 10 条）"
    opened = results.split("> 1", 1)[1]
    assert "已选：搜索：员工走了社保怎么停" in opened
    assert "用人单位退工停保登记" in opened


def test_the_line_mode_promises_close_topics_only_when_there_are_some():
    out = line_mode("退休\nq\n")
    assert "常见问题中没有与“退休”相符的解答，也没有相近的主题。选 1 转人工" in out and "看看下面" not in out


def test_a_question_the_faq_does_not_cover_offers_12333_first_and_hands_the_query_on():
    out = line_mode("社保卡丢了怎么补办\n1\nq\n")
    assert "常见问题中没有与“社保卡丢了怎么补办”相符的解答" in out
    listed = out.split("相符的解答", 1)[1]
    assert listed.splitlines()[1] == "  1. 未找到对应解答：请联系社保经办窗口或拨打12333"
    opened = out.split("> 1", 1)[1]
    assert "12333" in opened and "搜索过的报错信息或问题：社保卡丢了怎么补办" in opened


def test_an_faq_number_at_the_task_list_finds_that_entry():
    out = line_mode("第13条\n1\nq\n")
    assert "  1. 单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」该如何处理？（常见问题第 13 条）" in out


def test_from_the_results_enter_returns_to_the_tasks_and_other_words_search_again():
    out = line_mode("工地加人\n花名册\n\n6\nq\n")
    assert "与“工地加人”相符的解答：" in out and "与“花名册”相符的解答：" in out
    assert out.count("请选择要办理的事项：") == 2  # at the start and after Enter
    assert "【工程建设项目工伤保险】" in out  # task 6 was then picked


def test_line_mode_search_in_english():
    out = line_mode("社保卡\nq\n", lang="en")
    assert "The FAQ has no answer that fits '社保卡'. Choose 1 to ask a person" in out
