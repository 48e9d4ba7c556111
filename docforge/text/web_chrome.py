"""The vocabulary of government web pages' chrome, and of their disclosure metadata.

A report re-published from a government portal comes wrapped in the portal's
furniture: a breadcrumb (``当前位置：首页 > 政务公开 > …``), the 信息公开 metadata
block (``索引号`` ``发布机构`` ``文号`` ``发布日期`` ``主题分类`` ``时效性``), source, date
and hit-count lines, font-size and share controls, ``【打印本页】【关闭窗口】``,
``上一篇/下一篇``, ``相关链接``, attachment lists, and a footer (``主办单位`` ``承办单位``
``网站标识码`` ``ICP备`` ``公网安备`` ``版权所有`` ``联系电话`` ``无障碍`` ``简体/繁體``).
The vocabulary is small and stable across portals, so it lives here once: the
HTML reader uses it to read the metadata block of a saved page, the normalizer
to drop the same lines from pasted web text, and both agree by construction.

Labels are matched with the spacing removed, because portals pad them to one
width (``索&ensp;引&ensp;号``, ``文　　号``, ``标     题``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docforge.text.chars import han_count

# Each disclosure field by its canonical name, with the labels portals print for it.
DISCLOSURE_LABELS: dict[str, tuple[str, ...]] = {
    "index": ("索引号", "索取号"),
    "publisher": (
        "发布机构",
        "发文机关",
        "发文机构",
        "发文单位",
        "发布单位",
        "公开责任部门",
        "公开主体",
    ),
    "docnumber": ("发文字号", "文号"),
    "written": ("成文日期", "印发日期", "生成日期"),
    "published": ("发布日期", "发布时间", "公开日期", "发文日期", "发表时间", "更新时间", "时间"),
    "origin": ("信息来源", "文章来源", "来源"),
    "subject": ("主题分类", "主题词", "分类", "体裁分类", "组配分类", "所属栏目", "栏目"),
    "validity": ("时效性", "有效性", "效力状态"),
    "pagetitle": ("标题", "名称", "文件名称"),
}
# The fields kept in the report's metadata, in the order the schema lists them.
DISCLOSURE_FIELDS = (
    "index",
    "publisher",
    "docnumber",
    "written",
    "published",
    "origin",
    "subject",
    "validity",
    "pagetitle",
)
# Chinese names of the fields, for pages a reader sees.
DISCLOSURE_NAMES = {
    "index": "索引号",
    "publisher": "发布机构",
    "docnumber": "文号",
    "written": "成文日期",
    "published": "发布日期",
    "origin": "来源",
    "subject": "主题分类",
    "validity": "时效性",
    "pagetitle": "网页标题",
}
# Labels of page furniture that carry nothing worth keeping (hit counters, authors, editors).
_COUNTER_LABELS = (
    "浏览次数",
    "浏览量",
    "阅读次数",
    "阅读量",
    "点击数",
    "点击量",
    "点击次数",
    "访问量",
    "访问次数",
    "浏览",
    "阅读",
    "点击",
    "作者",
    "编辑",
    "责任编辑",
    "字号",
    "字体",
    "分享到",
    "分享",
)
# The ``<meta name>`` of government site templates, by the field they fill.
META_FIELDS = {
    "articletitle": "pagetitle",
    "pubdate": "published",
    "contentsource": "origin",
    "firstpubdate": "published",
}

_LABEL_TO_FIELD = {label: name for name, labels in DISCLOSURE_LABELS.items() for label in labels}
_ALL_LABELS = sorted([*_LABEL_TO_FIELD, *_COUNTER_LABELS], key=len, reverse=True)
_SPACE = r"[\s\u00a0\u2002\u2003\u3000]"
# A label with any padding between its characters, then a colon.
_LABEL_RE = re.compile(
    "(?:"
    + "|".join(f"{_SPACE}*".join(map(re.escape, label)) for label in _ALL_LABELS)
    + ")"
    + f"{_SPACE}*[:：]"
)
_SPACES = re.compile(f"{_SPACE}+")

# Controls a page offers around the article: font size, print, close, share, favourites.
_CONTROL_WORDS = (
    "打印本页",
    "打印本文",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "收藏本页",
    "加入收藏",
    "收藏",
    "返回顶部",
    "返回",
    "大",
    "中",
    "小",
    "默认",
    "字体",
    "字号",
    "分享到",
    "分享",
    "微信",
    "微博",
    "新浪微博",
    "QQ空间",
    "QQ",
    "全真版",
    "文字版",
    "文件下载",
    "我要纠错",
    "纠错",
    "简体",
    "繁體",
    "繁体",
    "无障碍浏览",
    "无障碍",
    "长者模式",
    "关怀版",
    "移动版",
    "扫一扫在手机上查看当前页面",
    "扫一扫",
    "手机查看",
    "视力保护色",
    "放大",
    "缩小",
    "顶部",
)
_CONTROL_RE = re.compile(
    r"^(?:[【\[（(]?\s*(?:"
    + "|".join(map(re.escape, sorted(_CONTROL_WORDS, key=len, reverse=True)))
    + r")\s*[】\]）)]?[\s|/：:·•,，、-]*)+$"
)
_BREADCRUMB_LEAD = re.compile(
    r"^(?:当前位置|您当前的位置|您的位置|你的位置|您现在的位置|当前位置是|所在位置|位置)\s*[:：]"
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|>|＞|›|»|→)\s*")
# Lines that only a page's surroundings print: neighbours, related links, attachments.
_NEIGHBOUR = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]?")
_RELATED = re.compile(
    r"^(?:相关链接|相关文章|相关阅读|相关新闻|相关文件|相关解读|相关信息|附件下载|相关附件|附件列表|推荐阅读|热点推荐|政策解读)\s*[:：]?\s*$"
)
# A footer line: who runs the site, its registrations, its help links.
_FOOTER = re.compile(
    r"主办单位|承办单位|协办单位|主管单位|运维单位|技术支持|网站标识码|ICP\s*备|ICP证|公网安备|公安备案|京公网|"
    r"版权所有|Copyright|©|\(C\)|联系电话|联系我们|网站地图|使用帮助|隐私保护|隐私声明|免责声明|"
    r"建议使用.{0,20}浏览器|最佳浏览|分辨率|网站支持IPV6|政府网站找错|党政机关",
    re.IGNORECASE,
)
_SITE_TAG = re.compile(r"^(?:\|\s*[\w.-]{1,20}|[\w.-]{1,20}\s*\|)$", re.ASCII)
CONTROLS_HAN_MAX = 30
# A colon that is not a clock's (``15:30``): a label the vocabulary does not know.
_OTHER_LABEL = re.compile(r"(?<!\d)[：:]|[：:](?!\d)")
_VIEW_COUNT = re.compile(r"^\d{2,9}$")

PROSE_ENDS = "。！？!?；;"


@dataclass(frozen=True)
class ChromeLine:
    """What a line of page chrome is, and the disclosure fields it states."""

    kind: str
    fields: tuple[tuple[str, str], ...] = ()


def compact(text: str) -> str:
    return _SPACES.sub("", text)


def _label_field(label: str) -> str | None:
    return _LABEL_TO_FIELD.get(compact(label).rstrip(":："))


def labelled_fields(text: str) -> list[tuple[str | None, str]] | None:
    """A line made only of ``label：value`` pairs, as (field or None for a counter, value).

    ``来源：某局 发布时间：2023-06-12 15:30 浏览次数：1234`` gives three pairs; a
    line with anything before its first label is not such a line (None).
    """
    text = text.strip()
    matches = list(_LABEL_RE.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    pairs: list[tuple[str | None, str]] = []
    for m, following in zip(matches, [*matches[1:], None], strict=True):
        value = text[m.end() : following.start() if following else len(text)]
        pairs.append((_label_field(m.group()), _clean_value(value)))
    return pairs


def _clean_value(value: str) -> str:
    value = re.sub(r"[【\[](?:字体|字号)[:：].*$", "", value)  # a font control after the value
    return _SPACES.sub(" ", value).strip(" |｜/·•,，【】[]")


def is_breadcrumb(text: str) -> bool:
    """``当前位置：首页 > 政务公开 > …`` or any run of three short parts joined by ``>``."""
    text = text.strip()
    if _BREADCRUMB_LEAD.match(text):
        return True
    parts = [p for p in _CRUMB_SEPARATOR.split(text) if p]
    return len(parts) >= 3 and all(len(p) <= 40 and "。" not in p for p in parts)


def is_site_tag(text: str) -> bool:
    """A content farm's tag such as ``| cwl2`` left beside the title."""
    return bool(_SITE_TAG.match(text.strip()))


def is_page_controls(text: str) -> bool:
    """A row of the page's controls (``【打印本页】【关闭窗口】``, ``【字体：大 中 小】``), anywhere."""
    return bool(_CONTROL_RE.match(text.strip())) and han_count(text) <= CONTROLS_HAN_MAX


def is_prose(text: str) -> bool:
    """A sentence of the article rather than a link title or a label: it ends like one."""
    stripped = text.rstrip().rstrip("”’）)》」』")
    return bool(stripped) and stripped[-1] in PROSE_ENDS


def chrome_line(text: str) -> ChromeLine | None:
    """The kind of page chrome a line is, or None when it may be the article's."""
    text = text.strip()
    if not text:
        return None
    if is_breadcrumb(text):
        return ChromeLine("breadcrumb")
    if is_page_controls(text):
        return ChromeLine("page controls")
    pairs = labelled_fields(text)
    if pairs is not None and _all_fields_short(pairs):
        fields = tuple((f, v) for f, v in pairs if f and v and not _is_placeholder(v))
        return ChromeLine("disclosure metadata" if fields else "page counters", fields)
    if _NEIGHBOUR.match(text):
        return ChromeLine("neighbouring articles")
    if _RELATED.match(text):
        return ChromeLine("related links")
    if _FOOTER.search(text) and not is_prose(text) and len(text) <= 200:
        return ChromeLine("site footer")
    return None


def _all_fields_short(pairs: list[tuple[str | None, str]]) -> bool:
    """Metadata values are names, numbers and dates: short, never sentences, and no label of
    another vocabulary inside (``时间：2023年5月 地点：会议室`` is a report's own line)."""
    return all(
        len(value) <= 60 and not is_prose(value) and not _OTHER_LABEL.search(value)
        for _, value in pairs
    )


def _is_placeholder(value: str) -> bool:
    return value in ("无", "-", "—", "暂无", "/", "空")


def is_view_count(text: str) -> bool:
    """A bare hit counter such as ``33758`` left at the end of a page."""
    return bool(_VIEW_COUNT.match(text.strip()))
