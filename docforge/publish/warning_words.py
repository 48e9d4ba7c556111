"""Each conversion warning in the editor's words: Chinese by default, English with ``--lang en``.

The XML keeps the warning's code and the reader's own (English) text; what an editor reads is
made here from the code, and for the readers' warnings from the text's opening words, keeping
the figures and quoted lines it names.
"""

from __future__ import annotations

import re

WARNING_WORDS: dict[str, tuple[str, str]] = {
    "metadata-missing-department": (
        "未识别出部门：标题、封面和正文开头都没有写明部门名称。",
        "no department found in the title, front matter or the body's self-description",
    ),
    "metadata-missing-year": (
        "未识别出年度：标题和正文开头都没有写明报告年度。",
        "no reporting year found in the title or the opening of the body",
    ),
    "metadata-missing-kind": (
        "未识别出报告类型：标题中没有“整体支出绩效评价报告”之类的类型名称。",
        "no report kind (such as 整体支出绩效评价报告) found in the title",
    ),
    "metadata-missing-filled": (
        "未识别出填报日期：封面没有“填报日期：2023.1”之类的日期。",
        "no filling date (such as 填报日期：2023.1) found in the front matter",
    ),
    "no-title": (
        "未识别出标题：文件开头没有标题，暂以文件名代替。",
        "no title found at the top of the document",
    ),
}

# The readers' warnings by their wording: pattern → Chinese, with the pattern's groups.
_READER_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^dropped (\d+) lines of page furniture: (.*)$", "删除了 {0} 行页眉、页脚和页码：{1}"),
        (
            r"^left out (\d+) characters set sideways",
            "未收录 {0} 个竖排或旋转的字符（页边注或旋转的标签）",
        ),
        (r"^page (\d+) could not be read", "第 {0} 页无法读取，已跳过"),
        (
            r"^an embedded document \(altChunk\) after paragraph (\d+)",
            "第 {0} 段后嵌入的文档（altChunk）未能读取；请用 Word 打开并另存后重新发布",
        ),
        (r"unmapped|Unicode", "部分字符无法还原为文字，可能有个别乱码"),
    )
)
_READER_DETAILS = (
    (r"(\d+) page numbers", r"\1 个页码"),
    (r"(\d+) more running lines", r"另有 \1 种页眉页脚"),
)


def warning_text(code: str, text: str, lang: str = "zh") -> str:
    """What one warning says to the editor."""
    if code in WARNING_WORDS:
        zh, en = WARNING_WORDS[code]
        return en if lang == "en" else zh
    if lang == "en":
        return text
    for pattern, words in _READER_WORDS:
        match = pattern.search(text)
        if match:
            said = words.format(*match.groups())
            for detail, chinese in _READER_DETAILS:
                said = re.sub(detail, chinese, said)
            return said.replace(", ", "，")
    return f"读取原文件时的提示：{text}"


def warning_title(code: str) -> str:
    """A short Chinese name of the warning's kind, for the conversion page."""
    if code.startswith("metadata-missing-") or code == "no-title":
        return "文档信息不全"
    if code == "reader":
        return "读取提示"
    return "提示"
