"""An answer, and a whole walk, as text a person reads: the one place presentation is decided.

The line mode and ``wizard ask`` print :func:`answer_text`; the app's copy key
and saved transcripts use :func:`answer_markdown` and :func:`transcript`. The
full-screen app lays out the same parts (:func:`answer_heading`,
:func:`click_paths`) with its own widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wizard.content.document import escape_markdown, markdown, parse, plain
from wizard.content.model import Answer, Catalog
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


ClickPathText = tuple[str, list[str]]
"""A click path as shown: its heading and its steps."""


def click_paths(answer: Answer, lang: str = "zh", path: str | None = None) -> list[ClickPathText]:
    """Each click path with its heading: its own label, else '操作路径' (numbered when there are several).

    With ``path``, only the click path of that label: the one the clerk's choice picked.
    """
    numbered = len(answer.menu) > 1
    generic = text("menu_path", lang)
    return [
        (click.label or (f"{generic} {number}" if numbered else generic), list(click.steps))
        for number, click in enumerate(answer.menu, start=1)
        if path is None or click.label == path
    ]


@dataclass(frozen=True)
class AnswerView:
    """Everything shown with an answer, decided once for the app, the line mode, copies and transcripts."""

    answer: Answer
    heading: str
    paths: list[ClickPathText]
    next_step: ClickPathText | None
    related: list[tuple[str, Answer]]
    contact: str | None
    tried: AnswerView | None = None
    source: str | None = None
    """Where the answer comes from, one line for the small print (None when the content does not say)."""
    """After "not solved": the view of the answer that did not help."""


def answer_view(
    catalog: Catalog,
    answer_id: str,
    lang: str = "zh",
    *,
    path: str | None = None,
    tried: str | None = None,
    tried_path: str | None = None,
) -> AnswerView:
    """The view of ``answer_id``; ``path`` narrows it to the click path a choice picked, and ``tried_path``
    the answer that did not help to the path it was shown with."""
    answer = catalog.answers[answer_id]
    step = answer.next_step
    next_step = None
    if step is not None and step.answer in catalog.answers:
        paths = click_paths(catalog.answers[step.answer], lang, step.path)
        if paths:
            next_step = (step.label, paths[0][1])
    picked = next((click for click in answer.menu if click.label == path), None) if path else None
    related_ids = picked.related if picked is not None and picked.related is not None else answer.related
    related = [  # each once, never the answer itself: a list of options cannot hold an id twice
        (related_id, catalog.answers[related_id])
        for related_id in dict.fromkeys(related_ids)
        if related_id in catalog.answers and related_id != answer_id
    ]
    return AnswerView(
        answer,
        answer_heading(answer, lang),
        click_paths(answer, lang, path if picked is not None else None),
        next_step,
        related,
        catalog.contact,
        answer_view(catalog, tried, lang, path=tried_path) if tried in catalog.answers else None,
        source_line(answer, lang),
    )


def source_line(answer: Answer, lang: str = "zh") -> str | None:
    """ "来源：江苏人社网办大厅常见问题 第 13 条（2024-05-01）", or None without a source."""
    source = answer.source
    if source is None:
        return None
    entry = text("source_entry", lang).format(source.entry) if source.entry else ""
    dated = f"（{source.date.isoformat()}）" if source.date else ""
    return text("source_line", lang).format(f"{source.document}{entry}{dated}")


def session_view(session: Session, lang: str = "zh") -> AnswerView | None:
    """The view of the answer the session stands on (None at a question)."""
    place = session.place if session.started else None
    if place is None or place.answer is None:
        return None
    return answer_view(
        session.catalog, place.answer, lang, path=place.path, tried=place.tried, tried_path=place.tried_path
    )


def _steps_text(heading: str, steps: list[str]) -> list[str]:
    return [heading, *(f"  {number}. {step}" for number, step in enumerate(steps, start=1))]


def answer_text(view: AnswerView) -> str:
    """An answer as plain text, in the order of the screen: title, body, click paths, next step, contact."""
    lines = [view.heading, RULE, plain_text(view.answer.body)]
    for heading, steps in view.paths:
        lines += ["", *_steps_text(heading, steps)]
    if view.next_step is not None:
        lines += ["", *_steps_text(*view.next_step)]
    if view.contact:
        lines += ["", view.contact]
    if view.source:
        lines += ["", view.source]
    return "\n".join(lines).rstrip() + "\n"


def _steps_markdown(heading: str, steps: list[str]) -> list[str]:
    return ["", f"### {escape_markdown(heading)}", "", *(f"{i}. {escape_markdown(s)}" for i, s in enumerate(steps, 1))]


def answer_markdown(view: AnswerView) -> list[str]:
    """An answer as Markdown lines: body, click paths, next step, contact (the heading is the caller's)."""
    lines = [safe_markdown(view.answer.body)]
    for heading, steps in view.paths:
        lines += _steps_markdown(heading, steps)
    if view.next_step is not None:
        lines += _steps_markdown(*view.next_step)
    if view.contact:
        lines += ["", escape_markdown(view.contact)]
    if view.source:
        lines += ["", escape_markdown(view.source)]
    return lines


LONGEST_QUOTE = 120
"""Characters of what a clerk typed or pasted that a summary quotes (您的选择, the hand-off): a pasted page
searched filled screens of it, and a summary read out to 12333 must stay a summary."""


def shortened(quoted: str) -> str:
    """``quoted``, cut to :data:`LONGEST_QUOTE` characters with an ellipsis."""
    return quoted if len(quoted) <= LONGEST_QUOTE else quoted[: LONGEST_QUOTE - 1] + "…"


def handoff(session: Session, lang: str = "zh") -> list[str]:
    """What to tell the service counter or 12333: the task, the choices, the answer tried, the error searched for."""
    lines = [text("handoff_title", lang)]
    if session.task_worked_on:
        lines.append(text("handoff_task", lang) + session.catalog.trees[session.task_worked_on].title)
    choices = [f"{crumb.question} › {crumb.choice}" for crumb in session.crumbs() if crumb.question]
    if choices:
        lines.append(text("handoff_choices", lang) + "；".join(choices))
    tried = session.tried
    if tried is not None:
        lines.append(text("handoff_tried", lang) + answer_heading(tried, lang))
    searched = [query for query in session.queries() if query]
    if searched:
        lines.append(text("handoff_searched", lang) + "；".join(map(shortened, searched)))
    return lines


def handoff_to_show(session: Session, lang: str = "zh") -> list[str]:
    """The hand-off shown with an escalation (12333 / 窗口): [] at other answers or when it would say nothing.

    An escalation is where the clerk turns to a person, whether after "not
    solved", through "以上都不是" or after a search the FAQ has no answer for:
    what they chose, tried and searched for is what the person needs to hear.
    """
    place = session.place if session.started else None
    answer = session.catalog.answers.get(place.answer) if place is not None and place.answer else None
    if answer is None or answer.kind != "escalation":
        return []
    lines = handoff(session, lang)
    return lines if len(lines) > 1 else []


def transcript(session: Session, now: datetime | None = None, lang: str = "zh") -> str:
    """The walk as Markdown: each question and choice, the answer tried, the answer, the hand-off; with the date."""
    now = now or datetime.now()
    lines = [f"# {text('transcript_title', lang)}", ""]
    lines.append(f"- {text('transcript_date', lang)}{now:%Y-%m-%d %H:%M}")
    if session.task_worked_on:
        title = escape_markdown(session.catalog.trees[session.task_worked_on].title)
        lines.append(f"- {text('transcript_task', lang)}{title}")
    lines += ["", f"## {text('transcript_steps', lang)}", ""]
    for number, crumb in enumerate(session.crumbs(), start=1):
        question, choice = escape_markdown(crumb.question), escape_markdown(shortened(crumb.choice))
        lines.append(f"{number}. {question} — {choice}" if question else f"{number}. {choice}")
    view = session_view(session, lang)
    if view is not None:
        if view.tried is not None:
            heading = escape_markdown(view.tried.heading)
            lines += ["", f"## {text('transcript_tried', lang)}{heading}", "", *answer_markdown(view.tried)]
        heading = escape_markdown(view.heading)
        after_tried = view.tried is not None  # a way to a person is the next step only after an answer failed
        label = text("transcript_next" if after_tried else "transcript_answer", lang)
        lines += ["", f"## {label}{heading}", "", *answer_markdown(view)]
        shown = handoff_to_show(session, lang)
        if shown:  # one item per line: Markdown runs lines of a paragraph together
            intro, *said = map(escape_markdown, shown)
            lines += ["", f"## {text('handoff_heading', lang)}", "", intro, "", *(f"- {line}" for line in said)]
    return "\n".join(lines).rstrip() + "\n"
