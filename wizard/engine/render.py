"""An answer, and a whole walk, as text a person reads: the one place presentation is decided.

The line mode and ``wizard ask`` print :func:`answer_text`; the app's copy key
and saved transcripts use :func:`answer_markdown` and :func:`transcript`. The
full-screen app lays out the same parts (:func:`answer_heading`,
:func:`click_paths`) with its own widgets.
"""

from __future__ import annotations

from datetime import datetime

from wizard.content.document import escape_markdown, markdown, parse, plain
from wizard.content.model import Answer
from wizard.engine.session import Session
from wizard.i18n import text

RULE = "─" * 40


def plain_text(body: str) -> str:
    """An answer body as plain text, read the way the app reads it (markers kept, styles dropped)."""
    return plain(parse(body))


def safe_markdown(body: str) -> str:
    """An answer body as Markdown any viewer shows literally: no raw HTML, no live links."""
    return markdown(parse(body))


def answer_heading(answer: Answer, lang: str = "zh") -> str:
    """The title with its FAQ number, as shown above an answer."""
    return f"{answer.title}（{text('faq_number', lang).format(answer.faq)}）" if answer.faq else answer.title


def click_paths(answer: Answer, lang: str = "zh") -> list[tuple[str, list[str]]]:
    """Each click path with its heading: its own label, else '操作路径' (numbered when there are several)."""
    numbered = len(answer.menu) > 1
    generic = text("menu_path", lang)
    return [
        (path.label or (f"{generic} {number}" if numbered else generic), list(path.steps))
        for number, path in enumerate(answer.menu, start=1)
    ]


def menu_markdown(answer: Answer, lang: str = "zh") -> list[str]:
    """The click paths of an answer as numbered steps (one list per path)."""
    lines: list[str] = []
    for heading, steps in click_paths(answer, lang):
        lines += ["", f"### {escape_markdown(heading)}", ""]
        lines += [f"{i}. {escape_markdown(step)}" for i, step in enumerate(steps, start=1)]
    return lines


def answer_text(answer: Answer, lang: str = "zh") -> str:
    """An answer as plain text: title with FAQ number, click paths as numbered steps, then the body."""
    lines = [answer_heading(answer, lang), RULE]
    for heading, steps in click_paths(answer, lang):
        lines.append(f"{heading}:" if lang == "en" else f"{heading}：")
        lines += [f"  {step_number}. {step}" for step_number, step in enumerate(steps, start=1)]
        lines.append("")
    lines.append(plain_text(answer.body))
    return "\n".join(lines).rstrip() + "\n"


def answer_markdown(answer: Answer, lang: str = "zh") -> str:
    """An answer as Markdown: heading, body, click paths."""
    lines = [
        escape_markdown(answer_heading(answer, lang)),
        "",
        safe_markdown(answer.body),
        *menu_markdown(answer, lang),
    ]
    return "\n".join(lines).strip() + "\n"


def transcript(session: Session, now: datetime | None = None, lang: str = "zh") -> str:
    """The walk as Markdown: each question and choice, then the answer, with the date."""
    now = now or datetime.now()
    lines = [f"# {text('transcript_title', lang)}", ""]
    lines.append(f"- {text('transcript_date', lang)}{now:%Y-%m-%d %H:%M}")
    if session.start_tree:
        title = escape_markdown(session.catalog.trees[session.start_tree].title)
        lines.append(f"- {text('transcript_task', lang)}{title}")
    lines += ["", f"## {text('transcript_steps', lang)}", ""]
    for number, crumb in enumerate(session.crumbs(), start=1):
        question, choice = escape_markdown(crumb.question), escape_markdown(crumb.choice)
        lines.append(f"{number}. {question} — {choice}" if question else f"{number}. {choice}")
    answer = session.answer
    if answer is not None:
        heading = escape_markdown(answer_heading(answer, lang))
        lines += ["", f"## {text('transcript_answer', lang)}{heading}", "", safe_markdown(answer.body)]
        lines += menu_markdown(answer, lang)
    return "\n".join(lines).rstrip() + "\n"
