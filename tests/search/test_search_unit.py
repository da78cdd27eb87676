"""Normalisation, n-gram terms, snippets and ranking on small inline catalogs."""

from __future__ import annotations

import re

import pytest

from wizard.content.catalog import load_catalog
from wizard.engine.render import plain_text
from wizard.engine.search import SearchIndex
from wizard.engine.snippets import make_snippet, match_spans
from wizard.engine.terms import normalize, query_terms, terms

ANSWERS = """\
answers:
  hukou:
    faq: 13
    title: 报错「户籍性质为空」
    body: |
      员工「户籍性质」需员工自行维护。
    keywords: [户籍性质为空]
  roster:
    faq: 3
    title: 打印人员花名册
    body: |
      进入「单位中心 › 单位权益单」，选择时间区间即可打印**花名册**。
    menu:
      - [单位中心, 单位权益单]
  counter:
    kind: escalation
    title: 请拨打12333
    body: 拨打 12333 咨询。
"""

TREE = """\
id: t
title: 报错处理
summary: 参保登记时系统报错
start: which
nodes:
  which:
    question: 系统提示的是哪条报错？
    options:
      - label: 户籍性质为空
        answer: hukou
      - label: 想打印名单
        next: print
      - label: 其他
        answer: counter
  print:
    question: 打印哪一种名单？
    options:
      - label: 全部员工名单
        answer: roster
"""


@pytest.fixture
def index(write_files) -> SearchIndex:
    catalog = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=TREE)]).catalog
    assert catalog is not None
    return SearchIndex.build(catalog)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“户籍性质为空”", "户籍性质为空"),
        ("  户籍 性质\t为空。\n", "户籍性质为空"),
        ("ＡＰＰ注册１２３", "app注册123"),  # full-width letters and digits fold (NFKC)
        ("「根据身份证号码找到多条人员信息，无法办理此业务」", "根据身份证号码找到多条人员信息无法办理此业务"),
        ("Excel 格式!", "excel格式"),
        ("", ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_terms_are_unigrams_and_bigrams_of_units_not_across_punctuation():
    bag = terms("11日，APP")
    assert bag == {"111": 1, "1日": 1, "211日": 1, "1app": 1}


def test_plain_text_drops_markdown_markers():
    text = plain_text("**注意**：仅限 `本期`。\n\n> 引用的话\n- [链接](http://x)\n- &lt;b&gt;\n")
    assert text == "注意：仅限 本期。\n\n引用的话\n\n• 链接 (http://x)\n• <b>"


def test_error_text_ranks_its_answer_first(index):
    assert index.search("户籍性质为空")[0].answer == "hukou"


def test_a_typo_still_finds_the_answer(index):
    assert index.search("户籍性质为控")[0].answer == "hukou"


def test_labels_and_questions_on_the_way_are_searched(index):
    # "全部员工名单" appears only in the tree label, "名单" only in labels and questions.
    assert index.search("全部员工名单")[0].answer == "roster"


def test_menu_steps_are_searched(index):
    assert index.search("单位权益单")[0].answer == "roster"


def test_digits_are_one_unit(index):
    assert index.search("12333")[0].answer == "counter"
    assert index.search("123") == []  # a part of a number is not that number


def test_question_words_around_the_phrase_do_not_change_the_winner(index):
    plain = index.search("户籍性质为空")[0]
    wrapped = index.search("请问户籍性质为空怎么办？")[0]
    assert wrapped.answer == plain.answer
    assert wrapped.score == pytest.approx(plain.score, abs=0.05)


def test_scores_are_normalised_between_zero_and_one(index):
    for query in ["户籍性质为空", "打印", "12333", "完全无关的话"]:
        for hit in index.search(query):
            assert 0 < hit.score <= 1


def test_unrelated_text_does_not_fit(index):
    # "报" alone matches "报错": a live search may show it, but it is no answer.
    assert not any(hit.fits for hit in index.search("天气预报"))
    assert index.search("hello world") == []


def test_snippet_highlights_the_match():
    text = "甲" * 100 + "户籍性质为空" + "乙" * 100
    snippet, spans = make_snippet(text, "户籍性质", width=30)
    assert len(snippet) <= 32
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in spans] == ["户籍性质"]


def test_a_snippet_starts_where_a_phrase_starts_not_mid_word():
    text = "甲" * 80 + "。在网办大厅依次点击「单位办事 › 社会保险 › 人员基础信息采集」中采集员工基础信息。" + "乙" * 80
    snippet, spans = make_snippet(text, "人员基础信息采集", width=40)
    assert snippet.startswith(("…「单位办事", "…在网办大厅")), snippet
    assert "人员基础信息采集" in [snippet[s:e] for s, e in spans]


@pytest.mark.parametrize("query", ["", "采集"])
def test_a_snippet_never_ends_in_a_list_marker_or_an_opening_bracket(query):
    """An excerpt cut right after an item's number or a 「 left it dangling before the '…'."""
    numbered = "需采集员工基础信息。 1. 批量采集需下载模板； 2. 上传模板后，可在「人员错误信息」中查看报错原因。" * 3
    for width in range(20, 60):
        snippet, spans = make_snippet(numbered, query, width=width)
        assert snippet.endswith("…")
        assert not re.search(r"(\s\d\.|「|\s)…$", snippet), (width, snippet)
        assert all(0 <= start < end <= len(snippet) for start, end in spans)


def test_match_spans_follow_the_original_text_through_punctuation():
    text = "在「人员变更回退」中撤销"
    assert [text[s:e] for s, e in match_spans(text, "“人员变更回退”")] == ["人员变更回退"]
    assert match_spans(text, "") == []


def test_array_scores_equal_a_sum_over_every_posting():
    """The whole-array BM25F sums must equal adding each answer's contribution term by term,
    on a generated catalog big enough that common bigrams occur in hundreds of answers (and the
    commonest terms are kept as dense arrays)."""
    import random
    import sys
    from collections import defaultdict

    from tests.conftest import BUNDLED_TREES, REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from search_speed import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    seed = load_catalog([BUNDLED_TREES]).catalog
    assert seed is not None
    rng = random.Random(1)
    catalog = generate(seed, 400, rng)
    index = SearchIndex.build(catalog)
    bodies = [answer.body for answer in catalog.answers.values()]
    queries = ["户籍性质为空", "未获取到人员信息", "工地", "人", "单位办事社会保险", "12333 窗口"]
    queries += [body[start : start + 8] for body in rng.sample(bodies, 30) for start in (0, 10)]
    for query in queries:
        bag = query_terms(query)
        expected: dict[int, float] = defaultdict(float)
        for term in set(bag):
            for number, value in index._fields.contributions(term).items():
                expected[number] += value
        scores = index._fields.accumulate(bag)
        assert len(scores) == len(catalog.answers)
        assert index._fields.dense and index._fields.postings
        assert {number: float(scores[number]) for number in range(len(scores)) if scores[number]} == pytest.approx(
            dict(expected)
        ), query
        assert index.search(query, top=5), query


def test_a_keyword_found_whole_in_the_query_raises_its_answer(monkeypatch):
    from wizard.content.model import Answer, Catalog
    from wizard.engine import search

    catalog = Catalog(
        trees={},
        answers={
            "paid": Answer(title="新增员工原单位已缴费，会重复缴费吗？", body="新增员工如原单位当月已为其缴费……"),
            "enrol": Answer(title="如何办理参保登记？", body="登录网办大厅办理。", keywords=["参保登记", "增员"]),
        },
    )
    index = SearchIndex.build(catalog)
    assert index.phrase_matches("怎么增员") == {1: 1.0}
    assert index.phrase_matches("增员报错") == {1: 0.5}
    with_bonus = {hit.answer: hit.score for hit in index.search("怎么增员")}
    monkeypatch.setattr(search, "PHRASE_BONUS", 0.0)
    without = {hit.answer: hit.score for hit in index.search("怎么增员")}
    assert with_bonus["enrol"] > without["enrol"] and with_bonus["paid"] == without["paid"]
    assert all(0 < score < 1 for score in with_bonus.values())


def test_a_similar_question_written_in_traditional_characters_explains_a_simplified_query(write_files):
    """相似问 are clerks' words and may be traditional; queries are read as simplified, so must they be."""
    with_similar = ANSWERS.replace(
        "    keywords: [户籍性质为空]\n", "    keywords: [户籍性质为空]\n    similar: [員工戶籍資料欄位沒填寫]\n"
    )
    catalog = load_catalog([write_files(answers__yaml=with_similar, t__yaml=TREE)]).catalog
    assert catalog is not None
    first = SearchIndex.build(catalog).search("员工户籍资料栏位没填写")[0]
    assert first.answer == "hukou"
    assert first.coverage == 1.0 and first.fits, first
