"""site.toml, readable addresses, change notes and the editor's wording, one piece at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.convert import convert_to_xml
from docforge.publish.addresses import slug_of, wanted_address
from docforge.publish.changenote import change_note
from docforge.publish.config import ConfigError, SiteConfig, find_config, load_config
from docforge.publish.messages import MESSAGES, Messages
from docforge.publish.warning_words import WARNING_WORDS, warning_text
from tests.conftest import FIXTURES, ROOT, seed


def test_defaults_work_without_a_file(tmp_path: Path) -> None:
    config = SiteConfig()
    assert config.name and config.base_url.endswith("/") and config.timezone == "Asia/Shanghai"
    assert find_config(None, tmp_path / "site.toml") == SiteConfig()
    assert [k.slug for k in config.kinds] == ["zhengti-jixiao", "juesuan", "yusuan", "xxgk-nianbao"]


def test_the_example_and_the_sample_configs_load() -> None:
    example = load_config(ROOT / "site.example.toml")
    assert example.host_org == "某某市财政局" and example.base_url == "https://jxgk.example.gov.cn/"
    assert example.review.require == ("title", "department", "year", "kind")
    sample = load_config(FIXTURES / "site.toml")
    assert sample.name == "示例部门绩效信息公开平台"


def test_times_are_shown_in_the_site_zone() -> None:
    evening_utc = "2026-12-01T18:30:00Z"
    assert SiteConfig().local_time(evening_utc) == "2026-12-02 02:30"
    assert SiteConfig(timezone="UTC").local_time(evening_utc, with_time=False) == "2026-12-01"


@pytest.mark.parametrize(
    ("text", "setting", "words"),
    [
        ('base_url = "example.gov.cn"', "base_url", "http://"),
        ('timezone = "Asia/Beijing"', "timezone", "不认识的时区"),
        ('nmae = "平台"', "", "不认识的设置 nmae"),
        ('name = ""', "name", "不能为空"),
        ('logo = "no-such-logo.png"', "logo", "找不到文件"),
        ('[review]\nrequire = ["year", "colour"]', "review.require", "colour"),
        ('[review]\nhold_all = "yes"', "review.hold_all", "true 或 false"),
        ('[[kinds]]\nname = "部门决算"\nslug = "决算"', "kinds 第1项.slug", "小写字母"),
        ('[fonts]\nfooter = "x.ttf"', "fonts.footer", "字体用途"),
        ('name = "平台', "", "第1行"),
    ],
)
def test_a_bad_setting_is_named_in_one_chinese_line(
    tmp_path: Path, text: str, setting: str, words: str
) -> None:
    path = tmp_path / "site.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and words in message
    assert caught.value.setting == setting


def test_files_are_relative_to_the_config_and_published_under_site(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "Logo.PNG").write_bytes(b"\x89PNG")
    path = tmp_path / "site.toml"
    path.write_text('logo = "img/Logo.PNG"\n', encoding="utf-8")
    config = load_config(path)
    assert (
        config.logo == str(tmp_path / "img" / "Logo.PNG") and config.logo_href == "_site/logo.png"
    )
    assert config.assets() == {"_site/logo.png": config.logo}


def test_addresses_are_pinyin_of_department_and_the_configured_kind() -> None:
    site = SiteConfig()
    assert slug_of("大祥区政治协商会议委员会", "x") == "daxiangquzhengzhixieshanghuiyiweiyuanhui"
    assert slug_of("ＡＢＣ局 2022", "x") == "abcju-2022"
    assert slug_of("", "bumen") == "bumen"
    assert (
        wanted_address("乐昌市财政局", 2022, "部门决算", None, site)
        == "2022/lechangshicaizhengju/juesuan"
    )
    assert (
        wanted_address(None, None, "年度工作要点", "工作要点", site)
        == "undated/gongzuoyaodian/niandugongzuoyaodian"
    )


def test_a_change_note_counts_what_differs() -> None:
    before = convert_to_xml(seed("000_3920c4ed8e26362b"))
    assert change_note(before, before, 1).startswith("与第1版相比：正文文字相同")
    text = seed("000_3920c4ed8e26362b").read_text(encoding="utf-8")
    assert "协商活动不少于8次" in text


def test_a_change_note_of_an_edited_report(tmp_path: Path) -> None:
    original = seed("000_3920c4ed8e26362b")
    edited = tmp_path / original.name
    text = original.read_text(encoding="utf-8").replace("协商活动不少于8次", "协商活动不少于10次")
    edited.write_text(text + "\n\n新增的一段说明。\n", encoding="utf-8")
    note = change_note(convert_to_xml(original), convert_to_xml(edited), 1)
    assert note == "与第1版相比：正文改动 1 处，新增 1 处。"


def test_every_message_has_both_languages() -> None:
    for key, (zh, en) in MESSAGES.items():
        assert any("\u4e00" <= c <= "\u9fff" for c in zh), key
        assert not any("\u4e00" <= c <= "\u9fff" for c in en.replace("年度", "")), key


def test_refusals_and_warnings_read_in_chinese() -> None:
    zh, en = Messages("zh"), Messages("en")
    assert zh.cause("not a PDF file (no %PDF header)") == "不是PDF文件"
    assert zh.cause("file too large (60 MiB, limit 50 MiB)").startswith("文件过大")
    assert en.cause("empty file") == "empty file"
    assert zh.reasons(("missing-year", "figure-errors:5")) == "未识别出年度；数字核对发现 5 处错误"
    for code in WARNING_WORDS:
        assert warning_text(code, "") != warning_text(code, "", "en")
    said = warning_text("reader", "dropped 14 lines of page furniture: '政协' ×7, 7 page numbers")
    assert said == "删除了 14 行页眉、页脚和页码：'政协' ×7，7 个页码"
