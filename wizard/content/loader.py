"""Read one tree or answers file safely: YAML → plain data → a validated model, or located diagnostics.

PyYAML's own constructors would keep the last of two duplicate keys, expand
alias bombs and, with the unsafe loaders, run code. So libyaml only *composes*
a node graph (:func:`wizard.content.source.compose`) and we build plain dicts,
lists and scalars ourselves: that is where duplicate keys, foreign tags, alias
expansion, nesting depth and control characters are caught, each with a
``path:line:col``. Budgets bound what any file under the size cap can cost.

The builder is the hot loop of loading a big catalog, so it does only what the
file needs: alias bookkeeping only when the text has an anchor (``&``), text
cleaning only when a control character or an escape (``\\``) can occur.
Positions are not recorded here (see :mod:`wizard.content.source`).
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, cast

import yaml
from pydantic import ValidationError

from wizard.content.diagnostics import Diagnostic, did_you_mean, has_errors, make
from wizard.content.locate import is_answers_file, is_synonyms_file
from wizard.content.model import AnswersFile, SynonymsFile, Tree, validate
from wizard.content.source import Lines, Loc, Position, SourceMap, compose, differs_from_editor, mark_position
from wizard.content.text import clean_text, has_control

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 30
"""A longer number is a mistake (or an attack on int()); a maintainer means text and should quote it."""
MAX_REPORTED_DUPLICATES = 20
"""Duplicate keys reported one by one in a file; past this, one line says how many more."""
MAX_VALUES = 400_000
"""Composing costs about a microsecond and a few hundred bytes a value: this keeps any file to about a
second and 200 MB. The biggest file of the 100 000-question benchmark holds about 365 000."""

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
_TEXT_TAGS = {_STR, _TAG + "timestamp"}  # an unquoted date is text to us, not a datetime
_VALUE_TAGS = {_TAG + name for name in ("int", "float", "bool", "null")}
_INT, _NULL = _TAG + "int", _TAG + "null"
_START: Position = (1, 1)
ModelType = type[Tree] | type[AnswersFile] | type[SynonymsFile]
_Scalar, _Mapping, _Sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


class _Problem(Exception):
    """Building stops at the first problem that makes the rest of the file meaningless."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class _Builder:
    """Turns a composed node graph into plain data (dicts, lists, str, int, float, bool, None)."""

    def __init__(self, path: str, *, aliases: bool, clean: bool, lines: Lines | None = None) -> None:
        self.path = path
        self._lines = lines
        self.diagnostics: list[Diagnostic] = []
        self._aliases = aliases
        self._clean = clean
        self._verbatim = not aliases and not clean
        """Plain text values can be taken as they are: no alias to count, nothing to clean."""
        self._constructor = yaml.constructor.SafeConstructor()
        self._built: set[int] = set()
        self._on_stack: set[int] = set()
        self._alias_depth = 0
        self._alias_budget = MAX_ALIAS_EXPANSION
        self._duplicates = 0
        self._first_unlisted: Position = _START

    def fail(self, node: yaml.Node, code: str, variant: str = "", **fields: Any) -> NoReturn:
        raise _Problem(make(code, self.path, self.position(node), variant, **fields))

    def position(self, node: yaml.Node) -> Position:
        return mark_position(node.start_mark, self._lines)

    def build(self, node: yaml.Node) -> Any:
        """The plain data of the document whose root is ``node``."""
        data = self._track(node, 0) if self._aliases else self._plain(node, 0)
        more = self._duplicates - MAX_REPORTED_DUPLICATES
        if more > 0:
            self.diagnostics.append(make("WZ005", self.path, self._first_unlisted, "more", count=more))
        return data

    def _plain(self, node: yaml.Node, depth: int) -> Any:
        kind = node.__class__
        if kind is _Scalar:
            return self._scalar(cast(yaml.ScalarNode, node))
        if kind is _Mapping:
            return self._mapping(cast(yaml.MappingNode, node), depth, self._plain)
        return self._sequence(node, depth, self._plain)

    def _track(self, node: yaml.Node, depth: int) -> Any:
        """``_plain`` with alias bookkeeping: a 'billion laughs' file stops at the budget."""
        key = id(node)
        is_alias = key in self._built
        if is_alias or self._alias_depth:
            if key in self._on_stack:
                self.fail(node, "WZ007", "recursive")
            self._alias_budget -= 1
            if self._alias_budget < 0:
                self.fail(node, "WZ007", limit=MAX_ALIAS_EXPANSION)
        self._built.add(key)
        if node.__class__ is _Scalar:
            return self._scalar(node)
        self._alias_depth += is_alias
        self._on_stack.add(key)
        try:
            if node.__class__ is _Mapping:
                return self._mapping(node, depth, self._track)
            return self._sequence(node, depth, self._track)
        finally:
            self._on_stack.discard(key)
            self._alias_depth -= is_alias

    def _verbatim_value(self, node: yaml.Node, depth: int) -> Any:
        """``_plain`` for a value inside a container, with the common cases first and no extra call."""
        kind = node.__class__
        if kind is _Scalar and node.tag == _STR:
            return node.value
        if kind is _Mapping:
            return self._mapping(cast(yaml.MappingNode, node), depth, self._plain)
        if kind is _Sequence:
            return self._sequence(node, depth, self._plain)
        return self._scalar(cast(yaml.ScalarNode, node))

    def _sequence(self, node: yaml.Node, depth: int, build: Callable[[yaml.Node, int], Any]) -> list[Any]:
        if depth > MAX_DEPTH:
            self.fail(node, "WZ009", limit=MAX_DEPTH)
        if node.tag != _SEQ:
            self._forbidden_tag(node)
        if self._verbatim:
            value = self._verbatim_value
            return [
                item.value if item.__class__ is _Scalar and item.tag == _STR else value(item, depth + 1)
                for item in node.value
            ]
        return [build(item, depth + 1) for item in node.value]

    def _mapping(self, node: yaml.MappingNode, depth: int, build: Callable[[yaml.Node, int], Any]) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            self.fail(node, "WZ009", limit=MAX_DEPTH)
        if node.tag != _MAP:
            self._forbidden_tag(node)
        result: dict[str, Any] = {}
        first_lines: dict[str, int] | None = None
        verbatim = self._verbatim
        mapping, sequence = self._mapping, self._sequence
        for key_node, value_node in node.value:
            if key_node.__class__ is not _Scalar or key_node.tag != _STR:
                if key_node.__class__ is not _Scalar:
                    self.fail(key_node, "WZ012", "key-not-text")
                if key_node.tag not in _TEXT_TAGS and key_node.tag not in _VALUE_TAGS:
                    self._forbidden_tag(key_node)
            name = clean_text(key_node.value) if self._clean else key_node.value
            if name in result:
                self._duplicates += 1
                if self._duplicates <= MAX_REPORTED_DUPLICATES:
                    if first_lines is None:
                        first_lines = {k.value: self.position(k)[0] for k, _ in reversed(node.value)}
                    line = first_lines.get(key_node.value, 0)
                    self.diagnostics.append(make("WZ005", self.path, self.position(key_node), key=name, line=line))
                elif self._duplicates == MAX_REPORTED_DUPLICATES + 1:
                    self._first_unlisted = self.position(key_node)
                continue
            if verbatim:  # the common cases inline: this loop is the hot spot of loading a big catalog
                kind = value_node.__class__
                if kind is _Scalar and value_node.tag == _STR:
                    result[name] = value_node.value
                elif kind is _Mapping:
                    result[name] = mapping(value_node, depth + 1, build)
                elif kind is _Sequence:
                    result[name] = sequence(value_node, depth + 1, build)
                else:
                    result[name] = self._scalar(value_node)
            else:
                result[name] = build(value_node, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in _TEXT_TAGS:
            return clean_text(node.value) if self._clean else node.value
        if tag not in _VALUE_TAGS:
            self._forbidden_tag(node)
        value = node.value
        if len(value) > MAX_NUMBER_CHARS:
            self.fail(node, "WZ012", where="this value", problem="is too long for a number; put it in quotes")
        if tag == _INT and value.isascii() and value.isdigit():
            return int(value)  # the common case, without PyYAML's constructor (five times the cost)
        if tag == _NULL:
            return None
        try:
            return self._constructor.construct_object(node)
        except Exception:  # PyYAML's constructors raise whatever their parsing raises: all mean "not valid"
            kind = tag.removeprefix(_TAG)
            self.fail(
                node, "WZ012", where=f"'{value}'", problem=f"is not a valid {kind} (the tag '!!{kind}' says it is)"
            )

    def _forbidden_tag(self, node: yaml.Node) -> NoReturn:
        self.fail(node, "WZ006", tag=str(node.tag).replace(_TAG, "!!"))


def _byte_position(data: bytes, offset: int) -> Position:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _syntax_problem(path: str, error: yaml.YAMLError, text: str) -> Diagnostic:
    """WZ001 at the editor's line and column of the problem (a reader error names a byte offset).

    A scanner that ran on "while scanning" a quoted value or a key fails far from the cause (an unclosed
    quote at the end of the file): the place it started scanning is the place to fix.
    """
    context = getattr(error, "context", None) or ""
    scanning = context in ("while scanning a quoted scalar", "while scanning a simple key")
    started = getattr(error, "context_mark", None) if scanning else None
    mark = started or getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    lines = Lines(text)
    if mark is not None:
        position = lines.position(mark.index)
    elif isinstance(error, yaml.reader.ReaderError):
        position = lines.position(len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore")))
    else:
        position = _START
    if isinstance(error, yaml.reader.ReaderError):
        problem = f"the character U+{error.character:04X} is not allowed in YAML (control characters are not)"
    else:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        problem = f"{problem} ({context})" if context else problem
    line_text = text.splitlines()[position[0] - 1] if position[0] <= len(text.splitlines()) else ""
    return make("WZ001", path, position, _syntax_hint(problem, line_text), problem=problem)


def _syntax_hint(problem: str, line_text: str) -> str:
    """Which hint fits a YAML syntax error: the mistakes a maintainer makes by hand, named."""
    if "\t" in line_text:
        return "tabs"
    if "quoted scalar" in problem:
        return "unclosed"
    if "could not find expected ':'" in problem:
        return "key"
    if "mapping values are not allowed" in problem:
        return "colon"
    return ""


def _value_estimate(text: str) -> int:
    """How many values composing ``text`` makes, within a factor of two: each needs a separator,
    a line, a colon, a list dash or a bracket (a flow map of bare keys makes two per comma)."""
    return sum(text.count(mark) for mark in (",", "\n", ":", "[", "{", "- "))


def _decode(name: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or why it is not UTF-8 text."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32")):
        if data.startswith(bom):
            return None, [make("WZ002", name, _START, "encoding", encoding=encoding)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [make("WZ002", name, _START, "encoding", encoding="UTF-16")]
    if b"\x00" in data:
        return None, [make("WZ002", name, _byte_position(data, data.index(b"\x00")), "binary")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        return None, [make("WZ002", name, _byte_position(data, error.start))]


def parse_yaml(path: Path, label: str | None = None) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Read one YAML file into plain data and its (lazy) positions, or diagnostics saying why not."""
    name = label or str(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return None, SourceMap(name), [make("WZ008", name, _START, "not-a-file")]
        size = status.st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, SourceMap(name), [make("WZ003", name, _START, size=size, limit=limit)]
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return None, SourceMap(name), [make("WZ008", name, _START, "unreadable", reason=reason)]
    text, problems = _decode(name, data)
    if text is None:
        return None, SourceMap(name), problems
    return parse_text(text, name)


def parse_text(text: str, name: str) -> tuple[Any, SourceMap, list[Diagnostic]]:
    """Parse YAML text into plain data; ``name`` is the path shown in diagnostics."""
    source = SourceMap(name, text)
    values = _value_estimate(text)
    if values > MAX_VALUES:
        return None, source, [make("WZ003", name, _START, "values", values=values, limit=MAX_VALUES)]
    try:
        root = compose(text)
    except yaml.YAMLError as error:
        return None, source, [_syntax_problem(name, error, text)]
    if root is None:
        return None, source, [make("WZ004", name, _START)]
    lines = Lines(text) if differs_from_editor(text) else None
    source.keep(root)
    builder = _Builder(name, aliases="&" in text, clean="\\" in text or has_control(text), lines=lines)
    try:
        value = builder.build(root)
    except _Problem as problem:
        return None, source, [*builder.diagnostics, problem.diagnostic]
    return value, source, builder.diagnostics


# Schema problems, in words for people who do not program --------------------------------------------


def _known_keys(model_type: ModelType) -> set[str]:
    """Every key a file of this kind may use at any depth (for 'did you mean')."""
    from wizard.content import model as models

    kinds: tuple[type[Any], ...] = (models.Tree, models.Question, models.Option, models.Example)
    if model_type is AnswersFile:
        kinds = (models.AnswersFile, models.Answer, models.ClickPath, models.NextStep, models.WayOut)
    elif model_type is SynonymsFile:
        kinds = (models.SynonymsFile, models.SynonymGroup)
    return {name for kind in kinds for name in models.field_names(kind)}


def _describe(loc: Loc) -> str:
    return ".".join(str(part) for part in loc if part != "[key]") or "the top level of the file"


def _schema_problems(error: ValidationError, source: SourceMap, model_type: ModelType) -> list[Diagnostic]:
    problems = []
    missing: dict[Loc, list[str]] = {}  # one line per map that lacks keys, not one per key
    for item in error.errors(include_url=False):
        loc: Loc = tuple(item["loc"])
        kind = item["type"]
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            key = str(loc[-1])
            hint = did_you_mean(key, _known_keys(model_type) - {key})
            problems.append(
                make("WZ010", source.path, source.locate(loc, key=True), key=key, where=_describe(loc[:-1]), hint=hint)
            )
        elif kind == "missing":
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
        elif kind == "exactly_one_target":
            problems.append(make("WZ013", source.path, source.locate(loc), found=item["ctx"]["found"]))
        else:
            is_key = bool(loc) and loc[-1] == "[key]"
            where = source.locate(loc[:-1], key=True) if is_key else source.locate(loc)
            problems.append(make("WZ012", source.path, where, where=_describe(loc), problem=_friendly_message(item)))
    for parent, keys in missing.items():
        names = [f"'{key}'" for key in keys]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is" if len(names) == 1 else "are"
        problems.append(
            make("WZ011", source.path, source.locate(parent), keys=listed, verb=verb, where=_describe(parent))
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
    "dataclass_type": "should be a map ('key: value' lines)",
    "string_too_short": "must not be empty",
    "literal_error": "should be one of the allowed words",
}
_SHOWN_TYPES = {"NoneType": "nothing", "dict": "a map", "list": "a list", "str": "text", "int": "a number"}


def _friendly_message(item: Any) -> str:
    """Pydantic's message, reworded for people who do not program."""
    kind = item["type"]
    if kind == "string_pattern_mismatch":
        return f"'{item['input']}' is not a valid id (use lowercase letters, digits and '-', like 'which-error')"
    got = type(item.get("input")).__name__
    shown = _SHOWN_TYPES.get(got, got)
    if kind == "literal_error":
        return f"should be {item['ctx']['expected']}"
    if kind == "string_too_long":
        return f"is too long (at most {item['ctx']['max_length']} characters)"
    if kind in ("greater_than_equal", "greater_than"):
        bound = item["ctx"].get("ge", item["ctx"].get("gt"))
        return f"should be {bound} or more" if kind == "greater_than_equal" else f"should be more than {bound}"
    if kind == "too_short":
        return "needs at least one entry" if item["ctx"].get("min_length") == 1 else str(item["msg"])
    if kind.startswith(("date_", "datetime_")):
        return f"should be a date written like 2025-06-30 (got '{item.get('input')}')"
    if kind in _PLAIN_WORDS:
        return f"{_PLAIN_WORDS[kind]} (got {shown})" if "type" in kind else _PLAIN_WORDS[kind]
    return str(item["msg"])


def _misnamed(data: dict[str, Any], model_type: ModelType) -> str | None:
    """A tree saved as answers.yaml, or answers saved under a tree's name: say so, not 'unknown key'."""
    tree_keys = {"id", "start", "nodes"} & data.keys()
    if model_type is AnswersFile and tree_keys and "answers" not in data:
        return "tree-as-answers"
    if model_type is Tree and "answers" in data and not tree_keys:
        return "answers-as-tree"
    return None


@dataclass
class FileResult:
    """One file read and validated: the model (or None) and where its parts are."""

    path: str
    source: SourceMap
    model: Tree | AnswersFile | SynonymsFile | None
    diagnostics: list[Diagnostic]


def load_file(path: Path, label: str | None = None) -> FileResult:
    """Parse and validate one tree file or answers file."""
    model_type: ModelType = AnswersFile if is_answers_file(path) else SynonymsFile if is_synonyms_file(path) else Tree
    data, source, diagnostics = parse_yaml(path, label)
    try:
        return _validated(data, source, diagnostics, model_type)
    finally:
        source.release()


def _validated(data: Any, source: SourceMap, diagnostics: list[Diagnostic], model_type: ModelType) -> FileResult:
    if has_errors(diagnostics):
        return FileResult(source.path, source, None, diagnostics)
    if data is None:  # a null document: '~', 'null', '--- ~'
        diagnostics.append(make("WZ004", source.path, source.locate(())))
        return FileResult(source.path, source, None, diagnostics)
    if not isinstance(data, dict):
        diagnostics.append(make("WZ012", source.path, source.locate(()), "not-a-map"))
        return FileResult(source.path, source, None, diagnostics)
    misnamed = _misnamed(data, model_type)
    if misnamed is not None:
        diagnostics.append(make("WZ012", source.path, source.locate(()), misnamed))
        return FileResult(source.path, source, None, diagnostics)
    try:
        model = validate(model_type, data)
    except ValidationError as error:
        return FileResult(source.path, source, None, diagnostics + _schema_problems(error, source, model_type))
    return FileResult(source.path, source, model, diagnostics)
