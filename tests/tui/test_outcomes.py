"""The app's outcome events and its 好差评 prompt, driven with Pilot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.events import Key, Paste
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.tui.conftest import MakeApp, burst, screen_text, squeeze, start
from wizard.content.model import Catalog
from wizard.tui.app import WizardApp
from wizard.tui.screens.answer import AnswerScreen
from wizard.tui.screens.feedback import FeedbackScreen
from wizard.tui.screens.home import HomeScreen


def events(folder: Path) -> list[dict]:
    return [
        json.loads(line) for path in sorted(folder.glob("events-*.jsonl")) for line in path.read_text().splitlines()
    ]


async def judge_faq_13(pilot: Pilot[object], app: WizardApp, key: str) -> None:
    """Walk to 常见问题第 13 条, press y or n, and land on the rating."""
    await start(pilot, app, "enrolment-errors")
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(app.screen, AnswerScreen)
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, FeedbackScreen)


async def test_solved_then_a_rating_and_a_comment_are_recorded_without_personal_data(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        assert "请评价这条解答" in screen_text(app) and "非常不满意" in screen_text(app)
        assert "Enter 提交" in screen_text(app)  # the key's name, as in every key bar (it said 回车)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"员工李四13912345678很清楚", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    recorded = events(tmp_path / "logs")
    kinds = [event["event"] for event in recorded]
    assert kinds[:6] == ["start", "task", "question", "choice", "answer", "outcome"] and "end" in kinds
    rating = next(event for event in recorded if event["event"] == "rating")
    assert rating["answer"] == "enrol-error-hukou-empty" and rating["rating"] == 2
    assert rating["comment"] == "员工[姓名][手机号]很清楚"
    assert {event["front"] for event in recorded} == {"tui"}


@pytest.mark.parametrize("key", ["y", "n"])
async def test_the_rating_suggests_no_rating_and_no_toast_covers_it(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path, key: str
) -> None:
    """A toast over the dialog hid its "no ID or phone numbers" warning; 非常满意 was pre-selected even
    after "not solved". The thanks for a solved problem heads the dialog instead."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(60, 20)) as pilot:
        await judge_faq_13(pilot, app, key)
        assert app.screen.query_one("#feedback-ratings", OptionList).highlighted is None
        assert not app._notifications
        assert ("很高兴问题已解决。请评价这条解答" in squeeze(screen_text(app))) is (key == "y")


@pytest.mark.parametrize("notice_key", ["s", "c"])
async def test_a_notice_from_the_answer_is_gone_when_the_rating_opens(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path, notice_key: str
) -> None:
    """Saved or copied, then solved at once: the notice (10 s) lay over the dialog at 60×20."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press("3", notice_key)
        await pilot.pause()
        assert app._notifications  # the notice is up
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert not app._notifications


async def test_escape_skips_the_rating_and_not_solved_shows_the_way_to_a_person_under_it(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(60, 20)) as pilot:
        await judge_faq_13(pilot, app, "n")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen) and app.session is not None
        assert app.session.place.answer == "escalation-not-solved"
    kinds = [event["event"] for event in events(tmp_path / "logs")]
    assert "rating" not in kinds and kinds.count("outcome") == 1


async def test_escape_after_a_rating_and_a_comment_keeps_nothing(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """Esc is the way out of the dialog: a clerk who typed something they should not have backs out."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "n")
        await pilot.press("3", *"abc", "escape")  # rated, a comment begun, then Esc
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
    kinds = [event["event"] for event in events(tmp_path / "logs")]
    assert "rating" not in kinds and kinds.count("outcome") == 1


async def test_a_rating_typed_with_the_chinese_input_method_on_is_sent_with_enter(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        await pilot.press("２", *"很好", "enter")
        await pilot.pause()
    (rating,) = [event for event in events(tmp_path / "logs") if event["event"] == "rating"]
    assert rating["rating"] == 2 and rating["comment"] == "很好"


async def test_without_a_log_folder_nothing_is_asked_or_written(bundled: Catalog, make_app: MakeApp, tmp_path: Path):
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press("3", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_search_left_over_a_question_is_recorded_like_one_left_at_the_task_list(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """QA round 10: / over a question, a query the FAQ has no answer for, Esc: nothing reached the log, so
    maintainers never saw the searches that failed clerks mid-walk. One opened is recorded once."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot, app, "enrolment-errors")
        await pilot.press("slash", *"退休手续", "escape")
        await pilot.pause()
        await pilot.press("slash", *"户籍性质为空", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
    searches = [event for event in events(tmp_path / "logs") if event["event"] == "search"]
    assert [(event["query"], event["found"]) for event in searches] == [("退休手续", False), ("户籍性质为空", True)]


async def test_a_search_is_recorded_once_with_what_it_found_and_its_query_masked(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"户籍性质为空 身份证320586199001011234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("escape", "slash", *"社保卡丢了", "escape")  # the old query goes without a second record
        await pilot.pause()
    searches = [event for event in events(tmp_path / "logs") if event["event"] == "search"]
    assert [(event["query"], event["answer"], event["found"]) for event in searches] == [
        ("户籍性质为空 [身份证号]", "enrol-error-hukou-empty", True),
        ("社保卡丢了", None, False),
    ]


async def test_q_quits_from_the_rating(bundled: Catalog, make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_paste_at_the_ratings_goes_into_the_comment_box(bundled: Catalog, make_app: MakeApp, tmp_path: Path):
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        app.screen.post_message(Paste("说明很清楚\n谢谢"))
        await pilot.pause()
        comment = app.screen.query_one("#feedback-comment", Input)
        assert app.focused is comment and comment.value == "说明很清楚 谢谢"


async def test_chinese_typed_at_the_ratings_is_kept_whole_in_the_comment(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """The first character typed at the list moves to the comment box; it was selected there, and the
    next one replaced it (很清楚 arrived as 清楚)."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        for character in "很清楚":
            await pilot.press(character)
        assert app.screen.query_one("#feedback-comment", Input).value == "很清楚"


async def test_a_phrase_typed_at_the_ratings_keeps_its_digits_in_the_comment(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """QA round 9: an input method's phrase arrives at once; its 2 was taken as a rating (第2步 → 第步)."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        burst(app, "很好用，第2步就找到了")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        assert screen.query_one("#feedback-comment", Input).value == "很好用，第2步就找到了"
        assert screen.rating is None
        await pilot.press("up", "3")  # the ratings still take a digit once the clerk goes back to them
        await pilot.pause()
        assert screen.rating == 3


async def test_c_at_the_rating_copies_the_hand_off_it_covers(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """QA round 9: after n the dialog covers 按 c 复制这段说明, and c did nothing until Esc."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "n")
        assert "c 复制  s 保存" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("转人工时可以这样说明：")
        assert isinstance(app.screen, FeedbackScreen) and app.screen.rating is None
        await pilot.press("2", *"cs")  # in the comment box they are letters
        await pilot.pause()
        assert app.screen.query_one("#feedback-comment", Input).value == "cs"


async def test_after_solved_c_s_and_other_letters_at_the_ratings_begin_the_comment(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """QA round 10: after y the dialog lies over the task list, so it offered c and s for nothing; and a
    comment that began with APP or QQ lost its letters."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        assert "c 复制" not in screen_text(app) and "Esc 不评价" in screen_text(app)
        burst(app, "APP上找不到")
        await pilot.pause(0.2)
        assert app.screen.query_one("#feedback-comment", Input).value == "APP上找不到"
        assert isinstance(app.screen, FeedbackScreen) and app.screen.rating is None


@pytest.mark.parametrize("keys", [("enter", "enter"), ("enter", "escape", "down")])
async def test_keys_that_arrive_together_close_the_rating_once(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path, keys: tuple[str, ...]
) -> None:
    """Over a slow link Enter Enter arrive at once: the second closed the dialog again and the app
    stopped (ScreenStackError)."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        await pilot.press("2")
        for key in keys:
            app.post_message(Key(key, None))
        await pilot.pause(0.3)
        assert app.is_running and isinstance(app.screen, HomeScreen)


async def test_the_english_greeting_is_a_sentence_of_its_own(bundled: Catalog, make_app: MakeApp, tmp_path: Path):
    app = make_app(bundled, lang="en", log_dir=tmp_path / "logs")
    async with app.run_test(size=(80, 24)) as pilot:
        await judge_faq_13(pilot, app, "y")
        assert "Glad it is solved. Rate this answer" in screen_text(app)


async def test_up_from_the_comment_goes_back_to_change_the_rating(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """A rating moves the cursor into the comment box, where a second digit (a change of mind) was typed
    as text under a key line that still said 1-5 评价. The key line now says how to go back: ↑."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(60, 20)) as pilot:
        await judge_faq_13(pilot, app, "y")
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        keys_line = squeeze(str(app.screen.query_one("#feedback-keys").render()))
        assert "↑改评价" in keys_line and "1-5" not in keys_line
        await pilot.press("up", "4")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.value == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    rating = next(event for event in events(tmp_path / "logs") if event["event"] == "rating")
    assert rating["rating"] == 4 and not rating["comment"]


async def test_the_rating_survives_a_window_narrowed_to_almost_nothing_and_widened_again(
    bundled: Catalog, make_app: MakeApp, tmp_path: Path
) -> None:
    """At 10 columns the ratings list had no room for text, and Textual's option list crashed measuring it
    (ValueError: range() arg 3 must not be zero) once the window was widened again."""
    app = make_app(bundled, log_dir=tmp_path / "logs")
    async with app.run_test(size=(60, 20)) as pilot:
        await judge_faq_13(pilot, app, "n")
        for size in ((10, 20), (60, 20), (4, 3), (60, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause(0.2)
        assert isinstance(app.screen, FeedbackScreen)
        assert "非常不满意" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FeedbackScreen)
