"""Hostile content, names, streams and environments: located one-line errors, never a traceback or an escape.

One test per class of problem, each over several variants (not one example
string), in the spirit of a review that tries what a careless or malicious
edit, a CI runner or an odd terminal would do.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import ANSWERS, BUNDLED_TREES, REPO, TREE, Wizard, WriteFiles, located
from wizard.content import loader, source
from wizard.content.catalog import load_catalog
from wizard.content.diagnostics import Severity
from wizard.content.files import write_whole

ESC = "\x1b"


def clean_output(*texts: str) -> bool:
    """No control character a terminal would act on (tab and newline are layout)."""
    return not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for text in texts for c in text)


# 1. Tagged scalars that do not construct, numbers int() refuses -----------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "!!int abc",
        "!!float x",
        "!!bool maybe",
        "!!int",
        "!!float ''",
        "!!int 0x",
        "9" * 4400,
        "-" + "7" * 31,
        "0x" + "f" * 3600,
        "0" + "7" * 60,
        "1" + "_0" * 20,
    ],
    ids=lambda value: value[:16],
)
@pytest.mark.parametrize("key", ["id", "summary", "order"])
def test_a_value_that_does_not_construct_is_a_located_error(diagnose, key: str, value: str) -> None:
    tree = TREE.replace("summary: 摘要\n", "summary: 摘要\norder: 1\n") if key == "order" else TREE
    line = {"id": 1, "summary": 3, "order": 4}[key]
    text = "\n".join(f"{key}: {value}" if row.startswith(f"{key}:") else row for row in tree.splitlines()) + "\n"
    problems = diagnose(t__yaml=text)
    assert problems and all(p.severity is Severity.ERROR for p in problems)
    assert {(p.code, p.line) for p in problems} <= {("WZ012", line), ("WZ006", line)}, located(problems)


def test_a_tagged_key_is_a_forbidden_tag_not_an_empty_key(diagnose) -> None:
    for key in ("!!python/name:os.system", "!!binary aGk=", "!custom x", "!!set"):
        problems = diagnose(t__yaml=TREE.replace("summary: 摘要", f"{key} : 1\nsummary: 摘要"))
        assert [(p.code, p.line) for p in problems] == [("WZ006", 3)], (key, located(problems))


# 3 and 4. Names, keys and labels with escapes and line breaks stay on one clean line ----------------


HOSTILE_NAMES = [
    "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07",
    "x\nt.yaml:1:1: error WZ001 forged",
    "a\u2028b\u0085c",
    "\x9b31m",
    "\u202eevil",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["osc", "newline", "u2028", "c1", "bidi"])
def test_a_hostile_file_name_is_shown_on_one_clean_line(write_files: WriteFiles, invoke: Wizard, name: str) -> None:
    folder = write_files(answers__yaml=ANSWERS)
    (folder / f"{name}.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = invoke("check", str(folder))
    assert result.returncode == 1
    assert clean_output(result.stdout, result.stderr)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{folder}/") and " error WZ001 " in lines[0]
    assert not any(line.startswith("t.yaml") for line in lines)


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\u0085", "\x0b", "\x1b[2J"])
def test_keys_ids_and_labels_with_line_breaks_cannot_forge_a_diagnostic(diagnose, breaker: str) -> None:
    forged = f"x{breaker}t.yaml:1:1: error WZ001 forged"
    quoted = forged.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    problems = [
        *diagnose(t__yaml=TREE + f'"{quoted}": 1\n'),
        *diagnose(t__yaml=TREE.replace("next: q2", f'next: "{quoted}"')),
        *diagnose(t__yaml=TREE.replace("label: 丁", f'label: "{quoted}"')),
    ]
    assert problems
    assert all(clean_output(p.format()) and "\n" not in p.format() for p in problems)


# 5. Null documents ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["~\n", "null\n", "NULL\n", "--- ~\n", "---\n...\n", "--- null\n", "# nothing\n~\n"])
@pytest.mark.parametrize("which", ["t.yaml", "answers.yaml"])
def test_a_file_holding_only_a_null_document_is_reported(write_files: WriteFiles, which: str, text: str) -> None:
    files = {"answers__yaml": ANSWERS, "t__yaml": TREE, which.replace(".", "__"): text}
    problems = load_catalog([write_files(**files)]).diagnostics
    assert ("WZ004", which) in {(p.code, Path(p.path).name) for p in problems}
    assert "WZ023" not in {p.code for p in problems}  # an answers.yaml of '~' is there, not missing


# 6. An unreadable trees folder ---------------------------------------------------------------------


def test_an_unreadable_folder_is_a_located_error_in_process(write_files: WriteFiles, monkeypatch) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)

    def refuse(self: Path):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    problems = load_catalog([folder]).diagnostics
    assert [(p.code, p.message) for p in problems] == [("WZ008", "cannot read the folder: Permission denied")]


def unprivileged(command: list[str]) -> list[str]:
    """``command`` run as nobody when we are root (root reads any folder, so the test would prove nothing)."""
    if os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop the permission override")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", *command]


def test_an_unreadable_folder_in_a_real_process(tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.mktemp("shared")
    for folder in (base, *base.parents):
        if folder == Path(folder.anchor):
            break
        folder.chmod(folder.stat().st_mode | 0o005)  # nobody may walk to it
    trees = base / "trees"
    shutil.copytree(BUNDLED_TREES, trees)
    trees.chmod(0o000)
    try:
        probe = subprocess.run(
            unprivileged([sys.executable, "-c", "import wizard.cli"]), capture_output=True, text=True, cwd=base
        )
        if probe.returncode != 0:
            pytest.skip(f"an unprivileged user cannot import this checkout: {probe.stderr.strip()[:200]}")
        for command in (["check", str(trees)], ["coverage", str(trees)], ["ask", "户籍", "--trees", str(trees)]):
            result = subprocess.run(
                unprivileged([sys.executable, "-m", "wizard.cli", *command]),
                capture_output=True,
                text=True,
                cwd=base,
                env={**os.environ, "HOME": str(base)},
                timeout=60,
            )
            assert result.returncode == 1, (command, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr
            assert (
                f"{trees}:1:1: error WZ008 cannot read the folder: Permission denied" in result.stdout + result.stderr
            )
    finally:
        trees.chmod(0o755)


# 7. Undecodable file names and narrow output encodings --------------------------------------------


def test_a_non_utf8_file_name_is_escaped_not_a_crash(write_files: WriteFiles, run_wizard: Wizard) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    with open(os.path.join(os.fsencode(folder), b"bad\xff\xfe.yaml"), "wb") as handle:
        handle.write(b"id: [unclosed\n")
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    for command in (["check", str(folder)], ["coverage", str(folder)]):
        result = run_wizard(*command, env=env)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "bad\\xff\\xfe.yaml" in result.stdout + result.stderr
    as_json = run_wizard("check", str(folder), "--format", "json", env=env)
    assert as_json.returncode == 1 and as_json.stderr == ""
    assert json.loads(as_json.stdout)[0]["path"].endswith("bad\udcff\udcfe.yaml")  # JSON's own escape


def test_a_narrow_output_encoding_shows_escapes_not_a_crash(run_wizard: Wizard) -> None:
    for command in (["ask", "户籍"], ["walk", "enrolment-errors", "--answers", "3"], ["graph", "undo-change"]):
        result = run_wizard(*command, env={"PYTHONIOENCODING": "ascii"})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "\\u" in result.stdout


# 9. A cut-off pipe keeps the command's own exit status ---------------------------------------------


def test_pipefail_sees_the_real_status_through_head(write_files: WriteFiles, neutral_cwd: Path) -> None:
    broken = "".join(f"t{n}.yaml" for n in range(1))
    folder = write_files(answers__yaml=ANSWERS, **{f"t{n}__yaml": "id: [unclosed\n" for n in range(200)})
    assert broken
    wizard = f"{sys.executable} -m wizard.cli"
    for command, status in ((f"{wizard} check {folder}", 1), (f"{wizard} check {BUNDLED_TREES}", 0)):
        result = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {command} | head -n 2"],
            capture_output=True,
            text=True,
            cwd=neutral_cwd,
            timeout=60,
        )
        assert result.returncode == status, result.stderr
        assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


# 10. A costly file under the size cap is refused before it is composed ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "x: [" + "1," * 600_000 + "1]\n",
        "x: [" + "{}," * 600_000 + "{}]\n",
        "x:\n" + "- a\n" * 600_000,
        "x: {" + ", ".join(f"k{n}: 1" for n in range(300_000)) + "}\n",
    ],
    ids=["ints", "maps", "block-list", "flow-map"],
)
def test_a_file_of_too_many_values_is_refused_without_composing_it(
    write_files: WriteFiles, monkeypatch, text: str
) -> None:
    composed = []
    monkeypatch.setattr(loader, "compose", lambda text: composed.append(text))
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE, big__yaml=text)
    assert len(text.encode()) < loader.MAX_FILE_BYTES
    problems = load_catalog([folder]).diagnostics
    assert ("WZ003", "big.yaml", 1, 1) in located(problems)
    assert "values; the limit is 400,000" in next(p.message for p in problems if p.code == "WZ003")
    assert len(composed) == 2  # answers.yaml and t.yaml were composed; big.yaml never was


def test_the_value_estimate_is_an_upper_bound_on_what_compose_makes(write_files: WriteFiles) -> None:
    """The budget is only sound if every value needs one of the characters counted."""
    import yaml

    shapes = ["a: [1, [2, {b: 3}], {c: [4]}]\n", "- - - x\n", "? a\n: b\n", "k: |\n  text\n", "{a, b, c}\n", "[[[]]]"]
    for text in [TREE, ANSWERS, *shapes]:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
        count, stack = 0, [root]
        while stack:
            node = stack.pop()
            count += 1
            if isinstance(node, yaml.MappingNode):
                stack += [part for pair in node.value for part in pair]
            elif isinstance(node, yaml.SequenceNode):
                stack += node.value
        assert count <= 2 * loader._value_estimate(text) + 1, text


# 13. Bad characters and editor-invisible line breaks are reported where an editor shows them -------


@pytest.mark.parametrize("bad", ["\x01", ESC, "\ufffe", "\x7f", "\x9b"])
def test_a_forbidden_character_is_located_at_its_line_and_column(write_files: WriteFiles, bad: str) -> None:
    text = TREE.replace("summary: 摘要", f"summary: 摘要{bad}x")
    problems = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=text)]).diagnostics
    assert located(problems) == [("WZ001", "t.yaml", 3, 12)]
    assert f"U+{ord(bad):04X}" in problems[0].message and clean_output(problems[0].format())


@pytest.mark.parametrize("breaker", ["\u2028", "\u0085", "\u2029"])
def test_lines_are_counted_as_an_editor_counts_them(write_files: WriteFiles, breaker: str) -> None:
    text = TREE.replace("summary: 摘要", f'summary: "摘{breaker}要"').replace("next: q2", "next: q3")
    problems = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=text)]).diagnostics
    assert located(problems) == [("WZ031", "t.yaml", 12, 15), ("WZ040", "t.yaml", 13, 3)]  # as without the break
    syntax = TREE.replace("summary: 摘要", f'summary: "摘{breaker}要"').replace("start: q1", "start: [q1")
    assert located(load_catalog([write_files(t__yaml=syntax)]).diagnostics)[0][2] in (4, 5)
    assert source.differs_from_editor(text)


# 14. Closed streams, huge numbers typed, unwritable outputs -----------------------------------------


@pytest.mark.parametrize(
    ("args", "close"),
    [(["walk"], 0), ([], 0), (["walk", "enrolment-errors"], 0), ([], 1), (["ask", "户籍"], 1), (["check"], 1)],
    ids=["walk<&-", "wizard<&-", "walk-tree<&-", "wizard>&-", "ask>&-", "check>&-"],
)
def test_closed_standard_streams_are_not_a_traceback(args: list[str], close: int, neutral_cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard.cli", *args],
        stdin=subprocess.DEVNULL if close else None,
        stdout=None if close else subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(),
        preexec_fn=lambda: os.close(close),
        cwd=neutral_cwd,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


def test_a_huge_number_typed_is_an_invalid_choice(invoke: Wizard) -> None:
    huge = "9" * 5000
    walked = invoke("walk", "enrolment-errors", stdin=f"{huge}\n3\nq\n")
    assert walked.returncode == 0 and "无效输入" in walked.stdout and "户籍性质为空" in walked.stdout
    answered = invoke("walk", "enrolment-errors", "--answers", huge)
    assert answered.returncode == 1 and "不是当前问题的选项编号" in answered.stderr
    from_tasks = invoke("walk", stdin=f"{huge}\nq\n")  # at the task list, anything but a task number is a search
    assert from_tasks.returncode == 0, from_tasks.stderr
    assert f"常见问题中没有与“{'9' * 40}…”相符的解答" in from_tasks.stdout
    assert "9" * 201 not in from_tasks.stdout


@pytest.mark.parametrize("target", ["/nonexistent/dir/x.lcov", "/dev/full", "/tmp", "{folder}/x.yaml/child"])
def test_coverage_output_that_cannot_be_written_is_reported(
    write_files: WriteFiles, invoke: Wizard, target: str
) -> None:
    if target == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    (folder / "x.yaml").write_text(TREE.replace("id: t", "id: x"), encoding="utf-8")
    output = target.format(folder=folder)
    result = invoke("coverage", str(folder), "--format", "lcov", "-o", output)
    assert result.returncode == 2
    assert result.stderr.startswith(f"wizard coverage: cannot write {output}: ")


@pytest.mark.parametrize("value", ["nan", "-1", "101", "abc", "inf"])
def test_fail_under_takes_a_percentage(invoke: Wizard, value: str) -> None:
    result = invoke("coverage", str(BUNDLED_TREES), "--fail-under", value)
    assert result.returncode == 2 and "--fail-under" in result.stderr


# 15. A full disk never leaves half a file under its final name ---------------------------------------


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    target = tmp_path / "transcript.md"
    with pytest.raises(OSError, match="No space"):
        write_whole(target, "正文" * 1000, overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_writing_whole_never_replaces_an_existing_file_when_asked_not_to(tmp_path: Path) -> None:
    target = tmp_path / "t.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_whole(target, "new", overwrite=False)
    assert target.read_text(encoding="utf-8") == "old" and list(tmp_path.iterdir()) == [target]


# 16. Links out of the folder, dangling links, loops, pipes and devices ------------------------------


def test_links_and_special_files_are_reported_not_followed(write_files: WriteFiles, invoke: Wizard, tmp_path) -> None:
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE)
    secret = tmp_path / "secret.env"
    secret.write_text("SECRET_KEY: hunter2\n", encoding="utf-8")
    (folder / "leak.yaml").symlink_to(secret)
    (folder / "proc.yaml").symlink_to("/proc/self/status")
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "inside.yaml").symlink_to(folder / "t.yaml")  # a link that stays inside is fine (same tree twice)
    result = invoke("check", str(folder))
    assert "hunter2" not in result.stdout + result.stderr and "SECRET" not in result.stdout
    reported = {line.split(":")[0].rsplit("/", 1)[-1]: line for line in result.stdout.splitlines() if "WZ008" in line}
    assert set(reported) == {"leak.yaml", "proc.yaml", "dangling.yaml", "loop.yaml", "pipe.yaml"}
    assert "outside the trees folder" in reported["leak.yaml"] and "not a regular file" in reported["pipe.yaml"]
    assert result.returncode == 1


# 17. wizard new never writes into a file's folder or the installed program -------------------------


def test_new_refuses_a_file_as_its_folder(invoke: Wizard, tmp_path: Path) -> None:
    a_file = tmp_path / "hostname"
    a_file.write_text("host\n", encoding="utf-8")
    result = invoke("new", "x-y", "--title", "标题", "--trees", str(a_file))
    assert result.returncode == 2 and "is a file, not a trees folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostname"]
    inside = invoke("new", "x-y", "--title", "标题", "--trees", str(REPO / "wizard" / "trees"))
    assert inside.returncode == 2 and "inside the installed program" in inside.stderr


# 18. The smaller ones ------------------------------------------------------------------------------


def test_an_escape_in_a_graph_tree_id_is_not_echoed(invoke: Wizard) -> None:
    result = invoke("graph", f"{ESC}]0;x\x07")
    assert result.returncode == 1 and clean_output(result.stderr) and "no tree ']0;x'" in result.stderr


def test_a_tree_saved_as_answers_yml_says_so(write_files: WriteFiles) -> None:
    folder = write_files(t__yaml=TREE, **{"answers__yml": TREE.replace("id: t", "id: u")})
    problems = load_catalog([folder]).diagnostics
    assert any("named like an answers file but holds a tree" in p.message for p in problems)
    assert not any("did you mean 'id'" in (p.hint or "") for p in problems)
    swapped = write_files(answers__yaml=ANSWERS, t__yaml=TREE, extra__yaml=ANSWERS)
    assert any("not named answers.yaml" in p.message for p in load_catalog([swapped]).diagnostics)


@pytest.mark.parametrize(("bom", "name"), [(b"\xff\xfe\x00\x00", "UTF-32"), (b"\xff\xfe", "UTF-16")])
def test_byte_order_marks_name_their_encoding(write_files: WriteFiles, bom: bytes, name: str) -> None:
    problems = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=bom + b"x\x00\x00\x00")]).diagnostics
    assert [(p.code, p.message) for p in problems] == [("WZ002", f"the file is {name} text")]


def test_thousands_of_duplicate_keys_are_summed_up_not_listed(write_files: WriteFiles) -> None:
    text = TREE + "".join(f"k: {n}\n" for n in range(5000))
    problems = load_catalog([write_files(answers__yaml=ANSWERS, t__yaml=text)]).diagnostics
    assert [p.code for p in problems] == ["WZ005"] * 21
    assert "4,979 more duplicate keys in this file" in problems[-1].message  # 4 999 repeats, 20 listed
