"""What the portal's editor reads on the terminal, in Chinese (default) or English (``--lang en``).

Each message has a key and its wording in both languages; code asks for ``say(key, **values)``
and never builds sentences itself, so no English sentence reaches a Chinese editor by accident.
The readers' refusals are written in English where they are raised (``InputError``); ``cause``
puts the known ones into Chinese by their opening words, keeping the technical detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docforge.text.chars import HAN

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # progress and the run
    "converting": ("正在转换", "converting"),
    "converting-file": ("正在转换：{name}", "converting: {name}"),
    "building-site": (
        "正在生成网站：{reports} 份公开报告，{held} 份待审核",
        "building site: {reports} public reports, {held} held for review",
    ),
    "finished": (
        "发布完成，用时 {seconds:.1f} 秒（{site}）。",
        "publish finished in {seconds:.2f}s ({site})",
    ),
    "site-rebuilt": ("网站已更新", "site rebuilt"),
    "site-unchanged": ("网站无变化", "site unchanged"),
    "totals": (
        "共 {files} 个文件：新上线 {live} 份，待审核 {held} 份，失败 {failed} 个，未变化 {unchanged} 个。",
        "{files} files: {live} live, {held} held for review, {failed} failed, {unchanged} unchanged.",
    ),
    "summary-title": ("本次发布结果", "publish summary"),
    # one line per file
    "outcome-live": (
        "已上线  {file}  →  {url}（第{number}版）",
        "live     {file}  ->  {url} (version {number})",
    ),
    "outcome-held": (
        "待审核  {file}（编号 {id}，第{number}版）：{reasons}",
        "held     {file} (ID {id}, version {number}): {reasons}",
    ),
    "outcome-failed": ("失败    {file}：{cause}", "failed   {file}: {cause}"),
    "remedy": ("        处理办法：{remedy}", "         remedy: {remedy}"),
    "review-page": (
        "待审核的报告见 {url}（不对外公开）。",
        "Held reports are listed at {url} (not public).",
    ),
    "note": ("说明：{text}", "note: {text}"),
    # hold reasons and their remedies
    "reason-missing-title": ("未识别出标题", "no title found"),
    "reason-missing-department": ("未识别出部门", "no department found"),
    "reason-missing-year": ("未识别出年度", "no year found"),
    "reason-missing-kind": ("未识别出报告类型", "no report kind found"),
    "reason-figure-errors": ("数字核对发现 {count} 处错误", "{count} figure errors"),
    "reason-hold-all": ("本站设置为全部人工审核", "the site holds every version for review"),
    "reason-withdrawn": ("该报告此前已撤回", "the report was withdrawn"),
    "remedy-metadata": (
        "补全后批准：docforge review approve {id}{options}",
        "approve with the missing fields: docforge review approve {id}{options}",
    ),
    "remedy-figures": (
        "核对转换报告 {url} 中的错误；无误则 docforge review approve {id}，"
        "有误则更正原文件后重新发布，或 docforge review reject {id}",
        "check the errors in {url}; approve with docforge review approve {id}, "
        "or correct the source and publish again, or docforge review reject {id}",
    ),
    "remedy-approve": (
        "审核后批准：docforge review approve {id}，或退回：docforge review reject {id}",
        "review, then docforge review approve {id} or docforge review reject {id}",
    ),
    "remedy-failed": (
        "检查原文件能否正常打开（未加密、未损坏），修正后放回 {incoming} 再次发布",
        "check that the file opens (not encrypted or damaged), fix it and publish again from {incoming}",
    ),
    # notes
    "note-no-pdf": ("未生成PDF（使用了 --no-pdf）", "PDFs not requested (--no-pdf)"),
    "note-no-renderer": ("未安装PDF排版组件，未生成PDF", "PDF renderer not installed: no PDF"),
    "note-pdf-failed": ("{name} 的PDF未能生成：{error}", "PDF not produced for {name}: {error}"),
    "note-pdfs-rendered": (
        "已为 {count} 个早先的版本补生成PDF",
        "PDFs rendered for {count} earlier versions",
    ),
    "note-old-pdf-failed": (
        "早先版本的PDF未能生成：{error}",
        "PDF not produced for an archived version: {error}",
    ),
    "note-no-search": ("未生成搜索索引：{error}", "search index not built: {error}"),
    "note-no-pagefind": (
        "未安装 pagefind，未生成搜索索引",
        "search index not built: the pagefind package is not installed",
    ),
    # review, withdraw, archive
    "review-empty": ("没有待审核的报告。", "No report is held for review."),
    "review-row": ("{id}\t第{number}版\t{title}\t{reasons}", "{id}\tv{number}\t{title}\t{reasons}"),
    "approved": ("已批准 {id} 第{number}版，地址：{url}", "approved {id} version {number}: {url}"),
    "rejected": (
        "已退回 {id} 第{number}版（存档保留）。",
        "rejected {id} version {number} (kept in the archive).",
    ),
    "withdrawn": (
        "已撤回 {id}：{url} 现显示撤回说明；存档文件全部保留。",
        "withdrawn {id}: {url} now shows the withdrawal notice; the archive keeps every file.",
    ),
    "no-report": (
        "{archive} 中没有编号为 {id} 的报告（docforge archive list 可列出全部编号）",
        "no report {id} in {archive} (docforge archive list shows every ID)",
    ),
    "nothing-held": ("{id} 没有待审核的版本", "{id} has no version held for review"),
    "already-withdrawn": ("{id} 已于 {date} 撤回", "{id} was already withdrawn on {date}"),
    "not-public": (
        "{id} 尚未上线，无需撤回（待审核的版本可用 docforge review reject {id} 退回）",
        "{id} is not live; nothing to withdraw (reject a held version with docforge review reject {id})",
    ),
    "no-catalog": (
        "{path}：没有目录数据库（尚未发布过）",
        "{path}: no catalog (nothing published yet)",
    ),
    "no-incoming": ("{path}：找不到待发布文件夹", "{path}: incoming folder not found"),
    "bad-year": (
        "年度应为四位数字（现为“{value}”）",
        "the year must have four digits (not '{value}')",
    ),
}


@dataclass(frozen=True)
class Messages:
    """The wording of one language; ``say`` fills a message in."""

    lang: str = "zh"

    def say(self, key: str, **values: object) -> str:
        zh, en = MESSAGES[key]
        return (en if self.lang == "en" else zh).format(**values)

    def reasons(self, codes: tuple[str, ...]) -> str:
        """Hold reasons (``missing-year``, ``figure-errors:5``) in words, joined."""
        words = []
        for code in codes:
            name, _, count = code.partition(":")
            words.append(self.say(f"reason-{name}", count=count))
        return ("；" if self.lang != "en" else "; ").join(words)

    def cause(self, text: str) -> str:
        """A refusal's cause in the editor's language (the reader raises it in English)."""
        if self.lang == "en" or _CJK.match(text):
            return text
        for pattern, words in _CAUSES:
            match = pattern.search(text)
            if match:
                detail = text[match.end() :].strip(" :;,()")
                if not detail or _ENGLISH_WORDS.search(detail):
                    return words
                return f"{words}（{detail}）"
        return (
            "无法转换（加 --lang en 可查看英文原因）"
            if _ENGLISH_WORDS.search(text)
            else f"无法转换（{text}）"
        )


_CJK = re.compile(f"^[{HAN}]")
# Two English words in a row: a detail in English is left out of a Chinese message.
_ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")

# The readers' refusals by their opening words, and what they mean in Chinese.
_CAUSES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^empty file", "空文件"),
        (r"^no text in the Word document", "Word文档中没有文字"),
        (r"^no text in file", "文件中没有文字"),
        (r"^file too large", "文件过大"),
        (r"^text file too large", "文本文件过大，不像一份报告"),
        (r"^unsupported file type", "不支持的文件类型"),
        (r"^cannot read file", "无法读取文件"),
        (r"^cannot decode text", "无法识别文字编码"),
        (r"^not a PDF file", "不是PDF文件"),
        (r"^truncated or damaged PDF", "PDF文件不完整或已损坏"),
        (r"^damaged PDF", "PDF文件已损坏"),
        (r"^the PDF has no text layer", "PDF没有文字层（可能是扫描件），需要先做文字识别"),
        (r"^the PDF has no text outside", "PDF除页眉页脚外没有正文"),
        (r"^the PDF's text has no usable Unicode mapping", "PDF字体编码无法还原为文字（乱码）"),
        (r"password-protected|encrypted", "文件已加密，无法读取"),
        (r"^not a Word document", "不是Word文档"),
        (r"is not a WordprocessingML document", "不是Word文档"),
        (r"^old binary Word file", "旧版Word/WPS文件需要LibreOffice才能读取"),
        (r"^LibreOffice", "LibreOffice未能转换该文件"),
        (r"^cannot run LibreOffice", "无法运行LibreOffice"),
        (
            r"^archive (has too many members|inflates|member)",
            "压缩包结构异常（疑似压缩炸弹），拒绝打开",
        ),
        (r"^cannot extract", "无法从文档压缩包中取出内容"),
        (r"^corrupt XML", "文档内部XML已损坏"),
        (r"declares a DOCTYPE", "文档内部XML声明了DOCTYPE或实体，拒绝解析"),
        (r"^produced XML that fails the schema", "生成的XML不符合规范，属程序问题，请报告"),
        (r"^file changed while publishing", "发布过程中文件被修改，下次发布时会重新处理"),
        (r"^the conversion process died", "转换进程意外终止（内存不足或崩溃）"),
        (r"^internal error", "程序内部错误，请报告"),
    )
)


Note = tuple[str, tuple[tuple[str, object], ...]]


def note(key: str, **values: object) -> Note:
    """A note for the end of the run, kept as its key and values so either language can say it."""
    return key, tuple(sorted(values.items()))


def say_note(messages: Messages, item: Note) -> str:
    key, values = item
    return messages.say(key, **dict(values))
