"""One small catalog per diagnostic code, asserting the code and exactly where it points.

The base tree (tests/conftest.py: TREE) is clean; each test changes one thing.
Line numbers refer to that tree: q1 starts on line 6, q2 on line 13, examples on 20.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ANSWERS, TREE, located
from wizard.content.catalog import load_catalog
from wizard.content.diagnostics import CODES, has_errors


def test_unknown_key_with_a_spelling_hint(diagnose):
    problems = diagnose(t__yaml=TREE.replace("    question: 问题一？\n", "    question: 问题一？\n    hepl: 帮助\n"))
    assert located(problems) == [("WZ010", "t.yaml", 8, 5)]
    assert problems[0].hint == "did you mean 'help'?"


def test_missing_key(diagnose):
    problems = diagnose(t__yaml=TREE.replace("start: q1\n", ""))
    assert located(problems) == [("WZ011", "t.yaml", 1, 1)]
    assert "'start' is required" in problems[0].message


def test_wrong_type(diagnose):
    problems = diagnose(t__yaml=TREE.replace("summary: 摘要\n", "summary: 摘要\norder: 第一\n"))
    assert located(problems) == [("WZ012", "t.yaml", 4, 8)]
    assert "whole number" in problems[0].message


def test_bad_id_key(diagnose):
    problems = diagnose(t__yaml=TREE.replace("  q2:", "  Q_2:").replace("next: q2", "next: Q_2"))
    assert ("WZ012", "t.yaml", 13, 3) in located(problems)


def test_labelled_click_path_needs_steps(diagnose):
    menu = "    menu:\n      - [甲, 乙]\n      - label: 方式二\n"
    answers = ANSWERS.replace("    body: 正文二\n", "    body: 正文二\n" + menu)
    problems = diagnose(answers__yaml=answers, t__yaml=TREE)
    assert located(problems) == [("WZ011", "answers.yaml", 11, 9)]
    assert problems[0].message == "'steps' is required in answers.a-two.menu.1"


def test_option_with_two_targets(diagnose):
    problems = diagnose(t__yaml=TREE.replace("        next: q2\n", "        next: q2\n        answer: a-two\n"))
    assert located(problems) == [("WZ013", "t.yaml", 11, 9)]
    assert "exactly one of" in problems[0].message


def test_option_without_target(diagnose):
    problems = diagnose(t__yaml=TREE.replace("        next: q2\n", ""))
    assert located(problems) == [("WZ013", "t.yaml", 11, 9)]


def test_duplicate_tree_id(diagnose):
    assert located(diagnose(t__yaml=TREE, u__yaml=TREE)) == [("WZ020", "u.yaml", 1, 5)]


def test_question_id_shared_between_trees(diagnose):
    other = TREE.replace("id: t", "id: u")
    assert located(diagnose(t__yaml=TREE, u__yaml=other)) == [("WZ021", "u.yaml", 6, 3), ("WZ021", "u.yaml", 13, 3)]


def test_duplicate_answer_id(diagnose):
    extra = "answers:\n  a-two:\n    title: 又一个\n    body: 正文\n"
    assert located(diagnose(t__yaml=TREE, answers__yml=extra)) == [("WZ022", "answers.yml", 2, 3)]


def test_no_answers_file(write_files):
    result = load_catalog([write_files(t__yaml=TREE)])
    assert located(result.diagnostics) == [("WZ023", "t.yaml", 1, 1)]


def test_the_same_similar_question_on_two_answers(diagnose):
    """Spaces, punctuation and full-width letters do not make two similar questions different."""
    similar = ANSWERS.replace("    body: 正文一\n", "    body: 正文一\n    similar: [怎么增员, 别的]\n").replace(
        "    body: 正文二\n", "    body: 正文二\n    similar: [其他, 怎么 增员？]\n"
    )
    problems = diagnose(answers__yaml=similar, t__yaml=TREE)
    assert located(problems) == [("WZ024", "answers.yaml", 10, 19)]
    assert "'a-two'" in problems[0].message and "'a-one'" in problems[0].message
    distinct = similar.replace("怎么 增员？", "怎么减员")
    assert diagnose(answers__yaml=distinct, t__yaml=TREE) == []


def test_the_same_similar_question_twice_on_one_answer(diagnose):
    similar = ANSWERS.replace("    body: 正文一\n", "    body: 正文一\n    similar: [怎么增员, 别的, 怎么增员。]\n")
    problems = diagnose(answers__yaml=similar, t__yaml=TREE)
    assert located(problems) == [("WZ024", "answers.yaml", 6, 25)]
    assert "twice" in problems[0].message and "'a-one'" in problems[0].message


def test_the_same_faq_number_on_two_answers(diagnose):
    """'第1条' opens one answer: another with that number is an error, unless it is a part of that entry."""
    numbered = ANSWERS.replace("    body: 正文一\n", "    body: 正文一\n    faq: 1\n")
    assert diagnose(answers__yaml=numbered, t__yaml=TREE) == []
    twice = numbered.replace("    body: 正文二\n", "    body: 正文二\n    faq: 1\n")
    problems = diagnose(answers__yaml=twice, t__yaml=TREE)
    assert located(problems) == [("WZ028", "answers.yaml", 10, 10)]
    assert problems[0].format() == (
        f"{problems[0].path}:10:10: error WZ028 answer 'a-two' has FAQ number 1, which answer 'a-one' has too "
        "(give it its own number from the FAQ; if both answer FAQ entry 1, list 'a-two' under 'related:' of 'a-one')"
    )
    # One FAQ entry split into several answers (FAQ 9: online, app, counter): the first lists its parts.
    parts = twice.replace("    faq: 1\n", "    faq: 1\n    related: [a-two]\n", 1)
    assert diagnose(answers__yaml=parts, t__yaml=TREE) == []


def test_a_word_in_two_synonym_groups(diagnose):
    synonyms = "synonyms:\n  - term: 人员增加\n    same: [增员, 加保]\n  - term: 人员减少\n    same: [减员, 加保]\n"
    problems = diagnose(answers__yaml=ANSWERS, t__yaml=TREE, synonyms__yaml=synonyms)
    assert located(problems) == [("WZ025", "synonyms.yaml", 5, 16)]
    assert "'加保'" in problems[0].message
    assert diagnose(answers__yaml=ANSWERS, t__yaml=TREE, synonyms__yaml=synonyms.replace(", 加保]\n", "]\n", 1)) == []


def test_a_blank_synonym_is_an_error_where_it_is_written(diagnose):
    """A word of spaces matched nothing and passed the check; an empty one was already refused."""
    synonyms = 'synonyms:\n  - term: 离职\n    same: [辞职, "  "]\n'
    problems = diagnose(answers__yaml=ANSWERS, t__yaml=TREE, synonyms__yaml=synonyms)
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.col) for p in problems] == [("synonyms.yaml", 3, 16)]
    assert problems[0].severity == "error"


def test_a_synonyms_file_is_checked_like_any_content_file(diagnose):
    problems = diagnose(
        answers__yaml=ANSWERS, t__yaml=TREE, synonyms__yaml="synonyms:\n  - term: 离职\n    sam: [辞职]\n"
    )
    unknown = [problem for problem in problems if problem.code == "WZ010"]
    assert [(p.code, p.path.rsplit("/", 1)[-1], p.line, p.col) for p in unknown] == [("WZ010", "synonyms.yaml", 3, 5)]
    assert "did you mean 'same'" in (unknown[0].hint or "")


def test_missing_start_question(diagnose):
    problems = diagnose(t__yaml=TREE.replace("start: q1", "start: qq1"))
    assert located(problems) == [("WZ030", "t.yaml", 4, 8)]
    assert problems[0].hint == "did you mean 'q1'?"


def test_dangling_next(diagnose):
    problems = diagnose(t__yaml=TREE.replace("next: q2", "next: q3"))
    assert ("WZ031", "t.yaml", 12, 15) in located(problems)


def test_dangling_answer_with_hint(diagnose):
    problems = diagnose(t__yaml=TREE.replace("answer: a-two", "answer: a-tow"))
    assert located(problems) == [("WZ041", "answers.yaml", 6, 3), ("WZ032", "t.yaml", 19, 17)]
    assert problems[1].hint == "did you mean 'a-two'?"


def test_dangling_tree(diagnose):
    problems = diagnose(t__yaml=TREE.replace("next: q2", "tree: other"))
    assert located(problems) == [("WZ033", "t.yaml", 12, 15), ("WZ040", "t.yaml", 13, 3)]


def test_dangling_related_answer(diagnose):
    answers = ANSWERS.replace("    body: 正文一\n", "    body: 正文一\n    related: [a-tw0]\n")
    assert located(diagnose(answers__yaml=answers, t__yaml=TREE)) == [("WZ034", "answers.yaml", 6, 15)]


def test_escalation_must_be_of_kind_escalation(diagnose):
    assert located(diagnose(answers__yaml="escalation: a-one\n" + ANSWERS, t__yaml=TREE)) == [
        ("WZ035", "answers.yaml", 1, 13)
    ]


def test_unreachable_question(diagnose):
    orphan = (
        "  q3:\n    question: 孤儿？\n    options:\n"
        "      - label: 甲\n        answer: a-one\n      - label: 乙\n        answer: a-two\n"
    )
    problems = diagnose(t__yaml=TREE.replace("examples:\n", orphan + "examples:\n"))
    assert located(problems) == [("WZ040", "t.yaml", 20, 3)]


def test_answer_no_tree_reaches(diagnose):
    answers = ANSWERS + "  a-three:\n    title: 答案三\n    body: 正文三\n"
    assert located(diagnose(answers__yaml=answers, t__yaml=TREE)) == [("WZ041", "answers.yaml", 13, 3)]


def test_cycle_within_a_tree(diagnose):
    problems = diagnose(t__yaml=TREE.replace("answer: a-two", "next: q1"))
    assert ("WZ042", "t.yaml", 18, 9) in located(problems)
    assert "q1 › q2 › q1" in problems[located(problems).index(("WZ042", "t.yaml", 18, 9))].message


def test_cycle_across_trees(diagnose):
    first = TREE.replace("next: q2", "tree: u")
    second = TREE.replace("id: t", "id: u").replace("  q1:", "  p1:").replace("start: q1", "start: p1")
    second = second.replace("  q2:", "  p2:").replace("next: q2", "next: p2").replace("answer: a-two", "tree: t")
    problems = [p for p in diagnose(t__yaml=first, u__yaml=second) if p.code == "WZ042"]
    assert len(problems) == 1
    assert "t:q1" in problems[0].message and "u:p2" in problems[0].message


def test_question_with_one_option(diagnose):
    one = TREE.replace("      - label: 丁\n        answer: a-two\n", "").replace("answer: a-two", "answer: a-one")
    problems = diagnose(t__yaml=one.replace("  - choose: [乙, 丁]\n    expect: a-one\n", ""))
    assert ("WZ043", "t.yaml", 16, 7) in located(problems)


def test_question_without_options_is_an_error_not_a_warning(diagnose):
    options = "    options:\n      - label: 丙\n        answer: a-one\n      - label: 丁\n        answer: a-two\n"
    empty = TREE.replace("    question: 问题二？\n" + options, "    question: 问题二？\n    options: []\n")
    problems = diagnose(t__yaml=empty)
    assert ("WZ045", "t.yaml", 15, 14) in located(problems)
    assert has_errors(problems)


def test_duplicate_option_label(diagnose):
    assert located(diagnose(t__yaml=TREE.replace("label: 丁", "label: 丙"))) == [("WZ044", "t.yaml", 18, 16)]


def test_example_with_a_misspelled_choice(diagnose):
    problems = diagnose(t__yaml=TREE.replace("[乙, 丙]", "[乙, 丙丙]"))
    assert located(problems) == [("WZ050", "t.yaml", 23, 17)]
    assert problems[0].message == "at question 'q2' there is no option '丙丙'"


def test_example_that_stops_early_or_runs_on(diagnose):
    assert located(diagnose(t__yaml=TREE.replace("[乙, 丙]", "[乙]"))) == [("WZ050", "t.yaml", 23, 13)]
    assert located(diagnose(t__yaml=TREE.replace("[甲]", "[甲, 乙]"))) == [("WZ050", "t.yaml", 21, 17)]


def test_example_ending_elsewhere(diagnose):
    problems = diagnose(
        t__yaml=TREE.replace("    expect: a-one\n  - choose: [乙, 丁]", "    expect: a-two\n  - choose: [乙, 丁]")
    )
    assert located(problems) == [("WZ051", "t.yaml", 24, 13)]


def test_tree_without_examples(diagnose):
    assert located(diagnose(t__yaml=TREE[: TREE.index("examples:")])) == [("WZ052", "t.yaml", 1, 5)]


def test_every_code_has_a_test_here():
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [code for code in CODES if code >= "WZ010" and f'"{code}"' not in source]
    assert untested == []


def test_a_table_too_wide_for_a_screen_is_an_error(diagnose):
    header = "| " + " | ".join(f"列{n}" for n in range(13)) + " |"
    rule = "|" + "---|" * 13
    row = "| " + " | ".join("x" for _ in range(13)) + " |"
    wide = ANSWERS.replace("    body: 正文一\n", f"    body: |\n      {header}\n      {rule}\n      {row}\n")
    problems = diagnose(answers__yaml=wide, t__yaml=TREE)
    assert located(problems) == [("WZ046", "answers.yaml", 5, 11)]
    assert "13 columns" in problems[0].message
    fits = ANSWERS.replace("    body: 正文一\n", "    body: |\n      | a | b |\n      |---|---|\n      | 1 | 2 |\n")
    assert diagnose(answers__yaml=fits, t__yaml=TREE) == []


def test_a_question_without_a_way_out_is_a_warning_unless_it_opts_out(diagnose):
    no_way_out = ANSWERS.replace("way_out: {label: 以上都不是, answer: a-out}\n", "")
    problems = diagnose(answers__yaml=no_way_out, t__yaml=TREE)
    assert located(problems) == [("WZ041", "answers.yaml", 8, 3), ("WZ047", "t.yaml", 6, 3), ("WZ047", "t.yaml", 13, 3)]
    assert not has_errors(problems)
    opted_out = TREE.replace("    question: 问题二？\n", "    question: 问题二？\n    way_out: false\n")
    to_a_person = opted_out.replace(
        "      - label: 甲\n        answer: a-one\n", "      - label: 甲\n        answer: a-out\n"
    )
    to_a_person = to_a_person.replace("  - choose: [甲]\n    expect: a-one\n", "  - choose: [甲]\n    expect: a-out\n")
    assert diagnose(answers__yaml=no_way_out, t__yaml=to_a_person) == []


def test_not_sure_offered_by_an_option_and_by_the_way_out_is_a_warning(diagnose):
    answers = ANSWERS.replace("{label: 以上都不是,", "{label: 以上都不是 / 不确定,")
    unsure = TREE.replace("      - label: 丁\n", "      - label: 不清楚\n").replace("[乙, 丁]", "[乙, 不清楚]")
    problems = diagnose(answers__yaml=answers, t__yaml=unsure)
    assert located(problems) == [("WZ048", "t.yaml", 18, 16)]
    assert "'不清楚'" in problems[0].message and "'以上都不是 / 不确定'" in problems[0].message
    opted_out = unsure.replace("    question: 问题二？\n", "    question: 问题二？\n    way_out: false\n")
    assert diagnose(answers__yaml=answers, t__yaml=opted_out) == []
    assert diagnose(answers__yaml=ANSWERS, t__yaml=unsure) == []  # a way out that does not say 不确定


def test_an_option_path_must_name_a_click_path_of_its_answer(diagnose):
    answers = ANSWERS.replace(
        "    body: 正文一\n",
        "    body: 正文一\n    menu:\n      - {label: 增加, steps: [甲]}\n      - {label: 减少, steps: [乙]}\n",
    )
    picked = TREE.replace(
        "      - label: 甲\n        answer: a-one\n", "      - label: 甲\n        answer: a-one\n        path: 减少\n"
    )
    assert diagnose(answers__yaml=answers, t__yaml=picked) == []
    wrong = picked.replace("path: 减少", "path: 减")
    problems = diagnose(answers__yaml=answers, t__yaml=wrong)
    assert located(problems) == [("WZ036", "t.yaml", 11, 15)] and problems[0].hint == "did you mean '减少'?"
    on_next = TREE.replace("        next: q2\n", "        next: q2\n        path: 增加\n")
    assert [p.code for p in diagnose(answers__yaml=answers, t__yaml=on_next)] == ["WZ036"]
    step = answers.replace("    body: 正文二\n", "    body: 正文二\n    next_step: {label: 下一步, answer: a-one}\n")
    assert "must say which one" in diagnose(answers__yaml=step, t__yaml=TREE)[0].message


def test_review_dates_and_required_sources(write_files):
    """WZ026 (review date passed) and WZ027 (source required, none given), as `wizard check` runs them."""
    import datetime

    from wizard.content.checks import check_review

    dated = ANSWERS.replace("    title: 答案一\n", "    title: 答案一\n    review_by: 2026-06-30\n")
    result = load_catalog([write_files(answers__yaml="require_source: true\n" + dated, t__yaml=TREE)])
    assert result.catalog is not None
    problems = check_review(result.catalog, result.index, datetime.date(2026, 7, 1))
    assert [(p.code, p.line) for p in problems] == [("WZ026", 6), ("WZ027", 8), ("WZ027", 11)]
    assert check_review(result.catalog, result.index, datetime.date(2026, 6, 30))[0].code == "WZ027"
