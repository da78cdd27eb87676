"""Live search on the home screen and from anywhere with `/`."""

from __future__ import annotations

import asyncio
import re

import pytest
from textual import events
from textual.widgets import Input, OptionList

from tests.tui.conftest import MakeApp, burst, choose, screen_text, settled, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.prose import Stack, Wrapped
from wizard.tui.safe import highlight_pieces
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.screens.search import SearchScreen
from wizard.tui.widgets.search_results import HIGHLIGHT


def styled_text(prompt: Wrapped | Stack) -> list[str]:
    """The runs of ``prompt`` (a result's lines) that carry the highlight style."""
    items = prompt.items if isinstance(prompt, Stack) else [prompt]
    found: list[str] = []
    for item in items:
        if item is not None:
            run = "".join(char if style == HIGHLIGHT else "\0" for char, style in item.chars)
            found += [piece for piece in run.split("\0") if piece]
    return found


def test_highlight_spans_survive_control_characters() -> None:
    shown = Wrapped(highlight_pieces("报错\x1b「户籍性质为空」", [(4, 6)], HIGHLIGHT))
    assert shown.plain == "报错「户籍性质为空」"
    assert styled_text(shown) == ["户籍"]
    assert Wrapped(highlight_pieces("[b]户籍[/b]", [(3, 5), (4, 9)], HIGHLIGHT)).plain == "[b]户籍[/b]"


async def test_home_search_shows_live_results_and_opens_one(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input) and isinstance(app.screen, HomeScreen)
        await pilot.press(*"户籍")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.display and not app.screen.query_one("#tasks").display
        first = results.get_option_at_index(0)
        assert first.id == "sample-hukou-empty"
        assert isinstance(first.prompt, Stack) and "户籍" in styled_text(first.prompt)
        shown = screen_text(app)
        assert "报错「户籍性质为空」怎么办？" in shown and "常见问题第 13 条" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert app.session is not None and app.session.place.answer == "sample-hukou-empty"
        assert app.session.trail() == [("", "搜索：户籍")]
        assert "搜索：户籍" in screen_text(app)
        await pilot.press("escape")  # nothing before the search: back to the task list
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None


async def test_a_search_typed_before_the_index_is_ready_says_so_and_keeps_its_enter(
    sample: Catalog, make_app: MakeApp
) -> None:
    """QA round 9 (browser): typed as soon as the page showed, 搜索结果 stood empty for seconds, and the
    Enter pressed then was lost. The app builds the index after the first frame."""
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        index, home.search_index = home.search_index, None  # as on a page that has just shown
        await pilot.press("slash", *"户籍性质为空")
        await pilot.pause()
        assert "正在准备搜索" in squeeze(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home
        home.search_index = index
        await settled(pilot, lambda: isinstance(app.screen, AnswerScreen))
        assert app.session is not None and app.session.place.answer == "sample-hukou-empty"


async def test_home_search_arrow_into_results_and_escape_clears(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"人员")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 2
        await pilot.press("down")
        assert app.focused is results
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert app.session is not None
        assert app.session.place.answer == results.get_option_at_index(1).id
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("slash", "escape")
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        assert search.value == "" and app.screen.query_one("#tasks").display
        assert app.focused is app.screen.query_one("#tasks")


async def test_a_search_the_faq_does_not_cover_says_so_and_offers_the_way_out_with_the_query(
    sample: Catalog, make_app: MakeApp
) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "常见问题中没有与此相符的解答" in screen_text(app)
        results = app.screen.query_one("#results", OptionList)
        assert results.get_option_at_index(0).id == sample.way_out.answer  # the way to a person, first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert app.session is not None and app.session.place.answer == sample.way_out.answer
        assert "zzzz" in screen_text(app)  # carried into the hand-off


@pytest.mark.parametrize(("query", "topics"), [("退休", False), ("社保卡", True)])
async def test_close_topics_are_promised_only_when_there_are_some(
    bundled: Catalog, make_app: MakeApp, query: str, topics: bool
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *query)
        await pilot.pause()
        shown = squeeze(screen_text(app))
        assert "常见问题中没有与此相符的解答" in shown
        assert ("或看看下面相近的主题" in shown) is topics and ("也没有相近的主题" in shown) is not topics
        assert (len(app.screen.query_one("#results", OptionList).options) > 1) is topics


async def test_slash_on_a_question_searches_and_back_returns_there(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and isinstance(app.focused, Input)
        assert "搜索常见问题（Esc返回刚才的页面）" in squeeze(screen_text(app))  # a question, or an answer
        assert "↓ 到搜索结果（再按数字打开）" in screen_text(app)
        assert "按/聚焦" not in squeeze(screen_text(app))  # the box has the focus already
        await pilot.press(*"户籍", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.place.question == "other"
        await pilot.press("slash", *"人员信息")
        await pilot.pause()
        assert "未获取到人员信息" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert app.session.trail() == [("系统提示的是哪条报错？", "其他报错"), ("", "搜索：人员信息")]
        stack = [type(screen).__name__ for screen in app.screen_stack]
        assert stack == ["HomeScreen", "QuestionScreen", "AnswerScreen"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.session.place.question == "other"


async def test_live_results_leave_out_answers_that_do_not_fit(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"户籍性质为空")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert [results.get_option_at_index(i).id for i in range(results.option_count)] == ["enrol-error-hukou-empty"]
        app.screen.query_one("#search", Input).value = "忘记密码"
        await pilot.pause()
        assert app.screen.query_one("#no-results").display
        listed = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert listed[0] == "escalation-contact" and len(listed) <= 4  # the way out, then the closest few


async def test_error_text_pasted_over_several_lines_is_searched_whole(bundled: Catalog, make_app: MakeApp) -> None:
    """The web hall's pop-ups wrap their text: a clerk's paste often spans lines, and may carry colours."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        box = app.screen.query_one("#search", Input)
        box.post_message(events.Paste("系统提示\n没有符合该人员的\x1b[31m参保身份\r\n"))
        await pilot.pause()
        assert box.value == "系统提示 没有符合该人员的参保身份"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.place.answer == "enrol-error-no-insured-identity"


@pytest.mark.parametrize("query", ["之前公司已经交了这个月的社保", "撤销", "报错", "兼职"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
async def test_search_results_break_lines_the_chinese_way(
    bundled: Catalog, make_app: MakeApp, size: tuple[int, int], query: str
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *query)
        await pilot.pause()
        assert app.screen.query_one("#results", OptionList).option_count >= 1
        shown = screen_text(app)
        starts = [line.strip(" ▊▎▌")[:1] for line in shown.splitlines()]
        assert not [start for start in starts if start and start in "，。、；：？！」』）"], shown
        assert not re.search(r"第\s*[▎▊]?\s*$|^\s*[▊▌]?\s*\d+ 条", shown, re.M), shown


async def test_results_are_numbered_and_a_digit_opens_one_from_the_list(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"11号")  # in the box a digit is part of the question
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "11号"
        await pilot.press("escape", "slash", *"工地")
        await pilot.pause()
        await pilot.press("down", "up")  # up from the first result: back in the box, to edit the question
        await pilot.pause()
        assert app.focused is app.screen.query_one("#search", Input)
        await pilot.press(*"加人")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "工地加人"  # added to, not replaced
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 2 and "1. " in screen_text(app) and "2. " in screen_text(app)
        second = results.get_option_at_index(1).id
        await pilot.press("down", "2")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and app.session is not None
        assert app.session.place.answer == second
        await pilot.press("h")
        await pilot.pause()
        await start(pilot, app, "enrolment-errors")
        await pilot.press("slash", *"户籍", "down", "1")  # the search over a question: the same keys
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and app.session.place.answer == "enrol-error-hukou-empty"


async def test_an_faq_number_that_does_not_exist_is_said_so_over_the_way_out(
    bundled: Catalog, make_app: MakeApp
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"第18条")
        await pilot.pause()
        assert "常见问题共17条，没有第18条。常见问题中没有与此相符的解答" in squeeze(screen_text(app))
        assert "常见问题共 17 条，没有第 18 条。常见问题中" in screen_text(app)  # one line, not cut at 第 18


async def test_a_paste_with_no_box_in_focus_searches(bundled: Catalog, make_app: MakeApp) -> None:
    """The most natural thing a clerk does: paste the error text from the web hall, wherever they are."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not isinstance(app.focused, Input)
        app.screen.post_message(events.Paste("提示：\r\n没有符合该人员的参保身份"))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#search", Input).value == "提示： 没有符合该人员的参保身份"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.place.answer == "enrol-error-no-insured-identity"
        await pilot.press("h")
        await start(pilot, app, "enrolment-errors")
        app.screen.post_message(events.Paste("户籍性质为空"))  # on a question: the search over it
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search", Input).value == "户籍性质为空"


async def test_chinese_typed_in_one_burst_at_the_task_list_is_all_text(bundled: Catalog, make_app: MakeApp) -> None:
    """An input method commits a phrase at once: the keys arrive before the box has the focus,
    and the full-width ？ at the end is part of the question, not the help key."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        for phrase in ("退休怎么办？", "第18条"):
            for character in phrase:
                key = "fullwidth_question_mark" if character == "？" else character
                app.post_message(events.Key(key, character))
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.screen.query_one("#search", Input).value == phrase  # digits too: not task keys
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize("phrase", ["新員工入職怎麼加保", "单位帐号注测"])
async def test_a_burst_read_a_key_at_a_time_keeps_every_key_in_order(
    bundled: Catalog, make_app: MakeApp, phrase: str
) -> None:
    """The terminal's reader hands the app a phrase a key at a time: the first moved the focus to the box
    while the rest were on their way to the task list, and 新員工入職怎麼加保 arrived as 新職怎麼加保."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for character in phrase:
            app.post_message(events.Key(character, character))
            await asyncio.sleep(0)
        box = app.screen.query_one("#search", Input)
        await settled(pilot, lambda: box.has_focus and box.value == phrase)
        assert box.value == phrase and box.has_focus


async def test_letters_typed_at_the_task_list_search_as_pinyin_but_q_still_quits(
    bundled: Catalog, make_app: MakeApp
) -> None:
    """With the input method off, hjxz (户籍性质's initials, which search reads) did nothing at all."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hjxz")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "hjxz"
        assert "户籍性质为空" in squeeze(screen_text(app))
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == ""
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_while_a_question_is_typed_the_key_bar_offers_the_results_not_the_tasks(
    sample: Catalog, make_app: MakeApp
) -> None:
    app = make_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "1-9 办理事项" in screen_text(app)
        await pilot.press("slash", *"户籍")
        await pilot.pause()
        shown = screen_text(app)
        assert "1-9 办理事项" not in shown and "↓ 到搜索结果（再按数字打开）" in shown and "Esc 清除搜索" in shown
        assert "q 退出" not in shown  # q is a letter of the question now
        await pilot.press("down")  # into the results: what opens one there
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert "1-9 / Enter 打开解答" in bottom and "Esc 清除搜索" in bottom and "↓" not in bottom
        await pilot.press("escape")
        await pilot.pause()
        assert "1-9 办理事项" in screen_text(app)
        await start(pilot, app, "sample")  # the search over a question says the same in its results
        await pilot.press("slash", *"户籍", "down")
        await pilot.pause()
        assert "1-9 / Enter 打开解答" in screen_text(app).splitlines()[-1]


@pytest.mark.parametrize("query", ["拨打12333没人接", "咨询电话x"])
async def test_a_query_that_also_finds_the_way_out_lists_it_once_and_never_crashes(
    bundled: Catalog, make_app: MakeApp, query: str
) -> None:
    """Nothing fits, and the way to a person is also among the closest hits: it was listed twice and the
    option list refused the duplicate id, closing the app."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query)
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert ids[0] == "escalation-contact" and len(ids) == len(set(ids)), ids


def test_a_lead_wider_than_half_the_line_goes_on_a_line_of_its_own() -> None:
    """A click path's heading as the lead of its steps at 60 columns left the steps one character a line."""
    path = Wrapped(["单位办事 › 社会保险 › 社会保险登记 › 用人单位用工参保登记"], "参保登记（新员工，本单位）：")
    lines = "".join(segment.text for segment in path.lines(30)).splitlines()
    assert lines[0] == "参保登记（新员工，本单位）："
    assert all(len(line.strip()) > 4 for line in lines[1:]), lines
    narrow = "".join(segment.text for segment in Wrapped(["甲乙丙丁"], "3. ").lines(30)).splitlines()
    assert narrow == ["3. 甲乙丙丁"]  # a short lead still hangs


_SHORT_TAIL = re.compile(r"^\s*[▊▌]?\s*\S{1,2}…\s*[▎▊]?\s*$", re.M)


@pytest.mark.parametrize(("query", "width"), [("退休手续在哪办", 128), ("退休手续在哪办", 69), ("户籍性质为空", 123)])
async def test_a_snippet_never_leaves_a_character_or_two_alone_on_its_last_line(
    bundled: Catalog, make_app: MakeApp, query: str, width: int
) -> None:
    """QA round 6, at 1024 pixels: the FAQ 6 snippet's second line held only 「单…」. No length of snippet
    avoids that at every width, so the result ends a line earlier where it would."""
    app = make_app(bundled)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("slash", *query)
        await pilot.pause()
        shown = screen_text(app)
        assert not _SHORT_TAIL.search(shown), shown


def test_at_no_width_does_a_snippet_end_in_a_short_tail(bundled: Catalog) -> None:
    from wizard.engine.search import SearchIndex
    from wizard.tui.widgets.search_results import hit_prompt

    index = SearchIndex.build(bundled)
    for query in ("退休手续在哪办", "户籍性质为空", "该人员为灵活就业人员", "花名册", "工地加人", "社保结算单"):
        for number, hit in enumerate(index.find(query).hits, start=1):
            snippet = hit_prompt(hit, "常见问题第 {} 条", number).items[-1]
            assert snippet is not None
            for width in range(30, 140):
                lines = "".join(segment.text for segment in snippet.lines(width)).splitlines()
                assert len(lines) == 1 or len(lines[-1].strip()) > 3 or not lines[-1].endswith("…"), (width, lines)
                kept, whole = squeeze("".join(lines)).removesuffix("…"), squeeze(hit.snippet).removesuffix("…")
                assert whole.startswith(kept) and len(kept) >= len(whole) - 4, (width, lines)  # only a tail goes


@pytest.mark.parametrize(
    "phrase",
    [
        "11号以后入职的员工",
        "APP怎么注册",
        "(户籍性质为空)",
        "[bold]户籍[/bold]",
        "qy",
        "[bold]x[/bold]",
        "${HOME} $(ls)",
    ],
)
async def test_text_sent_at_once_at_the_task_list_is_a_question_whatever_key_it_begins_with(
    bundled: Catalog, make_app: MakeApp, phrase: str
) -> None:
    """An input method committed 11号以后入职的员工 at the task list: its 1 was taken for the task key, so
    task 1 started and took the rest, or the digits landed after the Chinese (号以后入职的员工11). qy (企业's
    initials) sent in one go quit the app; [bold]x[/bold] came out as bold]x[/bold][. Only a burst that
    begins with a digit is keys here (2 3: a task and its option)."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, phrase)
        box = app.screen.query_one("#search", Input)
        await settled(pilot, lambda: box.value == phrase)
        await pilot.pause(0.1)  # nothing left to arrive and start a task
        assert app.is_running and isinstance(app.screen, HomeScreen) and app.session is None
        assert box.value == phrase and box.has_focus


async def test_a_dialog_pasted_without_bracketed_paste_keeps_its_lines_apart(bundled: Catalog, make_app: MakeApp):
    """A terminal without bracketed paste sends a copied dialog as keys, its line breaks as Enter: the lines
    ran together (操作失败户籍性质为空确定) and nothing was found."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for character in "操作失败\r户籍性质为空\r确定":
            key = "enter" if character == "\r" else character
            app.post_message(events.Key(key, character))
        box = app.screen.query_one("#search", Input)
        await settled(pilot, lambda: "确定" in box.value)
        assert box.value == "操作失败 户籍性质为空 确定"
        await pilot.pause(0.3)
        assert "常见问题第13条" in squeeze(screen_text(app))
