"""Saved government web pages built from the seeds, in the shapes real portals have.

Each shape wraps a seed's text the way a county or city portal's article page
does (studied on saved 政务公开 pages): a site header with navigation and
简体/繁體/无障碍 switches, a breadcrumb ``当前位置：首页 > 政务公开 > …``, the
信息公开 metadata block (索引号, 发布机构, 文号, 发布日期, 主题分类, 时效性) as a table,
a list or text lines, the title, a 来源/发布时间/浏览次数 line with 【字体：大 中 小】 and
分享到, the article, then 【打印本页】【关闭窗口】, 上一篇/下一篇, 相关链接, attachments
and a footer (主办单位, 承办单位, 网站标识码, ICP备, 公网安备, 版权所有, 联系电话). The
article's headings are bold paragraphs, ``h2``/``h3`` or plain lines, its lines
``<p>``s or ``<br>``-separated, in UTF-8 or GB18030, declared or not; one shape
is saved as MHTML. Scripts, styles, a search form, a hidden block and comments
carry text that must never reach the report. Nothing here is committed as a
page: the pages are made from the seeds when the tests run.
"""

from __future__ import annotations

import quopri
from dataclasses import dataclass
from email.message import Message
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from html import escape
from pathlib import Path

from lxml import etree

from docforge.model.xml import q
from docforge.normalize.labels import parse_label
from tests.conftest import FIXTURES, seed

# Text placed where a reader never sees it: it must never reach the XML.
INVISIBLE = ("脚本里的文字", "样式里的文字", "隐藏的文字", "注释里的文字", "表单里的文字")
PUBLISHED = "2023-06-12"


@dataclass(frozen=True)
class PageShape:
    name: str
    headings: str  # "bold", "h" or "plain"
    lines: str  # "p" or "br"
    encoding: str  # "utf-8" or "gb18030"
    declared: str | None  # "meta", "http-equiv" or None
    template: str  # "county", "portal", "cms", "html5"
    mhtml: bool = False

    @property
    def suffix(self) -> str:
        return ".mhtml" if self.mhtml else ".html"


SHAPES = (
    PageShape("county-bold-utf8-declared", "bold", "p", "utf-8", "meta", "county"),
    PageShape("portal-h2h3-gb18030-declared", "h", "p", "gb18030", "http-equiv", "portal"),
    PageShape("cms-br-gb18030-undeclared", "plain", "br", "gb18030", None, "cms"),
    PageShape("html5-h2h3-utf8-undeclared", "h", "p", "utf-8", None, "html5"),
    PageShape("county-bold-mhtml", "bold", "p", "utf-8", "meta", "county", mhtml=True),
)


@dataclass(frozen=True)
class Disclosure:
    index: str
    publisher: str
    docnumber: str
    published: str
    origin: str


def expected_meta(stem: str) -> etree._Element:
    root = etree.parse(str(FIXTURES / "expected" / f"{stem}.xml")).getroot()
    return root.find(q("meta"))


def disclosure_for(stem: str) -> Disclosure:
    department = expected_meta(stem).findtext(q("department"))
    number = int(stem[:3]) + 1
    return Disclosure(
        index=f"11430000MB1{number:04d}-2023-{number:05d}",
        publisher=department,
        docnumber=f"县财绩〔2023〕{number}号",
        published=PUBLISHED,
        origin=department,
    )


def _compact(text: str) -> str:
    return "".join(text.split())


def _outline(stem: str) -> list[tuple[int, str, str]]:
    path = FIXTURES / "outlines" / f"{stem}.outline.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        level, label, heading = line.split("\t")
        rows.append((int(level), label, heading))
    return rows


@dataclass(frozen=True)
class Line:
    text: str
    level: int | None = None  # outline level when the line is a heading
    head_end: int = 0  # end of label + heading words + their mark, for run-in headings


def seed_article(stem: str) -> tuple[str, list[Line]]:
    """The seed's title and its other lines, each heading line marked with its outline level."""
    title = expected_meta(stem).findtext(q("title"))
    lines = [
        raw.strip() for raw in seed(stem).read_text(encoding="utf-8").splitlines() if raw.strip()
    ]
    at = next(i for i, line in enumerate(lines) if _compact(line) == _compact(title))
    title_line, rest = lines[at], lines[:at] + lines[at + 1 :]
    outline = _outline(stem)
    marked = []
    for text in rest:
        line = Line(text)
        if outline:
            level, label, heading = outline[0]
            match = parse_label(text)
            words = match.rest if match else text
            if (bool(match) == bool(label)) and _compact(words).startswith(_compact(heading)):
                outline.pop(0)
                end = len(text) - len(words) + len(heading)
                end += 1 if end < len(text) and text[end] in "。：:" else 0
                line = Line(text, level, end if end < len(text) else 0)
        marked.append(line)
    return title_line, marked


def _line_html(line: Line, shape: PageShape) -> str:
    text = escape(line.text)
    if line.level is None or shape.headings == "plain":
        if shape.template == "html5":  # a link inside a paragraph keeps its text
            text = f'<a href="https://www.example.invalid/x">{escape(line.text[:4])}</a>{escape(line.text[4:])}'
        elif shape.template == "portal":  # word-processor spans, as portals' editors leave them
            text = f'<span style="font-size: 16pt;">{text}</span>'
        return f'<p style="text-indent: 2em;">{text}</p>'
    if line.head_end:
        head, body = escape(line.text[: line.head_end]), escape(line.text[line.head_end :])
        tag = "strong" if shape.headings == "bold" else "b"
        return f'<p style="text-indent: 2em;"><{tag}>{head}</{tag}>{body}</p>'
    if shape.headings == "h":
        return f"<h{line.level + 1}>{text}</h{line.level + 1}>"
    return f"<p><strong>{text}</strong></p>"


def _article_html(lines: list[Line], shape: PageShape) -> str:
    if shape.lines == "br":
        return (
            "<br>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(line.text)}" for line in lines) + "<br>"
        )
    return "\n".join(_line_html(line, shape) for line in lines)


HEADER = """<div class="top"><span>某县人民政府门户网站</span>
<div class="switch"><a href="#">简体</a> | <a href="#">繁體</a> | <a href="#" id="wza">无障碍</a></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zcwj/">政策文件</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<form class="search" action="/search"><input type="text" placeholder="请输入关键词" value="表单里的文字"><button>搜索</button></form>
<script>document.write("脚本里的文字");</script>
<style>.hidden-note::after { content: "样式里的文字"; }</style>
<!-- 注释里的文字 -->
<div style="display:none">隐藏的文字</div>
"""

AFTER = """<div class="tools">【打印本页】【关闭窗口】</div>
<div class="prevnext"><p>上一篇：某县财政局关于2023年第一季度财政收支情况的公告</p><p>下一篇：某县2022年政府信息公开工作年度报告</p></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="#">某县财政局2021年度部门整体支出绩效自评报告</a></li>
<li><a href="#">关于开展2022年度部门整体支出绩效自评工作的通知</a></li></ul></div>
<div class="attach"><p>附件下载</p><ul><li><a href="#">附件1：2022年度部门整体支出绩效自评表.xlsx</a></li></ul></div>
"""

FOOTER = """<div class="footer"><p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">使用帮助</a></p>
<p>主办单位：某县人民政府办公室　承办单位：某县政务服务和大数据中心</p>
<p>网站标识码：4304820001　<a href="#">湘ICP备05002367号</a>　<a href="#">湘公网安备 43048202000123号</a></p>
<p>版权所有：某县人民政府　联系电话：0734-7222222</p></div>
"""


def _head(title: str, shape: PageShape, info: Disclosure) -> str:
    charset = {
        "meta": f'<meta charset="{shape.encoding}">',
        "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    }.get(shape.declared or "", "")
    metas = ""
    if shape.template in ("portal", "html5"):
        metas = (
            f'<meta name="ArticleTitle" content="{escape(title)}">'
            f'<meta name="PubDate" content="{info.published} 15:30">'
            f'<meta name="ContentSource" content="{escape(info.origin)}">'
        )
    return (
        f"<head>{charset}{metas}<title>{escape(title)}_某县人民政府门户网站</title>"
        '<link rel="stylesheet" href="https://www.example.invalid/style.css"></head>'
    )


def _county(title: str, article: str, info: Disclosure) -> str:
    return f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="#">财政预决算</a></div>
<table class="xxgk">
<tr><td>索&nbsp;引&nbsp;号：</td><td>{info.index}</td><td>主题分类：</td><td>财政、金融、审计</td></tr>
<tr><td>发布机构：</td><td>{escape(info.publisher)}</td><td>发布日期：</td><td>{info.published}</td></tr>
<tr><td>文　　号：</td><td>{escape(info.docnumber)}</td><td>时&ensp;效&ensp;性：</td><td>有效</td></tr>
</table>
<h1 class="title">{escape(title)}</h1>
<div class="info">来源：{escape(info.origin)}　发布时间：{info.published} 15:30　浏览次数：1234　【字体：<a>大</a> <a>中</a> <a>小</a>】　分享到：</div>
<div id="zoom">{article}</div>
"""


def _portal(title: str, article: str, info: Disclosure) -> str:
    return f"""<div class="breadcrumb"><span>当前位置：</span><ul style="display:inline"><li style="display:inline"><a>首页</a></li> &gt; <li style="display:inline"><a>政务公开</a></li> &gt; <li style="display:inline"><a>法定主动公开内容</a></li></ul></div>
<div class="index_box"><ul>
<li>索&ensp;引&ensp;号：<font>{info.index}</font></li><li>主题分类：<font>财政</font></li>
<li>发文机关：<font>{escape(info.publisher)}</font></li><li>成文日期：{info.published}</li>
<li>标&ensp;&ensp;&ensp;&ensp;题：<font>{escape(title)}</font></li><li>发文字号：<font>{escape(info.docnumber)}</font></li>
<li>发布日期：{info.published}</li><li>有&ensp;效&ensp;性：<em>有效</em></li></ul></div>
<div class="article_title text_align_center">{escape(title)}</div>
<div class="article_extend"><span class="article_time">时间：{info.published} 15:30</span> <span class="views">浏览量：88</span></div>
<div class="article_content"><div class="TRS_Editor">{article}</div></div>
<div class="article_extend"><span class="article_source">来源：{escape(info.origin)}</span></div>
<div class="article_qrcode"><p>扫一扫在手机上查看当前页面</p></div>
"""


def _cms(title: str, article: str, info: Disclosure) -> str:
    return f"""<div class="position">您当前的位置：首页 &gt;&gt; 信息公开 &gt;&gt; 部门信息</div>
<table width="100%"><tr><td class="content">
<div class="bt">{escape(title)}</div>
发布机构：{escape(info.publisher)}　文号：{escape(info.docnumber)}<br>
来源：{escape(info.origin)}　时间：{info.published}　点击数：567　【字体：大 中 小】<br><br>
{article}
<br>【打印本页】【关闭窗口】
</td></tr></table>
"""


def _html5(title: str, article: str, info: Disclosure) -> str:
    return f"""<nav aria-label="面包屑">当前位置：首页 &gt; 政务公开 &gt; 部门预决算</nav>
<main><article>
<p class="meta">发布日期：{info.published}　来源：{escape(info.origin)}</p>
<h1>{escape(title)}</h1>
<section>{article}</section>
</article></main>
"""


_TEMPLATES = {"county": _county, "portal": _portal, "cms": _cms, "html5": _html5}


def page_html(stem: str, shape: PageShape) -> str:
    """The page as markup (before encoding)."""
    title, lines = seed_article(stem)
    info = disclosure_for(stem)
    body = _TEMPLATES[shape.template](title, _article_html(lines, shape), info)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">{_head(title, shape, info)}\n<body>\n{HEADER}{body}'
        f"{AFTER}{FOOTER}</body></html>\n"
    )


def page_bytes(stem: str, shape: PageShape) -> bytes:
    data = page_html(stem, shape).encode(shape.encoding)
    return _mhtml(data, shape.encoding) if shape.mhtml else data


def _mhtml(data: bytes, encoding: str) -> bytes:
    """The page as Chromium saves it: multipart/related, HTML quoted-printable, an image beside it."""
    archive = MIMEMultipart("related", type="text/html")
    archive["Snapshot-Content-Location"] = "https://www.example.invalid/zwgk/t20230612_1.html"
    archive["Subject"] = "saved page"
    part = Message()
    part["Content-Type"] = f"text/html; charset={encoding}"
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part.set_payload(quopri.encodestring(data).decode("ascii"))
    part["Content-Location"] = "https://www.example.invalid/zwgk/t20230612_1.html"
    archive.attach(part)
    image = MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "png")
    image["Content-Location"] = "https://www.example.invalid/images/logo.png"
    archive.attach(image)
    return archive.as_bytes()


def write_page(folder: Path, stem: str, shape: PageShape) -> Path:
    path = folder / f"{stem}.{shape.name}{shape.suffix}"
    path.write_bytes(page_bytes(stem, shape))
    return path
