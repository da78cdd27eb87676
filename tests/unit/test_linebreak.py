"""Chinese line breaking (避头尾), as every screen and the line mode use it."""

from __future__ import annotations

import pytest

from wizard.engine.linebreak import break_lines, cell_width


def test_a_line_fits_in_its_width_and_breaks_between_chinese_characters() -> None:
    lines = break_lines("单位用户如何打印社保结算单", 10)
    assert lines == ["单位用户如", "何打印社保", "结算单"]
    assert all(cell_width(line) <= 10 for line in lines)


@pytest.mark.parametrize("width", range(8, 30))
def test_closing_punctuation_never_starts_a_line_nor_opening_punctuation_ends_one(width: int) -> None:
    text = "单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」该如何处理？常见问题第 13 条。"
    lines = break_lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，。、；：？！」』）" for line in lines[1:]), lines
    assert not any(line[-1] in "「『（" for line in lines), lines


@pytest.mark.parametrize("width", range(10, 30))
def test_a_number_set_off_by_spaces_stays_with_its_words(width: int) -> None:
    lines = break_lines("请看常见问题第 13 条和第 6 条的解答", width)
    assert not any(line.endswith(("第", "13", "6")) for line in lines[:-1]), lines
    assert not any(line.startswith(("13", "6", "条")) for line in lines), lines


@pytest.mark.parametrize("width", range(12, 40))
def test_a_click_path_breaks_before_a_step_never_inside_its_label(width: int) -> None:
    path = "我的 › 企业服务 › 我是法人 › 单位信息"
    lines = break_lines(path, width)
    labels = {"我的", "企业服务", "我是法人", "单位信息"}
    for line in lines:
        assert set(line.replace("›", " ").split()) <= labels, lines
    assert not any(line.endswith("›") for line in lines), lines


@pytest.mark.parametrize("width", range(12, 70))
def test_a_choice_joined_to_its_question_never_starts_a_line_with_its_separator(width: int) -> None:
    """The hand-off's 已选 line: the › parts a question from the choice made, not a click path's steps."""
    text = (
        "已选：这次要为员工办什么？ › 新员工入职，办参保登记；这位新员工现在是否还在其他单位上班？ › 否，只在本单位工作"
    )
    lines = break_lines(text, width, joins=True)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_width(line) <= width for line in lines)
    assert not any(line.startswith("›") or line.endswith("›") for line in lines), lines


def test_a_label_longer_than_the_line_is_still_cut_to_fit() -> None:
    lines = break_lines("单位办事 › 用人单位用工参保登记", 8)
    assert all(cell_width(line) <= 8 for line in lines) and "".join(lines).count("登记") == 1


@pytest.mark.parametrize("width", range(28, 50))  # from the width of the longest piece and its 。
def test_an_faq_reference_and_a_short_quoted_term_stay_whole(width: int) -> None:
    text = "员工在电脑端江苏人社网办大厅「单位登录」界面自助注册，详见常见问题第 14 条和「用人单位退工停保登记」。"
    lines = break_lines(text, width)
    joined = "\n".join(lines)
    for whole in ("「单位登录」", "常见问题第 14 条", "「用人单位退工停保登记」"):
        assert whole in joined, (whole, lines)
