"""Masking what could identify a person before free text is written anywhere.

Outcome logs keep content ids and labels, and two kinds of free text: search
queries and feedback comments. Both pass through :func:`mask` first, so an
ID-card number pasted with an error message, a phone number, an e-mail
address, a bank-card or landline number, any run of six or more digits, or a
name the text marks as one ("员工张三", "姓名：李四", "小王", "张三 320102…")
never reaches a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
    "付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "施洪康傅葛鲍柴翟乔伍庞颜倪殷聂祝欧凌盛祁牛艾苗柏甘柳岳裴邢骆耿温"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "端木")
_NOT_NAMES = (
    *("白天", "周末", "周[一二三四五六日天]", "江苏", "金额", "方便", "方式", "方法", "任何", "高新", "马上"),
    *("何时", "陆续", "曾经", "万一", "于是", "全部", "钱数", "钱[退款交扣打转还返都没也多少]", "白[搭交扣费忙]"),
    "曾员",  # 增员 as a pinyin keyboard may spell it
    *("谢谢", "程序", "程项", "许可", "许多", "毛病", "高温", "高管", "高龄", "方案", "方面", "黄色", "白色"),
    *("付[款费]", "向", "施工", "康复", "凌晨", "夏天", "范围", "严重", "余额", "任职"),
    *("江西", "甘肃", "金保", "钟点", "高手"),  # 江西户籍, 金保工程, 钟点工
    *("武汉", "郑州", "沈阳", "石家庄", "温州", "金华", "马鞍山"),  # 武汉户籍: places a clerk's staff come from
    "周转",  # 周转工
    *("苏州", "徐州", "张家港", "吴江", "吴中", "高邮", "高淳", "高港", "金坛", "金湖", "武进", "江阴", "江宁"),
    *("江都", "秦淮", "梁溪", "钟楼", "贾汪", "姜堰", "洪泽"),  # places in Jiangsu that begin with a surname
)
"""Everyday words and Jiangsu places that begin with a surname ("员工白天在别家上班", "苏州 社保"): never a name."""
_NOT_NICKNAMES = ("小程序", "小施工", "小白", "小康", "小金额", "小方法", "老毛病", "老方法", "老方式", "老顾客")
"""Everyday words that look like a nickname (小 or 老 and a surname, as 小王, 老张): never a name; nor is
老金 in 养老金. 于 is left out of the surnames for nicknames (小于 is "less than")."""
_SURNAME = rf"(?!{'|'.join(_NOT_NAMES)})(?:{'|'.join(_COMPOUND_SURNAMES)}|[{_SURNAMES}])"
_ID_LABEL = r"(?:(?:身份证|证件)(?:号码|号)?[：:\s]*)?"
_PHONE_LABEL = r"(?:(?:手机|电话|联系电话|联系方式)(?:号码|号)?[：:\s]*)?"
"""The label pasted with a number goes with it: 身份证号 says nothing once the number is gone."""
_SURELY_NEXT = "户参报社手身"
"""The first character of what surely follows a name, even with nothing before it to say a name comes:
户籍, 参保, 报错, 社保, 手机, 身份证."""
_NEXT_WORD = f"[{_SURELY_NEXT}花结缴注灵工增信未]"
"""The first character of what a clerk says next about a person (also 花名册, 工伤, 信息, 未获取…)."""
_PUNCTUATION = r"[\s，。,.；;：:！!？?（(【）)】\[]"
_AFTER_NAME = rf"$|{_PUNCTUATION}|[的在从是已还要]|[离入辞退加减停没不办说交扣补改填撤打看]|{_NEXT_WORD}"
"""What may follow a name: punctuation, a particle, the verb of a clerk's sentence (员工张三离职了), or
what the clerk says next about the person."""
_NAME_CHAR = r"(?:(?![的在从是已还要了])[\u4e00-\u9fff])"


def _after_any(marks: str) -> str:
    """A lookbehind for any of the space-separated ``marks``: the mark is kept, only the name is personal."""
    return "|".join(f"(?<={mark})" for mark in marks.split())


_NAME_MARK = _after_any("是 给 帮 让 替 把 和 跟 被 问 找 谢谢 感谢 告诉 通知 联系")
"""Words that may take a person (给张三停保, 帮李四加保). A surname after them is a name only where a name
can end (:data:`_AFTER_NAME`): 把钱退回 is not 把 + a person."""
_PERSON_MARK = _after_any("员工 职工 经办人 联系人 同事 叫")
"""Words after which a surname starts a name whatever follows (员工周杰伦手机, 员工王小明报错)."""
_LABEL = "(?:姓名|名字)[：:\\s]*"
"""A name's label goes with it: 姓名 says nothing once the name is gone."""
_ENDED_NAME = rf"{_SURNAME}{_NAME_CHAR}{{1,2}}?(?={_AFTER_NAME})"
"""A name after a mark, up to the first place a name can end (员工张三离职了, 经办人张伟说…)."""
_UNENDED_NAME = rf"{_SURNAME}{_NAME_CHAR}{{1,2}}"
"""A surname and what follows after a mark where no name can end: a name, or a word (员工孙子出生)."""
_SENTENCE_START = r"(?:^|(?<=[\s，。,.；;：:！!？?、]))"
_OPENING = rf"{_SENTENCE_START}{_SURNAME}{_NAME_CHAR}{{1,2}}(?=的|[离入辞退加减停说]|[{_SURELY_NEXT}])"
"""A name that opens a sentence with what is theirs, what the person did or what the clerk says about them:
张三的户籍性质为空, 李四的花名册, 张三停保, 刘德华入职, 张三说好用, 张伟户籍性质为空, 王小明报错了. With nothing
before it to say a name comes, fewer words end one than after 员工 (白班员工, 林业工人, 雷同信息 are no names)."""
_JOINED_OR_LEFT = rf"{_SURNAME}{_NAME_CHAR}{{1,2}}(?=离职|入职|辞职|辞退|停保|加保|减员|增员)"
"""A name anywhere before what happened to the person at work: 上个月张三离职了."""
_SENTENCE_END = r"(?=$|[\s，。,.；;：:！!？?、])"
_ALONE = rf"{_SENTENCE_START}{_SURNAME}[\u4e00-\u9fff]{{1,2}}{_SENTENCE_END}"
"""A name standing on its own, added to an error message or a comment: 户籍性质为空 张三, 结算单 王芳."""
_GAP = r"[\s-]?"
_ID_CARD = rf"(?<![0-9])[1-9](?:{_GAP}[0-9]){{16}}{_GAP}[0-9Xx](?![0-9])"
_OLD_ID_CARD = rf"(?<![0-9])[1-9](?:{_GAP}[0-9]){{14}}(?![0-9])"
_MOBILE = rf"(?<![0-9])(?:\+?86{_GAP})?1[3-9](?:{_GAP}[0-9]){{9}}(?![0-9])"
"""ID-card (18 or 15 digits) and mobile numbers as clerks write them: in one run, or in groups split by
a space or a dash (138 1234 5678, +86 138-1234-5678, 320102-19900101-1234)."""
_PERSONAL_NUMBER = f"(?:{_ID_LABEL}{_ID_CARD}|{_ID_LABEL}{_OLD_ID_CARD}|{_PHONE_LABEL}{_MOBILE})"
"""An ID-card or mobile number, labelled or not: a name written just before one is that person's
("张三 3201…", "张三身份证号3201…")."""
_LANDLINE = r"(?<![0-9])(?<![0-9][\s-])[(（]?0[0-9]{2,3}[)）]?[\s-]?[0-9]{3,4}[\s-]?[0-9]{4}(?![\s-]?[0-9])"
"""A landline with its area code, as written or read out (0512-68881234, (025) 8888-6666), not a part of a
longer run of groups (a bank card)."""
_GROUPED_NUMBER = r"(?<![0-9])(?=(?:[0-9][\s-]?){7})[0-9]{3,}(?:[\s-][0-9]{3,})+(?![0-9])"
"""Seven or more digits written in groups of three or more (a bank card read out, 6222 0212 3456 7890);
a date (2024-01-15) has groups of two."""
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_LABEL}{_ENDED_NAME}"), "姓名"),
    (
        re.compile(rf"(?:[小老]{_SURNAME}|{_SURNAME}{_NAME_CHAR}{{1,2}})(?=[\s：:，,（(]*{_PERSONAL_NUMBER})"),
        "姓名",
    ),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"), "邮箱"),
    (re.compile(_ID_LABEL + _ID_CARD), "身份证号"),
    (re.compile(_ID_LABEL + _OLD_ID_CARD), "身份证号"),
    (re.compile(_PHONE_LABEL + _MOBILE), "手机号"),
    (re.compile(_PHONE_LABEL + _LANDLINE), "电话"),
    (re.compile(_GROUPED_NUMBER), "数字"),
    (re.compile(r"[0-9]{6,}"), "数字"),
    (re.compile(rf"(?:{_PERSON_MARK})[：:\s]*{_ENDED_NAME}"), "姓名"),
    (re.compile(rf"(?:{_NAME_MARK})[：:\s]*{_ENDED_NAME}"), "姓名"),
    (re.compile(_OPENING), "姓名"),
    (re.compile(_JOINED_OR_LEFT), "姓名"),
    (re.compile(_ALONE), "姓名"),
    (re.compile(rf"(?<![养養])(?!{'|'.join(_NOT_NICKNAMES)})[小老][{_SURNAMES.replace('于', '')}]"), "姓名"),  # 小王
)
"""What identifies a person, and the placeholder each becomes in a log."""
_UNSURE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_LABEL}{_UNENDED_NAME}"), "姓名"),
    (re.compile(rf"(?:{_PERSON_MARK})[：:\s]*{_UNENDED_NAME}"), "姓名"),
)
"""What may be a name or a word (员工周杰伦X, 员工孙子出生): masked in a log, where a word too many is harmless,
but left for search, where blanking a word turned 员工孙子出生 into a confident answer about 员工."""


_HALF_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
    | {"＠": "@", "．": ".", "－": "-", "＿": "_", "＋": "+", "％": "%"}
)
"""Full-width digits and letters (a Chinese IME types them) as ASCII; Chinese punctuation stays as typed."""


def _scrub(text: str, patterns: tuple[tuple[re.Pattern[str], str], ...], replacement: Callable[[str], str]) -> str:
    scrubbed = text.translate(_HALF_WIDTH)
    for pattern, label in patterns:
        scrubbed = pattern.sub(replacement(label), scrubbed)
    return scrubbed


def mask(text: str) -> str:
    """``text`` with ID-card, phone and other long numbers, e-mail addresses and marked names replaced."""
    return _scrub(text, (*_PATTERNS, *_UNSURE), lambda label: f"[{label}]")


def without_personal_data(text: str) -> str:
    """``text`` with what :func:`mask` replaces for certain blanked out: what a search should not try to
    match (an ID-card number pasted with the error message says nothing about which answer fits)."""
    return _scrub(text, _PATTERNS, lambda label: " ")
