"""--lang en switches the interface's own words; run_app's exit code on broken trees."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.tui.conftest import SAMPLE, MakeApp, choose, screen_text, start
from wizard.content.model import Catalog
from wizard.i18n import STRINGS
from wizard.plain import LineWizard
from wizard.tui.app import run_app
from wizard.tui.screens.help import HelpScreen


def test_every_interface_string_exists_in_both_languages() -> None:
    assert set(STRINGS["zh"]) == set(STRINGS["en"])
    assert all(STRINGS["en"].values()) and all(STRINGS["zh"].values())


async def test_english_interface_keeps_the_content_as_written(sample: Catalog, make_app: MakeApp) -> None:
    app = make_app(sample, lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Jiangsu HR & Social Security Wizard" in shown and "Tasks" in shown
        assert "参保登记报错处理" in shown  # content stays Chinese
        assert "1-9 Start task" in shown and "q Quit" in shown
        await start(pilot, app, "sample")
        footer = screen_text(app).splitlines()[-1]
        assert "Esc Back" in footer and "Ctrl+R Restart" in footer and "h Home" in footer
        assert "系统提示的是哪条报错？" in screen_text(app)
        await choose(pilot, app, "户籍性质为空")
        shown = screen_text(app)
        assert "Did this solve your problem?" in shown and "FAQ 13" in shown
        assert "Your choices" in shown and "Click path" in shown
        assert "报错「户籍性质为空」怎么办？" in shown
        for chinese in ("是否解决", "返回上一步", "常见问题第", "操作路径"):
            assert chinese not in shown
        await pilot.press("c")
        assert app.clipboard.startswith("报错「户籍性质为空」怎么办？（FAQ 13）")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Keys" in shown and "Everywhere" in shown and "Copy" in shown
        assert "按键说明" not in shown


async def test_english_punctuation_stays_english_on_the_not_solved_page(sample: Catalog, make_app: MakeApp) -> None:
    """QA round 9: the folded answer read "Click path：单位办事 › …", with the Chinese full-width colon."""
    app = make_app(sample, lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        await pilot.press("n")  # no rating dialog: the app keeps no log
        await pilot.pause()
        shown = screen_text(app)
        assert "The answer above did not solve your problem" in shown
        assert "Click path: " in shown and "Click path：" not in shown


def test_the_english_line_mode_ends_its_sentences_the_english_way(sample: Catalog) -> None:
    """The line mode added a Chinese 。 to "did not solve your problem" and ran the heading into the title."""
    out = io.StringIO()
    LineWizard(sample, "en", io.StringIO("户籍性质为空\n1\nn\nq\n"), out).run(None)
    said = out.getvalue()
    assert "The answer above did not solve your problem.\n" in said and "problem。" not in said
    assert "The answer you tried (not solved): 报错" in said


async def test_the_chinese_app_is_unaffected_by_an_english_one(sample: Catalog, make_app: MakeApp) -> None:
    """Binding descriptions are translated per instance, never on the shared class."""
    english = make_app(sample, lang="en")
    async with english.run_test(size=(160, 30)):
        pass
    app = make_app(sample)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert "1-9 办理事项" in screen_text(app)


def test_run_app_reports_broken_trees_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "trees"
    broken.mkdir()
    (broken / "answers.yaml").write_text((SAMPLE / "answers.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "t.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert run_app([broken], lang="zh") == 1
    err = capsys.readouterr().err
    assert "无法加载事项文件：" in err
    assert f"{broken / 't.yaml'}:2:1: error WZ001" in err


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_box_hints_are_whole_at_60_columns(sample: Catalog, make_app: MakeApp, tmp_path: Path, lang: str):
    """A placeholder cut at the box's edge lost its end: "(/ to focus)", "no ID or phone numbers please)"."""
    app = make_app(sample, lang=lang, log_dir=tmp_path / "logs")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert STRINGS[lang]["search_placeholder"] in screen_text(app)
        await start(pilot, app, "sample")
        await choose(pilot, app, "户籍性质为空")
        await pilot.press("y")
        await pilot.pause()
        assert STRINGS[lang]["feedback_placeholder"] in screen_text(app)
