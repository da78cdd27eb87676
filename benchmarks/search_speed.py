"""How fast is search on a big catalog? Index build time and per-query p50/p95.

Generates 10 000 answers (and trees whose options end at them) by recombining
phrases of the bundled content, so the character and bigram statistics look
like real Chinese FAQ text; each answer gets eight similar questions made the
same way, and the bundled synonyms apply. Then times the clerk queries of
tests/data/search_eval.yaml plus random excerpts of the generated answers,
through ``find`` (ranking, coverage and the way out), as the front ends call it.

    .venv/bin/python benchmarks/search_speed.py [--answers 10000] [--queries 500]

Target: p50 < 5 ms per query, so the TUI can search on every keystroke. For
scale, the same run times a plain substring scan of every answer's text.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import time
from pathlib import Path

import yaml

from wizard.content.catalog import load_catalog
from wizard.content.model import Answer, Catalog, Option, Question, Tree
from wizard.engine.search import SearchIndex

REPO = Path(__file__).resolve().parent.parent


def phrases(catalog: Catalog) -> list[str]:
    """Every clause of the bundled content, split at punctuation."""
    texts = []
    for answer in catalog.answers.values():
        texts += [answer.title, answer.body, *answer.keywords, *answer.similar]
        texts += [step for path in answer.menu for step in path.steps]
    for tree in catalog.trees.values():
        texts += [tree.title, tree.summary]
        for node in tree.nodes.values():
            texts += [node.question, *(option.label for option in node.options)]
    found = {part.strip() for text in texts for part in re.split(r"[，。；：、？！\s「」《》（）()›*>\-0-9.]+", text)}
    return sorted(part for part in found if len(part) >= 2)


def generate(seed_catalog: Catalog, count: int, rng: random.Random) -> Catalog:
    """A catalog of ``count`` answers and count/20 trees, made of recombined real phrases."""
    pool = phrases(seed_catalog)
    answers = {}
    for number in range(count):
        body = "\n".join(
            f"{step}. " + "，".join(rng.sample(pool, rng.randint(2, 5))) + "。" for step in range(1, rng.randint(2, 6))
        )
        answers[f"a{number}"] = Answer(
            faq=number + 1,
            title="".join(rng.sample(pool, 2)) + "？",
            body=body,
            menu=[rng.sample(pool, rng.randint(2, 5))],
            keywords=rng.sample(pool, rng.randint(3, 10)),
            similar=similar(pool, rng),
        )
    trees = {}
    ids = list(answers)
    for number in range(0, count, 20):
        options = [Option(label=rng.choice(pool), answer=answer_id) for answer_id in ids[number : number + 20]]
        question = Question(question="".join(rng.sample(pool, 2)) + "？", options=options)
        tree_id = f"t{number}"
        trees[tree_id] = Tree(
            id=tree_id, title=rng.choice(pool), summary=rng.choice(pool), start="q", nodes={"q": question}
        )
    return Catalog(trees=trees, answers=answers, synonyms=seed_catalog.synonyms)


def similar(pool: list[str], rng: random.Random) -> list[str]:
    """Eight clerk-like questions of two or three phrases (the least an answer should have)."""
    return ["".join(rng.sample(pool, rng.randint(2, 3))) for _ in range(8)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=500, help="random excerpts added to the eval queries")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    seed_catalog = load_catalog([REPO / "trees"]).catalog
    assert seed_catalog is not None
    catalog = generate(seed_catalog, args.answers, rng)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = SearchIndex.build(catalog)
    build = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024  # KiB on Linux

    evaluation = yaml.safe_load((REPO / "tests" / "data" / "search_eval.yaml").read_text(encoding="utf-8"))
    queries = [str(item["q"]) for item in evaluation["queries"]]
    bodies = [answer.body.replace("\n", "") for answer in catalog.answers.values()]
    for _ in range(args.queries):
        body = rng.choice(bodies)
        start = rng.randrange(max(1, len(body) - 12))
        queries.append(body[start : start + rng.randint(2, 12)])
    # Live search: every prefix of a few queries, as typed.
    for query in queries[:10]:
        queries += [query[:end] for end in range(1, len(query))]

    timings = []
    for query in queries:
        started = time.perf_counter()
        index.find(query, top=5)
        timings.append((time.perf_counter() - started) * 1000)
    # Baseline, same run: the plainest search there is, a substring test of every answer's text.
    texts = [f"{answer.title}{answer.body}{''.join(answer.similar)}" for answer in catalog.answers.values()]
    scans = []
    for query in queries:
        started = time.perf_counter()
        [number for number, text in enumerate(texts) if query in text]
        scans.append((time.perf_counter() - started) * 1000)

    print(f"answers indexed : {len(index):,} (in {len(catalog.trees):,} trees)")
    print(f"index build     : {build:.2f} s, peak memory +{grown:,.0f} MiB")
    print(f"queries timed   : {len(timings):,}")
    print(
        f"per query       : p50 {statistics.median(timings):.2f} ms, p95 {percentile(timings, 0.95):.2f} ms, "
        f"max {max(timings):.2f} ms"
    )
    print(
        f"substring scan  : p50 {statistics.median(scans):.2f} ms (baseline); "
        f"search p50 = {statistics.median(timings) / statistics.median(scans):.2f}x the scan"
    )


if __name__ == "__main__":
    main()
