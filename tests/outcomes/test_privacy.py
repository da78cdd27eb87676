"""Nothing that could identify an employee reaches a log: the masking of queries and comments."""

from __future__ import annotations

import pytest

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog
from wizard.engine.privacy import mask, without_personal_data


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("户籍性质为空 身份证320586199001011234", "户籍性质为空 [身份证号]"),
        ("身份证号：32058619900101123X 未获取到人员信息", "[身份证号] 未获取到人员信息"),
        ("老身份证320586900101123", "老[身份证号]"),  # 15 digits
        ("员工张三的手机13912345678打不通", "员工[姓名]的[手机号]打不通"),
        ("单位电话0512-68881234", "单位[电话]"),
        ("发到hr.li@example.com", "发到[邮箱]"),
        ("社保编号 12345678", "社保编号 [数字]"),
        ("姓名：李四 报错", "[姓名] 报错"),  # the label goes with the name
        ("姓名：王建国 身份证号：320102198805061234", "[姓名] [身份证号]"),
        ("员工周杰伦手机", "员工[姓名]手机"),  # after 员工 a surname starts a name, whatever follows
        ("员工王小明报错户籍性质为空", "员工[姓名]报错户籍性质为空"),
        ("员工李娜户籍性质为空", "员工[姓名]户籍性质为空"),
        ("员工王芳结算单", "员工[姓名]结算单"),
        ("职工王小明（男）户籍为空", "职工[姓名]（男）户籍为空"),
        ("经办人张伟说户籍为空", "经办人[姓名]说户籍为空"),  # up to the first place a name can end
        ("新员工王芳户籍性质为空", "新员工[姓名]户籍性质为空"),
        ("户籍性质为空（员工：吴磊）", "户籍性质为空（员工[姓名]）"),
        ("张伟户籍性质为空", "[姓名]户籍性质为空"),  # a name opening what the clerk says about the person
        ("王小明报错了", "[姓名]报错了"),
        ("小王离职了怎么停保", "[姓名]离职了怎么停保"),
        ("查下小王上个月社保扣了多少", "查下[姓名]上个月社保扣了多少"),  # a nickname mid-sentence
        ("领导让我给小李停保，我点成了老张", "领导让我给[姓名]停保，我点成了[姓名]"),
        ("张三的户籍性质为空", "[姓名]的户籍性质为空"),  # a name that owns what follows
        ("第2步就报错了，李四的身份证号320102199001011234", "第2步就报错了，[姓名]的[身份证号]"),
        ("给张三停保", "给[姓名]停保"),  # after a verb that takes a person
        ("帮王小明加保", "帮[姓名]加保"),
        ("查下小王电话13912345678", "查下[姓名][手机号]"),  # the label is not part of the name
        ("户籍性质为空 张三", "户籍性质为空 [姓名]"),  # a name standing on its own beside the error
        ("张伟 户籍性质为空", "[姓名] 户籍性质为空"),
        ("欧阳娜娜 反馈", "[姓名] 反馈"),
        ("张三停保", "[姓名]停保"),  # a name opening a sentence with what the person did
        ("刘德华入职", "[姓名]入职"),
        ("张三说好用", "[姓名]说好用"),
        ("谢谢王芳", "谢谢[姓名]"),
        ("已经给张三办了", "已经给[姓名]办了"),
        ("上个月张三离职了", "上个月[姓名]离职了"),  # what happened to the person at work
        ("员工叫王小明，已经走了", "员工叫[姓名]，已经走了"),  # Chinese punctuation stays as typed
        ("１３９１２３４５６７８", "[手机号]"),  # full-width digits, as a Chinese IME types them
        ("张三 320586199001011234 13912345678 已办好", "[姓名] [身份证号] [手机号] 已办好"),  # no mark: the number
        ("联系人王小明，13912345678", "联系人[姓名]，[手机号]"),
        ("员工电话138-1234-5678打不通", "员工[手机号]打不通"),  # written in groups, as people read numbers out
        ("手机 138 1234 5678", "[手机号]"),
        ("+86 138 1234 5678", "[手机号]"),
        ("身份证3201 0219 9001 0112 34加不上", "[身份证号]加不上"),
        ("身份证号码：320102-19900101-1234", "[身份证号]"),
        ("张三身份证号320586199001011234加不上", "[姓名][身份证号]加不上"),  # the name before the label
        ("王小明手机：13912345678", "[姓名][手机号]"),
        ("员工欧阳娜娜离职了", "员工[姓名]离职了"),  # a compound surname
        ("司马光 13912345678", "[姓名] [手机号]"),
        ("员工叫康小军", "员工叫[姓名]"),
        ("员工张三离职了", "员工[姓名]离职了"),  # the name, then the verb of the sentence
        ("工资卡 6222 0212 3456 7890 123", "工资卡 [数字]"),  # a bank card read out in groups
        ("单位电话 025 8888 6666", "单位[电话]"),
        ("(025) 8888-6666", "[电话]"),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "12333",
        "11号入职",
        "第13条",
        "员工走了社保怎么停",
        "小于6个月",
        "老单位没停保",
        "2024年1月",
        "工地加人",
        "周一 12333",
        "员工白天在别家上班",  # 白 is a surname, 白天 is not a name
        "员工周末来加班",
        "员工何时入职",
        "2024-01-15入职",  # a date is not a grouped number
        "E10023",
        "员工在小程序里填户籍",  # 程 is a surname, 小程序 is not a nickname
        "养老金怎么算",
        "養老金怎麼算",
        "我们是个小施工队",
        "我是小白，第一次办",
        "把钱退回",  # 钱 is a surname, 把钱 is not a person
        "折腾了一下午还是白搭",
        "曾员的名单在哪打",  # 增员 as a pinyin keyboard may spell it
        "江苏的社保",
        "给单位加人",
        "谢谢",
        "苏州 社保怎么交",  # 苏 is a surname, 苏州 a place
        "张家港 工地加人",
        "高温 补贴",
        "高管离职社保怎么停",
        "工程项目增员",
        "员工向单位提出辞职",  # 向, 施, 康 and 付 are surnames too
        "员工施工时受伤",
        "员工康复后返岗",
        "员工付费的部分",
        "江西户籍的员工",  # 江 and 金 are surnames too
        "金保工程报错",
        "钟点工同时给三四家做事",
        "武汉户籍性质为空",  # QA round 10: each began with a surname and read as a name
        "白班员工参保",
        "周转工参保",
        "林业工人参保",
        "雷同信息",
    ],
)
def test_ordinary_clerk_wording_is_kept(text):
    assert mask(text) == text


def test_no_similar_question_without_a_number_is_masked():
    """Clerks' own wordings (every 相似问 of the bundled answers) hold no personal data but the
    nicknames some of them use: a surname character starting an everyday word (员工白天…, 员工何时…,
    小程序) must not be taken for a name."""
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    wordings = [q for answer in catalog.answers.values() for q in (answer.title, *answer.similar)]
    assert len(wordings) > 500
    changed = {q: mask(q) for q in wordings if not any(c.isdigit() for c in q) and mask(q) != q}
    assert changed == {q: _named(q) for q in wordings if any(name in q for name in NICKNAMES)}


NICKNAMES = ("小王", "小李", "小张")
"""The employees some bundled 相似问 name, as clerks do ("查下小王上个月社保扣了多少")."""


def _named(wording: str) -> str:
    for name in NICKNAMES:
        wording = wording.replace(name, "[姓名]")
    return wording


def test_no_digit_run_of_six_or_more_survives_masking():
    for text in ["a1234567b", "320586199001011234", "0512 68881234", "1391234567812345"]:
        masked = mask(text)
        assert not any(masked[i : i + 6].isdigit() for i in range(len(masked))), masked


def test_what_may_be_a_name_or_a_word_is_masked_in_the_log_but_searched():
    """QA round 10: 员工孙子出生 was blanked to 员工 生 for search, which then answered it with FAQ 7."""
    assert mask("员工孙子出生") == "员工[姓名]生"
    assert without_personal_data("员工孙子出生") == "员工孙子出生"
    assert without_personal_data("员工周杰伦手机") == "员工 手机"  # a name ends before 手机: surely a name


def test_search_ignores_personal_data_pasted_with_the_error():
    assert without_personal_data("户籍性质为空 身份证320586199001011234").strip() == "户籍性质为空"
    assert "13912345678" not in without_personal_data("手机13912345678 未获取到人员信息")
