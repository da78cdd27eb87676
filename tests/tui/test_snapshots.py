"""How the main screens look on an ordinary terminal and a small one (pytest-textual-snapshot).

The pictures use the small catalog in tests/tui/data/sample, so they change when
the interface does, not when the bundled content is edited. After a deliberate
change to the look, run `pytest tests/tui/test_snapshots.py --snapshot-update -n 0`
and review the new SVG files before committing them.

80×24 is the ordinary terminal, 60×20 a small window: at both, home lists every
task, a question shows its options, and a long answer opens at its title.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tui.conftest import SAMPLE, load
from wizard.tui.app import WizardApp

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
SCREENS = {
    "home": [],
    "question": ["1", "3"],  # a task, then "其他报错": a question with the steps chosen above it
    "long-answer": ["1", "1"],  # 未获取到人员信息: body, click path, related answers
}


def app() -> WizardApp:
    return WizardApp(load(SAMPLE))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare: SnapCompare, screen: str, size: tuple[int, int]) -> None:
    assert snap_compare(app(), press=SCREENS[screen], terminal_size=size)
