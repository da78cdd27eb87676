"""Answer bodies as blocks: nothing an author wrote is lost, however deep a list or quote is nested."""

from __future__ import annotations

import pytest

from wizard.content.document import markdown_as_text, parse, plain

TEN_DEEP = "".join(f"{'  ' * level}- 层{level}\n" for level in range(10))
DEEP_LIST = f"开头\n\n{TEN_DEEP}\n中间段落\n\n1. 第一步\n2. 第二步"


def words_in_order(text: str, words: list[str]) -> bool:
    position = 0
    for word in words:
        position = text.find(word, position)
        if position < 0:
            return False
        position += len(word)
    return True


def test_a_list_nested_ten_deep_keeps_its_deepest_item_and_everything_after_it() -> None:
    blocks = parse(DEEP_LIST)
    words = ["开头", *(f"层{level}" for level in range(10)), "中间段落", "第一步", "第二步"]
    assert words_in_order(plain(blocks), words), plain(blocks)
    deepest = next(block for block in blocks if "层9" in block.text)
    assert deepest.kind == "item" and deepest.depth == 8  # flattened into the deepest level shown
    after = [(block.kind, block.marker, block.depth, block.text) for block in blocks[-3:]]
    assert after == [("paragraph", "", 0, "中间段落"), ("item", "1.", 0, "第一步"), ("item", "2.", 0, "第二步")]


def test_lists_as_deep_as_markdown_nests_them_keep_their_structure() -> None:
    blocks = parse("".join(f"{'  ' * level}- 层{level}\n" for level in range(9)))
    assert [(block.marker, block.depth, block.text) for block in blocks] == [("•", n, f"层{n}") for n in range(9)]


@pytest.mark.parametrize("depth", [19, 20, 21, 40, 2000])
def test_a_quote_nested_deeper_than_markdown_nests_keeps_its_text_and_what_follows(depth: int) -> None:
    text = plain(parse("前文\n\n" + "> " * depth + "引用的话\n\n后文"))
    assert words_in_order(text, ["前文", "引用的话", "后文"]), text


@pytest.mark.parametrize("depth", [12, 40, 300])
def test_a_list_nested_far_too_deep_keeps_every_item_and_what_follows(depth: int) -> None:
    body = "".join(f"{'  ' * level}- 层{level}\n" for level in range(depth)) + "\n后文"
    assert words_in_order(plain(parse(body)), [*(f"层{level}" for level in range(depth)), "后文"])


def test_quotes_and_lists_mixed_deep_keep_their_text() -> None:
    body = "".join(f"{'  ' * level}- > 第{level}层\n" for level in range(15)) + "\n后文"
    text = plain(parse(body))
    assert words_in_order(text, [*(f"第{level}层" for level in range(15)), "后文"]), text


def test_markdown_written_for_a_transcript_reads_as_plain_text() -> None:
    """The .txt a browser downloads: headings underlined, items led by •, and text that only looked
    like Markdown (an escaped # or - at a line start) kept as the characters it is."""
    text = "\n".join(
        [
            "# 办理记录",
            "",
            "- 时间：2026-11-29",
            "   - 第二层",
            "",
            "## 解答：**报错**「户籍性质为空」（常见问题第 13 条）",
            "",
            "### 操作路径",
            "",
            "1. 个人中心",
            "\\# 不是标题 \\[身份证号\\]",
            "\\- 不是列表",
            "> 引用的话",
            "---",
            "```",
            "\\[原样\\] - 代码",
            "```",
        ]
    )
    assert markdown_as_text(text).split("\n") == [
        "办理记录",
        "＝＝＝＝",
        "",
        "• 时间：2026-11-29",
        "   • 第二层",
        "",
        "解答：报错「户籍性质为空」（常见问题第 13 条）",
        "－" * 23,
        "",
        "【操作路径】",
        "",
        "1. 个人中心",
        "# 不是标题 [身份证号]",
        "- 不是列表",
        "引用的话",
        "—" * 8,
        "\\[原样\\] - 代码",
    ]
