"""Find the answer for a question or an error message copied from the screen.

Prints the best answer as plain text (title, click path steps, body); with
--top N lists the N best matches with their scores instead. --format json
prints a list, best first, of {answer, faq, title, score, coverage, fits,
kind, why, snippet}. "第13条", "FAQ 13" or a bare "13" open that FAQ entry; an
answer id as the query shows that answer.

When the FAQ has no answer for the query (no hit fits), says so and exits 1:
the text shows the way to a person (12333 / 社保经办窗口) with a hand-off that
repeats the query, then the closest topics; the JSON list starts with that
escalation answer (faq null, why "not-in-faq", with a "handoff" text), or is
[] when the content has no way out. Never loads the full-screen app.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.commands.trees import add_log_arguments, add_trees_option, chosen_paths, load_or_report, log_folder
from wizard.i18n import text

if TYPE_CHECKING:
    from wizard.content.model import Catalog
    from wizard.engine.search import Findings, Hit

NAME = "ask"
HELP = "find the FAQ answer for a question or an error message (plain text or JSON)"
NEAR_TIE = 0.05
"""Answers scoring within this of the best are listed after it: the query does not tell them apart."""
JSON_RESULTS = 5
"""Results in the JSON list when --top is not given: the best first, weak ones marked "fits": false."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", nargs="+", help="the question or error text (quote it)")
    parser.add_argument(
        "--top",
        type=_at_least_one,
        metavar="N",
        help=f"list the N best matches with scores (JSON: {JSON_RESULTS} by default)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_trees_option(parser)
    add_log_arguments(parser)


def _at_least_one(value: str) -> int:
    """argparse type for --top: a whole number of 1 or more."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def run(args: argparse.Namespace) -> int:
    from wizard.engine.search import Findings, SearchIndex, exact_hit

    lang = getattr(args, "lang", None) or "zh"
    catalog = load_or_report(chosen_paths(args))
    if catalog is None:
        return 1
    query = " ".join(args.query)
    wanted = args.top or (JSON_RESULTS if args.format == "json" else 3)
    if query.strip() in catalog.answers:  # an answer id, as the "also" list below suggests
        findings = Findings(query, [exact_hit(catalog, query.strip())])
    else:
        findings = SearchIndex.build(catalog).find(query, top=wanted)
        _record(catalog, findings, log_folder(args))
    if args.format == "json":
        return _print_json(catalog, findings, lang)
    if not findings.answered:
        return _print_not_found(catalog, findings, lang)
    if args.top is not None:
        _print_ranked(findings.hits, lang)
    else:
        _print_best(catalog, findings.hits, lang)
    return 0


def _record(catalog: Catalog, findings: Findings, folder: Path | None) -> None:
    """The search, as a session of its own in the outcome log (the query masked)."""
    from wizard.engine.outcomes import EventLog, Recorder, stderr_notice

    if folder is None:
        return
    recorder = Recorder(EventLog(folder, stderr_notice()), "ask", catalog)
    best = findings.hits[0] if findings.answered else None
    recorder.search(findings.query, best.answer if best else None, best.score if best else None, best is not None)
    recorder.end()


def _as_record(catalog: Catalog, hit: Hit, why: str) -> dict[str, object]:
    return {
        "answer": hit.answer,
        "faq": hit.faq,
        "title": hit.title,
        "score": hit.score,
        "coverage": hit.coverage,
        "fits": hit.fits,
        "kind": catalog.answers[hit.answer].kind,
        "why": why,
        "snippet": hit.snippet,
    }


def _print_json(catalog: Catalog, findings: Findings, lang: str) -> int:
    """The ranked records; when nothing fits, the way to a person first, with the hand-off that names the query."""
    from wizard.plain import shown

    records = [_as_record(catalog, hit, "match") for hit in findings.beside_way_out]
    if findings.escalation is not None:
        record = _as_record(catalog, findings.escalation, "not-in-faq")
        record["handoff"] = "\n".join(_handoff(catalog, findings, lang))
        records.insert(0, record)
    print(json.dumps(records, ensure_ascii=False, indent=2))
    if not findings.answered:
        print(findings.no_such_faq_note(lang) + text("ask_none", lang).format(shown(findings.query)), file=sys.stderr)
    return 0 if findings.answered else 1


def _handoff(catalog: Catalog, findings: Findings, lang: str) -> list[str]:
    """What to tell 12333 or the counter: the query searched for (the hand-off of a session that searched it)."""
    from wizard.engine.render import handoff_to_show
    from wizard.engine.session import Session

    assert findings.escalation is not None
    session = Session(catalog)
    via = text("search_via", lang).format(findings.query.strip())
    session.jump_to_answer(findings.escalation.answer, via=via, query=findings.query.strip())
    return handoff_to_show(session, lang)


def _print_not_found(catalog: Catalog, findings: Findings, lang: str) -> int:
    """Say the FAQ has no answer, show the way to a person with the hand-off, then the closest topics."""
    from wizard.engine.render import answer_text, answer_view
    from wizard.plain import shown

    print(findings.no_such_faq_note(lang) + text("ask_none", lang).format(shown(findings.query)))
    if findings.escalation is not None:
        print()
        print(answer_text(answer_view(catalog, findings.escalation.answer, lang)), end="")
        print()
        print("\n".join(_handoff(catalog, findings, lang)))
    weak = findings.closest
    if weak:
        print()
        print(text("ask_closest", lang))
        for hit in weak:
            print(f"  - {hit.title}  [{hit.answer}]")
    print()
    print(text("ask_tasks", lang))
    for tree in catalog.ordered_trees():
        print(f"  - {tree.title}（wizard walk {tree.id}）")
    return 1


def _print_ranked(hits: list[Hit], lang: str) -> None:

    for rank, hit in enumerate(hits, start=1):
        faq = text("faq_number", lang).format(hit.faq) if hit.faq else "—"
        print(f"{rank}. {hit.title}")
        print(f"   {text('ask_score', lang)} {hit.score:.3f} · {faq} · {hit.answer}")
        print(f"   {hit.snippet}")


def _print_best(catalog: Catalog, hits: list[Hit], lang: str) -> None:
    """The best answer in full, then the others that fit about as well (a short query may not tell them apart)."""
    from wizard.engine.render import answer_text, answer_view

    print(answer_text(answer_view(catalog, hits[0].answer, lang)), end="")
    close = [hit for hit in hits[1:] if hit.fits and hit.score >= hits[0].score - NEAR_TIE]
    if close:
        print()
        print(text("ask_also", lang))
        for hit in close:
            print(f"  - {hit.title}（wizard ask {hit.answer}）" if lang == "zh" else f"  - {hit.title} [{hit.answer}]")
