"""A small cache of the task list, so the home screen paints before the trees are loaded.

Loading the trees means importing YAML and pydantic and validating every file:
most of the start-up time after Textual itself. The home screen only needs each
task's id, title and summary, so those are kept in a JSON file keyed by the
program version and every tree file's name, modification time and size. On a
hit the app paints the task list at once and loads the catalog right after the
first frame; any change to any file (or to the program) is a miss, which loads
the trees before starting, exactly as without a cache.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wizard import __version__
from wizard.tui.watch import stamp

if TYPE_CHECKING:
    from wizard.content.model import Catalog

APP_NAME = "hrss-wizard"


WAY_OUT = "@way-out"
"""The id of the way-out task (no tree id can start with '@')."""


@dataclass(frozen=True)
class Task:
    """What the home screen shows for one tree, or for the catalog's way out (id WAY_OUT, no summary)."""

    id: str
    title: str
    summary: str


def default_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def _key(paths: Sequence[Path]) -> tuple[str, str]:
    """(file name for these paths, fingerprint of their current state).

    The fingerprint is the state itself, compared whole, and the name a CRC:
    hashlib would cost start-up time for nothing here.
    """
    resolved = [str(path.resolve()) for path in paths]
    name = f"{zlib.crc32(chr(0).join(resolved).encode()):08x}"
    return f"home-{name}.json", json.dumps([__version__, resolved, stamp(paths)])


def read(paths: Sequence[Path], folder: Path) -> list[Task] | None:
    """The cached task list, or None when anything changed (or there is no cache)."""
    name, fingerprint = _key(paths)
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint:
            return None
        return [Task(str(t["id"]), str(t["title"]), str(t["summary"])) for t in data["tasks"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(paths: Sequence[Path], folder: Path, catalog: Catalog) -> None:
    """Remember the task list of a catalog that loaded cleanly (failures are ignored)."""
    name, fingerprint = _key(paths)
    tasks = [asdict(task) for task in tasks_of(catalog)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{name}.tmp"
        temporary.write_text(json.dumps({"fingerprint": fingerprint, "tasks": tasks}, ensure_ascii=False), "utf-8")
        temporary.replace(folder / name)
    except OSError:
        pass


def tasks_of(catalog: Catalog) -> list[Task]:
    """The home screen's list: every tree in order, then the way out when the catalog names a task for it."""
    tasks = [Task(tree.id, tree.title, tree.summary) for tree in catalog.ordered_trees()]
    if catalog.way_out is not None and catalog.way_out.task:
        tasks.append(Task(WAY_OUT, catalog.way_out.task, ""))
    return tasks
