"""``wizard diff`` for a terminal and for a merge-request comment."""

from __future__ import annotations

import re
from dataclasses import replace

from wizard.content.document import escape_markdown
from wizard.content.text import one_line
from wizard.maintainer.content_diff import Change, ContentDiff

MARKDOWN_MARKS = (("\ue000", "\ue001"), ("\ue002", "\ue003"))
"""Where words were removed and added, marked with characters no content holds: the content is escaped
for Markdown first, then the marks become ~~ and **."""
_MARK_TEXT = str.maketrans({"\ue000": "~~", "\ue001": "~~", "\ue002": "**", "\ue003": "**"})

TITLES = {
    "tree added": "新增事项",
    "tree removed": "删除事项",
    "task title": "事项标题",
    "question added": "新增问题",
    "question removed": "删除问题",
    "question text": "问题文字",
    "option added": "新增选项",
    "option removed": "删除选项",
    "option target": "选项去向",
    "answer added": "新增解答",
    "answer removed": "删除解答",
    "answer renamed": "解答改名",
    "answer title": "解答标题",
    "answer text": "解答正文",
    "click path": "点击路径",
    "walk": "办理路线",
    "example": "示例",
}


def _line(change: Change) -> str:
    if change.kind == "option target":
        return f"{change.where}: {change.detail}: {change.before} → {change.after}"
    if change.kind in ("walk", "example"):
        return f"{change.where}: {change.detail} → {change.before} → {change.after or '（不再存在）'}"
    if change.kind == "answer text":
        return f"{change.where}:\n{change.detail}"
    if change.before is not None and change.after is not None:
        return f"{change.where}: {change.before} → {change.after}"
    return f"{change.where}: {change.after if change.after is not None else change.before}"


def as_text(diff: ContentDiff, colour: bool = False) -> str:
    if not diff.changed:
        return "对办事员没有可见的变化。\n" + _coverage(diff)
    lines = []
    for change in diff.changes:
        title = TITLES.get(change.kind, change.kind)
        head = f"\x1b[1m{title}\x1b[0m" if colour else title
        body = _line(change)
        lines.append(f"{head}  {body if change.kind == 'answer text' else one_line(body)}")
    return "\n".join(lines) + "\n" + _coverage(diff)


def as_markdown(diff: ContentDiff) -> str:
    """For a merge-request comment: the content is shown as text, never as HTML, a link, a mention or a
    reference (a label is whatever a maintainer typed); compared with :data:`MARKDOWN_MARKS`."""
    if not diff.changed:
        return "**对办事员没有可见的变化。**\n\n" + _coverage(diff)
    lines = ["### 对办事员可见的变化", ""]
    for change in diff.changes:
        title = TITLES.get(change.kind, change.kind)
        shown = replace(
            change,
            where=_as_text(change.where) or "",
            before=_as_text(change.before),
            after=_as_text(change.after),
            detail=_as_text(change.detail),
        )
        body = _line(shown)
        body = body.replace("\n", "\n  > ") if change.kind == "answer text" else one_line(body)
        lines.append(f"- **{title}** {body.translate(_MARK_TEXT)}")
    return "\n".join(lines) + "\n\n" + _coverage(diff)


def _as_text(text: str | None) -> str | None:
    """Content that a Markdown renderer shows as itself, without pinging (@all) or linking (#1) anyone."""
    if text is None:
        return None
    return re.sub(r"([@#])", r"\\\1", escape_markdown(text))


def _coverage(diff: ContentDiff) -> str:
    before, after = diff.coverage
    shown = [f"{value:.0f}%" if value is not None else "—" for value in (before, after)]
    return f"示例覆盖率：{shown[0]} → {shown[1]}\n"
