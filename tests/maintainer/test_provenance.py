"""Answers say where they come from and when to review them; `wizard check` keeps the dates honest."""

from __future__ import annotations

from tests.conftest import ANSWERS, BUNDLED_TREES, TREE, Wizard, WriteFiles
from wizard.content.catalog import load_catalog
from wizard.engine.render import answer_text, answer_view

DATED = ANSWERS.replace(
    "    title: 答案一\n",
    "    title: 答案一\n    source: {document: 江苏人社网上办事服务大厅相关问答, entry: 3, date: 2024-05-01}\n"
    "    review_by: 2026-06-30\n",
)


def test_a_passed_review_date_is_a_located_warning(write_files: WriteFiles, invoke: Wizard) -> None:
    folder = write_files(answers__yaml=DATED, t__yaml=TREE)
    before = invoke("check", str(folder), "--strict", "--today", "2026-06-30")
    assert before.returncode == 0, before.stdout
    after = invoke("check", str(folder), "--strict", "--today", "2026-07-01")
    assert after.returncode == 1
    line = next(line for line in after.stdout.splitlines() if "WZ026" in line)
    assert line.endswith(
        "warning WZ026 answer 'a-one' was due for review on 2026-06-30 (check it against the "
        "current rules, then move 'review_by' on (or correct the answer))"
    )
    assert ":6:16:" in line  # the review_by value in answers.yaml
    assert invoke("check", str(folder), "--today", "2026-07-01").returncode == 0  # a warning, unless --strict


def test_the_catalog_can_require_a_source_or_review_date(write_files: WriteFiles, invoke: Wizard) -> None:
    folder = write_files(answers__yaml="require_source: true\n" + DATED, t__yaml=TREE)
    result = invoke("check", str(folder), "--today", "2026-01-01")
    flagged = sorted(line.split("answer '")[1].split("'")[0] for line in result.stdout.splitlines() if "WZ027" in line)
    assert flagged == ["a-out", "a-two"]  # a-one has both


def test_every_bundled_faq_answer_names_its_faq_entry() -> None:
    catalog = load_catalog([BUNDLED_TREES]).catalog
    assert catalog is not None
    for answer in catalog.answers.values():
        if answer.faq is not None:
            assert answer.source is not None and answer.source.entry == answer.faq
            assert answer.source.document == "江苏人社网上办事服务大厅相关问答"


def test_the_source_is_the_small_print_of_the_answer(write_files: WriteFiles) -> None:
    catalog = load_catalog([write_files(answers__yaml=DATED, t__yaml=TREE)]).catalog
    assert catalog is not None
    view = answer_view(catalog, "a-one")
    assert view.source == "来源：江苏人社网上办事服务大厅相关问答 第 3 条（2024-05-01）"
    assert answer_text(view).rstrip().endswith(view.source)
    assert (
        answer_view(catalog, "a-one", "en").source == "Source: 江苏人社网上办事服务大厅相关问答, entry 3（2024-05-01）"
    )
    assert answer_view(catalog, "a-two").source is None
