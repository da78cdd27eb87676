"""Standard streams a command can always write to: closed, narrow or cut-off ones included.

``wizard >&-`` starts with no stdout, ``wizard <&-`` with no stdin;
``PYTHONIOENCODING=ascii`` cannot encode Chinese; ``wizard check | head -n 2``
closes the pipe while the command is still writing. None of these may end in
a traceback, and a cut-off pipe must not turn a failure into exit 0: after the
reader leaves, output goes nowhere and the command finishes with its own status.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO


class CutOffSafe(io.TextIOBase):
    """A text stream that, once its reader has gone (BrokenPipeError), quietly discards the rest."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self.cut_off = False

    def write(self, text: str) -> int:
        if not self.cut_off:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._cut()
        return len(text)

    def flush(self) -> None:
        if not self.cut_off:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._cut()

    def _cut(self) -> None:
        """From now on write to /dev/null, the file descriptor too, so the interpreter's last flush succeeds."""
        self.cut_off = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass

    def isatty(self) -> bool:
        return not self.cut_off and self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding


def prepare() -> None:
    """Make stdin, stdout and stderr safe for the rest of the process (call once, first thing)."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        elif isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")  # a narrow encoding shows \\uXXXX, never fails
        setattr(sys, name, CutOffSafe(stream))


def in_browser() -> bool:
    """Whether this process is a browser session of ``wizard serve`` (textual-serve's web driver): its
    streams are pipes, yet it is the full-screen app, and its size comes from the page."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")
