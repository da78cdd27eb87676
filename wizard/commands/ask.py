"""Find the answer for a question or an error message copied from the screen.

Prints the best answer as plain text (title, click path steps, body); with
--top N lists the N best matches with their scores instead. --format json
prints a list, best first, of {answer, faq, title, score, fits, kind, snippet}.
Exit 1, with the closest topics, when nothing fits well enough (the best score
is below wizard.engine.search.MIN_SCORE). An answer id as the query shows that answer.
Never loads the full-screen app.
"""

from __future__ import annotations

import argparse
import json
import sys

from wizard.commands.trees import add_trees_option, chosen_paths, load_or_report

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


def _at_least_one(value: str) -> int:
    """argparse type for --top: a whole number of 1 or more."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def run(args: argparse.Namespace) -> int:
    from wizard.engine.render import answer_text, answer_view
    from wizard.engine.search import MIN_SCORE, SearchIndex, exact_hit
    from wizard.i18n import text
    from wizard.plain import shown

    top = args.top
    lang = getattr(args, "lang", None) or "zh"
    catalog = load_or_report(chosen_paths(args))
    if catalog is None:
        return 1
    query = " ".join(args.query)
    if query.strip() in catalog.answers:  # an answer id, as the "also" list below suggests
        hits = [exact_hit(catalog, query.strip())]
    else:
        hits = SearchIndex.build(catalog).search(query, top=top or (JSON_RESULTS if args.format == "json" else 3))
    found = bool(hits) and hits[0].score >= MIN_SCORE

    if args.format == "json":
        records = [
            {
                "answer": hit.answer,
                "faq": hit.faq,
                "title": hit.title,
                "score": hit.score,
                "fits": hit.score >= MIN_SCORE,
                "kind": catalog.answers[hit.answer].kind,
                "snippet": hit.snippet,
            }
            for hit in hits
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        if not found:
            print(text("ask_none", lang).format(shown(query)), file=sys.stderr)
        return 0 if found else 1

    if not found:
        print(text("ask_none", lang).format(shown(query)))
        weak = [hit for hit in hits if hit.score > 0]
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
    if top is not None:
        for rank, hit in enumerate(hits, start=1):
            faq = text("faq_number", lang).format(hit.faq) if hit.faq else "—"
            print(f"{rank}. {hit.title}")
            print(f"   {text('ask_score', lang)} {hit.score:.3f} · {faq} · {hit.answer}")
            print(f"   {hit.snippet}")
        return 0
    print(answer_text(answer_view(catalog, hits[0].answer, lang)), end="")
    close = [hit for hit in hits[1:] if hit.score >= hits[0].score - NEAR_TIE]
    if close:  # a short query like "社保" fits several answers: say so rather than pretend
        print()
        print(text("ask_also", lang))
        for hit in close:
            print(f"  - {hit.title}（wizard ask {hit.answer}）" if lang == "zh" else f"  - {hit.title} [{hit.answer}]")
    return 0
