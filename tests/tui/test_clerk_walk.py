"""The clerk's walk on real screens: answers open at their top, Enter keeps them, the way out, the click
path that fits, the next step, "not solved" with its hand-off, the keys at every size."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static

from tests.tui.conftest import MakeApp, choose, screen_text, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.widgets.key_bar import KeyBar

CLOSING = "，。、；：？！」』）》"
OPENING = "「『（《"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_every_answer_opens_at_its_title_and_faq_number(
    bundled: Catalog, make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        for answer_id, answer in bundled.answers.items():
            app.open_answer(answer_id, "搜索：x", fresh=True)
            await pilot.pause()
            assert isinstance(app.screen, AnswerScreen)
            assert app.screen.query_one("#answer-scroll", VerticalScroll).scroll_y == 0, answer_id
            top = squeeze("".join(screen_text(app).splitlines()[:6]))
            assert squeeze(answer.title)[:12] in top, (answer_id, top)
            if answer.faq:
                assert f"常见问题第{answer.faq}条" in top, answer_id
            await pilot.press("enter")  # Enter never means "solved": the answer stays
            await pilot.pause()
            assert isinstance(app.screen, AnswerScreen) and app.session.place.answer == answer_id  # type: ignore[union-attr]


async def test_lines_break_the_chinese_way_at_60_80_and_100_columns(bundled: Catalog, make_app: MakeApp) -> None:
    for width in (60, 80, 100):
        app = make_app(bundled)
        async with app.run_test(size=(width, 60)) as pilot:
            app.open_answer("enrol-error-hukou-empty", "搜索：x", fresh=True)
            await pilot.pause()
            lines = [line.strip(" ▊▎▁▂▃▄▅▆▇█") for line in screen_text(app).splitlines()]
            for line in filter(None, lines):
                assert line[0] not in CLOSING, (width, line)
                assert line[-1] not in OPENING and not line.endswith("›"), (width, line)
            assert "个人中心 › 我的信息 › 修改" in "".join(lines) or width < 100


async def test_every_question_offers_the_way_out_last_and_home_offers_it_too(
    bundled: Catalog, make_app: MakeApp
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app, "enrolment-errors")
        options = app.screen.query_one("#options", OptionList)
        last = options.get_option_at_index(options.option_count - 1).prompt
        assert last.plain == "以上都不是 / 不确定"  # type: ignore[union-attr]
        await choose(pilot, app, "以上都不是 / 不确定")
        assert app.session is not None and app.session.place.answer == "escalation-contact"
        await pilot.press("h")
        await pilot.pause()
        await pilot.press(str(len(bundled.trees) + 1))  # the last task: 其他问题（常见问题中没有）
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        assert app.session.place.answer == "escalation-contact" and app.session.trail() == [
            ("", "其他问题（常见问题中没有）")
        ]


async def test_a_choice_shows_only_its_click_path_and_the_answers_that_fit(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, app, "query-and-print")
        await choose(pilot, app, "人员花名册")
        await choose(pilot, app, "人员减少花名册（停保登记）")
        menu = app.screen.query_one("#answer-menu", Static).content.plain  # type: ignore[union-attr]
        assert "人员减少花名册" in menu and "用人单位退工停保登记" in menu
        assert "人员增加花名册" not in menu
        await pilot.press("h")
        await pilot.pause()
        await start(pilot, app, "enrol-and-stop")
        await choose(pilot, app, "员工离职，办停保登记")
        shown = screen_text(app)
        assert "停保登记（员工离职）" in shown and "参保登记（新员工）" not in shown
        related = app.screen.query_one("#related", OptionList)
        titles = [squeeze(str(related.get_option_at_index(i).prompt.plain)) for i in range(related.option_count)]  # type: ignore[union-attr]
        assert titles and not any("11日之后" in title or "重复缴费" in title for title in titles)
        await pilot.press("1")  # a digit opens that related answer
        await pilot.pause()
        assert app.session is not None and app.session.place.answer == "print-change-roster"


async def test_an_answer_that_names_a_next_step_shows_its_click_path(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 50)) as pilot:
        app.open_answer("join-after-11th", "搜索：x", fresh=True)
        await pilot.pause()
        shown = squeeze(screen_text(app))
        assert "下一步：为员工办理参保登记1.单位办事2.社会保险3.社会保险登记4.用人单位用工参保登记" in shown
        assert "咨询电话：12333" in shown


async def test_not_solved_keeps_the_answer_tried_and_offers_the_hand_off(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("slash", *"户籍性质为空", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        shown = squeeze(screen_text(app))
        assert "您试过的解答（未解决）：单位用户在做「用人单位用工参保登记」时，如报错「户籍性质为空」" in shown
        assert "上面这条解答没有解决您的问题" in shown and "未找到对应解答" not in shown
        assert "搜索过的报错信息或问题：户籍性质为空" in shown
        await pilot.press("c")
        assert app.clipboard.startswith("转人工时可以这样说明：")
        assert "试过但未解决的解答：单位用户在做" in app.clipboard
        await pilot.press("n")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1].startswith("这里就是转人工的说明")


@pytest.mark.parametrize(
    ("lang", "web", "key", "notice"),
    [
        ("zh", False, "c 复制说明", "已把转人工说明（纯文本）发送到终端的剪贴板"),
        ("zh", True, "c 复制说明", "已复制转人工说明（纯文本），可按 Ctrl+V 粘贴"),
        ("en", False, "c Copy summary", "The hand-off summary (plain text) was sent"),
        ("en", True, "c Copy summary", "The hand-off summary (plain text) was copied"),
    ],
)
@pytest.mark.parametrize("keys", [["2", "3", "n"], ["slash", *"退休手续在哪办", "enter"]], ids=["after-n", "way-out"])
async def test_on_a_hand_off_page_c_says_it_copies_the_hand_off(
    bundled: Catalog, make_app: MakeApp, monkeypatch, lang: str, web: bool, key: str, notice: str, keys: list[str]
) -> None:
    """QA round 6: the hand-off page says 「按 c 复制这段说明」, but its key bar said 「c 复制解答」 and the
    notice 「已复制解答（纯文本）」, though what went to the clipboard was the hand-off first."""
    app = make_app(bundled, lang=lang)
    monkeypatch.setattr(type(app), "is_web", property(lambda self: web))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "3")
        await pilot.pause()
        bar = "\n".join(screen_text(app).splitlines()[-2:])
        assert ("c 复制解答" if lang == "zh" else "c Copy ") in bar and key not in bar, bar  # an answer: its own
        await pilot.press("h")
        await pilot.pause()
        for press in keys:
            await pilot.press(press)
            await pilot.pause()
        assert app.session is not None and app.session.place.answer in ("escalation-not-solved", "escalation-contact")
        bar = "\n".join(screen_text(app).splitlines()[-2:])
        assert key in bar, bar
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith(("转人工时可以这样说明：", "When you call or visit, say:"))
        assert [n.message for n in app._notifications][-1].startswith(notice)


async def test_the_way_out_of_the_faq_asks_nothing_and_n_does_not_hand_it_off_again(
    bundled: Catalog, make_app: MakeApp
) -> None:
    """ "Not in the FAQ: call 12333" is itself the hand-off: no "did this solve it", no second hand-off."""
    app = make_app(bundled)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("slash", *"退休手续在哪办", "enter")
        await pilot.pause()
        assert app.session is not None and app.session.place.answer == "escalation-contact"
        shown = squeeze(screen_text(app))
        assert "是否解决了您的问题" not in shown and "已解决" not in shown and "未解决" not in shown
        await pilot.press("n")
        await pilot.pause()
        assert app.session.place.answer == "escalation-contact" and app.session.tried is None
        assert [n.message for n in app._notifications][-1].startswith("这里就是转人工的说明")
        await pilot.press("y")  # the reflex key: the page and its hand-off stay, and nothing is thanked for
        await pilot.pause()
        assert app.session.place.answer == "escalation-contact" and not isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications][-1].endswith("办完按 h 回首页。")
        await pilot.press("y", "n", "y")  # pressed again and again: one notice, not a stack over the page
        await pilot.pause()
        assert len(app._notifications) == 1
        assert not any("已解决" in n.message for n in app._notifications)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("slash", *"户籍性质为空", "enter")
        await pilot.pause()
        assert "是否解决了您的问题" in squeeze(screen_text(app))  # an FAQ answer still asks


@pytest.mark.parametrize("width", [60, 80, 100, 120])
async def test_the_hand_off_never_starts_a_line_with_the_separator_of_a_choice(
    bundled: Catalog, make_app: MakeApp, width: int
) -> None:
    """QA round 6: at 100 columns the hand-off read 「…在其他单位上班？⏎› 否，只在本单位工作；…」, the ›
    cut off from its question at the start of a line."""
    app = make_app(bundled)
    async with app.run_test(size=(width, 60)) as pilot:
        await start(pilot, app, "enrol-and-stop")
        for choice in ("新员工入职，办参保登记", "否，只在本单位工作", "未缴、不清楚或没有原单位", "11日及以后"):
            await choose(pilot, app, choice)
        await pilot.press("n")
        await pilot.pause()
        lines = [line.strip(" ▌") for line in screen_text(app).splitlines()]
        start_at = next(i for i, line in enumerate(lines) if line.startswith("已选："))
        end_at = next(i for i, line in enumerate(lines) if line.startswith("试过但未解决的解答"))
        chosen = lines[start_at:end_at]
        assert "".join(chosen).replace(" ", "").endswith("新员工是当月几号入职的？›11日及以后"), chosen
        assert not any(line.startswith("›") or line.endswith("›") for line in chosen), chosen


@pytest.mark.parametrize(
    ("tree", "choices"),
    [
        ("enrol-and-stop", ["新员工入职，办参保登记", "否，只在本单位工作", "未缴、不清楚或没有原单位"]),
        ("enrol-and-stop", ["参保或停保办错了，想撤销", "是，本结算期内办理的"]),
    ],
)
async def test_a_deep_question_keeps_its_help_in_view_at_60_by_20(
    bundled: Catalog, make_app: MakeApp, tree: str, choices: list[str]
) -> None:
    """The help under a question explains the rule it asks about: steps chosen above must not push it
    out of sight, where no key could scroll to it."""
    app = make_app(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot, app, tree)
        for choice in choices:
            await choose(pilot, app, choice)
        question = app.session.question  # type: ignore[union-attr]
        assert question is not None and question.help
        shown = squeeze(screen_text(app))
        assert squeeze(question.question) in shown and squeeze(question.help) in shown


@pytest.mark.parametrize("width", [60, 80])
async def test_the_key_bar_keeps_every_key_in_view_on_whole_words(
    bundled: Catalog, make_app: MakeApp, width: int
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(width, 24)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await choose(pilot, app, "户籍性质为空")
        bottom = "\n".join(screen_text(app).splitlines()[-2:])
        for item in ("y 已解决", "n 未解决", "Esc 返回上一步", "h 首页", "q 退出", "? 按键说明", "/ 搜索"):
            assert item in bottom, (width, item, bottom)


async def test_the_key_bar_is_not_drawn_as_a_row_of_links(bundled: Catalog, make_app: MakeApp) -> None:
    """Every key in the bar can be clicked; underlined, the bar read as links (and in a browser as "_")."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        segments = list(app.screen.query_one(KeyBar).render_line(0))
        assert any(segment.text == "q" for segment in segments)
        assert not any(segment.style is not None and segment.style.underline for segment in segments)


async def test_tab_goes_straight_to_the_steps_chosen_and_help_names_them(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(80, 40)) as pilot:
        await start(pilot, app, "enrol-and-stop")
        await choose(pilot, app, "新员工入职，办参保登记")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#crumbs")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "已选步骤" in shown and "面包屑" not in shown
        assert re.search(r"1-9\s+打开对应编号的相关问题", shown)
        assert re.search(r"Esc / Backspace {2,}返回上一步", shown)  # the longest key name keeps a clear gap
        narrow = Console(width=40, file=io.StringIO(), record=True)
        narrow.print(app.screen.key_table())
        lines = narrow.export_text().splitlines()
        first = next(i for i, line in enumerate(lines) if "打开对应编号的搜" in line)
        column = lines[first].index("打开")
        following = lines[first + 1]
        assert len(following) - len(following.lstrip()) == column, following  # wraps under itself, not the key
