"""Noticing edits to the trees folder by polling modification times.

Polling a handful of YAML files twice a second costs nothing and needs no new
dependency (watchdog, watchfiles); it also sees files that are added or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wizard.locate import answers_beside, yaml_files_in

Stamp = tuple[tuple[str, int, int], ...]


def _files(paths: Sequence[Path]) -> list[Path]:
    """The same files the loader reads (wizard.locate decides, without importing YAML or pydantic)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += yaml_files_in(path)
        else:
            found += [path, *answers_beside(path)]
    return sorted(set(found))


def stamp(paths: Sequence[Path]) -> Stamp:
    """Name, modification time and size of every tree file: changes when any file does."""
    entries = []
    for path in _files(paths):
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
