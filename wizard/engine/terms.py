"""Text as search reads it: folded to one spelling, cut into character n-grams.

Chinese has no spaces, clerks paste partial error text ("户籍性质"), and a
word segmenter (jieba) would cut domain terms differently in the query and in
the content, costs about a second to load its dictionary, and segments a
typo'd word into junk. Character bigrams need no dictionary, match any
substring of two characters or more, and one wrong character only loses the
two bigrams around it, so the rest of the phrase still matches.

Before cutting, a text is *folded*: NFKC and lower case (full-width ＡＰＰ is
app), traditional characters to simplified ones (員工離職 is 员工离职), and
every word of ``synonyms.yaml`` to its FAQ term (走了 is 离职, 加保 is
参保登记). Queries and answers are folded alike, so a clerk's word meets the
FAQ's word.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from wizard.engine.hanzi import to_simplified

# Question words a clerk wraps around the real phrase ("怎么", "能不能", "吗").
# They are cut from queries only (never from the content), so they neither
# match stray answers nor count as words the content fails to explain.
QUERY_FILLER = (
    "怎么办",
    "怎么样",
    "怎么",
    "怎样",
    "咋办",
    "咋",
    "如何",
    "为什么",
    "为啥",
    "怎么回事",
    "咋回事",
    "啥",
    "谁",
    "什么",
    "哪里",
    "哪些",
    "哪儿",
    "在哪",
    "能不能",
    "可不可以",
    "可以",
    "是不是",
    "还是",
    "请问",
    "问一下",
    "想问",
    "一下",
    "我想",
    "我们",
    "您好",
    "你好",
    "谢谢",
    "急",
)
# Particles inside a phrase ("过了结算期", "员工的社保"): cut out and the phrase
# closed up, so "过了结算期" meets "已过结算期" through the bigram 过结.
QUERY_PARTICLES = ("吗", "呢", "吧", "啊", "呀", "了", "的")
# Words that carry little meaning in a clerk's question: generic verbs, pronouns,
# measure words, adverbs. Unlike the filler above they stay in the query (在 is
# part of 在职, 个 of 个人); they are only left out when search judges how much
# of a query the content explains, so "减员怎么操作" is as answered as "减员".
GENERIC_WORDS = (
    "提交不上去",
    "无法提交",
    "提交不了",
    "提交失败",
    "保存失败",
    "操作失败",
    "温馨提示",
    "错误信息",
    "错误码",
    "错误",
    "失败原因",
    "警告",
    "请联系管理员",
    "联系管理员",
    "管理员",
    "错误代码",
    "什么意思",
    "第一次",
    "需不需要",
    "要不要",
    "是什么",
    "操作",
    "办理",
    "处理",
    "需要",
    "应该",
    "能够",
    "已经",
    "现在",
    "刚刚",
    "一直",
    "时候",
    "之后",
    "以后",
    "之前",
    "步骤",
    "流程",
    "方法",
    "办法",
    "情况",
    "问题",
    "麻烦",
    "帮忙",
    "这个",
    "那个",
    "哪个",
    "一个",
    "这些",
    "那些",
    "没有",
    "不能",
    "不了",
    "是否",
    "或者",
    "还有",
    "入口",
    "找不到",
    "功能",
    "按钮",
    "页面",
    "界面",
    "菜单",
    "所有",
    "每个",
    "好几",
    "几个",
    "一份",
    "意思",
    "知道",
    "请教",
    "可能",
    "必须",
    "能否",
    "关于",
    "如果",
    "但是",
    "因为",
    "所以",
    "然后",
    "而且",
    "并且",
    "目前",
    "今天",
    "今年",
    "明年",
    "年底",
    "年末",
    "年终",
    "上半年",
    "下半年",
    "月初",
    "月末",
    "月底",
    "上周",
    "下周",
    "最近",
    "昨天",
    "前天",
    "刚才",
    "不小心",
    "帮我看下",
    "帮我",
    "这边",
    "那边",
    "想",
    "怎",
    "么",
    "弄",
    "搞",
    "整",
    "捣鼓",
    "鼓捣",
    "折腾",
    "做",
    "办",
    "要",
    "能",
    "会",
    "该",
    "还",
    "都",
    "也",
    "就",
    "又",
    "再",
    "这",
    "那",
    "哪",
    "他",
    "她",
    "它",
    "我",
    "你",
    "您",
    "们",
    "个",
    "些",
    "有",
    "是",
    "在",
    "给",
    "把",
    "被",
    "让",
    "和",
    "跟",
    "与",
    "及",
    "或",
    "对",
    "从",
    "到",
    "里",
    "去",
    "来",
    "下",
)
DIALOG_BUTTONS = frozenset({"确定", "取消", "关闭", "确认", "返回", "知道了", "我知道了", "ok"})
"""The buttons of the web hall's message dialogs, as copied with the message."""
_BETWEEN_WORDS = re.compile(r"([^\w]+)")
NOT_GENERIC = ("上个月", "下个月", "这个月", "每个月")
"""Words made of generic ones that say which month, and so which answer: a wrong entry of 上个月 is past its
settlement period (an escalation), one of 这个月 can still be undone."""
_GENERIC = re.compile(
    "|".join([f"(?P<kept>{'|'.join(NOT_GENERIC)})", *map(re.escape, sorted(GENERIC_WORDS, key=len, reverse=True))])
)
_FILLER = re.compile("|".join(map(re.escape, sorted(QUERY_FILLER, key=len, reverse=True))))
_PARTICLES = str.maketrans(dict.fromkeys(QUERY_PARTICLES))
_UNIT = re.compile(r"[a-z0-9]+|[^\W_]", re.UNICODE)
_SPLIT = re.compile(r"[^\w]|_")


def fold_case(text: str) -> str:
    """NFKC and lower case: full-width ＡＰＰ is app."""
    return unicodedata.normalize("NFKC", text).lower()


def fold_query(query: str) -> str:
    """:func:`fold_case` and simplified characters (the content is written in simplified characters)."""
    return to_simplified(fold_case(query))


def normalize(text: str) -> str:
    """:func:`fold_case`, then only letters and digits (no punctuation, quotes or spaces)."""
    return "".join(ch for ch in fold_case(text) if ch.isalnum())


def strip_filler(text: str) -> str:
    """A query without the question words around its real phrase (each becomes a break) and its particles."""
    return _FILLER.sub(" ", text).translate(_PARTICLES)


class Synonyms:
    """Folds each word of a synonym group to the group's term (longest word first, left to right)."""

    def __init__(self, groups: Iterable[tuple[str, Iterable[str]]]):
        self._term: dict[str, str] = {}
        for term, same in groups:
            folded = normalize(term)
            for word in (term, *same):
                key = normalize(word)
                if key and folded:
                    self._term.setdefault(key, folded)
        words = sorted(self._term, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def words(self) -> list[str]:
        """Every word and term, folded (as search reads them)."""
        return list(self._term)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def fold(self, text: str) -> str:
        """``text`` (already case-folded) with every synonym replaced by its term.

        Folding runs again on its own result (twice at most), so a word made of
        a synonym meets its group: 两家公司 → 两家单位 → 多重劳动关系.
        """
        if self._pattern is None:
            return text
        for _ in range(FOLD_PASSES):
            folded = self._pattern.sub(lambda match: self._term[match.group()], text)
            if folded == text:
                break
            text = folded
        return text


NO_SYNONYMS = Synonyms(())
FOLD_PASSES = 2


def units(text: str) -> list[list[str]]:
    """The text as runs of units (a CJK character or an ASCII word), split at punctuation and spaces.

    ``text`` must already be folded (:func:`fold_case`).
    """
    runs = (_UNIT.findall(chunk) for chunk in _SPLIT.split(text) if chunk)
    return [run for run in runs if run]


def terms(text: str, synonyms: Synonyms = NO_SYNONYMS) -> Counter[str]:
    """Bag of index terms: unigrams (prefixed '1') and bigrams (prefixed '2') of units."""
    return Counter(grams(units(synonyms.fold(fold_case(text)))))


def grams(runs: list[list[str]]) -> list[str]:
    """The unigrams and bigrams of runs of units; a bigram never spans two runs."""
    found: list[str] = []
    for run in runs:
        found += ["1" + unit for unit in run]
        found += ["2" + first + second for first, second in itertools.pairwise(run)]
    return found


def question_runs(question: str, synonyms: Synonyms = NO_SYNONYMS) -> list[list[str]]:
    """The runs of a question written in the content, folded, with the question words around it cut out."""
    return units(strip_filler(synonyms.fold(fold_case(question))))


def query_runs(query: str, synonyms: Synonyms = NO_SYNONYMS) -> list[list[str]]:
    """The runs of a clerk's query: as :func:`question_runs`, in simplified characters, and without
    the buttons of an error dialog copied along with its message."""
    return question_runs(without_buttons(to_simplified(query)), synonyms)


def without_buttons(query: str) -> str:
    """``query`` without a word standing on its own that is a dialog's button (户籍性质为空⏎确定): the whole
    dialog comes along when a clerk copies its message. A query of buttons only is kept as it is."""
    parts = _BETWEEN_WORDS.split(query)
    kept = ["" if fold_case(part) in DIALOG_BUTTONS else part for part in parts]
    return "".join(kept) if any(normalize(part) for part in kept) else query


def query_terms(query: str, synonyms: Synonyms = NO_SYNONYMS) -> Counter[str]:
    """The terms of a query, folded, with the question words around it cut out."""
    return Counter(grams(query_runs(query, synonyms)))


def generic_units(run: list[str]) -> list[bool]:
    """For each unit of a run, whether it belongs to one of :data:`GENERIC_WORDS`."""
    text = "".join(unit if len(unit) == 1 else "\0" for unit in run)
    generic = [False] * len(run)
    for match in _GENERIC.finditer(text):
        if match.group("kept") is None:
            for position in range(match.start(), match.end()):
                generic[position] = True
    return generic
