"""Time to the first painted screen: `wizard` against a minimal Textual app, side by side.

Each program runs in a pseudo-terminal (100×30), and the clock stops when its
first screen's text reaches the terminal: for `wizard` the title of the first
task in the list (so the trees are loaded and shown), for the baseline an
option of its OptionList. Runs alternate between the two programs, and the
median of each is reported with their ratio (target: at most 1.25×).

    .venv/bin/python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIZARD = Path(sys.executable).parent / "wizard"
BASELINE = """
from textual.app import App
from textual.widgets import OptionList

class Baseline(App):
    def compose(self):
        yield OptionList("Baseline-option-one", "Baseline-option-two")

Baseline().run()
"""
TIMEOUT = 30.0
CACHE = tempfile.mkdtemp(prefix="wizard-startup-")
"""A private cache folder: the warm-up run fills wizard's start-up cache, as a clerk's first run would."""


def first_task_title() -> str:
    sys.path.insert(0, str(ROOT))
    from wizard.content.catalog import load_catalog
    from wizard.content.locate import bundled_trees

    catalog = load_catalog([bundled_trees()]).catalog
    assert catalog is not None, "the bundled trees do not load"
    return catalog.ordered_trees()[0].title


def time_to_text(command: list[str], marker: str) -> float:
    """Seconds from starting ``command`` in a pty until ``marker`` appears in its output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_CACHE_HOME": CACHE}
    wanted = marker.encode("utf-8")
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            if wanted in seen:
                return time.perf_counter() - started
        raise RuntimeError(f"{command[0]} did not show {marker!r} within {TIMEOUT}s")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="repetitions of each program (default 9)")
    args = parser.parse_args()
    wizard_command = [str(WIZARD), "--trees", str(ROOT / "trees")]
    baseline_command = [sys.executable, "-c", BASELINE]
    marker = first_task_title()
    time_to_text(wizard_command, marker)  # warm the OS file cache, bytecode, and wizard's task-list cache
    time_to_text(baseline_command, "Baseline-option-one")
    wizard_times, baseline_times = [], []
    for _ in range(args.runs):
        wizard_times.append(time_to_text(wizard_command, marker))
        baseline_times.append(time_to_text(baseline_command, "Baseline-option-one"))
    wizard_median = statistics.median(wizard_times)
    baseline_median = statistics.median(baseline_times)
    print(f"wizard            median {wizard_median * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"minimal Textual   median {baseline_median * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"ratio             {wizard_median / baseline_median:.2f}x  (target <= 1.25x)")
    shutil.rmtree(CACHE, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
