"""Read tree files safely and remember where every key and value came from.

PyYAML's own constructors would lose positions, keep the last of two duplicate
keys, expand alias bombs and, with the unsafe loaders, run code. So we only let
libyaml (or the pure-Python parser when libyaml is missing) *compose* a node
graph, then build plain dicts, lists and scalars ourselves: that is where
duplicate keys, foreign tags, alias expansion and control characters are
caught, each with a ``path:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from wizard.control import clean_text
from wizard.diagnostics import Diagnostic, did_you_mean, has_errors, make
from wizard.gc_pause import gc_paused
from wizard.locate import ANSWERS_FILENAMES, answers_beside, yaml_files_in
from wizard.model import AnswersFile, Catalog, Tree

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 64

_ComposeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null")}
Loc = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class SourceMap:
    """Positions (1-based line, column) of the values and keys of one file."""

    path: str
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> Position:
        """Position of ``loc``, or of its nearest located parent."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


class _Problem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node graph into plain data, recording positions."""

    def __init__(self, path: str) -> None:
        self.source = SourceMap(path)
        self.diagnostics: list[Diagnostic] = []
        self._scalars = yaml.constructor.SafeConstructor()
        self._built: set[int] = set()
        self._on_stack: set[int] = set()
        self._alias_depth = 0
        self._alias_budget = MAX_ALIAS_EXPANSION

    def _fail(self, code: str, node: yaml.Node, message: str, hint: str | None = None) -> None:
        raise _Problem(make(code, self.source.path, _position(node), message, hint))

    def build(self, node: yaml.Node, loc: Loc = ()) -> Any:
        key = id(node)
        is_alias = key in self._built
        if is_alias or self._alias_depth:
            self._spend_alias_budget(node, key)
        self._built.add(key)
        self.source.values[loc] = _position(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if len(loc) > MAX_DEPTH:
            self._fail("WZ009", node, f"values are nested more than {MAX_DEPTH} levels deep")
        self._alias_depth += is_alias
        self._on_stack.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            self._check_tag(node, _TAG + "seq")
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        finally:
            self._on_stack.discard(key)
            self._alias_depth -= is_alias

    def _spend_alias_budget(self, node: yaml.Node, key: int) -> None:
        """Aliases share nodes; building them again is where a 'billion laughs' file would explode."""
        if key in self._on_stack:
            self._fail("WZ007", node, "an alias refers to itself", "remove the recursive '*' alias")
        self._alias_budget -= 1
        if self._alias_budget < 0:
            self._fail(
                "WZ007",
                node,
                f"aliases expand to more than {MAX_ALIAS_EXPANSION} values",
                "write the values out instead of repeating '*' aliases",
            )

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self._fail(
                "WZ006",
                node,
                f"the tag '{node.tag.replace(_TAG, '!!')}' is not allowed",
                "tree files hold plain text, numbers, lists and maps only",
            )

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        self._check_tag(node, _TAG + "map")
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail("WZ012", key_node, "a key must be plain text, not a list or a map")
            name = clean_text(str(key_node.value))
            where = _position(key_node)
            if name in first_seen:
                line = first_seen[name][0]
                self.diagnostics.append(
                    make(
                        "WZ005",
                        self.source.path,
                        where,
                        f"the key '{name}' appears twice in the same map (first on line {line})",
                        "keep one of them; YAML would silently use only the last",
                    )
                )
                continue
            first_seen[name] = where
            self.source.keys[(*loc, name)] = where
            result[name] = self.build(value_node, (*loc, name))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _TAG + "str" or tag == _TAG + "timestamp":  # an unquoted date is text to us, not a datetime
            return clean_text(node.value)
        if tag not in _PLAIN_TAGS:
            self._check_tag(node, _TAG + "str")
        return self._scalars.construct_object(node)


def _byte_position(data: bytes, offset: int) -> Position:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _syntax_problem(path: str, error: yaml.YAMLError, text: str) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    lines = text.splitlines()
    hint = None
    if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
        hint = "indent with spaces, not tabs"
    return make("WZ001", path, position, message.replace("\n", " "), hint)


def parse_yaml(path: Path, label: str | None = None) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Read one YAML file into plain data and positions, or diagnostics saying why not."""
    name = label or str(path)
    source = SourceMap(name)
    start = (1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, source, [make("WZ003", name, start, f"the file is {size:,} bytes; the limit is {limit} MB")]
        data = path.read_bytes()
    except OSError as error:
        return None, source, [make("WZ008", name, start, f"cannot read the file: {error.strerror or error}")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, source, [make("WZ002", name, start, "the file is UTF-16 text", "save the file as UTF-8")]
    if b"\x00" in data:
        where = _byte_position(data, data.index(b"\x00"))
        return None, source, [make("WZ002", name, where, "the file holds binary data, not text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = _byte_position(data, error.start)
        hint = "save the file as UTF-8"
        return None, source, [make("WZ002", name, where, "the file is not valid UTF-8 text", hint)]
    try:
        root = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.YAMLError as error:
        return None, source, [_syntax_problem(name, error, text)]
    if root is None:
        return (
            None,
            source,
            [make("WZ004", name, start, "the file holds no data", "a tree needs at least 'id', 'title' and 'nodes'")],
        )
    builder = _Builder(name)
    try:
        value = builder.build(root)
    except _Problem as problem:
        return None, builder.source, [*builder.diagnostics, problem.diagnostic]
    return value, builder.source, builder.diagnostics


def _known_keys() -> set[str]:
    """Every key any tree or answers file may use (for 'did you mean')."""
    from wizard import model as models

    names: set[str] = set()
    for candidate in (models.Answer, models.AnswersFile, models.Option, models.Question, models.Example, models.Tree):
        names.update(candidate.model_fields)
    return names


def _describe(loc: Loc) -> str:
    return ".".join(str(part) for part in loc if part != "[key]") or "the top level of the file"


def _schema_problems(error: ValidationError, source: SourceMap) -> list[Diagnostic]:
    problems = []
    missing: dict[Loc, list[str]] = {}  # one line per map that lacks keys, not one per key
    for item in error.errors(include_url=False):
        loc: Loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            hint = did_you_mean(key, _known_keys())
            where = source.locate(loc, key=True)
            problems.append(
                make(
                    "WZ010",
                    source.path,
                    where,
                    f"unknown key '{key}' in {_describe(loc[:-1])}",
                    hint or "remove it or check its spelling",
                )
            )
        elif kind == "missing":
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
        elif kind == "value_error" and loc and isinstance(loc[-1], int) and "options" in loc:
            message = str(item["msg"]).removeprefix("Value error, ")
            problems.append(make("WZ013", source.path, source.locate(loc), message))
        else:
            is_key = bool(loc) and loc[-1] == "[key]"
            where = source.locate(loc[:-1], key=True) if is_key else source.locate(loc)
            message = _friendly_message(item)
            problems.append(make("WZ012", source.path, where, f"{_describe(loc)}: {message}"))
    for parent, keys in missing.items():
        names = [f"'{key}'" for key in keys]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is" if len(names) == 1 else "are"
        problems.append(
            make("WZ011", source.path, source.locate(parent), f"{listed} {verb} required in {_describe(parent)}")
        )
    return problems


_PLAIN_WORDS = {
    "string_type": "should be text; put it in quotes",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "list_type": "should be a list (lines starting with '- ')",
    "dict_type": "should be a map ('key: value' lines)",
    "model_type": "should be a map ('key: value' lines)",
    "string_too_short": "must not be empty",
    "literal_error": "should be one of the allowed words",
}


def _friendly_message(item: Any) -> str:
    """Pydantic's message, reworded for people who do not program."""
    kind = item["type"]
    if kind == "string_pattern_mismatch":
        return f"'{item['input']}' is not a valid id (use lowercase letters, digits and '-', like 'which-error')"
    got = type(item.get("input")).__name__
    shown = {"NoneType": "nothing", "dict": "a map", "list": "a list", "str": "text", "int": "a number"}.get(got, got)
    if kind == "literal_error":
        return f"should be {item['ctx']['expected']}"
    if kind == "string_too_long":
        return f"is too long (at most {item['ctx']['max_length']} characters)"
    if kind in _PLAIN_WORDS:
        return f"{_PLAIN_WORDS[kind]} (got {shown})" if "type" in kind else _PLAIN_WORDS[kind]
    return str(item["msg"])


@dataclass
class FileResult:
    """One file read and validated: the model (or None) and where its parts are."""

    path: str
    source: SourceMap
    model: Tree | AnswersFile | None
    diagnostics: list[Diagnostic]


def load_file(path: Path, label: str | None = None) -> FileResult:
    """Parse and validate one tree file or answers file."""
    model_type: type[Tree] | type[AnswersFile] = AnswersFile if path.name in ANSWERS_FILENAMES else Tree
    data, source, diagnostics = parse_yaml(path, label)
    if data is None or has_errors(diagnostics):
        return FileResult(source.path, source, None, diagnostics)
    if not isinstance(data, dict):
        where = source.locate(())
        diagnostics.append(
            make(
                "WZ012",
                source.path,
                where,
                "the file must be a map of keys (like 'id:', 'nodes:'), not a list or a single value",
            )
        )
        return FileResult(source.path, source, None, diagnostics)
    try:
        model = model_type.model_validate(data)
    except ValidationError as error:
        return FileResult(source.path, source, None, diagnostics + _schema_problems(error, source))
    return FileResult(source.path, source, model, diagnostics)


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files named by ``paths``: folders give their *.yaml files, a tree file brings its answers.yaml."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found = yaml_files_in(path)
            if not found:
                problems.append(make("WZ008", str(path), (1, 1), "this folder holds no .yaml files"))
            files.extend(found)
        elif path.is_file():
            files += [path, *answers_beside(path)]
        else:
            problems.append(make("WZ008", str(path), (1, 1), "no such file or folder"))
    unique = list(dict.fromkeys(p.resolve() for p in files))
    by_resolved = {p.resolve(): p for p in files}
    return [by_resolved[p] for p in unique], problems


@dataclass
class LoadResult:
    """A catalog ready to use (None when there are errors) and everything found on the way."""

    catalog: Catalog | None
    diagnostics: list[Diagnostic]
    files: list[FileResult]

    @property
    def ok(self) -> bool:
        return self.catalog is not None


def load_catalog(paths: Sequence[Path], *, run_checks: bool = True) -> LoadResult:
    """Load trees and answers from files and folders, then run the graph checks."""
    files, diagnostics = find_files(paths)
    with gc_paused():
        return _load(files, diagnostics, run_checks)


def _load(files: list[Path], diagnostics: list[Diagnostic], run_checks: bool) -> LoadResult:
    from wizard import checks

    results = [load_file(path) for path in files]
    for result in results:
        diagnostics.extend(result.diagnostics)
    catalog = None
    if not has_errors(diagnostics):
        catalog, problems = checks.assemble(results)
        diagnostics.extend(problems)
        if catalog is not None and run_checks and not has_errors(problems):
            diagnostics.extend(checks.check(catalog, checks.SourceIndex.from_files(results)))
        if has_errors(diagnostics):
            catalog = None
    return LoadResult(catalog, sorted(set(diagnostics)), results)
