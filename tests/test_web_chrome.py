"""The chrome vocabulary of government web pages, and the pass that drops it from pasted text."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import q
from docforge.text.dates import canonical_date
from docforge.text.web_chrome import chrome_line
from tests.conftest import FIXTURES

CHROME = [
    ("当前位置：首页 > 政务公开 > 财政预决算", "breadcrumb", ()),
    ("您当前的位置：首页 >> 信息公开", "breadcrumb", ()),
    (
        "索\u2002引\u2002号：11430000-2023-00012",
        "disclosure metadata",
        (("index", "11430000-2023-00012"),),
    ),
    (
        "文　　号：县财绩〔2023〕1号　时 效 性：有效",
        "disclosure metadata",
        (("docnumber", "县财绩〔2023〕1号"), ("validity", "有效")),
    ),
    (
        "来源：某县财政局 发布时间：2023-06-12 15:30 浏览次数：1234 【字体：大 中 小】 分享到：",
        "disclosure metadata",
        (("origin", "某县财政局"), ("published", "2023-06-12 15:30")),
    ),
    ("浏览次数：1234", "page counters", ()),
    ("主题分类：无", "page counters", ()),
    ("【字体：大 中 小】", "page controls", ()),
    ("【打印本页】【关闭窗口】", "page controls", ()),
    ("分享到：微信 微博 QQ空间", "page controls", ()),
    ("简体 | 繁體 | 无障碍", "page controls", ()),
    ("扫一扫在手机上查看当前页面", "page controls", ()),
    ("上一篇：关于某事的通知", "neighbouring articles", ()),
    ("相关链接", "related links", ()),
    ("附件下载", "related links", ()),
    ("主办单位：某县人民政府办公室 承办单位：某县大数据中心", "site footer", ()),
    ("网站标识码：4304000001 湘ICP备12345678号 湘公网安备 43040002000123号", "site footer", ()),
    ("版权所有：某县人民政府 联系电话：0734-7222222", "site footer", ()),
]
NOT_CHROME = [
    "一、部门概况",
    "填报日期：2023.1",
    "2022年度部门整体支出绩效自评报告",
    "本局内设股室8个。来源：县编办批复文件。",
    "时间紧、任务重，我局克服困难，按时完成各项工作。",
    "（一）主要职能。负责全县财政收支管理。",
    "附件：2022年度部门整体支出绩效自评表",
    "联系群众、服务群众是政协工作的重要内容，本年度组织委员开展走访活动12次。",
    "时间：2023年5月12日 地点：县政府第一会议室",
]


@pytest.mark.parametrize(
    ("line", "kind", "fields"), CHROME, ids=[c[1] + ":" + c[0][:8] for c in CHROME]
)
def test_chrome_lines_are_known_with_their_fields(line: str, kind: str, fields: tuple) -> None:
    found = chrome_line(line)
    assert found is not None and found.kind == kind
    assert found.fields == fields


@pytest.mark.parametrize("line", NOT_CHROME)
def test_report_lines_are_not_chrome(line: str) -> None:
    assert chrome_line(line) is None


def test_dates_in_portal_forms() -> None:
    assert canonical_date("2023-06-12 15:30") == "2023-06-12"
    assert canonical_date("2023年6月2日") == "2023-06-02"
    assert canonical_date("2023/13/01") is None


def test_pasted_page_loses_its_chrome_and_keeps_its_metadata() -> None:
    root = convert_to_xml(FIXTURES / "normalize" / "web-pasted.txt")
    changes = [(c.get("kind"), c.findtext(q("before"))) for c in root.iter(q("change"))]
    dropped = [before for kind, before in changes if kind == "drop-web-noise"]
    moved = [before for kind, before in changes if kind == "move-to-metadata"]
    assert dropped[:3] == [
        "网站首页",
        "政务公开",
        "当前位置：首页 > 政务公开 > 财政资金 > 部门整体支出绩效",
    ]
    assert (
        dropped[-1].startswith("网站标识码") and "某县财政局" in dropped
    )  # a related link's title
    assert len(moved) == 3 and moved[-1].startswith("来源：")
    disclosure = root.find(f"{q('meta')}/{q('disclosure')}")
    assert [(etree_name(el), el.text) for el in disclosure] == [
        ("index", "431121000-2023-00031"),
        ("publisher", "某县农业农村局"),
        ("published", "2023-06-12"),
        ("origin", "某县农业农村局"),
        ("subject", "财政"),
    ]
    body = "".join(root.find(q("body")).itertext())
    assert (
        "来源：县编办批复文件" in body and "联系电话：0746-1234567" in body
    )  # inside the article: kept


def etree_name(el) -> str:
    return el.tag.split("}")[1]
