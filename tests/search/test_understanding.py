"""How search reads a clerk's query: FAQ numbers, synonyms, traditional characters, pinyin slips,
coverage, and the honest "not in the FAQ" with its way out."""

from __future__ import annotations

import pytest

from wizard.engine.coverage import Unit, prepare, share
from wizard.engine.faq_numbers import chinese_number, faq_number
from wizard.engine.hanzi import to_simplified
from wizard.engine.terms import Synonyms, question_runs, without_buttons

# FAQ numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("13", 13),
        ("第13条", 13),
        ("常见问题第 13 条", 13),
        ("FAQ 13", 13),
        ("faq13", 13),
        ("第十三条", 13),
        ("第二十条", None),
        ("常见问题第1条 结算单", 1),
        ("１３", 13),
    ],
)
def test_an_faq_number_is_read_in_the_ways_clerks_write_it(query, number):
    assert faq_number(query, range(1, 18)) == number


@pytest.mark.parametrize("query", ["12333", "11号入职", "1月", "身份证320123199001011234", "9" * 5000])
def test_numbers_that_are_not_faq_entries_are_not_read_as_one(query):
    assert faq_number(query, range(1, 18)) is None


def test_chinese_numerals_below_a_hundred():
    assert [chinese_number(n) for n in ("十", "十七", "二十", "九十九", "一", "十十", "三四")] == [
        10,
        17,
        20,
        99,
        1,
        None,
        None,
    ]


def test_an_faq_number_puts_that_entry_first(bundled_index):
    assert bundled_index.search("第13条", top=1)[0].faq == 13
    assert bundled_index.find("常见问题第 13 条").answered


@pytest.mark.parametrize(
    ("query", "said"), [("第18条", (18, 17)), ("FAQ 20", (20, 17)), ("常见问题第 40 条", (40, 17))]
)
def test_an_faq_number_that_does_not_exist_is_said_so(bundled_index, query, said):
    findings = bundled_index.find(query, top=3)
    assert not findings.answered and findings.no_such_faq == said
    assert findings.no_such_faq_note("zh") == f"常见问题共 17 条，没有第 {said[0]} 条。"


@pytest.mark.parametrize(
    ("query", "entry"), [("第9条", "register-account"), ("FAQ 17", "construction-staff-change-online")]
)
def test_an_faq_split_into_several_answers_opens_at_its_first(bundled_index, query, entry):
    """FAQ 9 is the overview of four ways to register and its three parts: the number opens the overview."""
    assert bundled_index.find(query, top=3).hits[0].answer == entry


@pytest.mark.parametrize("query", ["第13条", "11号", "退休手续在哪办", "12333"])
def test_no_note_about_faq_numbers_where_no_missing_entry_is_named(bundled_index, query):
    findings = bundled_index.find(query, top=3)
    assert findings.no_such_faq is None and findings.no_such_faq_note("zh") == ""


# Synonyms, traditional characters, pinyin slips ------------------------------------------------


def test_synonyms_fold_the_longest_word_first():
    synonyms = Synonyms([("人员减少", ["减员", "减人"]), ("原单位", ["老单位", "之前单位"])])
    assert synonyms.fold("老单位减员") == "原单位人员减少"
    assert question_runs("减员", synonyms) == question_runs("人员减少", synonyms)


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("员工走了社保怎么停", "enrol-and-stop-registration"),  # 走了 → 离职, 停 → 停保
        ("新来的员工怎么加保", "enrol-and-stop-registration"),  # 加保 → 人员增加
        ("工地加人", "construction-staff-change-online"),  # 工地 → 工程建设项目
        ("员工在别的单位还没停保", "enrol-error-no-insured-identity"),
        ("照着解答弄了不起作用", "escalation-not-solved"),  # 不起作用 → 仍未解决
        ("步骤都走完了问题依旧", "escalation-not-solved"),  # 问题依旧 → 仍未解决
        ("提示：户籍性质为空 无法提交", "enrol-error-hukou-empty"),  # 无法提交 says it failed, not what
        ("前天加的员工提示无参保身份", "enrol-error-no-insured-identity"),  # 前天 says when, not what
        ("系统提示：户籍性质为空，请联系管理员", "enrol-error-hukou-empty"),  # the dialog's own words
        ("保存失败：户籍性质为空", "enrol-error-hukou-empty"),  # a dialog's title says it failed, not what
        ("温馨提示 该人员为灵活就业人员", "enrol-error-flexible-employment"),
        ("户籍性质为空 确定", "enrol-error-hukou-empty"),  # the dialog's button came along
        ("警告 户籍性质为空", "enrol-error-hukou-empty"),
        ("试了没用咋整", "escalation-not-solved"),  # 整, 捣鼓, 折腾: ways of saying "do", like 弄 and 搞
        ("折腾半天户籍性质为空", "enrol-error-hukou-empty"),
        ("怎麼列印花名冊", "print-staff-roster"),  # 列印: how Hong Kong and Taiwan say 打印
        ("年底了要打印今年的花名册", "print-staff-roster"),  # 年底, 今年 say when, not which roster
        ("张三的户籍性质为空", "enrol-error-hukou-empty"),  # an employee's name is no clue, nor unexplained
        ("给张三停保", "enrol-and-stop-registration"),
        ("李四的花名册怎么打印", "print-staff-roster"),
        ("户籍性质为空 张三", "enrol-error-hukou-empty"),
        ("结算单 王芳", "print-settlement-statement"),
        ("员工李娜户籍性质为空", "enrol-error-hukou-empty"),
        ("张伟户籍性质为空", "enrol-error-hukou-empty"),
        (
            "姓名：王建国 身份证号：320102198805061234 手机：13812345678\n提交失败：户籍性质为空",
            "enrol-error-hukou-empty",
        ),
        ("该人员为灵活就业人员 错误码:E3003", "enrol-error-flexible-employment"),
        ("操作失败\n未获取到人员信息\n关闭", "enrol-error-no-person-info"),
        (  # a whole error dialog pasted, with its code
            "提交失败！\n错误信息：根据身份证号码找到多条人员信息，无法办理此业务\n错误代码：E10023\n请联系管理员",
            "enrol-error-multiple-records",
        ),
    ],
)
def test_everyday_words_find_the_faq_answer(bundled_index, query, answer):
    findings = bundled_index.find(query, top=3)
    assert findings.answered and findings.hits[0].answer == answer, findings.hits


@pytest.mark.parametrize(
    ("word", "term"), [("老东家", "原单位"), ("笔记本电脑", "电脑端"), ("缺失", "为空"), ("没填", "为空")]
)
def test_clerk_words_fold_to_the_faq_term(bundled_catalog, word, term):
    synonyms = Synonyms((group.term, group.same) for group in bundled_catalog.synonyms)
    assert question_runs(word, synonyms) == question_runs(term, synonyms)


def test_only_a_button_standing_alone_is_left_out():
    assert without_buttons("户籍性质为空\n确定") == "户籍性质为空\n"
    assert without_buttons("不确定是不是本结算期") == "不确定是不是本结算期"  # part of a word
    assert without_buttons("取消") == "取消"  # nothing else to search for


def test_traditional_characters_search_like_simplified(bundled_index):
    assert to_simplified("戶籍性質為空") == "户籍性质为空"
    traditional = bundled_index.find("戶籍性質為空", top=1)
    assert traditional.answered and traditional.hits[0].answer == "enrol-error-hukou-empty"


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("新员工怎么办参宝登记", "enrol-and-stop-registration"),  # 参宝 for 参保, as in the term 参保登记
        ("员工离职了要挺保", "enrol-and-stop-registration"),  # 挺保 for the two-character term 停保
        ("提交就保错户籍性质为空", "enrol-error-hukou-empty"),  # 保错 for 报错
    ],
)
def test_a_pinyin_slip_that_spells_a_known_term_is_repaired(bundled_index, query, answer):
    slipped = bundled_index.find(query, top=1)
    assert slipped.answered and slipped.hits[0].answer == answer, slipped.hits


def test_pinyin_initials_find_the_term(bundled_index):
    assert bundled_index.search("hjxz", top=1)[0].answer == "enrol-error-hukou-empty"  # 户籍性质


def test_a_word_after_yuangong_that_begins_with_a_surname_is_still_searched(bundled_index):
    """员工孙子出生: 孙 is a surname, 孙子 a grandson; the FAQ has nothing on it."""
    assert not bundled_index.find("员工孙子出生").answered


def test_a_real_word_is_not_repaired_into_another(bundled_index):
    """医保 sounds like nothing in the FAQ that it could be a slip of: it stays 医保, and is not covered."""
    assert not bundled_index.find("医保报销怎么弄").answered


# Coverage and the honest "not in the FAQ" -----------------------------------------------------


def test_share_counts_explained_weight_and_skips_unexplained_numbers():
    units = (
        Unit(2.0, frozenset({"1a"}), False),
        Unit(1.0, frozenset({"1b"}), False),
        Unit(5.0, frozenset({"17"}), True),
    )
    assert share(units, frozenset({"1a"})) == pytest.approx(2 / 3)  # the number counts only when explained
    assert share(units, frozenset({"1a", "17"})) == pytest.approx(7 / 8)
    assert share((), frozenset({"1a"})) == 0.0


def test_generic_words_count_neither_for_nor_against():
    weight = lambda unit: 1.0  # noqa: E731
    assert prepare(question_runs("怎么办"), weight) == ()
    assert prepare(question_runs("今年年底"), weight) == ()  # when, not what
    assert len(prepare(question_runs("上个月"), weight)) == 3  # which month says which answer: not generic


def test_a_character_standing_alone_among_generic_words_is_a_word_of_its_own():
    """报同一个错: 错 stands between 一个 and the end, so no text holds the bigram 个错; 错 anywhere explains it,
    as it would a one-character query."""
    units = prepare(question_runs("报同一个错"), lambda unit: 1.0)
    assert units[-1].explainers == frozenset({"1错"})
    assert share(units, frozenset({"2报同", "2同一", "1错"})) == 1.0


@pytest.mark.parametrize(
    "query", ["为啥提示无参保身份", "无参保身份是咋回事", "户籍性质为空是怎么回事", "谁来注册单位账号"]
)
def test_colloquial_question_words_are_cut_like_the_standard_ones(query):
    kept = "".join(unit for run in question_runs(query) for unit in run)
    assert not [word for word in ("为啥", "啥", "回事", "谁") if word in kept], kept


@pytest.mark.parametrize(
    "query",
    [
        "退休手续怎么办",
        "社保卡丢了",
        "昨天社保卡丢了",
        "公积金怎么提取",
        "单位账号密码忘了",
        "养老金怎么计算",
        "医保报销",
        "个税申报",
    ],
)
def test_neighbouring_topics_are_not_in_the_faq_and_get_the_way_out(bundled_index, bundled_catalog, query):
    findings = bundled_index.find(query, top=3)
    assert not findings.answered, findings.hits[:1]
    assert findings.escalation is not None and findings.escalation.answer == bundled_catalog.way_out.answer
    assert findings.escalation.faq is None and findings.escalation.fits


def test_an_answered_query_offers_no_way_out(bundled_index):
    findings = bundled_index.find("户籍性质为空")
    assert findings.answered and findings.escalation is None
    assert findings.fitting == [hit for hit in findings.hits if hit.fits]


def test_an_empty_query_finds_nothing_and_offers_nothing(bundled_index):
    findings = bundled_index.find("   ")
    assert findings.hits == [] and findings.escalation is None


def test_coverage_of_every_answer_at_once_equals_share_one_by_one(bundled_index):
    """The array form must agree with :func:`share` against each answer's own terms."""
    from wizard.engine.terms import query_runs

    own: list[set[str]] = [set() for _ in range(len(bundled_index))]
    for term, numbers in bundled_index._fields.explains.items():
        for number in numbers:
            own[int(number)].add(term)
    for query in ["户籍性质为空", "员工走了社保怎么停", "社保卡12333", "11日以后入职", "zzzz", "花名册 打印"]:
        units = prepare(query_runs(query, bundled_index._synonyms), bundled_index._unit_weight)
        assert list(bundled_index._fields.coverage(units)) == pytest.approx([share(units, terms) for terms in own]), (
            query
        )


# Long questions ----------------------------------------------------------------------------


def test_floors_hold_for_short_queries_and_fall_with_length_past_the_long_mark():
    from wizard.engine import search

    short = search.floors(search.LONG_QUERY_UNITS)
    assert short == (search.MIN_SCORE, search.MIN_COVERAGE)
    assert search.floors(1) == short
    longer = [search.floors(units) for units in range(search.LONG_QUERY_UNITS + 1, search.FALL_ENDS + 1)]
    assert all(a[0] > b[0] and a[1] > b[1] for a, b in zip([short, *longer], longer, strict=False))
    ratio = search.LONG_QUERY_UNITS / search.FALL_ENDS
    lowest = (search.MIN_SCORE * ratio**search.SCORE_FALL, search.MIN_COVERAGE * ratio**search.COVERAGE_FALL)
    assert longer[-1] == pytest.approx(lowest)
    assert search.floors(search.FALL_ENDS + 1) == search.floors(10_000) == longer[-1]


LONG_SITUATION = "仓库的小工干了两个月说不干了，人已经走了，他的社保在网上要怎么给他停掉才对"


def test_a_long_situational_question_is_answered_though_it_scores_under_the_short_floors(bundled_index, monkeypatch):
    """A clerk typing the whole situation dilutes every measure; judged like a short query it would be "not found"."""
    from wizard.engine import search

    findings = bundled_index.find(LONG_SITUATION, top=3)
    assert findings.answered and findings.hits[0].answer == "enrol-and-stop-registration", findings.hits[:1]
    first = findings.hits[0]
    assert first.score < search.MIN_SCORE or first.coverage < search.MIN_COVERAGE, first
    monkeypatch.setattr(search, "LONG_QUERY_UNITS", 10**6)
    assert not bundled_index.find(LONG_SITUATION, top=3).answered


@pytest.mark.parametrize(
    "query",
    [
        "员工下个月就要退休了，退休手续和养老金领取要去哪里办，单位需要准备什么材料",
        "我们单位有个老师傅生病住院了，医保报销的单子要去哪里交，单位能不能帮他在网上办",
    ],
)
def test_a_long_question_about_a_neighbouring_topic_still_gets_the_way_out(bundled_index, query):
    findings = bundled_index.find(query, top=3)
    assert not findings.answered and findings.escalation is not None, findings.hits[:1]
