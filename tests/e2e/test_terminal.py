"""The installed `wizard` command in a real terminal: tmux sends keys, capture-pane reads the screen.

Skips only when tmux is missing and CI is not set; in CI a missing tmux fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREES
from wizard.content.catalog import load_catalog

TIMEOUT = 30.0
WIZARD = Path(sys.executable).parent / "wizard"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Run tmux commands on a private server (own socket), killed afterwards."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required in CI for the end-to-end terminal test")
        pytest.skip("tmux is not installed")
    socket = f"wizard-e2e-{uuid.uuid4().hex[:12]}"

    def run(*args: str, check: bool = True) -> str:
        result = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30)
        if check:
            assert result.returncode == 0, result.stderr
        return result.stdout if result.returncode == 0 else ""

    yield run
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=30)


def wait_for(capture: Callable[[], str], text: str) -> str:
    """Poll the pane until ``text`` appears (generous timeout, no fixed sleeps)."""
    deadline = time.monotonic() + TIMEOUT
    screen = ""
    while time.monotonic() < deadline:
        screen = capture()
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; the screen was:\n{screen}")


def launch(tmux: Callable[..., str], tmp_path: Path, size: tuple[int, int]) -> Callable[[], str]:
    """Start the installed wizard on the bundled trees in a tmux pane of ``size``; what reads the pane."""
    assert WIZARD.exists(), f"install the package first: {WIZARD} is missing"
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "XDG_CACHE_HOME": str(tmp_path)}
    command = f"{WIZARD} --trees {BUNDLED_TREES} --save-dir {tmp_path} --no-log"
    tmux(
        "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]),
        *(arg for key, value in env.items() for arg in ("-e", f"{key}={value}")),
        command,
    )  # fmt: skip
    return lambda: tmux("capture-pane", "-p")


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_walk_to_an_answer_in_a_real_terminal(tmux: Callable[..., str], tmp_path: Path, size: tuple[int, int]) -> None:
    """A number starts the task, another picks the option; the answer opens at its title; Enter keeps it."""
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    order = [tree.id for tree in catalog.ordered_trees()]
    tree = catalog.trees["enrolment-errors"]
    example = tree.examples[2]  # 户籍性质为空: a long title, two click paths
    question = tree.nodes[tree.start]
    option = [o.label for o in question.options].index(example.choose[0])
    answer = catalog.answers[example.expect]

    capture = launch(tmux, tmp_path, size)

    def top() -> str:
        """The first lines of the screen, without spaces (a long title wraps)."""
        return "".join("".join(capture().splitlines()[:5]).split())

    wait_for(capture, "江苏人社网办向导")
    wait_for(capture, tree.title)
    tmux("send-keys", str(order.index(tree.id) + 1))
    wait_for(capture, question.question[:8])
    tmux("send-keys", str(option + 1))
    wait_for(top, answer.title[:12])
    assert f"常见问题第{answer.faq}条" in top()
    tmux("send-keys", "Enter")  # Enter is not "solved": the answer stays
    time.sleep(0.5)
    assert answer.title[:12] in top()
    tmux("send-keys", "q")  # quitting ends the command, and with it the tmux session
    wait_for(lambda: "" if tmux("list-sessions", check=False) else "ended", "ended")


def test_a_phrase_committed_at_once_that_begins_with_a_number_is_searched_whole(
    tmux: Callable[..., str], tmp_path: Path
) -> None:
    """An input method wrote 11号以后入职的员工 to the terminal in one go: the 1 started task 1, or the
    digits landed after the Chinese in the box (号以后入职的员工11)."""
    capture = launch(tmux, tmp_path, (80, 24))
    wait_for(capture, "江苏人社网办向导")
    wait_for(capture, "1. ")  # the task list is up
    tmux("send-keys", "-l", "11号以后入职的员工")
    screen = wait_for(capture, "常见问题第 7 条")  # FAQ 7 is about joining after the 11th
    assert "11号以后入职的员工" in screen
    assert "已回答" not in screen  # no task was started
