"""``wizard new``: write a starter tree that passes ``wizard check --strict`` as it is.

A tree whose options end at answers needs those answers to exist. The starter
tree has one question with two options; the first ends at a new starter answer
(appended as text to answers.yaml, clearly marked 【待填写】). Every question
needs an honest way out (WZ047): when answers.yaml declares ``way_out``, every
question has it already and the second option is a second starter case; else
the second option, "其他情况", ends at the escalation answer answers.yaml names,
or at a new starter escalation answer. Existing files are never rewritten: the
answers are appended as text (comments and layout survive), and the result is
parsed and compared with the original before anything is written.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml

from wizard.content.catalog import load_catalog
from wizard.content.loader import load_file
from wizard.content.locate import ANSWERS_FILENAMES, YAML_SUFFIXES
from wizard.content.model import ID_PATTERN, AnswersFile, Tree, validate
from wizard.content.schema import SchemaKind, schema_text
from wizard.content.source import SourceMap
from wizard.content.text import clean_text
from wizard.maintainer.yaml_text import yaml_scalar

#: Tree ids longer than this leave no room for the starter answers' ids (ids are at most 80 characters).
MAX_NEW_ID = 64
TODO = "【待填写】"
FIRST_LABEL = "情况一（请改成实际选项）"
OTHER_LABEL = "其他情况（以上都不是）"
SECOND_LABEL = "情况二（请改成实际选项）"


class ScaffoldError(Exception):
    """Why nothing was written; ``status`` is the exit status (2: bad input, 1: refused)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Scaffold:
    """What ``wizard new`` wrote: paths and the ids a maintainer edits next."""

    tree_file: Path
    answers_file: Path
    question_id: str
    new_answers: list[str]
    targets: list[str]
    created: list[Path] = field(default_factory=list)


def check_tree_id(tree_id: str) -> None:
    """Refuse ids the loader would reject, with the rule spelled out."""
    if not re.fullmatch(ID_PATTERN, tree_id):
        raise ScaffoldError(
            f"'{tree_id}' is not a valid tree id: use lowercase letters a-z, digits and single '-' "
            "between words, like 'pension-transfer'",
            status=2,
        )
    if len(tree_id) > MAX_NEW_ID:
        raise ScaffoldError(f"the tree id is {len(tree_id)} characters long; keep it to {MAX_NEW_ID}", status=2)


def _one_line(text: str, what: str) -> str:
    value = " ".join(clean_text(text).split())
    if not value:
        raise ScaffoldError(f"the {what} must not be empty", status=2)
    if len(value) > 500:
        raise ScaffoldError(f"the {what} is {len(value)} characters long; keep it to 500", status=2)
    return value


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def tree_text(
    tree_id: str, title: str, summary: str, question_id: str, targets: list[str], second_label: str = OTHER_LABEL
) -> str:
    """The starter tree file: one question, two options, one example, and the schema line for editors."""
    return f"""\
# yaml-language-server: $schema=schema.json
#
# {title}：由 wizard new 生成的起步树。把【待填写】的地方改成真实内容，
# 然后运行 wizard check。写法见 docs/authoring.md。

id: {tree_id}
title: {yaml_scalar(title)}
summary: {yaml_scalar(summary)}
order: 100
start: {question_id}

nodes:
  {question_id}:
    question: {TODO}请把这里改成要问办事人员的问题？
    help: {TODO}问题下方的提示（可以删掉这一行）。
    options:
      - label: {FIRST_LABEL}
        answer: {targets[0]}
      - label: {second_label}
        answer: {targets[1]}

examples:
  - name: 情况一
    choose: [{FIRST_LABEL}]
    expect: {targets[0]}
"""


def answers_block(title: str, answer_ids: list[str], indent: int, escalations: frozenset[str] = frozenset()) -> str:
    """Starter answers to append under ``answers:``, indented like the entries already there."""
    pad = " " * indent
    lines = ["", f"{pad}# ── 新任务「{title}」的起步答案（wizard new 生成）：请改成常见问题的原文 ──", ""]
    for number, answer_id in enumerate(answer_ids, start=1):
        lines += [
            f"{pad}{answer_id}:",
            *([f"{pad}  kind: escalation"] if answer_id in escalations else []),
            f"{pad}  title: {yaml_scalar(f'{TODO}{title}：答案{number}的标题')}",
            f"{pad}  body: |",
            f"{pad}    {TODO}把常见问题的解答写在这里，可以用 Markdown：",
            "",
            f"{pad}    1. 第一步；",
            f"{pad}    2. 第二步。",
            f"{pad}  keywords: [{TODO}]",
            "",
        ]
    return "\n".join(lines)


def _answers_indent(answers: AnswersFile, source: SourceMap) -> int:
    """The indent of the existing answer ids, so appended ones line up with them."""
    columns = [source.locate(("answers", answer_id), key=True)[1] for answer_id in answers.answers]
    return min(columns) - 1 if columns else 2


def scaffold(folder: Path, tree_id: str, title: str, summary: str | None = None) -> Scaffold:
    """Write ``folder/<tree_id>.yaml`` and its starter answers, or raise ScaffoldError with nothing written."""
    check_tree_id(tree_id)
    title = _one_line(title, "title")
    summary = _one_line(summary, "summary") if summary else f"{TODO}一句话说明这个任务（显示在首页标题下方）"
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file; --trees needs a folder")
    for suffix in YAML_SUFFIXES:
        if (folder / f"{tree_id}{suffix}").exists():
            raise ScaffoldError(f"{folder / (tree_id + suffix)} already exists; not overwriting it")

    tree_ids: set[str] = set()
    question_ids: set[str] = set()
    if folder.is_dir() and any(p.suffix in YAML_SUFFIXES for p in folder.iterdir()):
        for result in load_catalog([folder], run_checks=False).files:
            model = result.model
            if isinstance(model, Tree):
                tree_ids.add(model.id)
                question_ids.update(model.nodes)
    if tree_id in tree_ids:
        raise ScaffoldError(f"a tree with the id '{tree_id}' already exists in {folder}; choose another id")

    answers_path = next((folder / n for n in ANSWERS_FILENAMES if (folder / n).is_file()), folder / "answers.yaml")
    if answers_path.is_file():
        existing = load_file(answers_path)
        if not isinstance(existing.model, AnswersFile):
            problems = "; ".join(d.format() for d in existing.diagnostics[:3])
            raise ScaffoldError(f"{answers_path} has errors, fix them first ({problems})")
        old_answers = existing.model
        old_text = answers_path.read_text(encoding="utf-8-sig")
        indent = _answers_indent(existing.model, existing.source)
    else:
        old_answers = None
        old_text = "# yaml-language-server: $schema=answers.schema.json\n\nanswers:\n"
        indent = 2

    taken = set(old_answers.answers) if old_answers else set()
    escalation = old_answers.escalation if old_answers else None
    way_out = old_answers.way_out if old_answers else None
    first = _free_id(f"{tree_id}-answer", taken)
    new_answers = [first]
    new_escalations: frozenset[str] = frozenset()
    second_label = OTHER_LABEL
    if way_out is None and escalation and escalation in taken:
        targets = [first, escalation]
    else:
        second = _free_id(f"{tree_id}-answer-other", taken | {first})
        new_answers.append(second)
        targets = [first, second]
        if way_out is None:  # the option to a person is the question's way out: make it an escalation
            new_escalations = frozenset({second})
        else:
            second_label = SECOND_LABEL
    question_id = _free_id(f"{tree_id}-start", question_ids)

    block = answers_block(title, new_answers, indent, new_escalations)
    new_text = old_text + ("" if old_text.endswith("\n") else "\n") + block
    _verify_append(old_answers, new_text, new_answers, answers_path)
    tree = tree_text(tree_id, title, summary, question_id, targets, second_label)

    tree_path = folder / f"{tree_id}.yaml"
    schema_files: list[tuple[str, SchemaKind]] = [("schema.json", "tree"), ("answers.schema.json", "answers")]
    writes = [(folder / name, schema_text(which)) for name, which in schema_files if not (folder / name).exists()]
    writes += [(tree_path, tree), (answers_path, new_text)]
    created = _write_all_or_none(folder, writes)
    return Scaffold(tree_path, answers_path, question_id, new_answers, targets, created)


def _write_all_or_none(folder: Path, writes: list[tuple[Path, str]]) -> list[Path]:
    """Open every file first, then write: a tree whose answers could not be appended must not be left behind.

    An existing file is opened without truncating it, a new one with "x" (never overwrite, even in a
    race); when any open fails, the files and folders made so far are removed again. Returns the files
    that did not exist before.
    """
    made_folders = [p for p in (folder, *folder.parents) if not p.exists()]
    opened: list[tuple[Path, TextIO, bool]] = []
    current = folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for current, _ in writes:
            is_new = not current.exists()
            opened.append((current, current.open("x" if is_new else "r+", encoding="utf-8"), is_new))
    except OSError as error:
        for path, handle, is_new in opened:
            handle.close()
            if is_new:
                path.unlink(missing_ok=True)
        for made in made_folders:
            with contextlib.suppress(OSError):
                made.rmdir()
        raise ScaffoldError(f"cannot write {current}: {error.strerror or error}; nothing was written") from None
    for (_, handle, _), (_, text) in zip(opened, writes, strict=True):
        with handle:
            handle.write(text)
            handle.truncate()
    return [path for path, _, is_new in opened if is_new]


def _verify_append(old: AnswersFile | None, new_text: str, new_ids: list[str], path: Path) -> None:
    """The appended text must add exactly the new answers and change nothing else."""
    try:
        data = yaml.safe_load(new_text)
        merged = validate(AnswersFile, data)
    except Exception as error:  # any parse or validation failure means: do not write
        merged, reason = None, str(error).splitlines()[0]
    else:
        reason = "the new entries did not land under 'answers:'"
    expected = set(old.answers if old else ()) | set(new_ids)
    unchanged = old is None or (
        merged is not None
        and merged.escalation == old.escalation
        and all(merged.answers.get(k) == v for k, v in old.answers.items())
    )
    if merged is not None and set(merged.answers) == expected and unchanged:
        return
    raise ScaffoldError(
        f"cannot append the starter answers to {path} safely ({reason}); "
        "make 'answers:' the last key of the file, with one entry per line, and try again"
    )
