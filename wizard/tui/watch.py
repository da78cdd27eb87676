"""Noticing edits to the trees folder by polling modification times.

Polling a handful of YAML files twice a second costs nothing and needs no new
dependency (watchdog, watchfiles); it also sees files that are added or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wizard.content.locate import tree_files

Stamp = tuple[tuple[str, int, int], ...]


def stamp(paths: Sequence[Path]) -> Stamp:
    """Name, modification time and size of every tree file the loader would read: changes when any file does."""
    entries = []
    for path in tree_files(paths).files:
        try:
            info = path.stat()
        except OSError:
            continue
        entries.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(entries)


class TreeWatcher:
    """Remembers the last stamp of the trees and says when it changed."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self._last = stamp(self.paths)

    def changed(self) -> bool:
        """True once per change (the new state becomes the reference)."""
        current = stamp(self.paths)
        if current == self._last:
            return False
        self._last = current
        return True
