"""Where things are written: the line and column of every key and value, found when first asked.

Keeping a position for every scalar of every file cost more than half of the
memory and a third of the time of loading a big catalog, and almost nothing
asks for them: only a diagnostic, a coverage report's missing items, an LCOV
file or a failing example. So a :class:`SourceMap` keeps the file's text and
composes it again on the first question, for that file alone.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

Loc = tuple[str | int, ...]
"""A path into a file's data: keys and list indexes, as pydantic reports them."""
Position = tuple[int, int]
"""1-based line and column."""

_NOWHERE: Position = (1, 1)
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
"""Line breaks to libyaml (YAML 1.1), but not to an editor: where they occur, positions are recounted."""


class Lines:
    """Turns a character index of a text into an editor's line and column (only \\n, \\r\\n and \\r end a line)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts += [m.end() for m in _EDITOR_BREAK.finditer(text)]

    def position(self, index: int) -> Position:
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


_EDITOR_BREAK = re.compile("\r\n|\r|\n")


def differs_from_editor(text: str) -> bool:
    """Whether libyaml's line numbers for ``text`` would differ from what an editor shows."""
    return any(mark in text for mark in _OTHER_BREAKS)


def mark_position(mark: yaml.Mark, lines: Lines | None) -> Position:
    """1-based (line, column) of a libyaml mark, as an editor counts them."""
    if lines is not None:
        return lines.position(mark.index)
    return mark.line + 1, mark.column + 1


class SourceMap:
    """Positions (line, column) of the values and keys of one file, computed on first use."""

    def __init__(self, path: str, text: str | None = None) -> None:
        self.path = path
        self._text = text
        self._root: yaml.Node | None = None
        self._values: dict[Loc, Position] | None = None
        self._keys: dict[Loc, Position] = {}

    def keep(self, root: yaml.Node) -> None:
        """Hold on to the file's node graph while it is being validated: a schema problem then costs no second parse."""
        self._root = root

    def release(self) -> None:
        """Let the node graph go (positions asked for later compose the text again)."""
        self._root = None

    def locate(self, loc: Loc, *, key: bool = False) -> Position:
        """Position of ``loc`` (of its key, with ``key``), or of its nearest located parent."""
        values = self._positions()
        if key and loc in self._keys:
            return self._keys[loc]
        while loc:
            if loc in values:
                return values[loc]
            loc = loc[:-1]
        return values.get((), _NOWHERE)

    def line(self, loc: Loc, *, key: bool = False) -> int:
        return self.locate(loc, key=key)[0]

    def _positions(self) -> dict[Loc, Position]:
        if self._values is None:
            self._values = {}
            if self._text is not None:
                _record(self._text, self._values, self._keys, self._root)
                self._text = self._root = None  # the positions replace them
        return self._values


def _record(text: str, values: dict[Loc, Position], keys: dict[Loc, Position], root: yaml.Node | None = None) -> None:
    """Note where each key and value of ``text`` starts (the first of duplicate keys), composing it if need be."""
    import yaml

    from wizard.content.text import clean_text

    if root is None:
        try:
            root = compose(text)
        except yaml.YAMLError:
            return
    if root is None:
        return
    lines = Lines(text) if differs_from_editor(text) else None
    seen: set[int] = set()  # an alias is located where its anchor is, and walked once
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        values.setdefault(loc, mark_position(node.start_mark, lines))
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    child = (*loc, clean_text(str(key_node.value)))
                    if child not in keys:
                        keys[child] = mark_position(key_node.start_mark, lines)
                        stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((item, (*loc, index)) for index, item in enumerate(node.value)))


def compose(text: str) -> yaml.Node | None:
    """PyYAML's node graph of ``text``, built by libyaml when it is there (pure Python otherwise).

    Composing builds no Python values, so nothing in the file can run code or
    allocate without bound before :mod:`wizard.content.loader` looks at it.
    """
    import yaml

    return yaml.compose(text, Loader=_compose_loader())


@functools.cache
def _compose_loader() -> type:
    """The safe loader with a quicker tag resolver: the same tags, a sixth less time to compose.

    PyYAML resolves each scalar's tag in Python, walking path resolvers the safe
    loader never has; this does only the lookup by first character that decides.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    table = base.yaml_implicit_resolvers
    if table.get(None) or base.yaml_path_resolvers:
        return base  # resolvers this shortcut does not know: keep PyYAML's own
    text_tag = base.DEFAULT_SCALAR_TAG
    scalar = yaml.ScalarNode

    class QuickResolver(base):  # type: ignore[misc, valid-type]
        def descend_resolver(self, current_node: object, current_index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is scalar:
                if implicit[0]:
                    for tag, pattern in table.get(value[:1], ()):
                        if pattern.match(value):
                            return tag
                return text_tag
            return base.resolve(self, kind, value, implicit)

    return QuickResolver


@dataclass
class SourceIndex:
    """Which file, and where in it, each tree and answer was written."""

    trees: dict[str, SourceMap] = field(default_factory=dict)
    answers: dict[str, SourceMap] = field(default_factory=dict)
    answers_file: SourceMap | None = None
    synonyms_file: SourceMap | None = None

    def tree_path(self, tree_id: str) -> str:
        source = self.trees.get(tree_id)
        return source.path if source is not None else tree_id

    def tree_at(self, tree_id: str, loc: Loc, *, key: bool = False) -> tuple[str, Position]:
        """(file, position) of ``loc`` in the file of tree ``tree_id``; the tree id and 1:1 when unknown."""
        source = self.trees.get(tree_id)
        if source is None:
            return tree_id, _NOWHERE
        return source.path, source.locate(loc, key=key)

    def tree_line(self, tree_id: str, loc: Loc, *, key: bool = False) -> int:
        """The line of ``loc`` in tree ``tree_id``'s file; 0 when the tree has no file."""
        source = self.trees.get(tree_id)
        return source.line(loc, key=key) if source is not None else 0

    def answer_at(self, answer_id: str, loc: Loc = (), *, key: bool = False) -> tuple[str, Position]:
        source = self.answers[answer_id]
        return source.path, source.locate(("answers", answer_id, *loc), key=key or not loc)
