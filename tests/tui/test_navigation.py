"""Back, restart, breadcrumb jumps, home, help, yes/no, related, copy and save on real screens."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.tui.conftest import MakeApp, burst, choose, screen_text, settled, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.app import WizardApp
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.help import HelpScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.screens.question import QuestionScreen
from wizard.tui.screens.search import SearchScreen


def title_of(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#answer-title", Static).content.plain


async def test_back_restart_and_home(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "second")
        await choose(pilot, app, "出错了")  # continues in the tree 'sample'
        await choose(pilot, app, "其他报错")
        assert app.session is not None and app.session.place.question == "other"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.place.question == "which-error"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.session.place.question == "what"
        await choose(pilot, app, "出错了")
        await choose(pilot, app, "其他报错")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.place.question == "what" and app.session.history == ()
        await pilot.press("escape")  # back from the first question: the task list
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None
        await start(pilot, app, "sample")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_home_and_end_scroll_a_long_answer_and_keep_it(bundled: Catalog, make_app: MakeApp) -> None:
    """Home and End are a pair, top and bottom, as in a browser: Home threw the answer away for the task list."""
    app = make_app(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press("3")
        await pilot.pause()
        scroll = app.screen.query_one("#answer-scroll", VerticalScroll)
        assert isinstance(app.screen, AnswerScreen) and scroll.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and scroll.scroll_y == 0
        assert app.session is not None and app.session.place.answer == "enrol-error-hukou-empty"


async def test_home_after_a_search_shows_the_task_list_so_a_number_starts_a_task(
    sample: Catalog, make_app: MakeApp
) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"户籍", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        await pilot.press("h", "1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen), "h left the old search in the box and '1' typed into it"
        assert app.session is not None and app.session.place.tree == app.tasks()[0].id


async def test_back_from_an_answer_returns_to_its_question(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        assert isinstance(app.screen, AnswerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert len(app.screen_stack) == 2
        assert "系统提示的是哪条报错？" in screen_text(app)


async def two_steps_then_the_breadcrumb(pilot: Pilot[object], app: WizardApp) -> OptionList:
    """Two steps into the sample's second task, with the focus moved up to the steps chosen."""
    await start(pilot, app, "second")
    await choose(pilot, app, "出错了")
    await choose(pilot, app, "其他报错")
    await pilot.press("shift+tab")  # from the options up to the breadcrumb
    await pilot.pause()
    crumbs = app.screen.query_one("#crumbs", OptionList)
    assert app.focused is crumbs
    return crumbs


async def test_breadcrumb_selects_an_earlier_step(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        crumbs = await two_steps_then_the_breadcrumb(pilot, app)
        shown = screen_text(app)
        assert "要查询或打印什么？ › 出错了" in shown
        assert "系统提示的是哪条报错？ › 其他报错" in shown
        assert crumbs.option_count == 2
        assert crumbs.highlighted == 1  # the latest step is ready to be taken back
        await pilot.press("enter")  # the second crumb: back to "which-error"
        await pilot.pause()
        assert app.session is not None
        assert app.session.place.question == "which-error"
        assert [step.label for step in app.session.history] == ["出错了"]
        await pilot.click("#crumbs", offset=(4, 0))  # the first crumb, with the mouse
        await pilot.pause()
        assert app.session.place.question == "what" and app.session.history == ()
        assert not app.screen.query_one("#crumbs").display


async def test_a_digit_in_the_steps_chosen_goes_back_to_that_step(sample: Catalog, make_app: MakeApp) -> None:
    """QA round 9: with the numbered steps in focus, 1 picked option 1 of the question below instead."""
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await two_steps_then_the_breadcrumb(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        assert app.session is not None
        assert app.session.place.question == "what" and app.session.history == ()


async def test_home_in_the_related_answers_goes_back_to_the_title(bundled: Catalog, make_app: MakeApp) -> None:
    """QA round 9: after Tab to 相关问题, Home, End and PageUp only moved the list's highlight, and the page
    stayed at its bottom: the clerk could not get back to the title but with Esc or the mouse."""
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"11222")
        await settled(pilot, lambda: isinstance(app.screen, AnswerScreen))
        scroll = app.screen.query_one("#answer-scroll")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#related") and scroll.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert app.focused is scroll and scroll.scroll_y == 0
        await pilot.press("tab", "pageup")
        await pilot.pause()
        assert app.focused is scroll and scroll.scroll_y < scroll.max_scroll_y


async def test_answer_screen_shows_menu_steps_and_trail(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "未获取到人员信息")
        shown = screen_text(app)
        assert "报错「未获取到人员信息」怎么办？" in shown
        assert "常见问题第 11 条" in shown
        assert "1. 单位办事" in shown and "2. 社会保险" in shown and "3. 人员基础信息采集" in shown
        assert "系统提示的是哪条报错？ › 未获取到人员信息" in shown
        assert "是否解决了您的问题？" in shown
        assert "→" not in shown


async def test_yes_goes_home_with_a_confirmation(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.session is None
        assert [n.message for n in app._notifications] == ["很高兴问题已解决。"]


async def test_no_shows_the_escalation_then_related_answers(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "未获取到人员信息")
        await pilot.press("n")
        await pilot.pause()
        assert title_of(app) == "请联系社保经办机构"
        assert app.session is not None and app.session.trail()[-1] == ("", "未解决")
        await pilot.press("escape")  # back returns to the answer that did not help
        await pilot.pause()
        assert title_of(app) == "报错「未获取到人员信息」怎么办？"
        related = app.screen.query_one("#related", OptionList)
        assert related.option_count == 1
        related.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert title_of(app) == "报错「户籍性质为空」怎么办？"
        assert app.session.trail()[-1] == ("", "相关问题：报错「户籍性质为空」怎么办？")


async def test_no_on_the_escalation_itself_says_there_is_nothing_further(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        await choose(pilot, app, "是")
        await pilot.press("n")
        await pilot.pause()
        assert title_of(app) == "请联系社保经办机构"
        assert len(app.session.history) == 2  # type: ignore[union-attr]
        assert [n.message for n in app._notifications] == [
            "这里就是转人工的说明：请拨打 12333 或到社保经办窗口咨询。办完按 h 回首页。"
        ]


async def test_copy_puts_the_answer_as_plain_text_on_the_clipboard(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "未获取到人员信息")
        await pilot.press("c")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("报错「未获取到人员信息」怎么办？（常见问题第 11 条）\n")
        assert "需先在网办大厅完成人员基础信息采集" in copied
        assert "  1. 单位办事\n  2. 社会保险\n  3. 人员基础信息采集" in copied
        assert not any(marker in copied for marker in ("**", "###", "- "))  # plain text, not Markdown
        notice = [n.message for n in app._notifications][-1]
        assert "终端的剪贴板" in notice and "按 s 保存记录" in notice  # says where it went, not that it arrived


async def test_save_writes_unique_transcripts_and_says_where(
    sample: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "transcripts"
    app = make_app(sample, save_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        await pilot.press("s", "s")
        await pilot.pause()
        files = sorted(folder.iterdir(), key=lambda path: len(path.name))
        assert len(files) == 2
        assert re.fullmatch(r"办理记录-\d{8}-\d{4}-常见问题第13条\.md", files[0].name), files[0].name
        assert files[1].name == files[0].name.replace(".md", "-2.md")
        for path in files:
            text = path.read_text(encoding="utf-8")
            assert "## 问答经过" in text
            assert "1. 系统提示的是哪条报错？ — 户籍性质为空" in text
            assert "报错「户籍性质为空」怎么办？" in text
            assert "请在「人员基础信息变更」中补录户籍性质后再提交。" in text
        messages = [n.message.split("\n", 1) for n in app._notifications]
        said = {(label, path.replace("\n", "")) for label, path in messages}
        assert said == {("办理记录已保存到：", str(files[0])), ("办理记录已保存到：", str(files[1]))}
        breaks = [line[-1] for _, path in messages for line in path.split("\n")[:-1]]
        assert set(breaks) <= {"/", "-"}, messages  # the path on lines of its own, broken after / or -


async def test_save_into_an_unwritable_place_reports_instead_of_crashing(
    sample: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for save_dir in (blocker / "sub", blocker):
        app = make_app(sample, save_dir=save_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot, app, "sample")
            await choose(pilot, app, "户籍性质为空")
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, AnswerScreen)
            message = [n.message for n in app._notifications][-1]
            said = message.replace("\n", "")
            assert said.startswith("无法保存办理记录：保存位置或它所在的某一层是文件，不是文件夹（"), message
            assert "File exists" not in message and "Not a directory" not in message
            lines = message.split("\n")  # QA round 9: a line began with its ，
            assert len(lines) > 1 and not [line for line in lines if line[:1] in "，。；：？！）」"], lines


async def test_ctrl_c_says_how_to_quit_in_the_clerks_language(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["按 q 退出向导。"]


async def test_help_lists_every_key_and_closes(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 50)) as pilot:
        await start(pilot, app, "sample")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for words in ("按键说明", "返回上一步", "重新开始", "首页", "搜索", "退出", "复制解答", "保存记录", "1-9"):
            assert words in shown, words
        assert "Esc / Backspace" in shown and "Ctrl+R" in shown
        assert "h                 首页" in shown and "Home / End        到解答开头 / 结尾" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("question_mark", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_f1_opens_the_help_whose_bar_says_that_question_mark_closes_it(sample: Catalog, make_app: MakeApp):
    """Office programs open their help with F1; on the help, the bar offered ? as 按键说明 though it closes."""
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        bar = screen_text(app).splitlines()[-1]
        assert "Esc / ? 关闭" in bar and "按键说明" not in bar
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_footer_shows_the_keys(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(160, 30)) as pilot:
        await start(pilot, app, "sample")
        footer = screen_text(app).splitlines()[-1]
        for words in ("1-9 选择", "Esc 返回上一步", "Ctrl+R 重新开始", "h 首页", "q 退出", "? 按键说明", "/ 搜索"):
            assert words in footer, words


async def test_q_quits(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running and app.return_code == 0


async def test_a_number_key_starts_a_task_at_once_and_enter_starts_the_highlighted_one(
    sample: Catalog, make_app: MakeApp
) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        tasks = app.screen.query_one("#tasks", OptionList)
        ids = [tasks.get_option_at_index(i).id for i in range(tasks.option_count)]
        assert ids == ["sample", "second", "@way-out"]  # the catalog's way out is the last task
        await pilot.press("2")  # as a digit chooses at once on a question
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.start_tree == "second"
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and tasks.highlighted == 1
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.session.start_tree == "sample"
        assert squeeze("参保登记报错处理") in squeeze(screen_text(app))


async def test_labelled_click_paths_show_their_headings(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 60)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await choose(pilot, app, "户籍性质为空")
        shown = screen_text(app)
        assert "方式一：员工本人登录网办大厅个人账户" in shown
        assert "方式二：员工使用「江苏智慧人社」微信小程序或APP" in shown
        assert "1. 个人中心" in shown and "3. 修改" in shown
        assert "操作路径" not in shown


@pytest.mark.parametrize("key", ["", "3"])
async def test_a_phrase_typed_on_a_question_or_an_answer_is_searched(
    bundled: Catalog, make_app: MakeApp, key: str
) -> None:
    """An input method sends 无参保身份 as one burst: a question, searched as a paste is. It was thrown
    away with the hint about the input method, meant for a single key pressed with it on."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press(*key)
        await pilot.pause()
        for character in "无参保身份":
            app.post_message(events.Key(character, character))
            await asyncio.sleep(0)
        await settled(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "无参保身份")
        assert isinstance(app.screen, SearchScreen) and not app._notifications
        box = app.screen.query_one("#search", Input)
        assert box.value == "无参保身份" and box.has_focus


async def test_a_phrase_that_comes_in_two_pieces_is_searched_whole(bundled: Catalog, make_app: MakeApp) -> None:
    """A browser sent 户 and then 籍性质为空: the search opened with 籍性质为空 and 户 got the hint."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app, "enrolment-errors")
        app.post_message(events.Key("户", "户"))
        await pilot.pause(0.05)  # the first piece has ended as a burst of its own
        for character in "籍性质为空":
            app.post_message(events.Key(character, character))
        await settled(pilot, lambda: isinstance(app.focused, Input) and len(app.focused.value) >= 5)
        assert isinstance(app.screen, SearchScreen) and not app._notifications
        assert app.screen.query_one("#search", Input).value == "户籍性质为空"


async def test_keys_typed_with_the_chinese_input_method_on(sample: Catalog, make_app: MakeApp) -> None:
    """After typing Chinese the input method is usually still on: ｙ is y, 你 gets a hint, not silence."""
    app = make_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"户籍")  # Chinese at the task list is a question: it searches
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#search", Input).value == "户籍"
        assert app.screen.query_one("#tasks").display is False
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        for character in "你好":  # n and h, each composed into Chinese: nothing happens but one hint
            await pilot.press(character)
            await pilot.pause(0.3)  # pressed a person's moment apart (together they are a phrase: searched)
        assert isinstance(app.screen, AnswerScreen)
        assert [n.message for n in app._notifications] == ["输入法在中文状态：按 Shift 切到英文再按键，或用鼠标点击"]
        app.post_message(events.Key("fullwidth_question_mark", "？"))  # as a terminal sends it: help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ｈ")  # a full-width letter is its key
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("１")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_a_transcript_after_not_solved_is_named_after_the_answer_that_did_not_help(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "transcripts"
    app = make_app(bundled, save_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"户籍性质为空", "enter")
        await pilot.pause()
        await pilot.press("n", "s")  # no log folder: no rating asked in between
        await pilot.pause()
        (saved,) = folder.iterdir()
        assert saved.name.endswith("-常见问题第13条-未解决.md"), saved.name


@pytest.mark.parametrize(
    ("lang", "keys", "named"),
    [
        ("zh", ["slash", *"退休手续在哪办", "enter", "s"], r"办理记录-\d{8}-\d{4}-转人工\.md"),
        ("zh", ["2", "3", "n", "s"], r"办理记录-\d{8}-\d{4}-常见问题第13条-未解决\.md"),
        ("en", ["slash", *"退休手续在哪办", "enter", "s"], r"\d{8}-\d{6}-escalation-contact\.md"),
        ("en", ["2", "3", "n", "s"], r"\d{8}-\d{6}-enrol-error-hukou-empty-unsolved\.md"),
    ],
)
async def test_a_transcript_is_named_in_the_clerks_language(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path, lang: str, keys: list[str], named: str
) -> None:
    """QA round 6: in Chinese mode the files were English slugs (…-escalation-contact.txt), not what a
    clerk looks for in 下载; English mode keeps the answer's id."""
    folder = tmp_path / "transcripts"
    app = make_app(bundled, save_dir=folder, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settled(pilot, lambda: folder.is_dir() and any(folder.iterdir()))  # the last key may be held
        (saved,) = folder.iterdir()
        assert re.fullmatch(named, saved.name), saved.name


def test_a_chinese_file_name_is_one_windows_accepts() -> None:
    from datetime import datetime

    from wizard.tui.transcripts import NAME_CHARS, transcript_name

    now = datetime(2026, 11, 29, 17, 30, 38)
    assert transcript_name("常见问题第13条", now, ".txt") == "办理记录-20261129-1730-常见问题第13条.txt"
    title = 'a/b\\c:d*e?f"g<h>i|j \x01k. 查询「单位权益单」？' + "很长" * 40
    name = transcript_name(title, now, ".md")
    assert not set('<>:"/\\|?* ') & set(name) and name.isprintable(), name
    assert len(name) <= len("办理记录-20261129-1730-") + NAME_CHARS + len(".md") and "a-b-c-d" in name, name
    assert transcript_name("", now) == "办理记录-20261129-1730.md"
    assert transcript_name("join-after-11th", now, ".txt", lang="en") == "20261129-173038-join-after-11th.txt"


def test_a_file_name_shown_on_several_lines_breaks_after_its_hyphens() -> None:
    from wizard.tui.toasts import name_lines

    chinese = "办理记录-20261129-2057-常见问题第13条-未解决.txt"
    assert name_lines(chinese, 46) == ["办理记录-20261129-2057-常见问题第13条-", "未解决.txt"]
    assert name_lines(chinese, 80) == [chinese]
    english = "20261129-204134-enrol-error-hukou-empty-unsolved.txt"
    assert name_lines(english, 26) == ["20261129-204134-enrol-", "error-hukou-empty-", "unsolved.txt"]
    assert name_lines("a-" + "x" * 30, 10)[1:] == ["x" * 10, "x" * 10, "x" * 10]  # a part too long is cut


def downloads(app: App[object], monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Make ``app`` run as in a browser; what it offers to download: (content, file name, MIME type)."""
    offered: list[tuple[str, str, str]] = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(
        app,
        "deliver_text",
        lambda file, save_filename, mime_type, encoding: offered.append((file.read(), save_filename, mime_type)),
    )
    return offered


async def test_in_a_browser_the_transcript_is_offered_as_a_text_file(
    sample: Catalog, make_app: MakeApp, monkeypatch
) -> None:
    app = make_app(sample)
    offered = downloads(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        await pilot.press("s")
        await pilot.pause()
    ((content, name, mime),) = offered
    assert re.fullmatch(r"办理记录-\d{8}-\d{4}-常见问题第13条\.txt", name) and mime == "text/plain", name
    assert "\r\n问答经过\r\n－－－－\r\n" in content
    assert content.startswith("\ufeff") and content.count("\n") == content.count("\r\n") > 5  # as Notepad writes


async def test_the_text_file_a_browser_downloads_reads_as_text_not_markdown(
    bundled: Catalog, make_app: MakeApp, monkeypatch
) -> None:
    """Notepad is no Markdown viewer: [身份证号] read \\[身份证号\\] and 方式一 was wrapped in **."""
    app = make_app(bundled)
    offered = downloads(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"员工320102199001011234户籍性质为空", "enter")
        await pilot.pause()
        await pilot.press("n", "s")
        await pilot.pause()
    ((content, _, _),) = offered
    assert "搜索：员工[身份证号]户籍性质为空" in content and "方式一：" in content
    assert "\\" not in content and "**" not in content
    # QA round 6: the file still read 「# 江苏人社网办向导 · 办理记录」, 「## 问答经过」, 「- 时间：」
    lines = content.removeprefix("\ufeff").split("\r\n")
    assert lines[:2] == ["江苏人社网办向导 · 办理记录", "＝" * 14], lines[:2]
    assert not [line for line in lines if line.lstrip().startswith(("#", "- ", "> ", "```"))], content
    assert "问答经过\r\n－－－－" in content and "\r\n• 时间：" in content and "\r\n• 方式一：" in content
    assert "\r\n转人工说明\r\n－－－－－\r\n" in content


async def test_in_a_browser_q_ends_nothing_and_copy_speaks_of_ctrl_v(
    sample: Catalog, make_app: MakeApp, monkeypatch
) -> None:
    """A browser tab has nothing to quit to: a stray q (typed before the box had the focus) must not end
    the walk, and neither the key bar nor the help offers it. The copy notice names no terminal."""
    app = make_app(sample)
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnswerScreen)
        assert "退出" not in screen_text(app) and "? 按键说明" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert app._notifications and list(app._notifications)[-1].message.startswith(
            "已复制解答（纯文本），可按 Ctrl+V"
        )
        await pilot.press("question_mark")
        await pilot.pause()
        assert "退出" not in screen_text(app) and "按键说明" in screen_text(app)


async def test_ctrl_r_is_offered_only_where_there_is_a_task_to_restart(bundled: Catalog, make_app: MakeApp) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"结算单", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and "Ctrl+R" not in screen_text(app)  # found by search
        await pilot.press("h")
        await start(pilot, app, "enrolment-errors")
        assert "Ctrl+R 重新开始" in screen_text(app)


@pytest.mark.parametrize(("key", "character"), [("inverted_exclamation_mark", "¡"), ("alt+1", "1")])
async def test_esc_and_a_digit_sent_as_one_alt_key_go_back_and_choose(
    sample: Catalog, make_app: MakeApp, key: str, character: str
) -> None:
    """Esc then 1 within the terminal's escape delay arrives as one key (¡ or alt+1): both were lost,
    and a hint about the Chinese input method appeared."""
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        assert isinstance(app.screen, AnswerScreen)  # Esc leaves this screen: the 1 is for the question
        app.post_message(events.Key(key, character))
        await pilot.pause(0.4)
        assert app.session is not None and app.session.history[-1].label == "未获取到人员信息"  # option 1
        assert not app._notifications


async def test_back_to_a_question_highlights_the_option_chosen_there(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "其他报错")
        await pilot.press("escape")
        await pilot.pause()
        options = app.screen.query_one("#options", OptionList)
        labels = [option.label for option in app.session.options]  # type: ignore[union-attr]
        assert options.highlighted == labels.index("其他报错") > 0
        await pilot.press("enter")  # Enter takes the same way again
        await pilot.pause()
        assert app.session is not None and app.session.place.question == "other"


@pytest.mark.parametrize(("keys", "phrase"), [("", "APP怎么注册"), ("3", "1月份的缴费明细"), ("", "n多员工报错")])
async def test_letters_and_digits_in_a_phrase_stay_where_they_were_typed(
    bundled: Catalog, make_app: MakeApp, keys: str, phrase: str
) -> None:
    """On a question or an answer, the ASCII keys of a committed phrase acted as keys (or did nothing):
    APP怎么注册 was searched as 怎么注册PP, 1月份的缴费明细 as 月份的缴费1明细."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press(*keys)
        await pilot.pause()
        place = app.session.place if app.session else None
        burst(app, phrase)
        await settled(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == phrase)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search", Input).value == phrase
        assert app.session is not None and app.session.place == place  # no option was chosen on the way


async def test_the_download_notice_breaks_the_file_name_where_a_name_may_break(
    bundled: Catalog, make_app: MakeApp, monkeypatch
) -> None:
    """At 800 px the notice cut 办理记录-…-未解决.txt at the toast's edge, inside .t|xt."""
    app = make_app(bundled)
    offered = downloads(app, monkeypatch)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await start(pilot, app, "enrolment-errors")
        for key in ("3", "n", "s"):
            await pilot.press(key)
            await pilot.pause()
        ((_, name, _),) = offered
        assert name.endswith("-未解决.txt")
        (notice,) = [n.message for n in app._notifications if name[:8] in n.message.replace("\n", "")]
        inner = min(60, (100 - 2) // 2) - 3  # Textual's toast: at most half the screen, less its edge and padding
        assert all(cell_len(line) <= inner for line in notice.split("\n")), notice
        assert name in notice.replace("\n", "") and ".txt" in notice.split("\n")[-1]


async def test_no_line_of_a_notice_starts_with_closing_punctuation(bundled: Catalog, make_app: MakeApp) -> None:
    """The copy notice wrapped at the toast's edge, so a line of it began with ；."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("2", "c")
        await pilot.pause()
        (notice,) = [n.message for n in app._notifications]
        inner = min(60, (80 - 2) // 2) - 3
        lines = notice.split("\n")
        assert len(lines) > 1 and all(cell_len(line) <= inner for line in lines), lines
        assert not [line for line in lines if line[:1] in "，。；：？！）」"], lines


async def test_a_long_pasted_question_is_shortened_in_the_choices_made(bundled: Catalog, make_app: MakeApp) -> None:
    """A 5000-character paste searched filled 您的选择 with 93 lines, cut off with no ellipsis, and pushed
    是否解决了您的问题 four screens down."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        app.screen.post_message(events.Paste("户籍性质为空。" + "领导问我上个月新来的同事社保为啥没扣。" * 260))
        await pilot.pause()
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, AnswerScreen))
        await pilot.press("end")
        await pilot.pause()
        text = squeeze(screen_text(app))
        assert "…" in text and "是否解决了您的问题" in text
