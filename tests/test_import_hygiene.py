"""What each way of starting the program imports, seen in a fresh interpreter.

Start-up speed is designed in: commands that show no full-screen app never
import Textual, and the app's first frame needs neither YAML nor pydantic nor
the search's numpy and character tables nor the subcommands' modules; the
commands that do not search do not load those either. One probe per promise, each in its own process,
because an import made by one check would hide another.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_TREES

COMMANDS_WITHOUT_TEXTUAL = """
import contextlib, io, shutil, sys, tempfile
from wizard.cli import main
trees = tempfile.mkdtemp() + "/trees"
shutil.copytree({bundled!r}, trees)
runs = [
    ["check", trees, "--stats"], ["check", trees, "--format", "json"], ["schema"], ["schema", "answers"],
    ["coverage", trees], ["coverage", trees, "--format", "lcov"], ["coverage", trees, "--suggest"],
    ["ask", "户籍性质为空"], ["ask", "--format", "json", "zzzz"], ["walk", "enrolment-errors"], [],
    ["graph", "--all", "--format", "dot"], ["new", "x-y", "--title", "t", "--trees", trees], ["--version"],
    ["report", trees], ["report", trees, "--format", "html"], ["check", trees, "--format", "sarif"],
    ["diff", trees, trees], ["diff", trees, trees, "--format", "markdown"],
]
for argv in runs:
    sys.stdin = io.StringIO("1\\n")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(argv)
        except SystemExit:
            pass
print(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")))
"""

COMMANDS_WITHOUT_SEARCH = """
import contextlib, io, shutil, sys, tempfile
from wizard.cli import main
trees = tempfile.mkdtemp() + "/trees"
shutil.copytree({bundled!r}, trees)
runs = [["check", trees], ["schema"], ["coverage", trees], ["graph", "--all", "--format", "dot"], ["--version"]]
for argv in runs:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(argv)
        except SystemExit:
            pass
print(sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "opencc", "xpinyin")))
"""

APP_START_UP = """
import sys
from wizard.cli import _parse_for_app
from wizard.commands import SUBCOMMANDS
args = _parse_for_app(["--lang", "en", "--trees", "somewhere"])
assert (args.lang, args.trees, args.command) == ("en", "somewhere", None), args
assert _parse_for_app(["check"]) is None and _parse_for_app(["-h"]) is None
import wizard.tui.app
heavy = {"yaml", "pydantic", "numpy", "opencc", "xpinyin"} | {"wizard.commands." + name for name in SUBCOMMANDS}
print(sorted(m for m in sys.modules if m in heavy))
"""


@pytest.mark.parametrize(
    "probe",
    [
        COMMANDS_WITHOUT_TEXTUAL.format(bundled=str(BUNDLED_TREES)),
        COMMANDS_WITHOUT_SEARCH.format(bundled=str(BUNDLED_TREES)),
        APP_START_UP,
    ],
    ids=["commands-without-textual", "commands-without-search", "app-start-up"],
)
def test_start_up_imports_only_what_it_needs(probe: str, neutral_cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(probe)], capture_output=True, text=True, cwd=neutral_cwd, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
