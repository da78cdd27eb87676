"""Writing a file whole or not at all: a full disk never leaves half a file under its final name."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def write_whole(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to a temporary file beside ``path``, then put it in place in one step.

    With ``overwrite`` false an existing ``path`` is kept and FileExistsError
    raised (the file is linked into place, which never replaces anything).
    A ``path`` that exists and is not a regular file (a device such as
    /dev/stdout, a pipe, a folder) is written to directly, never replaced.
    Raises OSError as the system reports it; nothing is left behind on failure.
    """
    if path.exists() and not path.is_file():
        if not overwrite:
            raise FileExistsError(errno.EEXIST, "exists", str(path))
        with path.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    folder = path.parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
