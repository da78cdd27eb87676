"""The shape of the content: validated dataclasses for answers and task trees.

Every class forbids unknown keys so that a typo in a tree file is an error with a
location, not a silently ignored line. Cross-references (``next``, ``answer``,
``tree``) are plain ids here; :mod:`wizard.content.checks` resolves them, because a
reference error belongs to the graph, not to one object.

They are pydantic dataclasses with slots rather than ``BaseModel``: a big
catalog holds hundreds of thousands of them, and slotted instances validate in
half the time and take a fraction of the memory. :func:`validate` and
:func:`json_schema` stand in for ``model_validate`` and ``model_json_schema``.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="A stable id: lowercase ASCII words joined by '-', e.g. 'which-error'."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
"""A word of a synonym group: blank space around it means nothing, and a blank word would match nothing."""

# JSON Schema only (editors, validators): map keys must be ids. Pydantic checks keys at
# run time already but writes only their length into the schema.
_ID_KEYS: dict[str, Any] = {"propertyNames": {"pattern": ID_PATTERN, "maxLength": 80}}


_STRICT = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
"""For every class read from YAML: unknown keys are errors. Numbers are accepted where text is
expected (a keyword ``12333`` or a label ``2024``): YAML reads them as numbers, a maintainer means text."""
_content = dataclass(config=_STRICT, frozen=True, slots=True, kw_only=True)


@_content
class ClickPath:
    """One click path through the web hall, with an optional heading."""

    label: ShortText | None = Field(
        default=None, description="Heading shown above the steps, e.g. '方式二：江苏智慧人社APP'."
    )
    steps: list[ShortText] = Field(min_length=1, description="Menu names clicked in order.")
    related: list[Id] | None = Field(
        default=None,
        description="Ids of the answers worth offering when an option picks this path (instead of the answer's "
        "'related'): the follow-ups of stopping an employee's insurance are not those of enrolling one.",
    )


def _steps_only(value: object) -> object:
    """A bare list is the common case: a path without a heading."""
    return {"steps": value} if isinstance(value, list) else value


ClickPathItem = Annotated[ClickPath, BeforeValidator(_steps_only, json_schema_input_type=list[ShortText] | ClickPath)]


@_content
class Answer:
    """One answer a clerk can land on: an FAQ entry or an escalation to a person."""

    kind: Literal["faq", "escalation"] = Field(
        default="faq",
        description="'faq' for an answer taken from the FAQ; 'escalation' when the FAQ has "
        "no answer and the clerk is sent to the service counter or the 12333 hotline.",
    )
    faq: int | None = Field(default=None, ge=1, description="Number of the entry in the source FAQ.")
    title: ShortText = Field(description="Heading shown above the answer.")
    body: Text = Field(description="The answer in Markdown, faithful to the FAQ.")
    menu: list[ClickPathItem] = Field(
        default_factory=list,
        description="Click paths through the online service hall: each a list of steps, or "
        "'label' + 'steps' when a heading says whose path it is (e.g. 方式一：员工本人).",
    )
    keywords: list[ShortText] = Field(
        default_factory=list,
        description="Error messages, menu names and plain phrases a clerk would type.",
    )
    similar: list[ShortText] = Field(
        default_factory=list,
        description="相似问法: how clerks actually ask for this answer, in their own words (each is a test that "
        "search finds this answer first).",
    )
    related: list[Id] = Field(default_factory=list, description="Ids of answers worth offering next to this one.")
    next_step: NextStep | None = Field(
        default=None,
        description="What the clerk does next, when the answer says so (FAQ 7: 'then do the 参保登记'): "
        "another answer's click path, shown on the same screen.",
    )
    source: Source | None = Field(
        default=None, description="Where the answer comes from (document, entry number, date): shown in small print."
    )
    review_by: datetime.date | None = Field(
        default=None,
        description="Date (YYYY-MM-DD) by which the answer must be checked against the current rules; "
        "wizard check warns once it has passed.",
    )


@_content
class Source:
    """The document an answer is taken from: rules change every year, so say which and when."""

    document: ShortText = Field(description="Title of the source document, e.g. 江苏人社网办大厅常见问题.")
    entry: int | None = Field(default=None, ge=1, description="Number of the entry in that document.")
    date: datetime.date | None = Field(default=None, description="Date of the document's version (YYYY-MM-DD).")


@_content
class NextStep:
    """The next thing to do, named by the answer's own text: a click path of another answer."""

    label: ShortText = Field(description="Heading of the step, e.g. '下一步：办理参保登记'.")
    answer: Id = Field(description="Id of the answer whose click path is the step.")
    path: ShortText | None = Field(
        default=None, description="Label of that answer's click path (its only one when omitted)."
    )


@_content
class WayOut:
    """The honest 'none of these' offered under every question, declared once for the whole catalog."""

    label: ShortText = Field(description="Shown as the last option of every question, e.g. '以上都不是 / 不确定'.")
    answer: Id = Field(description="Where it leads: usually the escalation answer (service counter, 12333).")
    task: ShortText | None = Field(
        default=None, description="Also shown as the last task on the home screen, e.g. '其他问题（常见问题中没有）'."
    )


@_content
class AnswersFile:
    """The contents of ``answers.yaml``: every answer, once, by id."""

    escalation: Id | None = Field(
        default=None,
        description="Id of the escalation answer shown when a clerk says an answer did not help.",
    )
    way_out: WayOut | None = Field(
        default=None,
        description="The way out shown last under every question (unless a question says 'way_out: false') "
        "and as the last task on the home screen.",
    )
    contact: ShortText | None = Field(
        None, description="A line shown under every answer, e.g. the FAQ's closing '咨询电话：12333'."
    )
    require_source: bool = Field(
        default=False, description="Warn (WZ027) about every answer that has neither 'source' nor 'review_by'."
    )
    answers: dict[Id, Answer] = Field(description="Answer id → answer.", json_schema_extra=_ID_KEYS)


# The JSON Schema states the rule of Option._exactly_one_target, so editors flag it while typing.
_ONE_TARGET: dict[str, Any] = {
    "oneOf": [{"required": [name], "properties": {name: {"type": "string"}}} for name in ("next", "answer", "tree")]
}


@dataclass(
    config=ConfigDict(extra="forbid", coerce_numbers_to_str=True, json_schema_extra=_ONE_TARGET),
    frozen=True,
    slots=True,
    kw_only=True,
)
class Option:
    """One choice under a question; it leads to exactly one place."""

    label: ShortText = Field(description="What the clerk picks, short and unambiguous.")
    next: Id | None = Field(default=None, description="Id of the next question in this tree.")
    answer: Id | None = Field(default=None, description="Id of the answer this choice ends at.")
    tree: Id | None = Field(default=None, description="Id of another tree to continue in.")
    path: ShortText | None = Field(
        default=None,
        description="With 'answer': the label of the one click path of that answer that fits this choice "
        "(the others are not shown).",
    )

    @model_validator(mode="after")
    def _exactly_one_target(self) -> Option:
        if (self.next is not None) + (self.answer is not None) + (self.tree is not None) != 1:
            targets = [name for name in ("next", "answer", "tree") if getattr(self, name) is not None]
            raise PydanticCustomError(
                "exactly_one_target",
                "an option needs exactly one of 'next', 'answer' or 'tree' (found: {found})",
                {"found": ", ".join(targets) or "none"},
            )
        return self

    @property
    def target(self) -> tuple[Literal["next", "answer", "tree"], str]:
        """Which kind of place this option leads to, and its id."""
        if self.next is not None:
            return "next", self.next
        if self.answer is not None:
            return "answer", self.answer
        if self.tree is not None:
            return "tree", self.tree
        raise AssertionError("validated option without a target")


@_content
class Question:
    """A question the wizard asks, with the options that branch from it."""

    question: ShortText = Field(description="The question, phrased the way a clerk thinks.")
    help: Text | None = Field(default=None, description="Optional hint shown under the question.")
    options: list[Option] = Field(description="The choices, in the order shown.")
    way_out: bool = Field(
        default=True,
        description="false: no catalog way out under this question (its own options already cover every case).",
    )


@_content
class Example:
    """A scenario: the labels a clerk picks, and the answer they must reach."""

    name: ShortText | None = Field(default=None, description="Optional name shown in test reports.")
    choose: list[ShortText] = Field(description="Option labels picked in order.")
    expect: Id = Field(description="Id of the answer the walk must end at.")


@_content
class Tree:
    """One task, one file: a flat map of questions starting at ``start``."""

    id: Id = Field(description="Stable id of the tree, used by 'tree:' links and the CLI.")
    title: ShortText = Field(description="Task title on the home screen.")
    summary: ShortText = Field(description="One line under the title on the home screen.")
    order: int = Field(default=100, description="Position on the home screen; lower comes first.")
    start: Id = Field(description="Id of the first question.")
    nodes: dict[Id, Question] = Field(description="Question id → question.", json_schema_extra=_ID_KEYS)
    examples: list[Example] = Field(default_factory=list, description="Scenarios that the tree-coverage tests walk.")


@_content
class SynonymGroup:
    """Words clerks type for one term the FAQ uses: search treats them as that term."""

    term: Word = Field(description="The word the FAQ and the answers use, e.g. '停保登记'.")
    same: list[Word] = Field(min_length=1, description="What clerks type instead, e.g. ['减员', '停社保'].")


@_content
class SynonymsFile:
    """The contents of ``synonyms.yaml``: 同义词, everyday words mapped to the FAQ's terms."""

    synonyms: list[SynonymGroup] = Field(description="One group per FAQ term; a word belongs to one group only.")


@dataclasses.dataclass(frozen=True)
class Catalog:
    """Everything loaded from one trees folder: the trees and the answers they end at (already validated)."""

    trees: dict[str, Tree]
    answers: dict[str, Answer]
    escalation: str | None = None
    way_out: WayOut | None = None
    contact: str | None = None
    synonyms: tuple[SynonymGroup, ...] = ()
    require_source: bool = False

    @functools.cached_property
    def way_out_option(self) -> Option | None:
        """The catalog's way out as the option shown last under every question that has one."""
        return Option(label=self.way_out.label, answer=self.way_out.answer) if self.way_out else None

    def ordered_trees(self) -> list[Tree]:
        """Trees in home-screen order (then by title, so the order is stable)."""
        return sorted(self.trees.values(), key=lambda tree: (tree.order, tree.title, tree.id))


Content = TypeVar("Content")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    """Building an adapter costs milliseconds: one per class, made on first use."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def validate(kind: type[Content], data: object) -> Content:
    """``data`` (plain dicts, lists and scalars) as an instance of ``kind``; raises pydantic's ValidationError."""
    result: Content = _adapter(kind).validate_python(data)
    return result


def json_schema(kind: type[Any]) -> dict[str, Any]:
    """The JSON Schema of a file whose top level is ``kind``."""
    return _adapter(kind).json_schema()


def field_names(kind: type[Any]) -> list[str]:
    """The keys ``kind`` accepts."""
    return [field.name for field in dataclasses.fields(kind)]
