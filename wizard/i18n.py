"""The wizard's own words (not the content) in Chinese and English.

Content stays as the maintainers wrote it; only the interface text switches
with ``--lang``. A missing English string falls back to Chinese, never to a key.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "app_title": "江苏人社网办向导",
        "transcript_title": "江苏人社网办向导 · 办理记录",
        "transcript_date": "时间：",
        "transcript_task": "事项：",
        "transcript_steps": "问答经过",
        "transcript_answer": "解答：",
        "faq_number": "常见问题第 {} 条",
        "menu_path": "操作路径",
    },
    "en": {
        "app_title": "Jiangsu HR & Social Security Wizard",
        "transcript_title": "Jiangsu HR & Social Security Wizard · transcript",
        "transcript_date": "Date: ",
        "transcript_task": "Task: ",
        "transcript_steps": "Questions and choices",
        "transcript_answer": "Answer: ",
        "faq_number": "FAQ {}",
        "menu_path": "Click path",
    },
}


def text(key: str, lang: str = "zh") -> str:
    """The interface string ``key`` in ``lang`` (Chinese when missing)."""
    return STRINGS.get(lang, {}).get(key) or STRINGS["zh"][key]
